"""Properties of the mapping between IRIs and server paths, and of query-parameter decoding."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pyoxigraph as ox
import requests
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from balgraph_site.resources import iri_for_path, path_for_iri

BASE = "https://w3id.org/balgraph/"
HTTP_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text of IRI paths: any character allowed in an IRI (RFC 3987) but "#" and "?", which would end the path.
iri_path_characters = st.characters(blacklist_categories=("Cs", "Cc"),
                                    blacklist_characters=' <>"{}|\\^`#?\x7f')
iri_paths = st.text(iri_path_characters, min_size=1, max_size=40)
# Percent-encoded triples in the IRI itself, which must not be decoded on the way.
encoded_parts = st.from_regex(r"%[0-9A-F]{2}", fullmatch=True)
paths_with_escapes = st.lists(st.one_of(iri_paths, encoded_parts), min_size=1, max_size=5).map("".join)


def is_iri(text: str) -> bool:
    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return True


@given(paths_with_escapes)
def test_path_decodes_back_to_the_iri(rest):
    iri = BASE + "id/" + rest
    assume(is_iri(iri))
    path = path_for_iri(iri, BASE)

    assert path.isascii()
    assert re.fullmatch(r"[A-Za-z0-9/:@!$&'()*+,;=._~-]*(?:%[0-9A-F]{2}[A-Za-z0-9/:@!$&'()*+,;=._~-]*)*", path)
    assert iri_for_path(unquote(path), BASE) == iri


@given(st.text(max_size=30))
def test_iri_outside_the_base_has_no_path(rest):
    assume(not ("http://example.org/" + rest).startswith(BASE))
    assert path_for_iri("http://example.org/" + rest, BASE) is None


@HTTP_SETTINGS
@given(paths_with_escapes)
def test_server_looks_up_the_exact_iri(server, rest):
    # An IRI the graph lacks gets a 404 that names the IRI the server derived from the path.
    iri = BASE + "id/" + rest
    assume(is_iri(iri) and not rest.startswith("/"))
    # Clients remove "." and ".." segments before sending, so such IRIs have no path of their own.
    assume(not re.search(r"(?:^|/)\.{1,2}(?:/|$)", rest))
    response = requests.get(server.url + path_for_iri(iri, BASE), headers={"Accept": "text/turtle"},
                            timeout=10, allow_redirects=False)
    assert response.status_code == 404
    assert response.text == f"not_found: No resource {iri} in the published graph.\n"


def sparql_string(text: str) -> str:
    escapes = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}
    return '"' + "".join(escapes.get(char, char) for char in text) + '"'


query_texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)


@HTTP_SETTINGS
@given(query_texts)
def test_query_parameter_decodes_exactly(server, value):
    query = f"SELECT ?v WHERE {{ BIND({sparql_string(value)} AS ?v) }}"
    accept = {"Accept": "application/sparql-results+json"}
    answers = [
        requests.get(server.url + "/sparql", params={"query": query}, headers=accept, timeout=10),
        requests.post(server.url + "/sparql", data={"query": query}, headers=accept, timeout=10),
        requests.post(server.url + "/sparql", data=query.encode(), timeout=10,
                      headers={**accept, "Content-Type": "application/sparql-query; charset=utf-8"}),
    ]
    for response in answers:
        assert response.status_code == 200, response.text
        assert response.json()["results"]["bindings"][0]["v"]["value"] == value
