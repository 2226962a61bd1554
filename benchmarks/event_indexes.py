"""What the indexes of migration 0011 (event_actors and event_weapons on event_id) cost a writer: the
sample corpus (examples/corpus/) is coded once, then stored again and again under new ids into copies
of a large database with the indexes and without them (dropped), alternating, and the time of
`Store.add` (batches of 200, the file opened for each, as `sitrep ingest` does) and of the corpus
stages that follow it (`ingest_run.finish_pending`: dedup, stories, clusters) is printed per variant.
Times nothing in tests.

    python benchmarks/event_indexes.py --db DIR/big.duckdb [--copies 20] [--rounds 3]

`--db` is a database at schema 0011 or later, e.g. the one `benchmarks/serve_latency.py --keep DIR`
builds (about 100,000 events); it is copied, never written.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

INDEXES = ("event_actors_event", "event_weapons_event")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--copies", type=int, default=20, help="copies of the sample corpus stored per round")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()

    from sitrep.ingest import read_paths
    from sitrep.ingest_run import finish_pending
    from sitrep.parallel import code_parallel
    from sitrep.settings import Settings
    from sitrep.store import Store

    settings = Settings.from_env()
    t = time.perf_counter()
    coded = [a for a in code_parallel(read_paths([str(REPO / "examples" / "corpus")], settings=settings),
                                      settings=settings, workers=1) if a.rejected is None]
    print(f"coded {len(coded)} articles, {sum(len(a.events) for a in coded)} events in "
          f"{time.perf_counter() - t:.1f} s")
    work = Path(tempfile.mkdtemp(prefix="sitrep-index-bench-"))
    res: dict[str, dict[str, list[float]]] = {}
    try:
        for r in range(args.rounds):
            for variant in ("with", "without") if r % 2 == 0 else ("without", "with"):
                db = work / f"{variant}.duckdb"
                shutil.copy(args.db, db)
                with Store.open(db) as store:
                    have = {n for (n,) in store.connection.execute(
                        "SELECT index_name FROM duckdb_indexes()").fetchall()}
                    assert set(INDEXES) <= have, "the database has no 0011 indexes"
                    if variant == "without":
                        for name in INDEXES:
                            store.connection.execute(f"DROP INDEX {name}")
                    store.connection.execute("CHECKPOINT")
                items = [replace(a, id=f"{a.id}#{r}.{k}") for k in range(args.copies) for a in coded]
                added, t = 0, time.perf_counter()
                for i in range(0, len(items), 200):  # as sitrep ingest: the file opened for each batch
                    with Store.open(db) as store:
                        added += store.add(items[i:i + 200], batch_size=200).added
                t_add = time.perf_counter() - t
                t = time.perf_counter()
                with Store.open(db) as store:
                    finish_pending(store)
                    n = store.connection.execute("SELECT count(*) FROM events").fetchone()[0]
                t_fin = time.perf_counter() - t
                res.setdefault(variant, {}).setdefault("add", []).append(t_add)
                res[variant].setdefault("finish", []).append(t_fin)
                print(f"round {r + 1}, {variant:<7} indexes: Store.add of {added} articles {t_add:6.2f} s, "
                      f"corpus stages {t_fin:6.2f} s ({n} events after)")
                db.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for variant, times in res.items():
        print(f"{variant:<7} indexes: Store.add median {statistics.median(times['add']):.2f} s, "
              f"corpus stages median {statistics.median(times['finish']):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
