"""real-events: sitrep's events against our own exhaustive coding of real articles.

The annotations (`eval/real_events/annotations/*.jsonl`, see the README there)
give every sentence of 48 real multi-outlet articles and every PLOVER event
stated in them; the texts are read from `stories_giveme5w1h_dev.jsonl` in the
gold folder. A predicted event belongs to the gold sentence its evidence
overlaps most.

Metrics:
- `sentence_type_*`: precision, recall, F1 of (sentence, type) pairs.
- `event_*`: events matched one to one inside a sentence on type and at
  least one actor code in common (a gold event with no actor matches on type). A gold
  code of a country-bound group (BOKO_HARAM) also matches the form sitrep writes it
  in, its country with the group's sector (NGA with sector REB, CAMEO's NGAREB).
- `actor_accuracy` / `recipient_accuracy`: of the (sentence, type) matches
  whose gold event names an actor (a recipient), the share where the codes meet.
- `modality_accuracy`: of the event matches, the share with the gold modality.
- `false_event_rate`: predicted events in sentences with no gold event.
- `quote_recall`: gold events stated inside a quote or reported claim found
  with their type in their sentence.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from functools import lru_cache
from typing import Any

from sitrep.errors import InputError
from sitrep.evaluate.gold import REPO_ROOT, read_jsonl
from sitrep.gazetteers import load_actor_gazetteer
from sitrep.evaluate.result import Prediction, TaskResult, as_contract, prf, ratio

NAME = "real-events"
STORIES = "stories_giveme5w1h_dev.jsonl"
ANNOTATIONS = REPO_ROOT / "eval" / "real_events" / "annotations"
# a gold actor code of our own for a non-state group ("CIVILIANS", "COMPANY"): never matched
PLOVER_TYPES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
})


@dataclass(frozen=True, slots=True)
class GoldEvent:
    sentence: int  # index into the record's sentences
    type: str
    actor: frozenset[str]
    recipient: frozenset[str]
    modality: str | None
    in_quote: bool
    trigger: str


@dataclass(frozen=True, slots=True)
class RealEventsRecord:
    id: str
    text: str
    date: str | None
    sentences: tuple[tuple[int, int], ...]
    events: tuple[GoldEvent, ...]


def load(gold_dir: Path, annotations: Path = ANNOTATIONS) -> list[RealEventsRecord]:
    """The annotated articles with their texts (read from the gold folder)."""
    texts = {r["id"]: r for r in read_jsonl(Path(gold_dir) / STORIES)}
    out = []
    for path in sorted(Path(annotations).glob("*.jsonl")):
        for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                ann = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{line_no}: not JSON: {exc}") from exc
            story = texts.get(ann["id"])
            if story is None:
                raise InputError(f"{path}:{line_no}: article {ann['id']} is not in {STORIES}")
            out.append(_record(ann, story, f"{path.name}:{line_no}"))
    return out


def _record(ann: dict[str, Any], story: dict[str, Any], where: str) -> RealEventsRecord:
    text = story["text"]
    sentences = tuple(sorted((int(s), int(e)) for s, e in ann["sentences"]))
    index = {span: i for i, span in enumerate(sentences)}
    events = []
    for ev in ann.get("events", []):
        span = (int(ev["sentence"][0]), int(ev["sentence"][1]))
        if span not in index:
            raise InputError(f"{where}: event sentence {list(span)} is not one of the article's sentences")
        if ev["type"] not in PLOVER_TYPES:
            raise InputError(f"{where}: unknown PLOVER type {ev['type']!r}")
        events.append(GoldEvent(
            sentence=index[span],
            type=ev["type"],
            actor=frozenset(ev.get("actor") or ()),
            recipient=frozenset(ev.get("recipient") or ()),
            modality=ev.get("modality"),
            in_quote=bool(ev.get("in_quote")),
            trigger=ev.get("trigger") or "",
        ))
    for s, e in sentences:
        if not (0 <= s < e <= len(text)):
            raise InputError(f"{where}: sentence {s}..{e} is outside the text ({len(text)} characters)")
    return RealEventsRecord(ann["id"], text, story.get("date"), sentences, tuple(events))


def _sentence_of(sentences: Sequence[tuple[int, int]], start: int, end: int) -> int | None:
    """The index of the sentence the span overlaps most (None: none)."""
    best, best_len = None, 0
    for i, (s, e) in enumerate(sentences):
        if s >= end:
            break
        n = min(e, end) - max(s, start)
        if n > best_len:
            best, best_len = i, n
    return best


def _codes(actors: Sequence[dict[str, Any]]) -> set[str]:
    """A predicted actor's codes: its code, and "COUNTRY/SECTOR" when it has a sector
    (sitrep writes a country-bound group as its country and sector, CAMEO's NGAREB)."""
    out = {a["code"] for a in actors if a.get("code")}
    out |= {f"{a['code']}/{a['sector']}" for a in actors if a.get("code") and a.get("sector")}
    return out


@lru_cache(maxsize=1)
def _org_as_country() -> dict[str, str]:
    """Organisation code -> "COUNTRY/SECTOR" for the country-bound groups of
    organisations.yaml (Boko Haram -> "NGA/REB"): the form sitrep writes them in."""
    gaz = load_actor_gazetteer(None)
    return {o.code: f"{o.country}/{o.sector}" for o in gaz.organisations if o.country and o.sector}


def _gold_codes(codes: Sequence[str]) -> frozenset[str]:
    """A gold actor's codes: as annotated, and a country-bound group also in sitrep's form."""
    orgs = _org_as_country()
    return frozenset(codes) | {orgs[c] for c in codes if c in orgs}


def score(records: Sequence[RealEventsRecord], predicted: Mapping[str, Prediction]) -> TaskResult:
    c: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []
    for rec in records:
        pred = as_contract(predicted.get(rec.id))
        by_sent: dict[int, list[dict[str, Any]]] = {}
        for ev in pred["events"]:
            ev_start, ev_end = ev["evidence"]["start"], ev["evidence"]["end"]
            i = _sentence_of(rec.sentences, ev_start, ev_end)
            c["pred_events"] += 1
            if i is None:
                c["pred_outside"] += 1
                continue
            by_sent.setdefault(i, []).append(ev)
        gold_by_sent: dict[int, list[GoldEvent]] = {}
        for g in rec.events:
            gold_by_sent.setdefault(g.sentence, []).append(g)
        c["gold_events"] += len(rec.events)
        c["sentences"] += len(rec.sentences)
        c["event_sentences"] += len(gold_by_sent)
        for i in sorted(set(by_sent) | set(gold_by_sent)):
            _score_sentence(rec, i, gold_by_sent.get(i, []), by_sent.get(i, []), c, errors)
    sp, sr, sf = prf(c["sent_type_tp"], c["sent_type_pred"], c["sent_type_gold"])
    ep, er, ef = prf(c["event_tp"], c["pred_events"], c["gold_events"])
    metrics = {
        "sentence_type_precision": sp, "sentence_type_recall": sr, "sentence_type_f1": sf,
        "event_precision": ep, "event_recall": er, "event_f1": ef,
        "actor_accuracy": ratio(c["actor_ok"], c["actor_scored"]),
        "recipient_accuracy": ratio(c["recipient_ok"], c["recipient_scored"]),
        "modality_accuracy": ratio(c["modality_ok"], c["event_tp"]),
        "false_event_rate": ratio(c["false_events"], c["pred_events"]),
        "quote_recall": ratio(c["quote_found"], c["quote_gold"]),
    }
    counts = {k: int(v) for k, v in sorted(c.items())}
    counts["records"] = len(records)
    return TaskResult(NAME, metrics, counts, errors)


def _score_sentence(rec: RealEventsRecord, i: int, gold: list[GoldEvent], preds: list[dict[str, Any]],
                    c: Counter[str], errors: list[dict[str, Any]]) -> None:
    s, e = rec.sentences[i]
    sentence = rec.text[s:e]
    gold_types = {g.type for g in gold}
    pred_types = {p["type"] for p in preds}
    c["sent_type_gold"] += len(gold_types)
    c["sent_type_pred"] += len(pred_types)
    c["sent_type_tp"] += len(gold_types & pred_types)
    if not gold:
        c["false_events"] += len(preds)
    for g in gold:
        same_type = [p for p in preds if p["type"] == g.type]
        if g.in_quote:
            c["quote_gold"] += 1
            c["quote_found"] += bool(same_type)
        if not same_type:
            continue
        if g.actor:
            c["actor_scored"] += 1
            c["actor_ok"] += any(_codes(p["actor"]) & _gold_codes(g.actor) for p in same_type)
        if g.recipient:
            c["recipient_scored"] += 1
            c["recipient_ok"] += any(_codes(p["recipient"]) & _gold_codes(g.recipient) for p in same_type)
    # one-to-one event matches: type and an actor code in common (or a gold event with no actor)
    used: set[int] = set()
    matched_gold: set[int] = set()
    for gi, g in enumerate(gold):
        for pi, p in enumerate(preds):
            if pi in used or p["type"] != g.type:
                continue
            if g.actor and not (_codes(p["actor"]) & _gold_codes(g.actor)):
                continue
            used.add(pi)
            matched_gold.add(gi)
            c["event_tp"] += 1
            c["modality_ok"] += p.get("modality") == g.modality
            break
    for gi, g in enumerate(gold):
        if gi not in matched_gold:
            errors.append({"kind": "miss", "id": rec.id, "sentence": sentence, "gold": {
                "type": g.type, "actor": sorted(g.actor), "recipient": sorted(g.recipient),
                "trigger": g.trigger, "in_quote": g.in_quote, "modality": g.modality},
                "predicted": [_brief(p) for p in preds]})
    for pi, p in enumerate(preds):
        if pi not in used:
            errors.append({"kind": "false_event" if not gold else "false_alarm", "id": rec.id, "sentence": sentence,
                           "predicted": _brief(p),
                           "gold": [{"type": g.type, "actor": sorted(g.actor)} for g in gold]})


def _brief(p: dict[str, Any]) -> dict[str, Any]:
    return {"type": p["type"], "actor": sorted({a["code"] for a in p["actor"] if a.get("code")}),
            "recipient": sorted({a["code"] for a in p["recipient"] if a.get("code")}),
            "modality": p.get("modality"), "trigger": p["evidence"]["trigger"], "rule": p["evidence"]["rule"]}
