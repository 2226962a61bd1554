"""Datelines ("MINSK —", "WARSAW, Dec 5 (Baltic Wire Service) —", "Minsk, Tuesday -"): where one ends.

Shared by the sentence splitter of `sitrep.nlp` (a dateline is a sentence of its own)
and by `sitrep.geo` (the dateline's place stands for the story's)."""

from __future__ import annotations

from typing import Any

DASHES = {"—", "–", "--", "-"}
# a dateline written in title case names its day: "Minsk, Tuesday -", "Kyiv, 5 December —"
DAY_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
})


def dateline_end(doc: Any, start: int) -> int | None:
    """Index of the first token after a dateline starting at `start`, or None."""
    if start + 2 < len(doc) and doc[start].is_title and doc[start + 1].text == ",":
        return _titled_end(doc, start)
    i = start
    caps = 0
    while i < len(doc) and i - start < 14:
        t = doc[i]
        if t.text in DASHES:
            return i + 1 if caps and i + 1 < len(doc) else None
        if t.is_upper and t.is_alpha and len(t.text) > 1:
            caps += 1
        elif caps == 0 or "\n" in t.text_with_ws:
            return None
        i += 1
    return None


def _titled_end(doc: Any, start: int) -> int | None:
    """A title-case dateline, a place, a comma and a day before a dash ("Minsk, Tuesday -",
    "Kyiv, Dec. 5 (Reuters) —"); None for a sentence that only begins with a place and a comma."""
    day = False
    for i in range(start + 2, min(len(doc), start + 10)):
        t = doc[i]
        if t.text in DASHES:
            return i + 1 if day and i + 1 < len(doc) else None
        if "\n" in t.text_with_ws:
            return None
        if t.lower_.rstrip(".") in DAY_WORDS:
            day = True
        elif not (t.like_num or t.is_title or t.is_punct or t.is_upper):
            return None
    return None
