"""The SPARQL 1.1 Protocol endpoint for queries at /sparql (GET, POST form, POST direct body).

Updates are refused; the query service bounds time and result size.
"""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, make_response, request
from werkzeug.exceptions import RequestEntityTooLarge

from balgraph.services.sparql import QueryRefused

from . import query_page
from .errors import error_response
from .formats import HTML, RDF_MEDIA_TYPES, RESULTS_MEDIA_TYPES, media_type_for
from .negotiation import choose

blueprint = Blueprint("sparql", __name__)

FORM_TYPE = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
RESULTS_OFFERS = list(RESULTS_MEDIA_TYPES)
GRAPH_OFFERS = list(RDF_MEDIA_TYPES)
# pyoxigraph format name -> the media type a response declares; the SPARQL-specific types win.
MEDIA_TYPE_BY_FORMAT = {
    **{name: media for media, name in reversed(list(RESULTS_MEDIA_TYPES.items()))},
    **{name: media for media, name in RDF_MEDIA_TYPES.items()},
}


def _check_body_size() -> None:
    """Raise 413 for a chunked body that reaches the limit, which werkzeug would cut off silently.

    A body with a Content-Length over the limit is rejected by werkzeug before this runs.
    """
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if request.content_length is None and limit and len(request.get_data(cache=True)) >= limit:
        raise RequestEntityTooLarge()


def _read_request() -> tuple[str | None, list[str], list[str]]:
    """Return the query text and dataset IRIs from a GET, HEAD or POST, or raise QueryRefused."""
    query, default_graphs, named_graphs = _read_parameters()
    for iri in default_graphs + named_graphs:
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise QueryRefused("invalid_graph_iri", 400,
                               f"{iri!r} in default-graph-uri or named-graph-uri is not a valid absolute IRI.") from None
    return query, default_graphs, named_graphs


def _read_parameters() -> tuple[str | None, list[str], list[str]]:
    if request.method in ("GET", "HEAD"):
        if "update" in request.args:
            raise QueryRefused("update_refused", 403, "This endpoint is read-only: updates are refused.")
        args = request.args
        if len(args.getlist("query")) > 1:
            raise QueryRefused("malformed_request", 400, "Send exactly one query parameter.")
        return args.get("query"), args.getlist("default-graph-uri"), args.getlist("named-graph-uri")

    _check_body_size()
    content_type = (request.mimetype or "").lower()
    if content_type == FORM_TYPE:
        if "update" in request.form:
            raise QueryRefused("update_refused", 403, "This endpoint is read-only: updates are refused.")
        if len(request.form.getlist("query")) > 1:
            raise QueryRefused("malformed_request", 400, "Send exactly one query parameter.")
        form = request.form
        return form.get("query"), form.getlist("default-graph-uri"), form.getlist("named-graph-uri")
    if content_type == QUERY_TYPE:
        try:
            text = request.get_data(as_text=False).decode("utf-8")
        except UnicodeDecodeError:
            raise QueryRefused("malformed_request", 400, "The query body is not UTF-8.") from None
        return text, request.args.getlist("default-graph-uri"), request.args.getlist("named-graph-uri")
    if content_type == UPDATE_TYPE:
        raise QueryRefused("update_refused", 403, "This endpoint is read-only: updates are refused.")
    raise QueryRefused("unsupported_media_type", 415,
                       f"Content-Type {content_type or '(none)'!r} is not accepted. POST the query as "
                       f"{FORM_TYPE} (query=...) or as {QUERY_TYPE}.")


def _formats() -> tuple[str | None, str | None]:
    """Negotiate the results format and the graph format separately, as the query form is not known yet."""
    asked = request.args.get("format")
    if not asked and request.method == "POST" and request.mimetype == FORM_TYPE:
        asked = request.form.get("format")
    if asked:
        media_type = media_type_for(asked)
        if media_type is None or media_type == HTML:
            raise QueryRefused("unknown_format", 400,
                               f"format={asked!r} is not available. Use json, xml, csv, tsv, ttl, jsonld, rdf or nt.")
        results = RESULTS_MEDIA_TYPES.get(media_type)
        graph = RDF_MEDIA_TYPES.get(media_type)
        # A graph format asked for a SELECT, or the reverse, falls back to the default of the other kind.
        return results or RESULTS_MEDIA_TYPES[RESULTS_OFFERS[0]], graph or RDF_MEDIA_TYPES[GRAPH_OFFERS[0]]
    accept = request.headers.get("Accept")
    results = choose(accept, RESULTS_OFFERS)
    graph = choose(accept, GRAPH_OFFERS)
    return (RESULTS_MEDIA_TYPES[results] if results else None,
            RDF_MEDIA_TYPES[graph] if graph else None)


def _run(query: str, results_format: str | None, graph_format: str | None,
         default_graphs: list[str], named_graphs: list[str]):
    """Run the query; a 406 names the media types available for the kind of result it has."""
    try:
        # Relative IRIs resolve against the endpoint's public IRI, the document the query was sent to.
        endpoint_iri = current_app.extensions["balgraph_settings"].base_iri + "sparql"
        return current_app.extensions["balgraph"].sparql.run(
            query, results_format, graph_format, default_graphs, named_graphs, endpoint_iri)
    except QueryRefused as refusal:
        if refusal.code != "not_acceptable":
            raise
        offers = RESULTS_OFFERS if results_format is None else GRAPH_OFFERS
        kind = "SELECT and ASK results" if results_format is None else "CONSTRUCT and DESCRIBE results"
        raise QueryRefused(refusal.code, 406, f"None of the requested media types is available for "
                           f"{kind}. Available: {', '.join(offers)}.") from None


@blueprint.route("/sparql", methods=["GET", "POST"])
def endpoint():
    try:
        query, default_graphs, named_graphs = _read_request()
        if query is None:
            page = query_page.page_without_query() if request.method in ("GET", "HEAD") else None
            if page is not None:
                page = make_response(page)
                page.headers["Vary"] = "Accept"
                return page
            raise QueryRefused("missing_query", 400, "Pass the query in the query parameter.")
        results_format, graph_format = _formats()
        if results_format is None and graph_format is None:
            raise QueryRefused("not_acceptable", 406, "None of the requested media types is available. "
                               "Available: " + ", ".join(RESULTS_OFFERS + GRAPH_OFFERS) + ".")
        result = _run(query, results_format, graph_format, default_graphs, named_graphs)
    except QueryRefused as refusal:
        response = error_response(refusal.status, refusal.code, refusal.message)
        return response[0], response[1], {**response[2], "Vary": "Accept"}
    media_type = MEDIA_TYPE_BY_FORMAT[result.format_name]
    response = Response(result.body, mimetype=media_type)
    if media_type.startswith("text/"):
        response.headers["Content-Type"] = f"{media_type}; charset=utf-8"
    response.headers["Vary"] = "Accept"
    return response
