"""The validation page and POST /validate on a running server, with real HTTP clients."""

from __future__ import annotations

import http.server
import json
import threading
from pathlib import Path

import pytest
import rdflib
import requests
from rdflib.namespace import SH

from .support import RunningServer

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "shapes"
PERSONS = (FIXTURES / "violating" / "person.ttl").read_bytes()
CONFORMING = (FIXTURES / "conforming" / "skills-set.ttl").read_bytes()
NAMED_PERSON = "https://w3id.org/balgraph/id/person/fixture-named"


class _CountingServer:
    """A loopback HTTP server that counts the requests it receives and returns a JSON-LD context to each."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the name is fixed by BaseHTTPRequestHandler)
                outer.requests.append(self.path)
                body = b'{"@context": {"name": "http://xmlns.com/foaf/0.1/name"}}'
                self.send_response(200)
                self.send_header("Content-Type", "application/ld+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.httpd.shutdown()


@pytest.fixture()
def counting_server():
    running = _CountingServer()
    yield running
    running.stop()


def _post(server, body: bytes, content_type="text/turtle", accept="application/json", lang="en", **params):
    return requests.post(server.url + "/validate", data=body, params=params, timeout=60,
                         headers={"Content-Type": content_type, "Accept": accept, "Accept-Language": lang})


def test_validation_page_speaks_both_languages(server):
    norwegian = requests.get(server.url + "/validate", headers={"Accept-Language": "nb"}, timeout=10)
    english = requests.get(server.url + "/validate", headers={"Accept-Language": "en"}, timeout=10)

    assert norwegian.status_code == 200
    assert "Kontroller en kompetansestandard" in norwegian.text
    assert "Check a skills standard" in english.text
    assert 'enctype="multipart/form-data"' in english.text


def test_main_navigation_links_to_the_validation_page(server):
    for lang, name in (("nb", "Validering"), ("en", "Validation")):
        home = requests.get(server.url + "/", headers={"Accept-Language": lang}, timeout=10)
        page = requests.get(server.url + "/validate", headers={"Accept-Language": lang}, timeout=10)

        assert f'<li><a href="/validate">{name}</a></li>' in home.text
        assert f'<li><a href="/validate" aria-current="page">{name}</a></li>' in page.text


def test_uploaded_file_report_shows_bilingual_message(server):
    for lang, message in (("en", "A person in balgraph can only have"), ("nb", "En person i balgraph kan bare ha")):
        answer = requests.post(server.url + "/validate", files={"file": ("persons.ttl", PERSONS)},
                               data={"format": "auto"}, headers={"Accept-Language": lang}, timeout=60)

        assert answer.status_code == 200
        assert answer.headers["X-Balgraph-Conforms"] == "false"
        assert message in answer.text
        assert NAMED_PERSON in answer.text


def test_pasted_conforming_text_conforms(server):
    answer = requests.post(server.url + "/validate", data={"data": CONFORMING.decode(), "format": "turtle"},
                           headers={"Accept-Language": "en"}, timeout=60)

    assert answer.status_code == 200
    assert answer.headers["X-Balgraph-Conforms"] == "true"
    assert "The data conforms to the shapes." in answer.text


def test_post_returns_json_report_by_default(server):
    answer = _post(server, PERSONS, accept="*/*")
    report = answer.json()

    assert answer.headers["Content-Type"].startswith("application/json")
    assert report["conforms"] is False
    results = {(resource["iri"], result["component"], result["path"])
               for resource in report["resources"] for result in resource["results"]}
    assert (NAMED_PERSON, "ClosedConstraintComponent", "http://xmlns.com/foaf/0.1/name") in results
    assert len(results) == 3


def test_post_returns_standard_shacl_report_in_turtle(server):
    answer = _post(server, PERSONS, accept="text/turtle")
    report = rdflib.Graph().parse(data=answer.text, format="turtle")

    assert answer.headers["Content-Type"].startswith("text/turtle")
    assert (None, SH.conforms, rdflib.Literal(False)) in report
    assert len(list(report.objects(None, SH.result))) == 3
    languages = {message.language for message in report.objects(None, SH.resultMessage)}
    assert languages == {"nb", "en"}


def test_post_returns_report_as_json_ld(server):
    answer = _post(server, PERSONS, accept="application/ld+json")
    report = rdflib.Graph().parse(data=answer.text, format="json-ld")

    assert len(list(report.objects(None, SH.result))) == 3


def test_post_returns_text_in_the_asked_language(server):
    answer = _post(server, PERSONS, accept="text/plain", lang="nb")

    assert "[Brudd]" in answer.text
    assert "Dataene er ikke i samsvar med formene." in answer.text


def test_post_rejects_an_unknown_media_type(server):
    answer = _post(server, PERSONS, content_type="text/csv", accept="text/plain")

    assert answer.status_code == 415
    assert answer.text.startswith("unsupported_media_type:")


def test_post_rejects_an_unavailable_report_type(server):
    answer = _post(server, PERSONS, accept="image/png")

    assert answer.status_code == 406


def test_unparseable_input_names_line_and_column(server):
    broken = b'@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b "open .\n'
    answer = _post(server, broken, accept="text/plain")

    assert answer.status_code == 400
    assert answer.text.startswith("invalid_input: request body:3:")


def test_unparseable_upload_shows_the_error_on_the_page(server):
    answer = requests.post(server.url + "/validate", files={"file": ("broken.ttl", b"<a> <b> .\n")},
                           headers={"Accept-Language": "en"}, timeout=60)

    assert answer.status_code == 400
    assert "The document could not be validated" in answer.text
    assert "broken.ttl:1:" in answer.text


def test_rdf_xml_with_only_a_comment_is_rejected(server):
    document = b'<?xml version="1.0"?>\n<!-- no data yet -->\n'
    answer = _post(server, document, content_type="application/rdf+xml", accept="text/plain")

    assert answer.status_code == 400
    assert answer.text.startswith("invalid_input: request body:3:1: the document has no root element")


def test_uploaded_empty_file_is_rejected_by_name(server):
    answer = requests.post(server.url + "/validate", files={"file": ("empty.rdf", b"\n")},
                           headers={"Accept-Language": "en"}, timeout=60)

    assert answer.status_code == 400
    assert "The file empty.rdf is empty. Choose a file that contains RDF." in answer.text


def test_rdf_xml_syntax_error_names_line_and_column(server):
    document = (b'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
                b'<rdf:Description rdf:about="http://example.org/a"></rdf:RDF>\n')
    answer = _post(server, document, content_type="application/rdf+xml", accept="text/plain")

    assert answer.status_code == 400
    assert answer.text.startswith("invalid_input: request body:3:53: not well-formed XML: mismatched tag")


def test_turtle_with_byte_order_mark_conforms(server):
    answer = _post(server, b"\xef\xbb\xbf" + CONFORMING)

    assert answer.status_code == 200, answer.text
    assert answer.json()["conforms"] is True


def test_body_over_the_limit_is_rejected(server):
    answer = _post(server, b"#" * 1_100_000, accept="text/plain")

    assert answer.status_code == 413


def test_remote_json_ld_context_is_never_fetched(server, counting_server):
    document = json.dumps({"@context": counting_server.url + "/context.jsonld",
                           "@id": NAMED_PERSON, "name": "Kari"}).encode()
    answer = _post(server, document, content_type="application/ld+json", accept="text/plain")

    assert answer.status_code == 400
    assert "remote @context" in answer.text
    assert counting_server.requests == []


def test_owl_imports_are_never_followed(server, counting_server):
    document = (f"<urn:x:data> a <http://www.w3.org/2002/07/owl#Ontology> ;\n"
                f"  <http://www.w3.org/2002/07/owl#imports> <{counting_server.url}/more.ttl> .\n").encode()
    answer = _post(server, document)

    assert answer.status_code == 200
    assert answer.json()["conforms"] is True
    assert counting_server.requests == []


def test_xml_entities_are_never_expanded(server):
    document = (b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
                b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n')
    answer = _post(server, document, content_type="application/rdf+xml", accept="text/plain")

    assert answer.status_code == 400
    assert "XML entities" in answer.text
    assert "root:" not in answer.text


def test_profile_that_does_not_fit_is_rejected(server):
    answer = _post(server, CONFORMING, accept="text/plain", profile="role-standard")

    assert answer.status_code == 400
    assert "bal:SkillsStandard" in answer.text


def test_validation_over_the_time_limit_answers_503(built_store):
    slow = RunningServer(built_store, extra_env={"BALGRAPH_VALIDATION_TIMEOUT": "0.01"})
    try:
        answer = _post(slow, PERSONS, accept="text/plain")
        still_serving = requests.get(slow.url + "/validate", timeout=10)
    finally:
        slow.stop()

    assert answer.status_code == 503
    assert answer.text.startswith("validation_timeout:")
    assert still_serving.status_code == 200
