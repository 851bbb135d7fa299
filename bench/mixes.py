"""The fixed query mix and the dereferencing mix, run over HTTP against any server."""

from __future__ import annotations

import multiprocessing
import statistics
import time
from dataclasses import dataclass
from http.client import HTTPConnection
from urllib.parse import quote, urlencode, urlsplit

import requests

from .common import PROJECT

PREFIXES = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX esco: <http://data.europa.eu/esco/model#>
PREFIX bal: <https://w3id.org/balgraph/ontology#>
"""
STAGE_TECHNICIAN = "http://data.europa.eu/esco/occupation/acb6b99a-6c13-482a-81b1-8b5614e0153e"
RESULTS_JSON = "application/sparql-results+json"
TURTLE = "text/turtle"


@dataclass(frozen=True)
class Query:
    name: str
    text: str
    accept: str


def query_mix(probe_skill_label: str) -> list[Query]:
    """Return the mix: the README's authority queries, label lookups, joins, aggregates and DESCRIBE."""
    mix = [Query(f"authority: {path.stem}", path.read_text(encoding="utf-8"), RESULTS_JSON)
           for path in sorted((PROJECT / "docs" / "queries").glob("*.rq"))]
    mix += [
        Query("label lookup (en)", PREFIXES + 'SELECT ?concept WHERE { ?concept skos:prefLabel "stage technician"@en }',
              RESULTS_JSON),
        Query("label lookup (generated skill, de)", PREFIXES + "SELECT ?concept WHERE { ?concept skos:prefLabel "
              f'"{probe_skill_label}"@de }}', RESULTS_JSON),
        Query("2-hop: essential skills with labels", PREFIXES + "SELECT ?skill ?label WHERE { "
              f"<{STAGE_TECHNICIAN}> esco:relatedEssentialSkill ?skill . "
              '?skill skos:prefLabel ?label FILTER(lang(?label) = "en") }', RESULTS_JSON),
        Query("3-hop: occupations sharing a skill", PREFIXES + "SELECT DISTINCT ?other ?label WHERE { "
              f"<{STAGE_TECHNICIAN}> esco:relatedEssentialSkill ?skill . ?other esco:relatedEssentialSkill ?skill . "
              '?other skos:prefLabel ?label FILTER(lang(?label) = "en") }', RESULTS_JSON),
        Query("3-hop: standards to ESCO skills to occupations", PREFIXES + "SELECT ?standard (COUNT(DISTINCT ?occupation) AS ?n) "
              "WHERE { ?standard bal:hasKeySkill ?key . ?key bal:escoSkill ?skill . "
              "?occupation esco:relatedEssentialSkill|esco:relatedOptionalSkill ?skill } GROUP BY ?standard",
              RESULTS_JSON),
        Query("aggregate: top skills by occupations", PREFIXES + "SELECT ?skill (COUNT(?occupation) AS ?n) WHERE { "
              "?occupation esco:relatedEssentialSkill ?skill } GROUP BY ?skill ORDER BY DESC(?n) LIMIT 10",
              RESULTS_JSON),
        Query("aggregate: labels per language", PREFIXES + "SELECT ?lang (COUNT(*) AS ?n) WHERE { "
              "?concept skos:prefLabel ?label BIND(lang(?label) AS ?lang) } GROUP BY ?lang", RESULTS_JSON),
        Query("DESCRIBE an occupation", f"DESCRIBE <{STAGE_TECHNICIAN}>", TURTLE),
    ]
    return mix


def time_query(session: requests.Session, url: str, query: Query, timeout: float) -> float | None:
    """Return the seconds one query took over HTTP GET, or None when it failed or timed out."""
    started = time.perf_counter()
    try:
        response = session.get(url, params={"query": query.text}, headers={"Accept": query.accept}, timeout=timeout)
    except requests.Timeout:
        return None
    if response.status_code != 200 or not response.content:
        raise RuntimeError(f"{url} returned HTTP {response.status_code} for {query.name}: {response.text[:300]}")
    return time.perf_counter() - started


def run_query_mix(url: str, mix: list[Query], repeats: int, timeout: float) -> dict[str, float | None]:
    """Return the median seconds of each query after one warm-up run; None where it timed out."""
    session = requests.Session()
    medians: dict[str, float | None] = {}
    for query in mix:
        first = time_query(session, url, query, timeout)
        if first is None:
            medians[query.name] = None
            continue
        times = [time_query(session, url, query, timeout) for _ in range(repeats)] if repeats else [first]
        medians[query.name] = None if None in times else statistics.median(times)
    return medians


def dereference_paths(kind: str, base_url: str, iris: list[str]) -> list[str]:
    """Return the request paths that fetch each IRI as Turtle: balgraph's page, or a DESCRIBE query."""
    if kind == "balgraph":
        return [f"/resource?iri={quote(iri, safe='')}" for iri in iris]
    path = urlsplit(base_url).path or "/query"
    return [f"{path}?{urlencode({'query': f'DESCRIBE <{iri}>'})}" for iri in iris]


def _client(args: tuple) -> int:
    host, port, paths, seconds = args
    deadline = time.monotonic() + seconds
    connection = HTTPConnection(host, port, timeout=30)
    done = 0
    while time.monotonic() < deadline:
        path = paths[done % len(paths)]
        connection.request("GET", path, headers={"Accept": TURTLE})
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"GET {path} returned HTTP {response.status}")
        if response.getheader("Connection", "").lower() == "close":
            connection.close()
            connection = HTTPConnection(host, port, timeout=30)
        done += 1
    return done


def dereference_throughput(url: str, paths: list[str], clients: int, seconds: float) -> float:
    """Return requests per second that `clients` client processes get from `url` over `seconds`."""
    parts = urlsplit(url)
    work = [(parts.hostname, parts.port, paths[i::clients] or paths, seconds) for i in range(clients)]
    # Each client counts its own requests over its own `seconds`, so process start-up is not timed.
    with multiprocessing.get_context("spawn").Pool(clients) as pool:
        counts = pool.map(_client, work)
    return sum(counts) / seconds
