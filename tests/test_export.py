"""Exporting events: every format and shape round-trips."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sitrep.contract import event_to_dict
from sitrep.errors import UsageError
from sitrep.export import FLAT_COLUMNS, LIST_COLUMNS, NESTED_SCHEMA, export_events, flat_row
from sitrep.model import AcledType, Actor, Article, Attribution, Event, Evidence, Place, Weapon
from sitrep.store import Store

DOCS = Path(__file__).resolve().parents[1] / "docs" / "export-schemas.md"


def make_articles() -> list[Article]:
    assault = Event(
        type="ASSAULT",
        mode="drone",
        context=["military", "terrorism"],
        cameo="1823",
        quad_class=4,
        intensity=-10.0,
        actor=[Actor("Russian forces", "RUS", "MIL"), Actor("Wagner", "WAGNER", "REB")],
        recipient=[Actor("Ukraine", "UKR", None)],
        weapons=[
            Weapon("Shahed drones", "Shahed-136", "loitering munition", "IRN"),
            Weapon("missiles", "Kh-101", "cruise missile", "RUS"),
        ],
        location=Place("Kyiv", 40, 44, 50.45, 30.52, "UKR"),
        date="2024-03-01",
        modality="asserted",
        attribution=Attribution("officials", "anonymous_official", False, "said"),
        acled=AcledType("Explosions/Remote violence", "Air/drone strike"),
        evidence=Evidence("Russian forces struck Kyiv.", 0, 27, "struck", 15, 21, "assault.strike"),
        date_precision="day",
    )
    consult = Event(
        type="CONSULT",
        mode=None,
        context=[],
        cameo="04",
        quad_class=1,
        intensity=1.0,
        actor=[Actor("NATO", "NATO", None), Actor("an envoy", None, "GOV")],
        recipient=[],
        weapons=[],
        location=None,
        date=None,
        modality="announced",
        attribution=None,
        acled=None,
        evidence=Evidence("NATO met.", 0, 9, "met", 5, 8, "consult.meet"),
    )
    a1 = Article(
        id="e1", text="Russian forces struck Kyiv.", title="Strike", date="2024-03-02",
        url="https://example.org/e1", source="Example News", events=[assault],
    )
    a2 = Article(
        id="e2", text="NATO met.", title="Talks", date="2024-04-05",
        url="https://example.org/e2", source="Other Wire", events=[consult],
    )
    rejected = Article(id="r1", text="", origin="x.txt").reject("empty")
    return [a1, a2, rejected]


@pytest.fixture()
def db(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(tmp_path / "x.duckdb")
    store.add(make_articles())
    yield store
    store.close()


def test_parquet_nested_round_trips(db: Store, tmp_path: Path) -> None:
    out = tmp_path / "ev.parquet"
    assert export_events(db, out, fmt="parquet", shape="nested") == 2
    table = pq.read_table(out)
    assert table.schema.equals(NESTED_SCHEMA)
    rows = table.to_pylist()
    expected = [event_to_dict(e) for a in make_articles() for e in a.events]
    for row, exp in zip(rows, expected, strict=True):
        exp = {**exp, "date": date.fromisoformat(exp["date"]) if exp["date"] else None}
        assert {k: row[k] for k in exp} == exp
    assert rows[0]["event_id"] == "e1:0"
    # dates are DATE columns in Parquet
    assert table.schema.field("date").type == "date32[day]" and table.schema.field("article_date").type == "date32[day]"
    assert (rows[0]["source"], rows[0]["url"], rows[0]["title"], rows[0]["article_date"]) == (
        "Example News", "https://example.org/e1", "Strike", date(2024, 3, 2),
    )
    assert rows[1]["location"] is None and rows[1]["recipient"] == []
    as_text = [{**r, "date": r["date"] and r["date"].isoformat(), "article_date": r["article_date"].isoformat()}
               for r in rows]
    assert as_text == [{k: r.get(k) for k in NESTED_SCHEMA.names} for r in db.events()]
    assert rows[0]["cluster_id"] is None and rows[0]["story_id"] is None  # this fixture is not clustered


def test_jsonl_nested_round_trips(db: Store, tmp_path: Path) -> None:
    out = tmp_path / "ev.jsonl"
    assert export_events(db, out, fmt="jsonl", shape="nested") == 2
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(rows) == 2
    assert rows[0]["weapons"][1] == {"text": "missiles", "name": "Kh-101", "class": "cruise missile", "origin": "RUS"}
    assert rows[0]["attribution"]["speaker_type"] == "anonymous_official"
    assert rows[1]["attribution"] is None
    assert list(rows[0]) == NESTED_SCHEMA.names


def expected_flat_first() -> dict[str, object]:
    return {
        "GLOBALEVENTID": "e1:0",
        "SQLDATE": 20240301,
        "DATE": date(2024, 3, 1),
        "Actor1Code": "RUS",
        "Actor1Name": "Russian forces",
        "Actor1CountryCode": "RUS",
        "Actor1KnownGroupCode": None,
        "Actor1Type1Code": "MIL",
        "Actor2Code": "UKR",
        "Actor2Name": "Ukraine",
        "Actor2CountryCode": "UKR",
        "Actor2KnownGroupCode": None,
        "Actor2Type1Code": None,
        "EventCode": "1823",
        "EventBaseCode": "182",
        "EventRootCode": "18",
        "QuadClass": 4,
        "GoldsteinScale": -10.0,
        "NumMentions": 1,
        "NumSources": 1,
        "NumArticles": 1,
        "ActionGeo_Type": 4,  # a point in the country, not its centroid
        "ActionGeo_FullName": "Kyiv",
        "ActionGeo_CountryCode": "UKR",
        "ActionGeo_ADM1Code": "UA.12",  # GeoNames' first-level division of Kyiv (the city itself)
        "ActionGeo_Lat": 50.45,
        "ActionGeo_Long": 30.52,
        "SOURCEURL": "https://example.org/e1",
        "ArticleID": "e1",
        "SourceName": "Example News",
        "GeoPrecision": "city",
        "ClusterID": None,  # this fixture is not clustered: one mention, one article, one source
        "StoryID": None,
        "IndependentOrigins": None,
        "Reliability": None,
        "Credibility": None,
        "ActorCodes": ["RUS", "WAGNER"],
        "RecipientCodes": ["UKR"],
        "PloverType": "ASSAULT",
        "PloverMode": "drone",
        "PloverContext": ["military", "terrorism"],
        "Modality": "asserted",
        "DatePrecision": "day",
        "Weapons": ["Shahed-136", "Kh-101"],
        "SpeakerType": "anonymous_official",
        "Speaker": "officials",
        "AcledEventType": "Explosions/Remote violence",
        "AcledSubEventType": "Air/drone strike",
        "Sentence": "Russian forces struck Kyiv.",
        "Trigger": "struck",
        "Rule": "assault.strike",
        "ModelProbability": None,  # no detector read this hand-made event
    }


def test_parquet_flat_round_trips(db: Store, tmp_path: Path) -> None:
    out = tmp_path / "flat.parquet"
    assert export_events(db, out, fmt="parquet", shape="flat") == 2
    rows = pq.read_table(out).to_pylist()
    assert rows[0] == expected_flat_first()
    second = rows[1]
    # no event date: the article date; org code is a known group, not a country
    assert second["SQLDATE"] == 20240405
    assert (second["Actor1Code"], second["Actor1CountryCode"], second["Actor1KnownGroupCode"]) == ("NATO", None, "NATO")
    assert second["DATE"] == date(2024, 4, 5)
    assert second["ActorCodes"] == ["NATO", None]  # the envoy has no code: a null item
    assert second["Actor2Code"] is None and second["RecipientCodes"] == []
    assert (second["EventCode"], second["EventBaseCode"], second["EventRootCode"]) == ("04", "040", "04")
    assert second["Weapons"] == [] and second["ActionGeo_Lat"] is None
    assert second["GeoPrecision"] is None and second["ActionGeo_Type"] is None
    assert second["ActionGeo_ADM1Code"] is None
    schema = pq.read_schema(out)
    assert str(schema.field("DATE").type) == "date32[day]"
    for name in ("ActorCodes", "RecipientCodes", "Weapons", "PloverContext"):
        assert pa.types.is_list(schema.field(name).type) and schema.field(name).type.value_type == pa.string(), name


def test_csv_flat_round_trips(db: Store, tmp_path: Path) -> None:
    out = tmp_path / "flat.csv"
    assert export_events(db, out, fmt="csv", shape="flat") == 2
    with out.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == [name for name, _ in FLAT_COLUMNS]
        rows = list(reader)
    assert len(rows) == 2
    joined = {k: ";".join(v) if k in LIST_COLUMNS else v for k, v in expected_flat_first().items()}
    expected = {k: "" if v is None else str(v) for k, v in joined.items()}
    assert rows[0] == expected
    assert rows[0]["DATE"] == "2024-03-01"
    assert rows[1]["ActorCodes"] == "NATO;" and rows[1]["RecipientCodes"] == ""  # empty slot for an uncoded actor


def test_jsonl_flat_round_trips(db: Store, tmp_path: Path) -> None:
    out = tmp_path / "flat.jsonl"
    assert export_events(db, out, fmt="jsonl", shape="flat") == 2
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert rows[0] == {**expected_flat_first(), "DATE": "2024-03-01"}


def test_json_is_one_array(db: Store, tmp_path: Path) -> None:
    out = tmp_path / "ev.json"
    assert export_events(db, out, fmt="json", shape="nested") == 2
    rows = json.loads(out.read_text("utf-8"))
    assert isinstance(rows, list) and [r["event_id"] for r in rows] == ["e1:0", "e2:0"]
    assert export_events(db, out, fmt="json", shape="flat", type="AID") == 0
    assert json.loads(out.read_text("utf-8")) == []


def test_geo_precision_tells_a_country_centroid_from_a_point() -> None:
    from sitrep.export import _centroids, geo_precision

    lat, lon = _centroids()["RUS"]
    assert geo_precision({"lat": lat, "lon": lon, "country": "RUS"}) == "country"
    assert geo_precision({"lat": 55.75, "lon": 37.62, "country": "RUS"}) == "city"
    assert geo_precision({"lat": None, "lon": None, "country": "RUS"}) is None
    assert geo_precision(None) is None


def test_flat_counts_come_from_the_cluster(tmp_path: Path) -> None:
    from sitrep import corroborate
    from sitrep.model import Actor, Article, Event, Evidence

    def report(i: int, source: str) -> Article:
        ev = Event(type="ASSAULT", mode=None, context=[], cameo="190", quad_class=4, intensity=-10.0,
                   actor=[Actor("Russia", "RUS", None)], recipient=[Actor("Ukraine", "UKR", None)],
                   weapons=[], location=None, date="2024-03-01", modality="asserted", attribution=None,
                   acled=None, evidence=Evidence(f"Russia attacked Ukraine {i}.", 0, 20, "attacked", 7, 15, "r"),
                   date_precision="day")
        return Article(id=f"c{i}", text=f"Russia attacked Ukraine {i} with many things today.", title=f"T{i}",
                       date="2024-03-01", source=source, events=[ev])

    with Store.open(tmp_path / "c.duckdb") as store:
        store.add([report(1, "Wire A"), report(2, "Wire B"), report(3, "Wire B")])
        corroborate.update_clusters(store, ["c1", "c2", "c3"])
        out = tmp_path / "c.parquet"
        assert export_events(store, out, fmt="parquet", shape="flat") == 3
        rows = pq.read_table(out).to_pylist()
        nested = tmp_path / "c.jsonl"
        export_events(store, nested, fmt="jsonl", shape="nested")
        records = [json.loads(line) for line in nested.read_text("utf-8").splitlines()]
    # the nested records carry the same cluster and story ids as the flat rows
    assert {(r["cluster_id"], r["story_id"]) for r in records} == {(r["ClusterID"], r["StoryID"]) for r in rows}
    assert {r["ClusterID"] for r in rows} and None not in {r["ClusterID"] for r in rows}
    assert len({r["ClusterID"] for r in rows}) == 1
    assert all(r["StoryID"] for r in rows)
    assert {(r["NumMentions"], r["NumArticles"], r["NumSources"]) for r in rows} == {(3, 3, 2)}
    assert all(r["IndependentOrigins"] in (1, 2) and r["Credibility"] is not None for r in rows)


def test_csv_nested_is_a_usage_error(db: Store, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="CSV supports only --shape flat"):
        export_events(db, tmp_path / "x.csv", fmt="csv", shape="nested")
    with pytest.raises(UsageError, match="format"):
        export_events(db, tmp_path / "x.xml", fmt="xml", shape="flat")  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="shape"):
        export_events(db, tmp_path / "x.csv", fmt="csv", shape="wide")  # type: ignore[arg-type]
    assert not (tmp_path / "x.csv").exists()


def test_export_filters(db: Store, tmp_path: Path) -> None:
    out = tmp_path / "f.jsonl"
    assert export_events(db, out, fmt="jsonl", shape="flat", type="CONSULT") == 1
    assert json.loads(out.read_text("utf-8"))["GLOBALEVENTID"] == "e2:0"
    assert export_events(db, out, fmt="jsonl", shape="flat", weapon="cruise missile", since="2024-01-01") == 1
    assert export_events(db, out, fmt="parquet", shape="nested", country="FRA") == 0
    assert pq.read_table(out).num_rows == 0


def test_flat_row_matches_schema_columns(db: Store) -> None:
    assert list(flat_row(db.events()[0])) == [name for name, _ in FLAT_COLUMNS]


def test_every_export_column_is_documented() -> None:
    text = DOCS.read_text("utf-8")
    documented = set(re.findall(r"^\|\s*`([^`]+)`", text, flags=re.MULTILINE))
    missing = [n for n, _ in FLAT_COLUMNS if n not in documented]
    missing += [n for n in NESTED_SCHEMA.names if n not in documented]
    assert missing == []


def test_events_frame_is_the_exports_table_for_notebooks(db: Store, tmp_path: Path) -> None:
    table = db.events_frame()
    assert isinstance(table, pa.Table)
    out = tmp_path / "flat.parquet"
    export_events(db, out, fmt="parquet", shape="flat")
    assert table.equals(pq.read_table(out))  # same rows, columns and types as the Parquet export
    frame = db.events_frame(pandas=True, type="CONSULT")
    assert list(frame["GLOBALEVENTID"]) == ["e2:0"]
    nested = db.events_frame(shape="nested", country="FRA")
    assert nested.num_rows == 0 and str(nested.schema.field("date").type) == "date32[day]"
    with pytest.raises(UsageError):
        db.events_frame(shape="wide")


def test_database_views_give_each_event_once_with_its_lists(db: Store) -> None:
    rows = db.sql("SELECT * FROM event_rows ORDER BY event_id")
    assert [r["event_id"] for r in rows] == sorted(ev["event_id"] for ev in db.events())
    first = rows[0]
    assert first["actor_codes"] == ["RUS", "WAGNER"] and first["recipient_codes"] == ["UKR"]
    assert first["weapons"] == ["Shahed-136", "Kh-101"] and str(first["date"]) == "2024-03-01"
    second = rows[1]
    assert second["actor_codes"] == ["NATO", None] and second["weapons"] == []  # a null item, an empty list
    assert str(second["date"]) == "2024-04-05"  # no event date: the article's
    nested = db.sql("SELECT actor, weapons, evidence FROM event_records ORDER BY event_id")
    assert nested[0]["actor"][0] == {"text": "Russian forces", "code": "RUS", "sector": "MIL"}
    assert nested[0]["evidence"]["rule"] == "assault.strike"
