"""Import ESCO concepts from the official CSV download, either all of them or those the data links to."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..errors import InputError
from ..esco.csv_import import ESCO_PREFIX, closure, read_csv_folder, to_quads, write_turtle
from ..rdfio import parse_file

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EscoImportSummary:
    files_read: list[str]
    concepts: int
    triples: int


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


def import_esco(source: Path, output: Path, linked_from: list[Path] | None = None) -> EscoImportSummary:
    """Read the ESCO CSV files in `source` and write them to `output` as Turtle.

    With `linked_from`, only the concepts those data files link to are written, with everything
    above them by skos:broader; a linked IRI missing from ESCO is an error naming the data file.
    """
    esco = read_csv_folder(source)
    only = None
    if linked_from is not None:
        linked = linked_esco_iris(linked_from)
        missing = sorted(iri for iri in linked if iri not in esco.concepts)
        if missing:
            first = missing[0]
            raise InputError(linked[first], f"links to {first}, which is not in the ESCO files in {source}"
                             + (f" (and {len(missing) - 1} more missing)" if len(missing) > 1 else ""),
                             "Correct the IRI, or import from an ESCO download that contains it")
        only = closure(esco, linked)
    triples = write_turtle(to_quads(esco, only), output)
    concepts = len(esco.concepts) if only is None else len(only)
    log.info("wrote %d ESCO concepts (%d triples) to %s", concepts, triples, output)
    return EscoImportSummary(esco.files_read, concepts, triples)
