"""Milliseconds per article in each pipeline stage, in this process.

    .venv/bin/python benchmarks/stage_times.py [--n 150] [--batch 16]
    .venv/bin/python benchmarks/stage_times.py --real 200 --components

Codes N generated ~500-word articles (the generator of benchmarks/throughput.py,
seeded) in batches, stage by stage as `Pipeline.batch` does, and prints each
stage's time per article and share. With ``--real N`` the articles are instead
the first N distinct articles of PolNeAR train (`polnear_train.jsonl`, read
from the gold folder at run time, as `benchmarks/real_text.py` does; no text of
them is printed or kept). Times are CPU seconds of this process
(`time.process_time`), steadier than wall time on a shared machine.

``--components`` also times each spaCy component inside the nlp stage (over the
chunks triage sends to it) and prints the share of sentences and characters
each triage depth got.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import generated  # noqa: E402

from sitrep.model import Article  # noqa: E402
from sitrep.pipeline import Pipeline  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
GOLD = Path(os.environ.get("SITREP_GOLD_DIR", REPO.parent / "shared" / "gold"))


def real_articles(limit: int) -> list[str]:
    seen: dict[str, None] = {}
    with (GOLD / "polnear_train.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            seen.setdefault(json.loads(line)["text"], None)
    return list(seen)[:limit]


class Timed:
    """Wraps a spaCy component: adds its CPU seconds to `spent[name]`."""

    def __init__(self, name: str, proc: object, spent: dict[str, float]) -> None:
        self.name, self.proc, self.spent = name, proc, spent

    def __call__(self, doc: object) -> object:
        t = time.process_time()
        out = self.proc(doc)  # type: ignore[operator]
        self.spent[self.name] = self.spent.get(self.name, 0.0) + time.process_time() - t
        return out

    def pipe(self, docs: object) -> object:
        docs = list(docs)  # type: ignore[call-overload]
        t = time.process_time()
        pipe = getattr(self.proc, "pipe", None)
        out = list(pipe(docs)) if pipe is not None else [self.proc(d) for d in docs]  # type: ignore[operator]
        self.spent[self.name] = self.spent.get(self.name, 0.0) + time.process_time() - t
        return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=150, help="generated articles to code (default 150)")
    ap.add_argument("--real", type=int, default=0, help="code the first N PolNeAR train articles instead")
    ap.add_argument("--batch", type=int, default=16, help="articles per batch (default 16, as the workers)")
    ap.add_argument("--components", action="store_true", help="also time each spaCy component")
    args = ap.parse_args(argv)
    pipeline = Pipeline()
    texts = real_articles(args.real) if args.real else [a["text"] for a in generated(args.n)]
    articles = [Article(id=str(i), text=t) for i, t in enumerate(texts)]
    spent: dict[str, float] = {st.name: 0.0 for st in pipeline.stages}
    comp: dict[str, float] = {}
    parse_stage = next(st.run for st in pipeline.stages if st.name == "nlp")
    if args.components:
        parse_stage.components = [(n, Timed(n, p, comp)) for n, p in parse_stage.components]
        if parse_stage.ner is not None:
            parse_stage.ner = Timed("ner (names only)", parse_stage.ner, comp)
    sents = {"parse": 0, "names": 0, "tokens": 0}
    chars = dict(sents)
    for k in range(0, len(articles), args.batch):
        chunk = articles[k:k + args.batch]
        for st in pipeline.stages:
            t = time.process_time()
            many = getattr(st.run, "batch", None)
            if many is not None:
                many(chunk)
            else:
                for a in chunk:
                    st.run(a)
            spent[st.name] += time.process_time() - t
        for a in chunk:
            for s in a.sentences:
                sents[s.depth] = sents.get(s.depth, 0) + 1
                chars[s.depth] = chars.get(s.depth, 0) + s.end - s.start
            a.doc = None
    total = sum(spent.values())
    what = f"{len(articles)} real articles (PolNeAR train)" if args.real else f"{len(articles)} generated articles"
    print(f"{what}, batches of {args.batch}, CPU ms per article")
    for name, secs in spent.items():
        print(f"{name:16s} {1000 * secs / len(articles):7.1f} ms/article {100 * secs / total:6.1f}%")
    print(f"{'total':16s} {1000 * total / len(articles):7.1f} ms/article")
    if args.components:
        print("inside nlp:")
        for name, secs in comp.items():
            print(f"  {name:14s} {1000 * secs / len(articles):7.1f} ms/article")
        ns, nc = sum(sents.values()) or 1, sum(chars.values()) or 1
        print("sentences by depth: " + ", ".join(
            f"{d} {sents[d]} ({sents[d] / ns:.1%} of sentences, {chars[d] / nc:.1%} of characters)" for d in sents))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
