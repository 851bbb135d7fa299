"""Read the W3C SPARQL 1.1 test manifests into plain records."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

import rdflib
from rdflib.collection import Collection

from ..support import REFERENCE

SUITE = REFERENCE / "w3c-sparql11"
MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
UT = rdflib.Namespace("http://www.w3.org/2009/sparql/tests/test-update#")


@dataclass(frozen=True)
class Entry:
    """One test of a manifest: its name relative to the suite, its type and the files it names."""

    name: str
    title: str
    kind: str
    query: Path | None = None
    data: tuple[Path, ...] = ()
    graph_data: tuple[tuple[str, Path], ...] = ()
    result: Path | None = None
    node: rdflib.term.Node | None = field(default=None, compare=False, repr=False)
    graph: rdflib.Graph | None = field(default=None, compare=False, repr=False)

    def __str__(self) -> str:
        return self.name


def path_of(term: rdflib.term.Node) -> Path:
    return Path(unquote(urlparse(str(term)).path))


def read_manifest(path: Path) -> list[Entry]:
    """Return the entries of the manifest at `path`, in its order; included manifests are not followed."""
    graph = rdflib.Graph().parse(path, format="turtle", publicID=path.resolve().as_uri())
    manifest = next(graph.subjects(rdflib.RDF.type, MF.Manifest))
    entries = graph.value(manifest, MF.entries)
    if entries is None:
        return []
    return [_entry(graph, node, path.parent) for node in Collection(graph, entries)]


def _entry(graph: rdflib.Graph, node, folder: Path) -> Entry:
    kind = str(graph.value(node, rdflib.RDF.type)).rsplit("#", 1)[-1]
    action = graph.value(node, MF.action)
    result = graph.value(node, MF.result)
    query, data, graph_data = None, (), ()
    if action is not None and isinstance(action, rdflib.URIRef):
        query = path_of(action)
    elif action is not None:
        found = graph.value(action, QT.query)
        query = path_of(found) if found is not None else None
        data = tuple(path_of(d) for d in graph.objects(action, QT.data))
        graph_data = tuple((str(g), path_of(g)) for g in graph.objects(action, QT.graphData))
    local = str(node).rsplit("#", 1)[-1]
    return Entry(name=f"{folder.name}/{local}", title=str(graph.value(node, MF.name) or local), kind=kind,
                 query=query, data=data, graph_data=graph_data,
                 result=path_of(result) if isinstance(result, rdflib.URIRef) else None, node=node, graph=graph)


def suite_entries(folders: list[str], kinds: set[str]) -> list[Entry]:
    """Return the entries of the given kinds from the manifests of `folders`, or [] without the suite."""
    if not SUITE.is_dir():
        return []
    entries = []
    for folder in folders:
        entries += [e for e in read_manifest(SUITE / folder / "manifest.ttl") if e.kind in kinds]
    return entries
