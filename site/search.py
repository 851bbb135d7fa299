"""Search: a results page grouped by kind (works without JavaScript) and suggestions for autocomplete."""

from __future__ import annotations

from flask import Blueprint, current_app, g, jsonify, render_template, request

from .i18n import text
from .resources import local_url

blueprint = Blueprint("search", __name__)

SUGGESTIONS = 8
MAX_QUERY_LENGTH = 200


def _query() -> str:
    return request.args.get("q", "").strip()[:MAX_QUERY_LENGTH]


@blueprint.get("/search")
def results():
    query = _query()
    groups = current_app.extensions["balgraph"].search.grouped(query, g.lang) if query else []
    return render_template("search.html", search_query=query, groups=groups)


@blueprint.get("/search/suggest")
def suggest():
    """Return up to eight matches as JSON for the autocomplete of the search field."""
    query = _query()
    hits = current_app.extensions["balgraph"].search.search(query, g.lang, SUGGESTIONS) if query else []
    suggestions = [{
        "label": hit.label,
        "lang": hit.label_lang,
        "matched": hit.matched if hit.matched != hit.label else None,
        "kind": hit.kind,
        "kind_label": text("kind_" + hit.kind, g.lang),
        "url": local_url(hit.iri),
    } for hit in hits]
    response = jsonify({"query": query, "suggestions": suggestions})
    response.headers["Vary"] = "Accept-Language, Cookie"
    return response
