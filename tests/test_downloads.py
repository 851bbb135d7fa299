"""Dumps per named graph, the downloads page, and the VoID and DCAT descriptions that point at them."""

from __future__ import annotations

import gzip

import pyoxigraph as ox
import pytest
import rdflib
import requests

from .pages import get_page

DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}


@pytest.fixture(scope="module")
def build_info(served_build):
    return served_build.__dict__


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("compressed", [False, True], ids=["plain", "gzip"])
def test_each_graph_downloads_whole_in_each_format(server, build_info, suffix, compressed):
    for graph, triples in build_info["graphs"].items():
        name = f"{graph.rsplit('/', 1)[-1]}.{suffix}" + (".gz" if compressed else "")
        response = requests.get(f"{server.url}/download/{name}", timeout=30)
        assert response.status_code == 200, name

        body = gzip.decompress(response.content) if compressed else response.content
        parsed = list(ox.parse(body, format=FORMATS[suffix]))
        assert len(parsed) == triples, name
        disposition = response.headers["Content-Disposition"]
        assert f'filename="balgraph-{graph.rsplit("/", 1)[-1]}-{build_info["build_id"]}.{suffix}' in disposition
        assert response.headers["Content-Type"].startswith("application/gzip" if compressed else "")


def test_whole_dataset_downloads_as_n_quads(server, build_info):
    response = requests.get(f"{server.url}/download/all.nq.gz", timeout=30)
    quads = list(ox.parse(gzip.decompress(response.content), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == build_info["triples"]
    assert {q.graph_name.value for q in quads} == set(build_info["graphs"])


def test_unknown_or_escaping_names_are_not_found(server):
    for name in ("secret.ttl", "..%2Fbuild.json", "sizes.json", "standards.ttl.gz.gz"):
        assert requests.get(f"{server.url}/download/{name}", timeout=30).status_code == 404, name


def test_repeated_download_can_be_answered_from_cache(server):
    first = requests.get(f"{server.url}/download/standards.ttl.gz", timeout=30)
    again = requests.get(f"{server.url}/download/standards.ttl.gz", headers={"If-None-Match": first.headers["ETag"]},
                         timeout=30)
    assert again.status_code == 304


def test_downloads_page_lists_graphs_and_version(server, build_info):
    page = get_page(server.url + "/download/", lang="en")
    text = page.get_text(" ")
    assert build_info["build_id"] in text
    assert build_info["created"] in text
    hrefs = {a["href"] for a in page.select("table.downloads a")}
    for graph in build_info["graphs"]:
        slug = graph.rsplit("/", 1)[-1]
        assert {f"/download/{slug}.{suffix}{gz}" for suffix in FORMATS for gz in ("", ".gz")} <= hrefs


def test_void_and_dcat_describe_the_dumps(server, build_info):
    response = requests.get(server.url + "/.well-known/void", headers={"Accept": "text/turtle"}, timeout=30)
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    dataset = rdflib.URIRef("https://w3id.org/balgraph/dataset")

    assert (dataset, rdflib.RDF.type, VOID.Dataset) in graph
    assert (dataset, rdflib.RDF.type, DCAT.Dataset) in graph
    assert str(graph.value(dataset, DCAT.version)) == build_info["build_id"]
    assert graph.value(dataset, DCAT.accessService) == rdflib.URIRef("https://w3id.org/balgraph/sparql")

    distributions = set(graph.objects(dataset, DCAT.distribution))
    assert len(distributions) == len(build_info["graphs"]) * 6 + 2
    standards = rdflib.URIRef("https://w3id.org/balgraph/graph/standards")
    dumps = set(graph.objects(standards, VOID.dataDump))
    assert rdflib.URIRef("https://w3id.org/balgraph/download/standards.nt.gz") in dumps
    for distribution in distributions:
        url = str(graph.value(distribution, DCAT.downloadURL))
        local = url.replace("https://w3id.org/balgraph", server.url)
        assert requests.head(local, timeout=30).status_code == 200, url


def test_dataset_page_shows_the_dcat_description(server):
    page = get_page(server.url + "/dataset", lang="en")
    text = page.get_text(" ")
    assert "distribution" in text
    assert "/download/standards.ttl.gz" in {a["href"] for a in page.find_all("a", href=True)}
