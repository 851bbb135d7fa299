"""Describe one published resource: its triples for RDF clients and a labelled view for its page."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from ..namespaces import graph_iri
from ..store import GraphStore

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DESCRIPTION_PROPERTIES = (
    "http://purl.org/dc/terms/description",
    "http://www.w3.org/2004/02/skos/core#definition",
)
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
INCOMING_LIMIT = 200
LANGUAGES = ("nb", "en")


# Languages to try for a reader of each site language, in order; any other label comes after these.
LABEL_FALLBACKS = {
    "nb": ("nb", "no", "nn", "en", ""),
    "en": ("en", "", "nb", "no", "nn"),
}


def pick_label(names: dict[str, str], lang: str, fallback: str) -> str:
    """Choose the label for a reader of `lang`: their language first, then the others in LABEL_FALLBACKS.

    A Norwegian reader gets ESCO's Norwegian ("no") label before an English one; `fallback`
    is returned only when there is no label at all.
    """
    for candidate in LABEL_FALLBACKS.get(lang, (lang, *LANGUAGES, "", "no")):
        if candidate in names:
            return names[candidate]
    return next(iter(names.values()), fallback)


@dataclass
class Value:
    """One object of a property: a link (iri set) or a literal (text and language)."""

    text: str
    iri: str | None = None
    lang: str | None = None


@dataclass
class ResourceView:
    iri: str
    label: str
    description: str | None
    types: list[Value]
    properties: list[tuple[Value, list[Value]]]
    incoming: list[tuple[Value, Value]] = field(default_factory=list)


class ResourceService:
    """Read resources from the store for dereferencing."""

    def __init__(self, store: GraphStore, ontology_iri: str, base_iri: str) -> None:
        self.store = store
        self.ontology_iri = ontology_iri
        # Each ontology module's IRI describes the whole named graph that module is published in.
        self.module_graphs = {
            ontology_iri: graph_iri("ontology", base_iri),
            ontology_iri + "/alignments": graph_iri("alignments", base_iri),
        }

    def describes(self, iri: str) -> bool:
        """Return whether the graph states anything about `iri` as a subject."""
        try:
            subject = ox.NamedNode(iri)
        except ValueError:
            return False
        return bool(self.store.query("ASK { ?subject ?p ?o }", {"subject": subject}))

    def triples(self, iri: str) -> list[ox.Triple]:
        """Return the triples that describe `iri`: its own, those of its blank nodes and labels of what it links to.

        The IRI of an ontology module describes the whole module. Returns an empty list for an unknown IRI.
        """
        if iri in self.module_graphs:
            return [ox.Triple(s, p, o) for s, p, o in self.store.query(
                "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
                {"g": ox.NamedNode(self.module_graphs[iri])})]
        own = self.store.triples_about(ox.NamedNode(iri))
        if not own:
            return []
        result = list(own)
        pending = [t.object for t in own if isinstance(t.object, ox.BlankNode)]
        seen: set[str] = set()
        while pending:
            node = pending.pop()
            if node.value in seen:
                continue
            seen.add(node.value)
            for triple in self.store.triples_about(node):
                result.append(triple)
                if isinstance(triple.object, ox.BlankNode):
                    pending.append(triple.object)
        linked = {t.object.value for t in own if isinstance(t.object, ox.NamedNode)}
        for other, names in self.store.labels(linked).items():
            for lang, text in names.items():
                literal = ox.Literal(text, language=lang) if lang else ox.Literal(text)
                result.append(ox.Triple(ox.NamedNode(other), LABEL, literal))
        return result

    def view(self, iri: str, lang: str) -> ResourceView | None:
        """Return a labelled view of `iri` in `lang` for its HTML page, or None when it is unknown."""
        own = self.store.triples_about(ox.NamedNode(iri))
        if not own:
            return None
        incoming = self.store.triples_pointing_to(ox.NamedNode(iri), INCOMING_LIMIT)
        wanted = {iri} | {t.predicate.value for t in own + incoming}
        wanted |= {t.object.value for t in own if isinstance(t.object, ox.NamedNode)}
        wanted |= {t.subject.value for t in incoming if isinstance(t.subject, ox.NamedNode)}
        labels = self.store.labels(wanted)

        def link(target: str) -> Value:
            return Value(pick_label(labels.get(target, {}), lang, _local_name(target)), iri=target)

        grouped: dict[str, list[Value]] = {}
        description = _literal_in(own, DESCRIPTION_PROPERTIES, lang)
        for triple in own:
            obj = triple.object
            if isinstance(obj, ox.NamedNode):
                value = link(obj.value)
            elif isinstance(obj, ox.Literal):
                value = Value(obj.value, lang=obj.language)
            else:
                value = Value("[…]")
            grouped.setdefault(triple.predicate.value, []).append(value)
        types = grouped.pop(RDF_TYPE, [])
        properties = [(link(p), sorted(vs, key=_value_order)) for p, vs in grouped.items()]
        properties.sort(key=lambda item: item[0].text.lower())
        backlinks = [(link(t.subject.value), link(t.predicate.value)) for t in incoming
                     if isinstance(t.subject, ox.NamedNode)]
        backlinks.sort(key=lambda item: (item[1].text.lower(), item[0].text.lower()))
        return ResourceView(iri, pick_label(labels.get(iri, {}), lang, _local_name(iri)),
                            description, types, properties, backlinks)


def _literal_in(triples: list[ox.Triple], predicates: tuple[str, ...], lang: str) -> str | None:
    texts = {t.object.language or "": t.object.value for t in triples
             if t.predicate.value in predicates and isinstance(t.object, ox.Literal)}
    return pick_label(texts, lang, "") or None


def _value_order(value: Value) -> tuple:
    # Links first, then literals grouped by language, each group alphabetical.
    return (value.iri is None, value.lang or "", value.text.lower())


def _local_name(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1] or iri
