"""A match result as data: an RDF report in the balgraph vocabulary, JSON, and reasons in nb and en.

The report's IRI is the address of the match endpoint that produces it,
``{base}match?source=…&target=…``, so a stored report can be fetched again, and its items
are that IRI with the fragments ``#item-1``, ``#item-2``, ….
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from urllib.parse import quote

import pyoxigraph as ox

from .matching import (BEYOND, COVERED, LOWER_LEVEL, MISSING, NO_OUTCOME, PARTLY_COVERED, KeySkill,
                       MatchItem, MatchResult, OutcomeComparison, SkillsDescription)

BAL = "https://w3id.org/balgraph/ontology#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
DCTERMS = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
LANGUAGES = ("nb", "en")
# Labels of the learning-outcome categories, for reasons; the vocabulary has the same words.
CATEGORY_NAMES = {
    "knowledge": {"nb": "kunnskap", "en": "knowledge"},
    "skills": {"nb": "ferdigheter", "en": "skills"},
    "general-competence": {"nb": "generell kompetanse", "en": "general competence"},
}
STATUS_NAMES = {
    COVERED: {"nb": "dekket", "en": "covered"},
    PARTLY_COVERED: {"nb": "delvis dekket", "en": "partly covered"},
    MISSING: {"nb": "mangler", "en": "missing"},
    BEYOND: {"nb": "utover målet", "en": "beyond the target"},
}
REASONS = {
    COVERED: {"nb": "Dekket av «{source}» ({via}).", "en": "Covered by “{source}” ({via})."},
    PARTLY_COVERED: {"nb": "Delvis dekket av «{source}» ({via}).", "en": "Partly covered by “{source}” ({via})."},
    MISSING: {"nb": "Ingen nøkkelkompetanse i kilden er den samme eller har en felles ESCO-ferdighet.",
              "en": "No key skill of the source is the same or shares an ESCO skill."},
    BEYOND: {"nb": "Målet ber ikke om denne nøkkelkompetansen.",
             "en": "The target does not ask for this key skill."},
}
VIA_SAME = {"nb": "samme nøkkelkompetanse", "en": "the same key skill"}
VIA_ESCO = {"nb": "felles ESCO-ferdighet «{esco}», styrke {strength}",
            "en": "shared ESCO skill “{esco}”, strength {strength}"}
OUTCOME_MISSING = {"nb": "Mangler {category} ({level}).", "en": "Missing {category} ({level})."}
OUTCOME_LOWER = {"nb": "{Category} på nivå {source} der målet krever {level}.",
                 "en": "{Category} at level {source} where the target asks for {level}."}
OUTCOME_ABOVE = {"nb": "{Category} på nivå {source}, over målets {level}.",
                 "en": "{Category} at level {source}, above the target's {level}."}


def pick(labels: Mapping[str, str], lang: str, fallback: str) -> str:
    """Choose a label in `lang`, then the other language, untagged, ESCO's "no", then `fallback`."""
    for candidate in (lang, *LANGUAGES, "", "no"):
        if labels.get(candidate):
            return labels[candidate]
    return fallback


def number(value: float, lang: str, digits: int = 2) -> str:
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "nb" else text


def report_iri(base_iri: str, source: str, target: str) -> str:
    return f"{base_iri}match?source={quote(source, safe='')}&target={quote(target, safe='')}"


def status_iri(base_iri: str, status: str) -> str:
    return f"{base_iri}id/match-status/{status}"


def _category_name(outcome: OutcomeComparison, lang: str) -> str:
    slug = (outcome.target.category or "").rsplit("/", 1)[-1]
    return CATEGORY_NAMES.get(slug, {}).get(lang, slug or "?")


def outcome_reason(outcome: OutcomeComparison, lang: str) -> str | None:
    """Explain an outcome that is missing, lower or above the target's level; None when it simply matches."""
    category = _category_name(outcome, lang)
    values = {"category": category, "Category": category[:1].upper() + category[1:],
              "level": outcome.target.level or "?", "source": outcome.source.level if outcome.source else "?"}
    if outcome.status == NO_OUTCOME:
        return OUTCOME_MISSING[lang].format(**values)
    if outcome.status == LOWER_LEVEL:
        return OUTCOME_LOWER[lang].format(**values)
    if outcome.above_level:
        return OUTCOME_ABOVE[lang].format(**values)
    return None


