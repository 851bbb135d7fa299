"""HTTP validators for the served build, so that a reverse proxy can reuse repeated responses.

Every successful GET or HEAD gets a strong ETag made of the build id and a digest of the body, and
a Last-Modified of the build time. A request whose If-None-Match or If-Modified-Since still
matches gets 304 Not Modified without a body. A new build changes every ETag.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone

from flask import Flask, Response, current_app, request


def register(app: Flask) -> None:
    """Add the validators to every cacheable response of `app`.

    Flask runs after-request functions last-registered first, so this one goes to the front of
    the list: it runs after every other one and sees their cookies and headers.
    """
    app.after_request_funcs.setdefault(None, []).insert(0, add_validators)


def add_validators(response: Response) -> Response:
    if request.method not in ("GET", "HEAD") or response.status_code != 200 or response.direct_passthrough:
        return response
    info = current_app.extensions["balgraph"].store.info()
    digest = hashlib.blake2b(response.get_data(), digest_size=10).hexdigest()
    response.set_etag(f"{info.build_id}-{digest}")
    response.last_modified = _build_time(info.created)
    max_age = current_app.extensions["balgraph_settings"].cache_max_age
    # A response that sets the language cookie belongs to one reader only.
    scope = "private" if "Set-Cookie" in response.headers else "public"
    response.cache_control.max_age = max_age
    setattr(response.cache_control, scope, True)
    return response.make_conditional(request)


def _build_time(created: str) -> datetime | None:
    try:
        return datetime.strptime(created, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    except ValueError:
        return None
