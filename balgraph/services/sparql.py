"""The read-only SPARQL query service: refuses updates and SERVICE, bounds time and result size.

Each query runs in a child process that opens the same read-only store; one that passes the
time limit is killed, and a fresh child answers the next query.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from dataclasses import dataclass
from pathlib import Path

from . import query_worker
from .query_check import QueryRefused, check_query

log = logging.getLogger(__name__)

# Memory allowed to one query process, in bytes.
QUERY_MEMORY_LIMIT = 4 * 1024**3
# Time a new query process may take to open the store, in seconds.
WORKER_START_SECONDS = 60


@dataclass(frozen=True)
class QueryResult:
    kind: str  # "solutions", "boolean" or "graph"
    format_name: str  # a pyoxigraph QueryResultsFormat or RdfFormat name
    body: bytes


class SparqlService:
    """Run queries against the build in `build_dir` within `timeout` seconds and `max_bytes` of output."""

    def __init__(self, build_dir: Path, timeout: float, max_bytes: int) -> None:
        self.store_path = str(build_dir / "oxigraph")
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._process: multiprocessing.Process | None = None
        self._connection = None
        # Whether the current query process runs without network access; None before it starts.
        self.network_isolated: bool | None = None

    def run(self, query: str, results_format: str | None, rdf_format: str | None,
            default_graphs: list[str] | None = None, named_graphs: list[str] | None = None,
            base_iri: str | None = None) -> QueryResult:
        """Run one query; the formats are pyoxigraph format names, None where the client accepts none.

        `default_graphs` and `named_graphs` are the protocol's default-graph-uri and named-graph-uri;
        without them the default graph is the union of all graphs. Relative IRIs in the query are
        resolved against `base_iri` unless the query sets its own BASE.
        """
        check_query(query)
        with self._lock:
            connection = self._worker()
            connection.send((query, results_format, rdf_format, default_graphs or [], named_graphs or [], base_iri))
            if not connection.poll(self.timeout):
                log.warning("query stopped after %.1f s: %.200r", self.timeout, query)
                self._stop_worker()
                raise QueryRefused("query_timeout", 503,
                                   f"The query took longer than {self.timeout:g} s and was stopped. "
                                   "Narrow it down or add a LIMIT.")
            try:
                reply = connection.recv()
            except EOFError:
                self._stop_worker()
                raise QueryRefused("query_failed", 500,
                                   "The query process ended unexpectedly, most likely out of memory. "
                                   "Narrow the query down.") from None
        if reply[0] == "ok":
            return QueryResult(reply[1], reply[2], reply[3])
        raise _refusal(reply[1], reply[2], self.max_bytes)

    def close(self) -> None:
        with self._lock:
            self._stop_worker()

    def _worker(self):
        if self._process is None or not self._process.is_alive():
            context = multiprocessing.get_context("spawn")
            parent, child = context.Pipe()
            self._process = context.Process(
                target=query_worker.serve, daemon=True,
                args=(self.store_path, child, self.max_bytes, QUERY_MEMORY_LIMIT),
            )
            self._process.start()
            child.close()
            self._connection = parent
            self._await_ready(parent)
        return self._connection

    def _await_ready(self, connection) -> None:
        """Wait for a new query process to open the store, and warn if it could reach the network."""
        try:
            ready = connection.poll(WORKER_START_SECONDS) and connection.recv()
        except EOFError:
            ready = None
        if not ready:
            self._stop_worker()
            raise QueryRefused("query_failed", 500, "The query process could not start. Try again later.")
        self.network_isolated = ready[1]
        if not self.network_isolated:
            log.warning("the query process could not leave the network namespace (unshare failed); "
                        "only the query check keeps SERVICE from sending requests")

    def _stop_worker(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join(5)
        if self._connection is not None:
            self._connection.close()
        self._process = None
        self._connection = None


def _refusal(code: str, detail: str, max_bytes: int) -> QueryRefused:
    if code == "malformed_query":
        return QueryRefused(code, 400, f"The query is not valid SPARQL 1.1: {detail}")
    if code == "result_too_large":
        return QueryRefused(code, 400,
                            f"The result is larger than {max_bytes} bytes. Add a LIMIT or select fewer variables.")
    if code == "not_acceptable":
        return QueryRefused(code, 406, "No format in the Accept header fits this query's result.")
    if code == "out_of_memory":
        return QueryRefused(code, 500, "The query needed more memory than allowed. Narrow it down.")
    return QueryRefused(code, 500, "The query failed. Check it and try again.")
