"""Compare a new ESCO import with the previous one and record what changed, concept by concept.

The record is a CSV file beside the output, one row per concept added or removed and one row per
property whose values changed, so that a researcher can see what a new ESCO version did to the
concepts the data links to.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .csv_import import ESCO_GRAPH, OWL_VERSION_INFO

COLUMNS = ("change", "concept", "property", "old value", "new value")


@dataclass
class EscoChanges:
    old_version: str | None
    new_version: str | None
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    # (concept, property, old values, new values)
    changed: list[tuple[str, str, list[str], list[str]]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def summary(self) -> str:
        return (f"ESCO {self.old_version or 'previous import'} -> {self.new_version or 'this import'}: "
                f"{len(self.added)} concepts added, {len(self.removed)} removed, "
                f"{len({c for c, *_ in self.changed})} changed")


def _by_subject(quads: Iterable[ox.Quad]) -> tuple[dict[str, dict[str, set[str]]], str | None]:
    grouped: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    version = None
    for quad in quads:
        if quad.subject.value == ESCO_GRAPH:
            if quad.predicate.value == OWL_VERSION_INFO:
                version = quad.object.value
            continue
        grouped[quad.subject.value][quad.predicate.value].add(str(quad.object))
    return grouped, version


def compare(old: Iterable[ox.Quad], new: Iterable[ox.Quad]) -> EscoChanges:
    """Return the concepts added, removed and changed between two imports."""
    before, old_version = _by_subject(old)
    after, new_version = _by_subject(new)
    changes = EscoChanges(old_version, new_version)
    changes.added = sorted(after.keys() - before.keys())
    changes.removed = sorted(before.keys() - after.keys())
    for concept in sorted(before.keys() & after.keys()):
        for prop in sorted(before[concept].keys() | after[concept].keys()):
            old_values, new_values = before[concept].get(prop, set()), after[concept].get(prop, set())
            if old_values != new_values:
                changes.changed.append((concept, prop, sorted(old_values - new_values), sorted(new_values - old_values)))
    return changes


def write_changes(changes: EscoChanges, output: Path) -> Path:
    """Write the change record beside `output`; return its path."""
    name = f"{output.stem}-changes-{changes.old_version or 'previous'}-to-{changes.new_version or 'new'}.csv"
    target = output.with_name(name)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for concept in changes.added:
        writer.writerow(("added", concept, "", "", ""))
    for concept in changes.removed:
        writer.writerow(("removed", concept, "", "", ""))
    for concept, prop, old_values, new_values in changes.changed:
        writer.writerow(("changed", concept, prop, " | ".join(old_values), " | ".join(new_values)))
    target.write_text(buffer.getvalue(), encoding="utf-8")
    return target
