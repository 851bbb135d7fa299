"""Turn what a user types for a published resource (an IRI or a path under id/) into its IRI.

The command line (match, rank, export, export-elm) and the HTTP API (/match, /rank) share these
rules, so that a short form such as ``standard/sound-technician`` works everywhere.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import InputError
from .rdfio import FORMATS_BY_SUFFIX

# An absolute IRI starts with a scheme (RFC 3986: a letter, then letters, digits, + - .) and a colon.
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# Characters that RFC 3987 does not allow anywhere in an IRI.
_NOT_IN_IRI = re.compile(r'[\s<>"{}|\\^`]')
_FIX = ("Give an absolute IRI (https://w3id.org/balgraph/id/standard/ID) or a path under id/ "
        "(standard/ID, skills-set/ID, education-standard/ID, role/ID, person/ID, sector/ID)")


def resource_iri(reference: str, base_iri: str) -> str:
    """Return the IRI that `reference` names: absolute IRIs stay, other text is a path under {base_iri}id/.

    Raises InputError for empty text or text with characters that no IRI may contain.
    """
    text = reference.strip()
    if not text:
        raise InputError(repr(reference), "the resource reference is empty", _FIX)
    if _NOT_IN_IRI.search(text):
        raise InputError(repr(reference), "invalid IRI: it contains a space or one of < > \" { } | \\ ^ `", _FIX)
    if _SCHEME.match(text):
        return text
    return base_iri + "id/" + text.lstrip("/")


def looks_like_file(reference: str) -> bool:
    """Tell whether `reference` is written as a file path rather than a path under id/.

    That is text starting with ./, ../ or ~, text ending in an RDF suffix such as .ttl, or an
    absolute path whose folder exists (/tmp/x, but not /standard/x, which stays a path under id/).
    """
    text = reference.strip()
    if text.startswith(("./", "../", "~")):
        return True
    path = Path(text)
    if path.suffix.lower() in FORMATS_BY_SUFFIX:
        return True
    return path.is_absolute() and path.parent != Path(path.anchor) and path.parent.is_dir()


def file_not_found(reference: str) -> InputError:
    """Return the error for a path-looking reference that names no file."""
    return InputError(reference, "file not found",
                      "Check the path, or give the IRI or a path under id/ (such as role/ID) of a published resource")
