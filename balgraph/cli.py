"""The balgraph command line: esco import and suggest, import, export, build, validate, reason, vocab,
export-elm, match, rank, serve."""

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
EXIT_BROKEN_PIPE = 128 + 13  # 128 + SIGPIPE, as a shell reports a process that SIGPIPE ended


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
    esco_import = esco_commands.add_parser("import", help="convert the ESCO download or a SPARQL endpoint to Turtle")
    esco_import.add_argument("source", type=Path, nargs="*", metavar="SOURCE",
                             help="ESCO download: a folder or zip file of CSV files (e.g. occupations_en.csv), "
                                  "or ESCO's Turtle dump; several sources (say, one per language) are merged")
    esco_import.add_argument("--output", type=Path, required=True, help="Turtle file to write")
    esco_import.add_argument("--linked-from", type=Path, nargs="+", metavar="PATH",
                             help="keep only the ESCO concepts these RDF files or folders link to "
                                  "(and the concepts above them)")
    _add_esco_source_options(esco_import)
    esco_import.add_argument("--esco-version", help="ESCO version to record (default: read from the source's name "
                                                    "or the dump, such as 1.2.0)")
    _add_suggest_command(esco_commands)

    _add_authoring_commands(commands)

    build = commands.add_parser("build", help="validate the data and load everything into a new store")
    build.add_argument("--lang", choices=("nb", "en"), default=_default_language(),
                       help="language of the validation report printed for warnings (default: from LANG, else en)")

    validate = commands.add_parser("validate", help="check RDF files against the shapes")
    validate.add_argument("files", type=Path, nargs="+", metavar="FILE",
                          help="RDF files or folders (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML), "
                               "chosen by suffix; - reads standard input and needs --input-format")
    validate.add_argument("--input-format", choices=("turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml"),
                          help="format of standard input and of the files named, instead of their suffix "
                               "(files found in folders are still read by suffix)")
    validate.add_argument("--lang", choices=("nb", "en"), default=_default_language(),
                          help="language of the report (default: from LANG, else en)")
    validate.add_argument("--format", choices=("text", "turtle", "json", "html"), default="text",
                          help="report format: text for people (default), turtle for the standard "
                               "SHACL report, json or html")
    validate.add_argument("--profile", choices=("role-standard", "skills-set", "education-standard"),
                          help="check only with the shapes for this kind of submission")
    validate.add_argument("--output", type=Path, help="write the report to this file instead of stdout")

    export_elm = commands.add_parser("export-elm", help="write a standard as a European Learning Model "
                                     "qualification")
    export_elm.add_argument("iri", help="IRI or path under id/ (e.g. standard/sound-technician) of a skills "
                                        "standard or education standard in the current build")
    export_elm.add_argument("--format", choices=("turtle", "jsonld"), default="turtle",
                            help="output format (default: turtle)")
    export_elm.add_argument("--output", type=Path, help="write to this file instead of stdout")

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


def _add_esco_source_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--languages", metavar="LANG,...",
                        help="keep only labels and descriptions in these languages, e.g. en,no (default: all)")
    parser.add_argument("--endpoint", metavar="URL",
                        help="read ESCO from this SPARQL endpoint instead of (or as well as) files")
    parser.add_argument("--endpoint-graph", metavar="IRI", help="named graph on the endpoint that holds ESCO")


def _add_suggest_command(esco_commands) -> None:
    suggest = esco_commands.add_parser("suggest", help="propose ESCO skills for key skills and occupations for roles")
    suggest.add_argument("file", type=Path, metavar="FILE",
                         help="an authoring file (.xlsx, .yaml, CSV folder) or an RDF file or folder of standards")
    suggest.add_argument("--esco", type=Path, nargs="*", default=None, metavar="SOURCE",
                         help="ESCO to search: download folders, zip files, the Turtle dump or imported Turtle "
                              "(default: the files in PROJECT/data/esco)")
    _add_esco_source_options(suggest)
    suggest.add_argument("--top", type=_positive, default=5, help="suggestions per key skill or role (default: 5)")
    suggest.add_argument("--write", type=Path, metavar="FILE",
                         help="write the authoring file again with the suggestions as 'proposed' ESCO links")
    suggest.add_argument("--accept", type=_non_negative, default=0, metavar="N",
                         help="with --write, mark the N best suggestions of each key skill and role as accepted")
    suggest.add_argument("--by", default="", help="name recorded as who accepted the suggestions")
    suggest.add_argument("--lang", choices=("nb", "en"), default=_default_language(),
                         help="language of the spreadsheet headings written by --write (default: from LANG, else en)")


def _languages(value: str | None) -> set[str] | None:
    return {part.strip() for part in value.split(",") if part.strip()} if value else None


def _add_authoring_commands(commands) -> None:
    importer = commands.add_parser("import", help="turn an authoring file (XLSX, CSV folder, YAML) into validated Turtle")
    importer.add_argument("file", type=Path, metavar="FILE",
                          help="an .xlsx workbook, a .yaml file, or a folder of .csv files made from a template")
    importer.add_argument("--output", type=Path, metavar="DIR",
                          help="folder to write the Turtle file into (default: PROJECT/data/standards, "
                               "data/skills-sets or data/education, by the kind of document)")
    importer.add_argument("--lang", choices=("nb", "en"), default=_default_language(),
                          help="language of the error report (default: from LANG, else en)")

    exporter = commands.add_parser("export", help="write a published standard in an authoring format")
    exporter.add_argument("iri", metavar="IRI", help="IRI or path under id/ (e.g. skills-set/bever) of a skills "
                                                     "standard, skills set, education standard or role")
    exporter.add_argument("--to", choices=("xlsx", "yaml", "csv"), required=True, help="authoring format to write")
    exporter.add_argument("--output", type=Path, metavar="PATH",
                          help="file (or folder, for csv) to write (default: named after the ID, in the current folder)")
    exporter.add_argument("--lang", choices=("nb", "en"), default=_default_language(),
                          help="language of the spreadsheet headings (default: from LANG, else en)")


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive whole number")
    return value


