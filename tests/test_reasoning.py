"""HermiT, run through owlready2, on the ontology with all published data and on broken copies."""

from __future__ import annotations

from .support import PROJECT, copy_project, run_balgraph

BAL = "https://w3id.org/balgraph/ontology#"
TRANSVERSAL_KEY_SKILL = BAL + "TransversalKeySkill"
ESCO_SKILL = "http://data.europa.eu/esco/skill/"
# In ESCO v1.2.0, "show empathy" is transversal and "use sound measuring instruments" is
# occupation-specific; the bundled ESCO subset states both reuse levels.
TRANSVERSAL_SKILL = ESCO_SKILL + "77b636e8-fab3-41a8-8022-1e0a354059dc"
SPECIFIC_SKILL = ESCO_SKILL + "9ecd4016-b9de-480d-8ec3-9881644f0eda"

TWO_KEY_SKILLS = f"""
@prefix bal: <{BAL}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/balgraph/id/key-skill/test/listening> a bal:KeySkill ;
    rdfs:label "Lytting"@nb , "Listening"@en ;
    bal:escoSkill <{TRANSVERSAL_SKILL}> .
<https://w3id.org/balgraph/id/key-skill/test/measuring> a bal:KeySkill ;
    rdfs:label "Måling"@nb , "Measuring"@en ;
    bal:escoSkill <{SPECIFIC_SKILL}> .
"""

OUT_OF_RANGE_PLACEMENT = f"""
@prefix bal: <{BAL}> .
<https://w3id.org/balgraph/id/key-skill/test/too-far> a bal:KeySkill ;
    bal:placement 1.5 .
"""


def reasoned(project):
    from balgraph.services.reasoning import reason
    from balgraph.sources import ProjectSources
    return reason(ProjectSources(project))


def test_reason_command_finds_ontology_and_data_consistent():
    result = run_balgraph("reason")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("consistent:")
    assert TRANSVERSAL_KEY_SKILL in result.stdout


def test_published_key_skill_with_transversal_esco_link_is_classified():
    result = reasoned(PROJECT)
    assert result.consistent
    inferred = result.inferred.get(TRANSVERSAL_KEY_SKILL, set())
    assert "https://w3id.org/balgraph/id/key-skill/sound-technician/performer-communication" in inferred


def test_only_the_transversal_link_makes_a_transversal_key_skill(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "data" / "standards" / "zz-test.ttl").write_text(TWO_KEY_SKILLS, encoding="utf-8")

    result = reasoned(project)
    inferred = result.inferred.get(TRANSVERSAL_KEY_SKILL, set())
    assert "https://w3id.org/balgraph/id/key-skill/test/listening" in inferred
    assert "https://w3id.org/balgraph/id/key-skill/test/measuring" not in inferred


def test_placement_outside_the_scale_is_inconsistent(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "data" / "standards" / "zz-test.ttl").write_text(OUT_OF_RANGE_PLACEMENT, encoding="utf-8")

    result = run_balgraph("--project", str(project), "reason")
    assert result.returncode == 1
    assert "inconsistent" in result.stderr
