"""Dedup cost with many near-identical items (one feed item syndicated N times, each copy with a
line of its own): time, comparisons and peak memory of `Deduplicator.add` alone, articles stored
uncoded in a fresh database, added in batches of 200 as an ingest does.

    python benchmarks/dedup_copies.py [--copies 3000] [--batch 200]

Prints, per batch, the stored count, the candidates compared and the milliseconds per article,
then the total time and the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from sitrep.dedup import Deduplicator
from sitrep.model import Article
from sitrep.store import Store

ITEM = (
    "The regional governor said on Tuesday that emergency crews had worked through the night after "
    "drones struck a power substation and an apartment block on the edge of the city. Three people "
    "were taken to hospital, and power was restored to most homes by the morning, the energy company "
    "said. The air force said it had shot down most of the drones launched overnight. "
) * 3


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=3000)
    ap.add_argument("--batch", type=int, default=200)
    args = ap.parse_args()
    arts = [Article(id=f"c{i:06d}", text=ITEM + f" Copy {i} from outlet {i % 97}.", date="2024-11-12",
                    source=f"Outlet {i % 97}") for i in range(args.copies)]
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "d.duckdb") as db:
        db.add(arts)
        dedup = Deduplicator(db)
        t0 = time.perf_counter()
        for start in range(0, len(arts), args.batch):
            t = time.perf_counter()
            res = dedup.add([a.id for a in arts[start:start + args.batch]])
            ms = (time.perf_counter() - t) * 1000 / max(1, res.indexed)
            print(f"stored {start:6d}  +{res.indexed}:  candidates {res.candidates:8d}  {ms:6.2f} ms/article")
        total = time.perf_counter() - t0
        links = db.connection.execute("SELECT count(*) FROM article_copies").fetchall()[0][0]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"total {total:.1f} s for {len(arts)} copies ({links} linked as copies); peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
