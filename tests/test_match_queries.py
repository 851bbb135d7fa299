"""The SPARQL queries for match and ranking in docs/queries return what `/match` and `/rank` return."""

from __future__ import annotations

import requests

from .support import PROJECT

QUERIES = PROJECT / "docs" / "queries"
BEVER_TO_LIGHTING = {"source": "skills-set/bever", "target": "role/lighting-technician"}


def select(server, name: str) -> list[dict]:
    response = requests.post(server.url + "/sparql", data={"query": (QUERIES / name).read_text()},
                             headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert response.status_code == 200, response.text
    return [{key: value["value"] for key, value in row.items()} for row in response.json()["results"]["bindings"]]


def match(server, **params) -> dict:
    return requests.get(server.url + "/match", params=params, headers={"Accept": "application/json"},
                        timeout=30).json()


def test_gap_query_lists_the_missing_key_skills(server):
    rows = select(server, "match-gap.rq")
    report = match(server, **BEVER_TO_LIGHTING)

    missing = {item["target_key_skill"]["iri"] for item in report["items"] if item["status"] == "missing"}
    assert {row["keySkill"] for row in rows} == missing
    assert len(rows) == 4


def test_unmet_outcomes_query_lists_the_missing_outcomes(server):
    rows = select(server, "match-unmet-outcomes.rq")
    report = match(server, **BEVER_TO_LIGHTING)

    unmet = {outcome["target_outcome"] for item in report["items"] for outcome in item["outcomes"]
             if outcome["status"] != "met"}
    assert {row["outcome"] for row in rows} == unmet
    assert any("best" not in row for row in rows)  # a category Bever lacks
    assert any(row.get("best") == "5.1" and row["required"] == "5.2" for row in rows)


def test_rank_query_orders_roles_as_the_ranking_does(server):
    rows = select(server, "match-rank-roles.rq")
    ranking = requests.get(server.url + "/rank", params={"person": "person/bever"},
                           headers={"Accept": "application/json"}, timeout=30).json()["results"]

    assert rows[0]["standard"] == ranking[0]["target"]["iri"]
    linked = {entry["target"]["iri"]: entry["counts"]["covered"] + entry["counts"]["partly-covered"]
              for entry in ranking}
    assert {row["standard"]: int(row["linkedKeySkills"]) for row in rows} == linked
