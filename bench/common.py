"""What every part of the harness shares: where things are, how to run balgraph, progress output."""

from __future__ import annotations

import socket
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
BALGRAPH = [sys.executable, "-m", "balgraph.cli"]
BIN = Path(sys.executable).parent
_STARTED = time.monotonic()


def log_step(message: str) -> None:
    """Print one line of progress to stderr, with the seconds since the harness started."""
    print(f"[{time.monotonic() - _STARTED:7.1f} s] {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
