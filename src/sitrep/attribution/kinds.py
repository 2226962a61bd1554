"""The kind of each quote record: a statement, or a stance.

An indirect claim (`direct` False) whose content, in the article's own parse, has no verb or
auxiliary (POS VERB/AUX) is a stance: a position someone takes toward a thing ('the minister
praised the agreement' -> 'the agreement'; 'called for calm' -> 'calm'; 'her criticism of the
plan' -> 'the plan'). Everything else is a statement: direct (quoted) speech whatever its form,
and reported claims with a predicate ('said the agreement would hold'). Content not parsed (a
sentence triage left at a cheaper depth, see `Sentence.depth`) stays a statement.
"""

from __future__ import annotations

import bisect
from typing import Any

from sitrep.model import Quote, Sentence


def _parsed(sentences: list[Sentence], starts: list[int], a: int, b: int) -> bool:
    """Whether every sentence that the characters a..b touch was parsed."""
    if not sentences:
        return True  # no sentence plan: the doc is the parse (the tokens say if it is not)
    k = max(0, bisect.bisect_right(starts, a) - 1)
    while k < len(sentences) and sentences[k].start < max(b, a + 1):
        if sentences[k].end > a and sentences[k].depth != "parse":
            return False
        k += 1
    return True


def kind_of(doc: Any, q: Quote, sentences: list[Sentence], starts: list[int] | None = None) -> str:
    """"stance" or "statement" for one quote record (see the module)."""
    if q.direct or doc is None:
        return "statement"
    starts = starts if starts is not None else [s.start for s in sentences]
    toks: list[Any] = []
    for a, b in q.spans:
        if not _parsed(sentences, starts, a, b):
            return "statement"
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None:
            toks.extend(span)
    words = [t for t in toks if not t.is_space]
    if not words or any(not t.pos_ for t in words):
        return "statement"  # nothing to read, or tokens with no tags: no parse
    if any(t.pos_ in ("VERB", "AUX") for t in words):
        return "statement"
    return "stance"


def set_kinds(doc: Any, quotes: list[Quote], sentences: list[Sentence]) -> None:
    """Sets `kind` on each of `quotes`."""
    starts = [s.start for s in sentences]
    for q in quotes:
        q.kind = kind_of(doc, q, sentences, starts)
