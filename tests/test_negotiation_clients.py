"""Content negotiation as real clients meet it: their Accept headers against the running server.

The headers are those that browsers, command-line tools, HTTP libraries and SPARQL clients
send. The SPARQLWrapper and rdflib ones are copied from those packages' sources.
"""

from __future__ import annotations

import pytest
import requests

RESOURCE = "/id/dimension/people-technology"
SELECT = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1"
NOT_ACCEPTABLE = 406
HTML, TTL, JSONLD, RDFXML, NT = ("text/html", "text/turtle", "application/ld+json", "application/rdf+xml",
                                 "application/n-triples")
SRJ, SRX, CSV, TSV = ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                      "text/tab-separated-values")

# client, Accept header (None: sent without one), expected type for a resource, a SELECT, a CONSTRUCT
CLIENTS = [
    ("Firefox", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", HTML, SRX, TTL),
    ("Firefox with webp", "text/html,application/xhtml+xml,application/xml;q=0.9,image/webp,*/*;q=0.8",
     HTML, SRX, TTL),
    ("Chrome", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,"
               "*/*;q=0.8,application/signed-exchange;v=b3;q=0.7", HTML, SRX, TTL),
    ("old WebKit", "application/xml,application/xhtml+xml,text/html;q=0.9,text/plain;q=0.8,image/png,*/*;q=0.5",
     HTML, SRX, TTL),
    ("Internet Explorer 11", "text/html, application/xhtml+xml, image/jxr, */*", HTML, SRJ, TTL),
    ("Internet Explorer 8", "image/gif, image/jpeg, image/pjpeg, application/x-ms-application, "
                            "application/xaml+xml, application/x-ms-xbap, */*", HTML, SRJ, TTL),
    ("browser fetch()", "*/*", HTML, SRJ, TTL),
    ("curl", "*/*", HTML, SRJ, TTL),
    ("Wget", "*/*", HTML, SRJ, TTL),
    ("HTTPie", "application/json, */*;q=0.5", HTML, SRJ, TTL),
    ("Java HttpURLConnection", "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2", HTML, SRJ, TTL),
    ("Go net/http", None, HTML, SRJ, TTL),
    ("SPARQLWrapper JSON", "application/sparql-results+json,application/json,text/javascript,"
                           "application/javascript", NOT_ACCEPTABLE, SRJ, NOT_ACCEPTABLE),
    ("SPARQLWrapper XML", "application/sparql-results+xml", NOT_ACCEPTABLE, SRX, NOT_ACCEPTABLE),
    ("SPARQLWrapper CSV", "text/csv", NOT_ACCEPTABLE, CSV, NOT_ACCEPTABLE),
    ("SPARQLWrapper TSV", "text/tab-separated-values", NOT_ACCEPTABLE, TSV, NOT_ACCEPTABLE),
    ("SPARQLWrapper Turtle", "application/turtle,text/turtle", TTL, NOT_ACCEPTABLE, TTL),
    ("SPARQLWrapper N3", "application/turtle,text/turtle,text/rdf+n3,application/n-triples,application/n3,text/n3",
     TTL, NOT_ACCEPTABLE, TTL),
    ("SPARQLWrapper RDF/XML", "application/rdf+xml", RDFXML, NOT_ACCEPTABLE, RDFXML),
    ("SPARQLWrapper JSON-LD", "application/ld+json,application/x-json+ld", JSONLD, NOT_ACCEPTABLE, JSONLD),
    ("rdflib Turtle", "text/turtle, application/x-turtle, */*;q=0.1", TTL, SRJ, TTL),
    ("rdflib RDF/XML", "application/rdf+xml, */*;q=0.1", RDFXML, SRJ, RDFXML),
    ("rdflib JSON-LD", "application/ld+json, application/json;q=0.9, */*;q=0.1", JSONLD, SRJ, JSONLD),
    ("rdflib N-Triples", "text/plain, */*;q=0.1", HTML, SRJ, TTL),
    ("rdflib N3", "text/n3, */*;q=0.1", HTML, SRJ, TTL),
    ("Jena SELECT", "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
                    "text/tab-separated-values;q=0.7, text/csv;q=0.5, application/json;q=0.2, "
                    "application/xml;q=0.2, */*;q=0.1", HTML, SRJ, TTL),
    ("Jena graph", "text/turtle,application/n-triples;q=0.9,application/ld+json;q=0.8,application/rdf+xml;q=0.7,"
                   "*/*;q=0.5", TTL, SRJ, TTL),
    ("Comunica", "application/n-quads,application/trig;q=0.95,application/ld+json;q=0.9,"
                 "application/n-triples;q=0.8,text/turtle;q=0.6,application/rdf+xml;q=0.5,text/n3;q=0.35,"
                 "application/xml;q=0.3,image/svg+xml;q=0.3,text/xml;q=0.3,text/html;q=0.2,"
                 "application/xhtml+xml;q=0.18,application/json;q=0.135,text/shaclc;q=0.1,"
                 "text/shaclc-ext;q=0.05", JSONLD, SRX, JSONLD),
    ("YASGUI SELECT", "application/sparql-results+json,*/*;q=0.9", HTML, SRJ, TTL),
    ("YASGUI CONSTRUCT", "text/turtle,*/*;q=0.9", TTL, SRJ, TTL),
    ("sparql-http-client CONSTRUCT", "application/n-triples", NT, NOT_ACCEPTABLE, NT),
    ("Turtle with charset", "text/turtle; charset=utf-8", TTL, NOT_ACCEPTABLE, TTL),
    ("feed reader", "application/rss+xml, application/rdf+xml;q=0.8, application/atom+xml;q=0.6, "
                    "application/xml;q=0.4, text/xml;q=0.4", RDFXML, SRX, RDFXML),
    ("linked-data browser", "text/turtle;q=1.0, application/rdf+xml;q=0.9, application/n-triples;q=0.8, "
                            "text/html;q=0.5", TTL, NOT_ACCEPTABLE, TTL),
]


def outcome(response: requests.Response):
    if response.status_code == NOT_ACCEPTABLE:
        return NOT_ACCEPTABLE
    assert response.status_code == 200, response.text
    return response.headers["Content-Type"].split(";")[0]


def headers_for(accept: str | None) -> dict:
    # requests adds "Accept: */*" unless told to send none.
    return {"Accept": accept} if accept is not None else {"Accept": None}


def test_table_has_enough_clients():
    assert len(CLIENTS) >= 30


@pytest.mark.parametrize("client, accept, resource, select, construct", CLIENTS, ids=[row[0] for row in CLIENTS])
def test_client_gets_expected_types(server, client, accept, resource, select, construct):
    page = requests.get(server.url + RESOURCE, headers=headers_for(accept), timeout=10)
    rows = requests.get(server.url + "/sparql", params={"query": SELECT}, headers=headers_for(accept), timeout=10)
    graph = requests.get(server.url + "/sparql", params={"query": CONSTRUCT}, headers=headers_for(accept),
                         timeout=10)

    assert outcome(page) == resource
    assert outcome(rows) == select
    assert outcome(graph) == construct


@pytest.mark.parametrize("path, params", [(RESOURCE, {}), ("/sparql", {"query": SELECT}),
                                          ("/sparql", {"query": CONSTRUCT})])
def test_406_lists_available_types(server, path, params):
    response = requests.get(server.url + path, params=params, headers={"Accept": "image/png, text/*;q=0"},
                            timeout=10)
    assert response.status_code == 406
    assert response.headers["Vary"].startswith("Accept")
    assert response.text.startswith("not_acceptable")
    listed = RDFXML if "CONSTRUCT" in params.get("query", "CONSTRUCT") else SRJ
    assert listed in response.text


@pytest.mark.parametrize("path, params", [(RESOURCE, {}), ("/sparql", {"query": SELECT}), ("/sparql", {})])
def test_every_answer_varies_on_accept(server, path, params):
    for accept in ("text/html", "text/turtle", "application/sparql-results+json", "image/png"):
        response = requests.get(server.url + path, params=params, headers={"Accept": accept}, timeout=10)
        assert "Accept" in [part.strip() for part in response.headers.get("Vary", "").split(",")], (accept, response)


@pytest.mark.parametrize("accept, expected", [
    ("text/turtle;q=0, */*", HTML),
    ("text/html;q=0, */*;q=0.5", TTL),
    ("*/*;q=0.5, text/html;q=0", TTL),
    ("text/*;q=0, */*", JSONLD),
    ("text/*, text/html;q=0.1", TTL),
    ("*/*;q=0", NOT_ACCEPTABLE),
    ("application/n-triples;q=0.9, */*;q=0.1, application/ld+json;q=0.95", JSONLD),
    ("TEXT/TURTLE;Q=0.5,  application/rdf+xml ;  q=0.4", TTL),
    ('application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted, x";q=0.9, text/turtle;q=0.8', JSONLD),
    ("text/turtle;q=1.000, text/html;q=0.999", TTL),
])
def test_resource_negotiation_rules(server, accept, expected):
    response = requests.get(server.url + RESOURCE, headers={"Accept": accept}, timeout=10)
    assert outcome(response) == expected


@pytest.mark.parametrize("accept, expected", [
    ("text/csv;q=0, */*", SRJ),
    ("application/sparql-results+json;q=0, application/json;q=0, */*;q=0.5", SRX),
    ("text/*", CSV),
    ("text/tab-separated-values, text/*;q=0.5", TSV),
])
def test_sparql_negotiation_rules(server, accept, expected):
    response = requests.get(server.url + "/sparql", params={"query": SELECT}, headers={"Accept": accept}, timeout=10)
    assert outcome(response) == expected
