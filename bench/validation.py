"""Validation time at three sizes of data, to show that it grows no faster than the data."""

from __future__ import annotations

import time
from pathlib import Path

import rdflib

from balgraph.namespaces import CANONICAL_BASE
from balgraph.rdfio import parse_file, to_rdflib
from balgraph.services.validation import ShapesValidator
from balgraph.sources import ProjectSources

# Copies of the bundled standards in each measured data set.
COPIES = (1, 4, 16)
LOCAL = CANONICAL_BASE + "id/"
# Folders under id/ that hold vocabulary concepts rather than resources of a standard.
VOCABULARY_FOLDERS = {"category", "dimension", "nkr", "pole", "sector"}


def validation_scaling(project: Path) -> list[dict]:
    """Validate 1, 4 and 16 renamed copies of the standards; return triples and seconds for each."""
    sources = ProjectSources(project)
    validator = ShapesValidator(sources)
    standards = [quad for path in sources.standards for quad in parse_file(path)]
    figures = []
    for copies in COPIES:
        data = rdflib.Graph()
        for number in range(copies):
            _add_copy(data, standards, number)
        started = time.perf_counter()
        report = validator.validate(data)
        seconds = time.perf_counter() - started
        if not report.conforms:
            raise RuntimeError(f"{copies} copies of the standards do not conform; the copying is wrong")
        figures.append({"copies": copies, "triples": len(data), "seconds": seconds})
    return figures


def _add_copy(data: rdflib.Graph, quads, number: int) -> None:
    # Every resource of the standards gets a new IRI per copy; links to ESCO and the vocabularies stay.
    def rename(term):
        if isinstance(term, rdflib.URIRef) and str(term).startswith(LOCAL) \
                and str(term)[len(LOCAL):].split("/", 1)[0] not in VOCABULARY_FOLDERS:
            return rdflib.URIRef(f"{term}-copy{number}")
        if isinstance(term, rdflib.BNode):
            return rdflib.BNode(f"{term}c{number}")
        return term

    for s, p, o in to_rdflib(quads):
        data.add((rename(s), p, rename(o)))
