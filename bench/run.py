"""Benchmark balgraph against Oxigraph's own server and rdflib-endpoint on one ESCO-sized graph.

    .venv/bin/pip install -e '.[test,bench]'
    .venv/bin/python -m bench.run [--scale 1.0] [--workdir var/bench]

Prints one table with medians and ratios to stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from . import report
from .common import BALGRAPH, PROJECT, log_step
from .data import make_project
from .mixes import dereference_paths, dereference_throughput, query_mix, run_query_mix
from .servers import start_balgraph, start_oxigraph, start_rdflib_endpoint
from .validation import validation_scaling

DEFAULT_REFERENCE = PROJECT.parent / "shared" / "reference" / "esco-1.2.0"


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="size of the generated ESCO part, 1.0 = ESCO v1.2.0")
    parser.add_argument("--workdir", type=Path, default=PROJECT / "var" / "bench", help="folder for data and stores")
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE, help="the ESCO CSV download")
    parser.add_argument("--repeats", type=int, default=7, help="timed runs of each query after one warm-up")
    parser.add_argument("--rdflib-repeats", type=int, default=0,
                        help="timed runs per query for rdflib-endpoint after the first (0: the first run is timed)")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each dereferencing run")
    parser.add_argument("--clients", type=int, default=4, help="client processes in the dereferencing runs")
    parser.add_argument("--query-timeout", type=float, default=120.0, help="seconds before a query counts as timed out")
    parser.add_argument("--skip-rdflib", action="store_true", help="leave rdflib-endpoint out")
    return parser.parse_args(argv)


def build(project: Path, store: Path) -> dict:
    """Run `balgraph build` with progress shown; return its wall time and peak memory."""
    log_step("building with `balgraph -v build` (its progress follows)")
    started = time.monotonic()
    subprocess.run([*BALGRAPH, "-v", "--project", str(project), "--store", str(store), "build"],
                   check=True, stdout=sys.stderr)
    seconds = time.monotonic() - started
    # ru_maxrss of waited-for children is the largest child so far: the build is the first.
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    triples = sum(1 for _ in ox.Store.read_only(str((store / "current" / "oxigraph").resolve())))
    return {"seconds": seconds, "peak_bytes": peak, "triples": triples}


def dump_for_rdflib(store: Path, target: Path) -> None:
    """Write the union of the build's graphs as N-Triples, the input rdflib-endpoint reads."""
    data = ox.Store.read_only(str((store / "current" / "oxigraph").resolve()))
    with target.open("wb") as output:
        ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in data), output, ox.RdfFormat.N_TRIPLES)


def cold_starts(store: Path, project: Path, runs: int = 3) -> float:
    """Return the median seconds from starting `balgraph serve` until it serves its home page."""
    times = []
    for _ in range(runs):
        server = start_balgraph(store, project, workers=2)
        times.append(server.ready_seconds)
        server.stop()
    return statistics.median(times)


def sample_iris(store: Path, count: int) -> list[str]:
    """Return ESCO occupations and skills to dereference, the same list for every server."""
    data = ox.Store.read_only(str((store / "current" / "oxigraph").resolve()))
    iris = []
    for variable in ("occupation", "skill"):
        rows = data.query(f"SELECT DISTINCT ?{variable} WHERE {{ GRAPH ?g {{ ?occupation "
                          f"<http://data.europa.eu/esco/model#relatedEssentialSkill> ?skill }} }} LIMIT {count // 2}")
        iris.extend(row[variable].value for row in rows)
    return iris


def measure_server(server, kind: str, mix, repeats: int, timeout: float, iris: list[str] | None,
                   clients: int, seconds: float) -> dict:
    log_step(f"{server.name}: query mix ({repeats} timed runs per query)")
    result = {"queries": run_query_mix(server.sparql_url, mix, repeats, timeout), "ready": server.ready_seconds}
    if iris is not None:
        log_step(f"{server.name}: dereferencing for {seconds:g} s with {clients} clients")
        base = server.sparql_url if kind != "balgraph" else server.base_url
        result["throughput"] = dereference_throughput(server.base_url, dereference_paths(kind, base, iris),
                                                      clients, seconds)
        if kind == "balgraph":
            log_step(f"{server.name}: the same DESCRIBE queries through /sparql")
            result["describe_throughput"] = dereference_throughput(
                server.base_url, dereference_paths("describe", server.sparql_url, iris), clients, seconds)
    result["memory"] = server.peak_memory_bytes()
    return result


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if not args.reference.is_dir():
        print(f"error: the ESCO reference files are not at {args.reference}; pass --reference DIR", file=sys.stderr)
        return 2
    args.workdir.mkdir(parents=True, exist_ok=True)
    project, generated = make_project(args.workdir, args.reference, args.scale)
    store = args.workdir / "store"
    build_figures = build(project, store)
    log_step("measuring validation at three data sizes")
    scaling = validation_scaling(project)
    log_step("measuring cold starts of `balgraph serve`")
    cold = cold_starts(store, project)
    mix = query_mix(generated.probe_label)
    iris = sample_iris(store, 500)
    results = {}

    server = start_balgraph(store, project, workers=2)
    try:
        results["balgraph"] = measure_server(server, "balgraph", mix, args.repeats, args.query_timeout, iris,
                                             args.clients, args.seconds)
    finally:
        server.stop()
    server = start_oxigraph((store / "current" / "oxigraph").resolve())
    try:
        results["oxigraph"] = measure_server(server, "oxigraph", mix, args.repeats, args.query_timeout, iris,
                                             args.clients, args.seconds)
    finally:
        server.stop()
    if not args.skip_rdflib:
        dump = args.workdir / "union.nt"
        dump_for_rdflib(store, dump)
        log_step("starting rdflib-endpoint (it parses the whole graph first)")
        server = start_rdflib_endpoint(dump, timeout=1800)
        try:
            results["rdflib-endpoint"] = measure_server(server, "rdflib", mix, args.rdflib_repeats,
                                                        args.query_timeout, None, args.clients, args.seconds)
        finally:
            server.stop()

    print(report.render(build_figures, scaling, cold, results, args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
