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
from ..rdfio import FORMATS_BY_SUFFIX, parse_bytes, parse_file

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
    # skos:broader links of the written concepts to concepts that the import does not contain,
    # as (narrower, broader) pairs. ESCO's files refer to each other this way, so they are warnings.
    missing_broader: tuple[tuple[str, str], ...] = ()


SOURCE_FIX = "Pass the ESCO download: a folder or zip file of CSV files, or ESCO's Turtle dump"


def linked_data_files(paths: list[Path]) -> list[Path]:
    """Expand the paths given to --linked-from into RDF files, folders searched recursively.

    Raise InputError for a path that does not exist and for a folder without RDF files.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FORMATS_BY_SUFFIX)
            if not found:
                raise InputError(path, f"the folder contains no RDF files ({' '.join(sorted(FORMATS_BY_SUFFIX))})",
                                 "Pass the folder of the data that links to ESCO, such as data/standards")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(path, "the --linked-from path does not exist",
                             "Pass an RDF file, or a folder of RDF files, that links to ESCO")
    return files


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
        _read_source(source, esco, languages, progress)
    esco.version = version or esco.version or version_from_name(*sources)
    if not esco.concepts:
        raise InputError(", ".join(map(str, sources)) or str(endpoint), "no ESCO concepts were found", SOURCE_FIX)
    return esco


def _read_source(source: Path, esco: EscoGraph, languages: set[str] | None, progress: Progress | None) -> None:
    """Read one source by what it is: a dump file, a zip file, a CSV folder or a folder of Turtle files."""
    suffix = source.suffix.lower()
    if source.is_file() and suffix in DUMP_FORMATS:
        read_turtle_dump(source, esco, languages, progress)
    elif source.is_file() and suffix == ".zip":
        read_csv_folder(source, esco, languages, progress)
    elif source.is_file() and suffix == ".csv":
        raise InputError(source, "this is a single CSV file, but the import reads the whole ESCO download",
                         f"Pass the folder that holds it ({source.parent}) or the zip file from the ESCO portal")
    elif source.is_file():
        raise InputError(source, f"this file is neither a zip file nor an RDF dump ({' '.join(DUMP_FORMATS)})",
                         SOURCE_FIX)
    elif not source.is_dir():
        raise InputError(source, "the ESCO source does not exist", SOURCE_FIX)
    elif any(source.glob("*.csv")):
        read_csv_folder(source, esco, languages, progress)
    else:
        # A folder of Turtle files, such as data/esco written by an earlier import.
        dumps = sorted(p for p in source.iterdir() if p.is_file() and p.suffix.lower() in DUMP_FORMATS)
        if not dumps:
            raise InputError(source, "the folder contains neither ESCO CSV files nor RDF files "
                             f"({' '.join(DUMP_FORMATS)})", SOURCE_FIX)
        for path in dumps:
            read_turtle_dump(path, esco, languages, progress)


def import_esco(source: Path | list[Path], output: Path, linked_from: list[Path] | None = None, *,
                languages: set[str] | None = None, version: str | None = None,
                progress: Progress | None = None, endpoint: str | None = None,
                endpoint_graph: str | None = None) -> EscoImportSummary:
    """Read ESCO and write it to `output` as Turtle.

    With `linked_from` (RDF files or folders), only the concepts those files link to are written,
    with everything above them by skos:broader. A linked IRI missing from ESCO is an error naming
    the data file. Every error is raised before `output` is touched, so a failed import keeps
    the previous one.
    """
    _check_output(output)
    sources = source if isinstance(source, list) else [source]
    linked_files = linked_data_files(linked_from) if linked_from is not None else None
    esco = read_esco(sources, languages, version, progress, endpoint, endpoint_graph)
    only = None if linked_files is None else _linked_subset(esco, linked_files, ", ".join(map(str, sources)) or endpoint)
    written = esco.concepts.keys() if only is None else only & esco.concepts.keys()
    missing_broader = _missing_broader(esco, written)

    quads = list(to_quads(esco, only))
    changes = compare(_previous_import(output), quads) if output.is_file() else None
    try:
        triples = write_turtle(quads, output)
    except OSError as error:
        raise InputError(output, f"cannot write the output ({error.strerror})",
                         "Check that the folder is writable and is not a file") from None
    changes_file = write_changes(changes, output) if changes is not None and not changes.empty else None
    if progress:
        progress(f"wrote {len(written):,} concepts ({triples:,} triples) to {output}")
    log.info("wrote %d ESCO concepts (%d triples) to %s", len(written), triples, output)
    return EscoImportSummary(esco.files_read, len(written), triples, esco.version, tuple(sorted(esco.languages)),
                             changes, changes_file, missing_broader)


def _check_output(output: Path) -> None:
    """Raise InputError when `output` is a folder or lies below a file, before any work is done."""
    if output.is_dir():
        raise InputError(output, "--output is a folder", f"Pass the Turtle file to write, such as {output / 'esco.ttl'}")
    existing = next((folder for folder in output.parents if folder.exists()), None)
    if existing is not None and not existing.is_dir():
        raise InputError(output, f"{existing} is a file, so --output cannot be written below it",
                         "Pass a Turtle file in a folder")


def _linked_subset(esco: EscoGraph, files: list[Path], source_name: str | None) -> set[str]:
    """Return the concepts `files` link to with everything above them; raise InputError if there are none."""
    linked = linked_esco_iris(files)
    if not linked:
        place = str(files[0]) if len(files) == 1 else f"{files[0]} and {len(files) - 1} other files"
        raise InputError(place, "no --linked-from file links to an ESCO concept, so the import would be empty",
                         "Link the data to ESCO first, or import all of ESCO without --linked-from")
    missing = sorted(iri for iri in linked if iri not in esco.concepts)
    if missing:
        first = missing[0]
        raise InputError(linked[first], f"links to {first}, which is not in the ESCO source {source_name}"
                         + (f" (and {len(missing) - 1} more missing)" if len(missing) > 1 else ""),
                         "Correct the IRI, or import from an ESCO download that contains it")
    return closure(esco, linked)


def _missing_broader(esco: EscoGraph, written) -> tuple[tuple[str, str], ...]:
    """Return the skos:broader links from written concepts to concepts that the import lacks."""
    missing = sorted((narrower, broader) for narrower in written
                     for broader in esco.broader.get(narrower, ()) if broader not in esco.concepts)
    if missing:
        log.info("%d skos:broader links point at concepts that are not in the import, such as %s -> %s",
                    len(missing), *missing[0])
    return tuple(missing)


def _previous_import(output: Path) -> list[ox.Quad]:
    """Read the Turtle of an earlier import at `output`, to record what changed since."""
    try:
        return parse_bytes(output.read_bytes(), ox.RdfFormat.TURTLE, str(output))
    except OSError as error:
        raise InputError(output, f"cannot read the existing output ({error.strerror})",
                         "Check the file's permissions, or choose another --output") from None
    except InputError as error:
        raise InputError(output, f"the existing output is not a previous ESCO import ({error.problem})",
                         "Move the file away or choose another --output; it was left unchanged",
                         error.line, error.column) from None
