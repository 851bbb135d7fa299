"""Accept header parsing and the choice among offered media types."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from balgraph_site.negotiation import choose, parse_accept, quality_of

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


# Properties of negotiation over generated Accept headers.

RANGES = [*OFFERS, "*/*", "text/*", "application/*", "image/png", "application/json", "text/plain"]
QUALITIES = [None, "0", "0.1", "0.5", "0.9", "1", "1.0", "0.000"]


@st.composite
def members(draw) -> str:
    media_range = draw(st.sampled_from(RANGES))
    if draw(st.booleans()):
        media_range = media_range.upper()
    text = media_range
    if draw(st.booleans()):
        text += draw(st.sampled_from([";charset=utf-8", '; profile="a,b;c"', ";level=1"]))
    quality = draw(st.sampled_from(QUALITIES))
    if quality is not None:
        text += draw(st.sampled_from([";q=", "; q=", " ;q=", ";Q="])) + quality
    return text


accept_headers = st.lists(members(), min_size=1, max_size=8)


def join(parts: list[str], separator: str = ", ") -> str:
    return separator.join(parts)


@given(st.text())
def test_any_text_gives_an_offer_or_none(header):
    assert choose(header, OFFERS) in [*OFFERS, None]


@given(accept_headers, st.randoms())
def test_choice_ignores_member_order(parts, random):
    shuffled = list(parts)
    random.shuffle(shuffled)
    assert choose(join(parts), OFFERS) == choose(join(shuffled), OFFERS)


@given(accept_headers, st.sampled_from([",", ", ", " , ", ",\t"]))
def test_choice_ignores_spacing(parts, separator):
    assert choose(join(parts), OFFERS) == choose(join(parts, separator), OFFERS)


@given(accept_headers, st.sampled_from(OFFERS))
def test_exact_range_with_q0_excludes_the_type(parts, excluded):
    header = join([*parts, excluded + ";q=0"])
    # A range with parameters, such as text/html;charset=utf-8, is more specific and may still allow it.
    with_parameters = [r for r in parse_accept(join(parts)) if f"{r.type}/{r.subtype}" == excluded and r.params]
    if not with_parameters:
        assert choose(header, OFFERS) != excluded


@given(accept_headers)
def test_choice_has_the_highest_quality(parts):
    ranges = parse_accept(join(parts))
    chosen = choose(join(parts), OFFERS)
    qualities = {offer: quality_of(offer, ranges) for offer in OFFERS}
    if chosen is None:
        assert max(qualities.values()) == 0
    else:
        assert qualities[chosen] == max(qualities.values()) > 0
        assert OFFERS.index(chosen) == min(OFFERS.index(o) for o, q in qualities.items() if q == qualities[chosen])


@given(accept_headers, st.sampled_from(OFFERS))
def test_most_specific_range_decides(parts, offer):
    # Ranges naming the type outrank every wildcard, whatever their quality and position. The
    # header always names the bare type here, so ranges with parameters (variants) do not count,
    # and the lowest quality among the bare ranges decides.
    header = join(["*/*;q=1", offer.split("/")[0] + "/*;q=1", *parts, offer + ";q=0.3"])
    ranges = parse_accept(header)
    exact = [r for r in ranges if f"{r.type}/{r.subtype}" == offer and not r.params]
    expected = min(r.quality for r in exact)
    assert quality_of(offer, ranges) == expected


def test_variant_range_counts_only_without_a_bare_range():
    assert choose("text/html;level=1;q=0, text/html;q=1", OFFERS) == "text/html"
    assert choose("text/turtle;profile=x", OFFERS) == "text/turtle"


def test_equal_ranges_take_the_lowest_quality():
    assert choose("text/html, text/html;q=0", OFFERS) is None
    assert quality_of("text/turtle", parse_accept("text/turtle;q=0.9, text/turtle;q=0.5")) == 0.5
