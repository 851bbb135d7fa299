"""The ontology's documentation page, and the other IRIs of its modules and versions.

/ontology itself is routed in resources.py (RDF for programs, this page for browsers).
Here: /ontology/alignments, and the version IRIs /ontology/<version> and
/ontology/alignments/<version>, which serve the current version only.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, g, render_template

from .errors import error_response
from .formats import HTML
from .resources import RESOURCE_OFFERS, _with_vary, dereference, local_url, negotiate

blueprint = Blueprint("ontology_docs", __name__)

FORMATS = {"ttl": "Turtle", "jsonld": "JSON-LD", "rdf": "RDF/XML", "nt": "N-Triples"}


def _publication():
    return current_app.extensions["balgraph"]


def documentation_page() -> Response:
    """Render the documentation of every module in the request's language."""
    doc = _publication().ontology_docs.documentation()
    downloads = {module.iri: {name: local_url(module.iri) + "?format=" + name for name in FORMATS}
                 for module in doc.modules}
    body = render_template("ontology.html", doc=doc, downloads=downloads, format_names=FORMATS,
                           other_lang="en" if g.lang == "nb" else "nb")
    return Response(body, mimetype="text/html")


@blueprint.get("/ontology/alignments")
def alignments():
    """The alignments module as RDF; browsers get the documentation page."""
    media_type, refusal = negotiate(RESOURCE_OFFERS)
    if refusal is None and media_type == HTML:
        return _with_vary(documentation_page())
    return dereference(_publication().ontology_iri + "/alignments")


@blueprint.get("/ontology/<version>")
def core_version(version: str):
    return _serve_version(_publication().ontology_iri, version)


@blueprint.get("/ontology/alignments/<version>")
def alignments_version(version: str):
    return _serve_version(_publication().ontology_iri + "/alignments", version)


def _serve_version(module_iri: str, version: str):
    """Serve a version IRI: the current version as the module itself; earlier versions are not kept."""
    published = {module.version for module in _publication().ontology_docs.documentation().modules
                 if module.iri == module_iri}
    if version not in published:
        return _with_vary(error_response(
            404, "version_not_found",
            f"Version {version} of {module_iri} is not served here, only {', '.join(sorted(published))}. "
            "Earlier versions are in the project's history, and CHANGELOG.md lists what changed."))
    media_type, refusal = negotiate(RESOURCE_OFFERS)
    if refusal is not None:
        return _with_vary(refusal)
    if media_type == HTML:
        return _with_vary(documentation_page())
    return dereference(module_iri)
