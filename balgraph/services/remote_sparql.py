"""The read-only SPARQL query service in front of a remote store, with the embedded service's limits.

Each query is checked the same way (no updates, no SERVICE) and parsed here first, so the remote
store only ever sees a valid SPARQL 1.1 query. It then runs over the served build's graphs. An
answer that takes longer than the time limit or grows past the size limit is abandoned. The
result is parsed and serialised again, so clients get the same formats and the same blank nodes
as from the embedded store, whatever the remote store writes.
"""

from __future__ import annotations

import logging

import pyoxigraph as ox

from ..errors import StoreError
from ..remote_store import N_TRIPLES, RESULTS_JSON, RemoteSparqlStore
from ..sparql_text import deskolemize
from .sparql import QueryRefused, QueryResult, check_query

log = logging.getLogger(__name__)

# The remote store's answer may be this many times larger than the result limit, because its
# format (SPARQL JSON, N-Triples) can be more verbose than the one the client asked for.
DOWNLOAD_FACTOR = 4


class RemoteSparqlService:
    """Forward queries to a remote store within `timeout` seconds and `max_bytes` of output."""

    def __init__(self, store: RemoteSparqlStore, timeout: float, max_bytes: int) -> None:
        self.store = store
        self.timeout = timeout
        self.max_bytes = max_bytes

    def run(self, query: str, results_format: str | None, rdf_format: str | None,
            default_graphs: list[str] | None = None, named_graphs: list[str] | None = None,
            base_iri: str | None = None) -> QueryResult:
        """Run one query, as SparqlService.run does, on the remote store."""
        check_query(query)
        kind = _query_kind(query, base_iri)
        if base_iri:
            # A BASE the query declares itself comes later in the prologue, so it still wins.
            query = f"BASE {ox.NamedNode(base_iri)}\n{query}"
        if (kind == "graph" and rdf_format is None) or (kind != "graph" and results_format is None):
            raise QueryRefused("not_acceptable", 406, "No format in the Accept header fits this query's result.")
        body = self._fetch(query, N_TRIPLES if kind == "graph" else RESULTS_JSON,
                           self._dataset(default_graphs or [], named_graphs or []))
        try:
            if kind == "graph":
                triples = [ox.Triple(deskolemize(q.subject), q.predicate, deskolemize(q.object))
                           for q in ox.parse(body, ox.RdfFormat.N_TRIPLES)]
                output = ox.serialize(triples, format=getattr(ox.RdfFormat, rdf_format))
                format_name = rdf_format
            else:
                results = ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
                output = results.serialize(format=getattr(ox.QueryResultsFormat, results_format))
                format_name = results_format
        except SyntaxError as error:
            log.error("the remote store sent an answer that does not parse: %s", error)
            raise QueryRefused("store_failed", 502, "The SPARQL store sent an invalid answer. Try again later.") \
                from None
        if len(output) > self.max_bytes:
            raise _too_large(self.max_bytes)
        return QueryResult(kind, format_name, output)

    def close(self) -> None:
        """Nothing to release: each query is one HTTP request."""

    def _dataset(self, default_graphs: list[str], named_graphs: list[str]) -> dict[str, list[str]]:
        # Without dataset parameters the default graph is the union of the build's graphs, as in
        # the embedded store; graphs outside the build are never visible.
        dataset = self.store.dataset()
        if default_graphs:
            dataset["default-graph-uri"] = default_graphs
        if named_graphs:
            dataset["named-graph-uri"] = named_graphs
        return dataset

    def _fetch(self, query: str, accept: str, dataset: dict[str, list[str]]) -> bytes:
        try:
            return self.store.fetch(query, accept, dataset, timeout=self.timeout,
                                    max_bytes=self.max_bytes * DOWNLOAD_FACTOR)
        except TimeoutError:
            log.warning("query stopped after %.1f s: %.200r", self.timeout, query)
            raise QueryRefused("query_timeout", 503, f"The query took longer than {self.timeout:g} s and was "
                               "stopped. Narrow it down or add a LIMIT.") from None
        except OverflowError:
            raise _too_large(self.max_bytes) from None
        except StoreError as error:
            log.error("remote query failed: %s", error)
            raise QueryRefused("store_failed", 502, "The SPARQL store behind this endpoint failed to answer. "
                               "Try again later.") from None


def _query_kind(query: str, base_iri: str | None) -> str:
    """Parse the query on an empty in-memory store; return "solutions", "boolean" or "graph"."""
    try:
        result = ox.Store().query(query, base_iri=base_iri)
    except SyntaxError as error:
        raise QueryRefused("malformed_query", 400, f"The query is not valid SPARQL 1.1: {error}") from None
    if isinstance(result, ox.QueryTriples):
        return "graph"
    return "boolean" if isinstance(result, ox.QueryBoolean) else "solutions"


def _too_large(max_bytes: int) -> QueryRefused:
    return QueryRefused("result_too_large", 400,
                        f"The result is larger than {max_bytes} bytes. Add a LIMIT or select fewer variables.")
