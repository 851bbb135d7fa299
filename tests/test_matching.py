"""The comparison on small hand-computed cases, read from Turtle through the real reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from balgraph.services.descriptions import DescriptionReader, store_for_files
from balgraph.services.matching import (BEYOND, COVERED, LOWER_LEVEL, MET, MISSING, NKR_ORDER, NO_OUTCOME,
                                        PARTLY_COVERED, compare, nkr_rank, rank)
from balgraph.sources import ProjectSources

from .support import PROJECT

ID = "https://w3id.org/balgraph/id/"
ESCO = "http://data.europa.eu/esco/skill/"
PREFIXES = """
@base <https://w3id.org/balgraph/id/> .
@prefix bal: <https://w3id.org/balgraph/ontology#> .
@prefix esco: <http://data.europa.eu/esco/skill/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""


def skill(owner: str, name: str, *, links: str = "", outcomes: dict[str, str] | None = None,
          label: str | None = None, dimension: str = "people-technology", pole: str = "people") -> str:
    """Turtle for one key skill with outcomes {category: NKR level}; `links` is Turtle for its ESCO links."""
    outcomes = outcomes if outcomes is not None else {"knowledge": "5.2", "skills": "5.2"}
    lines = [f"<key-skill/{owner}/{name}> a bal:KeySkill ;",
             f'  rdfs:label "{label or name}"@en ;',
             f"  bal:dimension <dimension/{dimension}> ; bal:leansTo <pole/{pole}> ;"]
    if links:
        lines.append(f"  {links} ;")
    lines.append("  bal:hasLearningOutcome " + ", ".join(
        f"<learning-outcome/{owner}/{name}/{category}>" for category in outcomes) + " .")
    for category, level in outcomes.items():
        lines.append(f"<learning-outcome/{owner}/{name}/{category}> a bal:LearningOutcome ; "
                     f"bal:category <category/{category}> ; bal:nkrLevel <nkr/{level}> .")
    return "\n".join(lines)


def description(kind: str, slug: str, skills: list[str]) -> str:
    owner_path = {"IndividualSkillsSet": "skills-set", "SkillsStandard": "standard",
                  "EducationStandard": "education-standard"}[kind]
    return (f"<{owner_path}/{slug}> a bal:{kind} ; rdfs:label \"{slug}\"@en ; bal:hasKeySkill "
            + ", ".join(f"<key-skill/{slug}/{name}>" for name in skills) + " .")


@pytest.fixture
def read(tmp_path: Path):
    """Write Turtle to a file and read one description from it, with the project's vocabularies."""
    def reader(turtle: str):
        path = tmp_path / "case.ttl"
        path.write_text(PREFIXES + turtle)
        store = store_for_files([path], ProjectSources(PROJECT))
        return DescriptionReader(store)
    return reader


def test_nkr_levels_are_ordered_with_5_1_below_5_2():
    assert NKR_ORDER == ("1", "2", "3", "4", "5.1", "5.2", "6", "7", "8")
    assert nkr_rank("5.1") < nkr_rank("5.2") < nkr_rank("6")
    assert nkr_rank("4") < nkr_rank("5.1")
    assert nkr_rank("9") is None


def test_no_overlap_gives_zero_coverage(read):
    reader = read("\n".join([
        description("IndividualSkillsSet", "anna", ["listening"]),
        skill("anna", "listening", links="bal:escoSkill esco:a"),
        description("SkillsStandard", "role", ["welding", "driving"]),
        skill("role", "welding", links="bal:escoSkill esco:b"),
        skill("role", "driving", links="bal:escoSkill esco:c"),
    ]))
    result = compare(reader.read(ID + "skills-set/anna"), reader.read(ID + "standard/role"))

    assert result.coverage == 0.0
    assert [item.status for item in result.items] == [MISSING, MISSING]
    assert all(item.link is None and item.score == 0.0 for item in result.items)
    assert [item.link.source_skill.iri for item in result.beyond] == [ID + "key-skill/anna/listening"]
    assert result.beyond[0].status == BEYOND


def test_identical_sets_cover_everything(read):
    reader = read("\n".join([
        description("SkillsStandard", "role", ["welding", "driving"]),
        skill("role", "welding", links="bal:escoSkill esco:b", outcomes={"knowledge": "4", "skills": "5.1"}),
        skill("role", "driving", outcomes={"general-competence": "5.2"}),
    ]))
    standard = reader.read(ID + "standard/role")
    result = compare(standard, standard)

    assert result.coverage == 1.0
    assert [item.status for item in result.items] == [COVERED, COVERED]
    assert all(item.link.strength == 1.0 and item.link.esco_skill is None for item in result.items)
    assert result.beyond == ()
    assert result.outcomes_above_level == 0


