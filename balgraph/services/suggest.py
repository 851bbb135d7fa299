"""Propose ESCO skills for each key skill and ESCO occupations for each role, and record accepted ones.

Suggestions are ranked by `balgraph.esco.suggest` (BM25 over labels and descriptions in nb/no and
en). With `--write`, they become ESCO links in the authoring file: the best `--accept N` marked
accepted with who, when, method and score, the rest marked proposed for the author to review.
An import then turns the accepted ones into SKOS mapping links with that provenance.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..authoring import from_rdf
from ..authoring.document import Document, EscoLink
from ..config import Settings
from ..esco.csv_import import EscoGraph
from ..esco.suggest import METHOD, EscoIndex, Suggestion, query_terms
from ..rdfio import FORMATS_BY_SUFFIX, parse_file, to_rdflib
from ..sources import ProjectSources
from .authoring import read_authoring_file, write_document
from .esco import read_esco

AUTHORING_SUFFIXES = {".xlsx", ".xlsm", ".yaml", ".yml", ".csv"}


@dataclass(frozen=True)
class SkillSuggestions:
    document_id: str
    subject_id: str
    label: str
    # "role" or "key-skill"
    kind: str
    suggestions: list[Suggestion]


def load_documents(path: Path) -> list[Document]:
    """Read the documents to suggest for: one authoring file, or every standard in RDF files."""
    if path.suffix.lower() in AUTHORING_SUFFIXES or (path.is_dir() and any(path.glob("*.csv"))):
        return [read_authoring_file(path)]
    files = sorted(p for p in path.rglob("*") if p.suffix.lower() in FORMATS_BY_SUFFIX) if path.is_dir() else [path]
    graph = to_rdflib([q for f in files for q in parse_file(f)])
    subjects = sorted({str(s) for kind in from_rdf.KINDS_BY_CLASS
                       for s in graph.subjects(from_rdf.RDF.type, kind)})
    return [from_rdf.read_document(graph, iri) for iri in subjects]


def load_esco(sources: list[Path] | None, project: ProjectSources, languages: set[str] | None,
              endpoint: str | None, endpoint_graph: str | None) -> EscoGraph:
    paths = sources if sources else project.esco
    return read_esco(list(paths), languages, endpoint=endpoint, endpoint_graph=endpoint_graph)


def suggest(documents: list[Document], esco: EscoGraph, top: int) -> list[SkillSuggestions]:
    """Rank ESCO occupations for each role and ESCO skills for each key skill."""
    skills, occupations = EscoIndex(esco, "skill"), EscoIndex(esco, "occupation")
    results = []
    for document in documents:
        if document.role is not None and document.kind == "skills-standard":
            query = query_terms(document.role.label, [document.role.description])
            results.append(SkillSuggestions(document.id, document.role.id, _name(document.role.label), "role",
                                            occupations.rank(query, top)))
        for skill in document.key_skills:
            texts = [skill.description] + [o.description for o in skill.learning_outcomes]
            results.append(SkillSuggestions(document.id, skill.id, _name(skill.label), "key-skill",
                                            skills.rank(query_terms(skill.label, texts), top)))
    return results


def _name(label: dict[str, str]) -> str:
    return label.get("en") or label.get("nb") or "-"


def add_to_document(document: Document, results: list[SkillSuggestions], accept: int, by: str) -> None:
    """Add the suggestions as ESCO links: the best `accept` of each accepted, the others proposed."""
    today = dt.date.today().isoformat()
    targets = {("key-skill", s.id): s.esco_links for s in document.key_skills}
    if document.role:
        targets[("role", document.role.id)] = document.role.esco_links
    for result in results:
        links = targets.get((result.kind, result.subject_id))
        if links is None:
            continue
        known = {link.iri for link in links}
        for rank, suggestion in enumerate(result.suggestions):
            if suggestion.iri in known:
                continue
            accepted = rank < accept
            links.append(EscoLink(suggestion.iri, "related" if suggestion.transversal else "close",
                                  "accepted" if accepted else "proposed", by or None if accepted else None,
                                  today if accepted else None, METHOD, Decimal(str(suggestion.score)),
                                  esco_label=suggestion.label))


def run_suggest(args, settings: Settings) -> int:
    """Run `balgraph esco suggest`: print the ranked suggestions and optionally write them into a file."""
    project = ProjectSources(settings.project_dir)
    documents = load_documents(args.file)
    languages = {part.strip() for part in args.languages.split(",")} if args.languages else None
    esco = load_esco(args.esco, project, languages, args.endpoint, args.endpoint_graph)
    results = suggest(documents, esco, args.top)
    for result in results:
        print(f"{result.document_id} {result.kind} {result.subject_id}: {result.label}")
        for rank, item in enumerate(result.suggestions, start=1):
            marker = " (transversal)" if item.transversal else ""
            print(f"  {rank}. {item.score:7.3f}  {item.label}{marker}  <{item.iri}>")
    if args.write:
        if len(documents) != 1:
            raise ValueError("--write needs one authoring file as FILE, not a folder of standards")
        add_to_document(documents[0], results, args.accept, args.by)
        to = "xlsx" if args.write.suffix.lower() in (".xlsx", ".xlsm") else \
            "yaml" if args.write.suffix.lower() in (".yaml", ".yml") else "csv"
        print(f"wrote {write_document(documents[0], to, args.write, args.lang)}")
    return 0


def precision_at(results: list[SkillSuggestions], relevant: dict[str, set[str]], k: int) -> float:
    """Return the mean share of the first k suggestions that are relevant, over the labelled key skills."""
    shares = []
    for result in results:
        wanted = relevant.get(f"{result.document_id}/{result.subject_id}")
        if wanted is None:
            continue
        shares.append(sum(1 for item in result.suggestions[:k] if item.iri in wanted) / k)
    return sum(shares) / len(shares) if shares else 0.0


def count_labelled(results: list[SkillSuggestions], relevant: dict[str, set[str]]) -> Counter:
    return Counter(f"{r.document_id}/{r.subject_id}" in relevant for r in results)
