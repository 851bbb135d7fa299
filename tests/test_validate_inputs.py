"""`balgraph validate` on what users pass it: broken RDF/XML, byte order marks, folders, stdin, several bad files."""

from __future__ import annotations

import json
from pathlib import Path

from .support import run_balgraph

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "shapes"
SKILLS_SET = FIXTURES / "conforming" / "skills-set.ttl"
RDF_NS = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
SMALL_TURTLE = "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n"

WRONG_POLE = """
@prefix bal: <https://w3id.org/balgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/balgraph/id/key-skill/test/wrong-pole> a bal:KeySkill ;
    rdfs:label "Feil pol"@nb, "Wrong pole"@en ;
    bal:dimension <https://w3id.org/balgraph/id/dimension/pace-presence> ;
    bal:leansTo <https://w3id.org/balgraph/id/pole/technology> .
"""
WRONG_POLE_SHAPE = "https://w3id.org/balgraph/shapes#KeySkillLeansToPoleOfDimension"


def _write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _json_report(*args: str) -> dict:
    result = run_balgraph("validate", "--format", "json", *args)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_wrong_pole_reported_once_with_the_pole(tmp_path):
    report = _json_report("--lang", "en", str(_write(tmp_path, "wrong-pole.ttl", WRONG_POLE)))

    results = [r for resource in report["resources"] for r in resource["results"]]
    pole_results = [r for r in results if r["shape"] == WRONG_POLE_SHAPE]
    assert len(pole_results) == 1
    assert pole_results[0]["path"] == "https://w3id.org/balgraph/ontology#leansTo"
    assert pole_results[0]["value"] == "https://w3id.org/balgraph/id/pole/technology"
    assert pole_results[0]["valueLabel"] == "technology"


def test_violation_count_matches_distinct_errors(tmp_path):
    report = _json_report("--lang", "en", str(_write(tmp_path, "wrong-pole.ttl", WRONG_POLE)))

    violations = [r["shape"].rsplit("#", 1)[1] for resource in report["resources"]
                  for r in resource["results"] if r["severity"] == "Violation"]
    # The wrong pole, the missing learning outcome and the missing placement.
    assert sorted(violations) == ["KeySkillLeansToPoleOfDimension", "KeySkillLearningOutcomeCount",
                                  "KeySkillPlacementCount"]
    assert report["violations"] == 3


def test_norwegian_text_report_uses_norwegian_severities(tmp_path):
    result = run_balgraph("validate", "--lang", "nb", str(_write(tmp_path, "wrong-pole.ttl", WRONG_POLE)))

    assert result.returncode == 1
    assert result.stdout.count("  [Brudd] ") == 3
    assert result.stdout.count("  [Advarsel] ") == 3
    assert "[Violation]" not in result.stdout
    assert "[Warning]" not in result.stdout
    assert "3 brudd og 3 advarsler i 1 ressurser." in result.stdout


def test_empty_rdf_xml_file_is_rejected(tmp_path):
    empty = _write(tmp_path, "empty.rdf", b"")

    result = run_balgraph("validate", str(empty))
    assert result.returncode == 2
    assert f"{empty}: the document is empty, so it is not RDF/XML" in result.stderr


def test_rdf_xml_with_only_a_comment_is_rejected(tmp_path):
    comment = _write(tmp_path, "comment.rdf", '<?xml version="1.0"?>\n<!-- no data yet -->\n')

    result = run_balgraph("validate", str(comment))
    assert result.returncode == 2
    assert f"{comment}:3:1: the document has no root element" in result.stderr


def test_rdf_xml_syntax_error_names_line_and_column(tmp_path):
    broken = _write(tmp_path, "mismatched.rdf", (
        f'<?xml version="1.0"?>\n<rdf:RDF {RDF_NS}>\n'
        '  <rdf:Description rdf:about="http://example.org/a">\n'
        '    <ex:p xmlns:ex="http://example.org/">v</ex:q>\n'
        '  </rdf:Description>\n</rdf:RDF>\n'))

    result = run_balgraph("validate", str(broken))
    assert result.returncode == 2
    # Column 45 is where the name in the wrong end tag </ex:q> starts.
    assert f"{broken}:4:45: not well-formed XML: mismatched tag" in result.stderr