def _non_negative(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is negative; give 0 or a positive whole number")
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


def _store_location(store: str | None) -> dict:
    if store is None:
        return {}
    return {"store_url": store} if is_store_url(store) else {"store_dir": Path(store)}


def _run(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "esco":
        return _run_esco(args, settings)

    if args.command in ("import", "export"):
        return _run_authoring(args, settings)

    if args.command == "build":
        return _build(args, settings)

    if args.command == "validate":
        return _validate(args, settings)

    if args.command == "export-elm":
        from .services.elm import export_elm, serialize_elm
        from .references import resource_iri
        from .store import open_store
        standard = resource_iri(args.iri, settings.base_iri)
        text = serialize_elm(export_elm(open_store(settings), standard), args.format)
        if args.output:
            args.output.write_text(text, encoding="utf-8")
        else:
            print(text)
        return EXIT_OK

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


def _build(args: argparse.Namespace, settings: Settings) -> int:
    from .services.build import build
    from .services.validation_report import count_of
    result = build(settings)
    warnings = sum(1 for r in result.report.results if r.severity != "Violation")
    if warnings:
        # A build that succeeds can still have warnings (and infos); show them so they can be fixed.
        print(result.report.as_text(args.lang), file=sys.stderr)
    print(f"build {result.info.build_id}: {result.info.triples} triples in {result.seconds:.1f} s, "
          f"{count_of(warnings, 'warning', 'en')}; now current in {settings.store_url or settings.builds_dir}")
    return EXIT_OK


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _run_esco(args: argparse.Namespace, settings: Settings) -> int:
    if args.esco_command == "suggest":
        if args.accept and not args.write:
            raise ValueError("--accept marks suggestions as accepted in the file that --write writes; "
                             "add --write FILE, or leave out --accept")
        from .services.suggest import run_suggest
        return run_suggest(args, settings)
    from .services.esco import import_esco
    if not args.source and not args.endpoint:
        raise ValueError("give the ESCO download (SOURCE) or --endpoint URL")
    summary = import_esco(args.source, args.output, args.linked_from, languages=_languages(args.languages),
                          version=args.esco_version, progress=_progress, endpoint=args.endpoint,
                          endpoint_graph=args.endpoint_graph)
    print(f"wrote {summary.concepts} ESCO concepts ({summary.triples} triples) to {args.output} "
          f"from {len(summary.files_read)} files; version {summary.version or 'unknown'}, "
          f"languages {', '.join(summary.languages) or '-'}")
    if summary.missing_broader:
        narrower, broader = summary.missing_broader[0]
        print(f"warning: {len(summary.missing_broader)} skos:broader links point at concepts that are not in "
              f"the import, such as {narrower} -> {broader}; add the ESCO files that contain them to include them",
              file=sys.stderr)
    if summary.changes_file:
        print(f"{summary.changes.summary()}; recorded in {summary.changes_file}")
    return EXIT_OK


def _run_authoring(args: argparse.Namespace, settings: Settings) -> int:
    from .authoring.document import AuthoringError
    from .services.authoring import export_resource, import_file
    from .sources import ProjectSources
    sources = ProjectSources(settings.project_dir)
    if args.command == "export":
        from .references import resource_iri
        target = export_resource(resource_iri(args.iri, settings.base_iri), args.to, args.output, args.lang, sources, settings.base_iri)
        print(f"wrote {target}")
        return EXIT_OK
    try:
        result = import_file(args.file, sources, args.output)
    except AuthoringError as error:
        print(error.as_text(args.lang), file=sys.stderr)
        summary = (f"{len(error.problems)} feil; ingenting ble skrevet" if args.lang == "nb"
                   else f"{len(error.problems)} error(s); nothing was written")
        print(f"error: {summary}", file=sys.stderr)
        return error.exit_code
    print(f"wrote {result.output} ({result.triples} triples, {len(result.document.key_skills)} key skills)")
    return EXIT_OK


def _validate(args: argparse.Namespace, settings: Settings) -> int:
    from .errors import InputErrors
    from .services.validation import validate_files
    from .services.validation_report import render
    from .sources import ProjectSources

    def progress(step: str) -> None:
        print(f"validate: {step}", file=sys.stderr, flush=True)

    try:
        report = validate_files(args.files, ProjectSources(settings.project_dir), args.profile, progress,
                                args.input_format, sys.stdin.buffer if sys.stdin else None)
    except InputErrors as errors:
        for error in errors.errors:
            print(f"error: {error}", file=sys.stderr)
        count = f"{len(errors.errors)} input" + ("" if len(errors.errors) == 1 else "s")
        print(f"error: nothing was validated, because {count} cannot be read", file=sys.stderr)
        return EXIT_BAD_INPUT
    rendered = render(report, args.format, args.lang)
    if args.output:
        args.output.write_text(rendered, encoding="utf-8")
    else:
        print(rendered)
    return EXIT_OK if report.conforms else EXIT_NOT_CONFORMING


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
    """Run one command and return its exit code; a reader that closes the pipe early ends it quietly."""
    try:
        code = _main(argv)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        # The reader (say, `head`) has closed the pipe. Point stdout at devnull so that the
        # interpreter's final flush does not raise again, and exit as a shell does on SIGPIPE.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


def _main(argv: list[str] | None) -> int:
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
