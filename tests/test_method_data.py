"""The published data in the full model: interview provenance, placement and ESCO exactness."""

from __future__ import annotations

import pytest
import rdflib
from rdflib.namespace import PROV, RDF, SKOS
from SPARQLWrapper import JSON, SPARQLWrapper

from .support import PROJECT, run_balgraph

BAL = rdflib.Namespace("https://w3id.org/balgraph/ontology#")
ID = "https://w3id.org/balgraph/id/"
STAGE_PRODUCTION = rdflib.URIRef(ID + "sector/stage-production")
MAPPINGS = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)

KEY_SKILL_TEMPLATE = """
@prefix bal: <https://w3id.org/balgraph/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/balgraph/id/key-skill/test/skill> a bal:KeySkill ;
    rdfs:label "Test"@nb , "Test"@en ;
    bal:dimension <https://w3id.org/balgraph/id/dimension/people-technology> ;
    bal:leansTo <https://w3id.org/balgraph/id/pole/people> ;
    {extra}
    bal:hasLearningOutcome <https://w3id.org/balgraph/id/learning-outcome/test/skill/knowledge> .
<https://w3id.org/balgraph/id/learning-outcome/test/skill/knowledge> a bal:LearningOutcome ;
    dcterms:description "Kandidaten vet noe."@nb , "The candidate knows something."@en ;
    bal:category <https://w3id.org/balgraph/id/category/knowledge> ;
    bal:nkrLevel <https://w3id.org/balgraph/id/nkr/4> .
"""
SHOW_EMPATHY = "<http://data.europa.eu/esco/skill/77b636e8-fab3-41a8-8022-1e0a354059dc>"


@pytest.fixture(scope="module")
def data() -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in sorted((PROJECT / "data" / "standards").glob("*.ttl")):
        graph.parse(path)
    for path in sorted((PROJECT / "ontology" / "vocabularies").glob("*.ttl")):
        graph.parse(path)
    return graph


def test_stage_production_key_skills_come_from_interviews_about_their_role(data):
    standards = [s for s in data.subjects(RDF.type, BAL.SkillsStandard) if data.value(s, BAL.sector) == STAGE_PRODUCTION]
    assert len(standards) == 4
    for standard in standards:
        role = data.value(standard, BAL.forRole)
        interviews = set(data.objects(standard, PROV.wasDerivedFrom))
        assert interviews and all(data.value(i, BAL.aboutRole) == role for i in interviews), standard
        for key_skill in data.objects(standard, BAL.hasKeySkill):
            identified = list(data.objects(key_skill, PROV.wasDerivedFrom))
            assert identified, f"{key_skill} has no identified skills"
            for skill in identified:
                assert (skill, RDF.type, BAL.IdentifiedSkill) in data
                assert data.value(skill, PROV.wasGeneratedBy) in interviews, skill


def test_interviews_identify_no_one(data):
    for interview in data.subjects(RDF.type, BAL.Interview):
        assert (interview, BAL.illustrative, rdflib.Literal(True)) in data
        agent = data.value(interview, PROV.wasAssociatedWith)
        assert (agent, RDF.type, BAL.Interviewer) in data
        location = data.value(interview, PROV.atLocation)
        assert (location, RDF.type, PROV.Location) in data


def test_every_key_skill_placement_agrees_with_its_pole(data):
    key_skills = list(data.subjects(RDF.type, BAL.KeySkill))
    assert key_skills
    for key_skill in key_skills:
        placement = data.value(key_skill, BAL.placement)
        position = data.value(data.value(key_skill, BAL.leansTo), BAL.polePosition)
        assert placement is not None and -1 <= placement.toPython() <= 1, key_skill
        assert placement.toPython() * position.toPython() >= 0, key_skill


def test_every_esco_link_states_one_exactness(data):
    for link in (BAL.escoSkill, BAL.escoOccupation):
        for subject, target in data.subject_objects(link):
            stated = [m for m in MAPPINGS if (subject, m, target) in data]
            assert len(stated) == 1, (subject, target, stated)


@pytest.mark.parametrize("extra, problem", [
    (f"bal:placement 0.5 ; bal:escoSkill {SHOW_EMPATHY} ; skos:closeMatch {SHOW_EMPATHY} ;", "sign"),
    ("bal:placement -1.5 ;", "range"),
    (f"bal:placement -0.5 ; bal:escoSkill {SHOW_EMPATHY} ;", "exactness"),
    ("", "missing placement"),
])
def test_shapes_reject_bad_placement_and_missing_exactness(tmp_path, extra, problem):
    path = tmp_path / "key-skill.ttl"
    path.write_text(KEY_SKILL_TEMPLATE.replace("{extra}", extra), encoding="utf-8")
    result = run_balgraph("validate", "--lang", "en", str(path))
    assert result.returncode == 1, problem
    assert "https://w3id.org/balgraph/id/key-skill/test/skill" in result.stdout


def test_shapes_accept_a_consistent_key_skill(tmp_path):
    path = tmp_path / "key-skill.ttl"
    extra = f"bal:placement -0.5 ; bal:escoSkill {SHOW_EMPATHY} ; skos:relatedMatch {SHOW_EMPATHY} ;"
    path.write_text(KEY_SKILL_TEMPLATE.replace("{extra}", extra), encoding="utf-8")
    result = run_balgraph("validate", "--lang", "en", str(path))
    assert result.returncode == 0, result.stdout


def test_readme_query_traces_an_outcome_to_its_interviews(server):
    endpoint = SPARQLWrapper(server.url + "/sparql")
    endpoint.setQuery((PROJECT / "docs" / "queries" / "outcome-provenance.rq").read_text(encoding="utf-8"))
    endpoint.setReturnFormat(JSON)
    rows = endpoint.queryAndConvert()["results"]["bindings"]
    assert [row["interview"]["value"] for row in rows] == ["Interview 1 with a sound technician",
                                                          "Interview 2 with a sound technician"]
    assert {row["keySkill"]["value"] for row in rows} == {"Communication with performers"}
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    for row in rows:
        assert row["identifiedSkill"]["value"] in readme
