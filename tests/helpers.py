"""Small helpers shared by test modules (fixtures live in conftest.py)."""

from __future__ import annotations

from sitrep.model import Article, Quote


def quotes_covering(article: Article, phrase: str) -> list[Quote]:
    """The quotes of `article` whose content (one of its pieces) covers the first occurrence of `phrase`."""
    start = article.text.index(phrase)
    return [q for q in article.quotes if any(a <= start and start + len(phrase) <= b for a, b in q.spans)]


def coded(text: str) -> list[tuple[str, str]]:
    """(type, rule) of each event `sitrep.code` finds in `text` (dated 2025-03-04)."""
    import sitrep

    return [(ev.type, ev.evidence.rule) for ev in sitrep.code(text, date="2025-03-04").events]


def event_types(text: str) -> set[str]:
    """The PLOVER types of the events in `text`."""
    return {t for t, _ in coded(text)}
