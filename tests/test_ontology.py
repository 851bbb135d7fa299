"""The ontology files: bilingual labels and definitions, version header, levels and the generated namespace."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from .support import PROJECT, copy_project, run_balgraph

BAL = rdflib.Namespace("https://w3id.org/balgraph/ontology#")
ONTOLOGY = rdflib.URIRef("https://w3id.org/balgraph/ontology")
ALIGNMENTS = rdflib.URIRef("https://w3id.org/balgraph/ontology/alignments")
VANN = rdflib.Namespace("http://purl.org/vocab/vann/")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
ID = "https://w3id.org/balgraph/id/"
CATEGORIES = ("knowledge", "skills", "general-competence")
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


def parse(*patterns: str) -> rdflib.Graph:
    graph = rdflib.Graph()
    for pattern in patterns:
        for path in sorted(PROJECT.glob(pattern)):
            graph.parse(path)
    return graph


def texts_by_language(graph: rdflib.Graph, subject, predicate) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for literal in graph.objects(subject, predicate):
        found.setdefault(getattr(literal, "language", None) or "", []).append(str(literal).strip())
    return found


def bal_terms(graph: rdflib.Graph) -> list[rdflib.URIRef]:
    return sorted({s for t in TERM_TYPES for s in graph.subjects(RDF.type, t) if str(s).startswith(str(BAL))})


ONTOLOGY_GRAPH = parse("ontology/*.ttl")


def test_ontology_declares_the_terms_of_the_method():
    terms = {str(term)[len(str(BAL)):] for term in bal_terms(ONTOLOGY_GRAPH)}
    expected = {"Interview", "IdentifiedSkill", "KeySkill", "LearningOutcome", "SkillsStandard",
                "IndividualSkillsSet", "EducationStandard", "Person", "Evidence", "Interviewer",
                "MatchReport", "MatchItem", "TransversalKeySkill", "placement", "polePosition",
                "describes", "documentedBy", "basedOn", "credits", "provider", "holder", "pseudonym"}
    assert expected <= terms, sorted(expected - terms)


@pytest.mark.parametrize("term", bal_terms(ONTOLOGY_GRAPH), ids=lambda term: term.split("#")[-1])
def test_term_has_one_label_and_definition_per_language(term):
    labels = texts_by_language(ONTOLOGY_GRAPH, term, RDFS.label)
    definitions = texts_by_language(ONTOLOGY_GRAPH, term, SKOS.definition)
    for lang in ("nb", "en"):
        assert len(labels.get(lang, [])) == 1, f"{term} needs exactly one rdfs:label@{lang}"
        assert len(definitions.get(lang, [])) == 1, f"{term} needs exactly one skos:definition@{lang}"
        assert definitions[lang][0].endswith("."), f"{term}: the {lang} definition is not a sentence"


def test_vocabulary_concepts_have_labels_and_definitions_in_both_languages():
    vocabularies = parse("ontology/vocabularies/*.ttl")
    missing = []
    for concept in set(vocabularies.subjects(SKOS.inScheme, None)):
        for predicate in (SKOS.prefLabel, SKOS.definition):
            languages = texts_by_language(vocabularies, concept, predicate)
            missing += [f"{concept} {predicate} @{lang}" for lang in ("nb", "en") if lang not in languages]
    assert missing == []


def test_core_header_has_version_prior_version_licence_and_prefix():
    header = ONTOLOGY_GRAPH
    assert header.value(ONTOLOGY, OWL.versionInfo) == rdflib.Literal("0.2.0")
    assert header.value(ONTOLOGY, OWL.versionIRI) == rdflib.URIRef(str(ONTOLOGY) + "/0.2.0")
    assert header.value(ONTOLOGY, OWL.priorVersion) == rdflib.URIRef(str(ONTOLOGY) + "/0.1.0")
    assert header.value(ONTOLOGY, DCTERMS.license) is not None
    assert header.value(ONTOLOGY, VANN.preferredNamespacePrefix) == rdflib.Literal("bal")
    assert header.value(ONTOLOGY, VANN.preferredNamespaceUri) == rdflib.Literal(str(BAL))


def test_changelog_describes_the_current_version():
    version = str(ONTOLOGY_GRAPH.value(ONTOLOGY, OWL.versionInfo))
    changelog = (PROJECT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## {re.escape(version)}$", changelog, re.MULTILINE)


def test_core_imports_nothing_and_alignments_import_the_core():
    core = parse("ontology/balgraph.ttl")
    alignments = parse("ontology/alignments.ttl")
    assert list(core.objects(None, OWL.imports)) == []
    assert list(alignments.objects(ALIGNMENTS, OWL.imports)) == [ONTOLOGY]


def test_alignments_map_standards_and_outcomes_to_elm():
    elm = rdflib.Namespace("http://data.europa.eu/snb/model/elm/")
    graph = ONTOLOGY_GRAPH
    assert (BAL.SkillsStandard, RDFS.subClassOf, elm.LearningAchievementSpecification) in graph
    assert (BAL.EducationStandard, RDFS.subClassOf, elm.Qualification) in graph
    assert (BAL.LearningOutcome, RDFS.subClassOf, elm.LearningOutcome) in graph


def test_alignment_terms_exist_in_the_elm_ontology(elm_reference):
    elm_graph = rdflib.Graph().parse(elm_reference / "ELM.ttl")
    used = {o for o in ONTOLOGY_GRAPH.objects() if str(o).startswith("http://data.europa.eu/snb/model/elm/")}
    used |= {s for s in ONTOLOGY_GRAPH.subjects() if str(s).startswith("http://data.europa.eu/snb/model/elm/")}
    assert used
    for term in used:
        assert (term, RDF.type, None) in elm_graph, f"{term} is not defined in ELM.ttl"


def test_nkr_levels_reference_eqf_levels_with_eu_identifiers():
    levels = parse("ontology/vocabularies/levels.ttl")
    expected = {"1": 1, "2": 2, "3": 3, "4": 4, "5.1": 5, "5.2": 5, "6": 6, "7": 7, "8": 8}
    for notation, eqf in expected.items():
        level = rdflib.URIRef(f"{ID}nkr/{notation}")
        assert (level, RDF.type, BAL.NKRLevel) in levels
        assert levels.value(level, BAL.eqfLevel) == rdflib.URIRef(f"http://data.europa.eu/snb/eqf/{eqf}")
    for eqf in range(1, 9):
        assert (rdflib.URIRef(f"http://data.europa.eu/snb/eqf/{eqf}"), RDF.type, BAL.EQFLevel) in levels


def test_every_level_has_a_descriptor_per_category():
    levels = parse("ontology/vocabularies/levels.ttl")
    described = [f"{ID}nkr/{n}" for n in ("2", "3", "4", "5.1", "5.2", "6", "7", "8")]
    described += [f"http://data.europa.eu/snb/eqf/{n}" for n in range(1, 9)]
    for level in described:
        categories = {str(levels.value(d, BAL.category)) for d in levels.objects(rdflib.URIRef(level), BAL.hasDescriptor)}
        assert categories == {f"{ID}category/{c}" for c in CATEGORIES}, level
        for descriptor in levels.objects(rdflib.URIRef(level), BAL.hasDescriptor):
            assert set(texts_by_language(levels, descriptor, SKOS.definition)) == {"nb", "en"}, descriptor


def test_levels_use_no_unverified_qdr_identifiers():
    text = (PROJECT / "ontology" / "vocabularies" / "levels.ttl").read_text(encoding="utf-8")
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert "/snb/qdr/" not in code


def test_generated_namespace_module_matches_the_ontology():
    result = run_balgraph("vocab", "--check")
    assert result.returncode == 0, result.stderr
    assert "matches the ontology" in result.stdout


def test_vocab_check_fails_after_a_term_is_added(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "balgraph").mkdir()
    shutil.copy(PROJECT / "balgraph" / "vocab.py", project / "balgraph" / "vocab.py")
    with (project / "ontology" / "balgraph.ttl").open("a", encoding="utf-8") as ontology:
        ontology.write('\nbal:NewTerm a owl:Class ; rdfs:label "ny"@nb , "new"@en .\n')

    result = run_balgraph("--project", str(project), "vocab", "--check")
    assert result.returncode == 1
    assert "vocab.py differs from the ontology" in result.stderr

    assert run_balgraph("--project", str(project), "vocab").returncode == 0
    assert "NewTerm: URIRef  # new" in (project / "balgraph" / "vocab.py").read_text(encoding="utf-8")


def test_generated_namespace_rejects_unknown_terms():
    from balgraph.vocab import BAL as GENERATED

    assert str(GENERATED.KeySkill) == str(BAL.KeySkill)
    assert str(GENERATED.placement) == str(BAL.placement)
    with pytest.raises(AttributeError):
        GENERATED.KeySkills  # noqa: B018 - the misspelling must raise
