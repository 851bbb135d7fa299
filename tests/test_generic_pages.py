"""Pages and search for kinds the bundled data does not have yet: individual skills sets, education
standards and ESCO's Norwegian labels, in a copy of the project with a small extra data file."""

from __future__ import annotations

import pytest
import requests

from .pages import BAL, ESCO_MODEL, first_of_class, get_page, heading, open_store, path_of
from .support import RunningServer, copy_project, run_balgraph

FIXTURE = """
@prefix bal: <https://w3id.org/balgraph/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

<https://w3id.org/balgraph/id/skills-set/test-person>
    a bal:IndividualSkillsSet ;
    rdfs:label "Kompetansesett for en testperson"@nb , "Skills set of a test person"@en ;
    bal:holder <https://w3id.org/balgraph/id/person/test-person> ;
    bal:hasKeySkill <{key_skill}> .

<https://w3id.org/balgraph/id/person/test-person> a bal:Person ;
    bal:pseudonym "Testperson" .

# A key skill claimed in a skills set needs evidence to conform to the shapes.
<{key_skill}> bal:documentedBy <https://w3id.org/balgraph/id/evidence/test-person/1> .

<https://w3id.org/balgraph/id/evidence/test-person/1> a bal:Evidence ;
    bal:evidenceType <https://w3id.org/balgraph/id/evidence-type/interview> ;
    dcterms:description "Intervju med testpersonen."@nb , "Interview with the test person."@en ;
    dcterms:date "2024-03-15"^^<http://www.w3.org/2001/XMLSchema#date> .

<https://w3id.org/balgraph/id/education-standard/test-programme>
    a bal:EducationStandard ;
    rdfs:label "Testutdanning i sceneteknikk"@nb , "Test programme in stage technology"@en ;
    bal:nkrLevel <https://w3id.org/balgraph/id/nkr/5.2> ;
    bal:hasKeySkill <{key_skill}> .
"""
NORWEGIAN_ESCO_LABEL = """
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<{occupation}> skos:prefLabel "høyttalerøkonom i prøvemiljø"@no .
"""


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory, built_store):
    store = open_store(built_store)
    key_skill = first_of_class(store, BAL + "KeySkill")
    occupation = first_of_class(store, ESCO_MODEL + "Occupation")

    project = copy_project(tmp_path_factory.mktemp("generic") / "project")
    (project / "data" / "standards" / "zz-fixture.ttl").write_text(FIXTURE.format(key_skill=key_skill), encoding="utf-8")
    (project / "data" / "esco" / "zz-norwegian.ttl").write_text(NORWEGIAN_ESCO_LABEL.format(occupation=occupation),
                                                                 encoding="utf-8")
    builds = project / "var" / "store"
    result = run_balgraph("--project", str(project), "--store", str(builds), "build")
    assert result.returncode == 0, result.stderr
    server = RunningServer(builds, project)
    yield server, key_skill, occupation
    server.stop()


@pytest.mark.parametrize("iri, kind", [
    ("https://w3id.org/balgraph/id/skills-set/test-person", "individual skills set"),
    ("https://w3id.org/balgraph/id/education-standard/test-programme", "education standard"),
])
def test_key_skill_holder_page_shows_balance(fixture_site, iri, kind):
    server, key_skill, _ = fixture_site
    page = get_page(server.url + path_of(iri), lang="en")
    assert page.find("p", class_="kind-badge").find("a").get_text(strip=True) == kind
    balance = page.find("section", class_="balance")
    assert balance is not None
    assert len(balance.find_all("section", class_="balance-row")) == 3
    assert path_of(key_skill) in {a["href"] for a in balance.find_all("a")}


def test_key_skill_page_links_back_to_every_holder(fixture_site):
    server, key_skill, _ = fixture_site
    page = get_page(server.url + path_of(key_skill), lang="en")
    links_here = {a["href"] for a in page.find("h2", string="What links here").find_next("ul").find_all("a")}
    assert "/id/skills-set/test-person" in links_here
    assert "/id/education-standard/test-programme" in links_here


def test_search_groups_new_kinds(fixture_site):
    server, _, _ = fixture_site
    page = get_page(server.url + "/search", lang="en", q="test")
    groups = {section.find("h2")["id"] for section in page.find_all("section", class_="result-group")}
    assert {"group-individual_skills_set", "group-education_standard"} <= groups


def test_esco_norwegian_label_searched_and_shown(fixture_site):
    server, _, occupation = fixture_site
    suggestions = requests.get(server.url + "/search/suggest", params={"q": "HOYTTALEROKONOM", "lang": "nb"},
                               timeout=30).json()["suggestions"]
    assert [s["url"] for s in suggestions] == [path_of(occupation)]
    assert suggestions[0]["kind"] == "esco_occupation"
    assert suggestions[0]["label"] == "høyttalerøkonom i prøvemiljø"

    page = get_page(server.url + path_of(occupation), lang="nb")
    assert heading(page) == "høyttalerøkonom i prøvemiljø"
    english = get_page(server.url + path_of(occupation), lang="en")
    assert heading(english) != "høyttalerøkonom i prøvemiljø"
