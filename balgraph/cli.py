"""The balgraph command line: esco import, build, validate, serve."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from .config import Settings, is_store_url
from .errors import BalgraphError, NotConformingError

log = logging.getLogger("balgraph")

EXIT_OK, EXIT_NOT_CONFORMING, EXIT_BAD_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="balgraph", description=(
        "Build, validate and publish the Balancing Act knowledge graph as linked data."))
    parser.add_argument("--project", type=Path, help="project folder with ontology/, shapes/ and data/ "
                        "(default: the checkout balgraph was installed from)")
    parser.add_argument("--store", help="folder for the built stores (default: PROJECT/var/store), or the "
                        "query endpoint URL of a SPARQL 1.1 store (http:// or https://)")
    parser.add_argument("--store-update", metavar="URL", help="SPARQL Update endpoint of a remote store "
                        "(default: the --store URL)")
    parser.add_argument("--store-graphs", metavar="URL", help="Graph Store Protocol endpoint of a remote store; "
                        "without it a build uploads by SPARQL Update")
    parser.add_argument("--base-iri", help="public IRI prefix of the published resources "
                        "(default: https://w3id.org/balgraph/)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log each step")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    esco = commands.add_parser("esco", help="work with the ESCO classification")
    esco_commands = esco.add_subparsers(dest="esco_command", required=True, metavar="ESCO_COMMAND")
    esco_import = esco_commands.add_parser("import", help="convert the ESCO CSV download to Turtle")
    esco_import.add_argument("source", type=Path, help="folder holding the ESCO CSV files (e.g. occupations_en.csv)")
    esco_import.add_argument("--output", type=Path, required=True, help="Turtle file to write")
    esco_import.add_argument("--linked-from", type=Path, nargs="+", metavar="PATH",
                             help="keep only the ESCO concepts these RDF files or folders link to "
                                  "(and the concepts above them)")

    commands.add_parser("build", help="validate the data and load everything into a new store")

    validate = commands.add_parser("validate", help="check RDF files against the shapes")
    validate.add_argument("files", type=Path, nargs="+", metavar="FILE")
    validate.add_argument("--lang", choices=("nb", "en"), default=_default_language(),
                          help="language of the report (default: from LANG, else en)")

    serve = commands.add_parser("serve", help="publish the current build over HTTP")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8080, help="TCP port (default: 8080)")
    serve.add_argument("--workers", type=int, default=max(2, os.cpu_count() or 2),
                       help="worker processes (default: one per core, at least 2)")
    return parser


def _default_language() -> str:
    return "nb" if os.environ.get("LANG", "").lower().startswith(("nb", "no", "nn")) else "en"


def _rdf_paths(paths: list[Path]) -> list[Path]:
    from .rdfio import FORMATS_BY_SUFFIX
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in FORMATS_BY_SUFFIX))
        else:
            files.append(path)
    return files


def _store_location(store: str | None) -> dict:
    if store is None:
        return {}
    return {"store_url": store} if is_store_url(store) else {"store_dir": Path(store)}


def _run(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "esco":
        from .services.esco import import_esco
        linked = _rdf_paths(args.linked_from) if args.linked_from else None
        summary = import_esco(args.source, args.output, linked)
        print(f"wrote {summary.concepts} ESCO concepts ({summary.triples} triples) to {args.output} "
              f"from {len(summary.files_read)} files")
        return EXIT_OK

    if args.command == "build":
        from .services.build import build
        result = build(settings)
        warnings = sum(1 for r in result.report.results if r.severity != "Violation")
        print(f"build {result.info.build_id}: {result.info.triples} triples in {result.seconds:.1f} s, "
              f"{warnings} warnings; now current in {settings.store_url or settings.builds_dir}")
        return EXIT_OK

    if args.command == "validate":
        from .services.validation import validate_files
        from .sources import ProjectSources
        report = validate_files(args.files, ProjectSources(settings.project_dir))
        print(report.as_text(args.lang))
        return EXIT_OK if report.conforms else EXIT_NOT_CONFORMING

    if args.command == "serve":
        from .server import serve
        from .store import open_store
        # Fail here with a clear message, rather than in every worker process.
        open_store(settings)
        serve(settings, args.host, args.port, args.workers)
        return EXIT_OK
    raise AssertionError(args.command)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        settings = Settings.from_env(project_dir=args.project, base_iri=args.base_iri,
                                     store_update_url=args.store_update, store_graphs_url=args.store_graphs,
                                     **_store_location(args.store))
        return _run(args, settings)
    except NotConformingError as error:
        print(error.report.as_text(getattr(args, "lang", _default_language())), file=sys.stderr)
        print(f"error: {error}; nothing was changed", file=sys.stderr)
        return EXIT_NOT_CONFORMING
    except BalgraphError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
