"""Helpers shared by the format readers: building articles, rejections, dates.

Every reader turns what it read into `Article` records through `make_article`
(a readable item) or `rejected` (an item that cannot be coded, with a reason).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from sitrep.model import Article, content_id

FORMATS: tuple[str, ...] = ("text", "html", "feed", "jsonl")

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")


def normalise_date(value: object) -> str | None:
    """`YYYY-MM-DD` from a date or an ISO timestamp (truncated), else None.

    >>> normalise_date("2024-03-05T10:00:00Z")
    '2024-03-05'
    >>> normalise_date("5 March 2024") is None
    True
    """
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    m = _ISO_DATE.match(value.strip())
    if m is None:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:  # 2024-02-30
        return None


def date_or_warning(value: object, warnings: list[str], *, field: str = "date") -> str | None:
    """`normalise_date(value)`; an unusable non-empty value adds a warning."""
    if value is None or value == "":
        return None
    result = normalise_date(value)
    if result is None:
        warnings.append(f"ignored {field} {str(value)[:40]!r}: not YYYY-MM-DD")
    return result


def clean_str(value: object) -> str | None:
    """A metadata value as a stripped string, or None when absent or blank."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def make_article(
    text: str,
    *,
    origin: str,
    fmt: str,
    title: str | None = None,
    date: str | None = None,
    url: str | None = None,
    source: str | None = None,
    id: str | None = None,
    warnings: list[str] | None = None,
) -> Article:
    """An article read from `origin`; blank text is rejected `empty` here.

    The id is the given one, else the content hash of title and text.
    """
    if not text.strip():
        return rejected("empty", "no text", origin=origin, fmt=fmt, warnings=warnings, id=id,
                        title=title, date=date, url=url, source=source)
    return Article(
        id=id or content_id(text, title=title),
        text=text,
        title=title,
        date=date,
        url=url,
        source=source,
        origin=origin,
        format=fmt,
        warnings=list(warnings or []),
    )


def rejected(
    reason: str,
    detail: str,
    *,
    origin: str,
    fmt: str | None,
    warnings: list[str] | None = None,
    id: str | None = None,
    title: str | None = None,
    date: str | None = None,
    url: str | None = None,
    source: str | None = None,
) -> Article:
    """A rejected article for an input that yielded no usable text.

    Its id, unless given, hashes the origin: the same bad input gets the same
    id on every run, and two bad inputs never share one.
    """
    article = Article(
        id=id or content_id("", title=f"rejected:{origin}"),
        text="",
        title=title,
        date=date,
        url=url,
        source=source,
        origin=origin,
        format=fmt,
        warnings=list(warnings or []),
    )
    return article.reject(reason, detail)
