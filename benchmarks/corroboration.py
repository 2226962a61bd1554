"""Cost of dedup and clustering per article as the database grows.

Generates synthetic coded articles (hand-built `Article` objects with events;
no spaCy model): actors from a small set, dates spread over a year, 20%
syndicated copies (some lightly edited) of an earlier article. By default the
articles arrive in date order, as a news feed does; `--shuffle` ingests them in
random date order, so that every batch lands among everything stored before
(the per-article cost then grows with the density of stored events per actor
and week, not with all pairs). Ingests them in batches into a temporary DuckDB file and
prints, per batch, the milliseconds per article spent in `Store.add`,
`Deduplicator.add` and `update_clusters`, with the candidate pairs looked at.
Flat columns mean no all-pairs work: the cost depends on the batch, not on
what is already stored.

    .venv/bin/python benchmarks/corroboration.py            # 20,000 articles, batches of 1,000
    .venv/bin/python benchmarks/corroboration.py -n 5000 -b 500 --shuffle
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sitrep.corroborate import update_clusters
from sitrep.dedup import Deduplicator
from sitrep.model import Actor, Article, Attribution, Event, Evidence, Place, Weapon
from sitrep.store import Store

ACTORS = ["RUS", "UKR", "BLR", "POL", "USA", "NATO", "CHN", "IRN"]
TYPES = ["ASSAULT", "COERCE", "MOBILIZE", "COOPERATE", "CONSULT", "THREATEN", "ACCUSE", "REJECT", "AID", "SANCTION"]
PLACES = [
    ("Kharkiv", 49.99, 36.23, "UKR"), ("Odesa", 46.48, 30.72, "UKR"), ("Kyiv", 50.45, 30.52, "UKR"),
    ("Minsk", 53.9, 27.57, "BLR"), ("Warsaw", 52.23, 21.01, "POL"), ("Moscow", 55.75, 37.62, "RUS"),
    ("Belgorod", 50.6, 36.6, "RUS"), ("Brest", 52.1, 23.7, "BLR"),
]
WEAPONS = ["Shahed-136", "3M-14 Kalibr", "Iskander-M", "Oreshnik", "M142 HIMARS", "Storm Shadow"]
OUTLETS = [f"Outlet {i}" for i in range(60)] + ["Reuters", "AP", "AFP", "TASS", "BelTA", "BBC", "Kyiv Independent"]
SPEAKERS = [
    (None, None), ("officials", "anonymous_official"), ("analysts", "unnamed_expert"),
    ("Defence Ministry", "organisation"), ("Maria Zakharova", "named_person"), ("Oleh Syniehubov", "named_person"),
    ("Andrei Bogdan", "named_person"), ("state TV", "media"),
]
START = date(2024, 1, 1)


def words(rng: random.Random, vocab: list[str], n: int) -> str:
    return " ".join(rng.choice(vocab) for _ in range(n))


def make_articles(n: int, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(5000)] + ["the", "a", "of", "in", "and", "to", "said", "on"] * 50
    out: list[Article] = []
    for i in range(n):
        if out and rng.random() < 0.2:
            src = rng.choice(out[-2000:])
            text = src.text if rng.random() < 0.7 else "UPDATE: " + src.text.replace(" the ", " this ", 3)
            d = date.fromisoformat(src.date) + timedelta(days=rng.randint(0, 1))  # type: ignore[arg-type]
            out.append(Article(id=f"a{i:06d}", text=text, date=d.isoformat(), source=rng.choice(OUTLETS),
                               events=src.events, quotes=src.quotes))
            continue
        d = START + timedelta(days=rng.randint(0, 365))
        text = ". ".join(words(rng, vocab, 15) for _ in range(10)) + "."
        events = []
        for _ in range(rng.randint(1, 3)):
            a, r = rng.sample(ACTORS, 2)
            place = rng.choice(PLACES) if rng.random() < 0.6 else None
            sentence = words(rng, vocab, 12)
            speaker, st = rng.choice(SPEAKERS)
            events.append(Event(
                type=rng.choice(TYPES), mode=None, context=[], cameo=None, quad_class=4, intensity=None,
                actor=[Actor(a, a, None)], recipient=[Actor(r, r, None)],
                weapons=[Weapon(w, w, None, None) for w in rng.sample(WEAPONS, rng.randint(0, 1))],
                location=None if place is None else Place(place[0], 0, 1, place[1], place[2], place[3]),
                date=(d - timedelta(days=rng.randint(0, 2))).isoformat(), modality="asserted",
                attribution=None if st is None else Attribution(speaker, st, False, "said"),
                acled=None, evidence=Evidence(sentence, 0, len(sentence), "w", 0, 1, "bench"),
                date_precision="day",
            ))
        out.append(Article(id=f"a{i:06d}", text=text, date=d.isoformat(), source=rng.choice(OUTLETS), events=events))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=20_000, help="articles to generate (default 20000)")
    ap.add_argument("-b", "--batch", type=int, default=1_000, help="articles per batch (default 1000)")
    ap.add_argument("--shuffle", action="store_true", help="ingest in random date order instead of date order")
    args = ap.parse_args()
    t0 = time.perf_counter()
    articles = make_articles(args.n)
    if not args.shuffle:
        articles.sort(key=lambda a: (a.date, a.id))
    print(f"generated {len(articles)} articles, {sum(len(a.events) for a in articles)} events "
          f"in {time.perf_counter() - t0:.1f}s")
    rows = []
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "bench.duckdb") as db:
        dd = Deduplicator(db)
        print(f"{'batch':>5} {'stored':>7} {'add ms/art':>10} {'dedup ms/art':>12} {'cluster ms/art':>14} "
              f"{'dedup cand':>10} {'cluster cand':>12} {'copies':>7} {'clusters':>8}")
        for start in range(0, len(articles), args.batch):
            batch = articles[start : start + args.batch]
            ids = [a.id for a in batch]
            t1 = time.perf_counter()
            db.add(batch, batch_size=len(batch))
            t2 = time.perf_counter()
            dres = dd.add(ids)
            t3 = time.perf_counter()
            cres = update_clusters(db, ids, dedup=False, changed_articles=dres.changed)
            t4 = time.perf_counter()
            n = len(batch)
            copies = db.connection.execute("SELECT count(*) FROM article_copies").fetchall()[0][0]
            nclusters = db.connection.execute("SELECT count(*) FROM clusters").fetchall()[0][0]
            row = (start // args.batch + 1, start + n, 1000 * (t2 - t1) / n, 1000 * (t3 - t2) / n,
                   1000 * (t4 - t3) / n, dres.candidates, cres.candidates, copies, nclusters)
            rows.append(row)
            print(f"{row[0]:>5} {row[1]:>7} {row[2]:>10.2f} {row[3]:>12.2f} {row[4]:>14.2f} "
                  f"{row[5]:>10} {row[6]:>12} {row[7]:>7} {row[8]:>8}")
    k = max(1, len(rows) // 4)
    first, last = rows[:k], rows[-k:]
    print()
    print(f"summary (ms per article; mean of the first and last {k} batches)")
    print(f"{'stage':<10} {'first':>8} {'last':>8} {'last/first':>10}")
    for name, col in (("store", 2), ("dedup", 3), ("cluster", 4)):
        f = statistics.mean(r[col] for r in first)
        la = statistics.mean(r[col] for r in last)
        print(f"{name:<10} {f:>8.2f} {la:>8.2f} {la / f:>10.2f}")
    print(f"total {time.perf_counter() - t0:.1f}s")


if __name__ == "__main__":
    main()
