"""The ontology IRI over HTTP: generated documentation for browsers, the ontology itself in every RDF format."""

from __future__ import annotations

import html
import re

import pytest
import rdflib
import requests
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from .support import PROJECT

BAL = "https://w3id.org/balgraph/ontology#"
ONTOLOGY = rdflib.URIRef("https://w3id.org/balgraph/ontology")
ALIGNMENTS = rdflib.URIRef("https://w3id.org/balgraph/ontology/alignments")
RDF_FORMATS = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
    "application/n-triples": "nt",
}
NO_EXAMPLE = {"nb": "De publiserte dataene bruker ikke dette begrepet ennå.",
              "en": "The published data does not use this term yet."}


def ontology_files() -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in sorted((PROJECT / "ontology").glob("*.ttl")):
        graph.parse(path)
    return graph


def documented_terms(graph: rdflib.Graph) -> list[rdflib.URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return sorted({s for kind in kinds for s in graph.subjects(RDF.type, kind) if str(s).startswith(BAL)})


def term_sections(page: str) -> dict[str, str]:
    """Split the page into the sections of its terms, keyed by prefixed name (bal:KeySkill)."""
    sections = {}
    for match in re.finditer(r'<section class="term" id="([^"]+)">(.*?)</section>', page, re.DOTALL):
        sections["bal:" + match.group(1)] = html.unescape(match.group(2))
    return sections


def documentation(server, lang: str) -> str:
    response = requests.get(server.url + "/ontology",
                            headers={"Accept": "text/html", "Accept-Language": lang}, timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert "Accept" in response.headers["Vary"]
    return response.text


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_documentation_lists_every_term_with_both_languages(server, lang):
    page = documentation(server, lang)
    sections = term_sections(page)
    graph = ontology_files()
    assert f'<html lang="{lang}">' in page
    for term in documented_terms(graph):
        name = "bal:" + term[len(BAL):]
        assert name in sections, f"{name} is missing from the documentation"
        for other in ("nb", "en"):
            label = next(str(v) for v in graph.objects(term, RDFS.label) if v.language == other)
            definition = next(str(v) for v in graph.objects(term, SKOS.definition) if v.language == other)
            assert label in sections[name], f"{name}: {other} label missing"
            assert definition in sections[name], f"{name}: {other} definition missing"


def test_documented_properties_show_domain_range_and_an_example(server):
    sections = term_sections(documentation(server, "en"))
    placement = sections["bal:placement"]
    assert "bal:KeySkill" in placement
    assert "xsd:decimal [≥ -1, ≤ 1]" in placement
    assert "Functional" in placement
    has_key_skill = sections["bal:hasKeySkill"]
    assert "bal:EducationStandard or bal:IndividualSkillsSet or bal:SkillsStandard" in has_key_skill
    assert "Example from the data" in has_key_skill
    assert NO_EXAMPLE["en"] not in has_key_skill
    transversal = sections["bal:TransversalKeySkill"]
    assert "esco:skillReuseLevel value http://data.europa.eu/esco/skill-reuse-level/transversal" in transversal


def test_every_term_used_in_the_data_has_an_example(server):
    data = rdflib.Graph()
    for path in sorted((PROJECT / "data" / "standards").glob("*.ttl")):
        data.parse(path)
    for path in sorted((PROJECT / "ontology" / "vocabularies").glob("*.ttl")):
        data.parse(path)
    used = {p for p in data.predicates() if str(p).startswith(BAL)}
    used |= {o for o in data.objects(None, RDF.type) if str(o).startswith(BAL)}
    sections = term_sections(documentation(server, "nb"))
    for term in sorted(used):
        name = "bal:" + term[len(BAL):]
        assert NO_EXAMPLE["nb"] not in sections[name], f"{name} is used in the data but shows no example"


@pytest.mark.parametrize("media_type", list(RDF_FORMATS))
def test_ontology_iri_serves_the_core_in_each_rdf_format(server, media_type):
    response = requests.get(server.url + "/ontology", headers={"Accept": media_type}, timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith(media_type)
    graph = rdflib.Graph().parse(data=response.content, format=RDF_FORMATS[media_type])
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in graph
    assert graph.value(ONTOLOGY, OWL.versionInfo) == rdflib.Literal("0.2.0")
    assert (rdflib.URIRef(BAL + "KeySkill"), RDF.type, OWL.Class) in graph
    assert (ALIGNMENTS, RDF.type, OWL.Ontology) not in graph


def test_alignments_module_has_its_own_iri(server):
    response = requests.get(server.url + "/ontology/alignments", headers={"Accept": "text/turtle"}, timeout=30)
    assert response.status_code == 200
    graph = rdflib.Graph().parse(data=response.content, format="turtle")
    assert (ALIGNMENTS, OWL.imports, ONTOLOGY) in graph


def test_version_iri_serves_the_current_version_only(server):
    current = requests.get(server.url + "/ontology/0.2.0", headers={"Accept": "text/turtle"}, timeout=30)
    assert current.status_code == 200
    assert (ONTOLOGY, OWL.versionIRI, rdflib.URIRef(str(ONTOLOGY) + "/0.2.0")) in rdflib.Graph().parse(
        data=current.content, format="turtle")
    earlier = requests.get(server.url + "/ontology/0.1.0", headers={"Accept": "text/plain"}, timeout=30)
    assert earlier.status_code == 404
    assert earlier.text.startswith("version_not_found:")


def test_links_to_terms_land_on_their_section(server):
    page = requests.get(server.url + "/id/standard/sound-technician", headers={"Accept": "text/html"}, timeout=30)
    documented = term_sections(documentation(server, "en"))

    linked = set(re.findall(r'href="/ontology#([^"]+)"', page.text))
    assert linked
    assert {"bal:" + name for name in linked} <= set(documented)
