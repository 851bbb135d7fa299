"""The query page: example queries that run, results as a table, downloads per format, and the service description."""

from __future__ import annotations

import csv
import io

import pytest
import rdflib
import requests

from balgraph_site.query_page import EXAMPLES

from .pages import BROWSER_ACCEPT, get_page

SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")


def test_examples_cover_authorities_and_researchers():
    audiences = {example.audience for example in EXAMPLES}
    assert audiences == {"authority", "researcher"}
    for example in EXAMPLES:
        assert example.titles["nb"] != example.titles["en"], example.name


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_each_example_runs_and_shows_a_result(server, example):
    page = get_page(server.url + "/query", lang="en", example=example.name)
    assert page.find("section", class_="query-error") is None
    assert page.find("textarea", id="query").get_text().strip().startswith("PREFIX")
    results = page.find("section", class_="results")
    assert results is not None
    if "ASK" in example.text:
        assert results.find("p", class_="boolean-result")["data-boolean"] == "false"
    else:
        assert len(results.find("table").find("tbody").find_all("tr")) >= 1


def test_example_text_follows_the_page_language(server):
    nb = get_page(server.url + "/query", lang="nb", example=EXAMPLES[0].name).find("textarea").get_text()
    en = get_page(server.url + "/query", lang="en", example=EXAMPLES[0].name).find("textarea").get_text()
    assert 'VALUES ?language { "nb" }' in nb
    assert 'VALUES ?language { "en" }' in en


def test_table_links_resources_by_their_labels(server):
    page = get_page(server.url + "/query", lang="en", example="10-standards-overview")
    first_cell_link = page.find("table").find("tbody").find("a")
    assert first_cell_link["href"].startswith("/id/standard/")
    assert first_cell_link.get_text().startswith("Skills standard for")
    assert first_cell_link["title"].startswith("https://w3id.org/balgraph/id/standard/")


def test_invalid_query_is_explained_on_the_page(server):
    response = requests.get(server.url + "/query", params={"query": "SELECT WHERE {", "lang": "en"},
                            headers={"Accept": BROWSER_ACCEPT}, timeout=30)
    assert response.status_code == 400
    assert "malformed_query" in response.text
    assert 'id="query"' in response.text


@pytest.mark.parametrize("label, media_type", [("SPARQL JSON", "application/sparql-results+json"),
                                               ("SPARQL XML", "application/sparql-results+xml"),
                                               ("CSV", "text/csv"), ("TSV", "text/tab-separated-values")])
def test_select_results_download_in_each_format(server, label, media_type):
    page = get_page(server.url + "/query", lang="en", example="10-standards-overview")
    link = next(a for a in page.find("section", class_="results").select("ul.formats a") if a.get_text() == label)
    assert link.has_attr("download")

    response = requests.get(server.url + link["href"], timeout=30)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith(media_type)
    if media_type == "text/csv":
        rows = list(csv.reader(io.StringIO(response.text)))
        assert rows[0][:2] == ["standard", "role"]
        assert len(rows) >= 2


@pytest.mark.parametrize("label, media_type", [("Turtle", "text/turtle"), ("JSON-LD", "application/ld+json"),
                                               ("RDF/XML", "application/rdf+xml"), ("N-Triples", "application/n-triples")])
def test_construct_results_download_in_each_format(server, label, media_type):
    page = get_page(server.url + "/query", lang="en", example="70-standards-as-graph")
    link = next(a for a in page.find("section", class_="results").select("ul.formats a") if a.get_text() == label)

    response = requests.get(server.url + link["href"], timeout=30)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith(media_type)
    graph = rdflib.Graph().parse(data=response.content, format=media_type)
    assert len(graph) > 0


def test_browser_without_query_gets_the_query_page(server):
    page = get_page(server.url + "/sparql", lang="en")
    assert page.find("textarea", id="query") is not None
    assert page.find("section", class_="examples") is not None


@pytest.mark.parametrize("media_type", ["text/turtle", "application/ld+json", "application/rdf+xml",
                                        "application/n-triples"])
def test_service_description_at_the_endpoint(server, media_type):
    response = requests.get(server.url + "/sparql", headers={"Accept": media_type}, timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith(media_type)

    graph = rdflib.Graph().parse(data=response.content, format=media_type)
    endpoint = rdflib.URIRef(server.url + "/sparql")
    assert (endpoint, rdflib.RDF.type, SD.Service) in graph
    assert (endpoint, SD.endpoint, endpoint) in graph
    assert (endpoint, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert (endpoint, SD.resultFormat, rdflib.URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON")) in graph
    names = set(graph.objects(None, SD.name))
    assert rdflib.URIRef("https://w3id.org/balgraph/graph/standards") in names


def test_endpoint_without_query_still_refuses_plain_clients(server):
    response = requests.get(server.url + "/sparql", headers={"Accept": "text/plain"}, timeout=30)
    assert response.status_code == 400
    assert response.text.startswith("missing_query:")
