"""The W3C SPARQL 1.1 protocol suite as real HTTP requests to a running `balgraph serve`.

The suite's requests go to /sparql/ on "www.example" and its data lives at kasei.us. Here the
path becomes this server's /sparql, and every kasei.us data IRI becomes a URL of a small file
server on loopback that serves the suite's data files. The store is written from those files
before the server starts, because the endpoint itself never fetches anything: the test checks
that the file server saw no request once the data was loaded.
"""

from __future__ import annotations

import http.client
import json
import threading
import xml.etree.ElementTree as ElementTree
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote

import pyoxigraph as ox
import pytest
import rdflib
import requests
from rdflib.collection import Collection

from balgraph.store import write_build

from ..support import RunningServer
from .conftest import params
from .manifest import SUITE, Entry, path_of, suite_entries

HT = rdflib.Namespace("http://www.w3.org/2011/http#")
CNT = rdflib.Namespace("http://www.w3.org/2011/content#")
MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
UT = rdflib.Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
KASEI = "http://kasei.us/2009/09/sparql/data/"
RESULTS_TYPES = ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                 "text/tab-separated-values")
RDF_TYPES = ("text/turtle", "application/ld+json", "application/rdf+xml", "application/n-triples")

PROTOCOL = suite_entries(["protocol"], {"ProtocolTest"})


class DataFiles(ThreadingHTTPServer):
    """A loopback HTTP server for the suite's data files, counting the requests it gets."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        self.requests = 0
        super().__init__(("127.0.0.1", 0), _DataFileHandler)
        self.base = f"http://127.0.0.1:{self.server_address[1]}/data/"


class _DataFileHandler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the name http.server expects
        self.server.requests += 1
        body = self.server.files.get(self.path.removeprefix("/data/"))
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Type", "application/n-triples")
        self.end_headers()
        self.wfile.write(body or b"")

    def log_message(self, *args) -> None:
        pass


def data_files() -> dict[str, bytes]:
    """Map each kasei.us data name (data1.rdf) to the content of the suite file it stands for."""
    files = {}
    for entry in PROTOCOL:
        for graph_data in entry.graph.objects(entry.node, UT.graphData):
            name = str(entry.graph.value(graph_data, rdflib.RDFS.label)).removeprefix(KASEI)
            files[name] = path_of(entry.graph.value(graph_data, UT.graph)).read_bytes()
    return files


@pytest.fixture(scope="module")
def protocol_server(tmp_path_factory):
    if not PROTOCOL:
        pytest.skip(f"the W3C SPARQL 1.1 tests are not present at {SUITE}")
    files = DataFiles(data_files())
    threading.Thread(target=files.serve_forever, daemon=True).start()

    graphs = {}
    for name in files.files:
        text = requests.get(files.base + name, timeout=10).text.replace(KASEI, files.base)
        graphs[files.base + name] = list(ox.parse(text.encode(), format=ox.RdfFormat.N_TRIPLES))
    store = tmp_path_factory.mktemp("protocol-store")
    write_build(store, {name: [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
                        for name, triples in graphs.items()})
    files.requests = 0

    running = RunningServer(store)
    running.data_files = files
    yield running
    running.stop()
    files.shutdown()


def rewrite(text: str, data_base: str) -> str:
    text = text.replace(quote(KASEI, safe=""), quote(data_base, safe=""))
    return text.replace(KASEI, data_base)


def send(server: RunningServer, graph: rdflib.Graph, request_node) -> http.client.HTTPResponse:
    data_base = server.data_files.base
    method = str(graph.value(request_node, HT.methodName))
    path = rewrite(str(graph.value(request_node, HT.absolutePath)), data_base).replace("/sparql/", "/sparql", 1)
    headers = {}
    header_list = graph.value(request_node, HT.headers)
    for header in Collection(graph, header_list) if header_list is not None else []:
        headers[str(graph.value(header, HT.fieldName))] = str(graph.value(header, HT.fieldValue))
    body = None
    body_node = graph.value(request_node, HT.body)
    if body_node is not None:
        encoding = str(graph.value(body_node, CNT.characterEncoding) or "UTF-8")
        body = rewrite(str(graph.value(body_node, CNT.chars)), data_base).encode(encoding)
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.request(method, path, body=body, headers=headers)
    return connection.getresponse()


def boolean_of(content_type: str, body: bytes) -> bool:
    if content_type.startswith("application/sparql-results+xml"):
        element = ElementTree.fromstring(body).find("{http://www.w3.org/2005/sparql-results#}boolean")
        return element.text.strip() == "true"
    return json.loads(body)["boolean"]


def check(graph: rdflib.Graph, expectation, response: http.client.HTTPResponse) -> None:
    body = response.read()
    allowed = {str(s).rsplit("#StatusCode", 1)[-1][0] for s in graph.objects(expectation, MF.expectedStatus)}
    assert str(response.status)[0] in allowed, (response.status, body[:300])

    content_type = response.getheader("Content-Type", "")
    expected_format = graph.value(expectation, MF.expectedFormat)
    if expected_format is not None and str(expected_format) in ("boolean", "tabular"):
        assert content_type.startswith(RESULTS_TYPES), content_type
    if expected_format is not None and str(expected_format) == "RDF":
        assert content_type.startswith(RDF_TYPES), content_type
    expected_boolean = graph.value(expectation, MF.expectedBoolean)
    if expected_boolean is not None:
        assert boolean_of(content_type, body) == expected_boolean.toPython()


@pytest.mark.parametrize("entry", params(PROTOCOL))
def test_protocol(protocol_server, entry: Entry):
    graph = entry.graph
    action = graph.value(entry.node, MF.action)
    for request_node in Collection(graph, graph.value(action, HT.requests)):
        response = send(protocol_server, graph, request_node)
        check(graph, graph.value(request_node, HT.resp), response)
    assert protocol_server.data_files.requests == 0
