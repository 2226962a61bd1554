"""Throughput and peak memory of `sitrep code` on the bundled sample corpus,
repeated to about 2,000 articles.

    python benchmarks/code_sample.py [--n 2000] [--workers 1 2] [--stages]

Reads examples/corpus/ with sitrep's own ingest, writes the articles (with fresh
ids) as JSONL to a temporary file, runs `sitrep code` on it as a separate
process for each worker count, and prints articles/s, words/s and the peak
resident memory of the whole process tree (sampled every 50 ms with psutil).
With --stages it also codes the articles in this process and prints the time
spent in each pipeline stage (where the time goes).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from sitrep.ingest import read_paths
from sitrep.settings import Settings

REPO = Path(__file__).resolve().parents[1]


def build_input(n: int, path: Path) -> tuple[int, int]:
    base = [a for a in read_paths([str(REPO / "examples" / "corpus")], settings=Settings.from_env()) if a.ok]
    words = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            a = base[i % len(base)]
            words += len(a.text.split())
            fh.write(json.dumps({"id": f"bench-{i}", "text": a.text, "title": a.title, "date": a.date,
                                 "source": a.source}, ensure_ascii=False) + "\n")
    return n, words


def peak_rss_of(proc: subprocess.Popen[bytes]) -> tuple[float, float]:
    """Run until `proc` exits; return (seconds, peak RSS of the process tree in MB)."""
    peak = 0
    stop = threading.Event()
    p = psutil.Process(proc.pid)

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            try:
                procs = [p] + p.children(recursive=True)
                rss = sum(x.memory_info().rss for x in procs if x.is_running())
                peak = max(peak, rss)
            except psutil.Error:
                pass
            time.sleep(0.05)

    t = threading.Thread(target=sample, daemon=True)
    start = time.perf_counter()
    t.start()
    proc.wait()
    elapsed = time.perf_counter() - start
    stop.set()
    t.join()
    return elapsed, peak / 2**20


def stage_times(path: Path) -> None:
    """Code the input in-process, timing each stage of the pipeline."""
    from sitrep.model import Article
    from sitrep.pipeline import get_pipeline

    pipe = get_pipeline()
    spent = {st.name: 0.0 for st in pipe.stages}
    for line in path.open(encoding="utf-8"):
        rec = json.loads(line)
        a = Article(id=rec["id"], text=rec["text"], date=rec.get("date"))
        for st in pipe.stages:
            if a.rejected is not None:
                break
            t = time.perf_counter()
            a = st.run(a)
            spent[st.name] += time.perf_counter() - t
        a.doc = None
    total = sum(spent.values())
    print(f"{'stage':<12} {'seconds':>8} {'share':>6}")
    for name, secs in spent.items():
        print(f"{name:<12} {secs:>8.1f} {secs / total:>6.1%}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=2000, help="number of articles (default 2000)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to run (default 1 2)")
    ap.add_argument("--stages", action="store_true", help="also time each pipeline stage in this process")
    args = ap.parse_args()
    sitrep = Path(sys.executable).with_name("sitrep")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "input.jsonl"
        n, words = build_input(args.n, src)
        print(f"input: {n} articles, {words} words ({words / n:.0f} per article), from examples/corpus/")
        print(f"{'workers':>7}  {'seconds':>8}  {'articles/s':>10}  {'words/s':>9}  {'peak MB':>8}  (includes model load)")
        for w in args.workers:
            out = Path(tmp) / f"out-{w}.jsonl"
            with src.open("rb") as fin, out.open("wb") as fout:
                proc = subprocess.Popen([str(sitrep), "-q", "code", "--workers", str(w)], stdin=fin, stdout=fout,
                                        env={**os.environ, "PYTHONHASHSEED": "0"})
                secs, peak = peak_rss_of(proc)
            if proc.returncode != 0:
                print(f"sitrep code failed with exit {proc.returncode}")
                return 1
            lines = sum(1 for _ in out.open(encoding="utf-8"))
            assert lines == n, f"expected {n} output lines, got {lines}"
            print(f"{w:>7}  {secs:>8.1f}  {n / secs:>10.1f}  {words / secs:>9.0f}  {peak:>8.0f}")
        if args.stages:
            stage_times(src)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
