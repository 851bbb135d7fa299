"""Settings for the command line and the site, overridable from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

DEFAULT_BASE_IRI = "https://w3id.org/balgraph/"


def _default_project_dir() -> Path:
    # The package sits directly under the project folder in a checkout or an editable install.
    return Path(__file__).resolve().parent.parent


def is_store_url(location: str) -> bool:
    """Tell whether a --store value names a remote SPARQL store rather than a folder."""
    return location.startswith(("http://", "https://"))


@dataclass(frozen=True)
class Settings:
    """Where the sources and the built store are, and the limits the endpoint enforces.

    Every field can be set from the environment as BALGRAPH_<FIELD NAME IN CAPITALS>.
    """

    project_dir: Path = field(default_factory=_default_project_dir)
    # Folder holding the builds; the served one is the link "current" inside it.
    store_dir: Path | None = None
    # A remote SPARQL store's query endpoint; when set, builds go there instead of store_dir.
    store_url: str | None = None
    # The remote store's SPARQL Update endpoint (default: store_url).
    store_update_url: str | None = None
    # The remote store's Graph Store Protocol endpoint; without it builds upload by SPARQL Update.
    store_graphs_url: str | None = None
    # Public IRI prefix of every resource; the server maps its own paths onto it.
    base_iri: str = DEFAULT_BASE_IRI
    # Wall-clock limit for one SPARQL query, in seconds.
    query_timeout: float = 10.0
    # Maximum size of one SPARQL result document, in bytes.
    max_result_bytes: int = 20_000_000
    # Maximum size of a request body, in bytes.
    max_request_bytes: int = 1_000_000
    # Wall-clock limit for validating one document posted to /validate, in seconds.
    validation_timeout: float = 30.0
    # Seconds a cache may reuse a page or RDF document before asking again (Cache-Control max-age).
    cache_max_age: int = 60

    @property
    def builds_dir(self) -> Path:
        return self.store_dir or self.project_dir / "var" / "store"

    @classmethod
    def from_env(cls, **overrides: object) -> "Settings":
        """Read settings from BALGRAPH_* variables; keyword arguments win over the environment."""
        values: dict[str, object] = {}
        env = os.environ
        if "BALGRAPH_PROJECT_DIR" in env:
            values["project_dir"] = Path(env["BALGRAPH_PROJECT_DIR"])
        if "BALGRAPH_STORE_DIR" in env:
            values["store_dir"] = Path(env["BALGRAPH_STORE_DIR"])
        if "BALGRAPH_BASE_IRI" in env:
            values["base_iri"] = env["BALGRAPH_BASE_IRI"]
        for name in ("store_url", "store_update_url", "store_graphs_url"):
            if "BALGRAPH_" + name.upper() in env:
                values[name] = env["BALGRAPH_" + name.upper()]
        for name, kind, unit in (("query_timeout", float, "seconds"), ("max_result_bytes", int, "bytes"),
                                 ("max_request_bytes", int, "bytes"),
                                 ("validation_timeout", float, "seconds"), ("cache_max_age", int, "seconds")):
            key = "BALGRAPH_" + name.upper()
            if key in env:
                try:
                    values[name] = kind(env[key])
                except ValueError:
                    raise ValueError(f"{key}={env[key]!r} is not a number; set it to a positive number of "
                                     f"{unit}") from None
                if values[name] <= 0:
                    raise ValueError(f"{key}={env[key]!r} must be a positive number of {unit}")
        values.update({k: v for k, v in overrides.items() if v is not None})
        settings = replace(cls(), **values)
        for name in ("store_url", "store_update_url", "store_graphs_url"):
            url = getattr(settings, name)
            if url is not None and not is_store_url(url):
                raise ValueError(f"{name.replace('_', '-')} {url!r} is not an http:// or https:// URL")
        _check_base_iri(settings.base_iri)
        return settings


def _check_base_iri(base_iri: str) -> None:
    import pyoxigraph

    try:
        pyoxigraph.NamedNode(base_iri)
    except ValueError as error:
        raise ValueError(f"base IRI {base_iri!r} is not a valid absolute IRI ({error}); "
                         "pass --base-iri an IRI such as https://example.org/balgraph/") from None
    if not base_iri.endswith("/"):
        raise ValueError(f"base IRI {base_iri!r} must end with '/' so that paths can be appended")
