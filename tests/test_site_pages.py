"""Resource pages and the home page, read over HTTP from the real server as a browser would."""

from __future__ import annotations

import pytest
import requests

from .pages import (BAL, ESCO_MODEL, BROWSER_ACCEPT, first_of_class, get_page, heading, label_of,
                    link_targets, open_store, path_of)

KINDS_ON_PAGES = [
    ("role", BAL + "Role"),
    ("skills standard", BAL + "SkillsStandard"),
    ("key skill", BAL + "KeySkill"),
    ("learning outcome", BAL + "LearningOutcome"),
    ("dimension", BAL + "BalanceDimension"),
    ("pole", BAL + "BalancePole"),
    ("NKR level", BAL + "NKRLevel"),
    ("sector", BAL + "Sector"),
    ("ESCO occupation", ESCO_MODEL + "Occupation"),
    ("ESCO skill", ESCO_MODEL + "Skill"),
]


@pytest.fixture(scope="module")
def store(built_store):
    return open_store(built_store)


@pytest.mark.parametrize("kind, class_iri", KINDS_ON_PAGES, ids=[k for k, _ in KINDS_ON_PAGES])
def test_page_for_each_kind_in_both_languages(server, store, kind, class_iri):
    iri = first_of_class(store, class_iri)
    names = store.labels([iri])[iri]

    for lang in ("nb", "en"):
        page = get_page(server.url + path_of(iri), lang=lang)
        assert page.html["lang"] == lang
        expected = names.get(lang) or names.get("en") or names.get("no")
        assert heading(page) == expected


def test_eqf_level_page_is_reachable_from_its_nkr_level(server, store):
    nkr = first_of_class(store, BAL + "NKRLevel")
    page = get_page(server.url + path_of(nkr), lang="en")
    eqf_links = [href for href in link_targets(page) if "/resource?iri=http://data.europa.eu/snb/eqf/" in href]
    assert eqf_links, "the NKR level page links to no EQF level"

    eqf_page = get_page(server.url + eqf_links[0], lang="en")
    assert heading(eqf_page).startswith("EQF level")


def test_language_switch_keeps_the_page_and_is_remembered(server, store):
    occupation = first_of_class(store, ESCO_MODEL + "Occupation")
    session = requests.Session()
    page = get_page(server.url + path_of(occupation), lang="nb", session=session)
    switch = page.find("a", class_="language-switch")
    assert switch["hreflang"] == "en"

    switched = get_page(server.url + switch["href"], session=session)
    assert switched.html["lang"] == "en"
    assert heading(switched) == label_of(store, occupation, "en")

    later = get_page(server.url + "/", session=session)
    assert later.html["lang"] == "en", "the language chosen with the switch was not remembered"


def test_language_follows_accept_language_without_a_choice(server):
    response = requests.get(server.url + "/", headers={"Accept": BROWSER_ACCEPT, "Accept-Language": "en-GB,en;q=0.8"},
                            timeout=30)
    assert '<html lang="en">' in response.text
    response = requests.get(server.url + "/", headers={"Accept": BROWSER_ACCEPT, "Accept-Language": "no,en;q=0.5"},
                            timeout=30)
    assert '<html lang="nb">' in response.text


def test_esco_concept_falls_back_to_english_on_a_norwegian_page(server, store):
    skill = first_of_class(store, ESCO_MODEL + "Skill")
    names = store.labels([skill])[skill]
    assert "nb" not in names and "no" not in names, "this test needs an ESCO skill without Norwegian labels"

    page = get_page(server.url + path_of(skill), lang="nb")
    assert page.html["lang"] == "nb"
    assert heading(page) == names["en"]


def test_links_are_followed_both_ways(server, store):
    standard = first_of_class(store, BAL + "SkillsStandard")
    role = next(iter(store.query("PREFIX bal: <%s> SELECT ?s ?role WHERE { ?s bal:forRole ?role }" % BAL,
                                 {"s": _node(standard)})))["role"].value

    standard_page = get_page(server.url + path_of(standard), lang="en")
    assert path_of(role) in link_targets(standard_page)

    role_page = get_page(server.url + path_of(role), lang="en")
    links_here = role_page.find("h2", string="What links here")
    assert links_here is not None
    assert path_of(standard) in {a["href"] for a in links_here.find_next("ul").find_all("a")}


