"""PLOVER event types on machine-written stories that no rule was tuned on.

`plover_synthetic_train.jsonl` holds news-like stories written by a language model,
each for one PLOVER event type (and mode); the label is what the story was written
for, not an annotation of what it says. The task checks that the trigger lexicon,
tuned while reading the errors of the small gold sets, holds on unseen text of the
same kinds. Scoring is per story (document level):

- `recall`: share of stories whose coded events include the labelled type;
- `precision`: share of the predicted (story, type) pairs that are the label. A story
  may well report other events too (a strike story quotes a union's demands, an attack
  story the condemnation that followed), so this is a lower bound of true precision,
  best read as a comparison between versions;
- `f1` of the two;
- `top_accuracy`: share of stories whose most frequent coded type is the label (ties go
  to the type coded first in the text);
- `coverage`: share of stories with any event;
- `<TYPE>.recall`: `recall` over the stories of one label.

Errors: one `miss` per story without its label (with every coded event), one
`false_alarm` per other type coded in a story (with the events of that type).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from sitrep.evaluate.gold import SyntheticRecord
from sitrep.evaluate.result import Prediction, TaskResult, as_contract, prf, ratio

NAME = "plover-synthetic"


def top_type(events: list[dict[str, Any]]) -> str | None:
    """The most frequent event type; on a tie the one whose first trigger comes first."""
    if not events:
        return None
    freq: Counter[str] = Counter(e["type"] for e in events)
    first: dict[str, int] = {}
    for e in events:
        pos = e["evidence"]["trigger_start"]
        first[e["type"]] = min(first.get(e["type"], pos), pos)
    return min(freq, key=lambda t: (-freq[t], first[t]))


def score(records: Sequence[SyntheticRecord], predicted: Mapping[str, Prediction]) -> TaskResult:
    tp = n_pred = covered = top_ok = 0
    per_label: Counter[str] = Counter()
    per_label_found: Counter[str] = Counter()
    per_type_pred: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []
    for rec in records:
        events = as_contract(predicted.get(rec.id))["events"]
        types = {e["type"] for e in events}
        per_label[rec.event] += 1
        per_type_pred.update(types)
        n_pred += len(types)
        covered += bool(events)
        if rec.event in types:
            tp += 1
            per_label_found[rec.event] += 1
        else:
            errors.append(_error("miss", rec, rec.event, events))
        if top_type(events) == rec.event:
            top_ok += 1
        for t in sorted(types - {rec.event}):
            errors.append(_error("false_alarm", rec, t, [e for e in events if e["type"] == t]))
    p, r, f = prf(tp, n_pred, len(records))
    metrics = {
        "precision": p,
        "recall": r,
        "f1": f,
        "top_accuracy": ratio(top_ok, len(records)),
        "coverage": ratio(covered, len(records)),
    }
    for t in sorted(per_label):
        metrics[f"{t}.recall"] = ratio(per_label_found[t], per_label[t])
    counts = {"records": len(records), "predicted": n_pred, "matched": tp, "covered": covered, "top_correct": top_ok}
    for t in sorted(set(per_label) | set(per_type_pred)):
        counts[f"{t}.stories"] = per_label[t]
        counts[f"{t}.found"] = per_label_found[t]
        counts[f"{t}.predicted"] = per_type_pred[t]
    return TaskResult(NAME, metrics=metrics, counts=counts, errors=errors)


def _error(kind: str, rec: SyntheticRecord, type_: str, events: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "kind": kind,
        "id": rec.id,
        "type": type_,
        "label": {"event": rec.event, "mode": rec.mode},
        "text": rec.text,
        "predicted": [
            {
                "type": e["type"],
                "mode": e.get("mode"),
                "trigger": e["evidence"]["trigger"],
                "rule": e["evidence"]["rule"],
                "sentence": e["evidence"]["sentence"],
            }
            for e in events
        ],
    }
