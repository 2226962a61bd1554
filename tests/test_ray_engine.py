"""The Ray engine: JSONL folder in, flat-schema Parquet out, loadable into the store."""

from __future__ import annotations

import json
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sitrep.engines import article_events, load_parquet_into_store, run_ray
from sitrep.errors import UsageError
from sitrep.export import FLAT_SCHEMA, flat_row
from sitrep.model import Actor, Article, Event, Evidence
from sitrep.store import Store

RECORDS = [
    {"id": "a1", "text": "Russia deployed troops to Belarus on Monday, the defence ministry in Moscow said.",
     "date": "2024-12-02", "source": "Reuters", "url": "https://example.org/a1", "title": "Troops to Belarus"},
    {"id": "a2", "text": "Ukrainian drones struck an oil refinery in the Belgorod region overnight, the governor said.",
     "date": "2024-12-03T08:00:00Z", "source": "AFP"},
    {"id": 3, "text": "China and Russia signed an agreement on Tuesday to expand joint naval exercises in the Pacific."},
    {"id": "a4", "text": "NATO foreign ministers met in Brussels on Wednesday to discuss air defence for Ukraine."},
    {"id": "a5", "text": "   "},  # rejected: empty
    {"id": "a6", "text": "North Korea fired two ballistic missiles into the sea off its east coast on Friday, Seoul said."},
]


def _event(i: int) -> Event:
    return Event(
        type="MOBILIZE", mode=None, context=[], cameo="154", quad_class=4, intensity=-7.2,
        actor=[Actor("Russia", "RUS", None)], recipient=[Actor("Belarus", "BLR", None)], weapons=[],
        location=None, date="2024-12-02", modality="asserted", attribution=None, acled=None,
        evidence=Evidence("Russia deployed troops.", 0, 23, "deployed", 7, 15, f"rule-{i}"),
    )


def test_article_events_are_store_records_that_flat_row_takes():
    article = Article(id="x1", text="Russia deployed troops.", source="AFP", date="2024-12-01")
    article.events = [_event(0), _event(1)]
    records = article_events(article)
    assert [r["event_id"] for r in records] == ["x1:0", "x1:1"]
    row = flat_row(records[0])
    assert set(row) == set(FLAT_SCHEMA.names)
    assert (row["Actor1CountryCode"], row["Actor2CountryCode"], row["SourceName"]) == ("RUS", "BLR", "AFP")


def test_load_parquet_into_store_is_idempotent(tmp_path):
    article = Article(id="x1", text="Russia deployed troops.")
    article.events = [_event(0), _event(1)]
    rows = [flat_row(r) for r in article_events(article)]
    folder = tmp_path / "events"
    folder.mkdir()
    pq.write_table(pa.Table.from_pylist(rows, schema=FLAT_SCHEMA), folder / "part-0.parquet")
    with Store.open(tmp_path / "db.duckdb") as store:
        assert load_parquet_into_store(store, folder) == 2
        assert load_parquet_into_store(store, folder) == 0
        got = store.sql("SELECT GLOBALEVENTID, Rule FROM ray_events ORDER BY 1")
    assert got == [{"GLOBALEVENTID": "x1:0", "Rule": "rule-0"}, {"GLOBALEVENTID": "x1:1", "Rule": "rule-1"}]


def test_without_ray_the_error_names_the_extra(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError
    (tmp_path / "in.jsonl").write_text("{}\n")
    with pytest.raises(UsageError, match=r"sitrep\[ray\]"):
        run_ray(str(tmp_path / "in.jsonl"), str(tmp_path / "out"))


def test_refuses_a_non_empty_output_folder(tmp_path):
    (tmp_path / "in.jsonl").write_text("{}\n")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "old.parquet").write_bytes(b"x")
    with pytest.raises(UsageError, match="not empty"):
        run_ray(str(tmp_path / "in.jsonl"), str(tmp_path / "out"))


@pytest.mark.slow
def test_local_ray_two_workers_jsonl_folder_to_parquet(tmp_path):
    pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    src = tmp_path / "corpus"
    src.mkdir()
    lines = [json.dumps(r) for r in RECORDS]
    (src / "part-0.jsonl").write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    (src / "part-1.jsonl").write_text("\n".join([*lines[3:], "{not json"]) + "\n", encoding="utf-8")
    out = tmp_path / "events"

    counts = run_ray(str(src), str(out), num_workers=2, batch_size=2)

    assert counts["articles"] == len(RECORDS) + 1
    assert counts["rejections"] == {"empty": 1, "malformed_json": 1}
    assert counts["coded"] == len(RECORDS) - 1
    assert counts["events"] > 0
    table = pq.read_table(out)
    assert table.num_rows == counts["events"]
    assert table.schema.names == FLAT_SCHEMA.names
    assert set(table.column("ArticleID").to_pylist()) <= {"a1", "a2", "3", "a4", "a6"}

    with Store.open(tmp_path / "db.duckdb") as store:
        assert load_parquet_into_store(store, out) == counts["events"]
