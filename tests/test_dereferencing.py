"""Every role and skills standard dereferences over HTTP in HTML and in each RDF format."""

from __future__ import annotations

import html
import json
import re

import pytest
import rdflib
import requests
from SPARQLWrapper import JSON, SPARQLWrapper

RDF_FORMATS = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
    "application/n-triples": "nt",
}
BASE = "https://w3id.org/balgraph/"


def published_iris(server, rdf_class: str) -> list[str]:
    endpoint = SPARQLWrapper(server.url + "/sparql")
    endpoint.setQuery(f"SELECT ?s WHERE {{ ?s a <https://w3id.org/balgraph/ontology#{rdf_class}> }}")
    endpoint.setReturnFormat(JSON)
    return sorted(row["s"]["value"] for row in endpoint.queryAndConvert()["results"]["bindings"])


def path_of(iri: str) -> str:
    assert iri.startswith(BASE)
    return "/" + iri[len(BASE):]


@pytest.mark.parametrize("rdf_class", ["Role", "SkillsStandard"])
@pytest.mark.parametrize("media_type", list(RDF_FORMATS))
def test_every_resource_dereferences_in_each_rdf_format(server, rdf_class, media_type):
    iris = published_iris(server, rdf_class)
    assert len(iris) >= 5
    for iri in iris:
        response = requests.get(server.url + path_of(iri), headers={"Accept": media_type}, timeout=10)
        assert response.status_code == 200, iri
        assert response.headers["Content-Type"].startswith(media_type)
        assert "Accept" in response.headers["Vary"]
        graph = rdflib.Graph().parse(data=response.content, format=RDF_FORMATS[media_type])
        assert (rdflib.URIRef(iri), rdflib.RDF.type,
                rdflib.URIRef(f"https://w3id.org/balgraph/ontology#{rdf_class}")) in graph


@pytest.mark.parametrize("rdf_class", ["Role", "SkillsStandard"])
def test_every_resource_has_an_html_page_with_its_label(server, rdf_class):
    for iri in published_iris(server, rdf_class):
        response = requests.get(server.url + path_of(iri), headers={"Accept": "text/html"}, timeout=10)
        assert response.status_code == 200
        assert response.headers["Content-Type"].startswith("text/html")
        assert iri in response.text


def test_page_language_follows_accept_language(server):
    iri = published_iris(server, "SkillsStandard")[0]
    graph = rdflib.Graph().parse(data=requests.get(server.url + path_of(iri),
                                                   headers={"Accept": "text/turtle"}, timeout=10).content,
                                 format="turtle")
    labels = {label.language: str(label) for label in graph.objects(rdflib.URIRef(iri), rdflib.RDFS.label)}

    norwegian = requests.get(server.url + path_of(iri), headers={"Accept-Language": "nb-NO,nb;q=0.9"}, timeout=10)
    english = requests.get(server.url + path_of(iri), headers={"Accept-Language": "en-GB,en;q=0.9"}, timeout=10)
    assert f"<h1>{labels['nb']}</h1>" in norwegian.text
    assert f"<h1>{labels['en']}</h1>" in english.text
    assert 'lang="nb"' in norwegian.text.split(">", 2)[1]


def test_language_switch_is_remembered(server):
    session = requests.Session()
    iri = published_iris(server, "Role")[0]
    first = session.get(server.url + path_of(iri) + "?lang=en", headers={"Accept-Language": "nb"}, timeout=10)
    second = session.get(server.url + path_of(iri), headers={"Accept-Language": "nb"}, timeout=10)
    assert '<html lang="en">' in first.text
    assert '<html lang="en">' in second.text


