"""Helpers shared by the format readers: building articles, rejections, dates.

Every reader turns what it read into `Article` records through `make_article`
(a readable item) or `rejected` (an item that cannot be coded, with a reason).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from dateutil import parser as _dateutil

from sitrep.model import Article, content_id

FORMATS: tuple[str, ...] = ("text", "html", "feed", "jsonl")

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")
_GDELT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})(?:\d{6})?")  # SQLDATE 20241202 or DATEADDED 20241202103000
_NUMERIC_DMY = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.]\d{2,4}")
#: every warning about a date that could not be read starts with this (the ingest summary counts them)
DATE_WARNING = "unparsed date"
# two defaults that differ in year, month and day: a part missing from the text shows as a difference
_DEFAULTS = (datetime(1900, 1, 1), datetime(1904, 2, 2))

_SURROGATE = re.compile("[\ud800-\udfff]")


def safe_origin(origin: str) -> str:
    """`origin` as storable text: bytes of a file name that are not UTF-8 (which
    Python keeps as lone surrogates) written as ``\\xff`` escapes."""
    if not _SURROGATE.search(origin):
        return origin
    return origin.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace") \
        if _only_escapes(origin) else _SURROGATE.sub("\ufffd", origin)


def _only_escapes(text: str) -> bool:
    try:
        text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return False
    return True


def no_surrogates(value: str | None, warnings: list[str] | None = None, *, field: str = "text") -> str | None:
    """`value` with lone surrogates (a JSON ``"\\ud800"``, a bad character reference)
    replaced by U+FFFD, one for one, so offsets stay; a warning says so."""
    if value is None or not _SURROGATE.search(value):
        return value
    if warnings is not None:
        warnings.append(f"{field}: {len(_SURROGATE.findall(value))} lone surrogate(s) replaced by U+FFFD")
    return _SURROGATE.sub("\ufffd", value)


def normalise_date(value: object) -> str | None:
    """`YYYY-MM-DD` from a date, or from a string in any common form, else None.

    The day is the one written: a timestamp with a zone keeps its own calendar
    day (not converted to UTC). Accepted: ISO 8601 (with time and zone), GDELT's
    `YYYYMMDD` (and `YYYYMMDDhhmmss`), RFC 2822 (RSS, e-mail) and written forms
    that give a day, a month and a year ("December 2, 2024", "2 Dec 2024",
    "Monday, 2 December 2024"), read by python-dateutil. Refused: a text that
    lacks the day, month or year ("December 2024"), a numeric day/month order
    that cannot be told ("02/03/2024"), and anything else.

    >>> normalise_date("2024-03-05T23:30:00-05:00")
    '2024-03-05'
    >>> normalise_date("20241202"), normalise_date("Mon, 02 Dec 2024 10:00:00 GMT")
    ('2024-12-02', '2024-12-02')
    >>> normalise_date("December 2, 2024"), normalise_date("2 Dec 2024")
    ('2024-12-02', '2024-12-02')
    >>> normalise_date("December 2024") is None, normalise_date("soon") is None
    (True, True)
    """
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 100:
        return None
    m = _ISO_DATE.match(text)
    if m is not None:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:  # 2024-02-30
            return None
    m = _GDELT_DATE.fullmatch(text)
    if m is not None:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    if text.isdigit():  # a bare number is not a date
        return None
    try:
        return parsedate_to_datetime(text).date().isoformat()  # RFC 2822
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    m = _NUMERIC_DMY.fullmatch(text)
    if m is not None and int(m[1]) <= 12 and int(m[2]) <= 12 and m[1] != m[2]:
        return None  # 02/03/2024: 2 March or 3 February
    try:
        year_first = re.match(r"\d{4}\D", text) is not None  # 2024/12/02 is year, month, day
        a, b = (_dateutil.parse(text, default=d, dayfirst=not year_first, yearfirst=year_first) for d in _DEFAULTS)
    except (ValueError, OverflowError, TypeError):
        return None
    if a.date() != b.date() or not 1000 <= a.year <= 9999:
        return None  # a part of the date was missing from the text
    return a.date().isoformat()


def date_or_warning(value: object, warnings: list[str], *, field: str = "date") -> str | None:
    """`normalise_date(value)`; an unusable non-empty value adds a warning."""
    if value is None or value == "":
        return None
    result = normalise_date(value)
    if result is None:
        warnings.append(f"{DATE_WARNING}: ignored {field} {str(value)[:40]!r}, not a date")
    return result


def has_date_warning(article: Article) -> bool:
    """Whether reading the article met a date it could not parse."""
    return any(w.startswith(DATE_WARNING) for w in article.warnings)


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

    The id is the given one, else the content hash of title and text. Lone
    surrogates (not storable as UTF-8) are replaced by U+FFFD with a warning.
    """
    warnings = list(warnings or [])
    text = no_surrogates(text, warnings) or ""
    title, url, source, id = (no_surrogates(v, warnings, field=k) for k, v in
                              (("title", title), ("url", url), ("source", source), ("id", id)))
    origin = safe_origin(origin)
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
    warnings = list(warnings or [])
    origin = safe_origin(origin)
    detail = no_surrogates(detail) or ""
    title, url, source, id = (no_surrogates(v, warnings, field=k) for k, v in
                              (("title", title), ("url", url), ("source", source), ("id", id)))
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
