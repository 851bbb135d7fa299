"""Error responses: bilingual pages for people, plain text with a stable code for programs."""

from __future__ import annotations

import logging

from flask import Flask, g, render_template, request
from werkzeug.exceptions import HTTPException

from .i18n import text
from .negotiation import choose

log = logging.getLogger(__name__)


def error_response(status: int, code: str, message: str | dict[str, str], headers: dict | None = None):
    """Return an error as an HTML page or as text/plain starting with the stable `code`.

    `message` is either one text or a text per language; pages use the reader's language, and
    plain-text answers for programs are always in English.
    """
    lang = g.get("lang", "nb")
    if choose(request.headers.get("Accept"), ["text/plain", "text/html"]) == "text/html":
        if isinstance(message, dict):
            message = message[lang]
        body = render_template("error.html", status=status, code=code, message=message, lang=lang)
        return body, status, {"Content-Type": "text/html; charset=utf-8", **(headers or {})}
    if isinstance(message, dict):
        message = message["en"]
    return f"{code}: {message}\n", status, {"Content-Type": "text/plain; charset=utf-8", **(headers or {})}


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        if error.code == 404:
            return error_response(404, "not_found", _both("not_found_text"))
        if error.code == 413:
            return error_response(413, "request_too_large",
                                  f"The request body is larger than {app.config['MAX_CONTENT_LENGTH']} bytes.")
        return error_response(error.code or 500, (error.name or "error").lower().replace(" ", "_"),
                              error.description or "")

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        log.exception("unhandled error on %s %s", request.method, request.path)
        return error_response(500, "internal_error", _both("error_text"))


def _both(key: str) -> dict[str, str]:
    return {"nb": text(key, "nb"), "en": text(key, "en")}
