"""Dereferencing: every published IRI answers with an HTML page or RDF, chosen by Accept or ?format=."""

from __future__ import annotations

import re
from urllib.parse import quote

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, g, redirect, render_template, request, url_for

from balgraph.namespaces import graph_iri

from .errors import error_response
from .formats import FORMAT_NAMES, HTML, RDF_MEDIA_TYPES, media_type_for, serialize_triples
from .negotiation import choose

blueprint = Blueprint("resources", __name__)

RESOURCE_OFFERS = [HTML, *RDF_MEDIA_TYPES]


def _publication():
    return current_app.extensions["balgraph"]


# Characters a path segment may hold as they are (RFC 3986, pchar without "%"). Everything
# else, "%" included, is percent-encoded as UTF-8, so decoding the path once gives the IRI back.
PATH_SAFE = "/:@!$&'()*+,;=-._~"


def path_for_iri(iri: str, base: str) -> str | None:
    """Return the percent-encoded server path of a published IRI, or None when it is outside `base`."""
    if not iri.startswith(base):
        return None
    # A hash IRI (ontology#KeySkill) is served by its document; the fragment stays a fragment.
    document, hash_sign, fragment = iri[len(base):].partition("#")
    path = "/" + quote(document, safe=PATH_SAFE)
    return path + "#" + quote(fragment, safe=PATH_SAFE) if hash_sign else path


def iri_for_path(decoded_path: str, base: str) -> str:
    """Return the IRI of a server path whose percent-encoding the WSGI server has already decoded."""
    return base + decoded_path.removeprefix("/")


def local_url(iri: str) -> str:
    """Map a public IRI to this server's URL for it.

    IRIs under the base map by path; other IRIs that the graph describes (ESCO concepts, EQF
    levels) go to /resource?iri=, and the rest (rdfs:label, say) link to the IRI itself.
    """
    publication = _publication()
    path = path_for_iri(iri, publication.settings.base_iri)
    if path is not None:
        return path
    if publication.resources.describes(iri):
        return url_for("resources.external", iri=iri)
    return iri


def valid_iri(iri: str) -> bool:
    """Return whether `iri` is an absolute IRI that RDF allows (no spaces, no <>, valid escapes)."""
    try:
        ox.NamedNode(iri)
    except ValueError:
        return False
    return "%" not in iri or _VALID_PERCENT_ESCAPES.fullmatch(iri) is not None


# Every "%" starts a two-digit hexadecimal escape; pyoxigraph 0.5 accepts "%ZZ" as it stands.
_VALID_PERCENT_ESCAPES = re.compile(r"(?:[^%]|%[0-9A-Fa-f]{2})*", re.DOTALL)


def invalid_iri_response(iri: str, parameter: str | None = None):
    """Return the 400 invalid_iri error for `iri`, naming the query parameter it came in when given."""
    where = f"{parameter}={iri!r}" if parameter else repr(iri)
    return error_response(400, "invalid_iri", {
        "en": f"invalid IRI {where}. An absolute IRI starts with a scheme such as https: and has no spaces, control characters, <, > or "
              "\"; write other characters as %XX escapes.",
        "nb": f"{where} er ikke en gyldig absolutt IRI. En IRI begynner med et skjema som https: og har ikke mellomrom, kontrolltegn, <, > eller "
              "\"; skriv andre tegn som %XX-koder.",
    })


def negotiate(offers: list[str]) -> tuple[str | None, Response | None]:
    """Pick the response media type from ?format= or Accept; return an error response when none fits."""
    asked = request.args.get("format")
    if asked:
        media_type = media_type_for(asked)
        if media_type not in offers:
            names = ", ".join(sorted({n for n, t in FORMAT_NAMES.items() if t in offers}))
            return None, error_response(400, "unknown_format", {
                "en": f"format={asked!r} is not available here. Use one of: {names}.",
                "nb": f"format={asked!r} finnes ikke her. Bruk et av disse: {names}.",
            })
        return media_type, None
    media_type = choose(request.headers.get("Accept"), offers)
    if media_type is None:
        available = ", ".join(offers)
        return None, error_response(406, "not_acceptable", {
            "en": f"None of the requested media types is available. Available: {available}.",
            "nb": f"Ingen av de forespurte medietypene finnes. Tilgjengelige: {available}.",
        })
    return media_type, None


def dereference(iri: str):
    """Return one IRI's description in the negotiated format, or a 404 when the graph has no triples about it."""
    media_type, refusal = negotiate(RESOURCE_OFFERS)
    if refusal is not None:
        return _with_vary(refusal)
    if not valid_iri(iri):
        return _with_vary(invalid_iri_response(iri))
    service = _publication().resources
    if media_type == HTML:
        view = service.view(iri, g.lang)
        if view is None:
            return _with_vary(_resource_not_found(iri))
        formats = {name: local_url(iri) + "?format=" + name for name in ("ttl", "jsonld", "rdf", "nt")}
        body = render_template("resource.html", view=view, formats=formats)
        response = Response(body, mimetype="text/html")
    else:
        triples = service.triples(iri)
        if not triples:
            return _with_vary(_resource_not_found(iri))
        response = Response(serialize_triples(triples, media_type), mimetype=media_type)
    return _with_vary(response)


def _resource_not_found(iri: str):
    return error_response(404, "not_found", {
        "en": f"No resource {iri} in the published graph.",
        "nb": f"Den publiserte grafen har ingen ressurs {iri}.",
    })


def _with_vary(response):
    if isinstance(response, tuple):
        body, status, headers = response
        return body, status, {**headers, "Vary": "Accept, Accept-Language, Cookie"}
    response.headers["Vary"] = "Accept, Accept-Language, Cookie"
    return response


# merge_slashes=False: an IRI may hold "//", which werkzeug would otherwise redirect away.
@blueprint.get("/id/<path:rest>", merge_slashes=False)
def identified(rest: str):
    return dereference(iri_for_path("id/" + rest, _publication().settings.base_iri))


@blueprint.get("/ontology")
def ontology():
    """Serve the core ontology as RDF, and browsers the generated documentation of every module."""
    from .ontology_docs import documentation_page  # imported here: that module imports this one

    media_type, refusal = negotiate(RESOURCE_OFFERS)
    if refusal is None and media_type == HTML:
        return _with_vary(documentation_page())
    return dereference(_publication().ontology_iri)


@blueprint.get("/dataset")
def dataset():
    return dereference(_publication().settings.base_iri + "dataset")


@blueprint.get("/resource")
def external():
    """Pages for IRIs outside the base that the graph describes, such as ESCO concepts and EQF levels."""
    iri = request.args.get("iri", "")
    if not valid_iri(iri):
        return invalid_iri_response(iri, "iri")
    base = _publication().settings.base_iri
    if iri.startswith(base):
        return redirect(local_url(iri), 303)
    return dereference(iri)


@blueprint.get("/.well-known/void")
def void_description():
    """Serve the VoID description of the dataset as RDF, and redirect browsers to the dataset's page."""
    media_type, refusal = negotiate(RESOURCE_OFFERS)
    if refusal is not None:
        return _with_vary(refusal)
    publication = _publication()
    if media_type == HTML:
        return redirect(url_for("resources.dataset"), 303)
    void_graph = graph_iri("void", publication.settings.base_iri)
    triples = [ox.Triple(s, p, o) for s, p, o in publication.store.query(
        "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": ox.NamedNode(void_graph)})]
    return _with_vary(Response(serialize_triples(triples, media_type), mimetype=media_type))
