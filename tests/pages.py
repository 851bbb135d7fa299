"""Helpers for the site tests: fetching pages as a browser would and reading the built store for the truth."""

from __future__ import annotations

from pathlib import Path

import requests
from bs4 import BeautifulSoup

from balgraph.store import OxigraphStore

BAL = "https://w3id.org/balgraph/ontology#"
ESCO_MODEL = "http://data.europa.eu/esco/model#"
BASE = "https://w3id.org/balgraph/"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def open_store(builds: Path) -> OxigraphStore:
    return OxigraphStore.open_current(builds)


def first_of_class(store: OxigraphStore, class_iri: str) -> str:
    """Return the IRI of the first resource (in IRI order) typed `class_iri`; fail when there is none."""
    rows = list(store.query("SELECT ?class ?r WHERE { ?r a ?class } ORDER BY ?r LIMIT 1", {"class": _node(class_iri)}))
    assert rows, f"the built store holds no {class_iri}"
    return rows[0]["r"].value


def label_of(store: OxigraphStore, iri: str, lang: str) -> str:
    return store.labels([iri])[iri][lang]


def path_of(iri: str) -> str:
    """Return the server path of a published IRI: under the base by path, others by /resource?iri=."""
    if iri.startswith(BASE):
        return "/" + iri[len(BASE):]
    return "/resource?iri=" + requests.utils.quote(iri, safe=":/")


def get_page(url: str, lang: str | None = None, session: requests.Session | None = None, **params) -> BeautifulSoup:
    """GET an HTML page as a browser would (optionally with ?lang=) and parse it; fail on a non-200 status."""
    if lang:
        params["lang"] = lang
    response = (session or requests).get(url, params=params, headers={"Accept": BROWSER_ACCEPT}, timeout=30)
    assert response.status_code == 200, f"{response.url}: {response.status_code} {response.text[:300]}"
    assert response.headers["Content-Type"].startswith("text/html")
    return BeautifulSoup(response.text, "html.parser")


def heading(page: BeautifulSoup) -> str:
    return page.find("h1").get_text(" ", strip=True)


def link_targets(page: BeautifulSoup) -> set[str]:
    return {a["href"] for a in page.find_all("a", href=True)}


def _node(iri: str):
    import pyoxigraph as ox

    return ox.NamedNode(iri)