def test_rdf_xml_error_without_position_says_so(tmp_path):
    relative = _write(tmp_path, "relative.rdf", (
        f'<?xml version="1.0"?>\n<rdf:RDF {RDF_NS}>\n'
        '  <rdf:Description rdf:about="no-scheme"/>\n</rdf:RDF>\n'))

    result = run_balgraph("validate", str(relative))
    assert result.returncode == 2
    assert f"{relative}: invalid RDF/XML syntax" in result.stderr
    assert "no line or column" in result.stderr


def test_protege_style_doctype_is_rejected_with_the_fix(tmp_path):
    exported = _write(tmp_path, "ontology.owl", (
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n'
        '    <!ENTITY owl "http://www.w3.org/2002/07/owl#" >\n]>\n'
        f'<rdf:RDF {RDF_NS}>\n  <rdf:Description rdf:about="&owl;Thing"/>\n</rdf:RDF>\n'))

    result = run_balgraph("validate", str(exported))
    assert result.returncode == 2
    assert "Remove the <!DOCTYPE> block and write each &name; reference as the full IRI" in result.stderr


def test_turtle_with_byte_order_mark_is_accepted(tmp_path):
    marked = _write(tmp_path, "bom.ttl", b"\xef\xbb\xbf" + SMALL_TURTLE.encode())

    result = run_balgraph("validate", "--lang", "en", str(marked))
    assert result.returncode == 0, result.stderr
    assert "The data conforms to the shapes." in result.stdout


def test_every_unreadable_file_is_reported(tmp_path):
    syntax = _write(tmp_path, "syntax.ttl", "ex:a ex:b ex:c .\n")
    latin1 = _write(tmp_path, "latin1.ttl", '@prefix ex: <http://example.org/> .\nex:a ex:b "caf\xe9" .\n'
                    .encode("latin-1"))
    text = _write(tmp_path, "notes.txt", "not RDF")
    missing = tmp_path / "missing.ttl"

    result = run_balgraph("validate", str(syntax), str(SKILLS_SET), str(latin1), str(text), str(missing))
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"error: {syntax}:1:1: ")
    assert lines[1].startswith(f"error: {latin1}:2:")
    assert lines[2].startswith(f"error: {text}: unknown RDF file suffix '.txt'")
    assert lines[3] == f"error: {missing}: file not found. Check the path"
    assert lines[4] == "error: nothing was validated, because 4 inputs cannot be read"
    assert len(lines) == 5
    assert result.stdout == ""


def test_missing_file_without_suffix_is_not_found(tmp_path):
    result = run_balgraph("validate", str(tmp_path / "standard"))

    assert result.returncode == 2
    assert "file not found" in result.stderr
    assert "suffix" not in result.stderr


def test_folder_is_validated_file_by_file(tmp_path):
    _write(tmp_path, "wrong-pole.ttl", WRONG_POLE)
    nested = tmp_path / "nested"
    nested.mkdir()
    _write(nested, "skills-set.ttl", SKILLS_SET.read_text(encoding="utf-8"))
    _write(tmp_path, "README.md", "not RDF, and skipped because of its suffix")

    report = _json_report("--lang", "en", str(tmp_path))
    focus_nodes = {resource["iri"] for resource in report["resources"]}
    assert "https://w3id.org/balgraph/id/key-skill/test/wrong-pole" in focus_nodes
    assert report["violations"] == 3


def test_folder_without_rdf_files_is_rejected(tmp_path):
    _write(tmp_path, "notes.txt", "not RDF")

    result = run_balgraph("validate", str(tmp_path))
    assert result.returncode == 2
    assert f"error: {tmp_path}: the folder contains no RDF file" in result.stderr


def test_stdin_is_read_with_input_format():
    result = run_balgraph("validate", "--lang", "en", "--input-format", "turtle", "-", stdin_text=WRONG_POLE)

    assert result.returncode == 1, result.stderr
    assert "Wrong pole <https://w3id.org/balgraph/id/key-skill/test/wrong-pole>" in result.stdout


def test_stdin_without_input_format_is_rejected():
    result = run_balgraph("validate", "-", stdin_text=SMALL_TURTLE)

    assert result.returncode == 2
    assert "error: standard input: the format of standard input is unknown" in result.stderr
    assert "--input-format turtle|ntriples|nquads|trig|jsonld|rdfxml" in result.stderr


def test_input_format_overrides_a_named_files_suffix(tmp_path):
    exported = _write(tmp_path, "export.txt", SMALL_TURTLE)

    result = run_balgraph("validate", "--input-format", "turtle", str(exported))
    assert result.returncode == 0, result.stderr
