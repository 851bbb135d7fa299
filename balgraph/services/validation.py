"""SHACL validation of balgraph data against the project's shapes, with the ontology and ESCO as context.

The data graph that pySHACL validates merges the submitted data with the ontology, the SKOS
vocabularies, the part of the imported ESCO graph that the data links to, and the rdf:type
triples of the published standards, so that links to published roles and standards can be
checked. The report keeps only results about the resources that the submitted data describes
and about the project's own vocabularies.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
import pyshacl
import rdflib
from rdflib.namespace import ORG, RDF, RDFS, SH, SKOS

from ..errors import InputError
from ..namespaces import BAL, ESCO_BASE
from ..rdfio import parse_file, to_rdflib
from ..sources import ProjectSources
from .validation_inputs import read_inputs

log = logging.getLogger(__name__)

LANGUAGES = ("nb", "en")

# The options every validation in balgraph runs with, the build and the W3C test suites included.
PRODUCTION_OPTIONS = {
    "inference": "none",
    "advanced": True,
    "allow_warnings": True,
    "allow_infos": True,
    "do_owl_imports": False,
}

# Above this size, validation reports its progress to the caller (reading has its own limit).
LARGE_INPUT_TRIPLES = 20_000

ProgressCallback = Callable[[str], None]


@dataclass(frozen=True)
class Profile:
    """One kind of submission: the class it must contain and the classes of the resources checked."""

    name: str
    main_class: rdflib.URIRef
    checked_classes: frozenset[rdflib.URIRef]


_VOCABULARY_CLASSES = (BAL.BalanceDimension, BAL.BalancePole, BAL.LearningOutcomeCategory,
                       BAL.QualificationsFrameworkLevel, BAL.NKRLevel, BAL.Sector)

PROFILES = {
    "role-standard": Profile("role-standard", BAL.SkillsStandard, frozenset((
        BAL.SkillsStandard, BAL.Role, BAL.KeySkill, BAL.LearningOutcome, BAL.Interview, BAL.Interviewer,
        BAL.IdentifiedSkill, *_VOCABULARY_CLASSES))),
    "skills-set": Profile("skills-set", BAL.IndividualSkillsSet, frozenset((
        BAL.IndividualSkillsSet, BAL.Person, BAL.Evidence, BAL.KeySkill, BAL.LearningOutcome, BAL.Role,
        *_VOCABULARY_CLASSES))),
    "education-standard": Profile("education-standard", BAL.EducationStandard, frozenset((
        BAL.EducationStandard, ORG.Organization, BAL.KeySkill, BAL.LearningOutcome, *_VOCABULARY_CLASSES))),
}


@dataclass(frozen=True)
class ValidationResult:
    """One result of a SHACL report, with its messages and its shape's name by language."""

    focus: str
    path: str | None
    value: str | None
    value_is_iri: bool
    severity: str
    component: str
    shape: str
    messages: dict[str, str] = field(default_factory=dict)
    shape_names: dict[str, str] = field(default_factory=dict)

    def message(self, lang: str) -> str:
        return _pick(self.messages, lang) or self.component

    def shape_name(self, lang: str) -> str:
        return _pick(self.shape_names, lang) or self.shape.rsplit("#", 1)[-1]


@dataclass
class ValidationReport:
    """The outcome of validating one data graph; `graph` is the standard SHACL report."""

    conforms: bool
    results: list[ValidationResult]
    graph: rdflib.Graph
    labels: dict[str, dict[str, str]]
    triples: int = 0

    @property
    def violation_count(self) -> int:
        return sum(1 for r in self.results if r.severity == "Violation")

    @property
    def warning_count(self) -> int:
        return sum(1 for r in self.results if r.severity == "Warning")

    def label(self, iri: str, lang: str) -> str:
        return _pick(self.labels.get(iri, {}), lang) or iri

    def as_text(self, lang: str = "en") -> str:
        """Render the report for people: results grouped by resource, labels instead of IRIs."""
        from .validation_report import render_text
        return render_text(self, lang)


