"""Helpers for the tests: running the command line and the server as a user would."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

PROJECT = Path(__file__).resolve().parent.parent
REFERENCE = PROJECT.parent / "shared" / "reference"
ESCO_REFERENCE = REFERENCE / "esco-1.2.0"
ELM_REFERENCE = REFERENCE / "elm"
BALGRAPH = [sys.executable, "-m", "balgraph.cli"]


def run_balgraph(*args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the balgraph command line as a user would, capturing its output."""
    return subprocess.run([*BALGRAPH, *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})}, cwd=PROJECT)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def copy_project(target: Path) -> Path:
    """Copy the sources a build reads (ontology, shapes, data) into `target`."""
    for folder in ("ontology", "shapes", "data"):
        shutil.copytree(PROJECT / folder, target / folder)
    return target


class RunningServer:
    """A `balgraph serve` subprocess on a free loopback port."""

    def __init__(self, store: Path, project: Path = PROJECT, extra_env: dict | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [*BALGRAPH, "--project", str(project), "--store", str(store), "serve",
             "--port", str(self.port), "--workers", "2"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            env={**os.environ, **(extra_env or {})}, cwd=PROJECT,
        )
        self._wait_until_ready()

    def _wait_until_ready(self, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("balgraph serve exited early:\n" + self.process.stderr.read())
            try:
                requests.get(self.url + "/", timeout=1)
                return
            except (requests.ConnectionError, requests.Timeout):
                # A worker still loading the build (or a busy machine) answers late: ask again.
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"balgraph serve did not answer on {self.url} within {seconds} s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Tripwire:
    """A TCP listener on loopback that counts the connections made to it, to show nothing was fetched."""

    def __init__(self) -> None:
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(16)
        self._socket.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self._socket.getsockname()[1]}/"
        self.connections = 0
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                connection, _ = self._socket.accept()
            except OSError:
                continue
            self.connections += 1
            connection.close()

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(2)
        self._socket.close()
