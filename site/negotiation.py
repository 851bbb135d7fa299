"""Content negotiation on the Accept header (RFC 9110, section 12.5.1).

For each offered media type the most specific matching range decides its quality; q=0
excludes a type; among types of equal quality the server's order of preference wins. The
result does not depend on the order of the members in the header.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# One member of the header: a media range and its parameters, where a quoted string may hold
# commas and semicolons.
_MEMBER = re.compile(r'(?:[^,"]|"(?:[^"\\]|\\.)*"?)+')
_PARAMETER = re.compile(r'\s*([^=;\s]*)\s*(?:=\s*("(?:[^"\\]|\\.)*"?|[^;]*))?\s*(?:;|$)')
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
# qvalue as RFC 9110 defines it; other numbers that clients send, such as ".2", are read leniently.
_QVALUE = re.compile(r"0(?:\.\d{0,3})?|1(?:\.0{0,3})?")


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    params: tuple[tuple[str, str], ...]
    quality: float

    def specificity(self, offered: str) -> int | None:
        """Return how specifically this range matches `offered` (higher is more specific), or None."""
        main, _, sub = offered.partition("/")
        if self.type == "*":
            return 0
        if self.type != main:
            return None
        if self.subtype == "*":
            return 1
        if self.subtype != sub:
            return None
        return 2 + len(self.params)


def _quality(value: str) -> float | None:
    """Return the q parameter's value in [0, 1], or None when it is not a number."""
    value = value.strip()
    if _QVALUE.fullmatch(value):
        return float(value)
    try:
        number = float(value)
    except ValueError:
        return None
    return min(max(number, 0.0), 1.0) if math.isfinite(number) else None


def _parse_member(member: str) -> MediaRange | None:
    """Parse one comma-separated member of an Accept header; None when it is not a media range."""
    kind, _, rest = member.partition(";")
    main, slash, sub = kind.strip().lower().partition("/")
    if not slash and main == "*":
        sub = "*"  # a bare "*", as old Java clients send it
    if not (_TOKEN.fullmatch(main) and _TOKEN.fullmatch(sub)) or (main == "*" and sub != "*"):
        return None

    quality = 1.0
    params = []
    for match in _PARAMETER.finditer(rest):
        name, value = match.group(1).lower(), (match.group(2) or "").strip()
        if not name:
            continue
        if name == "q":
            quality = _quality(value)
            if quality is None:
                return None
            break  # parameters after q are accept-extensions, not media type parameters
        if value.startswith('"'):
            value = re.sub(r"\\(.)", r"\1", value.strip('"'))
        params.append((name, value))
    return MediaRange(main, sub, tuple(sorted(params)), quality)


def parse_accept(header: str | None) -> list[MediaRange]:
    """Parse an Accept header; malformed members are skipped, as clients' headers vary widely."""
    ranges = []
    for match in _MEMBER.finditer(header or ""):
        media_range = _parse_member(match.group())
        if media_range is not None:
            ranges.append(media_range)
    return ranges


def quality_of(offered: str, ranges: list[MediaRange]) -> float:
    """Return the quality the client gives to `offered`: that of the most specific matching range.

    Where equally specific ranges disagree, the lowest quality counts, so an explicit q=0 always
    excludes. The offered types carry no parameters, so a range with parameters
    (text/html;level=1) names a variant of the type rather than the type itself: it counts only
    when the header has no range for the bare type (application/ld+json;profile=… alone still
    asks for JSON-LD).
    """
    main, _, sub = offered.partition("/")
    bare_type_named = any(r.type == main and r.subtype == sub and not r.params for r in ranges)
    best: tuple[int, float] | None = None
    for media_range in ranges:
        if bare_type_named and media_range.params and media_range.type == main and media_range.subtype == sub:
            continue
        specificity = media_range.specificity(offered)
        if specificity is None:
            continue
        if best is None or specificity > best[0]:
            best = (specificity, media_range.quality)
        elif specificity == best[0]:
            best = (specificity, min(best[1], media_range.quality))
    return 0.0 if best is None else best[1]


def choose(header: str | None, offers: list[str]) -> str | None:
    """Return the best of `offers` (in server preference order) for the Accept `header`, or None.

    A missing or empty header, or one with no valid member, accepts anything, so the first
    offer is returned.
    """
    if not offers:
        return None
    ranges = parse_accept(header)
    if not ranges:
        return offers[0]
    best_offer, best_quality = None, 0.0
    for offer in offers:
        quality = quality_of(offer, ranges)
        if quality > best_quality:
            best_offer, best_quality = offer, quality
    return best_offer
