"""The benchmark's data: the official ESCO files, generated skills, relations and labels, and our standards.

The ESCO reference download lacks the full skills file and the occupation–skill relations, so the
generator adds skills up to ESCO v1.2.0's count, 129,004 relations scaled by the same factor, and
labels in ESCO's languages. A fixed seed makes every run build the same graph.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .common import BALGRAPH, PROJECT, log_step

ESCO = "http://data.europa.eu/esco/"
MODEL = ESCO + "model#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
# ESCO v1.2.0's published sizes.
ESCO_SKILLS = 13_939
ESCO_RELATIONS = 129_004
# The 28 languages ESCO labels are in; Norwegian is tagged "no" there.
LANGUAGES = ("bg cs da de el en es et fi fr ga hr hu is it lt lv mt nl no pl pt ro sk sl sv uk ar").split()
ALT_LABELS_PER_LANGUAGE = 2
ALT_LABEL_LANGUAGES = LANGUAGES[:18]
REUSE_LEVELS = ("transversal", "cross-sector", "sector-specific", "occupation-specific")
WORDS = ("operate maintain assess plan install adjust monitor inspect calibrate document apply manage "
         "lighting sound stage rigging safety customer stock budget schedule equipment procedures "
         "materials systems signals cables audio video power quality records teams tools").split()


def make_project(workdir: Path, reference: Path, scale: float) -> tuple[Path, GeneratedData]:
    """Write a project folder with our ontology, shapes and standards, and ESCO at `scale` of its size."""
    project = workdir / "project"
    shutil.rmtree(project, ignore_errors=True)
    for folder in ("ontology", "shapes", "data/standards"):
        shutil.copytree(PROJECT / folder, project / folder)
    esco_dir = project / "data" / "esco"
    esco_dir.mkdir(parents=True)
    log_step("importing the ESCO reference files with `balgraph esco import`")
    subprocess.run([*BALGRAPH, "esco", "import", str(reference), "--output", str(esco_dir / "esco.ttl")],
                   check=True, capture_output=True, text=True)
    # The standards link to ESCO skills the reference files lack; the bundled subset has them.
    shutil.copy(PROJECT / "data" / "esco" / "esco-linked.ttl", esco_dir / "esco-linked.ttl")
    occupations = _subjects_of_type(esco_dir / "esco.ttl", "Occupation", "/occupation/")
    linked_skills = _subjects_of_type(esco_dir / "esco-linked.ttl", "Skill", "/skill/")
    log_step(f"generating skills, relations and labels for {len(occupations)} occupations at scale {scale:g}")
    generated = write_generated(esco_dir / "generated.nt", occupations, linked_skills, scale)
    log_step(f"generated {generated.triples} triples")
    return project, generated


def _subjects_of_type(esco_file: Path, esco_class: str, path_part: str) -> list[str]:
    wanted = ox.NamedNode(MODEL + esco_class)
    return sorted({q.subject.value for q in ox.parse(path=str(esco_file), format=ox.RdfFormat.TURTLE)
                   if q.predicate.value == RDF_TYPE and q.object == wanted and path_part in q.subject.value})


@dataclass(frozen=True)
class GeneratedData:
    triples: int
    # The preferred label of one generated skill, for the label lookups.
    probe_label: str


def write_generated(path: Path, occupations: list[str], linked_skills: list[str], scale: float) -> GeneratedData:
    """Write generated skills with labels, occupation–skill relations and occupation labels as N-Triples.

    The relations also reach `linked_skills`, the ESCO skills our standards link to, so that joins
    from the standards into ESCO find occupations.
    """
    rng = random.Random(20261204)
    skills = [f"{ESCO}skill/{uuid.UUID(int=rng.getrandbits(128), version=4)}"
              for _ in range(max(20, int(ESCO_SKILLS * scale)))]
    chosen_occupations = occupations[:max(10, int(len(occupations) * scale))]
    lines: list[str] = []
    probe_label = ""
    for index, skill in enumerate(skills):
        phrase = " ".join(rng.sample(WORDS, 3))
        lines.extend(_skill(skill, index, phrase, rng))
        if index == len(skills) // 2:
            probe_label = f"generated skill {index} {phrase}"
    for occupation in chosen_occupations:
        phrase = " ".join(rng.sample(WORDS, 3))
        lines.extend(_labels(occupation, occupation.rsplit("/", 1)[-1][:8], phrase, pref=False))
    for _ in range(int(ESCO_RELATIONS * scale) or 50):
        occupation = rng.choice(chosen_occupations)
        skill = rng.choice(linked_skills) if linked_skills and rng.random() < 0.05 else rng.choice(skills)
        kind = "Essential" if rng.random() < 0.55 else "Optional"
        lines.append(f"<{occupation}> <{MODEL}related{kind}Skill> <{skill}> .")
        lines.append(f"<{skill}> <{MODEL}is{kind}SkillFor> <{occupation}> .")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return GeneratedData(len(lines), probe_label)


def _skill(skill: str, index: int, phrase: str, rng: random.Random) -> list[str]:
    lines = [f"<{skill}> <{RDF_TYPE}> <{MODEL}Skill> .", f"<{skill}> <{RDF_TYPE}> <{SKOS}Concept> .",
             f"<{skill}> <{SKOS}inScheme> <{ESCO}concept-scheme/skills> .",
             f"<{skill}> <{MODEL}skillType> <{ESCO}skill-type/{rng.choice(('skill', 'knowledge'))}> .",
             f"<{skill}> <{MODEL}skillReuseLevel> <{ESCO}skill-reuse-level/{rng.choice(REUSE_LEVELS)}> ."]
    return lines + _labels(skill, f"{index}", phrase, pref=True)


def _labels(concept: str, tag: str, phrase: str, pref: bool) -> list[str]:
    """Labels in ESCO's languages; a skill's preferred label is 'generated skill N <phrase>' in each."""
    lines = []
    for language in LANGUAGES:
        if pref or language != "en":
            label = ox.Literal(f"generated skill {tag} {phrase}" if pref else f"{phrase} {tag}", language=language)
            lines.append(f"<{concept}> <{SKOS}prefLabel> {label} .")
    for language in ALT_LABEL_LANGUAGES:
        for number in range(ALT_LABELS_PER_LANGUAGE):
            label = ox.Literal(f"{phrase} {tag} variant {number}", language=language)
            lines.append(f"<{concept}> <{SKOS}altLabel> {label} .")
    return lines
