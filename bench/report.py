"""The harness's table: medians and ratios side by side, and each target with its verdict."""

from __future__ import annotations

import math
import platform

import pyoxigraph

TARGETS = {
    "query mix vs Oxigraph server": "at most 1.3x",
    "dereferencing vs Oxigraph DESCRIBE": "at least 0.5x",
    "DESCRIBE over /sparql vs Oxigraph": "at least 0.5x",
    "query mix vs rdflib-endpoint": "at least 50x faster",
    "ready after start": "under 2 s",
    "build incl. validation": "under 60 s",
}


def _ms(seconds: float | None) -> str:
    return "timeout" if seconds is None else f"{seconds * 1000:.1f}"


def _ratio(ours: float | None, theirs: float | None) -> str:
    if ours is None or theirs is None or ours == 0:
        return "-"
    return f"{theirs / ours:.2f}"


def _total(queries: dict[str, float | None]) -> float | None:
    values = list(queries.values())
    return None if None in values else sum(values)


def _geomean_ratio(ours: dict, theirs: dict) -> float | None:
    pairs = [(ours[n], theirs[n]) for n in ours if ours[n] and theirs.get(n)]
    if not pairs:
        return None
    return math.exp(sum(math.log(t / o) for o, t in pairs) / len(pairs))


def render(build: dict, scaling: list[dict], cold: float, results: dict, args) -> str:
    """Return the report as Markdown: machine, sizes, the query table, throughput and targets."""
    ours = results["balgraph"]["queries"]
    peers = [name for name in ("oxigraph", "rdflib-endpoint") if name in results]
    lines = [f"Machine: {platform.machine()}, {_cores()} cores, Python {platform.python_version()}, "
             f"pyoxigraph {pyoxigraph.__version__}. Graph: {build['triples']:,} triples (scale {args.scale:g}). "
             f"Medians of {args.repeats} runs after one warm-up; rdflib-endpoint: "
             f"{args.rdflib_repeats or 'the first'} run, {args.query_timeout:g} s limit.", ""]
    header = "| query | balgraph ms | " + " | ".join(f"{p} ms | {p} / balgraph" for p in peers) + " |"
    lines += [header, "|" + "---|" * (2 + 2 * len(peers))]
    for name in ours:
        cells = [name, _ms(ours[name])]
        for peer in peers:
            theirs = results[peer]["queries"].get(name)
            cells += [_ms(theirs), _ratio(ours[name], theirs)]
        lines.append("| " + " | ".join(cells) + " |")
    totals = ["**whole mix (sum of medians)**", _ms(_total(ours))]
    for peer in peers:
        theirs = _total(results[peer]["queries"])
        totals += [_ms(theirs), _ratio(_total(ours), theirs)]
    lines.append("| " + " | ".join(totals) + " |")
    lines += ["", *_other_figures(build, scaling, cold, results, peers)]
    return "\n".join(lines)


def _other_figures(build, scaling, cold, results, peers) -> list[str]:
    lines = ["| measure | balgraph | " + " | ".join(peers) + " |", "|" + "---|" * (2 + len(peers))]
    ours = results["balgraph"]
    throughput = [f"{ours['throughput']:.0f} req/s"] + [
        f"{results[p]['throughput']:.0f} req/s (DESCRIBE)" if "throughput" in results[p] else "-" for p in peers]
    lines.append("| dereferencing, Turtle | " + " | ".join(throughput) + " |")
    describe = [f"{ours['describe_throughput']:.0f} req/s"] + [
        f"{results[p]['throughput']:.0f} req/s" if "throughput" in results[p] else "-" for p in peers]
    lines.append("| same DESCRIBE queries over SPARQL | " + " | ".join(describe) + " |")
    ready = [f"{cold:.2f} s"] + [f"{results[p]['ready']:.2f} s" for p in peers]
    lines.append("| ready after start | " + " | ".join(ready) + " |")
    memory = [f"{results[n]['memory'] / 2**20:,.0f} MiB" for n in ("balgraph", *peers)]
    lines.append("| peak memory while serving | " + " | ".join(memory) + " |")
    lines.append(f"| build incl. validation | {build['seconds']:.1f} s, peak {build['peak_bytes'] / 2**20:,.0f} MiB | "
                 + " | ".join("-" for _ in peers) + " |")
    lines += ["", "| validated data | triples | seconds | microseconds per triple |", "|---|---|---|---|"]
    for row in scaling:
        lines.append(f"| {row['copies']} x the standards | {row['triples']:,} | {row['seconds']:.2f} | "
                     f"{row['seconds'] / row['triples'] * 1e6:.0f} |")
    lines += ["", *_verdicts(build, cold, results, peers)]
    return lines


def _verdicts(build, cold, results, peers) -> list[str]:
    ours = results["balgraph"]
    figures = {"build incl. validation": (build["seconds"], build["seconds"] < 60),
               "ready after start": (cold, cold < 2)}
    if "oxigraph" in peers:
        total, theirs = _total(ours["queries"]), _total(results["oxigraph"]["queries"])
        figures["query mix vs Oxigraph server"] = (total / theirs, total <= 1.3 * theirs)
        share = ours["throughput"] / results["oxigraph"]["throughput"]
        figures["dereferencing vs Oxigraph DESCRIBE"] = (share, share >= 0.5)
        share = ours["describe_throughput"] / results["oxigraph"]["throughput"]
        figures["DESCRIBE over /sparql vs Oxigraph"] = (share, share >= 0.5)
    if "rdflib-endpoint" in peers:
        ratio = _geomean_ratio(ours["queries"], results["rdflib-endpoint"]["queries"])
        if ratio is not None:
            figures["query mix vs rdflib-endpoint"] = (ratio, ratio >= 50)
    lines = ["| target | wanted | measured | met |", "|---|---|---|---|"]
    for name, (value, met) in figures.items():
        lines.append(f"| {name} | {TARGETS[name]} | {value:.2f} | {'yes' if met else 'NO'} |")
    return lines


def _cores() -> int:
    import os
    return os.cpu_count() or 0
