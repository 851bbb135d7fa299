"""The one interface through which services read and write the graph, with two implementations.

OxigraphStore is the embedded store. Builds live in a folder of their own each, and the served
build is the symbolic link ``current`` in the builds folder, swapped atomically once a new build
is complete, so a failed build never touches what is served.

RemoteSparqlStore is any SPARQL 1.1 store reached over HTTP (see balgraph.remote_store).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from .errors import StoreError

if TYPE_CHECKING:
    from .config import Settings

log = logging.getLogger(__name__)

CURRENT_LINK = "current"
BUILD_INFO_FILE = "build.json"
BUILDS_KEPT = 3
# The properties that name a resource, in order of preference. A person has no label of their
# own, so their pseudonym names them.
LABEL_PROPERTIES = (
    ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
    ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
    ox.NamedNode("https://w3id.org/balgraph/ontology#pseudonym"),
)


@dataclass(frozen=True)
class BuildInfo:
    """What a build recorded about itself: its identifier, time and size."""

    build_id: str
    created: str
    triples: int
    graphs: dict[str, int]


class GraphStore(ABC):
    """Read access to the published graph, as the services need it."""

    @abstractmethod
    def query(self, sparql: str, bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None):
        """Run a SPARQL query over the union of all graphs; `bindings` are substituted, never pasted."""

    @abstractmethod
    def triples_about(self, subject: ox.NamedNode) -> list[ox.Triple]:
        """Return every triple whose subject is `subject`, in any graph."""

    @abstractmethod
    def triples_pointing_to(self, target: ox.NamedNode, limit: int) -> list[ox.Triple]:
        """Return up to `limit` triples whose object is `target`, in any graph."""

    @abstractmethod
    def labels(self, iris: Iterable[str]) -> dict[str, dict[str, str]]:
        """Return skos:prefLabel, rdfs:label or bal:pseudonym of each IRI, by language tag ("" for none)."""

    @abstractmethod
    def info(self) -> BuildInfo:
        """Return what the served build recorded about itself."""


class OxigraphStore(GraphStore):
    """A read-only embedded Oxigraph store opened from a build folder."""

    def __init__(self, build_dir: Path) -> None:
        self.build_dir = build_dir
        try:
            self._store = ox.Store.read_only(str(build_dir / "oxigraph"))
        except OSError as error:
            raise StoreError(f"cannot open the store in {build_dir} ({error}); run `balgraph build` first") from None
        self._info = read_build_info(build_dir)

    @classmethod
    def open_current(cls, builds_dir: Path) -> "OxigraphStore":
        link = builds_dir / CURRENT_LINK
        if not link.exists():
            raise StoreError(f"no build found in {builds_dir}; run `balgraph build` first")
        return cls(link.resolve())

    def query(self, sparql, bindings=None):
        substitutions = {ox.Variable(name): value for name, value in (bindings or {}).items()}
        return self._store.query(sparql, use_default_graph_as_union=True, substitutions=substitutions)

    def triples_about(self, subject):
        seen: dict[tuple, ox.Triple] = {}
        for quad in self._store.quads_for_pattern(subject, None, None, None):
            triple = ox.Triple(quad.subject, quad.predicate, quad.object)
            seen.setdefault((quad.predicate, quad.object), triple)
        return list(seen.values())

    def triples_pointing_to(self, target, limit):
        result: dict[tuple, ox.Triple] = {}
        for quad in self._store.quads_for_pattern(None, None, target, None):
            result.setdefault((quad.subject, quad.predicate),
                              ox.Triple(quad.subject, quad.predicate, quad.object))
            if len(result) >= limit:
                break
        return list(result.values())

    def labels(self, iris):
        return labels_in(self._store, iris)

    def info(self):
        return self._info


def open_store(settings: "Settings") -> GraphStore:
    """Open the current build: in the remote SPARQL store when one is configured, else on disk."""
    if settings.store_url:
        from .remote_store import RemoteSparqlStore
        return RemoteSparqlStore.open_current(remote_endpoints(settings))
    return OxigraphStore.open_current(settings.builds_dir)


def write_graphs(settings: "Settings", graphs: Mapping[str, Iterable[ox.Quad]], build_id: str | None = None,
                 write_extras: Callable[[Path], None] | None = None) -> BuildInfo:
    """Write a new build into the configured store and make it current.

    With a remote store, `write_extras` writes into the build's folder in the local builds folder,
    which a server on the same machine or volume then finds; nothing else of the build is local.
    """
    if not settings.store_url:
        return write_build(settings.builds_dir, graphs, build_id, write_extras)
    from .remote_store import write_remote_build
    build_id = build_id or new_build_id()
    folder = settings.builds_dir / build_id
    try:
        if write_extras is not None:
            folder.mkdir(parents=True)
            write_extras(folder)
        return write_remote_build(remote_endpoints(settings), graphs, build_id)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def remote_endpoints(settings: "Settings"):
    from .remote_store import RemoteEndpoints
    return RemoteEndpoints(settings.store_url, settings.store_update_url, settings.store_graphs_url)


def labels_in(store: ox.Store, iris) -> dict[str, dict[str, str]]:
    """Return the labels (LABEL_PROPERTIES, first one per language) of each IRI in a pyoxigraph store."""
    result: dict[str, dict[str, str]] = {}
    for iri in iris:
        names: dict[str, str] = {}
        for predicate in LABEL_PROPERTIES:
            for quad in store.quads_for_pattern(ox.NamedNode(iri), predicate, None, None):
                if isinstance(quad.object, ox.Literal):
                    names.setdefault(quad.object.language or "", quad.object.value)
        result[iri] = names
    return result


def read_build_info(build_dir: Path) -> BuildInfo:
    """Read what a build recorded about itself; raise StoreError when there is no valid build there."""
    if not build_dir.exists():
        raise StoreError(f"no build found in {build_dir.parent}; run `balgraph build` first")
    try:
        raw = json.loads((build_dir / BUILD_INFO_FILE).read_text())
        return BuildInfo(raw["build_id"], raw["created"], raw["triples"], raw["graphs"])
    except (OSError, ValueError, KeyError) as error:
        raise StoreError(f"the build in {build_dir} has no valid {BUILD_INFO_FILE} ({error}); "
                         "run `balgraph build` again") from None


def new_build_id() -> str:
    """Return a fresh build identifier: the local time of the build and a random suffix."""
    return time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]


def write_build(builds_dir: Path, graphs: Mapping[str, Iterable[ox.Quad]], build_id: str | None = None,
                write_extras: Callable[[Path], None] | None = None) -> BuildInfo:
    """Load each named graph into a fresh store and make it the current build.

    The new store is written beside the served one and only swapped in when complete.
    `write_extras`, if given, is called with the unfinished build folder to add files (such as
    dumps) before the swap; if it raises, the build is discarded like any other failed build.
    """
    builds_dir.mkdir(parents=True, exist_ok=True)
    build_id = build_id or new_build_id()
    staging = builds_dir / f".staging-{build_id}"
    final = builds_dir / build_id
    try:
        staging.mkdir()
        counts = _load(staging / "oxigraph", graphs)
        info = BuildInfo(build_id, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                         sum(counts.values()), counts)
        if write_extras is not None:
            write_extras(staging)
        (staging / BUILD_INFO_FILE).write_text(json.dumps(info.__dict__, indent=2))
        os.replace(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _point_current_to(builds_dir, final)
    _prune(builds_dir, keep=final)
    return info


def _load(path: Path, graphs: Mapping[str, Iterable[ox.Quad]]) -> dict[str, int]:
    store = ox.Store(str(path))
    counts: dict[str, int] = {}
    for graph_iri, quads in graphs.items():
        graph = ox.NamedNode(graph_iri)
        batch = [ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads]
        store.bulk_extend(batch)
        counts[graph_iri] = len(batch)
        log.info("loaded %d triples into %s", len(batch), graph_iri)
    store.flush()
    store.optimize()
    del store
    return counts


def _point_current_to(builds_dir: Path, build: Path) -> None:
    temporary = builds_dir / f".{CURRENT_LINK}-{build.name}"
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(build.name)
    os.replace(temporary, builds_dir / CURRENT_LINK)


def _prune(builds_dir: Path, keep: Path) -> None:
    # Servers started earlier may still read an older build, so the last few stay on disk.
    builds = sorted((p for p in builds_dir.iterdir() if p.is_dir() and not p.name.startswith(".")
                     and not p.is_symlink()), key=lambda p: p.name)
    for old in builds[:-BUILDS_KEPT]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)
            log.info("removed old build %s", old.name)
