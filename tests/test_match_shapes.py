"""The shapes for skills sets, people, evidence and education standards catch what they promise."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import PROJECT, run_balgraph

PREFIXES = """
@base <https://w3id.org/balgraph/id/> .
@prefix bal: <https://w3id.org/balgraph/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
GOOD_SKILL = """
<key-skill/test/k> a bal:KeySkill ; rdfs:label "k"@nb , "k"@en ;
  bal:dimension <dimension/people-technology> ; bal:leansTo <pole/people> ; bal:placement -0.5 ;
  bal:documentedBy <evidence/test/1> ;
  bal:hasLearningOutcome <learning-outcome/test/k/knowledge> .
<learning-outcome/test/k/knowledge> a bal:LearningOutcome ; bal:category <category/knowledge> ;
  bal:nkrLevel <nkr/5.1> ; dcterms:description "d"@nb , "d"@en .
<evidence/test/1> a bal:Evidence ; bal:evidenceType <evidence-type/interview> ;
  dcterms:description "intervju"@nb , "interview"@en ; dcterms:date "2024-01-01"^^xsd:date .
<person/test> a bal:Person ; bal:pseudonym "Test" .
<skills-set/test> a bal:IndividualSkillsSet ; rdfs:label "t"@nb , "t"@en ; bal:holder <person/test> ;
  bal:hasKeySkill <key-skill/test/k> .
"""


def validate(tmp_path: Path, turtle: str):
    path = tmp_path / "data.ttl"
    path.write_text(PREFIXES + turtle)
    return run_balgraph("validate", str(path), "--lang", "en")


def test_bundled_skills_sets_and_education_conform():
    files = [str(p) for folder in ("standards", "skills-sets", "education")
             for p in sorted((PROJECT / "data" / folder).glob("*.ttl"))]
    result = run_balgraph("validate", *files)
    assert result.returncode == 0, result.stdout


def test_minimal_skills_set_conforms(tmp_path):
    result = validate(tmp_path, GOOD_SKILL)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(("change", "message"), [
    (('bal:pseudonym "Test" .', 'bal:pseudonym "Test" ; rdfs:comment "born 1990"@en .'),
     "A bal:Person can only have rdf:type and bal:pseudonym"),
    (("bal:documentedBy <evidence/test/1> ;", ""), "has no evidence"),
    (("<evidence-type/interview>", "<evidence-type/rumour>"), "exactly one bal:evidenceType"),
    (("bal:holder <person/test> ;", ""), "exactly one bal:holder"),
])
def test_shapes_catch_a_broken_skills_set(tmp_path, change, message):
    old, new = change
    assert old in GOOD_SKILL
    result = validate(tmp_path, GOOD_SKILL.replace(old, new))

    assert result.returncode == 1
    assert message in result.stdout


def test_education_standard_needs_credits_and_one_level(tmp_path):
    result = validate(tmp_path, GOOD_SKILL + """
<education-standard/test> a bal:EducationStandard ; rdfs:label "u"@nb , "e"@en ;
  bal:nkrLevel <nkr/5.1> , <nkr/5.2> ; bal:hasKeySkill <key-skill/test/k> .
""")

    assert result.returncode == 1
    assert "exactly one bal:credits" in result.stdout
    assert "exactly one bal:nkrLevel" in result.stdout
