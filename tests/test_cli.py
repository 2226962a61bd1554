"""The command line, end to end through click's runner (real model, real DuckDB)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import sitrep
from sitrep import contract
from sitrep.cli import cli
from sitrep.settings import SETTINGS
from sitrep.store import Store

pytestmark = pytest.mark.slow

GOOD = "Russia deployed Iskander-M launchers to Belarus on Monday, the Belarusian Defence Ministry said."
GOOD2 = "Poland called on NATO to increase its military presence on the eastern flank, Polish officials said on Friday."


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_code_contract_one_line_per_input_in_order_with_rejections(pipeline):
    lines = [
        json.dumps({"id": "a", "text": GOOD, "date": "2024-12-03"}),
        "{not json",
        json.dumps({"id": "c", "title": "no text here"}),
        json.dumps({"id": "d", "text": "Der Verteidigungsminister sagte am Montag, dass die Truppen an der Grenze bleiben werden und die Lage angespannt sei."}),
        json.dumps({"id": "e", "text": GOOD2, "date": "2024-11-22"}),
    ]
    res = run("-q", "code", input="\n".join(lines) + "\n")
    assert res.exit_code == 0, res.output
    out = [json.loads(x) for x in res.output.splitlines()]
    assert [o["id"] for o in out] == ["a", "line-2", "c", "d", "e"]
    for o in out:
        jsonschema.validate(o, contract.schema())
    assert out[0]["rejected"] is None and any(e["type"] == "MOBILIZE" for e in out[0]["events"])
    assert out[1]["rejected"]["reason"] == "malformed_json"
    assert out[2]["rejected"]["reason"] == "missing_text"
    assert out[3]["rejected"]["reason"] == "not_english"
    req = [e for e in out[4]["events"] if e["type"] == "REQUEST"]
    assert req and "NATO" in {r["code"] for r in req[0]["recipient"]}
    mob = next(e for e in out[0]["events"] if e["type"] == "MOBILIZE")
    assert mob["weapons"][0]["name"] == "Iskander-M" and mob["date"] == "2024-12-02"  # "on Monday"
    assert mob["attribution"]["speaker_type"] == "organisation"


def test_code_rejects_a_record_with_a_field_of_the_wrong_kind_and_goes_on(pipeline):
    lines = [
        json.dumps({"id": "t", "text": GOOD, "title": 5}),
        json.dumps({"id": ["x"], "text": GOOD}),
        json.dumps({"id": 7, "text": GOOD2, "source": {"name": "x"}}),
        json.dumps({"id": "ok", "text": GOOD2}),
    ]
    res = run("-q", "code", input="\n".join(lines) + "\n")
    assert res.exit_code == 0, res.output
    out = [json.loads(x) for x in res.output.splitlines()]
    assert [o["id"] for o in out] == ["t", "line-2", "7", "ok"]
    assert [(o["rejected"] or {}).get("reason") for o in out] == ["bad_field", "bad_field", "bad_field", None]
    assert "'title' must be a string, not int" in out[0]["rejected"]["detail"]
    assert "'id' must be a string or a number, not list" in out[1]["rejected"]["detail"]
    assert out[3]["events"]


def test_ingest_batch_with_bad_inputs_goes_on_and_reingest_changes_nothing(tmp_path, pipeline):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Title: Deployment\nDate: 2024-12-03\n\n" + GOOD + "\n", encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02garbage\x00" * 100)
    (corpus / "broken.html").write_text("<html><body><div><p>unclosed <b>tags", encoding="utf-8")
    (corpus / "broken.xml").write_text("<rss><channel><item><title>x</title>", encoding="utf-8")
    (corpus / "german.txt").write_text("Der Verteidigungsminister sagte am Montag, dass die Truppen an der Grenze "
                                       "bleiben werden und die Lage sehr angespannt sei.", encoding="utf-8")
    (corpus / "latin1.txt").write_bytes(("Title: Talks\n\n" + GOOD2 + " \u201cWe are ready,\u201d he said.").encode("cp1252"))
    big = corpus / "huge.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    db = tmp_path / "s.duckdb"
    res = run("ingest", "--workers", "1", "--db", str(db), str(corpus))
    assert res.exit_code == 0, res.output
    with Store.open(db, read_only=True) as store:
        first = store.stats()["tables"]
        by_file = {Path(r["origin"].split("#")[0]).name: r["reason"] for r in store.rejections()}
        events = store.events()
    assert first["articles"] == 2  # good.txt and the cp1252 file
    assert by_file["empty.txt"] == "empty" and by_file["binary.txt"] == "binary"
    assert by_file["huge.txt"] == "too_large" and by_file["german.txt"] == "not_english"
    assert by_file["broken.html"] in ("malformed_html", "no_main_text", "too_short")
    assert by_file["broken.xml"] in ("malformed_feed", "missing_text", "empty")
    assert any(e["type"] == "MOBILIZE" for e in events)
    res = run("ingest", "--workers", "1", "--db", str(db), str(corpus))
    assert res.exit_code == 0
    assert "0 article(s) added" in res.output
    with Store.open(db, read_only=True) as store:
        assert store.stats()["tables"] == first


def test_events_report_export_and_exit_codes(tmp_path, pipeline):
    src = tmp_path / "a.jsonl"
    src.write_text("\n".join(json.dumps({"id": i, "text": t, "date": "2024-12-03", "source": s})
                             for i, t, s in [("1", GOOD, "Wire A"), ("2", GOOD2, "Wire B")]) + "\n", encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    assert run("-q", "ingest", "--workers", "1", "--db", db, str(src)).exit_code == 0
    res = run("events", "--db", db, "--type", "MOBILIZE", "--format", "json")
    rows = json.loads(res.output)
    assert rows and all(r["type"] == "MOBILIZE" for r in rows)
    res = run("events", "--db", db, "--weapon", "Iskander-M", "--format", "csv")
    assert res.output.splitlines()[0].startswith("date,type") and len(res.output.splitlines()) >= 2
    html = run("report", "--db", db, "--format", "html").output
    assert html.startswith("<!doctype html>") and "Sourcing profile" in html
    out = tmp_path / "ev.parquet"
    assert run("-q", "export", "--db", db, str(out), "--shape", "flat").exit_code == 0
    import pyarrow.parquet as pq

    assert "GLOBALEVENTID" in pq.read_table(out).column_names
    assert run("events", "--db", db, "--type", "NOPE").exit_code == 2
    assert run("ingest", "--db", db, str(tmp_path / "missing.txt")).exit_code == 1
    clusters = json.loads(run("events", "--db", db, "--clusters", "--format", "json").output)
    assert clusters and {"cluster_id", "independent_origins", "credibility", "reports"} <= set(clusters[0])


def test_every_command_has_help():
    for name in cli.commands:
        res = run(name, "--help")
        assert res.exit_code == 0 and "Usage:" in res.output, name


def test_settings_are_all_documented():
    out = run("settings").output
    for s in SETTINGS:
        assert s.help and s.env in out and s.name in out


def test_public_api_is_exported():
    for name in sitrep.__all__:
        assert hasattr(sitrep, name), name


def test_ingest_reads_common_date_forms_and_counts_unreadable_ones(tmp_path, pipeline):
    src = tmp_path / "d.jsonl"
    recs = [("g", GOOD, "20241202"), ("r", GOOD2, "Mon, 02 Dec 2024 10:00:00 GMT"),
            ("w", GOOD2 + " More.", "December 2, 2024"), ("x", GOOD + " More.", "the other day")]
    src.write_text("\n".join(json.dumps({"id": i, "text": t, "date": d}) for i, t, d in recs) + "\n", encoding="utf-8")
    db = str(tmp_path / "d.duckdb")
    res = run("ingest", "--workers", "1", "--db", db, str(src))
    assert res.exit_code == 0, res.output
    assert "4 article(s) added" in res.output and "1 article(s) with a date that could not be read" in res.output
    with Store.open(db, read_only=True) as store:
        dates = {a["id"]: a["date"] for a in store.articles()}
    assert dates == {"g": "2024-12-02", "r": "2024-12-02", "w": "2024-12-02", "x": None}


def test_the_progress_bar_says_what_it_waits_for_before_the_first_article(monkeypatch):
    import io
    import sys

    from sitrep.cli import _progress
    from sitrep.model import Article

    class Tty(io.StringIO):
        def isatty(self):
            return True

    err = Tty()
    monkeypatch.setattr(sys, "stderr", err)
    seen_before_first = []

    def slow():
        seen_before_first.append(err.getvalue())
        yield Article(id="a", text="x")

    assert [a.id for a in _progress(slow(), quiet=False)] == ["a"]
    assert "loading the language model" in seen_before_first[0]
    assert "coding" in err.getvalue().split("loading the language model and data files")[-1]


def test_code_as_the_sitrep_program_gives_what_the_commands_give_in_process(pipeline):
    """`python -m sitrep.cli code` runs `main`, which builds the pipeline with the collector
    paused and freezes its objects: the output is the same as in-process."""
    import os
    import subprocess
    import sys

    lines = "\n".join(json.dumps({"id": i, "text": t, "date": "2024-12-03"})
                      for i, t in (("a", GOOD), ("b", GOOD2))) + "\n"
    src = str(Path(sitrep.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.run([sys.executable, "-m", "sitrep.cli", "-q", "code"], input=lines, text=True,
                          capture_output=True, env=env, check=True)
    assert proc.stdout == run("-q", "code", input=lines).output


@pytest.mark.parametrize(("records", "asked", "used"), [(1, 0, 1), (16, 2, 1), (17, 2, 2), (40, 1, 1)])
def test_code_uses_workers_only_for_inputs_worth_them(monkeypatch, records, asked, used):
    """`sitrep code` defaults to one worker per core, but a small input is coded in-process
    (starting workers costs more than it saves); every article still comes out, in order."""
    import sitrep.cli as cli_mod
    import sitrep.parallel as par
    from sitrep.model import Article

    seen = {}

    def fake(articles, *, settings, workers):
        seen["workers"] = workers
        yield from articles

    monkeypatch.setattr(par, "code_parallel", fake)
    monkeypatch.setattr(cli_mod.os, "cpu_count", lambda: 2)
    arts = [Article(id=str(i), text="x") for i in range(records)]
    out = list(cli_mod._code_stream(iter(arts), settings=None, workers=asked))
    assert [a.id for a in out] == [a.id for a in arts]
    assert seen["workers"] == used


def test_code_passes_an_input_rejected_before_coding_through_without_a_model(monkeypatch):
    import sitrep.cli as cli_mod
    import sitrep.parallel as par
    from sitrep.model import Article

    def no_model(*a, **k):
        raise AssertionError("the model was asked for")

    monkeypatch.setattr(par, "code_parallel", no_model)
    monkeypatch.setattr(cli_mod, "_PROGRAM", True)
    arts = [Article(id=str(i), text="").reject("too_short", "") for i in range(3)]
    assert [a.id for a in cli_mod._code_stream(iter(arts), settings=None, workers=0)] == ["0", "1", "2"]