def item_reason(item: MatchItem, lang: str, labels: Mapping[str, Mapping[str, str]]) -> str:
    """Explain one item in `lang`: what covers the target key skill, how strongly, and what is missing."""
    if item.status in (MISSING, BEYOND):
        return REASONS[item.status][lang]
    link = item.link
    if link.esco_skill is None:
        via = VIA_SAME[lang]
    else:
        esco = pick(labels.get(link.esco_skill, {}), lang, link.esco_skill)
        via = VIA_ESCO[lang].format(esco=esco, strength=number(link.strength, lang))
    source = pick(link.source_skill.labels, lang, link.source_skill.iri)
    parts = [REASONS[item.status][lang].format(source=source, via=via)]
    parts.extend(text for text in (outcome_reason(o, lang) for o in item.outcomes) if text)
    return " ".join(parts)


def summary(result: MatchResult, lang: str) -> str:
    """Summarise a whole comparison in one sentence, for rankings: counts, coverage and what is missing."""
    total = len(result.items)
    if lang == "nb":
        text = (f"{result.count(COVERED)} av {total} nøkkelkompetanser dekket, {result.count(PARTLY_COVERED)} "
                f"delvis, {result.count(MISSING)} mangler; dekning {number(result.coverage, lang)}.")
    else:
        text = (f"{result.count(COVERED)} of {total} key skills covered, {result.count(PARTLY_COVERED)} partly, "
                f"{result.count(MISSING)} missing; coverage {number(result.coverage, lang)}.")
    missing = [pick(i.target_skill.labels, lang, i.target_skill.iri) for i in result.items if i.status == MISSING]
    if missing:
        text += (" Mangler: " if lang == "nb" else " Missing: ") + ", ".join(missing) + "."
    above = result.outcomes_above_level
    if above:
        if lang == "nb":
            text += f" {above} læringsutbytte{'r' if above > 1 else ''} over målets nivå."
        else:
            text += f" {above} learning outcome{'s' if above > 1 else ''} above the target's level."
    beyond = [pick(i.link.source_skill.labels, lang, i.link.source_skill.iri) for i in result.beyond]
    if beyond:
        text += (" Utover målet: " if lang == "nb" else " Beyond the target: ") + ", ".join(beyond) + "."
    return text


def report_triples(result: MatchResult, base_iri: str, labels: Mapping[str, Mapping[str, str]],
                   created: str | None = None) -> list[ox.Triple]:
    """Describe `result` as a bal:MatchReport with one bal:MatchItem per target key skill and per extra source skill."""
    report = ox.NamedNode(report_iri(base_iri, result.source.iri, result.target.iri))
    created = created or time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    triples = [
        ox.Triple(report, RDF_TYPE, ox.NamedNode(BAL + "MatchReport")),
        ox.Triple(report, ox.NamedNode(BAL + "source"), ox.NamedNode(result.source.iri)),
        ox.Triple(report, ox.NamedNode(BAL + "target"), ox.NamedNode(result.target.iri)),
        ox.Triple(report, ox.NamedNode(BAL + "coverage"), _decimal(result.coverage)),
        ox.Triple(report, ox.NamedNode(DCTERMS + "created"),
                  ox.Literal(created, datatype=ox.NamedNode(XSD + "dateTime"))),
    ]
    for lang in LANGUAGES:
        triples.append(ox.Triple(report, RDFS_LABEL, ox.Literal(report_title(result, lang), language=lang)))
        triples.append(ox.Triple(report, ox.NamedNode(DCTERMS + "description"),
                                 ox.Literal(summary(result, lang), language=lang)))
    for number_, item in enumerate((*result.items, *result.beyond), start=1):
        node = ox.NamedNode(f"{report.value}#item-{number_}")
        triples.append(ox.Triple(report, ox.NamedNode(BAL + "hasItem"), node))
        triples.extend(_item_triples(node, item, base_iri, labels))
    return triples


