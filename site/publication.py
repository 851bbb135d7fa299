"""The services over the build being served, reopened when `balgraph build` swaps in a new one."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from balgraph.config import Settings
from balgraph.namespaces import CANONICAL_BASE, ONTOLOGY_IRI
from balgraph.services.ontology_docs import OntologyDocsService
from balgraph.services.balance import BalanceService
from balgraph.services.dumps import DumpCatalogue
from balgraph.services.resources import ResourceService
from balgraph.services.search import LabelIndex
from balgraph.services.sparql import SparqlService
from balgraph.store import CURRENT_LINK, OxigraphStore

log = logging.getLogger(__name__)


class Publication:
    """Holds the store and services for the current build of one builds folder."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.ontology_iri = settings.base_iri + ONTOLOGY_IRI[len(CANONICAL_BASE):]
        self._lock = threading.Lock()
        self._target: str | None = None
        self._open()

    def _link_target(self) -> str:
        return os.readlink(self.settings.builds_dir / CURRENT_LINK)

    def _open(self) -> None:
        self.store = OxigraphStore.open_current(self.settings.builds_dir)
        self.resources = ResourceService(self.store, self.ontology_iri, self.settings.base_iri)
        self.ontology_docs = OntologyDocsService(self.store, self.settings.base_iri)
        self.sparql = SparqlService(Path(self.store.build_dir), self.settings.query_timeout,
                                    self.settings.max_result_bytes)
        self.balance = BalanceService(self.store)
        self.search = LabelIndex.from_store(self.store)
        self.dumps = DumpCatalogue(Path(self.store.build_dir), list(self.store.info().graphs))
        self._target = self._link_target()
        log.info("serving build %s", self.store.info().build_id)

    def refresh(self) -> None:
        """Switch to a newer build if `balgraph build` has made one current since the last request."""
        try:
            target = self._link_target()
        except OSError:
            return  # keep serving what is open
        if target == self._target:
            return
        with self._lock:
            if target != self._target:
                old_sparql = self.sparql
                self._open()
                old_sparql.close()
