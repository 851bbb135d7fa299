"""The bundled data: what every skills standard must contain, and ESCO links that really exist."""

from __future__ import annotations

import csv
import re
from collections import Counter

import pytest
import rdflib
from rdflib.namespace import RDF

from balgraph.namespaces import BAL

from .support import PROJECT

ESCO_IRI = re.compile(r"<(http://data\.europa\.eu/esco/(?:occupation|skill|isco)/[^>]+)>")
ID = "https://w3id.org/balgraph/id/"


@pytest.fixture(scope="module")
def standards() -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in sorted((PROJECT / "data" / "standards").glob("*.ttl")):
        graph.parse(path)
    return graph


def test_at_least_five_standards_from_two_sectors(standards):
    found = set(standards.subjects(RDF.type, BAL.SkillsStandard))
    sectors = {standards.value(s, BAL.sector) for s in found}
    assert len(found) >= 5
    assert {rdflib.URIRef(ID + "sector/stage-production"), rdflib.URIRef(ID + "sector/retail")} <= sectors


def test_each_standard_has_five_to_ten_key_skills_on_all_dimensions(standards):
    for standard in standards.subjects(RDF.type, BAL.SkillsStandard):
        skills = list(standards.objects(standard, BAL.hasKeySkill))
        dimensions = Counter(standards.value(skill, BAL.dimension) for skill in skills)
        assert 5 <= len(skills) <= 10, standard
        assert len(dimensions) == 3, (standard, dimensions)


def test_each_standard_covers_all_learning_outcome_categories(standards):
    for standard in standards.subjects(RDF.type, BAL.SkillsStandard):
        categories = {standards.value(outcome, BAL.category)
                      for skill in standards.objects(standard, BAL.hasKeySkill)
                      for outcome in standards.objects(skill, BAL.hasLearningOutcome)}
        assert {rdflib.URIRef(ID + f"category/{c}") for c in ("knowledge", "skills", "general-competence")} \
            == categories, standard


def test_each_standard_says_whether_it_is_illustrative(standards):
    for standard in standards.subjects(RDF.type, BAL.SkillsStandard):
        assert standards.value(standard, BAL.illustrative) is not None, standard


def test_roles_and_key_skills_link_to_esco(standards):
    for role in standards.subjects(RDF.type, BAL.Role):
        assert list(standards.objects(role, BAL.escoOccupation)), role
    linked = [s for s in standards.subjects(RDF.type, BAL.KeySkill) if list(standards.objects(s, BAL.escoSkill))]
    assert len(linked) >= len(set(standards.subjects(RDF.type, BAL.KeySkill))) * 0.8


def test_every_esco_iri_in_data_exists_in_the_official_files(esco_reference):
    csv.field_size_limit(10_000_000)  # conceptSchemes_en.csv lists thousands of concepts in one field
    official: set[str] = set()
    for path in esco_reference.glob("*.csv"):
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                for column in ("conceptUri", "broaderUri"):
                    if row.get(column):
                        official.add(row[column])
    used = set()
    for path in (PROJECT / "data").rglob("*.ttl"):
        used |= set(ESCO_IRI.findall(path.read_text(encoding="utf-8")))

    assert used
    assert sorted(used - official) == []
