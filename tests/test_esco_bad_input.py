"""`balgraph esco import` on broken or unsuitable input: a clear error, exit code 2, the previous output kept."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import SKOS

from balgraph.errors import InputError
from balgraph.services.esco import import_esco

from .support import PROJECT, run_balgraph

ESCO = "http://data.europa.eu/esco/"
OCCUPATION_HEADER = ("conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels,status,"
                     "modifiedDate,regulatedProfessionNote,scopeNote,definition,inScheme,description,code\n")
SKILL_HEADER = ("conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,hiddenLabels,status,"
                "modifiedDate,scopeNote,definition,inScheme,description\n")
PREVIOUS = "# the previous import\n"


def occupation(name: str, label: str = "an occupation") -> str:
    return f"Occupation,{ESCO}occupation/{name},1,{label},,,released,,,,,,,1\n"


def skill(name: str, label: str = "a skill") -> str:
    return f"KnowledgeSkillCompetence,{ESCO}skill/{name},skill/competence,transversal,{label},,,released,,,,,\n"


def write_file(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def previous_output(tmp_path: Path) -> Path:
    output = tmp_path / "esco.ttl"
    output.write_text(PREVIOUS, encoding="utf-8")
    return output


def import_fails(tmp_path: Path, *args: str) -> str:
    """Run the import command and check that it fails cleanly and keeps the previous output.

    Return what the command wrote to stderr.
    """
    output = previous_output(tmp_path)
    result = run_balgraph("esco", "import", *args, "--output", str(output))

    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert output.read_text(encoding="utf-8") == PREVIOUS
    return result.stderr


# Malformed records and a bad output path


def test_short_record_names_missing_column(tmp_path):
    path = write_file(tmp_path / "esco", "occupations_en.csv",
                      OCCUPATION_HEADER + f"Occupation,{ESCO}occupation/a\n")

    stderr = import_fails(tmp_path, str(path.parent))
    assert f"{path}:2:" in stderr
    assert "lacks column preferredLabel" in stderr


def test_trailing_optional_columns_may_be_missing(tmp_path):
    folder = tmp_path / "esco"
    write_file(folder, "occupations_en.csv", OCCUPATION_HEADER + occupation("a").replace(",,,,,,,1\n", "\n"))

    import_esco(folder, tmp_path / "esco.ttl")
    graph = rdflib.Graph().parse(tmp_path / "esco.ttl")
    assert (rdflib.URIRef(f"{ESCO}occupation/a"), SKOS.prefLabel, rdflib.Literal("an occupation", lang="en")) in graph


def test_output_folder_is_rejected(tmp_path):
    folder = tmp_path / "esco"
    write_file(folder, "occupations_en.csv", OCCUPATION_HEADER + occupation("a"))
    (tmp_path / "out").mkdir()

    result = run_balgraph("esco", "import", str(folder), "--output", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "--output is a folder" in result.stderr
    assert list((tmp_path / "out").iterdir()) == []


def test_unreadable_previous_output_is_kept(tmp_path):
    folder = tmp_path / "esco"
    write_file(folder, "occupations_en.csv", OCCUPATION_HEADER + occupation("a"))
    output = tmp_path / "esco.ttl"
    output.write_text("notes, not Turtle\n", encoding="utf-8")

    result = run_balgraph("esco", "import", str(folder), "--output", str(output))
    assert result.returncode == 2
    assert "the existing output is not a previous ESCO import" in result.stderr
    assert output.read_text(encoding="utf-8") == "notes, not Turtle\n"


# Sources that would give an empty import


def test_misnamed_csv_files_are_rejected(tmp_path):
    folder = tmp_path / "esco"
    write_file(folder, "occupations.csv", OCCUPATION_HEADER + occupation("a"))

    stderr = import_fails(tmp_path, str(folder))
    assert f"error: {folder}: none of its 1 .csv files is named like an ESCO CSV file" in stderr


def test_header_only_file_is_rejected(tmp_path):
    folder = tmp_path / "esco"
    write_file(folder, "occupations_en.csv", OCCUPATION_HEADER + occupation("a"))
    empty = write_file(folder, "skills_en.csv", SKILL_HEADER)

    stderr = import_fails(tmp_path, str(folder))
    assert f"{empty}:1: the file has a header but no records" in stderr


def test_linked_from_without_rdf_is_rejected(tmp_path):
    folder = tmp_path / "esco"
    write_file(folder, "occupations_en.csv", OCCUPATION_HEADER + occupation("a"))
    (tmp_path / "standards").mkdir()
    write_file(tmp_path / "standards", "notes.txt", "no RDF here\n")

    stderr = import_fails(tmp_path, str(folder), "--linked-from", str(tmp_path / "standards"))
    assert "the folder contains no RDF files" in stderr


def test_linked_from_without_esco_links_is_rejected(tmp_path):
    folder = tmp_path / "esco"
    write_file(folder, "occupations_en.csv", OCCUPATION_HEADER + occupation("a"))
    data = write_file(tmp_path, "data.ttl", "<https://example.org/a> <https://example.org/p> <https://example.org/b> .\n")

    stderr = import_fails(tmp_path, str(folder), "--linked-from", str(data))
    assert "no --linked-from file links to an ESCO concept" in stderr


# Explanations that name the actual problem


def test_csv_file_as_source_is_called_file(tmp_path):
    path = write_file(tmp_path / "esco", "occupations_en.csv", OCCUPATION_HEADER + occupation("a"))

    stderr = import_fails(tmp_path, str(path))
    assert "single CSV file" in stderr
    assert "does not exist" not in stderr


def test_invalid_iri_characters_are_named(tmp_path):
    folder = tmp_path / "esco"
    write_file(folder, "occupations_en.csv", OCCUPATION_HEADER + occupation("x>y z"))

    stderr = import_fails(tmp_path, str(folder))
    assert "but an IRI may not contain space, '>'" in stderr
    assert "must start with" not in stderr


def test_missing_linked_from_is_called_missing(tmp_path):
    folder = tmp_path / "esco"
    write_file(folder, "occupations_en.csv", OCCUPATION_HEADER + occupation("a"))

    stderr = import_fails(tmp_path, str(folder), "--linked-from", str(tmp_path / "absent"))
    assert "the --linked-from path does not exist" in stderr
    assert "suffix" not in stderr


# Line numbers


def test_unterminated_quote_gives_record_start(tmp_path):
    path = write_file(tmp_path / "esco", "occupations_en.csv",
                      OCCUPATION_HEADER + occupation("a", '"unterminated'))

    stderr = import_fails(tmp_path, str(path.parent))
    assert f"{path}:2: the record that starts on this line is not valid CSV" in stderr


def test_multiline_record_gives_first_line(tmp_path):
    folder = tmp_path / "esco"
    write_file(folder, "occupations_en.csv", OCCUPATION_HEADER + occupation("a")
               + f'Occupation,{ESCO}occupation/b,1,"two\nlines",,,released,,,,,,,1\n'
               + f'Occupation,not-an-iri,1,"three\nmore\nlines",,,released,,,,,,,1\n')

    with pytest.raises(InputError) as caught:
        import_esco(folder, tmp_path / "esco.ttl")
    assert caught.value.line == 5
    assert "not-an-iri" in caught.value.problem


# Duplicates and links to absent concepts


def test_duplicate_concept_gives_both_lines(tmp_path):
    folder = tmp_path / "esco"
    path = write_file(folder, "occupations_en.csv",
                      OCCUPATION_HEADER + occupation("a", "first") + occupation("b") + occupation("a", "second"))

    stderr = import_fails(tmp_path, str(folder))
    assert f"{path}:4: conceptUri {ESCO}occupation/a has a record on line 2 and again on this line" in stderr


def test_concept_in_collection_is_no_duplicate(tmp_path):
    folder = tmp_path / "esco"
    write_file(folder, "skills_en.csv", SKILL_HEADER + skill("a"))
    write_file(folder, "transversalSkillsCollection_en.csv", SKILL_HEADER + skill("a"))

    summary = import_esco(folder, tmp_path / "esco.ttl")
    assert summary.concepts == 1


def test_missing_broader_concept_is_warning(tmp_path):
    folder = tmp_path / "esco"
    write_file(folder, "occupations_en.csv", OCCUPATION_HEADER + occupation("a") + occupation("b"))
    write_file(folder, "broaderRelationsOccPillar_en.csv", "conceptType,conceptUri,broaderType,broaderUri\n"
               f"Occupation,{ESCO}occupation/a,Occupation,{ESCO}occupation/b\n"
               f"Occupation,{ESCO}occupation/b,ISCOGroup,{ESCO}isco/C9999\n")

    summary = import_esco(folder, tmp_path / "esco.ttl")
    assert summary.missing_broader == ((f"{ESCO}occupation/b", f"{ESCO}isco/C9999"),)

    result = run_balgraph("esco", "import", str(folder), "--output", str(tmp_path / "again.ttl"))
    assert result.returncode == 0
    assert "warning: 1 skos:broader links point at concepts that are not in the import" in result.stderr


# Field size


def test_huge_field_imports(tmp_path):
    folder = tmp_path / "esco"
    write_file(folder, "occupations_en.csv", OCCUPATION_HEADER + occupation("a"))
    top_concepts = ", ".join(f"{ESCO}occupation/{number:036d}" for number in range(5000))
    write_file(folder, "conceptSchemes_en.csv", "conceptType,conceptSchemeUri,preferredLabel,hasTopConcept\n"
               f'ConceptScheme,{ESCO}concept-scheme/occupations,ESCO Occupations,"{top_concepts}"\n')
    assert len(top_concepts) > 131072

    result = run_balgraph("esco", "import", str(folder), "--output", str(tmp_path / "esco.ttl"))
    assert result.returncode == 0, result.stderr
    graph = rdflib.Graph().parse(tmp_path / "esco.ttl")
    assert (rdflib.URIRef(f"{ESCO}concept-scheme/occupations"), SKOS.prefLabel,
            rdflib.Literal("ESCO Occupations", lang="en")) in graph


def test_missing_broader_count_matches_readme(esco_reference, tmp_path):
    summary = import_esco(esco_reference, tmp_path / "esco.ttl")
    count = len(summary.missing_broader)

    assert f"give {count} such links" in (PROJECT / "README.md").read_text(encoding="utf-8")
    assert f"gir {count} slike lenker" in (PROJECT / "README.nb.md").read_text(encoding="utf-8")
