"""Ray Data pieces that need Ray at import time (imported only by `run_ray`)."""

from __future__ import annotations

import io
import pickle
from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import ray
from ray.data.datasource import FileBasedDatasource

from sitrep.ingest.jsonl import read_jsonl

ROWS_PER_BLOCK = 256
"""Articles per block read from a JSONL file (~1.5 MB of 500-word articles)."""

ARTICLE_COLUMN = "article"


class JsonLinesArticles(FileBasedDatasource):
    """JSON Lines files read exactly as `sitrep code` reads them.

    Each line becomes an `Article` through `sitrep.ingest.jsonl.read_jsonl`:
    same fields, same id and date rules, origin ``path:LINE``, and a malformed
    line becomes a rejected article instead of failing the job. (Ray's own
    `read_json` infers a column type per block and fails on a number where a
    string was seen; `read_text` splits lines on U+2028, which JSON strings may
    hold.) The articles travel pickled in one binary column.
    """

    _FILE_EXTENSIONS = ["jsonl", "ndjson", "json"]

    def __init__(self, paths: str | list[str], *, max_bytes: int, **kwargs: Any) -> None:
        super().__init__(paths, **kwargs)
        self.max_bytes = max_bytes

    def _read_stream(self, f: pa.NativeFile, path: str) -> Iterator[pa.Table]:
        stream = io.BufferedReader(f)  # type: ignore[arg-type]  # NativeFile has no readline(n)
        batch: list[bytes] = []
        for article in read_jsonl(stream, origin=path, max_bytes=self.max_bytes):
            batch.append(pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL))
            if len(batch) >= ROWS_PER_BLOCK:
                yield pa.table({ARTICLE_COLUMN: pa.array(batch, pa.binary())})
                batch = []
        if batch:
            yield pa.table({ARTICLE_COLUMN: pa.array(batch, pa.binary())})


@ray.remote(num_cpus=0)
class Tally:
    """Counts reported by the coding actors (one call per batch)."""

    def __init__(self) -> None:
        self.counts: dict[str, Any] = {"articles": 0, "coded": 0, "rejected": 0, "events": 0, "rejections": {}}

    def add(self, counts: dict[str, Any]) -> None:
        for key in ("articles", "coded", "rejected", "events"):
            self.counts[key] += counts[key]
        for reason, n in counts["rejections"].items():
            self.counts["rejections"][reason] = self.counts["rejections"].get(reason, 0) + n

    def get(self) -> dict[str, Any]:
        return self.counts
