"""Downloads: the page listing the build's dumps, and the dumps themselves with the build's version in the name."""

from __future__ import annotations

from email.utils import format_datetime
from datetime import datetime

from flask import Blueprint, Response, abort, current_app, render_template, request

from balgraph.services.dumps import open_dump

blueprint = Blueprint("downloads", __name__)

CHUNK_BYTES = 256 * 1024


@blueprint.get("/download/")
def index():
    publication = current_app.extensions["balgraph"]
    by_graph: dict[str, list] = {}
    for dump in publication.dumps.dumps():
        by_graph.setdefault(dump.graph, []).append(dump)
    return render_template("downloads.html", by_graph=by_graph, graph_triples=publication.store.info().graphs)


@blueprint.get("/download/<name>")
def dump_file(name: str):
    """Send one dump as an attachment named after the build, e.g. balgraph-standards-<build>.ttl.gz."""
    publication = current_app.extensions["balgraph"]
    dump = publication.dumps.find(name)
    if dump is None:
        abort(404)
    build = publication.store.info()
    etag = f"{build.build_id}-{dump.file_name}"
    if request.if_none_match.contains(etag):
        return Response(status=304, headers={"ETag": f'"{etag}"'})

    def chunks():
        with open_dump(dump) as stream:
            while chunk := stream.read(CHUNK_BYTES):
                yield chunk

    media_type = "application/gzip" if dump.compressed else dump.media_type
    response = Response(chunks(), mimetype=media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{dump.download_name(build)}"'
    if dump.size >= 0:
        response.headers["Content-Length"] = str(dump.size)
    response.headers["ETag"] = f'"{etag}"'
    response.headers["Last-Modified"] = _http_date(build.created)
    return response


def _http_date(iso_time: str) -> str:
    try:
        return format_datetime(datetime.fromisoformat(iso_time.replace("Z", "+00:00")), usegmt=True)
    except ValueError:
        return ""
