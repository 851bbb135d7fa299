"""Search: folding of case and Norwegian letters, the grouped results page and the autocomplete suggestions."""

from __future__ import annotations

import pytest
import requests

from balgraph.services.search import fold

from .pages import BAL, first_of_class, get_page, label_of, open_store, path_of


@pytest.fixture(scope="module")
def store(built_store):
    return open_store(built_store)


@pytest.mark.parametrize("typed, label", [
    ("TILSTEDEVÆRELSE", "tilstedeværelse"),
    ("tilstedevaerelse", "tilstedeværelse"),
    ("tilstedevarelse", "tilstedeværelse"),
    ("losning", "løsning"),
    ("loesning", "løsning"),
    ("gaa", "gå"),
    ("ga", "gå"),
    ("cafe", "Café"),
])
def test_fold_matches_common_spellings(typed, label):
    assert fold(typed) == fold(label)


def test_fold_keeps_different_words_apart():
    assert fold("lys") != fold("lyd")


def test_search_page_groups_results_by_kind(server, store):
    role = first_of_class(store, BAL + "Role")
    name = label_of(store, role, "nb")

    page = get_page(server.url + "/search", lang="nb", q=name.upper())
    groups = {group.find("h2")["id"]: group for group in page.find_all("section", class_="result-group")}
    assert "group-role" in groups
    assert path_of(role) in {a["href"] for a in groups["group-role"].find_all("a")}
    headings = [group.find("h2").get_text(" ", strip=True) for group in groups.values()]
    assert any(heading.startswith("Roller") for heading in headings)


def test_search_finds_english_labels_and_shows_the_readers_label(server, store):
    role = first_of_class(store, BAL + "Role")
    english, norwegian = label_of(store, role, "en"), label_of(store, role, "nb")

    page = get_page(server.url + "/search", lang="nb", q=english.lower())
    link = page.find("a", href=path_of(role))
    assert link is not None
    assert link.get_text(strip=True) == norwegian


def test_search_without_matches_says_so(server):
    page = get_page(server.url + "/search", lang="en", q="zzqxj")
    assert "No results" in page.find("p", class_="empty").get_text()


@pytest.mark.parametrize("hostile", ['" } ; DROP ALL ; #', "?s ?p ?o", "<http://x>", "\\u0000", "a" * 5000])
def test_search_treats_any_text_as_plain_words(server, hostile):
    response = requests.get(server.url + "/search", params={"q": hostile}, timeout=30)
    assert response.status_code == 200
    suggestions = requests.get(server.url + "/search/suggest", params={"q": hostile}, timeout=30)
    assert suggestions.status_code == 200
    assert isinstance(suggestions.json()["suggestions"], list)


def test_suggestions_tolerate_norwegian_letters_typed_as_ascii(server, store):
    page = requests.get(server.url + "/search/suggest", params={"q": "tilstedevaer", "lang": "nb"}, timeout=30)
    suggestions = page.json()["suggestions"]
    assert suggestions, "no suggestion for an ASCII spelling of tilstedeværelse"
    assert all("tilstedeværelse" in s["label"].lower() or "tilstedeværelse" in (s["matched"] or "").lower()
               for s in suggestions)
    dimension = "https://w3id.org/balgraph/id/dimension/pace-presence"
    assert path_of(dimension) in {s["url"] for s in suggestions}
    assert {s["kind_label"] for s in suggestions} >= {"Balansedimensjoner", "Balansepunkter"}


def test_suggestions_are_at_most_eight_and_best_first(server, store):
    response = requests.get(server.url + "/search/suggest", params={"q": "a", "lang": "en"}, timeout=30)
    suggestions = response.json()["suggestions"]
    assert len(suggestions) == 8
    assert suggestions[0]["label"].lower().startswith("a")
