"""RSS, Atom and RDF feeds, through feedparser: one article per item.

An item's text is its full content when the feed has it, else its summary,
with HTML turned into plain text. Its title, link (`url`) and published date
come from the item; the feed's title is the `source`. Items are numbered from 1
in their origin: ``path#item-3``.

Rejections: ``malformed_feed`` for the whole input when feedparser finds no
feed or no items in a broken document (the parser's message is the detail);
``empty`` for a well-formed feed with no items; per item, ``missing_text``
when it has neither content nor summary and ``empty`` when that text is blank.
A feed that is not well-formed but still yields items is read, with a warning
on each article.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

from sitrep.ingest.common import DATE_WARNING, clean_str, make_article, normalise_date, rejected
from sitrep.ingest.html import fragment_to_text
from sitrep.model import Article

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,32})|([0-9]{1,32}));")
_REPLACEMENT_REF = b"&#xFFFD;"
_DATE_KEYS = ("published", "updated", "created")


def read_feed(data: bytes, *, origin: str, warnings: list[str] | None = None) -> Iterator[Article]:
    """The items of a feed, given its raw bytes (feedparser reads the XML encoding)."""
    import feedparser

    warnings = list(warnings or [])
    data, bad_refs = _fix_char_refs(data)
    if bad_refs:
        warnings.append(f"{bad_refs} character reference(s) to no valid character replaced by U+FFFD")
    try:
        # A stream, never a str: feedparser would take a str for a URL or a file name.
        parsed = feedparser.parse(io.BytesIO(data))
    except Exception as exc:  # feedparser's loose parser has raised on odd input before
        yield rejected("malformed_feed", f"feed parser failed: {type(exc).__name__}: {exc}"[:300],
                       origin=origin, fmt="feed", warnings=warnings)
        return
    if not parsed.entries:
        yield _no_items(parsed, origin=origin, warnings=warnings)
        return
    if parsed.bozo:
        warnings.append(f"feed not well-formed: {_bozo_message(parsed)}")
    source = _plain(parsed.feed, "title")
    for n, entry in enumerate(parsed.entries, start=1):
        yield _read_item(entry, origin=f"{origin}#item-{n}", source=source, warnings=warnings)


def _valid_xml_char(cp: int) -> bool:
    return cp in (0x9, 0xA, 0xD) or 0x20 <= cp <= 0xD7FF or 0xE000 <= cp <= 0xFFFD or 0x10000 <= cp <= 0x10FFFF


def _fix_char_refs(data: bytes) -> tuple[bytes, int]:
    """`data` with numeric character references to code points XML does not allow
    (``&#x110000;``, surrogates ``&#xD800;``, controls ``&#1;``) replaced by U+FFFD's.

    feedparser's loose parser calls ``chr()`` on them and raises, losing the whole
    feed; one bad reference should cost at most one character."""
    bad = 0

    def repl(m: re.Match[bytes]) -> bytes:
        nonlocal bad
        cp = int(m[1], 16) if m[1] else int(m[2])
        if _valid_xml_char(cp):
            return m[0]
        bad += 1
        return _REPLACEMENT_REF

    if b"&#" not in data:
        return data, 0
    return _CHAR_REF.sub(repl, data), bad


def _no_items(parsed: Any, *, origin: str, warnings: list[str]) -> Article:
    if parsed.bozo:
        return rejected("malformed_feed", _bozo_message(parsed), origin=origin, fmt="feed",
                        warnings=warnings)
    if not parsed.version:
        return rejected("malformed_feed", "no RSS, Atom or RDF feed found", origin=origin,
                        fmt="feed", warnings=warnings)
    return rejected("empty", "feed has no items", origin=origin, fmt="feed", warnings=warnings)


def _bozo_message(parsed: Any) -> str:
    exc = parsed.get("bozo_exception")
    return f"{type(exc).__name__}: {exc}" if exc is not None else "not well-formed"


def _read_item(entry: Any, *, origin: str, source: str | None, warnings: list[str]) -> Article:
    item_warnings = list(warnings)
    title = _plain(entry, "title")
    url = clean_str(entry.get("link"))
    body = _item_body(entry)
    if body is None:
        return rejected("missing_text", "feed item has no content or summary", origin=origin,
                        fmt="feed", warnings=item_warnings, title=title, url=url, source=source)
    return make_article(
        body,
        origin=origin,
        fmt="feed",
        title=title,
        date=_item_date(entry, item_warnings),
        url=url,
        source=source,
        warnings=item_warnings,
    )


def _plain(node: Any, key: str) -> str | None:
    """A text construct (title) as plain text, whatever its declared type."""
    detail = node.get(f"{key}_detail") or {}
    return clean_str(_as_text(node.get(key, ""), detail.get("type", "text/plain")))


def _item_body(entry: Any) -> str | None:
    """Plain text of the item's longest content, else of its summary; None if it has neither."""
    contents = [c for c in entry.get("content", []) if (c.get("value") or "").strip()]
    if contents:
        best = max(contents, key=lambda c: len(c.get("value", "")))
        return _as_text(best.get("value", ""), best.get("type", "text/html"))
    if "summary" not in entry and "content" not in entry:
        return None
    detail = entry.get("summary_detail") or {}
    return _as_text(entry.get("summary", ""), detail.get("type", "text/html"))


def _as_text(value: str, content_type: str) -> str:
    if content_type in _HTML_TYPES:
        return fragment_to_text(value)
    return value.strip()


def _item_date(entry: Any, warnings: list[str]) -> str | None:
    """The item's date as YYYY-MM-DD, in the feed's own time zone when it gives one."""
    for key in _DATE_KEYS:
        raw = entry.get(key)
        if not raw:
            continue
        local = _local_date(raw)
        if local:
            return local
        parsed = entry.get(f"{key}_parsed")  # feedparser's reading, converted to UTC
        if parsed:
            return time.strftime("%Y-%m-%d", parsed)
        warnings.append(f"{DATE_WARNING}: ignored {key} {raw[:40]!r}, not a date")
    return None


def _local_date(raw: str) -> str | None:
    iso = normalise_date(raw)  # Atom: 2024-03-05T23:30:00-05:00 is 5 March there
    if iso:
        return iso
    try:
        parsed: datetime = parsedate_to_datetime(raw)  # RSS: RFC 822 dates
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.date().isoformat()
