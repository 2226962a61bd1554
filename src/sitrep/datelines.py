"""Datelines ("MINSK —", "WARSAW, Dec 5 (Baltic Wire Service) —"): where one ends.

Shared by the sentence splitter of `sitrep.nlp` (a dateline is a sentence of its own)
and by `sitrep.geo` (the dateline's place stands for the story's)."""

from __future__ import annotations

from typing import Any

DASHES = {"—", "–", "--", "-"}


def dateline_end(doc: Any, start: int) -> int | None:
    """Index of the first token after a dateline starting at `start`, or None."""
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
