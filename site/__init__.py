"""The balgraph site: dereferenceable resources in HTML and RDF, and a read-only SPARQL endpoint.

Imported as ``balgraph_site`` (the folder is named site/, but that name is taken by Python's
standard library). The HTTP layer here calls the services in balgraph.services only.
"""

from __future__ import annotations

import logging

from flask import Flask, g, request

from balgraph.config import Settings

from . import (caching, downloads, errors, home, matching, ontology_docs, page_helpers, query_page, resources,
               search, sparql_endpoint, validation)
from .i18n import COOKIE, LANGUAGES, choose_language, language_switch_url, text
from .publication import Publication

log = logging.getLogger(__name__)


def _add_vary(response, *headers: str) -> None:
    present = {value.strip().lower() for value in response.headers.get("Vary", "").split(",") if value.strip()}
    missing = [header for header in headers if header.lower() not in present]
    if missing:
        response.headers["Vary"] = ", ".join(filter(None, [response.headers.get("Vary", ""), *missing]))


def create_app(settings: Settings | None = None) -> Flask:
    """Create the application for the current build of `settings` (read from the environment by default)."""
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes
    app.extensions["balgraph"] = Publication(settings)
    app.extensions["balgraph_settings"] = settings

    @app.before_request
    def _prepare() -> None:
        app.extensions["balgraph"].refresh()
        g.lang = choose_language(request)

    @app.after_request
    def _remember_language(response):
        asked = request.args.get("lang")
        if asked in LANGUAGES:
            response.set_cookie(COOKIE, asked, max_age=365 * 24 * 3600, samesite="Lax")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if response.mimetype == "text/html":
            # Every page depends on the language, which comes from these two headers.
            _add_vary(response, "Accept-Language", "Cookie")
        return response

    @app.context_processor
    def _template_helpers():
        lang = g.get("lang", "nb")
        return {"t": lambda key, **values: text(key, lang, **values), "lang": lang,
                "local_url": resources.local_url, "language_switch_url": language_switch_url,
                "build": app.extensions["balgraph"].store.info()}

    app.register_blueprint(home.blueprint)
    app.register_blueprint(resources.blueprint)
    app.register_blueprint(sparql_endpoint.blueprint)
    app.register_blueprint(matching.blueprint)
    app.register_blueprint(ontology_docs.blueprint)
    app.register_blueprint(search.blueprint)
    app.register_blueprint(downloads.blueprint)
    app.register_blueprint(query_page.blueprint)
    app.register_blueprint(validation.blueprint)
    errors.register(app)
    page_helpers.register(app)
    caching.register(app)
    return app
