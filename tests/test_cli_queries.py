"""The query commands on a small hand-made database (no model): filters, formats,
global options after the command, settings validation and output safety."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from sitrep import corroborate
from sitrep.cli import cli
from sitrep.model import Actor, Article, Event, Evidence, Place, Weapon
from sitrep.settings import settings_markdown
from sitrep.store import Store

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def _event(i: int, actor: Actor, weapons: list[Weapon], place: Place | None, day: str, etype: str = "MOBILIZE") -> Event:
    return Event(type=etype, mode=None, context=["military"], cameo="150", quad_class=4, intensity=-7.2,
                 actor=[actor], recipient=[], weapons=weapons, location=place, date=day, modality="asserted",
                 attribution=None, acled=None,
                 evidence=Evidence(f"Sentence {i}.", 0, 11, "deployed", 0, 8, "lexicon:test"), date_precision="day")


def articles() -> list[Article]:
    rus = Actor("Russia", "RUS", None)
    blr = Actor("Belarus", "BLR", None)
    iskander = Weapon("Iskander-M", "Iskander-M", "SRBM", "RUS")
    oreshnik = Weapon("Oreshnik", "Oreshnik", "IRBM", "RUS")
    minsk = Place("Minsk", 0, 5, 53.9, 27.57, "BLR")
    out = []
    specs = [
        ("r1", rus, [iskander], minsk, "2024-12-02", "Wire A"),
        ("r2", rus, [oreshnik], None, "2024-12-20", "Wire B"),
        ("b1", blr, [], minsk, "2024-12-03", "Wire C"),
        ("b2", blr, [], None, "2025-02-01", "Wire D"),
    ]
    for i, (aid, actor, weapons, place, day, source) in enumerate(specs):
        ev = _event(i, actor, weapons, place, day)
        out.append(Article(id=aid, text=f"Text of article {aid} long enough to be coded.", title=aid, date=day,
                           source=source, events=[ev]))
    return out


@pytest.fixture()
def db(tmp_path: Path) -> str:
    path = tmp_path / "q.duckdb"
    with Store.open(path) as store:
        arts = articles()
        store.add(arts)
        corroborate.update_clusters(store, [a.id for a in arts])
    return str(path)


def _jsonl(output: str) -> list[dict]:
    return [json.loads(x) for x in output.splitlines() if x.strip()]


# --- 1. queries -----------------------------------------------------------------

def test_actor_matches_codes_exactly_not_names(db: str) -> None:
    rows = _jsonl(run("events", "--db", db, "--actor", "RUS", "--format", "jsonl").output)
    assert sorted(r["article_id"] for r in rows) == ["r1", "r2"]  # "Belarus" contains "rus": not a match
    rows = _jsonl(run("events", "--db", db, "--actor", "rus", "--format", "jsonl").output)
    assert sorted(r["article_id"] for r in rows) == ["r1", "r2"]
    rows = _jsonl(run("events", "--db", db, "--actor-name", "rus", "--format", "jsonl").output)
    assert sorted(r["article_id"] for r in rows) == ["b1", "b2", "r1", "r2"]  # the name search is separate
    clusters = _jsonl(run("events", "--db", db, "--clusters", "--actor", "RUS", "--format", "jsonl").output)
    assert clusters and all("RUS" in c["actors"] for c in clusters)


def test_every_events_filter_works_with_clusters(db: str) -> None:
    def cluster_articles(*args: str) -> set[str]:
        res = run("events", "--db", db, "--clusters", "--format", "json", *args)
        assert res.exit_code == 0, res.output
        return {rep["article_id"] for c in json.loads(res.output) for rep in c["reports"]}

    everything = cluster_articles()
    assert everything == {"r1", "r2", "b1", "b2"}
    assert cluster_articles("--weapon", "Oreshnik") == {"r2"}
    assert cluster_articles("--weapon", "srbm") == {"r1"}
    assert cluster_articles("--country", "BLR") == {"r1", "b1", "b2"}  # location in Belarus, or a Belarus actor
    assert cluster_articles("--actor-name", "belarus") == {"b1", "b2"}
    assert cluster_articles("--since", "2025-01-01") == {"b2"}
    assert cluster_articles("--type", "ASSAULT") == set()
    assert run("events", "--db", db, "--clusters", "--type", "NOPE").exit_code == 2
    assert run("events", "--db", db, "--since", "last week").exit_code == 2


def test_report_honours_the_filters_and_counts_the_period(db: str) -> None:
    res = run("report", "--db", db, "--since", "2025-01-01")
    assert res.exit_code == 0
    assert "1 events in 1 articles" in res.output and "No events" not in res.output
    assert "4 articles coded" not in res.output
    res = run("report", "--db", db, "--since", "2030-01-01")
    assert "0 events in 0 articles" in res.output and "No events match the filters." in res.output
    res = run("report", "--db", db, "--actor", "RUS")
    assert "2 events in 2 articles" in res.output and "| BLR |" not in res.output
    res = run("report", "--db", db, "--weapon", "Oreshnik", "--country", "RUS", "--type", "MOBILIZE")
    assert "1 events in 1 articles" in res.output and "Oreshnik" in res.output
    assert "4 articles coded" in run("report", "--db", db).output


# --- 2. global options after the command ------------------------------------------

def test_global_options_after_the_command(db: str, tmp_path: Path) -> None:
    out = tmp_path / "e.jsonl"
    res = run("export", "--db", db, str(out), "-q")
    assert res.exit_code == 0 and res.output == ""  # -q after the command silences the summary
    assert run("events", "--db", db, "-v", "--format", "jsonl", "--parse", "full", "--model", "x").exit_code == 0
    assert run("events", "--db", db, "--parse=fast", "-qv").exit_code == 0
    assert run("events", "--db", db, "--parse", "bogus").exit_code == 2
    res = run("-q", "export", "--db", db, str(out))
    assert res.exit_code == 0 and res.output == ""


def test_hoisting_leaves_option_values_alone() -> None:
    from sitrep.cli import _hoist_globals

    ctx = cli.make_context("sitrep", ["settings"], resilient_parsing=True)
    args = ["ingest", "--date", "2024-01-01", "-q", "x.txt", "--", "-v"]
    assert _hoist_globals(cli, ctx, args) == ["-q", "ingest", "--date", "2024-01-01", "x.txt", "--", "-v"]
    args = ["export", "--actor", "-q", "out.csv"]  # '-q' is the value of --actor here
    assert _hoist_globals(cli, ctx, args) == args


# --- 3. formats -----------------------------------------------------------------

def test_json_is_an_array_and_jsonl_is_lines(db: str) -> None:
    arr = json.loads(run("events", "--db", db, "--format", "json").output)
    assert isinstance(arr, list) and len(arr) == 4
    lines = _jsonl(run("events", "--db", db, "--format", "jsonl").output)
    assert [r["event_id"] for r in lines] == [r["event_id"] for r in arr]
    assert json.loads(run("events", "--db", db, "--format", "json", "--type", "AID").output) == []
    clusters = json.loads(run("events", "--db", db, "--clusters", "--format", "json").output)
    assert isinstance(clusters, list) and clusters
    assert len(_jsonl(run("events", "--db", db, "--clusters", "--format", "jsonl").output)) == len(clusters)


def test_export_takes_shape_and_format_from_the_extension(db: str, tmp_path: Path) -> None:
    csv_out = tmp_path / "x.csv"
    res = run("export", "--db", db, str(csv_out))
    assert res.exit_code == 0, res.output
    assert csv_out.read_text("utf-8").startswith("GLOBALEVENTID,")
    pq_out = tmp_path / "x.parquet"
    assert run("-q", "export", "--db", db, str(pq_out)).exit_code == 0
    assert "GLOBALEVENTID" in pq.read_table(pq_out).column_names
    js = tmp_path / "x.json"
    assert run("-q", "export", "--db", db, str(js), "--limit", "2").exit_code == 0
    rows = json.loads(js.read_text("utf-8"))
    assert len(rows) == 2 and "evidence" in rows[0]  # nested
    jl = tmp_path / "x.jsonl"
    assert run("-q", "export", "--db", db, str(jl), "--shape", "flat", "--actor", "RUS").exit_code == 0
    assert [r["ArticleID"] for r in _jsonl(jl.read_text("utf-8"))] == ["r1", "r2"]
    assert run("export", "--db", db, str(tmp_path / "x.xml")).exit_code == 2


# --- 4. settings -------------------------------------------------------------------

@pytest.mark.parametrize("env", [{"SITREP_MAX_CHARS": "abc"}, {"SITREP_PARSE": "bogus"}, {"SITREP_DETECTOR": "maybe"},
                                 {"SITREP_MIN_CHARS": "-3"}, {"SITREP_DEFAULT_DATE": "yesterday"}])
def test_bad_settings_are_usage_errors(env: dict[str, str], db: str) -> None:
    res = CliRunner().invoke(cli, ["settings"], env=env)
    assert res.exit_code == 2 and res.exception is not None and isinstance(res.exception, SystemExit)
    name = next(iter(env))
    assert name in res.output and "Traceback" not in res.output
    assert CliRunner().invoke(cli, ["events", "--db", db], env=env).exit_code == 2


def test_good_settings_from_the_environment() -> None:
    res = run("settings", env={"SITREP_MAX_CHARS": "1000", "SITREP_PARSE": "fast"})
    assert res.exit_code == 0 and "max_chars = 1000" in res.output and "parse = 'fast'" in res.output


def test_settings_doc_is_generated_and_current() -> None:
    doc = ROOT / "docs" / "settings.md"
    assert doc.read_text("utf-8") == settings_markdown(), "regenerate: python -m sitrep.settings > docs/settings.md"


# --- 6. output safety ---------------------------------------------------------------

def test_outputs_never_overwrite_the_database(db: str, tmp_path: Path) -> None:
    before = Path(db).read_bytes()
    assert run("export", "--db", db, db).exit_code == 2
    assert run("export", "--db", db, db, "--format", "parquet").exit_code == 2
    assert run("report", "--db", db, "-o", db).exit_code == 2
    link = tmp_path / "alias.duckdb"
    link.symlink_to(db)
    assert run("report", "--db", db, "-o", str(link)).exit_code == 2
    assert Path(db).read_bytes() == before
    with Store.open(db, read_only=True) as store:
        assert len(store.events()) == 4


def test_a_failed_export_leaves_the_target_as_it_was(db: str, tmp_path: Path, monkeypatch) -> None:
    import sitrep.export as export

    target = tmp_path / "keep.parquet"
    target.write_bytes(b"old contents")

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export.pq, "write_table", boom)
    res = run("export", "--db", db, str(target))
    assert res.exit_code == 1 and "no space left" in res.output.lower() and "Traceback" not in res.output
    assert target.read_bytes() == b"old contents"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".keep")] == []  # no temporary file left


def test_missing_folder_and_non_regular_targets(db: str, tmp_path: Path) -> None:
    res = run("export", "--db", db, str(tmp_path / "nope" / "x.csv"))
    assert res.exit_code == 1 and "does not exist" in res.output
    res = run("report", "--db", db, "-o", str(tmp_path / "nope" / "r.md"))
    assert res.exit_code == 1 and "does not exist" in res.output
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    assert run("export", "--db", db, str(fifo)).exit_code == 2
    out = tmp_path / "r.md"
    assert run("report", "--db", db, "-o", str(out)).exit_code == 0
    assert out.read_text("utf-8").startswith("# Situation report")
