"""Command-line behaviour a new user runs into: pipes, short IRIs, clear errors for bad arguments."""

from __future__ import annotations

import subprocess

import pytest

from .support import BALGRAPH, PROJECT


def run_into_closed_pipe(*args: str) -> subprocess.CompletedProcess:
    """Run balgraph with its standard output read by nobody, as `balgraph … | head -0` would."""
    process = subprocess.Popen([*BALGRAPH, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               cwd=PROJECT, text=True)
    process.stdout.close()
    stderr = process.stderr.read()
    process.stderr.close()
    return subprocess.CompletedProcess(process.args, process.wait(timeout=300), "", stderr)


@pytest.mark.parametrize("output", ["text", "json"])
def test_match_into_closed_pipe_is_quiet(built_store, output):
    result = run_into_closed_pipe("--store", str(built_store), "match", "skills-set/bever",
                                  "role/lighting-technician", "--format", output)

    assert "Traceback" not in result.stderr
    assert "BrokenPipeError" not in result.stderr
    assert result.returncode == 141


def test_validate_into_closed_pipe_is_quiet():
    result = run_into_closed_pipe("validate", str(PROJECT / "data" / "standards"))

    assert "Traceback" not in result.stderr
    assert result.returncode == 141
