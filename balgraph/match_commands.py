"""The `balgraph match` and `balgraph rank` commands: compare skills descriptions from the shell.

SOURCE, TARGET and SUBJECT are each an RDF file, an absolute IRI, or a path under the base's
id/ (``skills-set/ekorn`` for https://w3id.org/balgraph/id/skills-set/ekorn). Files are read
on their own with the ontology, vocabularies and ESCO subset as context; IRIs are read from
the current build.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pyoxigraph as ox

from .config import Settings
from .errors import StoreError
from .services.descriptions import DescriptionReader, description_in_file, store_for_files
from .services.match_report import (BEYOND, STATUS_NAMES, item_reason, number, pick, ranking_json,
                                    report_json, report_title, report_triples, summary)
from .services.match_service import MatchService, Ranking
from .services.matching import EDUCATION_STANDARD, MatchResult, SkillsDescription, compare
from .sources import ProjectSources
from .store import OxigraphStore

OUTPUT_FORMATS = {"text": None, "json": None, "ttl": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD,
                  "nt": ox.RdfFormat.N_TRIPLES}
TURTLE_PREFIXES = {"bal": "https://w3id.org/balgraph/ontology#", "dcterms": "http://purl.org/dc/terms/",
                   "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#"}


def add_parsers(commands, default_language: str) -> None:
    """Add the match and rank subcommands to the balgraph command line."""
    match = commands.add_parser("match", help="compare a skills description against another")
    match.add_argument("source", help="what is compared: a skills set, education standard, skills standard, "
                                      "person or role (file, IRI or path under id/)")
    match.add_argument("target", help="what it is compared against (file, IRI or path under id/)")
    rank = commands.add_parser("rank", help="rank roles for a person, or education standards for a role")
    rank.add_argument("subject", help="a person, skills set or education standard (ranks roles), or a role or "
                                      "skills standard (ranks education standards); file, IRI or path under id/")
    rank.add_argument("--sector", help="rank only the roles of this sector (IRI or path under id/, "
                                       "e.g. sector/stage-production)")
    for parser in (match, rank):
        parser.add_argument("--format", choices=sorted(OUTPUT_FORMATS), default="text",
                            help="output: text for people, json, or an RDF report (ttl, jsonld, nt); default text")
        parser.add_argument("--lang", choices=("nb", "en"), default=default_language,
                            help="language of the text output (default: from LANG, else en)")


class _References:
    """Read descriptions from files or from the current build, opening the build only when needed."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.sources = ProjectSources(settings.project_dir)
        self._service: MatchService | None = None

    @property
    def service(self) -> MatchService:
        if self._service is None:
            store = OxigraphStore.open_current(self.settings.builds_dir)
            self._service = MatchService(store, self.settings.base_iri)
        return self._service

    def read(self, reference: str) -> SkillsDescription:
        path = Path(reference)
        if path.is_file():
            store = store_for_files([path], self.sources)
            return DescriptionReader(store).read(description_in_file(path))
        return self.service.reader.read(self.service.iri_for(reference))

    def labels(self, results: list[MatchResult]) -> dict[str, dict[str, str]]:
        try:
            return self.service.labels_for(results)
        except StoreError:
            # Files compared without a build: label the ESCO skills from the project's ESCO subset.
            return store_for_files(self.sources.esco).labels(
                {i.link.esco_skill for r in results for i in r.items if i.link and i.link.esco_skill})


def run_match(args: argparse.Namespace, settings: Settings) -> int:
    references = _References(settings)
    result = compare(references.read(args.source), references.read(args.target))
    labels = references.labels([result])
    if args.format == "text":
        print(_result_text(result, labels, args.lang))
    elif args.format == "json":
        print(json.dumps(report_json(result, settings.base_iri, labels), ensure_ascii=False, indent=2))
    else:
        print(_serialize(report_triples(result, settings.base_iri, labels), args.format))
    return 0


def run_rank(args: argparse.Namespace, settings: Settings) -> int:
    references = _References(settings)
    subject = references.read(args.subject)
    sector = references.service.iri_for(args.sector) if args.sector else None
    ranking = references.service.rank_description(subject, sector)
    labels = references.labels(ranking.results)
    if args.format == "text":
        print(_ranking_text(ranking, args.lang))
    elif args.format == "json":
        print(json.dumps(ranking_json(ranking.results, settings.base_iri), ensure_ascii=False, indent=2))
    else:
        triples = [t for result in ranking.results for t in report_triples(result, settings.base_iri, labels)]
        print(_serialize(triples, args.format))
    return 0


def _serialize(triples: list[ox.Triple], output: str) -> str:
    rdf_format = OUTPUT_FORMATS[output]
    if rdf_format == ox.RdfFormat.TURTLE:
        return ox.serialize(triples, format=rdf_format, prefixes=TURTLE_PREFIXES).decode()
    return ox.serialize(triples, format=rdf_format).decode()


def _result_text(result: MatchResult, labels, lang: str) -> str:
    lines = [report_title(result, lang), summary(result, lang), ""]
    for item in (*result.items, *result.beyond):
        skill = item.target_skill if item.status != BEYOND else item.link.source_skill
        status = STATUS_NAMES[item.status][lang]
        score = "" if item.score is None else f" ({number(item.score, lang)})"
        lines.append(f"[{status}] {pick(skill.labels, lang, skill.iri)}{score}")
        lines.append(f"    {item_reason(item, lang, labels)}")
    return "\n".join(lines)


def _ranking_text(ranking: Ranking, lang: str) -> str:
    subject = pick(ranking.subject.labels, lang, ranking.subject.iri)
    if ranking.ranked_kind == EDUCATION_STANDARD:
        heading = (f"Utdanningsstandarder som dekker {subject}:" if lang == "nb"
                   else f"Education standards that cover {subject}:")
    else:
        heading = f"Roller for {subject}:" if lang == "nb" else f"Roles for {subject}:"
    lines = [heading]
    for position, result in enumerate(ranking.results, start=1):
        ranked = result.source if ranking.ranked_kind == EDUCATION_STANDARD else result.target
        lines.append(f"{position:3}. {pick(ranked.labels, lang, ranked.iri)}")
        lines.append(f"     {summary(result, lang)}")
    if not ranking.results:
        lines.append("  (ingen)" if lang == "nb" else "  (none)")
    return "\n".join(lines)
