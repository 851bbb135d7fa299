"""The SPARQL 1.1 Protocol endpoint, driven by SPARQLWrapper and plain HTTP against the running server."""

from __future__ import annotations

import csv
import io
import time
import xml.etree.ElementTree as ElementTree

import pytest
import rdflib
import requests
from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper

STANDARDS_BY_DIMENSION = """
PREFIX bal: <https://w3id.org/balgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?standard ?role ?occupation
       (SUM(IF(?dimension = <https://w3id.org/balgraph/id/dimension/people-technology>, 1, 0)) AS ?peopleTechnology)
       (SUM(IF(?dimension = <https://w3id.org/balgraph/id/dimension/flexibility-routine>, 1, 0)) AS ?flexibilityRoutine)
       (SUM(IF(?dimension = <https://w3id.org/balgraph/id/dimension/pace-presence>, 1, 0)) AS ?pacePresence)
WHERE {
  ?standard a bal:SkillsStandard ; bal:forRole ?role ; bal:hasKeySkill ?skill .
  ?skill bal:dimension ?dimension .
  OPTIONAL { ?role bal:escoOccupation ?occupation }
}
GROUP BY ?standard ?role ?occupation
ORDER BY ?standard
"""


def wrapper(server, return_format=JSON, method="GET") -> SPARQLWrapper:
    endpoint = SPARQLWrapper(server.url + "/sparql")
    endpoint.setReturnFormat(return_format)
    endpoint.setMethod(method)
    return endpoint


def test_standards_with_role_dimensions_and_occupation(server):
    endpoint = wrapper(server)
    endpoint.setQuery(STANDARDS_BY_DIMENSION)
    rows = endpoint.queryAndConvert()["results"]["bindings"]

    standards = {row["standard"]["value"] for row in rows}
    assert len(standards) >= 5
    for row in rows:
        assert row["role"]["value"].startswith("https://w3id.org/balgraph/id/role/")
        assert row["occupation"]["value"].startswith("http://data.europa.eu/esco/occupation/")
        for dimension in ("peopleTechnology", "flexibilityRoutine", "pacePresence"):
            assert int(row[dimension]["value"]) >= 1, (row["standard"]["value"], dimension)


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_select_works_by_get_and_by_form_post(server, method):
    endpoint = wrapper(server, method=method)
    endpoint.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    rows = endpoint.queryAndConvert()["results"]["bindings"]
    assert int(rows[0]["n"]["value"]) > 1000


def test_query_as_direct_post_body(server):
    response = requests.post(server.url + "/sparql", data="ASK { ?s a <https://w3id.org/balgraph/ontology#Role> }",
                             headers={"Content-Type": "application/sparql-query",
                                      "Accept": "application/sparql-results+json"}, timeout=10)
    assert response.status_code == 200
    assert response.json()["boolean"] is True


def test_select_results_in_xml_csv_and_tsv(server):
    query = "SELECT ?role WHERE { ?role a <https://w3id.org/balgraph/ontology#Role> } ORDER BY ?role"

    endpoint = wrapper(server, XML)
    endpoint.setQuery(query)
    xml_roles = [node.firstChild.data for node in endpoint.query().convert().getElementsByTagName("uri")]

    endpoint = wrapper(server, CSV)
    endpoint.setQuery(query)
    csv_rows = list(csv.reader(io.StringIO(endpoint.queryAndConvert().decode())))

    endpoint = wrapper(server, TSV)
    endpoint.setQuery(query)
    tsv_lines = endpoint.queryAndConvert().decode().splitlines()

    assert len(xml_roles) >= 5
    assert csv_rows[0] == ["role"]
    assert [row[0] for row in csv_rows[1:]] == xml_roles
    assert tsv_lines[0] == "?role"
    assert tsv_lines[1:] == [f"<{iri}>" for iri in xml_roles]


