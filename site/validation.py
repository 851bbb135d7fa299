"""The validation service: a bilingual page for people at /validate, and POST /validate for programs.

A browser posts a form (pasted text or an uploaded file) and reads the report as a page. A
program posts the RDF document itself, with its media type as Content-Type, and gets the
report in the format its Accept header prefers. Documents are parsed without fetching anything
and validated in a child process bounded in time; the body size is bounded by the app's
MAX_CONTENT_LENGTH.
"""

from __future__ import annotations

import logging
from pathlib import PurePath

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, g, render_template, request

from balgraph.errors import InputError
from balgraph.rdfio import FORMATS_BY_MEDIA_TYPE, FORMATS_BY_SUFFIX
from balgraph.services.validation import PROFILES, ShapesValidator
from balgraph.services.validation_report import grouped, render_json, render_text, render_turtle, summary
from balgraph.services.validation_worker import ValidationTimeout, validate_document
from balgraph.sources import ProjectSources

from .errors import error_response
from .negotiation import choose

log = logging.getLogger(__name__)

blueprint = Blueprint("validation", __name__)

FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
# Report formats for programs; the first is the default for Accept: */*.
REPORT_TYPES = ["application/json", "text/turtle", "application/ld+json", "text/plain", "text/html"]
FORM_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "ntriples": ox.RdfFormat.N_TRIPLES,
}


class SubmissionRejected(Exception):
    """A request to /validate that cannot be validated; carries the HTTP status and a stable code."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _validator() -> ShapesValidator:
    """Return this process's validator, loading shapes and context on first use."""
    if "balgraph_validator" not in current_app.extensions:
        settings = current_app.extensions["balgraph_settings"]
        current_app.extensions["balgraph_validator"] = ShapesValidator(ProjectSources(settings.project_dir))
    return current_app.extensions["balgraph_validator"]


@blueprint.route("/validate", methods=["GET"])
def page():
    return render_template("validation.html", profiles=list(PROFILES), report=None, error=None)


@blueprint.route("/validate", methods=["POST"])
def validate():
    from_form = (request.mimetype or "").lower() in FORM_TYPES
    try:
        document, rdf_format, source, profile = _read_form() if from_form else _read_body()
        settings = current_app.extensions["balgraph_settings"]
        report = validate_document(_validator(), document, rdf_format, source, profile,
                                   settings.validation_timeout)
    except SubmissionRejected as rejection:
        return _rejected(from_form, rejection.status, rejection.code, rejection.message)
    except InputError as error:
        return _rejected(from_form, 400, "invalid_input", str(error))
    except ValidationTimeout as timeout:
        return _rejected(from_form, 503, "validation_timeout",
                         f"{timeout}. Send a smaller document, or validate it with `balgraph validate`.")
    if from_form:
        return _report_page(report)
    return _report_response(report)


def _read_form() -> tuple[bytes, ox.RdfFormat, str, str | None]:
    upload = request.files.get("file")
    if upload is not None and upload.filename:
        document, source = upload.read(), PurePath(upload.filename).name
        if not document.strip():
            raise SubmissionRejected(400, "missing_document",
                                     f"The file {source} is empty. Choose a file that contains RDF.")
    else:
        document, source = request.form.get("data", "").encode("utf-8"), "pasted text"
        if not document.strip():
            raise SubmissionRejected(400, "missing_document", "Paste RDF into the text field or choose a file.")
    return document, _form_format(source), source, _profile(request.form.get("profile"))


def _form_format(source: str) -> ox.RdfFormat:
    chosen = request.form.get("format", "auto")
    if chosen in FORM_FORMATS:
        return FORM_FORMATS[chosen]
    suffix = PurePath(source).suffix.lower()
    if suffix in FORMATS_BY_SUFFIX:
        return FORMATS_BY_SUFFIX[suffix]
    return ox.RdfFormat.TURTLE


def _read_body() -> tuple[bytes, ox.RdfFormat, str, str | None]:
    media_type = (request.mimetype or "").lower()
    if media_type not in FORMATS_BY_MEDIA_TYPE:
        raise SubmissionRejected(415, "unsupported_media_type",
                                 f"Content-Type {media_type or '(none)'!r} is not accepted. Send the document as "
                                 + ", ".join(FORMATS_BY_MEDIA_TYPE) + ".")
    document = request.get_data(cache=False)
    if not document.strip():
        raise SubmissionRejected(400, "missing_document", "The request body is empty. Send the RDF document.")
    return document, FORMATS_BY_MEDIA_TYPE[media_type], "request body", _profile(request.args.get("profile"))


def _profile(name: str | None) -> str | None:
    if not name:
        return None
    if name not in PROFILES:
        raise SubmissionRejected(400, "unknown_profile", f"profile={name!r} is unknown. Use one of: "
                                 + ", ".join(PROFILES) + ".")
    return name


def _report_response(report) -> Response:
    media_type = choose(request.headers.get("Accept"), REPORT_TYPES)
    if media_type is None:
        return error_response(406, "not_acceptable", "Available report types: " + ", ".join(REPORT_TYPES) + ".")
    lang = g.get("lang", "nb")
    if media_type == "text/html":
        return _report_page(report)
    if media_type == "text/turtle":
        body = render_turtle(report)
    elif media_type == "application/ld+json":
        body = report.graph.serialize(format="json-ld")
    elif media_type == "text/plain":
        body = render_text(report, lang)
    else:
        body = render_json(report, lang)
    response = Response(body, mimetype=media_type)
    if media_type.startswith("text/"):
        response.headers["Content-Type"] = f"{media_type}; charset=utf-8"
    return _with_verdict(response, report)


def _report_page(report) -> Response:
    lang = g.get("lang", "nb")
    body = render_template("validation.html", profiles=list(PROFILES), error=None, report=report,
                           summary=summary(report, lang), resources=grouped(report, lang))
    return _with_verdict(Response(body, mimetype="text/html"), report)


def _with_verdict(response: Response, report) -> Response:
    response.headers["Vary"] = "Accept, Accept-Language"
    response.headers["X-Balgraph-Conforms"] = "true" if report.conforms else "false"
    return response


def _rejected(from_form: bool, status: int, code: str, message: str):
    log.info("validation request rejected: %s %s", code, message)
    if from_form:
        body = render_template("validation.html", profiles=list(PROFILES), report=None,
                               error={"code": code, "message": message})
        return body, status, {"Content-Type": "text/html; charset=utf-8"}
    return error_response(status, code, message)
