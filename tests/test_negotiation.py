"""Accept header parsing and the choice among offered media types."""

import pytest

from balgraph_site.negotiation import choose, parse_accept

OFFERS = ["text/html", "text/turtle", "application/ld+json", "application/rdf+xml", "application/n-triples"]


@pytest.mark.parametrize("header, expected", [
    (None, "text/html"),
    ("", "text/html"),
    ("*/*", "text/html"),
    ("text/turtle", "text/turtle"),
    ("TEXT/Turtle", "text/turtle"),
    ("application/ld+json;q=0.9, text/turtle;q=0.8", "application/ld+json"),
    ("text/turtle;q=0.8, application/ld+json;q=0.9", "application/ld+json"),
    ("text/*, text/html;q=0", "text/turtle"),
    ("*/*;q=0.1, application/rdf+xml", "application/rdf+xml"),
    ("application/json", None),
    ("text/turtle;q=0", None),
    ("text/turtle; charset=utf-8", "text/turtle"),
    ("  text/turtle ;  q=0.5 ,application/n-triples;q=0.6", "application/n-triples"),
    ("text/turtle;q=abc, application/n-triples;q=0.1", "application/n-triples"),
    ("garbage, text/turtle", "text/turtle"),
])
def test_choose_media_type(header, expected):
    assert choose(header, OFFERS) == expected


def test_quality_is_clamped_and_parameters_kept():
    ranges = parse_accept('text/turtle;charset="utf-8";q=7')
    assert ranges[0].quality == 1.0
    assert ranges[0].params == (("charset", "utf-8"),)
