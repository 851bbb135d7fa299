"""The benchmark harness runs end to end on a small graph; the real figures come from `python -m bench.run`."""

from __future__ import annotations

import subprocess
import sys

from .support import PROJECT


def test_harness_prints_its_table_on_small_data(tmp_path, esco_reference):
    result = subprocess.run(
        [sys.executable, "-m", "bench.run", "--scale", "0.002", "--workdir", str(tmp_path), "--reference",
         str(esco_reference), "--repeats", "1", "--seconds", "1", "--clients", "1", "--skip-rdflib"],
        capture_output=True, text=True, timeout=600, cwd=PROJECT)

    assert result.returncode == 0, result.stderr[-3000:]
    table = result.stdout
    assert "| query | balgraph ms | oxigraph ms | oxigraph / balgraph |" in table
    for row in ("authority: standards-by-dimension", "3-hop: occupations sharing a skill",
                "aggregate: top skills by occupations", "DESCRIBE an occupation", "dereferencing, Turtle",
                "build incl. validation", "16 x the standards", "query mix vs Oxigraph server"):
        assert row in table
    assert "timeout" not in table
    assert "building with `balgraph -v build`" in result.stderr
