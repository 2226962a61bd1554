"""An event's date: the DATE/TIME mention of its clause (else of its sentence), else the article's
date. A weekday is read by the tense of the verb that governs it ("will meet on Monday" forwards,
"met on Monday" backwards) and a year alone ("in 2021, Moscow offered ...") dates the event in
that year (`sitrep.dates.resolve_in_context`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sitrep.dates import resolve_in_context, verb_time_of
from sitrep.events.actors import ArticleContext


def event_date(scope: list[Any], sent: Any, ctx: ArticleContext,
               ref: date | None) -> tuple[str | None, str | None]:
    scope_ids = {t.i for t in scope}
    candidates = []
    for start, end, text in ctx.dates_in(sent):
        inside = any(i in scope_ids for i in range(start, end))
        candidates.append((not inside, start, end, text))
    for _, start, end, text in sorted(candidates):
        got = resolve_in_context(text, ref, verb_time_of(sent.doc[start:end].root))
        if got is not None:
            return got[0].isoformat(), got[1]
    if ref is not None:
        return ref.isoformat(), "article"
    return None, None
