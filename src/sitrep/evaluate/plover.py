"""PLOVER event types against the CAMEO manual's examples recoded in PLOVER.

Each record is one sentence with one gold event. Both sides are sets of event
types per record; precision, recall and F1 are over (record id, type) pairs.
The gold uses PLOVER 0.5b1 names, mapped to today's by `LEGACY_TYPES`.

Actor-country agreement: of the matched (record, type) pairs whose gold source
has a country code, the share where one of those codes is among the actor
codes of a predicted event of that type. Generic CAMEO codes that name no
country (IGO, NGO, IMG) are left out of the comparison; three non-ISO codes of the
gold (CAMEO's JAP, and ITL, VTN) are read as JPN, ITA, VNM.

Triples, as CAMEO coders score them: each event is a set of (source, target, type)
triples, one per pair of its actor and recipient codes ("-" for a side with none);
precision, recall and F1 are over (record id, triple). A generic gold code (IGO,
NGO, ...) matches any code on its side; a compound actor gives one triple per code.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from sitrep.evaluate.gold import PloverRecord
from sitrep.evaluate.result import Prediction, TaskResult, as_contract, prf, ratio

NAME = "plover"
LEGACY_TYPES: dict[str, str] = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "FIGHT": "ASSAULT",
    "INVESTIGATE": "ACCUSE",
}
GENERIC_CODES = frozenset({"IGO", "NGO", "IMG", "MNC"})
# country codes of the gold that are no ISO 3166 code: CAMEO's JAP for Japan and two misspellings
LEGACY_CODES: dict[str, str] = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


def gold_code(code: str | None) -> str | None:
    return LEGACY_CODES.get(code, code) if code else code


def gold_type(rec: PloverRecord) -> str:
    return LEGACY_TYPES.get(rec.event, rec.event)


def gold_countries(rec: PloverRecord) -> set[str]:
    return {gold_code(a.code) for a in rec.source if a.code and a.code not in GENERIC_CODES}


def score(records: Sequence[PloverRecord], predicted: Mapping[str, Prediction]) -> TaskResult:
    tp = n_pred = n_gold = actor_scored = actor_ok = 0
    triple_tp_pred = triple_tp_gold = triple_pred = triple_gold = 0
    per_type_gold: Counter[str] = Counter()
    per_type_tp: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []
    for rec in records:
        pred = as_contract(predicted.get(rec.id))
        gold = {gold_type(rec)}
        events = pred["events"]
        types = {e["type"] for e in events}
        n_gold += len(gold)
        n_pred += len(types)
        per_type_gold.update(gold)
        hit = gold & types
        tp += len(hit)
        per_type_tp.update(hit)
        for t in gold - types:
            errors.append(_error("miss", rec, t, events))
        for t in types - gold:
            errors.append(_error("false_alarm", rec, t, events))
        gold_triples = _triples([gold_code(a.code) for a in rec.source], [gold_code(a.code) for a in rec.target],
                                gold_type(rec))
        pred_triples = {tr for e in events for tr in _triples([a.get("code") for a in e["actor"]],
                                                              [a.get("code") for a in e["recipient"]], e["type"])}
        triple_gold += len(gold_triples)
        triple_pred += len(pred_triples)
        triple_tp_gold += sum(any(_triple_match(g, p_) for p_ in pred_triples) for g in gold_triples)
        triple_tp_pred += sum(any(_triple_match(g, p_) for g in gold_triples) for p_ in pred_triples)
        countries = gold_countries(rec)
        for t in hit:
            if not countries:
                continue
            actor_scored += 1
            codes = {a.get("code") for e in events if e["type"] == t for a in e["actor"]}
            if countries & codes:
                actor_ok += 1
            else:
                errors.append(_error("wrong_actor", rec, t, events))
    p, r, f = prf(tp, n_pred, n_gold)
    tr_p, tr_r = ratio(triple_tp_pred, triple_pred), ratio(triple_tp_gold, triple_gold)
    tr_f = 2 * tr_p * tr_r / (tr_p + tr_r) if tr_p + tr_r else 0.0
    counts = {
        "records": len(records),
        "gold": n_gold,
        "predicted": n_pred,
        "matched": tp,
        "actor_scored": actor_scored,
        "actor_correct": actor_ok,
    }
    for t in sorted(per_type_gold):
        counts[f"{t}.gold"] = per_type_gold[t]
        counts[f"{t}.found"] = per_type_tp[t]
    return TaskResult(
        NAME,
        metrics={"precision": p, "recall": r, "f1": f, "actor_country_agreement": ratio(actor_ok, actor_scored),
                 "triple_precision": tr_p, "triple_recall": tr_r, "triple_f1": tr_f},
        counts=counts,
        errors=errors,
    )


def _triples(sources: Sequence[str | None], targets: Sequence[str | None], type_: str) -> set[tuple[str, str, str]]:
    """(source, target, type) for every pair of codes on the two sides ("-" for a side with none)."""
    src = sorted({c for c in sources if c}) or ["-"]
    tgt = sorted({c for c in targets if c}) or ["-"]
    return {(s, t, type_) for s in src for t in tgt}


def _triple_match(gold: tuple[str, str, str], pred: tuple[str, str, str]) -> bool:
    """Same type and codes; a generic gold code (IGO, NGO ...) stands for any code on its side."""
    return gold[2] == pred[2] and all(g == p or (g in GENERIC_CODES and p != "-") for g, p in zip(gold[:2], pred[:2]))


def _error(kind: str, rec: PloverRecord, type_: str, events: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "kind": kind,
        "id": rec.id,
        "text": rec.text,
        "type": type_,
        "gold": {
            "event": gold_type(rec),
            "annotated_as": rec.event,
            "mode": rec.mode,
            "source": [{"text": a.text, "code": a.code} for a in rec.source],
            "target": [{"text": a.text, "code": a.code} for a in rec.target],
        },
        "predicted": [
            {
                "type": e["type"],
                "mode": e.get("mode"),
                "actor": [{"text": a["text"], "code": a["code"]} for a in e["actor"]],
                "recipient": [{"text": a["text"], "code": a["code"]} for a in e["recipient"]],
                "trigger": e["evidence"]["trigger"],
                "rule": e["evidence"]["rule"],
            }
            for e in events
        ],
    }
