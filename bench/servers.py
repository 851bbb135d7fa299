"""Start each server under test on loopback, time its start and read its peak memory."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from .common import BALGRAPH, BIN, PROJECT, free_port


@dataclass
class Server:
    """One server process on loopback and the URLs the mixes use."""

    name: str
    process: subprocess.Popen
    sparql_url: str
    base_url: str
    ready_seconds: float = 0.0
    extra: dict = field(default_factory=dict)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)

    def peak_memory_bytes(self) -> int:
        """Return the summed peak resident memory (VmHWM) of the server and its child processes."""
        return sum(_peak_rss(pid) for pid in [self.process.pid, *_descendants(self.process.pid)])


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
        for child in children:
            found.extend([child, *_descendants(child)])
    return found


def _peak_rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _start(name: str, command: list[str], probe: str, sparql_url: str, base_url: str,
           timeout: float, env: dict | None = None) -> Server:
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=PROJECT,
                               env={**os.environ, **(env or {})})
    deadline = started + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with code {process.returncode}: {' '.join(command)}")
        try:
            if requests.get(probe, timeout=5).status_code == 200:
                return Server(name, process, sparql_url, base_url, time.monotonic() - started)
        except (requests.ConnectionError, requests.Timeout):
            pass  # not listening yet, or still starting its workers
        time.sleep(0.02)
    process.kill()
    raise RuntimeError(f"{name} was not ready within {timeout:g} s")


def start_balgraph(store: Path, project: Path, workers: int) -> Server:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [*BALGRAPH, "--project", str(project), "--store", str(store), "serve",
               "--port", str(port), "--workers", str(workers)]
    # The harness measures query speed, so the endpoint's time limit must not cut a slow query short.
    return _start("balgraph", command, url + "/", url + "/sparql", url, 60,
                  env={"BALGRAPH_QUERY_TIMEOUT": "300", "BALGRAPH_MAX_RESULT_BYTES": "200000000"})


def start_oxigraph(store_location: Path) -> Server:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [str(BIN / "oxigraph"), "serve-read-only", "--location", str(store_location),
               "--bind", f"127.0.0.1:{port}", "--union-default-graph"]
    return _start("oxigraph", command, url + "/query?query=ASK%7B%7D", url + "/query", url, 60)


def start_rdflib_endpoint(ntriples: Path, timeout: float) -> Server:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [str(BIN / "rdflib-endpoint"), "serve", str(ntriples), "--host", "127.0.0.1", "--port", str(port)]
    # rdflib-endpoint's command line serves the SPARQL endpoint at the root path.
    return _start("rdflib-endpoint", command, url + "/?query=ASK%7B%7D", url + "/", url, timeout)
