"""Helpers for the tests: running the command line and the server as a user would."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

PROJECT = Path(__file__).resolve().parent.parent
REFERENCE = PROJECT.parent / "shared" / "reference"
ESCO_REFERENCE = REFERENCE / "esco-1.2.0"
ELM_REFERENCE = REFERENCE / "elm"
BALGRAPH = [sys.executable, "-m", "balgraph.cli"]


def run_balgraph(*args: str, env: dict | None = None, timeout: float = 300,
                 stdin_text: str | None = None) -> subprocess.CompletedProcess:
    """Run the balgraph command line as a user would, capturing its output; `stdin_text` is its standard input."""
    return subprocess.run([*BALGRAPH, *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})}, cwd=PROJECT, input=stdin_text)


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
    """A `balgraph serve` subprocess on a free loopback port.

    `store` is a builds folder or the query endpoint URL of a remote SPARQL store.
    """

    def __init__(self, store: Path | str, project: Path = PROJECT, extra_env: dict | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # The server's log goes to a file: an unread pipe fills up and blocks gunicorn's master.
        self.log = tempfile.TemporaryFile(mode="w+")
        self.process = subprocess.Popen(
            [*BALGRAPH, "--project", str(project), "--store", str(store), "serve",
             "--port", str(self.port), "--workers", "2"],
            stdout=subprocess.DEVNULL, stderr=self.log, text=True, start_new_session=True,
            env={**os.environ, **(extra_env or {})}, cwd=PROJECT,
        )
        self._wait_until_ready()

    def _wait_until_ready(self, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                raise RuntimeError("balgraph serve exited early:\n" + self.log.read())
            try:
                requests.get(self.url + "/", timeout=1)
                return
            except (requests.ConnectionError, requests.Timeout):
                # A worker still loading the build (or a busy machine) answers late: ask again.
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"balgraph serve did not answer on {self.url} within {seconds} s")

    def stop(self) -> None:
        """Stop the server with its workers and query processes, which share its process group."""
        _signal_group(self.process, signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            _signal_group(self.process, signal.SIGKILL)
            self.process.wait(10)
        _signal_group(self.process, signal.SIGKILL)  # workers that outlived their master
        self.log.close()


def _signal_group(process: subprocess.Popen, signal_number: int) -> None:
    try:
        os.killpg(process.pid, signal_number)
    except ProcessLookupError:
        pass


def wait_for_http(url: str, seconds: float, process: subprocess.Popen | None = None) -> None:
    """Wait until `url` answers any HTTP request; raise RuntimeError if it does not in time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server for {url} exited early with code {process.returncode}")
        try:
            requests.get(url, timeout=2)
            return
        except requests.ConnectionError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing answered on {url} within {seconds} s")


class RemoteStoreServer:
    """A SPARQL 1.1 store on a free loopback port, started for the tests and stopped after them."""

    def __init__(self, kind: str, command: list[str], query: str, update: str, graphs: str | None,
                 ready_seconds: float) -> None:
        self.kind = kind
        self.query_url, self.update_url, self.graphs_url = query, update, graphs
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        start_new_session=True)
        try:
            wait_for_http(query + "?query=ASK%7B%7D", ready_seconds, self.process)
        except RuntimeError:
            self.stop()
            raise

    @property
    def store_args(self) -> list[str]:
        """The command-line options that point balgraph at this store."""
        args = ["--store", self.query_url, "--store-update", self.update_url]
        return args + (["--store-graphs", self.graphs_url] if self.graphs_url else [])

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)


def start_oxigraph_server(location: Path) -> RemoteStoreServer:
    """Start `oxigraph serve` from the oxigraph package on PyPI, which sits beside this Python."""
    binary = Path(sys.executable).parent / "oxigraph"
    if not binary.exists():
        raise RuntimeError(f"{binary} is missing; install the test extras: pip install -e '.[test]'")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    # The server's own limit ends queries the tests abandon, so they do not load the machine.
    command = [str(binary), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
               "--timeout-s", "30"]
    return RemoteStoreServer("oxigraph", command, url + "/query", url + "/update", url + "/store", 30)


def start_virtuoso(database: Path) -> RemoteStoreServer:
    """Start Virtuoso with scripts/start-virtuoso.sh; scripts/install-test-servers.sh installs it."""
    if shutil.which("virtuoso-t") is None:
        raise RuntimeError("virtuoso-t is not installed; run scripts/install-test-servers.sh")
    http_port, sql_port = free_port(), free_port()
    command = ["bash", str(PROJECT / "scripts" / "start-virtuoso.sh"), str(database), str(http_port), str(sql_port)]
    url = f"http://127.0.0.1:{http_port}"
    server = RemoteStoreServer("virtuoso", command, url + "/sparql", url + "/sparql", url + "/sparql-graph-crud", 120)
    # The script grants the SPARQL user its update rights once the server is up.
    deadline = time.monotonic() + 60
    while not (database / "ready").exists():
        if time.monotonic() > deadline:
            server.stop()
            raise RuntimeError(f"Virtuoso did not grant update rights; see {database / 'virtuoso.log'}")
        time.sleep(0.2)
    return server

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
