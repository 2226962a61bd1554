"""Event dates: the article date, moved by what the sentence says.

`resolve(expression, article_date)` understands what news uses most: explicit
dates ("28 November 2024", "Nov. 28", "2024-11-28"), weekdays ("on Tuesday":
the last such day on or before the article date, "next Tuesday" after it),
"today", "yesterday", "tomorrow", "last week/month/year", "earlier this
month", "N days ago", "this week". It returns the date and its precision
(day, week, month, year); an expression it cannot place returns None.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    m: i + 1
    for i, names in enumerate([
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
        ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
        ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
    ])
    for m in names
}
WEEKDAYS = {d: i for i, d in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "a": 1}

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\.?,?(?:\s+(\d{4}))?\b")
_MDY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b")
_MY = re.compile(r"\b(?:in\s+)?([A-Za-z]{3,9})\s+(\d{4})\b")
_AGO = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|a)\s+(day|week|month|year)s?\s+ago\b")


def parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    m = _ISO.search(value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year_for(month: int, day: int, ref: date | None, year: str | None) -> int | None:
    if year:
        return int(year)
    if ref is None:
        return None
    # a month-day without year: the nearest such date not far after the article date
    y = ref.year
    cand = _safe(y, month, day)
    if cand and (cand - ref).days > 60:
        y -= 1
    elif cand and (ref - cand).days > 300:
        y += 1
    return y


def resolve(expression: str, ref: date | None) -> tuple[date, str] | None:
    """(date, precision) of a date expression relative to the article date `ref`."""
    low = expression.lower().strip()
    m = _ISO.search(low)
    if m:
        d = _safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return (d, "day") if d else None
    m = _DMY.search(low)
    if m and m.group(2) in MONTHS:
        month, day = MONTHS[m.group(2)], int(m.group(1))
        y = _year_for(month, day, ref, m.group(3))
        d = _safe(y, month, day) if y else None
        if d:
            return d, "day"
    m = _MDY.search(low)
    if m and m.group(1) in MONTHS:
        month, day = MONTHS[m.group(1)], int(m.group(2))
        if 1 <= day <= 31:
            y = _year_for(month, day, ref, m.group(3))
            d = _safe(y, month, day) if y else None
            if d:
                return d, "day"
    m = _MY.search(low)
    if m and m.group(1) in MONTHS:
        return date(int(m.group(2)), MONTHS[m.group(1)], 1), "month"
    if ref is None:
        return None
    if re.search(r"\b(today|tonight|this morning|this afternoon|this evening)\b", low):
        return ref, "day"
    if re.search(r"\b(yesterday|last night)\b", low):
        return ref - timedelta(days=1), "day"
    if "tomorrow" in low:
        return ref + timedelta(days=1), "day"
    m = _AGO.search(low)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else NUMBER_WORDS[m.group(1)]
        unit = m.group(2)
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * n
        return ref - timedelta(days=days), {"day": "day", "week": "week", "month": "month", "year": "year"}[unit]
    for name, wd in WEEKDAYS.items():
        if re.search(rf"\b{name}\b", low):
            if re.search(rf"\bnext\s+{name}\b", low):
                delta = (wd - ref.weekday()) % 7 or 7
                return ref + timedelta(days=delta), "day"
            delta = (ref.weekday() - wd) % 7
            return ref - timedelta(days=delta), "day"
    if re.search(r"\blast week\b", low):
        return ref - timedelta(days=7), "week"
    if re.search(r"\bthis week\b|\bearlier this week\b", low):
        return ref, "week"
    if re.search(r"\blast month\b", low):
        first = ref.replace(day=1) - timedelta(days=1)
        return first.replace(day=1), "month"
    if re.search(r"\b(this|earlier this) month\b", low):
        return ref.replace(day=1), "month"
    if re.search(r"\blast year\b", low):
        return date(ref.year - 1, 1, 1), "year"
    if re.search(r"\bthis year\b", low):
        return date(ref.year, 1, 1), "year"
    return None