def test_equal_labels_with_different_esco_links_do_not_match(read):
    reader = read("\n".join([
        description("IndividualSkillsSet", "anna", ["teamwork"]),
        skill("anna", "teamwork", label="Teamwork", links="bal:escoSkill esco:work-in-teams"),
        description("SkillsStandard", "role", ["teamwork"]),
        skill("role", "teamwork", label="Teamwork", links="bal:escoSkill esco:lead-others"),
    ]))
    result = compare(reader.read(ID + "skills-set/anna"), reader.read(ID + "standard/role"))

    assert result.items[0].status == MISSING
    assert result.coverage == 0.0
    assert [item.link.source_skill.iri for item in result.beyond] == [ID + "key-skill/anna/teamwork"]


def test_level_5_1_against_5_2_is_partly_covered(read):
    # Exact links on both sides (strength 1.0); knowledge at 5.1 against 5.2 earns half a credit,
    # skills at 5.2 a whole one: score (0.5 + 1) / 2 = 0.75.
    reader = read("\n".join([
        description("IndividualSkillsSet", "anna", ["rigging"]),
        skill("anna", "rigging", links="bal:escoSkill esco:r ; skos:exactMatch esco:r",
              outcomes={"knowledge": "5.1", "skills": "5.2"}),
        description("SkillsStandard", "role", ["rigging"]),
        skill("role", "rigging", links="bal:escoSkill esco:r ; skos:exactMatch esco:r",
              outcomes={"knowledge": "5.2", "skills": "5.2"}),
    ]))
    result = compare(reader.read(ID + "skills-set/anna"), reader.read(ID + "standard/role"))
    item = result.items[0]

    assert item.status == PARTLY_COVERED
    assert item.link.strength == 1.0
    assert item.score == pytest.approx(0.75)
    assert [(o.target.level, o.source.level, o.status) for o in item.outcomes] == [
        ("5.2", "5.1", LOWER_LEVEL), ("5.2", "5.2", MET)]
    assert [o.target.iri for o in item.unmet_outcomes] == [ID + "learning-outcome/role/rigging/knowledge"]
    assert result.coverage == pytest.approx(0.75)


def test_level_5_2_against_5_1_is_covered_and_above(read):
    reader = read("\n".join([
        description("IndividualSkillsSet", "anna", ["rigging"]),
        skill("anna", "rigging", links="bal:escoSkill esco:r ; skos:exactMatch esco:r",
              outcomes={"knowledge": "5.2"}),
        description("SkillsStandard", "role", ["rigging"]),
        skill("role", "rigging", links="bal:escoSkill esco:r ; skos:exactMatch esco:r",
              outcomes={"knowledge": "5.1"}),
    ]))
    result = compare(reader.read(ID + "skills-set/anna"), reader.read(ID + "standard/role"))

    assert result.items[0].status == COVERED
    assert result.items[0].score == 1.0
    assert result.items[0].outcomes[0].above_level
    assert result.outcomes_above_level == 1


def test_missing_category_counts_nothing(read):
    reader = read("\n".join([
        description("IndividualSkillsSet", "anna", ["safety"]),
        skill("anna", "safety", links="bal:escoSkill esco:s ; skos:exactMatch esco:s",
              outcomes={"knowledge": "5.2"}),
        description("SkillsStandard", "role", ["safety"]),
        skill("role", "safety", links="bal:escoSkill esco:s ; skos:exactMatch esco:s",
              outcomes={"knowledge": "5.2", "skills": "5.2", "general-competence": "5.2"}),
    ]))
    item = compare(reader.read(ID + "skills-set/anna"), reader.read(ID + "standard/role")).items[0]

    assert item.status == PARTLY_COVERED
    assert [o.status for o in item.outcomes] == [MET, NO_OUTCOME, NO_OUTCOME]
    assert item.score == pytest.approx(1 / 3)


