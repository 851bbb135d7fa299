"""A GraphStore on any SPARQL 1.1 store over HTTP, for graphs that outgrow one machine.

Reads use the SPARQL 1.1 Protocol; builds upload with the Graph Store Protocol, or with SPARQL
Update where no Graph Store Protocol endpoint is configured. Each build is uploaded into staging
graphs first and then moved into the published graphs by one update request, which also records
the build in a graph of its own. Where the store runs one update request as one transaction, a
failed build or an interrupted upload never changes what is served.

Blank nodes are stored as skolem IRIs, because a blank node label in one response cannot be
used in the next request. The services still see blank nodes.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import pyoxigraph as ox
import requests

from .errors import StoreError
from .sparql_text import deskolemize, query_form, skolemize, with_values
from .store import LABEL_PROPERTIES, BuildInfo, GraphStore

log = logging.getLogger(__name__)

# The graph recording which build is current; it is not part of any build's dataset.
BUILDS_GRAPH = "urn:x-balgraph:builds"
CURRENT_BUILD = "urn:x-balgraph:builds#current"
BUILD_RECORD = "urn:x-balgraph:builds#record"
STAGING_PREFIX = "urn:x-balgraph:staging:"
# Triples per upload request; bounds the memory one request needs on both sides. An INSERT DATA
# request is kept smaller, because Virtuoso 7.2 compiles it to SQL and rejects more than 10,000
# lines of generated code.
UPLOAD_BATCH = 50_000
INSERT_DATA_BATCH = 500
# Seconds to wait for a connection, and for each read of a response, from the store.
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 300.0
RESULTS_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"


@dataclass(frozen=True)
class RemoteEndpoints:
    """The query, update and Graph Store Protocol endpoints of a SPARQL store."""

    query: str
    update: str | None = None
    graph_store: str | None = None

    @property
    def update_url(self) -> str:
        # The SPARQL 1.1 Protocol lets one URL take both queries and updates.
        return self.update or self.query


class RemoteSparqlStore(GraphStore):
    """The build recorded as current in a SPARQL store reached over HTTP.

    Every query runs over this build's graphs only: their union is the default graph, and they
    are the named graphs, whatever else the store holds.
    """

    def __init__(self, endpoints: RemoteEndpoints, info: BuildInfo,
                 session: requests.Session | None = None) -> None:
        self.endpoints = endpoints
        self._info = info
        self._session = session or requests.Session()

    @classmethod
    def open_current(cls, endpoints: RemoteEndpoints) -> "RemoteSparqlStore":
        session = requests.Session()
        info = read_current_build(endpoints, session)
        if info is None:
            raise StoreError(f"no build found in the SPARQL store at {endpoints.query}; "
                             f"run `balgraph --store {endpoints.query} build` first")
        return cls(endpoints, info, session)

    def dataset(self) -> dict[str, list[str]]:
        """Return the SPARQL Protocol dataset parameters that select this build's graphs."""
        graphs = list(self._info.graphs)
        return {"default-graph-uri": graphs, "named-graph-uri": graphs}

    def query(self, sparql, bindings=None):
        text = with_values(sparql, bindings or {})
        if query_form(text) in ("CONSTRUCT", "DESCRIBE"):
            body = self.fetch(text, N_TRIPLES, self.dataset())
            return [ox.Triple(deskolemize(q.subject), q.predicate, deskolemize(q.object))
                    for q in ox.parse(body, ox.RdfFormat.N_TRIPLES)]
        body = self.fetch(text, RESULTS_JSON, self.dataset())
        return ox.parse_query_results(body, ox.QueryResultsFormat.JSON)

    def triples_about(self, subject):
        rows = self.query("SELECT DISTINCT ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"s": subject})
        return [ox.Triple(subject, row["p"], deskolemize(row["o"])) for row in rows]

    def triples_pointing_to(self, target, limit):
        rows = self.query(f"SELECT DISTINCT ?s ?p WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} LIMIT {int(limit)}",
                          {"o": target})
        return [ox.Triple(deskolemize(row["s"]), row["p"], target) for row in rows]

    def labels(self, iris):
        result: dict[str, dict[str, str]] = {iri: {} for iri in iris}
        wanted = sorted(result)
        for start in range(0, len(wanted), 200):
            result.update(self._labels_of(wanted[start:start + 200]))
        return result

    def _labels_of(self, iris: list[str]) -> dict[str, dict[str, str]]:
        values = " ".join(str(ox.NamedNode(iri)) for iri in iris)
        predicates = " ".join(str(p) for p in LABEL_PROPERTIES)
        rows = self.query(f"SELECT ?s ?p ?label WHERE {{ VALUES ?s {{ {values} }} VALUES ?p {{ {predicates} }} "
                          "GRAPH ?g { ?s ?p ?label } FILTER(isLiteral(?label)) }")
        found: dict[str, dict[str, str]] = {iri: {} for iri in iris}
        # skos:prefLabel wins over rdfs:label, as in the embedded store.
        order = {p.value: rank for rank, p in enumerate(LABEL_PROPERTIES)}
        for row in sorted(rows, key=lambda r: order[r["p"].value]):
            found[row["s"].value].setdefault(row["label"].language or "", row["label"].value)
        return found

    def info(self):
        return self._info

    def read_current(self) -> BuildInfo | None:
        """Return the build the store records as current now, which may be newer than this one."""
        return read_current_build(self.endpoints, self._session)

    def fetch(self, sparql: str, accept: str, dataset: Mapping[str, list[str]],
              timeout: float = READ_TIMEOUT, max_bytes: int | None = None) -> bytes:
        """POST a query with the SPARQL 1.1 Protocol and return the response body.

        Raises StoreError when the store cannot be reached or rejects the query, TimeoutError
        after `timeout` seconds in all, and OverflowError once the body passes `max_bytes`.
        """
        # A codepoint escape means the same as the character in SPARQL, and Virtuoso 7.2 rejects a raw NUL.
        sparql = sparql.replace("\x00", "\\u0000")
        form = [("query", sparql)] + [(name, iri) for name, iris in dataset.items() for iri in iris]
        deadline = time.monotonic() + timeout
        try:
            with self._session.post(self.endpoints.query, data=form, headers={"Accept": accept},
                                    timeout=(CONNECT_TIMEOUT, timeout), stream=True) as response:
                if response.status_code != 200:
                    raise StoreError(f"the SPARQL store at {self.endpoints.query} rejected a query with "
                                     f"HTTP {response.status_code}: {response.text[:300]}")
                return _read_bounded(response, deadline, max_bytes)
        except requests.Timeout:
            raise TimeoutError(f"the query to {self.endpoints.query} timed out after {timeout:g} s") from None
        except requests.ConnectionError as error:
            raise StoreError(f"cannot reach the SPARQL store at {self.endpoints.query} ({error}); "
                             "check that it runs and that the URL is right") from None


def _read_bounded(response: requests.Response, deadline: float, max_bytes: int | None) -> bytes:
    parts: list[bytes] = []
    size = 0
    for chunk in response.iter_content(chunk_size=65536):
        size += len(chunk)
        if max_bytes is not None and size > max_bytes:
            raise OverflowError(f"the response is larger than {max_bytes} bytes")
        if time.monotonic() > deadline:
            raise TimeoutError("the response from the store timed out")
        parts.append(chunk)
    return b"".join(parts)


def read_current_build(endpoints: RemoteEndpoints, session: requests.Session) -> BuildInfo | None:
    """Return the build the store records as current, or None when it contains no build."""
    store = RemoteSparqlStore(endpoints, BuildInfo("", "", 0, {}), session)
    body = store.fetch(f"SELECT ?record WHERE {{ GRAPH {_iri(BUILDS_GRAPH)} {{ {_iri(CURRENT_BUILD)} {_iri(BUILD_RECORD)} ?record }} }}",
                       RESULTS_JSON, {"named-graph-uri": [BUILDS_GRAPH]}, timeout=30)
    rows = list(ox.parse_query_results(body, ox.QueryResultsFormat.JSON))
    if not rows:
        return None
    try:
        raw = json.loads(rows[0]["record"].value)
        return BuildInfo(raw["build_id"], raw["created"], raw["triples"], raw["graphs"])
    except (ValueError, KeyError, TypeError) as error:
        raise StoreError(f"the build record in {BUILDS_GRAPH} at {endpoints.query} is not valid ({error}); "
                         "run `balgraph build` again") from None


def write_remote_build(endpoints: RemoteEndpoints, graphs: Mapping[str, Iterable[ox.Quad]],
                       build_id: str) -> BuildInfo:
    """Upload each named graph into staging graphs, then publish them all with one update request.

    Raises StoreError when the store cannot be reached or rejects a request; the staging graphs
    are then dropped and the published build stays as it was.
    """
    session = requests.Session()
    previous = read_current_build(endpoints, session)
    staging = {graph: f"{STAGING_PREFIX}{build_id}:{ox.NamedNode(graph).value}" for graph in graphs}
    try:
        counts = {graph: _upload(endpoints, session, staging[graph], quads) for graph, quads in graphs.items()}
        info = BuildInfo(build_id, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                         sum(counts.values()), counts)
        _update(endpoints, session, _publication_update(info, staging, previous))
    except BaseException:
        _drop_quietly(endpoints, session, staging.values())
        raise
    log.info("build %s is current in %s", build_id, endpoints.query)
    return info


def _upload(endpoints: RemoteEndpoints, session: requests.Session, graph: str, quads: Iterable[ox.Quad]) -> int:
    count = 0
    for batch in _batches(quads, UPLOAD_BATCH if endpoints.graph_store else INSERT_DATA_BATCH):
        body = ox.serialize([ox.Triple(skolemize(q.subject), q.predicate, skolemize(q.object)) for q in batch],
                            format=ox.RdfFormat.N_TRIPLES)
        if endpoints.graph_store:
            # N-Triples is a subset of Turtle, and every Graph Store Protocol server takes Turtle.
            _request(session, "POST", endpoints.graph_store, params={"graph": graph}, data=body,
                     headers={"Content-Type": "text/turtle"})
        else:
            text = f"INSERT DATA {{ GRAPH {_iri(graph)} {{\n{body.decode('utf-8')}\n}} }}"
            _update(endpoints, session, text)
        count += len(batch)
        if endpoints.graph_store or count % UPLOAD_BATCH < INSERT_DATA_BATCH:
            log.info("uploaded %d triples to %s", count, graph)
    return count


def _batches(quads: Iterable[ox.Quad], size: int) -> Iterator[list[ox.Quad]]:
    batch: list[ox.Quad] = []
    for quad in quads:
        batch.append(quad)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _publication_update(info: BuildInfo, staging: Mapping[str, str], previous: BuildInfo | None) -> str:
    """Return the one update request that makes a build current."""
    operations = []
    for graph, count in info.graphs.items():
        if count:
            operations.append(f"MOVE SILENT GRAPH {_iri(staging[graph])} TO {_iri(graph)}")
        else:
            operations.append(f"DROP SILENT GRAPH {_iri(graph)}")
    for graph in (previous.graphs if previous else {}):
        if graph not in info.graphs:
            operations.append(f"DROP SILENT GRAPH {_iri(graph)}")
    record = ox.Literal(json.dumps(info.__dict__))
    current = f"{_iri(CURRENT_BUILD)} {_iri(BUILD_RECORD)}"
    operations.append(f"DELETE WHERE {{ GRAPH {_iri(BUILDS_GRAPH)} {{ {current} ?record }} }}")
    operations.append(f"INSERT DATA {{ GRAPH {_iri(BUILDS_GRAPH)} {{ {current} {record} }} }}")
    return " ;\n".join(operations)


def _iri(value: str) -> str:
    # Serialised by pyoxigraph, which rejects a value that is not an IRI.
    return str(ox.NamedNode(value))


def _update(endpoints: RemoteEndpoints, session: requests.Session, text: str) -> None:
    _request(session, "POST", endpoints.update_url, data={"update": text})


def _request(session: requests.Session, method: str, url: str, **options) -> None:
    try:
        response = session.request(method, url, timeout=(CONNECT_TIMEOUT, READ_TIMEOUT), **options)
    except requests.RequestException as error:
        raise StoreError(f"cannot reach the SPARQL store at {url} ({error}); "
                         "check that it runs and that the URL is right") from None
    if response.status_code >= 300:
        raise StoreError(f"the SPARQL store at {url} rejected a {method} with HTTP {response.status_code}: "
                         f"{response.text[:300]}; check that this URL accepts updates")


def _drop_quietly(endpoints: RemoteEndpoints, session: requests.Session, graphs: Iterable[str]) -> None:
    try:
        _update(endpoints, session, " ;\n".join(f"DROP SILENT GRAPH {_iri(graph)}" for graph in graphs))
    except StoreError as error:
        log.warning("could not drop the staging graphs of a failed build: %s", error)
