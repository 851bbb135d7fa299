"""The services over the build being served, reopened when `balgraph build` makes a new one current."""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

from balgraph.config import Settings
from balgraph.errors import StoreError
from balgraph.namespaces import CANONICAL_BASE, ONTOLOGY_IRI
from balgraph.services.ontology_docs import OntologyDocsService
from balgraph.services.balance import BalanceService
from balgraph.services.dumps import DumpCatalogue
from balgraph.services.resources import ResourceService
from balgraph.services.search import LabelIndex
from balgraph.services.sparql import SparqlService
from balgraph.store import CURRENT_LINK, open_store

log = logging.getLogger(__name__)

# Seconds between two checks of a remote store for a newer build; each check is one query.
REMOTE_CHECK_INTERVAL = 2.0


class Publication:
    """Holds the store and services for the current build, on disk or in a remote SPARQL store."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.ontology_iri = settings.base_iri + ONTOLOGY_IRI[len(CANONICAL_BASE):]
        self._lock = threading.Lock()
        self._target: str | None = None
        self._next_check = 0.0
        self._open()

    def _current_target(self) -> str:
        """Return what names the current build: the link's target on disk, the build id in a remote store."""
        if self.settings.store_url:
            info = self.store.read_current()
            return info.build_id if info else ""
        return os.readlink(self.settings.builds_dir / CURRENT_LINK)

    def _open(self) -> None:
        self.store = open_store(self.settings)
        self.resources = ResourceService(self.store, self.ontology_iri, self.settings.base_iri)
        self.ontology_docs = OntologyDocsService(self.store, self.settings.base_iri)
        self.balance = BalanceService(self.store)
        self.search = LabelIndex.from_store(self.store)
        build_id = self.store.info().build_id
        if self.settings.store_url:
            from balgraph.services.remote_sparql import RemoteSparqlService
            self.sparql = RemoteSparqlService(self.store, self.settings.query_timeout,
                                              self.settings.max_result_bytes)
            # Dumps of a remote build exist only where `balgraph build` ran, in its local builds folder.
            build_dir = self.settings.builds_dir / build_id
            self._target = build_id
        else:
            build_dir = Path(self.store.build_dir)
            self.sparql = SparqlService(build_dir, self.settings.query_timeout, self.settings.max_result_bytes)
            self._target = self._current_target()
        self.dumps = DumpCatalogue(build_dir, list(self.store.info().graphs))
        log.info("serving build %s", self.store.info().build_id)

    def refresh(self) -> None:
        """Switch to a newer build if `balgraph build` has made one current since the last check."""
        if self.settings.store_url:
            now = time.monotonic()
            if now < self._next_check:
                return
            self._next_check = now + REMOTE_CHECK_INTERVAL
        try:
            target = self._current_target()
        except OSError:
            return  # keep serving what is open
        except StoreError as error:
            log.warning("cannot check for a newer build, serving the one open: %s", error)
            return
        if target == self._target or not target:
            return
        with self._lock:
            if target != self._target:
                old_sparql = self.sparql
                self._open()
                old_sparql.close()
