"""The balgraph command line: esco import, build, validate, reason, vocab, match, rank, serve."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from .config import Settings
from .errors import BalgraphError, NotConformingError

log = logging.getLogger("balgraph")

EXIT_OK, EXIT_NOT_CONFORMING, EXIT_BAD_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="balgraph", description=(
        "Build, validate and publish the Balancing Act knowledge graph as linked data."))
    parser.add_argument("--project", type=Path, help="project folder with ontology/, shapes/ and data/ "
                        "(default: the checkout balgraph was installed from)")
    parser.add_argument("--store", type=Path, help="folder for the built stores (default: PROJECT/var/store)")
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

    from .match_commands import add_parsers as add_match_parsers
    add_match_parsers(commands, _default_language())
    commands.add_parser("reason", help="check with the HermiT reasoner that the ontology and all data are "
                        "consistent (needs Java)")

    vocab = commands.add_parser("vocab", help="write the Python namespace module generated from the ontology")
    vocab.add_argument("--output", type=Path, help="file to write (default: balgraph/vocab.py in the project)")
    vocab.add_argument("--check", action="store_true",
                       help="write nothing; exit 1 when the file differs from what the ontology generates")

    serve = commands.add_parser("serve", help="publish the current build over HTTP")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=_port, default=8080, help="TCP port (default: 8080)")
    serve.add_argument("--workers", type=_positive, default=max(2, os.cpu_count() or 2),
                       help="worker processes (default: one per core, at least 2)")
    return parser


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive whole number")
    return value


def _port(text: str) -> int:
    value = int(text)
    if not 0 < value < 65536:
        raise argparse.ArgumentTypeError(f"{text} is not a TCP port (1 to 65535)")
    return value


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
              f"{warnings} warnings; now current in {settings.builds_dir}")
        return EXIT_OK

    if args.command == "validate":
        from .services.validation import validate_files
        from .sources import ProjectSources
        report = validate_files(args.files, ProjectSources(settings.project_dir))
        print(report.as_text(args.lang))
        return EXIT_OK if report.conforms else EXIT_NOT_CONFORMING

    if args.command in ("match", "rank"):
        from .match_commands import run_match, run_rank
        return run_match(args, settings) if args.command == "match" else run_rank(args, settings)
    if args.command == "reason":
        return _reason(settings)

    if args.command == "vocab":
        return _vocab(args, settings)

    if args.command == "serve":
        from .server import serve
        serve(settings, args.host, args.port, args.workers)
        return EXIT_OK
    raise AssertionError(args.command)


def _reason(settings: Settings) -> int:
    from .services.reasoning import reason
    from .sources import ProjectSources
    result = reason(ProjectSources(settings.project_dir))
    if not result.consistent:
        print(f"error: HermiT found the ontology and data inconsistent ({result.triples} triples); "
              "check recent changes against the ranges and restrictions in ontology/", file=sys.stderr)
        return EXIT_NOT_CONFORMING
    print(f"consistent: {result.triples} triples, HermiT took {result.seconds:.1f} s")
    for owl_class, members in sorted(result.inferred.items()):
        print(f"  inferred {len(members)} members of {owl_class}")
    return EXIT_OK


def _vocab(args: argparse.Namespace, settings: Settings) -> int:
    from .vocabgen import VOCAB_MODULE, generate_vocab_module
    from .sources import ProjectSources
    output = args.output or settings.project_dir / VOCAB_MODULE
    text = generate_vocab_module(ProjectSources(settings.project_dir))
    if args.check:
        current = output.read_text(encoding="utf-8") if output.exists() else ""
        if current != text:
            print(f"error: {output} differs from the ontology; run `balgraph vocab` to regenerate it",
                  file=sys.stderr)
            return EXIT_NOT_CONFORMING
        print(f"{output} matches the ontology")
        return EXIT_OK
    output.write_text(text, encoding="utf-8")
    print(f"wrote {output}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        settings = Settings.from_env(project_dir=args.project, store_dir=args.store, base_iri=args.base_iri)
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
