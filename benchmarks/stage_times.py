"""Milliseconds per article in each pipeline stage, in this process.

    .venv/bin/python benchmarks/stage_times.py [--n 150] [--batch 16]

Codes N generated ~500-word articles (the generator of benchmarks/throughput.py,
seeded) in batches, stage by stage as `Pipeline.batch` does, and prints each
stage's time per article and share. Run it on an idle machine: the figures are
wall-clock times.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import generated  # noqa: E402

from sitrep.model import Article  # noqa: E402
from sitrep.pipeline import Pipeline  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=150, help="articles to code (default 150)")
    ap.add_argument("--batch", type=int, default=16, help="articles per batch (default 16, as the workers)")
    args = ap.parse_args(argv)
    pipeline = Pipeline()
    articles = [Article(id=str(i), text=a["text"]) for i, a in enumerate(generated(args.n))]
    spent: dict[str, float] = {st.name: 0.0 for st in pipeline.stages}
    for k in range(0, len(articles), args.batch):
        chunk = articles[k:k + args.batch]
        for st in pipeline.stages:
            t = time.perf_counter()
            many = getattr(st.run, "batch", None)
            if many is not None:
                many(chunk)
            else:
                for a in chunk:
                    st.run(a)
            spent[st.name] += time.perf_counter() - t
        for a in chunk:
            a.doc = None
    total = sum(spent.values())
    print(f"{len(articles)} generated articles, batches of {args.batch}")
    for name, secs in spent.items():
        print(f"{name:12s} {1000 * secs / len(articles):7.1f} ms/article {100 * secs / total:6.1f}%")
    print(f"{'total':12s} {1000 * total / len(articles):7.1f} ms/article")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
