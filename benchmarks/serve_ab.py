"""Uncached latency of two versions of `sitrep serve` side by side: one server for each (uvicorn, response
cache off), requests alternating between them one by one, so both meet the same load on a shared
machine (where runs of benchmarks/serve_latency.py one after the other meet different loads). Prints
p50/p95 per endpoint and says which responses differ. Times nothing in tests.

    python benchmarks/serve_ab.py --a-src OLD/src --a-db OLD.duckdb --b-db NEW.duckdb [--runs 60] [names...]

`--b-src` defaults to this checkout's src/; each database must be at the schema its version needs (two
copies built by each version's benchmarks/serve_latency.py --keep DIR: DIR/big.duckdb). The endpoints
are those of serve_latency.py (`endpoints`).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from serve_latency import endpoints, pct  # the same requests, the same percentile

REPO = Path(__file__).resolve().parents[1]
SERVER = ("import sys, uvicorn\nfrom sitrep.serve import create_app\n"
          "uvicorn.run(create_app(sys.argv[1], cache_entries=0, warm=False), host='127.0.0.1', "
          "port=int(sys.argv[2]), log_level='warning')")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--a-src", required=True, help="src/ of version a")
    ap.add_argument("--a-db", required=True)
    ap.add_argument("--b-src", default=str(REPO / "src"))
    ap.add_argument("--b-db", required=True)
    ap.add_argument("--runs", type=int, default=60)
    ap.add_argument("names", nargs="*", help="only these endpoints")
    args = ap.parse_args()
    servers = {"a": (args.a_src, args.a_db, free_port()), "b": (args.b_src, args.b_db, free_port())}
    procs = [subprocess.Popen([sys.executable, "-c", SERVER, db, str(port)], env={**os.environ, "PYTHONPATH": src})
             for src, db, port in servers.values()]

    def get(tag: str, path: str, params: dict | None = None) -> bytes:
        url = f"http://127.0.0.1:{servers[tag][2]}{path}" + ("?" + urllib.parse.urlencode(params) if params else "")
        with urllib.request.urlopen(url, timeout=60) as r:
            return r.read()

    res: dict[tuple[str, str], list[float]] = {}
    try:
        for tag in servers:
            for _ in range(150):
                try:
                    get(tag, "/api/meta")
                    break
                except OSError:
                    time.sleep(0.2)
        cases = endpoints(lambda path, params: json.loads(get("a", path, params)))
        for name, (path, params) in cases.items():
            if args.names and name not in args.names:
                continue
            if get("a", path, params) != get("b", path, params):
                print(f"responses differ: {name}")
            for i in range(args.runs):
                for tag in ("a", "b") if i % 2 == 0 else ("b", "a"):
                    t = time.perf_counter()
                    get(tag, path, params)
                    res.setdefault((name, tag), []).append((time.perf_counter() - t) * 1000)
    finally:
        for p in procs:
            p.terminate()
            p.wait(timeout=10)
    print(f"{'uncached, over HTTP':<24} {'a p50':>7} {'p95':>7}   {'b p50':>7} {'p95':>7}")
    for name in dict.fromkeys(k[0] for k in res):
        a, b = res[(name, "a")], res[(name, "b")]
        print(f"{name:<24} {statistics.median(a):7.1f} {pct(a, 95):7.1f}   {statistics.median(b):7.1f} {pct(b, 95):7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
