"""Entities against re3d (defence and security documents).

Only annotations with confidence >= `MIN_CONFIDENCE` count (re3d keeps its
rejected candidates at confidence 0). Six re3d types map onto ours; predicted
entities of other types (DATE, QUANTITY, MONEY) are ignored. A span annotated
with two types is two gold items.

Two matchings: exact (same start, end and type) and overlap (same type, any
shared character, one-to-one, biggest overlap first). `WEAPON+MILITARY_PLATFORM`
scores the two weapon types as one class, since where a weapon ends and a
platform begins ("Su-34 bomber") is a judgement call.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sitrep.evaluate.gold import EntityRecord
from sitrep.evaluate.result import Prediction, TaskResult, as_contract, context, greedy_match, overlap, prf

NAME = "entities"
MIN_CONFIDENCE = 0.5
TYPE_MAP: dict[str, str] = {
    "Person": "PERSON",
    "Organisation": "ORG",
    "Location": "LOCATION",
    "Nationality": "NATIONALITY",
    "Weapon": "WEAPON",
    "MilitaryPlatform": "MILITARY_PLATFORM",
}
TYPES: tuple[str, ...] = tuple(TYPE_MAP.values())
WEAPONS = "WEAPON+MILITARY_PLATFORM"

Item = tuple[int, int, str]  # start, end, type


def gold_items(rec: EntityRecord) -> list[Item]:
    items = {
        (e.start, e.end, TYPE_MAP[e.type])
        for e in rec.entities
        if e.confidence >= MIN_CONFIDENCE and e.type in TYPE_MAP and e.end > e.start
    }
    return sorted(items)


def predicted_items(pred: Mapping[str, Any]) -> list[Item]:
    items = {(e["start"], e["end"], e["type"]) for e in pred["entities"] if e["type"] in TYPES and e["end"] > e["start"]}
    return sorted(items)


def _overlap_pairs(preds: Sequence[Item], golds: Sequence[Item], same_class) -> list[tuple[int, int, float]]:
    def score(pi: int, gi: int) -> float | None:
        p, g = preds[pi], golds[gi]
        if not same_class(p[2], g[2]):
            return None
        return float(overlap(p[0], p[1], g[0], g[1]))

    return greedy_match([(p[0], p[1]) for p in preds], [(g[0], g[1]) for g in golds], score)


def score(records: Sequence[EntityRecord], predicted: Mapping[str, Prediction]) -> TaskResult:
    """Per-type, micro and macro P/R/F1, exact and overlapping spans."""
    keys = [*TYPES, WEAPONS]
    tp = {(m, t): 0 for m in ("exact", "overlap") for t in keys}
    n_gold = {t: 0 for t in keys}
    n_pred = {t: 0 for t in keys}
    errors: list[dict[str, Any]] = []
    for rec in records:
        pred = as_contract(predicted.get(rec.id))
        golds = gold_items(rec)
        preds = predicted_items(pred)
        for t in (g[2] for g in golds):
            n_gold[t] += 1
        for t in (p[2] for p in preds):
            n_pred[t] += 1
        n_gold[WEAPONS] += sum(g[2] in ("WEAPON", "MILITARY_PLATFORM") for g in golds)
        n_pred[WEAPONS] += sum(p[2] in ("WEAPON", "MILITARY_PLATFORM") for p in preds)

        for item in set(golds) & set(preds):
            tp[("exact", item[2])] += 1
        pairs = _overlap_pairs(preds, golds, lambda a, b: a == b)
        for pi, _, _ in pairs:
            tp[("overlap", preds[pi][2])] += 1
        wp = [p for p in preds if p[2] in ("WEAPON", "MILITARY_PLATFORM")]
        wg = [g for g in golds if g[2] in ("WEAPON", "MILITARY_PLATFORM")]
        tp[("overlap", WEAPONS)] += len(_overlap_pairs(wp, wg, lambda a, b: True))

        hit_p = {pi for pi, _, _ in pairs}
        hit_g = {gi for _, gi, _ in pairs}
        exact = set(golds) & set(preds)
        for pi, gi, _ in pairs:
            if preds[pi] not in exact:
                errors.append(_error("boundary", rec, golds[gi], preds[pi]))
        errors.extend(_error("miss", rec, g, None) for gi, g in enumerate(golds) if gi not in hit_g)
        errors.extend(_error("false_alarm", rec, None, p) for pi, p in enumerate(preds) if pi not in hit_p)

    metrics: dict[str, float] = {}
    counts: dict[str, int] = {"records": len(records)}
    for mode in ("exact", "overlap"):
        f1s = []
        for t in TYPES:
            p, r, f = prf(tp[(mode, t)], n_pred[t], n_gold[t])
            metrics[f"{t}.{mode}_precision"] = p
            metrics[f"{t}.{mode}_recall"] = r
            metrics[f"{t}.{mode}_f1"] = f
            f1s.append(f)
        p, r, f = prf(sum(tp[(mode, t)] for t in TYPES), sum(n_pred[t] for t in TYPES), sum(n_gold[t] for t in TYPES))
        metrics[f"micro.{mode}_precision"] = p
        metrics[f"micro.{mode}_recall"] = r
        metrics[f"micro.{mode}_f1"] = f
        metrics[f"macro.{mode}_f1"] = sum(f1s) / len(f1s)
    p, r, f = prf(tp[("overlap", WEAPONS)], n_pred[WEAPONS], n_gold[WEAPONS])
    metrics[f"{WEAPONS}.overlap_precision"] = p
    metrics[f"{WEAPONS}.overlap_recall"] = r
    metrics[f"{WEAPONS}.overlap_f1"] = f
    for t in keys:
        counts[f"{t}.gold"] = n_gold[t]
        counts[f"{t}.predicted"] = n_pred[t]
        counts[f"{t}.overlap_tp"] = tp[("overlap", t)]
        if t != WEAPONS:
            counts[f"{t}.exact_tp"] = tp[("exact", t)]
    return TaskResult(NAME, metrics, counts, errors)


def _error(kind: str, rec: EntityRecord, gold: Item | None, pred: Item | None) -> dict[str, Any]:
    start, end, _ = gold if gold is not None else pred  # type: ignore[misc]
    return {
        "kind": kind,
        "id": rec.id,
        "text": context(rec.text, start, end, width=80),
        "gold": None if gold is None else {"text": rec.text[gold[0] : gold[1]], "type": gold[2], "start": gold[0], "end": gold[1]},
        "predicted": None if pred is None else {"text": rec.text[pred[0] : pred[1]], "type": pred[2], "start": pred[0], "end": pred[1]},
    }