def _pick(texts: dict[str, str], lang: str) -> str | None:
    for candidate in (lang, *LANGUAGES, ""):
        if candidate in texts:
            return texts[candidate]
    return next(iter(texts.values()), None)


def run_shacl(data: rdflib.Graph, shapes: rdflib.Graph) -> tuple[bool, rdflib.Graph]:
    """Validate `data` with pySHACL and the production options; return conformance and the report graph.

    Raises ValueError when pySHACL rejects the shapes graph itself.
    """
    # NOTE: pySHACL's focus_nodes option (0.40) also filters the value nodes of nested shapes,
    # so sh:qualifiedValueShape stops working; the whole data graph is validated instead.
    conforms, report, text = pyshacl.validate(data, shacl_graph=shapes, **PRODUCTION_OPTIONS)
    if not isinstance(report, rdflib.Graph):
        raise ValueError(f"the shapes cannot be used: {text}")
    return bool(conforms), report


# The links followed from an ESCO concept the data links to, to give the shapes what they check.
_ESCO_CONTEXT_LINKS = frozenset(str(link) for link in (SKOS.broader, RDF.type, RDFS.subClassOf))


class EscoContext:
    """The imported ESCO graph, from which validation takes only what the data links to.

    The shapes only look at the ESCO concepts that the data links to, while a full import is
    large: the English reference files alone give 100,000 triples, and the skills file and other
    languages add many more. Handing all of them to pySHACL doubled the CPU time of a build
    (bench/esco_validation_context.py compares both).
    """

    def __init__(self, quads: Iterable[ox.Quad]) -> None:
        self.store = ox.Store()
        self.store.extend(quads)

    @classmethod
    def from_files(cls, paths: list[Path]) -> EscoContext:
        context = cls(())
        for path in paths:
            context.store.extend(parse_file(path))
        return context

    def linked_from(self, data: rdflib.Graph) -> rdflib.Graph:
        """Return the triples about the ESCO resources that `data` links to and what they lead to.

        Besides the linked resources themselves, that is every concept above them by
        skos:broader, their classes with the classes above those, and the blank nodes that
        these resources refer to.
        """
        todo = [ox.NamedNode(str(o)) for o in set(data.objects())
                if isinstance(o, rdflib.URIRef) and str(o).startswith(ESCO_BASE)]
        seen: set = set()
        quads: list[ox.Quad] = []
        while todo:
            resource = todo.pop()
            if resource in seen:
                continue
            seen.add(resource)
            for quad in self.store.quads_for_pattern(resource, None, None):
                quads.append(quad)
                followed = quad.predicate.value in _ESCO_CONTEXT_LINKS or isinstance(quad.object, ox.BlankNode)
                if followed and isinstance(quad.object, (ox.NamedNode, ox.BlankNode)):
                    todo.append(quad.object)
        return to_rdflib(quads)


