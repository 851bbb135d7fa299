"""Reading the files, folders and standard input that `balgraph validate` is given.

Every input is read before anything is validated, and every unreadable one is reported, so that
a user can correct them all in one go.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import rdflib

from ..errors import InputError, InputErrors
from ..rdfio import FORMATS_BY_NAME, FORMATS_BY_SUFFIX, parse_bytes, parse_file, to_rdflib

# The name that stands for standard input on the command line.
STDIN = "-"

# Above this many bytes in total, reading reports its progress.
LARGE_INPUT_BYTES = 2_000_000


def input_files(paths: list[Path]) -> list[Path | InputError]:
    """Expand folders into the RDF files they contain, keeping the order of `paths`.

    A folder is searched with its subfolders, and only files whose suffix names an RDF format
    are taken, sorted by path. A folder without any gives an InputError in its place. Files named
    directly are kept as they are, so that reading them reports a missing file or an unknown suffix.
    """
    entries: list[Path | InputError] = []
    for path in paths:
        if not path.is_dir():
            entries.append(path)
            continue
        found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FORMATS_BY_SUFFIX)
        if not found:
            known = ", ".join(sorted(FORMATS_BY_SUFFIX))
            entries.append(InputError(path, "the folder contains no RDF file",
                                      f"Name a folder with files ending in {known}"))
        entries.extend(found)
    return entries


def read_inputs(paths: list[Path], input_format: str | None = None, stdin: BinaryIO | None = None,
                progress: Callable[[str], None] | None = None) -> rdflib.Graph:
    """Parse every input into one graph; `-` reads `stdin` in `input_format`.

    `input_format` (a key of FORMATS_BY_NAME) also overrides the suffix of the files named
    directly, but files found in folders are always read by their suffix. Raises InputErrors with
    one InputError per unreadable input, in the order given, after trying them all.
    """
    entries = input_files(paths)
    files = [entry for entry in entries if isinstance(entry, Path)]
    total_bytes = sum(path.stat().st_size for path in files if path.is_file())
    problems: list[InputError] = []
    data = rdflib.Graph()
    files_read = 0
    for entry in entries:
        if isinstance(entry, InputError):
            problems.append(entry)
            continue
        try:
            to_rdflib(_parse_input(entry, entry in paths, input_format, stdin), data)
        except InputError as error:
            problems.append(error)
            continue
        files_read += 1
        if progress and total_bytes > LARGE_INPUT_BYTES:
            progress(f"read {files_read} of {len(files)} files ({len(data)} triples so far)")
    if problems:
        raise InputErrors(problems)
    return data


def _parse_input(path: Path, named: bool, input_format: str | None, stdin: BinaryIO | None):
    if str(path) == STDIN:
        return _parse_stdin(stdin, input_format)
    chosen_format = FORMATS_BY_NAME[input_format] if input_format and named else None
    return parse_file(path, chosen_format)


def _parse_stdin(stdin: BinaryIO | None, input_format: str | None):
    if stdin is None:
        raise InputError("standard input", "standard input cannot be read here", "Name the file instead of -")
    if input_format is None:
        names = "|".join(FORMATS_BY_NAME)
        raise InputError("standard input", "the format of standard input is unknown, because it has no file suffix",
                         f"Give the format with --input-format {names}")
    return parse_bytes(stdin.read(), FORMATS_BY_NAME[input_format], "standard input")
