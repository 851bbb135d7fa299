"""Validation of one submitted document in a child process, so that a slow validation can be stopped.

The child is forked from the process that holds the ShapesValidator, so shapes and context are
not loaded again. It parses the document with balgraph.rdfio (no remote documents, no XML
entities) and sends back the report, or the fields of the InputError that parsing raised.
"""

from __future__ import annotations

import logging
import multiprocessing
from multiprocessing.connection import Connection

import pyoxigraph as ox

from ..errors import BalgraphError, InputError
from ..rdfio import parse_bytes, to_rdflib
from .validation import ShapesValidator, ValidationReport

log = logging.getLogger(__name__)


class ValidationTimeout(BalgraphError):
    """Validation did not finish within the time limit."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"validation did not finish within {seconds:g} seconds")


def validate_document(validator: ShapesValidator, document: bytes, rdf_format: ox.RdfFormat, source: str,
                      profile: str | None, timeout: float) -> ValidationReport:
    """Parse and validate `document` in a child process that is killed after `timeout` seconds.

    Raises InputError for unparseable input or an unsuitable profile, ValidationTimeout when
    the limit is reached.
    """
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_validate_in_child, daemon=True,
                            args=(validator, document, rdf_format, source, profile, sender))
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            log.warning("validation of %s stopped after %g s", source, timeout)
            raise ValidationTimeout(timeout)
        outcome, payload = receiver.recv()
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if outcome == "input_error":
        raise InputError(**payload)
    return payload


def _validate_in_child(validator: ShapesValidator, document: bytes, rdf_format: ox.RdfFormat, source: str,
                       profile: str | None, connection: Connection) -> None:
    try:
        data = to_rdflib(parse_bytes(document, rdf_format, source))
        connection.send(("report", validator.validate(data, profile)))
    except InputError as error:
        connection.send(("input_error", {"source": error.source, "problem": error.problem, "fix": error.fix,
                                         "line": error.line, "column": error.column}))
    finally:
        connection.close()
