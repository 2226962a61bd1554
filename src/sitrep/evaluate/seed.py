"""The founding article: nine checks on belarus-russia-oreshnik-division.txt.

The article (a Belarusian officer announcing a joint Belarus-Russia Oreshnik
missile division, Western concern, calls for NATO presence, and three kinds of
speaker) is what sitrep was first built for. Each check passes or fails; the
metrics are the pass count and the total.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sitrep.evaluate.gold import SeedRecord
from sitrep.evaluate.result import Prediction, TaskResult, as_contract, attributions

NAME = "seed"

Ev = Mapping[str, Any]


def _norm(s: str | None) -> str:
    return " ".join((s or "").lower().split())


def _codes(e: Ev) -> set[str]:
    return {a["code"] for a in e["actor"] if a.get("code")}


def _is_division_event(e: Ev) -> bool:
    return e["type"] == "COOPERATE" and "military" in e["context"] and {"BLR", "RUS"} <= _codes(e)


def _division_event(events: Sequence[Ev]) -> Ev | None:
    """The event checks 1-4 look at: among COOPERATE events, the one that meets
    most of them (the acceptance asks for at least one event with all), ties to
    the earliest."""
    coop = [e for e in events if e["type"] == "COOPERATE"]
    if not coop:
        return None

    def met(e: Ev) -> int:
        att = e.get("attribution") or {}
        return sum((
            _is_division_event(e),
            any("oreshnik" in _norm(w.get("name")) and bool(w.get("class")) for w in e.get("weapons", [])),
            e.get("modality") in ("planned", "announced"),
            "bogdan" in _norm(att.get("speaker")) and att.get("speaker_type") == "named_person",
        ))

    return max(coop, key=met)


def _speaker_has(q: Mapping[str, Any], words: str) -> bool:
    return words in _norm(q.get("speaker"))


def checks(pred: Mapping[str, Any]) -> list[tuple[str, bool, Any]]:
    """(check, passed, what was found) for the nine checks."""
    events = pred["events"]
    quotes = attributions(pred)  # statements and stances
    div = _division_event(events)
    att = (div or {}).get("attribution") or {}

    def find(pred_: Callable[[Any], bool], items: Sequence[Any]) -> Any:
        return next((x for x in items if pred_(x)), None)

    oreshnik = find(
        lambda w: "oreshnik" in _norm(w.get("name")) + " " + _norm(w.get("text")) and bool(w.get("class")),
        (div or {}).get("weapons", []),
    )
    accuse = find(lambda e: e["type"] == "ACCUSE" and any("western" in _norm(a["text"]) for a in e["actor"]), events)
    request = find(lambda e: e["type"] == "REQUEST" and "nato" in _norm(e["evidence"]["sentence"]), events)
    q_bogdan = find(
        lambda q: _speaker_has(q, "bogdan") and q.get("speaker_type") == "named_person" and q.get("direct"), quotes
    )
    q_expert = find(
        lambda q: _speaker_has(q, "defense commentator") and q.get("speaker_type") == "unnamed_expert", quotes
    )
    q_official = find(
        lambda q: _speaker_has(q, "russian defense official") and q.get("speaker_type") == "anonymous_official",
        quotes,
    )
    summary = None if div is None else {
        "type": div["type"],
        "context": div["context"],
        "codes": sorted(_codes(div)),
        "weapons": div.get("weapons"),
        "modality": div.get("modality"),
        "attribution": div.get("attribution"),
    }
    return [
        ("cooperate_military_blr_rus", div is not None and _is_division_event(div), summary),
        ("oreshnik_with_class", oreshnik is not None, (div or {}).get("weapons")),
        ("modality_planned_or_announced", div is not None and div.get("modality") in ("planned", "announced"),
         (div or {}).get("modality")),
        (
            "attributed_to_bogdan",
            "bogdan" in _norm(att.get("speaker"))
            and att.get("speaker_type") == "named_person"
            and bool(att.get("speaker_title")),
            att or None,
        ),
        ("accuse_by_western", accuse is not None, _types(events)),
        ("request_nato_presence", request is not None, _types(events)),
        ("quote_bogdan_direct", q_bogdan is not None, _speakers(quotes)),
        ("quote_unnamed_expert", q_expert is not None, _speakers(quotes)),
        ("quote_anonymous_official", q_official is not None, _speakers(quotes)),
    ]


def _types(events: Sequence[Ev]) -> list[dict[str, Any]]:
    return [{"type": e["type"], "actor": [a["text"] for a in e["actor"]], "trigger": e["evidence"]["trigger"]} for e in events]


def _speakers(quotes: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"speaker": q.get("speaker"), "speaker_type": q.get("speaker_type"), "direct": q.get("direct"),
         "content": (q.get("content") or "")[:80]}
        for q in quotes
    ]


def score(records: Sequence[SeedRecord], predicted: Mapping[str, Prediction]) -> TaskResult:
    passed = total = 0
    errors: list[dict[str, Any]] = []
    for rec in records:
        for name, ok, found in checks(as_contract(predicted.get(rec.id))):
            total += 1
            passed += ok
            if not ok:
                errors.append({"kind": "failed_check", "id": rec.id, "check": name, "predicted": found})
    return TaskResult(
        NAME,
        metrics={"passed": float(passed), "total": float(total)},
        counts={"records": len(records), "passed": passed, "total": total},
        errors=errors,
    )
