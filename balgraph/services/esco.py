"""Import ESCO from the official download (CSV folders or zip files, the Turtle dump) or a SPARQL endpoint.

Either all of ESCO is written, or only the concepts the data links to. The output is Turtle in
ESCO's own IRIs and model, loaded by `balgraph build` into the named graph
https://w3id.org/balgraph/graph/esco, with a description that states the ESCO version and the
languages. When the output already exists, what changed since that import is written beside it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..errors import InputError
from ..esco.changes import EscoChanges, compare, write_changes
from ..esco.csv_import import (ESCO_PREFIX, EscoGraph, Progress, closure, read_csv_folder, to_quads,
                               version_from_name, write_turtle)
from ..esco.turtle_dump import DUMP_FORMATS, read_turtle_dump
from ..rdfio import parse_file

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EscoImportSummary:
    files_read: list[str]
    concepts: int
    triples: int
    version: str | None = None
    languages: tuple[str, ...] = ()
    changes: EscoChanges | None = None
    changes_file: Path | None = None


def linked_esco_iris(paths: list[Path]) -> dict[str, Path]:
    """Return each ESCO concept IRI that the data files link to, with the first file that does."""
    linked: dict[str, Path] = {}
    for path in paths:
        for quad in parse_file(path):
            target = quad.object
            if isinstance(target, ox.NamedNode) and target.value.startswith(ESCO_PREFIX) \
                    and "/model#" not in target.value:
                linked.setdefault(target.value, path)
    return linked


def read_esco(sources: list[Path], languages: set[str] | None = None, version: str | None = None,
              progress: Progress | None = None, endpoint: str | None = None,
              endpoint_graph: str | None = None) -> EscoGraph:
    """Read ESCO from download folders, zip files and Turtle dumps, or from a SPARQL endpoint.

    Several sources are merged, so the CSV downloads of several languages import together.
    """
    esco = EscoGraph()
    if endpoint:
        from ..esco.sparql_source import read_endpoint
        read_endpoint(endpoint, esco, languages, progress, endpoint_graph)
    for source in sources:
        if source.is_file() and source.suffix.lower() in DUMP_FORMATS:
            read_turtle_dump(source, esco, languages, progress)
        elif source.is_dir() and not any(source.glob("*.csv")):
            # A folder of Turtle files, such as data/esco written by an earlier import.
            for path in sorted(p for p in source.iterdir() if p.suffix.lower() in DUMP_FORMATS):
                read_turtle_dump(path, esco, languages, progress)
        else:
            read_csv_folder(source, esco, languages, progress)
    esco.version = version or esco.version or version_from_name(*sources)
    if not esco.concepts:
        raise InputError(", ".join(map(str, sources)) or str(endpoint), "no ESCO concepts were found",
                         "Pass the ESCO download (a folder or zip file of CSV files, or the Turtle dump)")
    return esco


def import_esco(source: Path | list[Path], output: Path, linked_from: list[Path] | None = None, *,
                languages: set[str] | None = None, version: str | None = None,
                progress: Progress | None = None, endpoint: str | None = None,
                endpoint_graph: str | None = None) -> EscoImportSummary:
    """Read ESCO and write it to `output` as Turtle.

    With `linked_from`, only the concepts those data files link to are written, with everything
    above them by skos:broader; a linked IRI missing from ESCO is an error naming the data file.
    """
    sources = source if isinstance(source, list) else [source]
    esco = read_esco(sources, languages, version, progress, endpoint, endpoint_graph)
    only = None
    if linked_from is not None:
        linked = linked_esco_iris(linked_from)
        missing = sorted(iri for iri in linked if iri not in esco.concepts)
        if missing:
            first = missing[0]
            raise InputError(linked[first], f"links to {first}, which is not in the ESCO source "
                             f"{', '.join(map(str, sources)) or endpoint}"
                             + (f" (and {len(missing) - 1} more missing)" if len(missing) > 1 else ""),
                             "Correct the IRI, or import from an ESCO download that contains it")
        only = closure(esco, linked)

    quads = list(to_quads(esco, only))
    changes = compare(parse_file(output), quads) if output.is_file() else None
    triples = write_turtle(quads, output)
    changes_file = write_changes(changes, output) if changes is not None and not changes.empty else None
    concepts = len(esco.concepts) if only is None else len(only)
    if progress:
        progress(f"wrote {concepts:,} concepts ({triples:,} triples) to {output}")
    log.info("wrote %d ESCO concepts (%d triples) to %s", concepts, triples, output)
    return EscoImportSummary(esco.files_read, concepts, triples, esco.version, tuple(sorted(esco.languages)),
                             changes, changes_file)