def test_ask_in_xml(server):
    response = requests.get(server.url + "/sparql", params={"query": "ASK { ?s ?p ?o }"},
                            headers={"Accept": "application/sparql-results+xml"}, timeout=10)
    root = ElementTree.fromstring(response.content)
    assert root.find("{http://www.w3.org/2005/sparql-results#}boolean").text == "true"


@pytest.mark.parametrize("media_type, rdflib_format", [
    ("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
    ("application/rdf+xml", "xml"), ("application/n-triples", "nt"),
])
def test_construct_in_each_rdf_format(server, media_type, rdflib_format):
    query = ("CONSTRUCT { ?r a <https://w3id.org/balgraph/ontology#Role> } "
             "WHERE { ?r a <https://w3id.org/balgraph/ontology#Role> }")
    response = requests.get(server.url + "/sparql", params={"query": query}, headers={"Accept": media_type},
                            timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith(media_type)
    graph = rdflib.Graph().parse(data=response.content, format=rdflib_format)
    assert len(graph) >= 5


def test_describe_returns_rdf(server):
    response = requests.get(server.url + "/sparql", params={
        "query": "DESCRIBE ?s WHERE { ?s a <https://w3id.org/balgraph/ontology#SkillsStandard> } LIMIT 1"},
        headers={"Accept": "text/turtle"}, timeout=10)
    graph = rdflib.Graph().parse(data=response.content, format="turtle")
    assert len(graph) > 3


@pytest.mark.parametrize("request_kwargs", [
    {"method": "POST", "data": {"update": "INSERT DATA { <http://e/s> <http://e/p> 1 }"}},
    {"method": "POST", "data": "DROP ALL", "headers": {"Content-Type": "application/sparql-update"}},
    {"method": "GET", "params": {"update": "CLEAR ALL"}},
    {"method": "GET", "params": {"query": "INSERT DATA { <http://e/s> <http://e/p> 1 }"}},
    {"method": "GET", "params": {"query": "LOAD <http://127.0.0.1:9/data.ttl>"}},
])
def test_updates_are_refused(server, request_kwargs):
    response = requests.request(url=server.url + "/sparql", timeout=10, **request_kwargs)
    assert response.status_code == 403
    assert "read-only" in response.text


def test_service_is_refused_without_contacting_anyone(server):
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    response = requests.get(server.url + "/sparql", params={"query": query}, timeout=10)
    assert response.status_code == 400
    assert response.text.startswith("service_refused")


def test_word_service_inside_a_string_is_allowed(server):
    query = 'SELECT ("SERVICE" AS ?word) WHERE {}'
    response = requests.get(server.url + "/sparql", params={"query": query},
                            headers={"Accept": "application/sparql-results+json"}, timeout=10)
    assert response.status_code == 200
    assert response.json()["results"]["bindings"][0]["word"]["value"] == "SERVICE"


def test_malformed_query_gets_400_with_position(server):
    response = requests.get(server.url + "/sparql", params={"query": "SELECT ?s WHERE { ?s ?p }"}, timeout=10)
    assert response.status_code == 400
    assert response.text.startswith("malformed_query")


def test_runaway_query_is_stopped_and_the_server_keeps_answering(tmp_path, built_store):
    from .support import RunningServer
    slow = RunningServer(built_store, extra_env={"BALGRAPH_QUERY_TIMEOUT": "2"})
    try:
        query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        started = time.monotonic()
        response = requests.get(slow.url + "/sparql", params={"query": query}, timeout=60)
        elapsed = time.monotonic() - started

        assert response.status_code == 503
        assert response.text.startswith("query_timeout")
        assert elapsed < 15
        after = requests.get(slow.url + "/sparql", params={"query": "ASK { ?s ?p ?o }"},
                             headers={"Accept": "application/sparql-results+json"}, timeout=10)
        assert after.json()["boolean"] is True
    finally:
        slow.stop()


def test_oversized_result_is_refused(built_store):
    from .support import RunningServer
    small = RunningServer(built_store, extra_env={"BALGRAPH_MAX_RESULT_BYTES": "5000"})
    try:
        response = requests.get(small.url + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"}, timeout=30)
        assert response.status_code == 400
        assert response.text.startswith("result_too_large")
    finally:
        small.stop()


def test_oversized_request_body_is_413(server):
    response = requests.post(server.url + "/sparql", data={"query": "ASK {}" + " " * 2_000_000}, timeout=30)
    assert response.status_code == 413


def test_browser_gets_the_query_form(server):
    response = requests.get(server.url + "/sparql", headers={"Accept": "text/html"}, timeout=10)
    assert response.status_code == 200
    assert '<textarea id="query" name="query"' in response.text


def test_unsupported_content_type_is_415(server):
    response = requests.post(server.url + "/sparql", data="ASK {}", headers={"Content-Type": "text/plain"},
                             timeout=10)
    assert response.status_code == 415


def test_readme_example_queries_run_and_agree_with_the_data(server):
    from collections import Counter

    from rdflib.namespace import RDF

    from balgraph.namespaces import BAL

    from .support import PROJECT

    data = rdflib.Graph()
    for path in (PROJECT / "data" / "standards").glob("*.ttl"):
        data.parse(path)
    expected = {}
    for standard in data.subjects(RDF.type, BAL.SkillsStandard):
        role = data.value(standard, BAL.forRole)
        label = next(str(l) for l in data.objects(role, rdflib.RDFS.label) if l.language == "en")
        dimensions = Counter(str(data.value(s, BAL.dimension)).rsplit("/", 1)[1]
                             for s in data.objects(standard, BAL.hasKeySkill))
        expected[label] = (dimensions["people-technology"], dimensions["flexibility-routine"],
                           dimensions["pace-presence"])

    endpoint = wrapper(server)
    endpoint.setQuery((PROJECT / "docs" / "queries" / "standards-by-dimension.rq").read_text())
    rows = endpoint.queryAndConvert()["results"]["bindings"]
    found = {row["role"]["value"]: (int(row["peopleTechnology"]["value"]), int(row["flexibilityRoutine"]["value"]),
                                    int(row["pacePresence"]["value"])) for row in rows}
    assert found == expected

    for name in ("shared-transversal-skills.rq", "outcomes-by-sector-and-pole.rq"):
        endpoint.setQuery((PROJECT / "docs" / "queries" / name).read_text())
        assert endpoint.queryAndConvert()["results"]["bindings"], name


def test_head_answers_like_get(server):
    response = requests.head(server.url + "/sparql", params={"query": "ASK {}"},
                             headers={"Accept": "application/sparql-results+json"}, timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/sparql-results+json")


def test_invalid_graph_iri_is_a_400(server):
    response = requests.get(server.url + "/sparql", params={"query": "ASK {}", "default-graph-uri": "not an iri"},
                            timeout=10)
    assert response.status_code == 400
    assert response.text.startswith("invalid_graph_iri")


def test_huge_union_is_refused_before_it_runs(server):
    branches = " UNION ".join(f"{{ ?s <http://example.org/p{i}> ?o }}" for i in range(15_000))
    response = requests.post(server.url + "/sparql", data={"query": f"SELECT * WHERE {{ {branches} }}"},
                             timeout=30)
    assert response.status_code == 400
    assert response.text.startswith("query_too_large")


def test_deeply_nested_query_is_refused_and_the_endpoint_survives(server):
    query = "SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000
    response = requests.post(server.url + "/sparql", data={"query": query}, timeout=30)
    after = requests.get(server.url + "/sparql", params={"query": "ASK { ?s ?p ?o }"},
                         headers={"Accept": "application/sparql-results+json"}, timeout=10)
    assert response.status_code == 400
    assert response.text.startswith("query_too_deep")
    assert after.json()["boolean"] is True
