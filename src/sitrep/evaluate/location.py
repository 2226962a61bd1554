"""Event location against the event_location gold sentences.

For each sentence, the event scored is the predicted event whose trigger
overlaps the gold verb, else the first predicted event. The record is right
when that event's location span overlaps a gold location span. Sentences whose
gold locations are all empty spans (start == end: the event happened nowhere
named in the sentence) are right when no location is predicted.

Data check: in some records of the converted gold, a location span is empty
(start == end) or cuts through a word, which looks like token indices read as
character offsets (an empty span then hides a named place, e.g. token 8 of
"Around 100,000 supporters demonstrated in Rome"). Such records are counted as
`suspect_spans`, scored as they are in `accuracy`, and left out of
`accuracy_clean`, which scores only records whose every location is a
non-empty span on word boundaries or that name no location at all
(`locations: []`). The floor guards both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sitrep.evaluate.gold import LocationRecord
from sitrep.evaluate.result import Prediction, TaskResult, as_contract, overlap, ratio

NAME = "location"


def chosen_event(rec: LocationRecord, events: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    if not events:
        return None
    if rec.verb is not None:
        vs, ve = rec.verb.start, max(rec.verb.end, rec.verb.start + 1)
        for e in events:
            ev = e["evidence"]
            if overlap(ev["trigger_start"], ev["trigger_end"], vs, ve) > 0:
                return e
    return events[0]


def suspect(rec: LocationRecord) -> bool:
    """Whether a record's location spans look mis-converted (see module doc)."""
    text = rec.text
    for s in rec.locations:
        if s.empty:
            return True
        if s.start > 0 and text[s.start - 1].isalnum() and text[s.start].isalnum():
            return True
        if s.end < len(text) and text[s.end - 1].isalnum() and text[s.end].isalnum():
            return True
    return False


def score(records: Sequence[LocationRecord], predicted: Mapping[str, Prediction]) -> TaskResult:
    right = no_pred = no_event = unlocated = unlocated_right = located_right = 0
    n_suspect = clean_right = 0
    errors: list[dict[str, Any]] = []
    for rec in records:
        pred = as_contract(predicted.get(rec.id))
        event = chosen_event(rec, pred["events"])
        loc = None if event is None else event.get("location")
        spans = [s for s in rec.locations if not s.empty]
        no_event += event is None
        no_pred += loc is None
        if not spans:
            unlocated += 1
            ok = loc is None
            unlocated_right += ok
        else:
            ok = loc is not None and any(overlap(loc["start"], loc["end"], s.start, s.end) > 0 for s in spans)
            located_right += ok
        right += ok
        if suspect(rec):
            n_suspect += 1
        else:
            clean_right += ok
        if not ok:
            errors.append(
                {
                    "kind": "false_alarm" if not spans else ("miss" if loc is None else "wrong_place"),
                    "id": rec.id,
                    "text": rec.text,
                    "gold": {"verb": None if rec.verb is None else rec.verb.text, "locations": [s.text for s in spans]},
                    "predicted": None
                    if event is None
                    else {
                        "type": event["type"],
                        "trigger": event["evidence"]["trigger"],
                        "location": None if loc is None else loc.get("text"),
                    },
                }
            )
    located = len(records) - unlocated
    return TaskResult(
        NAME,
        metrics={
            "accuracy": ratio(right, len(records)),
            "accuracy_located": ratio(located_right, located),
            "accuracy_unlocated": ratio(unlocated_right, unlocated),
            "accuracy_clean": ratio(clean_right, len(records) - n_suspect),
        },
        counts={
            "records": len(records),
            "correct": right,
            "gold_located": located,
            "gold_unlocated": unlocated,
            "no_prediction": no_pred,
            "no_event": no_event,
            "suspect_spans": n_suspect,
        },
        errors=errors,
    )
