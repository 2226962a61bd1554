"""Cost per article of the stories stage (features, blocking probe, links, regrouping) as the
database grows: the 182 real articles of ../shared/gold/stories_giveme5w1h_dev.jsonl, stored
uncoded, ingested again and again with every copy shifted by 400 days (so the database grows with
realistic text while the per-bucket density stays that of real news), 182 articles per batch.

    python benchmarks/stories.py [--rounds 8]

Prints, per round, the database size before the batch and the milliseconds per article of
`sitrep.stories.update_links` alone (no dedup or clustering).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sitrep.evaluate.gold import default_gold_dir
from sitrep.evaluate.stories import load
from sitrep.model import Article
from sitrep.store import Store
from sitrep.stories import update_links


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=8)
    args = ap.parse_args()
    recs = load(default_gold_dir())
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "b.duckdb") as db:
        for r in range(args.rounds):
            shift = timedelta(days=400 * r)
            batch = [Article(id=f"{x.id}~{r}", text=x.text, title=x.title, source=x.source, origin=x.id, format="text",
                             date=(date.fromisoformat(x.date) + shift).isoformat() if x.date else None) for x in recs]
            db.add(batch)
            before = r * len(recs)
            con = db.connection
            t = time.perf_counter()
            con.execute("BEGIN TRANSACTION")
            up = update_links(con, [a.id for a in batch])
            con.execute("COMMIT")
            dt = time.perf_counter() - t
            print(f"stored {before:>6}  +{len(batch)}: {1000 * dt / len(batch):6.2f} ms/article  "
                  f"candidates {up.candidates / len(batch):5.1f}/article  links {up.links}")


if __name__ == "__main__":
    main()