@pytest.mark.parametrize(("source_links", "target_links", "strength"), [
    ("skos:exactMatch esco:x", "skos:exactMatch esco:x", 1.0),
    ("skos:exactMatch esco:x", "", 0.8),                          # unqualified counts as closeMatch
    ("skos:closeMatch esco:x", "", 0.64),
    ("skos:broadMatch esco:x", "skos:exactMatch esco:x", 0.6),
    ("skos:narrowMatch esco:x", "skos:closeMatch esco:x", 0.48),
    ("skos:relatedMatch esco:x", "skos:exactMatch esco:x", 0.4),
    ("skos:relatedMatch esco:x", "skos:relatedMatch esco:x", 0.16),
])
def test_link_strength_multiplies_exactness(read, source_links, target_links, strength):
    reader = read("\n".join([
        description("IndividualSkillsSet", "anna", ["k"]),
        skill("anna", "k", links="bal:escoSkill esco:x ; " + source_links),
        description("SkillsStandard", "role", ["k"]),
        skill("role", "k", links="bal:escoSkill esco:x" + (" ; " + target_links if target_links else "")),
    ]))
    item = compare(reader.read(ID + "skills-set/anna"), reader.read(ID + "standard/role")).items[0]

    assert item.status == COVERED
    assert item.link.esco_skill == ESCO + "x"
    assert item.link.strength == pytest.approx(strength)
    assert item.score == pytest.approx(strength)


def test_strongest_shared_esco_skill_and_best_source_skill_win(read):
    # "broad" shares esco:a at 0.6 x 0.8 = 0.48 with all outcomes met; "close" shares esco:b at
    # 1.0 x 0.8 = 0.8 but lacks the skills outcome: 0.8 x 1/2 = 0.4. The higher score wins.
    reader = read("\n".join([
        description("IndividualSkillsSet", "anna", ["broad", "close"]),
        skill("anna", "broad", links="bal:escoSkill esco:a ; skos:broadMatch esco:a"),
        skill("anna", "close", links="bal:escoSkill esco:b ; skos:exactMatch esco:b",
              outcomes={"knowledge": "5.2"}),
        description("SkillsStandard", "role", ["k"]),
        skill("role", "k", links="bal:escoSkill esco:a, esco:b"),
    ]))
    result = compare(reader.read(ID + "skills-set/anna"), reader.read(ID + "standard/role"))
    item = result.items[0]

    assert item.link.source_skill.iri == ID + "key-skill/anna/broad"
    assert item.score == pytest.approx(0.48)
    assert item.status == COVERED
    assert result.beyond == ()  # "close" is linked to the target too, so it is not beyond it


def test_coverage_is_the_mean_over_target_key_skills(read):
    reader = read("\n".join([
        description("IndividualSkillsSet", "anna", ["a"]),
        skill("anna", "a", links="bal:escoSkill esco:a ; skos:exactMatch esco:a"),
        description("SkillsStandard", "role", ["a", "b"]),
        skill("role", "a", links="bal:escoSkill esco:a ; skos:exactMatch esco:a"),
        skill("role", "b", links="bal:escoSkill esco:b ; skos:exactMatch esco:b"),
    ]))
    result = compare(reader.read(ID + "skills-set/anna"), reader.read(ID + "standard/role"))

    assert result.coverage == pytest.approx(0.5)
    assert result.count(COVERED) == 1
    assert result.count(MISSING) == 1


def test_ranking_orders_targets_by_coverage(read):
    reader = read("\n".join([
        description("IndividualSkillsSet", "anna", ["a"]),
        skill("anna", "a", links="bal:escoSkill esco:a ; skos:exactMatch esco:a"),
        description("SkillsStandard", "half", ["a", "b"]),
        skill("half", "a", links="bal:escoSkill esco:a ; skos:exactMatch esco:a"),
        skill("half", "b", links="bal:escoSkill esco:b"),
        description("SkillsStandard", "whole", ["a"]),
        skill("whole", "a", links="bal:escoSkill esco:a ; skos:exactMatch esco:a"),
        description("SkillsStandard", "none", ["c"]),
        skill("none", "c", links="bal:escoSkill esco:c"),
    ]))
    person = reader.read(ID + "skills-set/anna")
    ranking = rank(person, reader.read_all("skills-standard"))

    assert [r.target.iri.rsplit("/", 1)[-1] for r in ranking] == ["whole", "half", "none"]
    assert [r.coverage for r in ranking] == pytest.approx([1.0, 0.5, 0.0])


def test_bulk_and_single_reads_agree_on_the_bundled_data(built_store):
    from balgraph.store import OxigraphStore
    reader = DescriptionReader(OxigraphStore.open_current(built_store))

    for kind in ("skills-standard", "individual-skills-set", "education-standard"):
        for bulk in reader.read_all(kind):
            single = reader.read(bulk.iri)
            assert single == bulk, bulk.iri
            assert dict(single.labels) == dict(bulk.labels), bulk.iri
            for one, other in zip(single.key_skills, bulk.key_skills):
                assert dict(one.labels) == dict(other.labels), one.iri
                assert dict(one.esco_links) == dict(other.esco_links), one.iri
                assert (one.dimension, one.pole, one.placement) == (other.dimension, other.pole, other.placement)