class ShapesValidator:
    """Validate data graphs against the shapes of a project, loading shapes and context once."""

    def __init__(self, sources: ProjectSources, esco_quads: Iterable[ox.Quad] | None = None) -> None:
        """Load the shapes and the context; `esco_quads` spares parsing data/esco again when given."""
        sources.check()
        self.shapes = rdflib.Graph()
        for path in sources.shapes:
            to_rdflib(parse_file(path), self.shapes)
        self.context = rdflib.Graph()
        for path in [*sources.ontology, *sources.vocabularies]:
            to_rdflib(parse_file(path), self.context)
        self.esco = EscoContext(esco_quads) if esco_quads is not None else EscoContext.from_files(sources.esco)
        # The ontology and vocabularies are always checked; published data only where submitted.
        self.own_subjects = {s for s in self.context.subjects() if isinstance(s, rdflib.URIRef)}
        self.published_types: dict[rdflib.URIRef, set] = {}
        for path in sources.standards:
            for s, _, o in to_rdflib(parse_file(path)).triples((None, RDF.type, None)):
                self.published_types.setdefault(s, set()).add(o)
        log.debug("loaded %d shape triples and %d context triples", len(self.shapes), len(self.context))

    def validate(self, data: rdflib.Graph, profile: str | None = None,
                 progress: ProgressCallback | None = None) -> ValidationReport:
        """Validate `data` merged with the context; `profile` names one of PROFILES.

        Raises InputError when the data holds no resource of the profile's main class.
        """
        chosen = _profile(profile, data)
        notify = progress if progress and len(data) > LARGE_INPUT_TRIPLES else None
        started = time.monotonic()
        merged = rdflib.Graph()
        for triple in self.context:
            merged.add(triple)
        for triple in self.esco.linked_from(data):
            merged.add(triple)
        for triple in data:
            merged.add(triple)
        for resource, types in self._linked_published_types(data).items():
            for rdf_type in types:
                merged.add((resource, RDF.type, rdf_type))
        if notify:
            notify(f"validating {len(data)} triples against {len(self.shapes)} shape triples")

        conforms, report_graph = run_shacl(merged, self.shapes)
        if notify:
            notify(f"validated in {time.monotonic() - started:.1f} s; writing the report")

        _keep_results_about(report_graph, self._checked_resources(data, chosen))

        _restore_message_languages(report_graph, self.shapes)
        results = _results(report_graph, self.shapes)
        conforms = not any(r.severity == "Violation" for r in results)
        report_graph.set((next(report_graph.subjects(RDF.type, SH.ValidationReport)), SH.conforms,
                          rdflib.Literal(conforms)))
        return ValidationReport(conforms, results, report_graph, _labels(merged, results), len(data))


    def _linked_published_types(self, data: rdflib.Graph) -> dict[rdflib.URIRef, set]:
        """Return the types of the published resources that `data` links to but does not describe.

        Only these are added, because every typed resource is a target that costs validation time.
        """
        described = set(data.subjects())
        return {o: self.published_types[o] for o in set(data.objects())
                if o in self.published_types and o not in described}

    def _checked_resources(self, data: rdflib.Graph, profile: Profile | None) -> set[rdflib.URIRef]:
        """Return the resources to report on: those the data describes, and the project's own vocabularies."""
        described = {s for s in data.subjects() if isinstance(s, rdflib.URIRef)} | self.own_subjects
        if profile is not None:
            described = {s for s in described if any(
                t in profile.checked_classes for graph in (data, self.context) for t in graph.objects(s, RDF.type))}
        return described


def _profile(name: str | None, data: rdflib.Graph) -> Profile | None:
    if name is None:
        return None
    if name not in PROFILES:
        raise InputError("--profile", f"unknown profile {name!r}", "Use one of: " + ", ".join(PROFILES))
    profile = PROFILES[name]
    if (None, RDF.type, profile.main_class) not in data:
        kind = profile.main_class.rsplit("#", 1)[-1]
        raise InputError("the submitted data", f"the profile {name} checks a bal:{kind}, but the data holds none",
                         f"Add a resource of type bal:{kind}, or choose the profile that fits the data")
    return profile


def validate_files(paths: list[Path], sources: ProjectSources, profile: str | None = None,
                   progress: ProgressCallback | None = None, input_format: str | None = None,
                   stdin: BinaryIO | None = None) -> ValidationReport:
    """Parse and validate RDF files, folders and standard input (`-`) together.

    Raises InputErrors naming every unreadable input before anything is validated; see
    validation_inputs.read_inputs for how `input_format` and `stdin` are used.
    """
    data = read_inputs(paths, input_format, stdin, progress)
    return ShapesValidator(sources).validate(data, profile, progress)


