"""A child process that runs SPARQL queries against a read-only store, so a runaway query can be killed.

The parent sends (query, results format name, RDF format name, default graph IRIs, named graph
IRIs) and receives
("ok", kind, format name, bytes) or ("error", code, message).
"""

from __future__ import annotations

import resource
from multiprocessing.connection import Connection

import pyoxigraph as ox


class ResultTooLarge(Exception):
    pass


class _BoundedBuffer:
    """A write target that raises once more than `limit` bytes have been written."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise ResultTooLarge()
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def serve(store_path: str, connection: Connection, max_bytes: int, memory_bytes: int) -> None:
    """Answer queries from `connection` until the parent closes it."""
    if memory_bytes:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    store = ox.Store.read_only(store_path)
    while True:
        try:
            query, results_format, rdf_format, default_graphs, named_graphs = connection.recv()
        except EOFError:
            return
        connection.send(_run(store, query, results_format, rdf_format, default_graphs, named_graphs, max_bytes))


def _run(store: ox.Store, query: str, results_format: str | None, rdf_format: str | None,
         default_graphs: list[str], named_graphs: list[str], max_bytes: int) -> tuple:
    try:
        dataset: dict = {"use_default_graph_as_union": not default_graphs}
        if default_graphs:
            dataset["default_graph"] = [ox.NamedNode(iri) for iri in default_graphs]
        if named_graphs:
            dataset["named_graphs"] = [ox.NamedNode(iri) for iri in named_graphs]
        result = store.query(query, **dataset)
        buffer = _BoundedBuffer(max_bytes)
        if isinstance(result, ox.QueryTriples):
            if rdf_format is None:
                return ("error", "not_acceptable", "graph")
            ox.serialize(result, buffer, getattr(ox.RdfFormat, rdf_format))
            return ("ok", "graph", rdf_format, b"".join(buffer.parts))
        if results_format is None:
            return ("error", "not_acceptable", "solutions")
        result.serialize(buffer, getattr(ox.QueryResultsFormat, results_format))
        kind = "boolean" if isinstance(result, ox.QueryBoolean) else "solutions"
        return ("ok", kind, results_format, b"".join(buffer.parts))
    except SyntaxError as error:
        return ("error", "malformed_query", str(error))
    except ResultTooLarge:
        return ("error", "result_too_large", str(max_bytes))
    except MemoryError:
        return ("error", "out_of_memory", "")
    except Exception as error:  # noqa: BLE001 - the process must keep answering after any failure
        return ("error", "query_failed", f"{type(error).__name__}: {error}")
