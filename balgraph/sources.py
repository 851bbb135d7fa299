"""Where a project keeps its ontology, vocabularies, shapes and data, and which named graph each goes to."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .namespaces import graph_iri
from .rdfio import FORMATS_BY_SUFFIX

# The alignments module of the ontology goes to a named graph of its own, so that the
# ontology IRI serves the core module alone.
ALIGNMENTS_FILE = "alignments.ttl"


@dataclass(frozen=True)
class ProjectSources:
    """The source folders of a balgraph project (a checkout of this repository, by default)."""

    root: Path

    @property
    def shapes(self) -> list[Path]:
        return _rdf_files(self.root / "shapes")

    @property
    def ontology(self) -> list[Path]:
        """Every ontology module: the core and the alignments."""
        return _rdf_files(self.root / "ontology", recursive=False)

    @property
    def core_ontology(self) -> list[Path]:
        return [path for path in self.ontology if path.name != ALIGNMENTS_FILE]

    @property
    def alignments(self) -> list[Path]:
        return [path for path in self.ontology if path.name == ALIGNMENTS_FILE]

    @property
    def vocabularies(self) -> list[Path]:
        return _rdf_files(self.root / "ontology" / "vocabularies")

    @property
    def esco(self) -> list[Path]:
        return _rdf_files(self.root / "data" / "esco")

    @property
    def standards(self) -> list[Path]:
        return _rdf_files(self.root / "data" / "standards")

    @property
    def skills_sets(self) -> list[Path]:
        return _rdf_files(self.root / "data" / "skills-sets")

    @property
    def education(self) -> list[Path]:
        return _rdf_files(self.root / "data" / "education")

    def check(self) -> None:
        """Raise InputError unless the project folder has an ontology and shapes to build with."""
        if not self.root.is_dir():
            raise InputError(self.root, "the project folder does not exist",
                             "Pass --project the folder that holds ontology/, shapes/ and data/")
        if not self.ontology:
            raise InputError(self.root / "ontology", "no ontology file (.ttl, .rdf, …) found",
                             "Pass --project the folder that holds ontology/, shapes/ and data/")
        if not self.shapes:
            raise InputError(self.root / "shapes", "no shapes file found, so nothing could be validated",
                             "Pass --project the folder that holds ontology/, shapes/ and data/")

    def graphs(self) -> dict[str, list[Path]]:
        """Map each named graph IRI to the files loaded into it, in load order."""
        return {
            graph_iri("ontology"): self.core_ontology,
            graph_iri("alignments"): self.alignments,
            graph_iri("vocabularies"): self.vocabularies,
            graph_iri("esco"): self.esco,
            graph_iri("standards"): self.standards,
            graph_iri("skills-sets"): self.skills_sets,
            graph_iri("education"): self.education,
        }

    def data_graphs(self) -> list[str]:
        """Return the IRIs of the named graphs that hold data, which a build validates against the shapes."""
        return [graph_iri("standards"), graph_iri("skills-sets"), graph_iri("education")]


def _rdf_files(folder: Path, recursive: bool = True) -> list[Path]:
    if not folder.is_dir():
        return []
    pattern = "**/*" if recursive else "*"
    return sorted(p for p in folder.glob(pattern) if p.is_file() and p.suffix.lower() in FORMATS_BY_SUFFIX)
