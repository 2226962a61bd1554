"""The `sitrep code` output contract: one JSON object per input article.

The shape is fixed by `schemas/code_output.schema.json`; scripts and the
evaluation harness depend on it. Offsets are character offsets into the input
`text`. Unknown values are `null`.

Quote records come in two lists by their kind (`Quote.kind`): "quotes" holds the statements
(quoted speech and reported claims that state something), "stances" the positions taken toward
a thing ('the minister praised the agreement' -> "the agreement"). Both have the same record shape.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from sitrep.model import Actor, Article, Event, Quote, Weapon

SCHEMA_VERSION = 1


def _actor(a: Actor) -> dict[str, Any]:
    return {"text": a.text, "code": a.code, "sector": a.sector}


def _weapon(w: Weapon) -> dict[str, Any]:
    return {"text": w.text, "name": w.name, "class": w.weapon_class, "origin": w.origin}


def quote_to_dict(q: Quote) -> dict[str, Any]:
    out: dict[str, Any] = {
        "content": q.content,
        "start": q.start,
        "end": q.end,
        "speaker": q.speaker,
        "speaker_start": q.speaker_start,
        "speaker_end": q.speaker_end,
        "speaker_type": q.speaker_type,
        "speaker_title": q.speaker_title,
        "cue": q.cue,
        "direct": q.direct,
        "spans": [[a, b] for a, b in q.spans],
    }
    return out


def event_to_dict(e: Event) -> dict[str, Any]:
    loc = e.location
    return {
        "type": e.type,
        "mode": e.mode,
        "context": list(e.context),
        "cameo": e.cameo,
        "quad_class": e.quad_class,
        "intensity": e.intensity,
        "actor": [_actor(a) for a in e.actor],
        "recipient": [_actor(a) for a in e.recipient],
        "weapons": [_weapon(w) for w in e.weapons],
        "location": None
        if loc is None
        else {
            "text": loc.text,
            "start": loc.start,
            "end": loc.end,
            "lat": loc.lat,
            "lon": loc.lon,
            "country": loc.country,
        },
        "date": e.date,
        "modality": e.modality,
        "attribution": None
        if e.attribution is None
        else {
            "speaker": e.attribution.speaker,
            "speaker_type": e.attribution.speaker_type,
            "speaker_title": e.attribution.speaker_title,
            "direct": e.attribution.direct,
            "cue": e.attribution.cue,
        },
        "acled": None
        if e.acled is None
        else {"event_type": e.acled.event_type, "sub_event_type": e.acled.sub_event_type},
        "evidence": {
            "sentence": e.evidence.sentence,
            "start": e.evidence.start,
            "end": e.evidence.end,
            "trigger": e.evidence.trigger,
            "trigger_start": e.evidence.trigger_start,
            "trigger_end": e.evidence.trigger_end,
            "rule": e.evidence.rule,
            "model": e.evidence.model,
            "probability": e.evidence.probability,
        },
    }


def article_to_dict(article: Article) -> dict[str, Any]:
    """The contract record of one coded (or rejected) article."""
    rej = article.rejected
    out: dict[str, Any] = {
        "id": article.id,
        "rejected": None if rej is None else {"reason": rej.reason, "detail": rej.detail},
        "entities": [],
        "quotes": [],
        "stances": [],
        "events": [],
    }
    for ent in article.entities:
        d: dict[str, Any] = {"text": ent.text, "start": ent.start, "end": ent.end, "type": ent.type}
        if ent.code is not None:
            d["code"] = ent.code
        if ent.sector is not None:
            d["sector"] = ent.sector
        if ent.source == "coref":  # a pronoun: what it refers to (None: unresolved or the author)
            d["refers_to"] = ent.refers_to
        out["entities"].append(d)
    out["quotes"] = [quote_to_dict(q) for q in article.quotes if q.kind != "stance"]
    out["stances"] = [quote_to_dict(q) for q in article.quotes if q.kind == "stance"]
    out["events"] = [event_to_dict(e) for e in article.events]
    return out


def dumps(article: Article) -> str:
    return json.dumps(article_to_dict(article), ensure_ascii=False)


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema of one output line."""
    text = resources.files("sitrep").joinpath("schemas/code_output.schema.json").read_text("utf-8")
    return json.loads(text)
