"""`balgraph build` and `balgraph validate` on the bundled data and on broken copies of it."""

from __future__ import annotations

import os
from pathlib import Path

import requests

from .support import RunningServer, copy_project, run_balgraph

BROKEN_KEY_SKILL = """
@prefix bal: <https://w3id.org/balgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/balgraph/id/key-skill/test/wrong-pole> a bal:KeySkill ;
    rdfs:label "Feil pol"@nb, "Wrong pole"@en ;
    bal:dimension <https://w3id.org/balgraph/id/dimension/pace-presence> ;
    bal:leansTo <https://w3id.org/balgraph/id/pole/technology> .
"""


def test_build_reports_triples_and_makes_a_current_build(built_store):
    current = built_store / "current"
    assert current.is_symlink()
    assert (current / "build.json").is_file()


def test_validate_accepts_the_bundled_standards():
    standards = sorted(str(p) for p in Path("data/standards").glob("*.ttl"))
    result = run_balgraph("validate", *standards)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "conforms" in result.stdout


def test_validate_names_focus_path_and_message_for_nonconforming_data(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text(BROKEN_KEY_SKILL, encoding="utf-8")

    result = run_balgraph("validate", "--lang", "en", str(broken))
    assert result.returncode == 1
    assert "https://w3id.org/balgraph/id/key-skill/test/wrong-pole" in result.stdout
    assert "Wrong pole" in result.stdout
    assert "[Violation]" in result.stdout


def test_validate_report_speaks_norwegian_on_request(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text(BROKEN_KEY_SKILL, encoding="utf-8")

    english = run_balgraph("validate", "--lang", "en", str(broken)).stdout
    norwegian = run_balgraph("validate", "--lang", "nb", str(broken)).stdout
    assert "Feil pol" in norwegian
    assert norwegian != english


def test_validate_names_file_and_line_of_a_syntax_error(tmp_path):
    broken = tmp_path / "syntax.ttl"
    broken.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b "open .\n')

    result = run_balgraph("validate", str(broken))
    assert result.returncode == 2
    assert f"{broken}:3" in result.stderr


def test_validate_rejects_an_unknown_suffix(tmp_path):
    odd = tmp_path / "data.txt"
    odd.write_text("nothing")

    result = run_balgraph("validate", str(odd))
    assert result.returncode == 2
    assert ".ttl" in result.stderr


def test_validate_never_expands_xml_entities(tmp_path):
    hostile = tmp_path / "entities.rdf"
    hostile.write_text('<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
                       '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n')

    result = run_balgraph("validate", str(hostile))
    assert result.returncode == 2
    assert "entities" in result.stderr


def test_failed_build_keeps_the_served_build(tmp_path):
    project = copy_project(tmp_path / "project")
    store = tmp_path / "store"
    assert run_balgraph("--project", str(project), "--store", str(store), "build").returncode == 0
    served_before = os.readlink(store / "current")
    server = RunningServer(store, project)
    try:
        (project / "data" / "standards" / "zz-broken.ttl").write_text(BROKEN_KEY_SKILL, encoding="utf-8")
        result = run_balgraph("--project", str(project), "--store", str(store), "build", env={"LANG": "en_GB.UTF-8"})

        assert result.returncode == 1
        assert "wrong-pole" in result.stderr
        # The wrong pole, the missing learning outcome and the missing placement, each once.
        assert result.stderr.count("  [Violation] ") == 3
        assert "(3 violations)" in result.stderr
        assert os.readlink(store / "current") == served_before
        assert requests.get(server.url + "/", timeout=10).status_code == 200
        answer = requests.get(server.url + "/sparql", params={"query": "ASK { ?s ?p ?o }"},
                              headers={"Accept": "application/sparql-results+json"}, timeout=10)
        assert answer.json()["boolean"] is True
    finally:
        server.stop()


def test_build_refuses_a_syntax_error_and_changes_nothing(tmp_path):
    project = copy_project(tmp_path / "project")
    store = tmp_path / "store"
    assert run_balgraph("--project", str(project), "--store", str(store), "build").returncode == 0
    builds_before = sorted(p.name for p in store.iterdir())
    (project / "data" / "standards" / "zz-syntax.ttl").write_text("<a> <b> .\n")

    result = run_balgraph("--project", str(project), "--store", str(store), "build")
    assert result.returncode == 2
    assert "zz-syntax.ttl:1" in result.stderr
    assert sorted(p.name for p in store.iterdir()) == builds_before
