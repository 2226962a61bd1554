"""The result of scoring one task, and the small helpers every scorer shares.

Scorers read predictions through the output contract (`sitrep.contract`), so a
prediction may be an `Article` or the dict `article_to_dict` makes of one.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sitrep.contract import article_to_dict
from sitrep.model import Article

Prediction = Article | dict[str, Any]


@dataclass(slots=True)
class TaskResult:
    """Scores of one task: `metrics` are rates in [0, 1] (or pass counts for
    `seed`), `counts` are the numbers behind them, `errors` are the misses and
    false alarms worth looking at (one dict each, with text, gold and predicted)."""

    name: str
    metrics: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    # metric -> (low, high): a 95% bootstrap interval, when asked for (`run_eval(resamples=...)`)
    intervals: dict[str, tuple[float, float]] = field(default_factory=dict)


def as_contract(pred: Prediction | None) -> dict[str, Any]:
    """The contract dict of a prediction; a missing prediction is an empty one."""
    if pred is None:
        return {"id": None, "rejected": None, "entities": [], "quotes": [], "stances": [], "events": []}
    if isinstance(pred, Article):
        return article_to_dict(pred)
    return pred


def attributions(pred: dict[str, Any]) -> list[dict[str, Any]]:
    """A contract dict's quotes and stances together, in text order: the gold (PolNeAR)
    annotates both as attributions. A dict written before stances had their own list has
    "quotes" only."""
    both = list(pred.get("quotes", ())) + list(pred.get("stances", ()))
    return sorted(both, key=lambda q: (q["start"], q["end"]))


def ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0 where undefined)."""
    p = ratio(tp, n_pred)
    r = ratio(tp, n_gold)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Characters two half-open spans share."""
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def context(text: str, start: int, end: int, width: int = 120) -> str:
    """The span with some text either side, for error reports."""
    lo = max(0, start - width)
    hi = min(len(text), end + width)
    return ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else "")


def greedy_match(
    preds: Sequence[tuple[int, int]],
    golds: Sequence[tuple[int, int]],
    score: Callable[[int, int], float | None],
) -> list[tuple[int, int, float]]:
    """One-to-one matching of predicted to gold spans, best score first.

    `preds` and `golds` are (start, end) bounding spans; only pairs whose
    bounding spans overlap are offered to `score(pred_index, gold_index)`,
    which returns a score or None when the pair cannot match. Candidate pairs
    are found with a sorted sweep (no all-pairs loop), so large documents stay
    cheap. Ties are broken by position, so the result is deterministic.
    """
    if not preds or not golds:
        return []
    order = sorted(range(len(golds)), key=lambda i: golds[i][0])
    starts = [golds[i][0] for i in order]
    longest = max(e - s for s, e in golds)
    candidates: list[tuple[float, int, int]] = []
    for pi, (ps, pe) in enumerate(preds):
        # a gold span overlaps (ps, pe) only if it starts after ps - longest and before pe
        lo = bisect_left(starts, ps - longest)
        hi = bisect_left(starts, max(pe, ps + 1))
        for k in range(lo, hi):
            gi = order[k]
            gs, ge = golds[gi]
            if overlap(ps, max(pe, ps + 1), gs, max(ge, gs + 1)) <= 0:
                continue
            s = score(pi, gi)
            if s is not None:
                candidates.append((s, pi, gi))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    out: list[tuple[int, int, float]] = []
    for s, pi, gi in candidates:
        if pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        out.append((pi, gi, s))
    return out
