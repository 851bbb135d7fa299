"""The shapes against their fixtures: exact focus node, path, constraint component and shape of each result."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDF, SH

from balgraph.rdfio import parse_file, to_rdflib
from balgraph.services.validation import ShapesValidator, ValidationReport
from balgraph.sources import ProjectSources

from .support import PROJECT

FIXTURES = PROJECT / "tests" / "fixtures" / "shapes"
BALSH = "https://w3id.org/balgraph/shapes#"
# Shapes that other parts of the project own, with fixtures of their own.
OTHER_SHAPE_FILES = {"match-shapes.ttl"}

# Short forms used in the table below.
PREFIXES = {
    "https://w3id.org/balgraph/id/": "",
    "https://w3id.org/balgraph/ontology#": "bal:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://purl.org/dc/terms/": "dcterms:",
    "http://www.w3.org/ns/prov#": "prov:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://data.europa.eu/esco/": "esco/",
    "http://xmlns.com/foaf/0.1/": "foaf:",
}

# For each violating fixture: (focus node, path, constraint component, shape, value), all of them.
EXPECTED = {
    "education-standard.ttl": {
        ("education-standard/fixture-based-on-role", "bal:basedOn", "Class", "EducationStandardBasedOnClass", "role/sound-technician"),
        ("education-standard/fixture-integer-credits", "bal:credits", "Datatype", "EducationStandardCreditsRange", "30"),
        ("education-standard/fixture-level-5-1-with-90-credits", "bal:nkrLevel", "SPARQL", "EducationStandardLevelMatchesCredits", "nkr/5.1"),
        ("education-standard/fixture-negative-credits", "bal:credits", "MinExclusive", "EducationStandardCreditsRange", "-5.0"),
        ("education-standard/fixture-no-credits", "bal:credits", "MinCount", "EducationStandardCreditsRecommended", None),
        ("education-standard/fixture-no-level", "bal:nkrLevel", "MinCount", "EducationStandardNkrLevelCount", None),
        ("education-standard/fixture-no-provider", "bal:provider", "MinCount", "EducationStandardProviderRecommended", None),
        ("education-standard/fixture-role-as-provider", "bal:provider", "Class", "EducationStandardProviderClass", "role/sound-technician"),
        ("education-standard/fixture-two-credit-values", "bal:credits", "MaxCount", "EducationStandardCreditsCount", None),
        ("education-standard/fixture-two-providers", "bal:provider", "MaxCount", "EducationStandardProviderCount", None),
        ("organisation/fixture-no-label", "rdfs:label", "MinCount", "LabelCount", None),
    },
    "evidence.ttl": {
        ("evidence/fixture/date-as-text", "dcterms:date", "Datatype", "EvidenceDateDatatype", "15 March 2024"),
        ("evidence/fixture/no-date", "dcterms:date", "MinCount", "EvidenceDateRecommended", None),
        ("evidence/fixture/no-description", "dcterms:description", "MinCount", "EvidenceDescriptionCount", None),
        ("evidence/fixture/no-type", "bal:evidenceType", "MinCount", "EvidenceTypeCount", None),
        ("evidence/fixture/two-dates", "dcterms:date", "MaxCount", "EvidenceDateCount", None),
        ("evidence/fixture/unknown-type", "bal:evidenceType", "In", "EvidenceTypeValues", "evidence-type/rumour"),
    },
    "interview.ttl": {
        ("identified-skill/fixture/no-interview", "prov:wasGeneratedBy", "MinCount", "IdentifiedSkillInterviewCount", None),
        ("identified-skill/fixture/role-as-interview", "prov:wasGeneratedBy", "Class", "IdentifiedSkillInterviewClass", "role/sound-technician"),
        ("identified-skill/fixture/two-nb-labels", "rdfs:label", "UniqueLang", "LabelUniqueLang", None),
        ("interview/fixture-duration-as-text", "bal:duration", "Datatype", "InterviewDurationDatatype", "an hour and a half"),
        ("interview/fixture-interviewee-named", "prov:wasAssociatedWith", "Class", "InterviewInterviewerClass", "person/fixture-interviewee"),
        ("interview/fixture-no-interviewer", "prov:wasAssociatedWith", "MinCount", "InterviewInterviewerCount", None),
        ("interview/fixture-no-role", "bal:aboutRole", "MinCount", "InterviewAboutRoleCount", None),
        ("interview/fixture-sector-as-role", "bal:aboutRole", "Class", "InterviewAboutRoleClass", "sector/retail"),
        ("interview/fixture-start-as-date", "prov:startedAtTime", "Datatype", "InterviewStartedDatatype", "2024-03-15"),
        ("interview/fixture-two-durations", "bal:duration", "MaxCount", "InterviewDurationCount", None),
        ("interview/fixture-two-starts", "prov:startedAtTime", "MaxCount", "InterviewStartedCount", None),
        ("interview/fixture-unknown-sector", "bal:sector", "Class", "SectorClass", "sector/nowhere"),
        ("interviewer/fixture-no-label", "rdfs:label", "MinCount", "LabelCount", None),
    },
    "key-skill.ttl": {
        ("key-skill/fixture/claim-without-evidence", "bal:documentedBy", "SPARQL", "KeySkillClaimHasEvidence", None),
        ("key-skill/fixture/derived-from-interview-iri", "prov:wasDerivedFrom", "Class", "KeySkillDerivedFromClass", "interview/fixture-untyped"),
        ("key-skill/fixture/no-dimension", "bal:dimension", "MinCount", "KeySkillDimensionCount", None),
        ("key-skill/fixture/no-esco-skill", "bal:escoSkill", "MinCount", "KeySkillEscoSkillRecommended", None),
        ("key-skill/fixture/no-exactness", "bal:escoSkill", "SPARQL", "KeySkillEscoSkillExactnessStated", "esco/skill/001115fb-569f-4ee6-8381-c6807ef2527f"),
        ("key-skill/fixture/no-learning-outcome", "bal:hasLearningOutcome", "MinCount", "KeySkillLearningOutcomeCount", None),
        ("key-skill/fixture/no-pole", "bal:leansTo", "MinCount", "KeySkillLeansToCount", None),
        ("key-skill/fixture/occupation-as-skill", "bal:escoSkill", "Class", "KeySkillEscoSkillClass", "esco/occupation/061f56c6-36eb-4aa7-b5ef-98b7a569da1c"),
        ("key-skill/fixture/no-placement", "bal:placement", "MinCount", "KeySkillPlacementCount", None),
        ("key-skill/fixture/placement-against-pole", "bal:placement", "SPARQL", "KeySkillPlacementAgreesWithPole", "-0.5"),
        ("key-skill/fixture/placement-integer", "bal:placement", "Datatype", "KeySkillPlacementRange", "1"),
        ("key-skill/fixture/placement-out-of-range", "bal:placement", "MaxInclusive", "KeySkillPlacementRange", "1.5"),
        ("key-skill/fixture/pole-as-dimension", "bal:dimension", "Class", "KeySkillDimensionClass", "pole/people"),
        ("key-skill/fixture/pole-as-dimension", "bal:leansTo", "SPARQL", "KeySkillLeansToPoleOfDimension", "pole/people"),
        ("key-skill/fixture/pole-of-another-dimension", "bal:leansTo", "SPARQL", "KeySkillLeansToPoleOfDimension", "pole/technology"),
        ("key-skill/fixture/sector-as-pole", "bal:leansTo", "Class", "KeySkillLeansToClass", "sector/retail"),
        ("key-skill/fixture/two-dimensions", "bal:dimension", "MaxCount", "KeySkillDimensionCount", None),
        ("key-skill/fixture/two-exactnesses", "bal:escoSkill", "SPARQL", "KeySkillEscoSkillExactnessUnique", "esco/skill/001115fb-569f-4ee6-8381-c6807ef2527f"),
        ("key-skill/fixture/two-placements", "bal:placement", "MaxCount", "KeySkillPlacementCount", None),
        ("key-skill/fixture/untyped-evidence", "bal:documentedBy", "Class", "KeySkillDocumentedByClass", "evidence/fixture/untyped"),
        ("key-skill/fixture/untyped-learning-outcome", "bal:hasLearningOutcome", "Class", "KeySkillLearningOutcomeClass", "learning-outcome/fixture/untyped"),
    },
    "learning-outcome.ttl": {
        ("learning-outcome/fixture/above-the-standard", "bal:nkrLevel", "SPARQL", "LearningOutcomeLevelWithinStandard", "nkr/5.2"),
        ("learning-outcome/fixture/eqf-level", "bal:nkrLevel", "Class", "NkrLevelClass", "http://data.europa.eu/snb/eqf/4"),
        ("learning-outcome/fixture/no-category", "bal:category", "MinCount", "LearningOutcomeCategoryCount", None),
        ("learning-outcome/fixture/no-en-description", "dcterms:description", "QualifiedMinCount", "LearningOutcomeDescriptionEn", None),
        ("learning-outcome/fixture/no-level", "bal:nkrLevel", "MinCount", "LearningOutcomeNkrLevelCount", None),
        ("learning-outcome/fixture/no-nb-description", "dcterms:description", "QualifiedMinCount", "LearningOutcomeDescriptionNb", None),
        ("learning-outcome/fixture/sector-as-category", "bal:category", "Class", "LearningOutcomeCategoryClass", "sector/retail"),
        ("learning-outcome/fixture/two-categories", "bal:category", "MaxCount", "LearningOutcomeCategoryCount", None),
        ("learning-outcome/fixture/two-en-descriptions", "dcterms:description", "UniqueLang", "LearningOutcomeDescriptionUniqueLang", None),
    },
    "person.ttl": {
        ("person/fixture-named", "foaf:name", "Closed", "PersonShape", "Kari Nordmann"),
        ("person/fixture-no-pseudonym", "bal:pseudonym", "MinCount", "PersonPseudonymCount", None),
        ("person/fixture-tagged-pseudonym", "bal:pseudonym", "Datatype", "PersonPseudonymDatatype", "Kari"),
    },
    "role.ttl": {
        ("role/fixture-no-en-description", "dcterms:description", "QualifiedMinCount", "DescriptionEnRecommended", None),
        ("role/fixture-no-en-label", "rdfs:label", "QualifiedMinCount", "LabelEn", None),
        ("role/fixture-no-exactness", "bal:escoOccupation", "SPARQL", "RoleEscoOccupationExactnessStated", "esco/occupation/061f56c6-36eb-4aa7-b5ef-98b7a569da1c"),
        ("role/fixture-no-nb-description", "dcterms:description", "QualifiedMinCount", "DescriptionNbRecommended", None),
        ("role/fixture-no-nb-label", "rdfs:label", "QualifiedMinCount", "LabelNb", None),
        ("role/fixture-no-occupation", "bal:escoOccupation", "MinCount", "RoleEscoOccupationRecommended", None),
        ("role/fixture-skill-as-occupation", "bal:escoOccupation", "Class", "RoleEscoOccupationClass", "esco/skill/001115fb-569f-4ee6-8381-c6807ef2527f"),
        ("role/fixture-two-en-labels", "rdfs:label", "UniqueLang", "LabelUniqueLang", None),
        ("role/fixture-two-exactnesses", "bal:escoOccupation", "SPARQL", "RoleEscoOccupationExactnessUnique", "esco/occupation/061f56c6-36eb-4aa7-b5ef-98b7a569da1c"),
        ("role/fixture-unknown-occupation", "bal:escoOccupation", "Class", "RoleEscoOccupationClass", "esco/occupation/00000000-0000-0000-0000-000000000000"),
        ("role/fixture-unknown-sector", "bal:sector", "Class", "SectorClass", "sector/nowhere"),
    },
    "skills-set.ttl": {
        ("skills-set/fixture-illustrative-string", "bal:illustrative", "Datatype", "IllustrativeDatatype", "true"),
        ("skills-set/fixture-no-holder", "bal:holder", "MinCount", "SkillsSetHolderCount", None),
        ("skills-set/fixture-no-key-skill", "bal:hasKeySkill", "MinCount", "KeySkillCount", None),
        ("skills-set/fixture-no-label", "rdfs:label", "MinCount", "LabelCount", None),
        ("skills-set/fixture-role-as-holder", "bal:holder", "Class", "SkillsSetHolderClass", "role/sound-technician"),
        ("skills-set/fixture-sector-as-role", "bal:forRole", "Class", "ForRoleClass", "sector/retail"),
        ("skills-set/fixture-two-roles", "bal:forRole", "MaxCount", "SkillsSetForRoleCount", None),
    },
    "skills-standard.ttl": {
        ("standard/fixture-derived-from-role", "prov:wasDerivedFrom", "Class", "SkillsStandardDerivedFromClass", "role/sound-technician"),
        ("standard/fixture-duplicate-labels", "bal:hasKeySkill", "SPARQL", "KeySkillLabelUnique", "key-skill/fixture/equipment-again"),
        ("standard/fixture-duplicate-labels", "bal:hasKeySkill", "SPARQL", "KeySkillLabelUnique", "key-skill/fixture/people-technology"),
        ("standard/fixture-eqf-level", "bal:nkrLevel", "Class", "NkrLevelClass", "http://data.europa.eu/snb/eqf/5"),
        ("standard/fixture-illustrative-string", "bal:illustrative", "Datatype", "IllustrativeDatatype", "yes"),
        ("standard/fixture-illustrative-twice", "bal:illustrative", "MaxCount", "IllustrativeCount", None),
        ("standard/fixture-missing-dimension", "bal:hasKeySkill", "SPARQL", "SkillsStandardCoversEveryDimension", "dimension/pace-presence"),
        ("standard/fixture-no-key-skill", "bal:hasKeySkill", "MinCount", "KeySkillCount", None),
        ("standard/fixture-no-key-skill", "bal:hasKeySkill", "SPARQL", "SkillsStandardCoversEveryDimension", "dimension/flexibility-routine"),
        ("standard/fixture-no-key-skill", "bal:hasKeySkill", "SPARQL", "SkillsStandardCoversEveryDimension", "dimension/pace-presence"),
        ("standard/fixture-no-key-skill", "bal:hasKeySkill", "SPARQL", "SkillsStandardCoversEveryDimension", "dimension/people-technology"),
        ("standard/fixture-no-level", "bal:nkrLevel", "MinCount", "SkillsStandardNkrLevelRecommended", None),
        ("standard/fixture-no-role", "bal:forRole", "MinCount", "SkillsStandardForRoleCount", None),
        ("standard/fixture-sector-as-role", "bal:forRole", "Class", "ForRoleClass", "sector/retail"),
        ("standard/fixture-two-levels", "bal:nkrLevel", "MaxCount", "SkillsStandardNkrLevelCount", None),
        ("standard/fixture-two-roles", "bal:forRole", "MaxCount", "SkillsStandardForRoleCount", None),
        ("standard/fixture-untyped-key-skill", "bal:hasKeySkill", "Class", "KeySkillClass", "key-skill/fixture/untyped"),
    },
    "vocabularies.ttl": {
        ("category/fixture-no-en-label", "skos:prefLabel", "QualifiedMinCount", "PrefLabelEn", None),
        ("dimension/fixture-no-en-label", "skos:prefLabel", "QualifiedMinCount", "PrefLabelEn", None),
        ("dimension/fixture-no-nb-label", "skos:prefLabel", "QualifiedMinCount", "PrefLabelNb", None),
        ("dimension/fixture-one-pole", "bal:hasPole", "MinCount", "BalanceDimensionPoleCount", None),
        ("dimension/fixture-sector-as-pole", "bal:hasPole", "Class", "BalanceDimensionPoleClass", "sector/retail"),
        ("dimension/fixture-two-nb-labels", "skos:prefLabel", "UniqueLang", "PrefLabelUniqueLang", None),
        ("level/fixture-no-notation", "skos:notation", "MinCount", "LevelNotationCount", None),
        ("nkr/fixture-foreign-eqf-level", "bal:eqfLevel", "Pattern", "NKRLevelEqfLevelValue", "http://example.org/eqf/5"),
        ("nkr/fixture-no-eqf-level", "bal:eqfLevel", "MinCount", "NKRLevelEqfLevelCount", None),
        ("pole/fixture-no-dimension", "bal:poleOf", "MinCount", "BalancePoleDimensionCount", None),
        ("pole/fixture-position-2", "bal:polePosition", "In", "BalancePolePositionValues", "2"),
        ("pole/fixture-sector-as-dimension", "bal:poleOf", "Class", "BalancePoleDimensionClass", "sector/retail"),
        ("pole/fixture-two-positions", "bal:polePosition", "MaxCount", "BalancePolePositionCount", None),
        ("sector/fixture-no-nb-label", "skos:prefLabel", "QualifiedMinCount", "PrefLabelNb", None),
    },
}


def _short(iri: str | None) -> str | None:
    if iri is None:
        return None
    for long, short in PREFIXES.items():
        iri = iri.replace(long, short)
    return iri


def _rows(report: ValidationReport) -> Counter:
    return Counter(
        (_short(r.focus), _short(r.path), r.component.removesuffix("ConstraintComponent"),
         r.shape.removeprefix(BALSH), _short(r.value) if r.value_is_iri else r.value)
        for r in report.results)


@pytest.fixture(scope="module")
def validator() -> ShapesValidator:
    return ShapesValidator(ProjectSources(PROJECT))


def _validate(validator: ShapesValidator, path: Path) -> ValidationReport:
    return validator.validate(to_rdflib(parse_file(path)))


def _own_shapes() -> rdflib.Graph:
    shapes = rdflib.Graph()
    for path in sorted((PROJECT / "shapes").glob("*.ttl")):
        if path.name not in OTHER_SHAPE_FILES:
            shapes.parse(path)
    return shapes


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_violating_fixture_gives_exactly_its_results(validator, name):
    report = _validate(validator, FIXTURES / "violating" / name)

    assert _rows(report) == Counter(EXPECTED[name])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_violating_fixture_messages_are_bilingual(validator, name):
    report = _validate(validator, FIXTURES / "violating" / name)

    for result in report.results:
        assert set(result.messages) == {"nb", "en"}, result
        assert result.messages["nb"] != result.messages["en"]
        assert set(result.shape_names) == {"nb", "en"}, result


@pytest.mark.parametrize("path", sorted((FIXTURES / "conforming").glob("*.ttl")), ids=lambda p: p.name)
def test_conforming_fixture_gives_no_result(validator, path):
    report = _validate(validator, path)

    assert report.conforms
    assert [(r.focus, r.shape) for r in report.results] == []


def test_every_shape_has_a_violating_fixture():
    shapes = _own_shapes()
    tested = {row[3] for rows in EXPECTED.values() for row in rows}
    property_shapes = {str(s).removeprefix(BALSH) for s in shapes.subjects(RDF.type, SH.PropertyShape)}
    closed_shapes = {str(s).removeprefix(BALSH) for s in shapes.subjects(SH.closed, rdflib.Literal(True))}

    assert property_shapes | closed_shapes <= tested
    assert tested <= property_shapes | closed_shapes


def test_every_node_shape_has_a_conforming_instance(validator):
    shapes = _own_shapes()
    data = rdflib.Graph()
    for path in (FIXTURES / "conforming").glob("*.ttl"):
        to_rdflib(parse_file(path), data)
    instances = data + validator.context

    for node_shape in shapes.subjects(RDF.type, SH.NodeShape):
        target = shapes.value(node_shape, SH.targetClass)
        classes = {target} | set(instances.transitive_subjects(rdflib.RDFS.subClassOf, target))
        assert any((None, RDF.type, c) in instances for c in classes), node_shape


def test_every_property_shape_names_itself_and_its_severity():
    shapes = _own_shapes()

    for shape in shapes.subjects(RDF.type, SH.PropertyShape):
        assert {n.language for n in shapes.objects(shape, SH.name)} == {"nb", "en"}, shape
        assert shapes.value(shape, SH.severity) in (SH.Violation, SH.Warning), shape
        assert {m.language for m in shapes.objects(shape, SH.message)} == {"nb", "en"}, shape


def test_report_graph_keeps_language_tags_of_sparql_messages(validator):
    report = _validate(validator, FIXTURES / "violating" / "key-skill.ttl")
    sparql_results = [r for r in report.graph.objects(None, SH.result)
                      if report.graph.value(r, SH.sourceConstraintComponent) == SH.SPARQLConstraintComponent]

    assert sparql_results
    for result in sparql_results:
        languages = {m.language for m in report.graph.objects(result, SH.resultMessage)}
        assert languages == {"nb", "en"}