def _item_triples(node: ox.NamedNode, item: MatchItem, base_iri: str,
                  labels: Mapping[str, Mapping[str, str]]) -> list[ox.Triple]:
    triples = [ox.Triple(node, RDF_TYPE, ox.NamedNode(BAL + "MatchItem")),
               ox.Triple(node, ox.NamedNode(BAL + "matchStatus"), ox.NamedNode(status_iri(base_iri, item.status)))]
    if item.target_skill is not None:
        triples.append(ox.Triple(node, ox.NamedNode(BAL + "targetKeySkill"), ox.NamedNode(item.target_skill.iri)))
    if item.link is not None:
        triples.append(ox.Triple(node, ox.NamedNode(BAL + "matchedKeySkill"),
                                 ox.NamedNode(item.link.source_skill.iri)))
    if item.score is not None:
        triples.append(ox.Triple(node, ox.NamedNode(BAL + "score"), _decimal(item.score)))
    for outcome in item.unmet_outcomes:
        triples.append(ox.Triple(node, ox.NamedNode(BAL + "missingOutcome"), ox.NamedNode(outcome.target.iri)))
    for lang in LANGUAGES:
        triples.append(ox.Triple(node, ox.NamedNode(DCTERMS + "description"),
                                 ox.Literal(item_reason(item, lang, labels), language=lang)))
    return triples


def _decimal(value: float) -> ox.Literal:
    return ox.Literal(f"{value:.3f}", datatype=ox.NamedNode(XSD + "decimal"))


def report_title(result: MatchResult, lang: str) -> str:
    source = pick(result.source.labels, lang, result.source.iri)
    target = pick(result.target.labels, lang, result.target.iri)
    return f"{source} mot {target}" if lang == "nb" else f"{source} against {target}"


def report_json(result: MatchResult, base_iri: str, labels: Mapping[str, Mapping[str, str]]) -> dict:
    """Describe `result` as a JSON-ready dict; texts come in both languages."""
    return {
        "report": report_iri(base_iri, result.source.iri, result.target.iri),
        "source": _description_json(result.source),
        "target": _description_json(result.target),
        "coverage": round(result.coverage, 3),
        "counts": {status: result.count(status) for status in (COVERED, PARTLY_COVERED, MISSING, BEYOND)},
        "outcomes_above_level": result.outcomes_above_level,
        "summary": {lang: summary(result, lang) for lang in LANGUAGES},
        "items": [_item_json(item, labels) for item in result.items],
        "beyond": [_item_json(item, labels) for item in result.beyond],
    }


def _description_json(description: SkillsDescription) -> dict:
    return {"iri": description.iri, "kind": description.kind, "label": dict(description.labels),
            "role": description.role}


def _skill_json(skill: KeySkill) -> dict:
    return {"iri": skill.iri, "label": dict(skill.labels), "dimension": skill.dimension, "pole": skill.pole,
            "placement": skill.placement}


def _item_json(item: MatchItem, labels: Mapping[str, Mapping[str, str]]) -> dict:
    link = item.link
    return {
        "status": item.status,
        "score": None if item.score is None else round(item.score, 3),
        "target_key_skill": _skill_json(item.target_skill) if item.target_skill else None,
        "matched_key_skill": _skill_json(link.source_skill) if link else None,
        "link": None if link is None or item.status == BEYOND else {
            "strength": round(link.strength, 3), "esco_skill": link.esco_skill,
            "esco_label": dict(labels.get(link.esco_skill, {})) if link.esco_skill else None},
        "outcomes": [{
            "target_outcome": o.target.iri, "category": o.target.category, "level": o.target.level,
            "source_outcome": o.source.iri if o.source else None,
            "source_level": o.source.level if o.source else None,
            "status": o.status, "above_level": o.above_level,
        } for o in item.outcomes],
        "reason": {lang: item_reason(item, lang, labels) for lang in LANGUAGES},
    }


def ranking_json(results: list[MatchResult], base_iri: str) -> list[dict]:
    """Describe a ranking: position, the compared description, coverage, counts and the reasons."""
    return [{
        "position": position,
        "source": _description_json(result.source),
        "target": _description_json(result.target),
        "report": report_iri(base_iri, result.source.iri, result.target.iri),
        "coverage": round(result.coverage, 3),
        "counts": {status: result.count(status) for status in (COVERED, PARTLY_COVERED, MISSING, BEYOND)},
        "reason": {lang: summary(result, lang) for lang in LANGUAGES},
    } for position, result in enumerate(results, start=1)]
