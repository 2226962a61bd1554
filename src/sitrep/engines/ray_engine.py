"""Code a corpus on a Ray cluster: JSONL or Parquet in, flat-export Parquet out.

    input (folder, file or s3://... path)
      -> Ray Data read (JSONL: sitrep's own JSONL reader; Parquet: read_parquet)
      -> map_batches(_Coder)  an actor pool of `num_workers`, each actor builds
                              the pipeline once (`get_pipeline(settings)`)
      -> write_parquet        part files in the flat (GDELT-like) export schema
                              (`sitrep.export.FLAT_SCHEMA`), one row per event

    >>> from sitrep.engines import run_ray, load_parquet_into_store
    >>> counts = run_ray("corpus/", "out/events/")                # local Ray instance
    >>> counts = run_ray("s3://bucket/corpus/", "s3://bucket/events/",
    ...                  address="ray://head:10001", num_workers=32)  # a cluster
    >>> with Store.open("sitrep.duckdb") as store:
    ...     load_parquet_into_store(store, "out/events/")          # table ray_events

Input records have the fields of `sitrep code` JSONL (``text`` required;
``id``, ``title``, ``date``, ``url``, ``source``) and are read by the same
rules: missing id -> content hash, ``date`` cut to YYYY-MM-DD, bad records
rejected (not fatal). Rejected articles produce no rows; they are counted in
the returned dict. See docs/scaling.md.

Ray is imported when `run_ray` is called; without it, `UsageError` says which
extra to install.
"""

from __future__ import annotations

import os
import pickle
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from sitrep.contract import event_to_dict
from sitrep.errors import StoreError, UsageError
from sitrep.export import FLAT_SCHEMA, flat_row
from sitrep.ingest.jsonl import read_record
from sitrep.model import Article
from sitrep.settings import Settings

if TYPE_CHECKING:
    from sitrep.store import Store

INPUT_FORMATS: tuple[str, ...] = ("jsonl", "parquet")
_PARQUET_SUFFIXES = (".parquet", ".pq")
_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
_TABLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

MISSING_RAY = "Ray engine needs the 'ray' extra: pip install 'sitrep[ray]'"


def _import_ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401  (needs pandas & co: the ray[data] extra)
    except ImportError as exc:
        raise UsageError(MISSING_RAY) from exc
    return ray


# --- one article -> flat rows ---------------------------------------------------------


def article_events(article: Article) -> list[dict[str, Any]]:
    """The events of a coded article as `Store.events` records (what
    `sitrep.export.flat_row` takes). Event ids are ``ARTICLE_ID:N``, as in the store."""
    out = []
    for i, event in enumerate(article.events):
        record = event_to_dict(event)
        record.update(
            event_id=f"{article.id}:{i}",
            article_id=article.id,
            date_precision=event.date_precision,
            source=article.source,
            title=article.title,
            url=article.url,
            article_date=article.date,
        )
        out.append(record)
    return out


def _parquet_article(record: dict[str, Any]) -> Article:
    origin = str(record.pop("path", None) or "<parquet>")
    article = read_record(record, origin=origin)
    article.format = "parquet"
    return article


def _batch_articles(batch: pa.Table) -> list[Article]:
    from sitrep.engines._ray_io import ARTICLE_COLUMN

    if ARTICLE_COLUMN in batch.column_names:
        return [pickle.loads(b) for b in batch.column(ARTICLE_COLUMN).to_pylist()]
    return [_parquet_article(r) for r in batch.to_pylist()]


class _Coder:
    """A Ray Data actor: builds the pipeline once, codes batches of articles."""

    def __init__(self, settings: Settings, tally: Any) -> None:
        from sitrep.pipeline import get_pipeline

        self.pipeline = get_pipeline(settings)
        self.tally = tally

    def __call__(self, batch: pa.Table) -> pa.Table:
        import ray

        rows: list[dict[str, Any]] = []
        counts: dict[str, Any] = {"articles": 0, "coded": 0, "rejected": 0, "events": 0, "rejections": {}}
        for article in _batch_articles(batch):
            try:
                article = self.pipeline(article)  # a failing stage rejects (stage_error)
            except Exception as exc:
                article.reject("stage_error", f"{type(exc).__name__}: {exc}")
            counts["articles"] += 1
            if article.rejected is not None:
                counts["rejected"] += 1
                reason = article.rejected.reason
                counts["rejections"][reason] = counts["rejections"].get(reason, 0) + 1
                continue
            counts["coded"] += 1
            events = article_events(article)
            counts["events"] += len(events)
            rows.extend(flat_row(ev) for ev in events)
        ray.get(self.tally.add.remote(counts))  # wait: the counts must be in before run_ray reads them
        return pa.Table.from_pylist(rows, schema=FLAT_SCHEMA)


# --- the run ----------------------------------------------------------------------------


def _guess_format(path: str) -> str:
    lower = path.lower().rstrip("/")
    if lower.endswith(_PARQUET_SUFFIXES):
        return "parquet"
    if lower.endswith(_JSONL_SUFFIXES):
        return "jsonl"
    if "://" not in path and Path(path).is_dir():
        names = [p.name.lower() for p in Path(path).rglob("*") if p.is_file()]
        has_parquet = any(n.endswith(_PARQUET_SUFFIXES) for n in names)
        has_jsonl = any(n.endswith(_JSONL_SUFFIXES) for n in names)
        if has_parquet and not has_jsonl:
            return "parquet"
        if has_jsonl and not has_parquet:
            return "jsonl"
    raise UsageError(f"cannot tell whether {path} holds JSONL or Parquet: pass input_format='jsonl' or 'parquet'")


