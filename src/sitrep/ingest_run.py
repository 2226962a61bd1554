"""`sitrep ingest` into a database: batch-wise writes, resumable, one writer.

    run_ingest(db, articles, code=coder)  ->  IngestSummary

1. The writer lock (`sitrep.store.lock`) is taken for the whole run: a second
   writer gets a clear error naming this process.
2. Articles an interrupted run stored but never deduplicated and clustered
   (`corpus_pending`) are finished first (`finish_pending`, also `sitrep repair`).
3. Inputs whose id is stored are skipped before coding; the rest are coded
   (`code`, e.g. `parallel.code_parallel`: model load and coding happen with
   the database closed) and written in batches, the database open only while
   a batch is written, so readers can query between batches.
4. The new articles are deduplicated and clustered (`finish_pending` again).

An interrupted run leaves every written batch stored and pending: re-running
the same command completes it, and the result equals an uninterrupted run's.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from sitrep import faults
from sitrep.model import Article
from sitrep.store import AddResult, Store
from sitrep.store import lock

log = logging.getLogger("sitrep")

BATCH_SIZE = 200


@dataclass(slots=True)
class IngestSummary:
    added: int = 0
    duplicates: int = 0
    rejected: int = 0
    skipped: int = 0
    finished_pending: int = 0
    reasons: Counter[str] = field(default_factory=Counter)


def finish_pending(store: Store) -> int:
    """Deduplicate and cluster the stored articles still pending; return how many."""
    from sitrep import corroborate

    ids = store.pending_ids()
    if ids:
        corroborate.update_clusters(store, ids)
    return len(ids)


def repair(db: str) -> int:
    """Finish an interrupted ingest's stored articles (`sitrep repair`)."""
    lock.acquire(db)
    try:
        with Store.open(db) as store:
            return finish_pending(store)
    finally:
        lock.release(db)


def run_ingest(
    db: str,
    articles: Iterable[Article],
    *,
    code: Callable[[Iterable[Article]], Iterable[Article]],
    batch_size: int = BATCH_SIZE,
    progress: Callable[[Iterable[Article]], Iterable[Article]] = lambda x: x,
) -> IngestSummary:
    """Code `articles` and store them in `db`; see the module docstring."""
    out = IngestSummary()
    lock.acquire(db)
    try:
        with Store.open(db) as store:
            out.finished_pending = finish_pending(store)
            known = store.all_ids()
        if out.finished_pending:
            log.warning("finished %d article(s) an interrupted ingest had stored", out.finished_pending)

        def fresh() -> Iterator[Article]:
            for a in articles:
                if a.rejected is None and a.id in known:
                    out.skipped += 1
                    continue
                yield a

        coded = iter(progress(code(fresh())))
        while batch := list(islice(coded, batch_size)):
            for a in batch:
                if a.rejected is not None:
                    out.reasons[a.rejected.reason] += 1
                    log.info("rejected %s: %s %s", a.origin, a.rejected.reason, a.rejected.detail)
            with Store.open(db) as store:
                result: AddResult = store.add(batch, batch_size=batch_size)
            faults.point("ingest.batch_stored")
            out.added += result.added
            out.duplicates += result.duplicates
            out.rejected += result.rejected
        with Store.open(db) as store:
            finish_pending(store)
    finally:
        lock.release(db)
    return out
