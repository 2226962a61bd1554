"""Interrupted ingests are completed by a re-run or `sitrep repair`; the writer holds the
database only while it writes a batch; one writer at a time (issue 13)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from sitrep.cli import cli
from sitrep.errors import StoreError
from sitrep.model import Article
from sitrep.store import Store

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "examples" / "corpus"
SRC = REPO / "src"


def run(*args: str):
    return CliRunner().invoke(cli, ["-q", *args], catch_exceptions=False)


def snapshot(db: Path) -> dict[str, list]:
    """What a clean run and a resumed run must agree on (no timestamps)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        q = {
            "articles": "SELECT id, title, date, origin FROM articles ORDER BY id",
            "events": "SELECT event_id, type, modality, trigger, rule FROM events ORDER BY event_id",
            "actors": "SELECT event_id, role, idx, code FROM event_actors ORDER BY ALL",
            "copies": "SELECT article_id, copy_of FROM article_copies ORDER BY ALL",
            "members": "SELECT event_id, cluster_id FROM cluster_members ORDER BY ALL",
            "clusters": "SELECT cluster_id, seed_event, type, reports, articles, outlets, reliability, "
                        "credibility FROM clusters ORDER BY cluster_id",
            "pending": "SELECT article_id FROM corpus_pending",
            "rejections": "SELECT origin, reason FROM rejections ORDER BY ALL",
        }
        return {k: con.execute(v).fetchall() for k, v in q.items()}
    finally:
        con.close()


@pytest.fixture(scope="module")
def clean(tmp_path_factory, pipeline) -> dict[str, list]:
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    assert run("ingest", "--db", str(db), "--workers", "1", str(CORPUS)).exit_code == 0
    snap = snapshot(db)
    assert snap["articles"] and snap["members"] and not snap["pending"]
    return snap


# --- in-process faults: a crash during corroboration, Ctrl-C during dedup -------------

@pytest.mark.slow
def test_crash_during_corroboration_is_finished_by_the_rerun(tmp_path, clean, monkeypatch):
    from sitrep import corroborate

    db = tmp_path / "c.duckdb"
    real = corroborate._grade

    def boom(*a, **k):
        raise RuntimeError("crash while grading")

    monkeypatch.setattr(corroborate, "_grade", boom)
    with pytest.raises(RuntimeError):
        run("ingest", "--db", str(db), "--workers", "1", str(CORPUS))
    broken = snapshot(db)
    assert broken["articles"] == clean["articles"] and not broken["members"]
    assert len(broken["pending"]) == len(clean["articles"])
    monkeypatch.setattr(corroborate, "_grade", real)
    result = run("ingest", "--db", str(db), "--workers", "1", str(CORPUS))
    assert result.exit_code == 0
    assert snapshot(db) == clean


@pytest.mark.slow
def test_ctrl_c_during_dedup_exits_130_and_repair_finishes(tmp_path, clean, monkeypatch):
    from sitrep import dedup

    db = tmp_path / "k.duckdb"
    real = dedup.Deduplicator.add

    def interrupt(self, ids):
        raise KeyboardInterrupt

    monkeypatch.setattr(dedup.Deduplicator, "add", interrupt)
    result = CliRunner().invoke(cli, ["-q", "ingest", "--db", str(db), "--workers", "1", str(CORPUS)])
    assert result.exit_code == 130
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("interrupted")
    assert not snapshot(db)["members"]
    monkeypatch.setattr(dedup.Deduplicator, "add", real)
    result = CliRunner().invoke(cli, ["repair", "--db", str(db)])
    assert result.exit_code == 0 and "finished" in result.output
    assert snapshot(db) == clean
    assert "nothing to repair" in CliRunner().invoke(cli, ["repair", "--db", str(db)]).output


def test_migration_backfills_articles_an_old_ingest_left_unclustered(tmp_path):
    db = tmp_path / "old.duckdb"
    with Store.open(db) as store:
        store.add([Article(id="a1", text="Russia deployed troops to Belarus.", origin="x")])
        store.connection.execute("DROP TABLE corpus_pending")
        store.connection.execute("DELETE FROM schema_migrations WHERE version = 5")
    with Store.open(db) as store:  # migrates again: a1 was never deduplicated
        assert store.pending_ids() == ["a1"]


# --- one writer, readers between batches --------------------------------------------

