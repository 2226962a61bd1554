"""Event location against the event_location gold sentences.

For each sentence, the event scored is the predicted event whose trigger
overlaps the gold verb, else the first predicted event. The record is right
when that event's location span overlaps a gold location span. Sentences whose
gold locations are all empty spans (start == end: the event happened nowhere
named in the sentence) are right when no location is predicted.

Data check: in some records of the converted gold, a location span is empty
(start == end) or cuts through a word, which looks like token indices read as
character offsets (an empty span then hides a named place: in "Some 2,000
farmers marched in Lyon" an empty span 5-5 stands for token 5, "Lyon"). Such records are counted as
`suspect_spans`, scored as they are in `accuracy`, and left out of
`accuracy_clean`, which scores only records whose every location is a
non-empty span on word boundaries or that name no location at all
(`locations: []`).

The suspect spans are token indices: read as the first and last token
(inclusive, spaCy's English tokenizer) they name a place in all but a handful
of records. `accuracy_repaired`
scores every record with its suspect spans read that way. A reading is refused
when it lands on a stop word, on the gold verb or outside the text; such
records (`unrepairable`) are left out of `accuracy_repaired`. The floor guards
all three accuracies.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from functools import lru_cache

from sitrep.evaluate.gold import LocationRecord, Span
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
    return any(_bad(rec.text, s) for s in rec.locations)


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    import spacy

    return spacy.blank("en").tokenizer


def _bad(text: str, s: Span) -> bool:
    if s.empty:
        return True
    if s.start > 0 and text[s.start - 1].isalnum() and text[s.start].isalnum():
        return True
    return s.end < len(text) and text[s.end - 1].isalnum() and text[s.end].isalnum()


def repaired(rec: LocationRecord) -> tuple[Span, ...] | None:
    """The record's locations with suspect spans read as inclusive token
    indices, or None when a reading is refused (see module doc)."""
    if not suspect(rec):
        return rec.locations
    doc = _tokenizer()(rec.text)
    out = []
    for s in rec.locations:
        if not _bad(rec.text, s):
            out.append(s)
            continue
        if not 0 <= s.start <= s.end < len(doc):
            return None
        span = doc[s.start : s.end + 1]
        if span[0].is_stop or span[0].is_punct:
            return None
        fixed = Span(span.start_char, span.end_char, span.text)
        if rec.verb is not None and overlap(fixed.start, fixed.end, rec.verb.start, rec.verb.end) > 0:
            return None
        out.append(fixed)
    return tuple(out)


def _right(loc: Mapping[str, Any] | None, spans: Sequence[Span]) -> bool:
    """A prediction is right when it overlaps a located gold span, or when it
    names no place and the gold names none."""
    if not spans:
        return loc is None
    return loc is not None and any(overlap(loc["start"], loc["end"], s.start, s.end) > 0 for s in spans)


def score(records: Sequence[LocationRecord], predicted: Mapping[str, Prediction]) -> TaskResult:
    right = no_pred = no_event = unlocated = unlocated_right = located_right = 0
    n_suspect = clean_right = repaired_right = unrepairable = 0
    errors: list[dict[str, Any]] = []
    for rec in records:
        pred = as_contract(predicted.get(rec.id))
        event = chosen_event(rec, pred["events"])
        loc = None if event is None else event.get("location")
        spans = [s for s in rec.locations if not s.empty]
        no_event += event is None
        no_pred += loc is None
        ok = _right(loc, spans)
        right += ok
        if spans:
            located_right += ok
        else:
            unlocated += 1
            unlocated_right += ok
        is_suspect = suspect(rec)
        fixed = repaired(rec) if is_suspect else rec.locations
        n_suspect += is_suspect
        clean_right += ok and not is_suspect
        if fixed is None:
            unrepairable += 1
            ok_fixed = ok
        else:
            fixed = tuple(s for s in fixed if not s.empty)
            ok_fixed = _right(loc, fixed)
            repaired_right += ok_fixed
        if not ok or not ok_fixed:
            gold_spans = spans if fixed is None else fixed
            errors.append(
                {
                    "kind": "false_alarm" if not gold_spans else ("miss" if loc is None else "wrong_place"),
                    "id": rec.id,
                    "text": rec.text,
                    "gold": {
                        "verb": None if rec.verb is None else rec.verb.text,
                        "locations": [s.text for s in gold_spans],
                        "repaired": is_suspect and fixed is not None,
                    },
                    "right_as_stored": ok,
                    "right_repaired": None if fixed is None else ok_fixed,
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
            "accuracy_repaired": ratio(repaired_right, len(records) - unrepairable),
        },
        counts={
            "records": len(records),
            "correct": right,
            "gold_located": located,
            "gold_unlocated": unlocated,
            "no_prediction": no_pred,
            "no_event": no_event,
            "suspect_spans": n_suspect,
            "unrepairable": unrepairable,
        },
        errors=errors,
    )
