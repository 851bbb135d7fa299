"""A child process that runs SPARQL queries against a read-only store, so a runaway query can be killed.

Once the store is open the child sends ("ready", whether it is cut off from the network). Then
the parent sends (query, results format name, RDF format name, default graph IRIs, named graph
IRIs, base IRI) and receives ("ok", kind, format name, bytes) or ("error", code, message).

The child moves itself into a network namespace of its own, which has no interfaces up, so no
query can make it connect anywhere: pyoxigraph 0.5 evaluates SERVICE with its own HTTP client.
"""

from __future__ import annotations

import ctypes
import os
import resource
import sys
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from .query_check import declares_dataset

# Flags of unshare(2), from <linux/sched.h>.
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000


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


def isolate_from_network() -> bool:
    """Move this process into a new, empty network namespace; return whether that worked.

    Call it before any thread starts, as unshare(2) refuses a user namespace to a threaded
    process. Without CAP_SYS_ADMIN a user namespace is created first, mapping the caller's own
    user and group, so the store stays readable.
    """
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(_CLONE_NEWNET) == 0:
        return True
    uid, gid = os.getuid(), os.getgid()
    if libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) != 0:
        return False
    try:
        Path("/proc/self/setgroups").write_text("deny")
        Path("/proc/self/uid_map").write_text(f"{uid} {uid} 1")
        Path("/proc/self/gid_map").write_text(f"{gid} {gid} 1")
    except OSError:
        pass  # the namespace is in place; files then look owned by nobody but stay world-readable
    return True


def serve(store_path: str, connection: Connection, max_bytes: int, memory_bytes: int) -> None:
    """Answer queries from `connection` until the parent closes it."""
    isolated = isolate_from_network()
    if memory_bytes:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    store = ox.Store.read_only(store_path)
    connection.send(("ready", isolated))
    while True:
        try:
            query, results_format, rdf_format, default_graphs, named_graphs, base_iri = connection.recv()
        except EOFError:
            return
        connection.send(_run(store, query, results_format, rdf_format, default_graphs, named_graphs, max_bytes,
                             base_iri))


def _dataset(query: str, default_graphs: list[str], named_graphs: list[str]) -> dict:
    """Return the dataset arguments of Store.query for the protocol's graph IRIs.

    Graphs named in the request win over FROM and FROM NAMED; a dataset given either way holds
    only the graphs it names. Without one, the default graph is the union of all graphs.
    """
    if not default_graphs and not named_graphs:
        return {"use_default_graph_as_union": not declares_dataset(query)}
    return {"default_graph": [ox.NamedNode(iri) for iri in default_graphs] or [ox.DefaultGraph()],
            "named_graphs": [ox.NamedNode(iri) for iri in named_graphs]}


def _run(store: ox.Store, query: str, results_format: str | None, rdf_format: str | None,
         default_graphs: list[str], named_graphs: list[str], max_bytes: int, base_iri: str | None = None) -> tuple:
    try:
        result = store.query(query, base_iri=base_iri, **_dataset(query, default_graphs, named_graphs))
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