def test_a_second_writer_gets_a_clear_error_naming_the_first(tmp_path):
    db = tmp_path / "w.duckdb"
    Store.open(db).close()
    code = (
        "import sys, time; sys.path.insert(0, sys.argv[2]);"
        "from sitrep.store import lock; lock.acquire(sys.argv[1]); print('held', flush=True); time.sleep(30)"
    )
    holder = subprocess.Popen([sys.executable, "-c", code, str(db), str(SRC)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreError, match=r"being written by .*pid %d.*one writer at a time" % holder.pid):
            Store.open(db)
        # a reader is not refused by the writer lock alone: DuckDB's file is free between batches
        with Store.open(db, read_only=True) as reader:
            assert reader.stats()["tables"]["articles"] == 0
    finally:
        holder.kill()
        holder.wait()
    Store.open(db).close()  # released when its holder dies


def test_reader_waits_for_a_batch_then_says_who_holds_the_database(tmp_path):
    db = tmp_path / "r.duckdb"
    Store.open(db).close()
    code = (
        "import sys, time; sys.path.insert(0, sys.argv[2]); from sitrep.store import Store;"
        "s = Store.open(sys.argv[1]); print('open', flush=True); time.sleep(float(sys.argv[3])); s.close();"
        "print('closed', flush=True); time.sleep(30)"
    )
    writer = subprocess.Popen([sys.executable, "-c", code, str(db), str(SRC), "1.5"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "open"
        t0 = time.monotonic()
        with Store.open(db, read_only=True, wait=10) as reader:  # waits for the "batch" to end
            assert reader.stats()["tables"]["articles"] == 0
        assert time.monotonic() - t0 >= 0.5
    finally:
        writer.kill()
        writer.wait()
    writer = subprocess.Popen([sys.executable, "-c", code, str(db), str(SRC), "30"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match=r"being written by .*pid %d.*after waiting 0.5 s" % writer.pid):
            Store.open(db, read_only=True, wait=0.5)
    finally:
        writer.kill()
        writer.wait()


# --- kill -9 mid-run, resume, compare with a clean run ---------------------------------

def _sitrep(*args: str, **kw) -> subprocess.Popen:
    env = kw.pop("env", None) or dict(os.environ, PYTHONPATH=str(SRC))
    return subprocess.Popen([sys.executable, "-m", "sitrep.cli", "-q", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def _count(db: Path) -> tuple[int, int]:
    """(articles, pending) read between the writer's batches."""
    try:
        with Store.open(db, read_only=True, wait=0.2) as s:
            return (s.stats()["tables"]["articles"], len(s.pending_ids()))
    except StoreError:
        return (-1, -1)


@pytest.mark.slow
def test_kill_9_mid_ingest_then_resume_equals_a_clean_run(tmp_path, clean):
    db = tmp_path / "kill.duckdb"
    total = len(clean["articles"])
    proc = _sitrep("ingest", "--db", str(db), "--workers", "1", "--batch-size", "3", str(CORPUS))
    seen = (0, 0)
    deadline = time.monotonic() + 90
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if db.exists():
                seen = _count(db)
                if seen[0] >= 6:  # two batches stored: a concurrent reader read them mid-run
                    break
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    assert 6 <= seen[0] < total, f"the kill came too late or never: {seen}"
    left = snapshot(db)
    assert left["pending"], "articles stored before the kill are pending"
    assert len(left["members"]) < len(clean["members"])
    resumed = _sitrep("ingest", "--db", str(db), "--workers", "1", str(CORPUS))
    out, err = resumed.communicate(timeout=120)
    assert resumed.returncode == 0, err
    assert snapshot(db) == clean


@pytest.mark.slow
@pytest.mark.parametrize("where", ["ingest.batch_stored", "corpus.deduplicated", "corpus.clustering"])
def test_kill_9_at_a_named_point_then_rerun_equals_a_clean_run(tmp_path, clean, where):
    """kill -9 (sitrep.faults) right after a batch is stored, after dedup committed but before the
    clusters, and inside the clusters transaction: the same command run again finishes the job."""
    from sitrep import faults

    assert where in faults.POINTS
    db = tmp_path / "fault.duckdb"
    proc = _sitrep("ingest", "--db", str(db), "--workers", "1", "--batch-size", "10", str(CORPUS),
                   env=dict(os.environ, PYTHONPATH=str(SRC), **{faults.ENV: where}))
    proc.communicate(timeout=180)
    assert proc.returncode == -signal.SIGKILL, f"no kill at {where}"
    left = snapshot(db)
    assert left["pending"] and left != clean
    resumed = _sitrep("ingest", "--db", str(db), "--workers", "1", str(CORPUS))
    out, err = resumed.communicate(timeout=180)
    assert resumed.returncode == 0, err
    assert snapshot(db) == clean


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))
