"""Compare build times with the whole ESCO graph as validation context and with only its linked part.

The benchmark imports all of an ESCO download into data/esco of a temporary copy of the project,
then alternates builds of two variants, each in a fresh process:
  whole   validation gets every ESCO triple, as it did before the context was cut down
  linked  validation sees the ESCO concepts the data links to (what `balgraph build` does now)
It reports the median wall and CPU time of each variant and their ratio. CPU time is the better
measure on a shared machine, because other processes stretch wall time.

    python bench/esco_validation_context.py [--esco FOLDER_OR_ZIP ...] [--repeat N]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_ESCO = PROJECT.parent / "shared" / "reference" / "esco-1.2.0"
VARIANTS = ("whole", "linked")


def make_project(folder: Path, esco_sources: list[Path]) -> Path:
    """Copy the project's sources into `folder` and replace its ESCO subset with a full import."""
    from balgraph.services.esco import import_esco

    for name in ("ontology", "shapes", "data"):
        shutil.copytree(PROJECT / name, folder / name)
    shutil.rmtree(folder / "data" / "esco")
    summary = import_esco(esco_sources, folder / "data" / "esco" / "esco-full.ttl")
    print(f"data/esco: {summary.concepts:,} concepts, {summary.triples:,} triples from {len(summary.files_read)} files")
    return folder


def run_child(variant: str, project: Path, store: Path) -> tuple[float, float]:
    """Build once in a new process; return its wall and CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    subprocess.run([sys.executable, __file__, "--child", variant, "--project", str(project), "--store", str(store)],
                   check=True, stdout=subprocess.DEVNULL)
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def build_as(variant: str, project: Path, store: Path) -> None:
    """Run one build; the whole variant hands validation every ESCO triple, as before."""
    from balgraph.config import Settings
    from balgraph.rdfio import to_rdflib
    from balgraph.services import validation
    from balgraph.services.build import build

    if variant == "whole":
        validation.EscoContext.linked_from = lambda self, data: to_rdflib(list(self.store))
    build(Settings(project_dir=project, store_dir=store))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--esco", type=Path, nargs="+", default=[DEFAULT_ESCO], help="ESCO download to import")
    parser.add_argument("--repeat", type=int, default=3, help="builds per variant (default: 3)")
    parser.add_argument("--child", choices=VARIANTS, help=argparse.SUPPRESS)
    parser.add_argument("--project", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        build_as(args.child, args.project, args.store)
        return

    with tempfile.TemporaryDirectory(prefix="bench-esco-") as temporary:
        project = make_project(Path(temporary) / "project", args.esco)
        times: dict[str, list[tuple[float, float]]] = {variant: [] for variant in VARIANTS}
        for _ in range(args.repeat):
            for variant in VARIANTS:
                times[variant].append(run_child(variant, project, Path(temporary) / f"store-{variant}"))
    report(times)


def report(times: dict[str, list[tuple[float, float]]]) -> None:
    medians = {variant: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
               for variant, runs in times.items()}
    print(f"{'variant':8} {'wall s':>8} {'CPU s':>8}")
    for variant, (wall, cpu) in medians.items():
        print(f"{variant:8} {wall:8.1f} {cpu:8.1f}")
    (whole_wall, whole_cpu), (linked_wall, linked_cpu) = medians["whole"], medians["linked"]
    print(f"whole / linked: wall {whole_wall / linked_wall:.2f}x, CPU {whole_cpu / linked_cpu:.2f}x")


if __name__ == "__main__":
    main()