def run_ray(
    input_path: str,
    output_path: str,
    *,
    settings: Settings | None = None,
    address: str | None = None,
    num_workers: int = 2,
    batch_size: int = 64,
    input_format: str | None = None,
    overwrite: bool = False,
) -> dict[str, Any]:
    """Code every article under `input_path` on Ray; write flat-schema Parquet
    part files under `output_path`; return the counts.

    input_path: a JSONL or Parquet file, a folder of them, or an object-store
        path (``s3://...``, ``gs://...``) that every node can read.
    output_path: a folder (local, shared or object store); it must not exist
        or be empty unless `overwrite` (which deletes what is there first);
        an object-store path is not checked, and new part files are added.
    address: a running cluster (``"auto"``, ``"ray://head:10001"``); None
        connects to ``RAY_ADDRESS`` if set, else starts a local instance that
        is shut down on return. An already initialised Ray is used as is.
    num_workers: coding actors, each with one CPU and its own pipeline.
    batch_size: articles per `map_batches` call.
    input_format: "jsonl" or "parquet"; None guesses from the path.

    Returns ``{"articles", "coded", "rejected", "events", "rejections":
    {reason: n}, "output"}`` as reported by the actors (a batch retried after
    a node failure is counted again).
    """
    if num_workers < 1:
        raise UsageError(f"num_workers must be at least 1, got {num_workers}")
    if batch_size < 1:
        raise UsageError(f"batch_size must be at least 1, got {batch_size}")
    fmt = input_format or _guess_format(input_path)
    if fmt not in INPUT_FORMATS:
        raise UsageError(f"unknown input format {fmt!r}; choose one of {', '.join(INPUT_FORMATS)}")
    if "://" not in output_path and not overwrite:
        out = Path(output_path)
        if out.is_file() or (out.is_dir() and any(out.iterdir())):
            raise UsageError(f"{output_path} exists and is not empty (pass overwrite=True to replace it)")
    settings = settings or Settings.from_env()
    ray = _import_ray()
    from sitrep.engines import _ray_io

    started = False
    if not ray.is_initialized():
        if address is None and not os.environ.get("RAY_ADDRESS"):
            # A local instance: one logical CPU more than the coding actors, so
            # the read and write tasks are never starved by the actor pool.
            cpus = max(os.cpu_count() or 1, num_workers + 1)
            ray.init(num_cpus=cpus, include_dashboard=False, configure_logging=False)
        else:
            ray.init(address=address)
        started = True
    try:
        if fmt == "parquet":
            ds = ray.data.read_parquet(input_path, include_paths=True)
        else:
            ds = ray.data.read_datasource(_ray_io.JsonLinesArticles(input_path, max_bytes=settings.max_bytes))
        tally = _ray_io.Tally.remote()
        coded = ds.map_batches(
            _Coder,
            batch_size=batch_size,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=num_workers),
            fn_constructor_kwargs={"settings": settings, "tally": tally},
            num_cpus=1,
        )
        coded.write_parquet(output_path, mode="overwrite" if overwrite else "append")
        counts: dict[str, Any] = ray.get(tally.get.remote())
    finally:
        if started:
            ray.shutdown()
    counts["output"] = output_path
    return counts


# --- into the database -----------------------------------------------------------------


def load_parquet_into_store(store: Store, path: str | Path, *, table: str = "ray_events") -> int:
    """Load flat-schema Parquet written by `run_ray` into `table` of the store's
    DuckDB database (created on first use, columns as `FLAT_SCHEMA`); return
    the rows added.

    `path` is one Parquet file or a folder (read recursively). Events already
    in the table (same ``GLOBALEVENTID``) are skipped, so loading the same
    output twice adds nothing. Query it with `Store.sql`, e.g.
    ``SELECT PloverType, count(*) FROM ray_events GROUP BY 1``.
    """
    if store.read_only:
        raise StoreError(f"database {store.path} is open read-only")
    if not _TABLE_NAME.match(table):
        raise UsageError(f"table must be a plain SQL name, got {table!r}")
    p = str(path)
    glob = p if p.lower().endswith(_PARQUET_SUFFIXES) else p.rstrip("/") + "/**/*.parquet"
    con = store.connection
    empty = pa.Table.from_pylist([], schema=FLAT_SCHEMA)
    con.register("_sitrep_flat_empty", empty)
    try:
        con.execute(f"CREATE TABLE IF NOT EXISTS {table} AS SELECT * FROM _sitrep_flat_empty")
    finally:
        con.unregister("_sitrep_flat_empty")
    cols = ", ".join(f'"{name}"' for name in FLAT_SCHEMA.names)
    try:
        row = con.execute(
            f"INSERT INTO {table} ({cols}) "
            f"SELECT {cols} FROM (SELECT DISTINCT ON (GLOBALEVENTID) * FROM read_parquet(?)) p "
            f"WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE t.GLOBALEVENTID = p.GLOBALEVENTID)",
            [glob],
        ).fetchone()
    except Exception as exc:  # duckdb.Error: no files, not Parquet, wrong columns
        raise StoreError(f"cannot load {p} into {table}: {exc}") from exc
    return int(row[0]) if row else 0
