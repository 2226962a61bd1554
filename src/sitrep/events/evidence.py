"""What an event records of where it came from: its trigger words and the quote or claim holding it."""

from __future__ import annotations

from typing import Any

from sitrep.events.detect import prep_words
from sitrep.lexicon import Rule
from sitrep.model import Quote


def quote_covering(quotes: list[Quote], offset: int) -> Quote | None:
    """The shortest quote whose content holds `offset` (in one of its pieces: the narrator's
    words between the pieces of '"A," she said after the strike, "B."' are nobody's claim)."""
    best = None
    for q in quotes:
        if any(a <= offset < b for a, b in q.spans) and (best is None or q.end - q.start < best.end - best.start):
            best = q
    return best


def trigger_text(tok: Any, rule: Rule) -> str:
    parts = [tok.text]
    preps = prep_words(tok)
    for c in tok.children:
        if c.dep_ in ("prt",) or (c.dep_ == "prep" and c.lower_ in rule.prep and c.lower_ in preps):
            if c.lower_ not in (p.lower() for p in parts):  # "advanced on the city on Monday": "on" once
                parts.append(c.text)
    if rule.object:
        for c in tok.children:
            if c.dep_ in ("dobj", "nsubjpass", "attr") and c.lemma_.lower() in rule.object:
                parts.append(c.text)
    return " ".join(parts)
