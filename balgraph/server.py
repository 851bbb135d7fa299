"""Run the site under gunicorn with several worker processes, each reading the same built store."""

from __future__ import annotations

import logging

from gunicorn.app.base import BaseApplication

from .config import Settings
from .store import open_store

log = logging.getLogger(__name__)


class _GunicornApplication(BaseApplication):
    def __init__(self, settings: Settings, options: dict) -> None:
        self.settings = settings
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from balgraph_site import create_app
        return create_app(self.settings)


def serve(settings: Settings, host: str, port: int, workers: int) -> None:
    """Serve until interrupted. Each worker opens the store itself, so none shares state with another.

    Raises StoreError before starting when there is no usable build to serve.
    """
    open_store(settings)
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "sync",
        # A request may wait for a query up to its own limit; gunicorn must not kill the worker first.
        "timeout": int(settings.query_timeout) + 30,
        "accesslog": "-",
        "errorlog": "-",
        "loglevel": "info",
        "limit_request_line": 16384,
        # The control socket would be a file under $HOME shared by every server on the machine.
        "control_socket_disable": True,
    }
    _GunicornApplication(settings, options).run()
