"""Plain-text articles.

A text file may start with a header block of ``Key: value`` lines, keys
``Title``, ``Date``, ``Source`` and ``URL`` (any case, each at most once)::

    Title: Troops cross the border
    Date: 2024-03-05
    Source: Daily Bugle
    URL: https://bugle.example/troops

    Armed forces crossed the northern border early on Tuesday...

The block ends at the first line that is not such a header; one blank line
after it is dropped. ``Date`` is read by ``common.normalise_date`` (ISO 8601,
GDELT ``YYYYMMDD``, RFC 2822, "2 Dec 2024"); another value is ignored with a warning.

Without a ``Title`` header, the first line is taken as the title when it is a
paragraph of its own, shorter than `MAX_TITLE_CHARS`, does not end like a
sentence (``.``, ``,``, ``;``, ``:``) and more paragraphs follow. A Markdown
heading mark (``# ``) is dropped from it.

The article text is the rest of the file, stripped of surrounding whitespace
and otherwise unchanged (entity and event offsets point into it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitrep.ingest.common import clean_str, date_or_warning, make_article
from sitrep.model import Article

MAX_TITLE_CHARS = 200
"""A longer first line is a paragraph, not a headline."""

_HEADER = re.compile(r"(title|date|source|url)[ \t]*:[ \t]*(.*?)\s*", re.IGNORECASE)
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")
_SENTENCE_END = (".", ",", ";", ":")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")


@dataclass(slots=True)
class _Header:
    values: dict[str, str] = field(default_factory=dict)
    end: int = 0  # offset of the body in the file text


def read_text(text: str, *, origin: str, warnings: list[str] | None = None) -> Article:
    """One article from the decoded contents of a plain-text file."""
    warnings = list(warnings or [])
    header = _read_header(text)
    body = text[header.end:].strip()
    title = clean_str(header.values.get("title"))
    if title is None:
        title, body = _split_title(body)
    return make_article(
        body,
        origin=origin,
        fmt="text",
        title=title,
        date=date_or_warning(header.values.get("date"), warnings),
        url=clean_str(header.values.get("url")),
        source=clean_str(header.values.get("source")),
        warnings=warnings,
    )


def _read_header(text: str) -> _Header:
    header = _Header()
    lines = text.splitlines(keepends=True)
    i = 0
    while i < len(lines):
        m = _HEADER.fullmatch(lines[i])
        if m is None or m[1].lower() in header.values:
            break
        header.values[m[1].lower()] = m[2]
        header.end += len(lines[i])
        i += 1
    if header.values and i < len(lines) and not lines[i].strip():
        header.end += len(lines[i])
    return header


def _split_title(body: str) -> tuple[str | None, str]:
    """(title, rest) when the first line of `body` is a headline, else (None, body)."""
    m = _PARAGRAPH_BREAK.search(body)
    if m is None:
        return None, body
    first = body[: m.start()].strip()
    if "\n" in first or len(first) >= MAX_TITLE_CHARS or first.endswith(_SENTENCE_END):
        return None, body
    return _MARKDOWN_HEADING.sub("", first), body[m.end():].strip()
