"""Small helpers shared by test modules (fixtures live in conftest.py)."""

from __future__ import annotations

from sitrep.model import Article, Quote


def quotes_covering(article: Article, phrase: str) -> list[Quote]:
    """The quotes of `article` whose content covers the first occurrence of `phrase`."""
    start = article.text.index(phrase)
    return [q for q in article.quotes if q.start <= start and start + len(phrase) <= q.end]
