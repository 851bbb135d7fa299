"""The part of the imported ESCO graph that validation uses: what the data links to, not all of ESCO."""

from __future__ import annotations

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, SKOS

from balgraph.namespaces import BAL, ESCO
from balgraph.rdfio import parse_file, to_rdflib
from balgraph.services.validation import EscoContext, ShapesValidator
from balgraph.sources import ProjectSources

from .support import copy_project

SKILL = "http://data.europa.eu/esco/skill/"
IMPORTED_ESCO = f"""
@prefix esco: <http://data.europa.eu/esco/model#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

<{SKILL}linked> a skos:Concept, esco:Skill ;
    skos:prefLabel "linked skill"@en ;
    skos:definition [ esco:nodeLiteral "a definition" ] ;
    skos:broader <{SKILL}group> .
<{SKILL}group> a skos:Concept, esco:Skill ;
    skos:broader <{SKILL}top> .
<{SKILL}top> a skos:Concept, esco:Skill .
<{SKILL}unrelated> a skos:Concept, esco:Skill ;
    skos:broader <{SKILL}top> .
esco:Skill rdfs:subClassOf esco:Concept .
esco:Concept rdfs:label "ESCO concept"@en .
"""


def linking_data(*targets: str) -> rdflib.Graph:
    data = rdflib.Graph()
    for target in targets:
        data.add((rdflib.URIRef("https://w3id.org/balgraph/id/key-skill/k"), BAL.escoSkill, rdflib.URIRef(target)))
    return data


def esco_context() -> EscoContext:
    return EscoContext(ox.parse(IMPORTED_ESCO.encode(), ox.RdfFormat.TURTLE))


def test_context_has_linked_concept_ancestors_and_classes():
    context = esco_context().linked_from(linking_data(f"{SKILL}linked"))
    subjects = {str(s) for s in context.subjects() if isinstance(s, rdflib.URIRef)}

    assert subjects == {f"{SKILL}linked", f"{SKILL}group", f"{SKILL}top", str(ESCO.Skill), str(ESCO.Concept)}


def test_context_leaves_out_unlinked_concepts():
    context = esco_context().linked_from(linking_data(f"{SKILL}linked"))

    assert (rdflib.URIRef(f"{SKILL}unrelated"), None, None) not in context


def test_context_keeps_blank_nodes_of_linked_concepts():
    context = esco_context().linked_from(linking_data(f"{SKILL}linked"))
    definition = context.value(rdflib.URIRef(f"{SKILL}linked"), SKOS.definition)

    assert isinstance(definition, rdflib.BNode)
    assert context.value(definition, ESCO.nodeLiteral) == rdflib.Literal("a definition")


def test_context_is_empty_without_esco_links():
    context = esco_context().linked_from(linking_data())

    assert len(context) == 0


def test_validator_reads_data_esco_into_its_context(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "data" / "esco" / "more.ttl").write_text(IMPORTED_ESCO, encoding="utf-8")
    validator = ShapesValidator(ProjectSources(project))
    bundled = to_rdflib(parse_file(project / "data" / "esco" / "esco-linked.ttl"))
    linked_occupation = next(bundled.subjects(RDF.type, ESCO.Occupation))

    context = validator.esco.linked_from(linking_data(f"{SKILL}linked", str(linked_occupation)))
    assert (rdflib.URIRef(f"{SKILL}top"), RDF.type, ESCO.Skill) in context
    assert (linked_occupation, RDF.type, ESCO.Occupation) in context
    assert not set(validator.context.subjects()) & {rdflib.URIRef(f"{SKILL}unrelated"), linked_occupation}
