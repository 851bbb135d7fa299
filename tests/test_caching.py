"""ETag and Last-Modified let a cache reuse responses until a new build is made current."""

from __future__ import annotations

import requests

from .support import RunningServer, copy_project, run_balgraph

ROLE_PATH = "/id/role/sound-technician"


def test_dereference_carries_etag_and_last_modified(server):
    response = requests.get(server.url + ROLE_PATH, headers={"Accept": "text/turtle"}, timeout=10)
    assert response.status_code == 200
    assert response.headers["ETag"].startswith('"')
    assert "Last-Modified" in response.headers
    assert "max-age=" in response.headers["Cache-Control"]


def test_matching_etag_answers_304_without_body(server):
    first = requests.get(server.url + ROLE_PATH, headers={"Accept": "text/turtle"}, timeout=10)
    again = requests.get(server.url + ROLE_PATH, timeout=10,
                         headers={"Accept": "text/turtle", "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["ETag"] == first.headers["ETag"]


def test_if_modified_since_the_build_answers_304(server):
    first = requests.get(server.url + ROLE_PATH, headers={"Accept": "text/turtle"}, timeout=10)
    again = requests.get(server.url + ROLE_PATH, timeout=10,
                         headers={"Accept": "text/turtle", "If-Modified-Since": first.headers["Last-Modified"]})
    assert again.status_code == 304


def test_each_representation_has_its_own_etag(server):
    turtle = requests.get(server.url + ROLE_PATH, headers={"Accept": "text/turtle"}, timeout=10)
    ntriples = requests.get(server.url + ROLE_PATH, headers={"Accept": "application/n-triples"}, timeout=10)
    assert turtle.headers["ETag"] != ntriples.headers["ETag"]
    stale = requests.get(server.url + ROLE_PATH, timeout=10,
                         headers={"Accept": "application/n-triples", "If-None-Match": turtle.headers["ETag"]})
    assert stale.status_code == 200


def test_language_switch_is_not_cached_for_everyone(server):
    response = requests.get(server.url + ROLE_PATH + "?lang=en", timeout=10)
    assert "Set-Cookie" in response.headers
    assert "private" in response.headers["Cache-Control"]
    assert "public" not in response.headers["Cache-Control"]


def test_errors_carry_no_etag(server):
    response = requests.get(server.url + "/id/role/no-such-role", headers={"Accept": "text/turtle"}, timeout=10)
    assert response.status_code == 404
    assert "ETag" not in response.headers


def test_new_build_changes_the_etag(tmp_path):
    project = copy_project(tmp_path / "project")
    store = tmp_path / "store"
    assert run_balgraph("--project", str(project), "--store", str(store), "build").returncode == 0
    running = RunningServer(store, project)
    try:
        old = requests.get(running.url + ROLE_PATH, headers={"Accept": "text/turtle"}, timeout=10)
        assert run_balgraph("--project", str(project), "--store", str(store), "build").returncode == 0
        new = requests.get(running.url + ROLE_PATH, timeout=10,
                           headers={"Accept": "text/turtle", "If-None-Match": old.headers["ETag"]})
        assert new.status_code == 200
        assert new.headers["ETag"] != old.headers["ETag"]
    finally:
        running.stop()
