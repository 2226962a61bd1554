"""An event's date: the DATE/TIME mention of its clause (else of its sentence), else the article's
date.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sitrep.dates import resolve
from sitrep.events.actors import ArticleContext


def event_date(scope: list[Any], sent: Any, ctx: ArticleContext,
               ref: date | None) -> tuple[str | None, str | None]:
    scope_ids = {t.i for t in scope}
    candidates = []
    for start, end, text in ctx.dates_in(sent):
        inside = any(i in scope_ids for i in range(start, end))
        candidates.append((not inside, start, text))
    for _, _, text in sorted(candidates):
        got = resolve(text, ref)
        if got is not None:
            return got[0].isoformat(), got[1]
    if ref is not None:
        return ref.isoformat(), "article"
    return None, None
