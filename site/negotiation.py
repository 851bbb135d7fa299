"""Content negotiation on the Accept header (RFC 9110, section 12.5.1).

For each offered media type the most specific matching range decides its quality; q=0
excludes a type; among types of equal quality the server's order of preference wins.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    params: tuple[tuple[str, str], ...]
    quality: float

    def specificity(self, offered: str) -> int | None:
        """Return how specifically this range matches `offered` (higher is more specific), or None."""
        main, _, sub = offered.partition("/")
        if self.type == "*" and self.subtype == "*":
            return 0
        if self.type != main:
            return None
        if self.subtype == "*":
            return 1
        if self.subtype != sub:
            return None
        return 2 + len(self.params)


def parse_accept(header: str | None) -> list[MediaRange]:
    """Parse an Accept header; malformed members are skipped, as clients' headers vary widely."""
    ranges = []
    for member in (header or "").split(","):
        parts = [p.strip() for p in member.split(";")]
        kind = parts[0].lower()
        if "/" not in kind:
            continue
        main, _, sub = kind.partition("/")
        if not main or not sub or (main == "*" and sub != "*"):
            continue
        quality = 1.0
        params = []
        for param in parts[1:]:
            name, _, value = param.partition("=")
            name = name.strip().lower()
            value = value.strip().strip('"')
            if name == "q":
                try:
                    quality = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
                break  # parameters after q are accept-extensions, not media type parameters
            if name:
                params.append((name, value))
        ranges.append(MediaRange(main, sub, tuple(params), quality))
    return ranges


def quality_of(offered: str, ranges: list[MediaRange]) -> float:
    """Return the quality the client gives to `offered`: that of the most specific matching range."""
    best: tuple[int, float] | None = None
    for media_range in ranges:
        specificity = media_range.specificity(offered)
        if specificity is None:
            continue
        if best is None or specificity > best[0]:
            best = (specificity, media_range.quality)
    return 0.0 if best is None else best[1]


def choose(header: str | None, offers: list[str]) -> str | None:
    """Return the best of `offers` (in server preference order) for the Accept `header`, or None.

    A missing or empty header accepts anything, so the first offer is returned.
    """
    if not offers:
        return None
    if header is None or not header.strip():
        return offers[0]
    ranges = parse_accept(header)
    if not ranges:
        return offers[0]
    best_offer, best_quality = None, 0.0
    for offer in offers:
        quality = quality_of(offer, ranges)
        if quality > best_quality:
            best_offer, best_quality = offer, quality
    return best_offer
