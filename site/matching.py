"""Match and ranking pages: /match compares two skills descriptions, /rank ranks roles or programmes.

Both respond in HTML, JSON (``application/json``) or as an RDF report (Turtle, JSON-LD,
RDF/XML, N-Triples), chosen by Accept or ``?format=``. The blueprint also gives every page
the template function ``balance_profile_chart(iri)``, which the resource page uses to draw
the balance profile of a role, standard, person or skills set.
"""

from __future__ import annotations

import json
import logging
from urllib.parse import quote

from flask import Blueprint, Response, current_app, g, render_template, request

from balgraph.services.descriptions import DescriptionNotFound
from balgraph.services.match_report import (BEYOND, STATUS_NAMES, item_reason, pick, ranking_json,
                                            report_json, report_title, report_triples, summary)
from balgraph.services.match_service import MatchService
from balgraph.services.matching import (EDUCATION_STANDARD, INDIVIDUAL_SKILLS_SET, SKILLS_STANDARD,
                                        SkillsDescription, compare)

from .errors import error_response
from .formats import HTML, RDF_MEDIA_TYPES, serialize_triples
from .resources import negotiate

log = logging.getLogger(__name__)

blueprint = Blueprint("matching", __name__)

JSON = "application/json"
OFFERS = [HTML, JSON, *RDF_MEDIA_TYPES]
VARY = "Accept, Accept-Language, Cookie"
DIMENSION_SLUGS = ("people-technology", "flexibility-routine", "pace-presence")


def match_service() -> MatchService:
    """Return the matching service for the build being served, made anew when the build changes."""
    publication = current_app.extensions["balgraph"]
    cached = current_app.extensions.get("balgraph_matching")
    if cached is None or cached.store is not publication.store:
        cached = MatchService(publication.store, publication.settings.base_iri)
        current_app.extensions["balgraph_matching"] = cached
    return cached


@blueprint.app_context_processor
def _profile_helpers():
    def balance_profile_chart(iri: str):
        try:
            return match_service().chart_for_page(iri, g.get("lang", "nb"))
        except Exception:  # a missing profile must never break the page that includes it
            log.exception("could not draw the balance profile of %s", iri)
            return None
    return {"balance_profile_chart": balance_profile_chart}


def _negotiate():
    # ?format=json means the JSON document here, not SPARQL results as on /sparql.
    if request.args.get("format", "").lower() == "json":
        return JSON, None
    return negotiate(OFFERS)


def _vary(response):
    if isinstance(response, tuple):
        body, status, headers = response
        return body, status, {**headers, "Vary": VARY}
    response.headers["Vary"] = VARY
    return response


def _read(service: MatchService, parameter: str) -> SkillsDescription:
    return service.reader.read(service.iri_for(request.args[parameter]))


@blueprint.get("/match")
def match():
    """Compare ?source= against ?target=; without them, browsers get a form to pick both."""
    media_type, refusal = _negotiate()
    if refusal is not None:
        return _vary(refusal)
    service = match_service()
    if not request.args.get("source") or not request.args.get("target"):
        if media_type == HTML and not request.args.get("source") and not request.args.get("target"):
            return _vary(Response(render_template("match_form.html", choices=_choices(service)),
                                  mimetype=HTML))
        return _vary(error_response(400, "missing_parameter",
                                    "Pass both source= and target=: IRIs of skills sets, education "
                                    "standards, skills standards, persons or roles."))
    try:
        source, target = _read(service, "source"), _read(service, "target")
    except DescriptionNotFound as error:
        return _vary(error_response(404, "not_found", str(error)))
    result = compare(source, target)
    labels = service.labels_for([result])
    base = service.base_iri
    if media_type == HTML:
        chart = service.chart([source, target], g.lang)
        body = render_template("match.html", result=result, chart=chart, columns=_columns(result, g.lang, labels),
                               title=report_title(result, g.lang), summary=summary(result, g.lang),
                               formats=_format_links())
        return _vary(Response(body, mimetype=HTML))
    if media_type == JSON:
        return _vary(Response(json.dumps(report_json(result, base, labels), ensure_ascii=False), mimetype=JSON))
    return _vary(Response(serialize_triples(report_triples(result, base, labels), media_type), mimetype=media_type))


@blueprint.get("/rank")
def rank():
    """Rank roles for ?person= (a person or skills set), or education standards for ?role=."""
    media_type, refusal = _negotiate()
    if refusal is not None:
        return _vary(refusal)
    parameter = next((name for name in ("person", "role") if request.args.get(name)), None)
    if parameter is None:
        return _vary(error_response(400, "missing_parameter",
                                    "Pass person= (a person or skills set) or role= (a role or skills standard)."))
    service = match_service()
    try:
        sector = service.iri_for(request.args["sector"]) if request.args.get("sector") else None
        ranking = service.rank(service.iri_for(request.args[parameter]), sector)
    except DescriptionNotFound as error:
        return _vary(error_response(404, "not_found", str(error)))
    base = service.base_iri
    if media_type == HTML:
        body = render_template("rank.html", ranking=ranking, lang=g.lang, pick=pick, summary=summary,
                               education=ranking.ranked_kind == EDUCATION_STANDARD, formats=_format_links())
        return _vary(Response(body, mimetype=HTML))
    if media_type == JSON:
        document = {"subject": ranking.subject.iri, "ranked": ranking.ranked_kind,
                    "results": ranking_json(ranking.results, base)}
        return _vary(Response(json.dumps(document, ensure_ascii=False), mimetype=JSON))
    labels = service.labels_for(ranking.results)
    triples = [t for result in ranking.results for t in report_triples(result, base, labels)]
    return _vary(Response(serialize_triples(triples, media_type), mimetype=media_type))


def _format_links() -> dict[str, str]:
    query = {key: value for key, value in request.args.items() if key not in ("format", "lang")}
    links = {}
    for name in ("json", "ttl", "jsonld"):
        parts = [f"{key}={quote(value, safe='')}" for key, value in query.items()] + [f"format={name}"]
        links[name] = request.path + "?" + "&".join(parts)
    return links


def _columns(result, lang: str, labels) -> list[dict]:
    """Group the items by balance dimension, for the three columns of the comparison page."""
    columns = {slug: {"slug": slug, "items": []} for slug in DIMENSION_SLUGS}
    for item in (*result.items, *result.beyond):
        skill = item.target_skill if item.status != BEYOND else item.link.source_skill
        slug = (skill.dimension or "").rsplit("/", 1)[-1]
        column = columns.get(slug)
        if column is None:
            continue
        matched = item.link.source_skill if item.link is not None and item.status != BEYOND else None
        column["items"].append({
            "status": item.status, "status_name": STATUS_NAMES[item.status][lang],
            "skill": skill, "label": pick(skill.labels, lang, skill.iri),
            "matched": matched, "matched_label": pick(matched.labels, lang, matched.iri) if matched else None,
            "score": item.score, "reason": item_reason(item, lang, labels),
        })
    return list(columns.values())


def _choices(service: MatchService) -> dict[str, list[tuple[str, str]]]:
    lang = g.lang
    choices = {}
    for kind in (INDIVIDUAL_SKILLS_SET, EDUCATION_STANDARD, SKILLS_STANDARD):
        choices[kind] = [(d.iri, pick(d.labels, lang, d.iri)) for d in service.descriptions(kind)]
    return choices