def _keep_results_about(report: rdflib.Graph, resources: set[rdflib.URIRef]) -> None:
    """Remove from the report every result whose focus node is not one of `resources`."""
    for result in list(report.objects(None, SH.result)):
        if report.value(result, SH.focusNode) not in resources:
            report.remove((None, SH.result, result))
            _remove_tree(report, result)


def _remove_tree(graph: rdflib.Graph, node: rdflib.term.Node) -> None:
    """Remove `node` and the blank nodes that only it refers to, such as a sequence path."""
    objects = [obj for _, _, obj in graph.triples((node, None, None))]
    graph.remove((node, None, None))
    for obj in objects:
        if isinstance(obj, rdflib.BNode) and (None, None, obj) not in graph:
            _remove_tree(graph, obj)


def _restore_message_languages(report: rdflib.Graph, shapes: rdflib.Graph) -> None:
    """Give back the language tags that pySHACL drops from the messages of SPARQL-based constraints.

    The shapes' messages have no placeholders, so each untagged message equals one tagged
    sh:message of the result's source shape or source constraint.
    """
    for result in report.objects(None, SH.result):
        tagged = {}
        for source in (report.value(result, SH.sourceShape), report.value(result, SH.sourceConstraint)):
            for message in shapes.objects(source, SH.message) if source is not None else ():
                if isinstance(message, rdflib.Literal) and message.language:
                    tagged[str(message)] = message
        for message in list(report.objects(result, SH.resultMessage)):
            if isinstance(message, rdflib.Literal) and not message.language and str(message) in tagged:
                report.remove((result, SH.resultMessage, message))
                report.add((result, SH.resultMessage, tagged[str(message)]))


def _results(report: rdflib.Graph, shapes: rdflib.Graph) -> list[ValidationResult]:
    results = []
    for node in report.objects(None, SH.result):
        value = report.value(node, SH.value)
        shape = report.value(node, SH.sourceShape)
        results.append(ValidationResult(
            focus=str(report.value(node, SH.focusNode)),
            path=_path_text(report, report.value(node, SH.resultPath)),
            value=None if value is None else str(value),
            value_is_iri=isinstance(value, rdflib.URIRef),
            severity=str(report.value(node, SH.resultSeverity)).rsplit("#", 1)[-1],
            component=str(report.value(node, SH.sourceConstraintComponent)).rsplit("#", 1)[-1],
            shape=str(shape),
            messages=_by_language(report.objects(node, SH.resultMessage)),
            shape_names=_by_language(shapes.objects(shape, SH.name)) or _by_language(shapes.objects(shape, RDFS.label)),
        ))
    return sorted(results, key=lambda r: (r.focus, r.severity != "Violation", r.shape, r.value or ""))


def _path_text(report: rdflib.Graph, path: rdflib.term.Node | None) -> str | None:
    """Write a result path as its IRI, or a sequence path as its IRIs joined by ' / '."""
    if path is None:
        return None
    if isinstance(path, rdflib.URIRef):
        return str(path)
    steps = list(rdflib.collection.Collection(report, path)) if report.value(path, RDF.first) else []
    if steps and all(isinstance(step, rdflib.URIRef) for step in steps):
        return " / ".join(str(step) for step in steps)
    return None


def _by_language(literals) -> dict[str, str]:
    texts: dict[str, str] = {}
    for literal in literals:
        texts.setdefault(getattr(literal, "language", None) or "", str(literal))
    return texts


def _labels(graph: rdflib.Graph, results: list[ValidationResult]) -> dict[str, dict[str, str]]:
    wanted = {r.focus for r in results} | {r.value for r in results if r.value_is_iri}
    for result in results:
        wanted.update((result.path or "").split(" / ") if result.path else ())
    labels: dict[str, dict[str, str]] = {}
    for iri in wanted:
        names: dict[str, str] = {}
        for prop in (SKOS.prefLabel, RDFS.label):
            for label in graph.objects(rdflib.URIRef(iri), prop):
                names.setdefault(getattr(label, "language", None) or "", str(label))
        labels[iri] = names
    return labels
