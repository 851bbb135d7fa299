"""Downloadable dumps of each named graph, written into the build folder when the build is made.

Each graph is written in Turtle, N-Triples and JSON-LD, and the whole dataset once more as
N-Quads. Only the gzip-compressed files are kept on disk. The uncompressed variant of each is
offered too and decompressed while it is sent, and its size is recorded in ``sizes.json``. A build
without a ``dumps`` folder (made by an older balgraph) simply lists no dumps.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..namespaces import TURTLE_PREFIXES
from ..store import BuildInfo

log = logging.getLogger(__name__)

DUMPS_FOLDER = "dumps"
SIZES_FILE = "sizes.json"
WHOLE_DATASET = "all"
# File suffix -> (pyoxigraph format, media type); the order is the order of the downloads page.
GRAPH_FORMATS = {
    "ttl": (ox.RdfFormat.TURTLE, "text/turtle"),
    "nt": (ox.RdfFormat.N_TRIPLES, "application/n-triples"),
    "jsonld": (ox.RdfFormat.JSON_LD, "application/ld+json"),
}
DATASET_FORMAT = ("nq", ox.RdfFormat.N_QUADS, "application/n-quads")
GZIP_MEDIA_TYPE = "application/gzip"
_FILE_NAME = re.compile(r"^[a-z0-9-]+\.(ttl|nt|jsonld|nq)(\.gz)?$")


@dataclass(frozen=True)
class Dump:
    """One dump file of a build: which graph, in which format, and how to offer it for download."""

    graph: str  # named graph IRI, or "" for the whole dataset
    file_name: str  # name in the download URL; the file on disk is always the .gz one
    media_type: str  # media type of the content once decompressed
    compressed: bool
    size: int  # bytes sent for this download
    path: Path  # the gzip file on disk

    @property
    def format_suffix(self) -> str:
        return self.file_name.split(".")[1]

    def download_name(self, build: BuildInfo) -> str:
        """Return the file name a browser saves this dump under: it carries the build's identifier."""
        stem, _, suffixes = self.file_name.partition(".")
        return f"balgraph-{stem}-{build.build_id}.{suffixes}"


def graph_slug(graph_iri: str) -> str:
    """Return the short name of a named graph, e.g. "standards" for …/graph/standards."""
    return graph_iri.rstrip("/").rsplit("/", 1)[-1]


def dump_file_names(graph_iris: list[str]) -> dict[str, list[str]]:
    """Return the dump file names a build writes for each named graph ("" for the whole dataset)."""
    names = {graph: [f"{graph_slug(graph)}.{suffix}{gz}" for suffix in GRAPH_FORMATS for gz in ("", ".gz")]
             for graph in graph_iris}
    names[""] = [f"{WHOLE_DATASET}.{DATASET_FORMAT[0]}{gz}" for gz in ("", ".gz")]
    return names


def write_dumps(folder: Path, graphs: Mapping[str, list[ox.Quad]]) -> None:
    """Write every dump of `graphs` (named graph IRI -> quads) into `folder`, compressed."""
    folder.mkdir(parents=True, exist_ok=True)
    sizes: dict[str, int] = {}
    for graph, quads in graphs.items():
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        for suffix, (rdf_format, _media_type) in GRAPH_FORMATS.items():
            prefixes = TURTLE_PREFIXES if rdf_format == ox.RdfFormat.TURTLE else None
            body = ox.serialize(triples, format=rdf_format, prefixes=prefixes) if prefixes else \
                ox.serialize(triples, format=rdf_format)
            sizes[f"{graph_slug(graph)}.{suffix}"] = _write_compressed(folder / f"{graph_slug(graph)}.{suffix}.gz", body)
    every_quad = [ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(graph))
                  for graph, quads in graphs.items() for q in quads]
    name = f"{WHOLE_DATASET}.{DATASET_FORMAT[0]}"
    sizes[name] = _write_compressed(folder / f"{name}.gz", ox.serialize(every_quad, format=DATASET_FORMAT[1]))
    (folder / SIZES_FILE).write_text(json.dumps(sizes, indent=1, sort_keys=True))
    log.info("wrote dumps of %d graphs to %s", len(graphs), folder)


def _write_compressed(path: Path, body: bytes) -> int:
    # A fixed time stamp in the gzip header makes the same content compress to the same bytes.
    path.write_bytes(gzip.compress(body, mtime=0))
    return len(body)


class DumpCatalogue:
    """The dumps of one build folder, as the downloads page and the download route need them."""

    def __init__(self, build_dir: Path, graph_iris: list[str]) -> None:
        self.folder = build_dir / DUMPS_FOLDER
        self.graph_iris = graph_iris

    def dumps(self) -> list[Dump]:
        """Return every dump present in the build, grouped by graph in the build's graph order."""
        found = []
        for graph, names in dump_file_names(self.graph_iris).items():
            for name in names:
                dump = self._dump(graph, name)
                if dump is not None:
                    found.append(dump)
        return found

    def find(self, file_name: str) -> Dump | None:
        """Return the dump called `file_name`, or None when the name is not one this build wrote."""
        if not _FILE_NAME.match(file_name):
            return None
        for graph, names in dump_file_names(self.graph_iris).items():
            if file_name in names:
                return self._dump(graph, file_name)
        return None

    def _dump(self, graph: str, file_name: str) -> Dump | None:
        compressed = file_name.endswith(".gz")
        path = self.folder / (file_name if compressed else file_name + ".gz")
        if not path.is_file():
            return None
        suffix = file_name.split(".")[1]
        media_type = GRAPH_FORMATS[suffix][1] if suffix in GRAPH_FORMATS else DATASET_FORMAT[2]
        size = path.stat().st_size if compressed else self._plain_sizes().get(file_name, -1)
        return Dump(graph, file_name, media_type, compressed, size, path)

    def _plain_sizes(self) -> dict[str, int]:
        try:
            return json.loads((self.folder / SIZES_FILE).read_text())
        except (OSError, ValueError):
            return {}


def open_dump(dump: Dump):
    """Open `dump` for reading the bytes a download sends: the gzip file as it is, or decompressed."""
    return dump.path.open("rb") if dump.compressed else gzip.open(dump.path, "rb")