def test_standard_page_shows_its_key_skills_on_every_dimension(server, store):
    standard = first_of_class(store, BAL + "SkillsStandard")
    page = get_page(server.url + path_of(standard), lang="en")
    balance = page.find("section", class_="balance")
    assert balance is not None

    rows = balance.find_all("section", class_="balance-row")
    dimensions = {row.find("h3").get_text(strip=True) for row in rows}
    assert dimensions == {"people–technology", "flexibility–routine", "pace–presence"}
    skills_shown = {a["href"] for row in rows for pole in row.find_all("div", class_="pole") for a in pole.find_all("a")[1:]}
    key_skills = {row["skill"].value for row in store.query(
        "PREFIX bal: <%s> SELECT ?s ?skill WHERE { ?s bal:hasKeySkill ?skill }" % BAL, {"s": _node(standard)})}
    assert skills_shown == {path_of(iri) for iri in key_skills}


def test_key_skill_page_marks_the_pole_it_leans_to(server, store):
    skill = first_of_class(store, BAL + "KeySkill")
    pole = next(iter(store.query("PREFIX bal: <%s> SELECT ?k ?pole WHERE { ?k bal:leansTo ?pole }" % BAL,
                                 {"k": _node(skill)})))["pole"].value

    page = get_page(server.url + path_of(skill), lang="en")
    rows = page.find("section", class_="balance").find_all("section", class_="balance-row")
    assert len(rows) == 1
    leaning = rows[0].find_all("div", class_="leaning")
    assert len(leaning) == 1
    assert leaning[0].find("h4").find("a")["href"] == path_of(pole)
    assert "leans to" in leaning[0].get_text()


@pytest.mark.parametrize("name, media_type", [("ttl", "text/turtle"), ("jsonld", "application/ld+json"),
                                              ("rdf", "application/rdf+xml"), ("nt", "application/n-triples")])
def test_raw_data_links_give_each_format(server, store, name, media_type):
    role = first_of_class(store, BAL + "Role")
    page = get_page(server.url + path_of(role), lang="en")
    raw = page.find("h2", string="Raw data").find_next("ul")
    href = next(a["href"] for a in raw.find_all("a") if a["href"].endswith("format=" + name))

    response = requests.get(server.url + href, timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith(media_type)
    assert role in response.text


def test_home_counts_standards_per_sector(server, store):
    page = get_page(server.url + "/", lang="en")
    section = page.find("h2", string="Standards by sector").find_parent("section")
    shown = {}
    for card in section.find_all("section", class_="card"):
        link = card.find("h3").find("a")
        shown[link["href"]] = int(card.find("p", class_="count")["data-standards"])

    expected = {path_of(row["sector"].value): int(row["n"].value) for row in store.query(
        "PREFIX bal: <%s> SELECT ?sector (COUNT(?s) AS ?n) WHERE { ?sector a bal:Sector . "
        "OPTIONAL { ?s a bal:SkillsStandard ; bal:sector ?sector } } GROUP BY ?sector" % BAL)}
    assert shown == expected


def test_home_has_entry_points_by_dimension(server, store):
    page = get_page(server.url + "/", lang="nb")
    section = page.find("h2", string="Nøkkelkompetanser per balansedimensjon").find_parent("section")
    dimensions = {row["d"].value for row in store.query("PREFIX bal: <%s> SELECT ?d WHERE { ?d a bal:BalanceDimension }" % BAL)}
    assert {a["href"] for a in section.select("h3 a")} == {path_of(d) for d in dimensions}

    dimension_page = get_page(server.url + path_of(sorted(dimensions)[0]), lang="nb")
    assert dimension_page.find("section", class_="balance") is not None


def test_home_says_what_the_dataset_is(server):
    page = get_page(server.url + "/", lang="en")
    text = page.get_text(" ")
    assert "Balancing Act" in text
    assert "illustrative examples, not official standards" in text
    assert "This service uses the ESCO classification of the European Commission." in text


def _node(iri: str):
    import pyoxigraph as ox

    return ox.NamedNode(iri)

