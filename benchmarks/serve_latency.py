"""API latency of `sitrep serve` on a database of about 100,000 events: p50 and p95 for the overview,
a filtered events page, a story detail and the other views (target p95 < 150 ms), with and without the
server's response cache, and the first render of the overview
in headless Chromium (target < 1 s). Prints figures; times nothing in tests.

The database is the sample corpus (examples/corpus/, ingested once) replicated with shifted ids and
dates (each copy k moves every date k days later, over about two years), into a temporary folder; the
network sums that ingest keeps (migration 0010) are computed again over all of it.

    python benchmarks/serve_latency.py [--events 100000] [--runs 60] [--keep DIR] [--renders 10]

First render: `sitrep serve` runs on the database (uvicorn, as a user runs it) and Debian's Chromium
(Playwright with `executable_path`, nothing downloaded; skipped without it) opens `/`; the figure is
the time from navigation to the overview's stories drawn (`main[data-ready=true]` holding story rows),
for a fresh browser page each time: the first right after the server started, then the median and
max of the rest.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

COPIED = {  # table -> (id columns that get the copy's suffix, date columns shifted by the copy's days)
    "articles": (["id"], ["date"]),
    "events": (["event_id", "article_id"], ["date"]),
    "event_actors": (["event_id"], []),
    "event_weapons": (["event_id"], []),
    "quotes": (["article_id"], []),
    "report_sources": (["event_id", "article_id"], []),
    "cluster_members": (["cluster_id", "event_id", "article_id"], ["date"]),
    "clusters": (["cluster_id", "seed_event"], ["seed_date", "first_date", "last_date"]),
    "story_articles": (["story_id", "article_id"], []),
    "stories": (["story_id", "seed_article"], ["first_date", "last_date"]),
}


def build(sample: Path, out: Path, target: int) -> int:
    from sitrep.store import Store
    from sitrep.store.db import rebuild_network

    with Store.open(sample):  # a sample ingested by an older sitrep: migrated first
        pass
    shutil.copy(sample, out)
    con = duckdb.connect(str(out))
    per = con.execute("SELECT count(*) FROM events").fetchone()[0]
    copies = max(1, -(-target // per)) - 1
    for table, (ids, dates) in COPIED.items():
        cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
        exprs = []
        for c in cols:
            if c in ids:
                exprs.append(f"{c} || '~' || k")
            elif c in dates:
                exprs.append(f"{c} + CAST(k AS INTEGER)")
            elif table == "stories" and c == "clusters":
                exprs.append("list_transform(clusters, lambda x: x || '~' || k)")
            else:
                exprs.append(f'"{c}"')
        con.execute(f"INSERT INTO {table} SELECT {', '.join(exprs)} FROM {table}, range(1, {copies + 1}) r(k) "
                    f"WHERE NOT contains({ids[0]}, '~')")
    n = con.execute("SELECT count(*) FROM events").fetchone()[0]
    rebuild_network(con)  # the sums `Store.add` keeps, for the copies too
    con.execute("CHECKPOINT")
    con.close()
    return n


def endpoints(get_json) -> dict[str, tuple[str, dict]]:
    """name -> (path, query) of the requests timed, on a database built by `build`: `get_json(path,
    params)` reads the stories and an event to ask for (the biggest story, the first event)."""
    listed = get_json("/api/stories", {"limit": 500, "order": "date"})["items"]
    story = max(listed, key=lambda s: len(s["clusters"]))
    event = get_json("/api/events", {"limit": 1})["items"][0]["event_id"]
    return {
        "overview": ("/api/overview", {}),
        "events page, filtered": ("/api/events", {"actor": "RUS", "type": "MOBILIZE,ASSAULT,COOPERATE",
                                                  "since": "2024-12-01", "until": "2025-06-30", "limit": 50,
                                                  "offset": 100}),
        "events page, weapon": ("/api/events", {"weapon": "Oreshnik", "limit": 50}),
        f"story, {len(story['clusters'])} clusters": (f"/api/stories/{story['story_id']}", {}),
        "event detail": (f"/api/events/{event}", {}),
        "timeline, actor": ("/api/timeline", {"actor": "LTU"}),
        "network": ("/api/network", {}),
        "network, actor": ("/api/network", {"actor": "RUS"}),
        "meta": ("/api/meta", {}),
    }


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def first_render(db: Path, renders: int) -> None:
    import shutil as sh
    import socket
    import urllib.request

    chromium = os.environ.get("SITREP_CHROMIUM") or sh.which("chromium") or sh.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("first render: skipped (playwright is not installed)")
        return
    if not chromium:
        print("first render: skipped (no chromium)")
        return
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "sitrep.cli", "-q", "serve", "--db", str(db), "--port", str(port)],
                            env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(url, timeout=2).read()  # the page only: the database is not opened yet
                break
            except OSError:
                time.sleep(0.2)
        times = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, headless=True,
                                        args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
            for _ in range(renders):
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                t = time.perf_counter()
                page.goto(url)
                page.wait_for_selector("main[data-ready=true] [data-testid=story]", timeout=30_000)
                times.append((time.perf_counter() - t) * 1000)
                page.close()
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    rest = times[1:] or times
    print(f"first render, overview (Chromium, {len(times)} page loads): first after start {times[0]:.0f} ms, "
          f"then p50 {statistics.median(rest):.0f} ms, max {max(rest):.0f} ms")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=60)
    ap.add_argument("--keep", help="build the databases in this folder and keep them")
    ap.add_argument("--renders", type=int, default=10, help="page loads for the first-render figure (0: none)")
    args = ap.parse_args()
    work = Path(args.keep or tempfile.mkdtemp(prefix="sitrep-serve-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    sample = work / "sample.duckdb"
    if not sample.exists():
        subprocess.run([sys.executable, "-m", "sitrep.cli", "-q", "ingest", "--db", str(sample), str(REPO / "examples" / "corpus")],
                       check=True, env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    big = work / "big.duckdb"
    t0 = time.perf_counter()
    n = build(sample, big, args.events)
    print(f"database: {n} events ({big}, built in {time.perf_counter() - t0:.1f} s)")

    from starlette.testclient import TestClient

    from sitrep.serve import create_app

    # the aggregate endpoints' responses are kept per connection (sitrep.serve.cache): after the first
    # request they come from the cache; the uncached columns are the same requests with no cache (what the
    # first request after an ingest batch costs)
    with TestClient(create_app(big)) as client, TestClient(create_app(big, cache_entries=0)) as bare:
        cases = endpoints(lambda path, params: client.get(path, params=params).json())

        def timed(c: TestClient, path: str, params: dict) -> list[float]:
            times = []
            for _ in range(args.runs):
                t = time.perf_counter()
                c.get(path, params=params)
                times.append((time.perf_counter() - t) * 1000)
            return times

        print(f"{'endpoint':<24} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  {'uncached p50':>12} {'p95':>6}  rows")
        for name, (path, params) in cases.items():
            r = client.get(path, params=params)
            assert r.status_code == 200, (path, r.text[:200])
            assert bare.get(path, params=params).content == r.content, path
            times, uncached = timed(client, path, params), timed(bare, path, params)
            body = r.json()
            rows = body.get("total", len(body.get("articles", body.get("points", body.get("nodes", [])))))
            print(f"{name:<24} {statistics.median(times):>8.1f} {pct(times, 95):>8.1f} {max(times):>8.1f}  "
                  f"{statistics.median(uncached):>12.1f} {pct(uncached, 95):>6.1f}  {rows}")
    if args.renders:
        first_render(big, args.renders)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
