"""The /match and /rank endpoints and the balance profile, over HTTP against the real server."""

from __future__ import annotations

import re

import pytest
import rdflib
import requests

ID = "https://w3id.org/balgraph/id/"
BAL = rdflib.Namespace("https://w3id.org/balgraph/ontology#")
BEVER_TO_LIGHTING = {"source": "skills-set/bever", "target": "role/lighting-technician"}


def get(server, path: str, accept: str | None = None, **params) -> requests.Response:
    headers = {"Accept": accept} if accept else {}
    return requests.get(server.url + path, params=params, headers=headers, timeout=30)


def test_match_page_shows_three_dimensions_and_the_overlay(server):
    response = get(server, "/match", "text/html", lang="en", **BEVER_TO_LIGHTING)

    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert "Accept" in response.headers["Vary"]
    page = response.text
    assert page.count('class="dimension-column"') == 3
    assert re.search(r'<svg[^>]*role="img"[^>]*aria-labelledby="match-profile-title match-profile-desc"', page)
    assert '<title id="match-profile-title">Balance profile: Skills set of Bever (example) against' in page
    assert '<desc id="match-profile-desc">Skills set of Bever (example): people–technology: 2 key skills' in page
    assert page.count("<circle") >= 4  # Bever's key skills, above each axis
    assert page.count("<rect") >= 7  # the standard's key skills, below each axis
    assert "partly covered" in page
    assert "Knowledge at level 5.1 where the target asks for 5.2" in page


def test_match_page_speaks_norwegian(server):
    page = get(server, "/match", "text/html", lang="nb", **BEVER_TO_LIGHTING).text

    assert "Balanseprofil" in page
    assert "Kunnskap på nivå 5.1 der målet krever 5.2" in page


@pytest.mark.parametrize("how", ["accept", "format"])
def test_match_as_json(server, how):
    if how == "accept":
        response = get(server, "/match", "application/json", **BEVER_TO_LIGHTING)
    else:
        response = get(server, "/match", None, format="json", **BEVER_TO_LIGHTING)

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    report = response.json()
    assert report["counts"] == {"covered": 1, "partly-covered": 2, "missing": 4, "beyond": 1}
    assert report["report"].startswith("https://w3id.org/balgraph/match?source=")


@pytest.mark.parametrize(("accept", "rdf_format"), [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                                    ("application/n-triples", "nt")])
def test_match_as_rdf(server, accept, rdf_format):
    response = get(server, "/match", accept, **BEVER_TO_LIGHTING)

    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith(accept)
    graph = rdflib.Graph().parse(data=response.text, format=rdf_format)
    report = graph.value(None, rdflib.RDF.type, BAL.MatchReport)
    assert graph.value(report, BAL.source) == rdflib.URIRef(ID + "skills-set/bever")
    assert graph.value(report, BAL.target) == rdflib.URIRef(ID + "standard/lighting-technician")
    assert float(graph.value(report, BAL.coverage)) == pytest.approx(
        get(server, "/match", "application/json", **BEVER_TO_LIGHTING).json()["coverage"])
    statuses = sorted(str(graph.value(item, BAL.matchStatus)).rsplit("/", 1)[-1]
                      for item in graph.objects(report, BAL.hasItem))
    assert statuses == ["beyond", "covered", "missing", "missing", "missing", "missing",
                        "partly-covered", "partly-covered"]


def test_match_refuses_unavailable_type(server):
    response = get(server, "/match", "image/png", **BEVER_TO_LIGHTING)

    assert response.status_code == 406
    assert response.text.startswith("not_acceptable:")


def test_match_without_target_is_a_bad_request(server):
    response = get(server, "/match", "application/json", source="skills-set/bever")

    assert response.status_code == 400
    assert response.text.startswith("missing_parameter:")


def test_match_of_unknown_iri_is_not_found(server):
    response = get(server, "/match", "application/json", source="skills-set/nobody", target="role/sound-technician")

    assert response.status_code == 404
    assert "skills-set/nobody is not in the published graph" in response.text


def test_match_form_offers_people_programmes_and_standards(server):
    page = get(server, "/match", "text/html", lang="en").text

    assert '<select id="source" name="source"' in page
    assert f'value="{ID}skills-set/ekorn"' in page
    assert f'value="{ID}education-standard/stage-technical-production"' in page
    assert f'value="{ID}standard/sales-associate"' in page


def test_rank_roles_for_a_person(server):
    response = get(server, "/rank", "application/json", person="person/bever")

    assert response.status_code == 200
    ranking = response.json()
    assert ranking["ranked"] == "skills-standard"
    assert ranking["results"][0]["target"]["iri"] == ID + "standard/lighting-technician"
    assert "Missing: Dialogue with lighting designer" in ranking["results"][0]["reason"]["en"]
    assert len(ranking["results"]) == 6


def test_rank_page_lists_roles_with_reasons(server):
    page = get(server, "/rank", "text/html", lang="en", person="person/ekorn").text

    assert "Roles ranked by coverage" in page
    assert page.count("<tr>") == 7  # header and six roles
    assert "7 of 7 key skills covered" in page


def test_rank_as_turtle_holds_one_report_per_role(server):
    response = get(server, "/rank", "text/turtle", person="person/oter", sector="sector/retail")
    graph = rdflib.Graph().parse(data=response.text, format="turtle")

    assert len(list(graph.subjects(rdflib.RDF.type, BAL.MatchReport))) == 2


def test_rank_education_for_a_role(server):
    ranking = get(server, "/rank", "application/json", role="role/sound-technician").json()

    assert ranking["ranked"] == "education-standard"
    assert ranking["results"][0]["source"]["iri"] == ID + "education-standard/stage-technical-production"


@pytest.mark.parametrize("path", ["/id/role/sound-technician", "/id/standard/sound-technician",
                                  "/id/skills-set/ekorn", "/id/person/ekorn",
                                  "/id/education-standard/stage-technical-production"])
def test_resource_pages_show_the_balance_profile(server, path):
    page = get(server, path, "text/html", lang="en").text

    figure = page[page.index('<figure class="balance-profile" id="balance-profile">'):]
    figure = figure[:figure.index("</figure>")]
    assert re.search(r'<desc id="balance-profile-desc">[^<]*people–technology: \d key skills', figure)
    assert "<table class=\"profile-table\">" in figure  # the text alternative
    assert "<script" not in figure  # drawn on the server, readable without JavaScript


def test_key_skill_page_has_no_profile(server):
    page = get(server, "/id/key-skill/ekorn/safe-levels", "text/html", lang="en").text

    assert "balance-profile" not in page
