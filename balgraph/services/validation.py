"""SHACL validation of balgraph data against the project's shapes, with the ontology and ESCO as context."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import rdflib
from rdflib.namespace import RDFS, SH, SKOS

from ..rdfio import parse_file, to_rdflib
from ..sources import ProjectSources

log = logging.getLogger(__name__)

LANGUAGES = ("nb", "en")


@dataclass(frozen=True)
class ValidationResult:
    """One result of a SHACL report, with its messages by language."""

    focus: str
    path: str | None
    value: str | None
    severity: str
    component: str
    shape: str
    messages: dict[str, str] = field(default_factory=dict)

    def message(self, lang: str) -> str:
        for candidate in (lang, *LANGUAGES, ""):
            if candidate in self.messages:
                return self.messages[candidate]
        return next(iter(self.messages.values()), self.component)


@dataclass
class ValidationReport:
    """The outcome of validating one data graph; `graph` is the standard SHACL report."""

    conforms: bool
    results: list[ValidationResult]
    graph: rdflib.Graph
    labels: dict[str, dict[str, str]]

    @property
    def violation_count(self) -> int:
        return sum(1 for r in self.results if r.severity == "Violation")

    def label(self, iri: str, lang: str) -> str:
        names = self.labels.get(iri, {})
        for candidate in (lang, *LANGUAGES, ""):
            if candidate in names:
                return names[candidate]
        return iri

    def as_text(self, lang: str = "en") -> str:
        """Render the report for people: results grouped by resource, labels instead of IRIs."""
        if not self.results:
            return "Dataene er i samsvar med formene." if lang == "nb" else "The data conforms to the shapes."
        by_focus: dict[str, list[ValidationResult]] = defaultdict(list)
        for result in self.results:
            by_focus[result.focus].append(result)
        lines = []
        for focus, results in sorted(by_focus.items()):
            lines.append(f"{self.label(focus, lang)} <{focus}>")
            for result in sorted(results, key=lambda r: (r.severity, r.path or "")):
                path = self.label(result.path, lang) if result.path else "-"
                value = f" (value: {result.value})" if result.value is not None else ""
                if lang == "nb" and result.value is not None:
                    value = f" (verdi: {result.value})"
                lines.append(f"  [{result.severity}] {path}: {result.message(lang)}{value}")
        return "\n".join(lines)


class ShapesValidator:
    """Validate data graphs against the shapes of a project, loading shapes and context once."""

    def __init__(self, sources: ProjectSources, esco: Iterable[ox.Quad] | None = None) -> None:
        """Load the shapes and context; `esco` is the ESCO graph when the caller has parsed it already."""
        self.shapes = rdflib.Graph()
        for path in sources.shapes:
            to_rdflib(parse_file(path), self.shapes)
        self.context = rdflib.Graph()
        for path in [*sources.ontology, *sources.vocabularies]:
            to_rdflib(parse_file(path), self.context)
        if esco is None:
            esco = (quad for path in sources.esco for quad in parse_file(path))
        self._esco_by_subject: dict[str, list[ox.Quad]] = defaultdict(list)
        for quad in esco:
            self._esco_by_subject[quad.subject.value].append(quad)
        log.debug("loaded %d shape triples, %d context triples and %d ESCO subjects",
                  len(self.shapes), len(self.context), len(self._esco_by_subject))

    def validate(self, data: rdflib.Graph) -> ValidationReport:
        """Validate `data` merged with the ontology, the vocabularies and the ESCO concepts it links to.

        The shapes only look at ESCO concepts through the data's links (their rdf:type), so the
        rest of ESCO is left out and validation time follows the size of the data, not of ESCO.
        """
        merged = rdflib.Graph()
        for triple in self.context:
            merged.add(triple)
        for triple in data:
            merged.add(triple)
        linked = {str(o) for o in data.objects() if isinstance(o, rdflib.URIRef) and str(o) in self._esco_by_subject}
        to_rdflib([quad for iri in linked for quad in self._esco_by_subject[iri]], merged)
        conforms, report_graph, _ = pyshacl.validate(
            merged, shacl_graph=self.shapes, inference="none", advanced=True,
            allow_warnings=True, allow_infos=True,
        )
        results = _results(report_graph)
        return ValidationReport(bool(conforms), results, report_graph, _labels(merged, results))


def validate_files(paths: list[Path], sources: ProjectSources) -> ValidationReport:
    """Parse and validate RDF files together; raise InputError on the first unreadable one."""
    data = rdflib.Graph()
    for path in paths:
        to_rdflib(parse_file(path), data)
    return ShapesValidator(sources).validate(data)


def _results(report: rdflib.Graph) -> list[ValidationResult]:
    results = []
    for node in report.objects(None, SH.result):
        messages = {}
        for message in report.objects(node, SH.resultMessage):
            messages[getattr(message, "language", None) or ""] = str(message)
        value = report.value(node, SH.value)
        path = report.value(node, SH.resultPath)
        results.append(ValidationResult(
            focus=str(report.value(node, SH.focusNode)),
            path=str(path) if isinstance(path, rdflib.URIRef) else None,
            value=None if value is None else str(value),
            severity=str(report.value(node, SH.resultSeverity)).rsplit("#", 1)[-1],
            component=str(report.value(node, SH.sourceConstraintComponent)).rsplit("#", 1)[-1],
            shape=str(report.value(node, SH.sourceShape)),
            messages=messages,
        ))
    return results


def _labels(graph: rdflib.Graph, results: list[ValidationResult]) -> dict[str, dict[str, str]]:
    wanted = {r.focus for r in results} | {r.path for r in results if r.path}
    labels: dict[str, dict[str, str]] = {}
    for iri in wanted:
        names = {}
        for prop in (SKOS.prefLabel, RDFS.label):
            for label in graph.objects(rdflib.URIRef(iri), prop):
                names.setdefault(getattr(label, "language", None) or "", str(label))
        labels[iri] = names
    return labels
