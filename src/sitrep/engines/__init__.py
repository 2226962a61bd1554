"""Engines that run the pipeline at a scale beyond one process.

- `sitrep.parallel.code_parallel`: every core of one machine (no extra needed).
- `sitrep.engines.ray_engine.run_ray`: a Ray cluster, Parquet in and out
  (needs the ``ray`` extra: ``pip install 'sitrep[ray]'``).

Ray is imported only when `run_ray` is called, so importing this package never
needs it.
"""

from __future__ import annotations

from sitrep.engines.ray_engine import article_events, load_parquet_into_store, run_ray

__all__ = ["article_events", "load_parquet_into_store", "run_ray"]
