"""Benchmark: rank one person against every role of a sector of 500 roles.

Generates a sector of ESCO-shaped role standards: by default 500 roles with 10 key skills and
3 learning outcomes each, every key skill linked to 2 of 400 ESCO skills. Writes it with the
project's vocabularies into an on-disk build as `balgraph build` does, and times on it:

- reading all role standards of the sector with the matching service's bulk queries,
- the same read done role by role (one `read` per role), for comparison,
- one comparison of a person against one role,
- the whole ranking from cached standards (what a worker does after its first request),
- the whole ranking including the bulk read (a worker's first request).

Run from the project folder: ``python bench/match_bench.py [--roles 500] [--repeat 5]``.
It prints medians and the ratios between the two ways of reading.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from balgraph.rdfio import parse_file  # noqa: E402
from balgraph.services.descriptions import DescriptionReader  # noqa: E402
from balgraph.services.match_service import MatchService  # noqa: E402
from balgraph.services.matching import SKILLS_STANDARD, compare, rank  # noqa: E402
from balgraph.sources import ProjectSources  # noqa: E402
from balgraph.store import OxigraphStore, write_build  # noqa: E402

ID = "https://w3id.org/balgraph/id/"
BAL = "https://w3id.org/balgraph/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_EXACT = "http://www.w3.org/2004/02/skos/core#exactMatch"
ESCO_SKILL = "http://data.europa.eu/esco/skill/bench-{:04d}"
DIMENSIONS = (("people-technology", "people", "technology"), ("flexibility-routine", "flexibility", "routine"),
              ("pace-presence", "pace", "presence"))
CATEGORIES = ("knowledge", "skills", "general-competence")
LEVELS = ("4", "5.1", "5.2")
SECTOR = ID + "sector/bench"


def _triple(subject: str, predicate: str, obj) -> ox.Quad:
    value = obj if isinstance(obj, (ox.Literal, ox.NamedNode)) else ox.NamedNode(obj)
    return ox.Quad(ox.NamedNode(subject), ox.NamedNode(predicate), value)


def key_skill_quads(owner: str, number: int, rng: random.Random, esco_skills: int, exact: bool) -> list[ox.Quad]:
    skill = f"{ID}key-skill/{owner}/k{number}"
    dimension, first, second = DIMENSIONS[number % 3]
    quads = [_triple(skill, RDF_TYPE, BAL + "KeySkill"),
             _triple(skill, LABEL, ox.Literal(f"{owner} key skill {number}", language="en")),
             _triple(skill, BAL + "dimension", f"{ID}dimension/{dimension}"),
             _triple(skill, BAL + "leansTo", f"{ID}pole/{rng.choice((first, second))}")]
    for esco in rng.sample(range(esco_skills), 2):
        quads.append(_triple(skill, BAL + "escoSkill", ESCO_SKILL.format(esco)))
        if exact:
            quads.append(_triple(skill, SKOS_EXACT, ESCO_SKILL.format(esco)))
    for category in CATEGORIES:
        outcome = f"{ID}learning-outcome/{owner}/k{number}/{category}"
        quads += [_triple(skill, BAL + "hasLearningOutcome", outcome),
                  _triple(outcome, RDF_TYPE, BAL + "LearningOutcome"),
                  _triple(outcome, LABEL, ox.Literal(f"{category} of k{number}", language="en")),
                  _triple(outcome, BAL + "category", f"{ID}category/{category}"),
                  _triple(outcome, BAL + "nkrLevel", f"{ID}nkr/{rng.choice(LEVELS)}")]
    return quads


def sector_quads(roles: int, skills: int, esco_skills: int, seed: int) -> list[ox.Quad]:
    """Generate `roles` role standards of one sector, and one person with `skills` key skills."""
    rng = random.Random(seed)
    quads: list[ox.Quad] = []
    for number in range(roles):
        standard = f"{ID}standard/bench-{number}"
        role = f"{ID}role/bench-{number}"
        quads += [_triple(role, RDF_TYPE, BAL + "Role"),
                  _triple(standard, RDF_TYPE, BAL + "SkillsStandard"),
                  _triple(standard, LABEL, ox.Literal(f"Role {number}", language="en")),
                  _triple(standard, BAL + "forRole", role),
                  _triple(standard, BAL + "sector", SECTOR)]
        for skill in range(skills):
            quads.append(_triple(standard, BAL + "hasKeySkill", f"{ID}key-skill/bench-{number}/k{skill}"))
            quads += key_skill_quads(f"bench-{number}", skill, rng, esco_skills, exact=False)
    person = f"{ID}skills-set/bench-person"
    quads += [_triple(person, RDF_TYPE, BAL + "IndividualSkillsSet"),
              _triple(person, LABEL, ox.Literal("Bench person", language="en"))]
    for skill in range(skills):
        quads.append(_triple(person, BAL + "hasKeySkill", f"{ID}key-skill/bench-person/k{skill}"))
        quads += key_skill_quads("bench-person", skill, rng, esco_skills, exact=True)
    return quads


def build_store(folder: Path, quads: list[ox.Quad]) -> OxigraphStore:
    """Write the vocabularies and the generated data into a build, as `balgraph build` lays it out."""
    sources = ProjectSources(PROJECT)
    vocabularies = [quad for path in sources.ontology + sources.vocabularies for quad in parse_file(path)]
    write_build(folder, {"https://w3id.org/balgraph/graph/vocabularies": vocabularies,
                         "https://w3id.org/balgraph/graph/standards": quads})
    return OxigraphStore.open_current(folder)


def median_seconds(action, repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--roles", type=int, default=500, help="roles in the sector (default 500)")
    parser.add_argument("--skills", type=int, default=10, help="key skills per role and person (default 10)")
    parser.add_argument("--esco-skills", type=int, default=400, help="ESCO skills to link to (default 400)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement; medians are shown")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated data")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="match-bench-") as folder:
        store = build_store(Path(folder), sector_quads(args.roles, args.skills, args.esco_skills, args.seed))
        reader = DescriptionReader(store)
        person = reader.read(f"{ID}skills-set/bench-person")
        roles = reader.read_all(SKILLS_STANDARD, SECTOR)
        assert len(roles) == args.roles, len(roles)
        iris = [role.iri for role in roles]

        bulk = median_seconds(lambda: reader.read_all(SKILLS_STANDARD, SECTOR), args.repeat)
        one_by_one = median_seconds(lambda: [reader.read(iri) for iri in iris], max(1, args.repeat // 2))
        one = median_seconds(lambda: compare(person, roles[0]), args.repeat * 200)
        ranking = median_seconds(lambda: rank(person, roles), args.repeat)
        cold = median_seconds(lambda: MatchService(store, ID.removesuffix("id/")).rank_description(person, SECTOR),
                              args.repeat)
        results = rank(person, roles)

    print(f"sector: {args.roles} roles x {args.skills} key skills x 3 learning outcomes, "
          f"{args.esco_skills} ESCO skills; medians of {args.repeat} runs")
    print(f"{'step':58} {'time':>10}")
    print(f"{'read all role standards, 5 bulk queries':58} {bulk * 1000:8.1f} ms")
    print(f"{'read all role standards, one read per role':58} {one_by_one * 1000:8.1f} ms")
    print(f"{'one comparison, person against one role':58} {one * 1e6:8.1f} µs")
    print(f"{'whole ranking, standards already read (warm worker)':58} {ranking * 1000:8.1f} ms")
    print(f"{'whole ranking, reading the standards first (cold worker)':58} {cold * 1000:8.1f} ms")
    print(f"ratio one-by-one / bulk read: {one_by_one / bulk:.1f}x")
    print(f"ratio cold ranking / warm ranking: {cold / ranking:.1f}x")
    print(f"best role: {results[0].target.iri} (coverage {results[0].coverage:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
