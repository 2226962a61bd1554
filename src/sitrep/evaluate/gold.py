"""Loaders for the gold files: one JSON object per line,
`{"id", "dataset", "text", "labels", "meta"}`, turned into small typed records.

The gold data lives outside the repository (`../shared/gold` next to it, or
`SITREP_GOLD_DIR`) and is read at run time only: nothing from it is copied
into sitrep. Offsets are character offsets into `text`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.errors import InputError

GOLD_ENV = "SITREP_GOLD_DIR"

# src/sitrep/evaluate/gold.py -> repository root is three folders up from this one
REPO_ROOT = Path(__file__).resolve().parents[3]

POLNEAR_DEV = "polnear_dev.jsonl"
POLNEAR_TRAIN = "polnear_train.jsonl"
RE3D = "re3d.jsonl"
PLOVER_GSR = "plover_gsr_cameo.jsonl"
CASE2021 = "case2021_task2.jsonl"
EVENT_LOCATION = "event_location_gold.jsonl"
PLOVER_SYNTHETIC = "plover_synthetic_train.jsonl"
# every third machine-written story (index 0, 3, 6, ...): all 4,500 take ~3 minutes to code
# (2 cores), a third ~1 minute; the stories come in blocks of 12 per title, so each third has
# every event type and title template in the same proportions
SYNTHETIC_EVERY = 3
SEED_ARTICLE = Path("corpus") / "belarus-russia-oreshnik-division.txt"  # relative to the gold dir's parent
SEED_DATE = "2024-12-01"


def default_gold_dir() -> Path:
    """`SITREP_GOLD_DIR` if set, else `../shared/gold` beside the repository."""
    env = os.environ.get(GOLD_ENV)
    if env:
        return Path(env)
    return REPO_ROOT.parent / "shared" / "gold"


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str = ""

    @property
    def empty(self) -> bool:
        return self.end <= self.start


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    id: str
    type: str  # "Attribution" | "Attribution-no-source"
    source: tuple[Span, ...]
    cue: tuple[Span, ...]
    content: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class AttributionRecord:
    id: str
    text: str
    date: str | None
    article: str  # same article, several annotators -> several records
    attributions: tuple[GoldAttribution, ...]


@dataclass(frozen=True, slots=True)
class GoldEntity:
    type: str  # re3d's type name (Person, Organisation, ...)
    start: int
    end: int
    text: str
    confidence: float


@dataclass(frozen=True, slots=True)
class EntityRecord:
    id: str
    text: str
    date: str | None
    entities: tuple[GoldEntity, ...]


@dataclass(frozen=True, slots=True)
class GoldActor:
    text: str
    code: str | None
    sector: str | None


@dataclass(frozen=True, slots=True)
class PloverRecord:
    id: str
    text: str
    date: str | None
    event: str  # as annotated (PLOVER 0.5b1 names)
    mode: str | None
    context: tuple[str, ...]
    source: tuple[GoldActor, ...]
    target: tuple[GoldActor, ...]


@dataclass(frozen=True, slots=True)
class SyntheticRecord:
    id: str
    text: str
    date: str | None
    event: str  # the one PLOVER event type the story was written for (not gold)
    mode: str | None


@dataclass(frozen=True, slots=True)
class AcledRecord:
    id: str
    text: str
    date: str | None
    event_type: str  # CASE 2021 type name (ARMED_CLASH, ...)
    seen_in_acled: bool


@dataclass(frozen=True, slots=True)
class LocationRecord:
    id: str
    text: str
    date: str | None
    verb: Span | None
    locations: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class SeedRecord:
    id: str
    text: str
    date: str | None


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The records of one gold file, in order."""
    try:
        fh = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read gold file {path}: {exc.strerror or exc}") from exc
    with fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{n}: not JSON: {exc.msg}") from exc


def _spans(items: list[dict[str, Any]] | None) -> tuple[Span, ...]:
    return tuple(Span(int(s["start"]), int(s["end"]), s.get("text", "")) for s in items or ())


def _actors(items: list[dict[str, Any]] | None) -> tuple[GoldActor, ...]:
    return tuple(GoldActor(a.get("text", ""), a.get("code"), a.get("sector")) for a in items or ())


def load_polnear(path: Path) -> list[AttributionRecord]:
    out = []
    for r in read_jsonl(path):
        meta = r.get("meta") or {}
        atts = tuple(
            GoldAttribution(
                id=a.get("id", ""),
                type=a.get("type", "Attribution"),
                source=_spans(a.get("source")),
                cue=_spans(a.get("cue")),
                content=_spans(a.get("content")),
            )
            for a in r["labels"].get("attributions", [])
        )
        out.append(AttributionRecord(r["id"], r["text"], meta.get("date"), meta.get("article") or r["id"], atts))
    return out


def load_re3d(path: Path) -> list[EntityRecord]:
    out = []
    for r in read_jsonl(path):
        ents = tuple(
            GoldEntity(e["type"], int(e["start"]), int(e["end"]), e.get("text", ""), float(e.get("confidence", 1)))
            for e in r["labels"].get("entities", [])
        )
        out.append(EntityRecord(r["id"], r["text"], (r.get("meta") or {}).get("date"), ents))
    return out


def load_plover(path: Path) -> list[PloverRecord]:
    out = []
    for r in read_jsonl(path):
        lab = r["labels"]
        out.append(
            PloverRecord(
                id=r["id"],
                text=r["text"],
                date=(r.get("meta") or {}).get("date"),
                event=lab["event"],
                mode=lab.get("mode"),
                context=tuple(lab.get("context") or ()),
                source=_actors(lab.get("source")),
                target=_actors(lab.get("target")),
            )
        )
    return out


def load_plover_synthetic(path: Path, every: int = SYNTHETIC_EVERY, offset: int = 0) -> list[SyntheticRecord]:
    """The machine-written PLOVER stories, every `every`-th one from index `offset`
    (a fixed, deterministic subset; `every=1` reads them all)."""
    out = []
    for n, r in enumerate(read_jsonl(path)):
        if n % every != offset:
            continue
        lab = r["labels"]
        out.append(SyntheticRecord(r["id"], r["text"], (r.get("meta") or {}).get("date"), lab["event"], lab.get("mode")))
    return out


def load_case2021(path: Path) -> list[AcledRecord]:
    return [
        AcledRecord(
            r["id"],
            r["text"],
            (r.get("meta") or {}).get("date"),
            r["labels"]["event_type"],
            bool(r["labels"].get("seen_in_acled")),
        )
        for r in read_jsonl(path)
    ]


def load_event_location(path: Path) -> list[LocationRecord]:
    out = []
    for r in read_jsonl(path):
        lab = r["labels"]
        verb = lab.get("verb")
        out.append(
            LocationRecord(
                id=r["id"],
                text=r["text"],
                date=(r.get("meta") or {}).get("date"),
                verb=None if verb is None else Span(int(verb["start"]), int(verb["end"]), verb.get("text", "")),
                locations=_spans(lab.get("locations")),
            )
        )
    return out


def load_seed(gold_dir: Path) -> list[SeedRecord]:
    """The founding article, read from `<gold_dir>/../corpus/`."""
    path = gold_dir.parent / SEED_ARTICLE
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read the seed article {path}: {exc.strerror or exc}") from exc
    return [SeedRecord("seed:" + path.stem, text, SEED_DATE)]
