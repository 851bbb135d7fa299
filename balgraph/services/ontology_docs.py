"""Documentation of the ontology, generated from the published ontology graphs and data.

Every bal: class and property gets its labels and definitions in nb and en, its kind, its
super-terms, domain, range and an example of its use taken from the published data. Class
expressions (unions, restrictions, datatype restrictions) are written out as short text.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..namespaces import BAL, CANONICAL_BASE, graph_iri
from ..store import GraphStore

log = logging.getLogger(__name__)

OWL = "http://www.w3.org/2002/07/owl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCTERMS = "http://purl.org/dc/terms/"
VANN = "http://purl.org/vocab/vann/"
KINDS = {
    OWL + "Class": "class",
    OWL + "ObjectProperty": "object_property",
    OWL + "DatatypeProperty": "datatype_property",
    OWL + "AnnotationProperty": "annotation_property",
}
PREFIXES = {
    OWL: "owl:", RDFS: "rdfs:", SKOS: "skos:", XSD: "xsd:", DCTERMS: "dcterms:",
    "http://www.w3.org/ns/prov#": "prov:", "http://www.w3.org/ns/org#": "org:",
    "http://data.europa.eu/esco/model#": "esco:", "http://data.europa.eu/snb/model/elm/": "elm:",
}
FACETS = {XSD + "minInclusive": "≥", XSD + "maxInclusive": "≤",
          XSD + "minExclusive": ">", XSD + "maxExclusive": "<"}
EXAMPLE_TEXT_LIMIT = 160


@dataclass
class Link:
    """A resource used in an example: its IRI and its labels by language ("" for none)."""

    iri: str
    labels: dict[str, str]

    def text(self, lang: str) -> str:
        for candidate in (lang, "en", "nb", ""):
            if self.labels.get(candidate):
                return self.labels[candidate]
        return next(iter(self.labels.values()), None) or self.iri


@dataclass
class Example:
    """One use of a term in the published data: a resource, and for a property its value."""

    subject: Link
    value: Link | None = None
    literal: str | None = None


@dataclass
class TermDoc:
    """Everything the documentation page shows for one bal: term."""

    iri: str
    name: str
    kind: str
    module: str
    labels: dict[str, str]
    definitions: dict[str, str]
    parents: list[str] = field(default_factory=list)
    equivalent: list[str] = field(default_factory=list)
    domain: list[str] = field(default_factory=list)
    range: list[str] = field(default_factory=list)
    inverse: list[str] = field(default_factory=list)
    functional: bool = False
    example: Example | None = None


@dataclass
class ModuleDoc:
    """The header of one ontology module: title, version and where to fetch it."""

    iri: str
    name: str
    titles: dict[str, str]
    descriptions: dict[str, str]
    version: str | None
    version_iri: str | None
    prior_version: str | None
    license: str | None
    imports: list[str]


@dataclass
class OntologyDoc:
    """The whole documentation: the modules, the namespace and the terms grouped by kind."""

    modules: list[ModuleDoc]
    prefix: str | None
    namespace: str | None
    terms: dict[str, list[TermDoc]]


class _Triples:
    """The triples of the ontology graphs, indexed by subject."""

    def __init__(self, triples: list[ox.Triple]) -> None:
        self.by_subject: dict[object, list[ox.Triple]] = defaultdict(list)
        for triple in triples:
            self.by_subject[triple.subject].append(triple)

    def objects(self, subject, predicate: str) -> list:
        return [t.object for t in self.by_subject.get(subject, []) if t.predicate.value == predicate]

    def value(self, subject, predicate: str):
        found = self.objects(subject, predicate)
        return found[0] if found else None

    def texts(self, subject, predicate: str) -> dict[str, str]:
        return {o.language or "": o.value for o in self.objects(subject, predicate) if isinstance(o, ox.Literal)}


class OntologyDocsService:
    """Build the documentation of the ontology modules published in a store, once per build."""

    def __init__(self, store: GraphStore, base_iri: str = CANONICAL_BASE) -> None:
        self.store = store
        self.base_iri = base_iri
        self.namespace = base_iri + str(BAL)[len(CANONICAL_BASE):]
        self.module_graphs = {
            "core": graph_iri("ontology", base_iri),
            "alignments": graph_iri("alignments", base_iri),
        }
        self._doc: OntologyDoc | None = None

    def documentation(self) -> OntologyDoc:
        """Return the documentation, building it on first use (the store of one build never changes)."""
        if self._doc is None:
            self._doc = self._build()
        return self._doc

    def _build(self) -> OntologyDoc:
        modules, terms_by_iri = [], {}
        for module, graph in self.module_graphs.items():
            triples = _Triples(self._graph_triples(graph))
            modules.extend(self._module_headers(triples, module))
            for term in self._terms(triples, module):
                merged = terms_by_iri.setdefault(term.iri, term)
                if merged is not term:
                    _merge(merged, term)
        grouped: dict[str, list[TermDoc]] = {kind: [] for kind in KINDS.values()}
        for term in sorted(terms_by_iri.values(), key=lambda t: t.name.lower()):
            term.example = self._example(term)
            grouped[term.kind].append(term)
        core = next((m for m in modules if m.name == "core"), None)
        prefix, namespace = self._namespace(core)
        log.info("documented %d ontology terms", len(terms_by_iri))
        return OntologyDoc(modules, prefix, namespace, grouped)

    def _graph_triples(self, graph: str) -> list[ox.Triple]:
        return [ox.Triple(s, p, o) for s, p, o in self.store.query(
            "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": ox.NamedNode(graph)})]

    def _module_headers(self, triples: _Triples, module: str) -> list[ModuleDoc]:
        headers = []
        for subject, items in triples.by_subject.items():
            if not any(t.predicate.value == RDF + "type" and t.object.value == OWL + "Ontology" for t in items):
                continue
            headers.append(ModuleDoc(
                iri=subject.value, name=module,
                titles=triples.texts(subject, DCTERMS + "title"),
                descriptions=triples.texts(subject, DCTERMS + "description"),
                version=_text(triples.value(subject, OWL + "versionInfo")),
                version_iri=_text(triples.value(subject, OWL + "versionIRI")),
                prior_version=_text(triples.value(subject, OWL + "priorVersion")),
                license=_text(triples.value(subject, DCTERMS + "license")),
                imports=[o.value for o in triples.objects(subject, OWL + "imports")],
            ))
        return headers

    def _namespace(self, core: ModuleDoc | None) -> tuple[str | None, str | None]:
        if core is None:
            return None, None
        subject = ox.NamedNode(core.iri)
        rows = list(self.store.query(
            "SELECT ?g ?o ?p1 ?p2 ?prefix ?namespace WHERE { GRAPH ?g { ?o ?p1 ?prefix ; ?p2 ?namespace } }",
            {"g": ox.NamedNode(self.module_graphs["core"]), "o": subject,
             "p1": ox.NamedNode(VANN + "preferredNamespacePrefix"),
             "p2": ox.NamedNode(VANN + "preferredNamespaceUri")}))
        return (rows[0]["prefix"].value, rows[0]["namespace"].value) if rows else (None, None)

    def _terms(self, triples: _Triples, module: str) -> list[TermDoc]:
        terms = []
        for subject in list(triples.by_subject):
            if not isinstance(subject, ox.NamedNode) or not subject.value.startswith(self.namespace):
                continue
            types = {o.value for o in triples.objects(subject, RDF + "type")}
            kind = next((KINDS[t] for t in KINDS if t in types), None)
            writer = _Writer(triples, {self.namespace: "bal:", **PREFIXES})
            terms.append(writer.describe(subject, kind, module, OWL + "FunctionalProperty" in types))
        return terms

    def _example(self, term: TermDoc) -> Example | None:
        if term.kind == "class":
            return self._class_example(term.iri)
        return self._property_example(term.iri)

    def _data_graph_filter(self) -> str:
        return " && ".join(f"?g != <{graph}>" for graph in self.module_graphs.values())

    def _class_example(self, iri: str) -> Example | None:
        rows = list(self.store.query(
            "SELECT ?s ?class WHERE { GRAPH ?g { ?s a ?class } FILTER(isIRI(?s) && "
            + self._data_graph_filter() + ") } ORDER BY ?s LIMIT 1", {"class": ox.NamedNode(iri)}))
        if not rows:
            return None
        return Example(self._link(rows[0]["s"].value))

    def _property_example(self, iri: str) -> Example | None:
        rows = list(self.store.query(
            "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?s) && "
            + self._data_graph_filter() + ") } ORDER BY ?s ?o LIMIT 1", {"p": ox.NamedNode(iri)}))
        if not rows:
            return None
        subject, value = rows[0]["s"], rows[0]["o"]
        if isinstance(value, ox.NamedNode):
            return Example(self._link(subject.value), value=self._link(value.value))
        if isinstance(value, ox.Literal):
            text = value.value if len(value.value) <= EXAMPLE_TEXT_LIMIT else value.value[:EXAMPLE_TEXT_LIMIT] + "…"
            return Example(self._link(subject.value), literal=text)
        return Example(self._link(subject.value))

    def _link(self, iri: str) -> Link:
        return Link(iri, self.store.labels([iri]).get(iri, {}))


class _Writer:
    """Writes terms and class expressions of one ontology graph as short prefixed text."""

    def __init__(self, triples: _Triples, prefixes: dict[str, str]) -> None:
        self.triples = triples
        self.prefixes = prefixes

    def short(self, iri: str) -> str:
        for namespace, prefix in self.prefixes.items():
            if iri.startswith(namespace) and "/" not in iri[len(namespace):]:
                return prefix + iri[len(namespace):]
        return iri

    def describe(self, subject: ox.NamedNode, kind: str | None, module: str, functional: bool) -> TermDoc:
        """Collect what the graph states about one term."""
        triples = self.triples
        parents = [self.expression(o) for o in triples.objects(subject, RDFS + "subClassOf")]
        parents += [self.expression(o) for o in triples.objects(subject, RDFS + "subPropertyOf")]
        return TermDoc(
            iri=subject.value, name=self.short(subject.value), kind=kind or "class", module=module,
            labels=triples.texts(subject, RDFS + "label"),
            definitions=triples.texts(subject, SKOS + "definition"),
            parents=parents,
            equivalent=[self.expression(o) for o in triples.objects(subject, OWL + "equivalentClass")],
            domain=[self.expression(o) for o in triples.objects(subject, RDFS + "domain")],
            range=[self.expression(o) for o in triples.objects(subject, RDFS + "range")],
            inverse=[self.short(o.value) for o in triples.objects(subject, OWL + "inverseOf")],
            functional=functional,
        )

    def expression(self, node, depth: int = 0) -> str:
        """Write an OWL class or data range expression as short text, e.g. 'bal:A or bal:B'."""
        if isinstance(node, ox.NamedNode):
            return self.short(node.value)
        if isinstance(node, ox.Literal):
            return node.value
        if depth > 6:
            return "…"
        for operator, joiner in ((OWL + "unionOf", " or "), (OWL + "intersectionOf", " and ")):
            members = self.triples.value(node, operator)
            if members is not None:
                return joiner.join(_bracket(self.expression(m, depth + 1)) for m in self._list(members))
        members = self.triples.value(node, OWL + "oneOf")
        if members is not None:
            return "{" + ", ".join(self.expression(m, depth + 1) for m in self._list(members)) + "}"
        return self._restriction(node, depth)

    def _restriction(self, node, depth: int) -> str:
        value = self.triples.value
        on_property = value(node, OWL + "onProperty")
        if on_property is not None:
            prop = self.short(on_property.value)
            for predicate, word in ((OWL + "someValuesFrom", "some"), (OWL + "allValuesFrom", "only")):
                filler = value(node, predicate)
                if filler is not None:
                    return f"{prop} {word} {_bracket(self.expression(filler, depth + 1))}"
            filler = value(node, OWL + "hasValue")
            if filler is not None:
                return f"{prop} value {self.expression(filler, depth + 1)}"
        datatype = value(node, OWL + "onDatatype")
        if datatype is not None:
            facets = []
            for facet_node in self._list(value(node, OWL + "withRestrictions")):
                for triple in self.triples.by_subject.get(facet_node, []):
                    symbol = FACETS.get(triple.predicate.value, self.short(triple.predicate.value))
                    facets.append(f"{symbol} {triple.object.value}")
            return f"{self.short(datatype.value)} [{', '.join(facets)}]"
        return "…"

    def _list(self, head) -> list:
        items = []
        while head is not None and not (isinstance(head, ox.NamedNode) and head.value == RDF + "nil"):
            first = self.triples.value(head, RDF + "first")
            if first is not None:
                items.append(first)
            head = self.triples.value(head, RDF + "rest")
        return items


def _merge(into: TermDoc, other: TermDoc) -> None:
    """Add what a second module states about a term, such as an alignment's subclass axiom."""
    into.labels = into.labels or other.labels
    into.definitions = into.definitions or other.definitions
    if into.module != other.module and other.labels:
        into.module = other.module
    for name in ("parents", "equivalent", "domain", "range", "inverse"):
        getattr(into, name).extend(v for v in getattr(other, name) if v not in getattr(into, name))
    into.functional = into.functional or other.functional


def _bracket(text: str) -> str:
    return f"({text})" if " " in text else text


def _text(term) -> str | None:
    return None if term is None else term.value
