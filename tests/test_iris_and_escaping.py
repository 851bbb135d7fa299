"""IRIs with unicode, percent-encoded and reserved characters, and labels with markup, over HTTP.

The store here is built from a copy of the project with extra files of such resources: the build
accepts IRIs under the base only in the vocabularies folder outside the validated standards.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
import rdflib
import requests

from .support import RunningServer, copy_project, run_balgraph

BASE = "https://w3id.org/balgraph/"
SKOS_LABEL = rdflib.URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")
# Paths below /id/ as they appear in the IRI, that is, before the server's percent-encoding.
ODD_PATHS = {
    "unicode": "id/test/kafé-ærlig-øst-åpen",
    "non-Latin script": "id/test/技能/标准",
    "percent-encoded": "id/test/caf%C3%A9",
    "encoded slash": "id/test/a%2Fb",
    "encoded question mark and hash": "id/test/q%3Fx%23y",
    "reserved characters": "id/test/a;b=c,d+e!$&'()*@f:g",
    "double slash": "id/test/a//b",
    "tilde and dots": "id/test/~x/.y./z",
}
MARKUP_LABEL = '<script>alert("label")</script>'
MARKUP_NB_LABEL = '<img src=x onerror=alert(1)> & "sitat"'
ESCO_MARKUP_LABEL = "<b onmouseover=alert(2)>ESCO</b>"


def hostile_turtle() -> str:
    lines = ["@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ."]
    for name, path in ODD_PATHS.items():
        lines.append(f'<{BASE}{path}> skos:prefLabel "{name}"@en ; rdfs:seeAlso <{BASE}id/test/markup> .')
    lines.append(f"<{BASE}id/test/markup> rdfs:label {turtle_string(MARKUP_LABEL)}@en, "
                 f"{turtle_string(MARKUP_NB_LABEL)}@nb ;")
    lines.append(f"    rdfs:comment {turtle_string(MARKUP_LABEL)} ;")
    lines.append("    rdfs:seeAlso <http://data.europa.eu/esco/skill/markup-test> .")
    return "\n".join(lines) + "\n"


def hostile_esco_turtle() -> str:
    return ("@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
            f"<http://data.europa.eu/esco/skill/markup-test> skos:prefLabel {turtle_string(ESCO_MARKUP_LABEL)}@en .\n")


def turtle_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture(scope="module")
def odd_server(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("project"))
    (project / "ontology" / "vocabularies" / "odd-resources.ttl").write_text(hostile_turtle(), encoding="utf-8")
    (project / "data" / "esco" / "odd-resources.ttl").write_text(hostile_esco_turtle(), encoding="utf-8")
    store = tmp_path_factory.mktemp("store")
    result = run_balgraph("--project", str(project), "--store", str(store), "build")
    assert result.returncode == 0, result.stderr
    running = RunningServer(store, project=project)
    yield running
    running.stop()


def encoded(path: str) -> str:
    return "/" + quote(path, safe="/:@!$&'()*+,;=-._~")


@pytest.mark.parametrize("name", list(ODD_PATHS))
def test_odd_iri_dereferences_to_itself(odd_server, name):
    iri = BASE + ODD_PATHS[name]
    response = requests.get(odd_server.url + encoded(ODD_PATHS[name]), headers={"Accept": "text/turtle"},
                            timeout=10, allow_redirects=False)
    assert response.status_code == 200
    graph = rdflib.Graph().parse(data=response.content, format="turtle")
    assert graph.value(rdflib.URIRef(iri), SKOS_LABEL) == rdflib.Literal(name, lang="en")


@pytest.mark.parametrize("name", list(ODD_PATHS))
def test_resource_query_redirects_with_encoded_location(odd_server, name):
    iri = BASE + ODD_PATHS[name]
    response = requests.get(odd_server.url + "/resource", params={"iri": iri}, timeout=10, allow_redirects=False)
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location.isascii()
    assert not re.search(r"[\s\"<>\\^`{|}]", location)
    assert location.endswith(encoded(ODD_PATHS[name]))
    followed = requests.get(odd_server.url + location, headers={"Accept": "text/turtle"}, timeout=10)
    assert followed.status_code == 200
    assert rdflib.URIRef(iri) in set(rdflib.Graph().parse(data=followed.content, format="turtle").subjects())


def test_page_links_lead_back_to_each_odd_resource(odd_server):
    page = requests.get(odd_server.url + "/id/test/markup", headers={"Accept": "text/html"}, timeout=10)
    hrefs = set(re.findall(r'href="([^"]+)"', page.text))
    for path in ODD_PATHS.values():
        link = encoded(path).replace("&", "&amp;").replace("'", "&#39;")
        assert link in hrefs, path


def test_sparql_returns_odd_iris_unchanged(odd_server):
    query = "SELECT ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#seeAlso> ?o } "
    response = requests.get(odd_server.url + "/sparql", params={"query": query},
                            headers={"Accept": "application/sparql-results+json"}, timeout=10)
    found = {row["s"]["value"] for row in response.json()["results"]["bindings"]}
    assert {BASE + path for path in ODD_PATHS.values()} <= found


@pytest.mark.parametrize("path", ["/id/test/a%20b", "/id/test/a%00b", "/id/test/%3Cx%3E", "/id/test/a%zz",
                                  "/id/test/x%23y%23z"])
def test_path_that_is_no_iri_is_404(odd_server, path):
    response = requests.get(odd_server.url + path, headers={"Accept": "text/turtle"}, timeout=10)
    assert response.status_code == 404
    assert response.text.startswith("not_found")


@pytest.mark.parametrize("lang, label", [("en", MARKUP_LABEL), ("nb", MARKUP_NB_LABEL)])
def test_label_markup_shows_as_text(odd_server, lang, label):
    page = requests.get(odd_server.url + "/id/test/markup", headers={"Accept": "text/html", "Accept-Language": lang},
                        timeout=10)
    assert page.status_code == 200
    assert "<script>alert" not in page.text
    assert "<img src=x" not in page.text
    assert "<b onmouseover" not in page.text
    assert f"<h1>{escape_html(label)}</h1>" in page.text
    assert escape_html(ESCO_MARKUP_LABEL) in page.text


def test_linked_page_escapes_the_label(odd_server):
    page = requests.get(odd_server.url + encoded(ODD_PATHS["unicode"]),
                        headers={"Accept": "text/html", "Accept-Language": "en"}, timeout=10)
    assert "<script>alert" not in page.text
    assert escape_html(MARKUP_LABEL) in page.text


def escape_html(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&#34;").replace("'", "&#39;"))


HOSTILE_REQUESTS = [
    ("GET", "/id/<script>alert(1)</script>", {}),
    ("GET", "/id/test/markup?format=<script>x</script>", {}),
    ("GET", "/resource?iri=<script>alert(1)</script>", {}),
    ("GET", "/resource?iri=javascript:alert(1)", {}),
    ("GET", "/sparql?query=SELECT%20<script>", {}),
    ("GET", "/sparql?query=SELECT+*+WHERE+%7B+%3Fs+%3Fp+%3Fo+%7D&format=<b>", {}),
    ("GET", "/id/%ff%fe", {}),
    ("GET", "/no/such/<page>", {}),
    ("POST", "/sparql", {"data": b"\xff\xfe", "headers": {"Content-Type": "application/sparql-query"}}),
    ("POST", "/sparql", {"data": b"query=%ff", "headers": {"Content-Type": "application/x-www-form-urlencoded"}}),
    ("POST", "/sparql", {"data": "ASK {}", "headers": {"Content-Type": "multipart/form-data; boundary=x"}}),
    ("PUT", "/sparql", {}),
    ("DELETE", "/id/test/markup", {}),
    ("GET", "/static/../../etc/passwd", {}),
]


@pytest.mark.parametrize("method, path, extra", HOSTILE_REQUESTS, ids=[f"{m} {p}" for m, p, _ in HOSTILE_REQUESTS])
@pytest.mark.parametrize("accept", ["text/html", "text/plain", "*/*"])
def test_error_answers_hide_internals(odd_server, method, path, extra, accept):
    headers = {"Accept": accept, **extra.get("headers", {})}
    response = requests.request(method, odd_server.url + path, data=extra.get("data"), headers=headers, timeout=10)
    assert response.status_code < 500
    assert "Traceback" not in response.text
    assert not re.search(r"/(?:work|root|home|usr|tmp)/|site-packages|\.py\b|File \"", response.text)
    if response.headers.get("Content-Type", "").startswith("text/html"):
        assert "<script>" not in response.text
        assert "<b>" not in response.text
    else:
        # Plain text may quote the request, and browsers must not read it as HTML.
        assert response.headers.get("X-Content-Type-Options") == "nosniff"
