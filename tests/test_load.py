"""The running site under 50 concurrent clients mixing dereferencing and queries, on loopback."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import requests

CLIENTS = 50
REQUESTS_PER_CLIENT = 12
DEADLINE_SECONDS = 120
QUERIES = [
    "SELECT ?role WHERE { ?role a <https://w3id.org/balgraph/ontology#Role> }",
    "ASK { ?s a <https://w3id.org/balgraph/ontology#SkillsStandard> }",
    "CONSTRUCT { ?d ?p ?o } WHERE { ?d a <http://www.w3.org/2004/02/skos/core#Concept> ; ?p ?o } LIMIT 50",
]
RESOURCES = ["/id/dimension/people-technology", "/ontology", "/dataset", "/"]
ACCEPTS = ["text/html", "text/turtle", "application/ld+json", "application/n-triples"]


def is_complete(response: requests.Response) -> bool:
    """Return whether the body is whole: JSON results parse, other bodies end as their format ends."""
    content_type = response.headers.get("Content-Type", "")
    if content_type.startswith("application/sparql-results+json"):
        return "head" in response.json()
    if content_type.startswith("text/html"):
        return response.text.rstrip().endswith("</html>")
    return len(response.content) > 0 and response.text.rstrip()[-1] in ".}]"


def client_session(server, client: int) -> list[tuple[str, int, bool]]:
    """Run one client's requests in turn; return (what, status, whether the body is whole) for each."""
    session = requests.Session()
    outcomes = []
    for number in range(REQUESTS_PER_CLIENT):
        if (client + number) % 2:
            query = QUERIES[(client + number) % len(QUERIES)]
            response = session.get(server.url + "/sparql", params={"query": query}, timeout=DEADLINE_SECONDS,
                                   headers={"Accept": "application/sparql-results+json, text/turtle;q=0.9"})
            what = query[:20]
        else:
            path = RESOURCES[(client + number) % len(RESOURCES)]
            response = session.get(server.url + path, headers={"Accept": ACCEPTS[number % len(ACCEPTS)]},
                                   timeout=DEADLINE_SECONDS)
            what = path
        outcomes.append((what, response.status_code, is_complete(response)))
    return outcomes


def test_fifty_concurrent_clients_all_answered(server):
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        results = list(pool.map(lambda client: client_session(server, client), range(CLIENTS)))
    elapsed = time.monotonic() - started

    outcomes = [outcome for session in results for outcome in session]
    assert len(outcomes) == CLIENTS * REQUESTS_PER_CLIENT
    failures = [outcome for outcome in outcomes if outcome[1] != 200]
    assert failures == []
    assert [outcome for outcome in outcomes if not outcome[2]] == []
    assert elapsed < DEADLINE_SECONDS
    print(f"\n{len(outcomes)} requests from {CLIENTS} clients in {elapsed:.1f} s")