@pytest.mark.parametrize("accept, expected", [
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),
    ("text/turtle;q=0.5, application/ld+json", "application/ld+json"),
    ("application/n-triples, text/turtle;q=0.9", "application/n-triples"),
    ("*/*", "text/html"),
    ("text/*;q=0.1, application/rdf+xml;q=0.2", "application/rdf+xml"),
    ("text/html;q=0, text/*", "text/turtle"),
    ("", "text/html"),
])
def test_accept_header_chooses_the_format(server, accept, expected):
    iri = published_iris(server, "Role")[0]
    response = requests.get(server.url + path_of(iri), headers={"Accept": accept}, timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"].split(";")[0] == expected


def test_unavailable_type_gets_406_listing_the_available_ones(server):
    iri = published_iris(server, "Role")[0]
    response = requests.get(server.url + path_of(iri), headers={"Accept": "image/png"}, timeout=10)
    assert response.status_code == 406
    assert "text/turtle" in response.text


@pytest.mark.parametrize("name, media_type", [("ttl", "text/turtle"), ("jsonld", "application/ld+json"),
                                              ("rdf", "application/rdf+xml"), ("nt", "application/n-triples"),
                                              ("html", "text/html")])
def test_format_parameter_overrides_accept(server, name, media_type):
    iri = published_iris(server, "SkillsStandard")[0]
    response = requests.get(server.url + path_of(iri), params={"format": name},
                            headers={"Accept": "text/html"}, timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"].split(";")[0] == media_type


def test_unknown_format_parameter_is_a_400_naming_the_choices(server):
    iri = published_iris(server, "SkillsStandard")[0]
    response = requests.get(server.url + path_of(iri), params={"format": "yaml"}, timeout=10)
    assert response.status_code == 400
    assert "ttl" in response.text


def test_unknown_resource_is_404_in_both_languages(server):
    browser = "text/html,application/xhtml+xml,*/*;q=0.8"
    english = requests.get(server.url + "/id/role/no-such-role",
                           headers={"Accept": browser, "Accept-Language": "en"}, timeout=10)
    norwegian = requests.get(server.url + "/id/role/no-such-role",
                             headers={"Accept": browser, "Accept-Language": "nb"}, timeout=10)
    assert english.status_code == 404
    assert "Resource not found" in english.text
    assert "Fant ikke ressursen" in norwegian.text


def test_unknown_resource_is_a_plain_404_for_programs(server):
    response = requests.get(server.url + "/id/role/no-such-role", headers={"Accept": "text/turtle"}, timeout=10)
    assert response.status_code == 404
    assert response.text.startswith("not_found:")


def test_esco_occupation_has_a_page(server):
    endpoint = SPARQLWrapper(server.url + "/sparql")
    endpoint.setQuery("SELECT ?o WHERE { ?r <https://w3id.org/balgraph/ontology#escoOccupation> ?o } LIMIT 1")
    endpoint.setReturnFormat(JSON)
    occupation = endpoint.queryAndConvert()["results"]["bindings"][0]["o"]["value"]
    response = requests.get(server.url + "/resource", params={"iri": occupation}, timeout=10)
    assert response.status_code == 200
    assert occupation in response.text


def test_void_description_lists_size_space_and_endpoint(server):
    response = requests.get(server.url + "/.well-known/void", headers={"Accept": "text/turtle"}, timeout=10)
    graph = rdflib.Graph().parse(data=response.content, format="turtle")
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    dataset = rdflib.URIRef(BASE + "dataset")

    assert graph.value(dataset, void.uriSpace) == rdflib.Literal(BASE + "id/")
    assert graph.value(dataset, void.sparqlEndpoint) == rdflib.URIRef(BASE + "sparql")
    assert int(graph.value(dataset, void.triples)) > 1000
    assert rdflib.URIRef("https://w3id.org/balgraph/ontology#") in set(graph.objects(dataset, void.vocabulary))


def test_jsonld_document_is_about_the_requested_iri(server):
    iri = published_iris(server, "SkillsStandard")[0]
    response = requests.get(server.url + path_of(iri), headers={"Accept": "application/ld+json"}, timeout=10)
    document = json.loads(response.text)
    assert iri in {node.get("@id") for node in document}


def test_plain_text_errors_are_english_whatever_the_language(server):
    response = requests.get(server.url + "/no-such-page",
                            headers={"Accept": "text/plain", "Accept-Language": "nb"}, timeout=10)
    assert response.status_code == 404
    assert response.text == "not_found: The published graph holds no resource at this address.\n"


def test_every_page_varies_by_language(server):
    for path in ("/", "/id/role/sound-technician", "/sparql"):
        response = requests.get(server.url + path, headers={"Accept": "text/html"}, timeout=10)
        vary = {value.strip() for value in response.headers["Vary"].split(",")}
        assert {"Accept-Language", "Cookie"} <= vary, path


def test_links_on_a_page_all_resolve(server):
    page = requests.get(server.url + "/id/standard/sound-technician", headers={"Accept": "text/html"}, timeout=10)
    links = set(re.findall(r'href="(/[^"#]*)', page.text))
    assert len(links) > 20
    for link in sorted(links):
        target = requests.get(server.url + html.unescape(link), headers={"Accept": "text/html"}, timeout=10)
        assert target.status_code == 200, link
