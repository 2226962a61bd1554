"""Quotes and claims inside others: a report inside someone's words is part of that content, not a
claim of its own.
"""

from __future__ import annotations

import bisect

from sitrep.model import Quote


# a claim's content stops before the closing quote mark and stop of a quote it ends with
# ('said she knows that "X is king."'): a claim holds a quote that ends this many characters later
CLOSE_SLACK = 3


def drop_nested_claims(quotes: list[Quote]) -> list[Quote]:
    """'She said she plans to join the protest': one claim, the saying. A thought, plan or
    stance reported inside what someone said (or inside a quote, a claim noun's content, an
    'it seemed that ...', an interview answer) is part of that content, not a claim of its
    own. (Keeping reports inside reports, 'X said Y told him', scored lower.)"""
    cover = Cover([(a, b, id(o)) for o in quotes for a, b in o.spans
                   if o.direct or (o.cue and o.rule in ("verb-cue", "according-to", "quote-cue", "noun-cue",
                                                         "unsourced-cue", "adjective-cue", "line-lead", "block-quote"))])
    claims = Cover([(o.start, o.end + CLOSE_SLACK, id(o)) for o in quotes
                    if not o.direct and o.cue and o.rule in ("verb-cue", "according-to")])
    return [q for q in quotes if not (q.rule in ("verb-cue", "unsourced-cue", "noun-cue", "adjective-cue")
                                      and q.cue_start is not None
                                      and cover.covers(q.cue_start, q.cue_start + 1, id(q)))
            and not (q.rule == "quote-cue" and q.cue_start is not None
                     and claims.covers(min(q.cue_start, q.start), max(q.cue_end or q.end, q.end), id(q)))]


def drop_nested(quotes: list[Quote]) -> list[Quote]:
    """A quoted phrase without a cue of its own inside a claim's content ('Peru called
    the deal a "betrayal of farmers"') is part of that claim, not a second one."""
    cover = Cover([(c.start, c.end + 2, id(c)) for c in quotes if not c.direct and c.speaker])
    return [q for q in quotes if not (q.direct and q.rule in ("quote-no-cue", "continuation")
                                      and cover.covers(q.start, q.end, id(q)))]


def drop_quotes_in_sourced_claims(quotes: list[Quote]) -> list[Quote]:
    """'She said in a statement that the plan was "dead on arrival."', 'According to the report,
    the firm ran "a massive scheme"': the quoted words are part of the claim that the speech noun
    or 'according to' makes, whose cue lies between the quote's own cue and the quote (or is
    that cue), and whose content holds the quote (up to its closing mark and stop); not a second
    statement."""
    by_speaker: dict[int, list[Quote]] = {}
    for c in quotes:
        if c.rule in ("noun-cue", "according-to") and c.speaker_start is not None and c.cue_start is not None:
            by_speaker.setdefault(c.speaker_start, []).append(c)
    return [q for q in quotes if not (
        q.rule == "quote-cue" and q.cue_start is not None and q.cue_start < q.start and any(
            q.cue_start <= c.cue_start <= q.start and c.start <= q.start and q.end <= c.end + CLOSE_SLACK
            for c in by_speaker.get(q.speaker_start, ())))]


class Cover:
    """Intervals (start, end, key); `covers(a, b, key)`: whether one interval other than `key`
    holds [a, b). Sorted starts with a running top-two of ends: O(log n) a question."""

    def __init__(self, intervals: list[tuple[int, int, int]]) -> None:
        intervals = sorted(intervals)
        self.starts = [iv[0] for iv in intervals]
        self.best: list[tuple[int, int, int]] = []  # (best end, its key, second best end)
        b_end, b_key, second = -1, -1, -1
        for _, end, key in intervals:
            if end > b_end:
                b_end, b_key, second = end, key, b_end
            elif end > second:
                second = end
            self.best.append((b_end, b_key, second))

    def covers(self, a: int, b: int, key: int) -> bool:
        k = bisect.bisect_right(self.starts, a) - 1
        if k < 0:
            return False
        b_end, b_key, second = self.best[k]
        return (second if b_key == key else b_end) >= b
