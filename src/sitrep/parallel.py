"""Code a stream of articles on every core: worker processes, ordered results.

    articles ──> [chunks of `chunk_size`] ──> worker 1 (pipeline loaded once) ──┐
                                          └──> worker 2 (pipeline loaded once) ──┴──> in input order

`code_parallel` is a drop-in for `Pipeline.run`: it yields the same articles,
in the same order, coded by `workers` processes that each build the pipeline
once (`get_pipeline(settings)`). At most `2 * workers` chunks are in flight, so
memory stays flat whatever the length of the input (an endless generator
works). The parent process never loads the model.

Failures stay with one article:

- a stage that raises: the pipeline rejects that article (`stage_error`);
- a worker that dies (segfault, out of memory, `os._exit`): the chunks that
  were in flight are run again one article at a time, alone; the article that
  kills a worker then is rejected with `stage_error` ("worker process died")
  and the stream goes on with a fresh worker;
- a pipeline that cannot be built at all (model not installed, bad setting):
  the error it raised (`ModelError`, `UsageError`...) is raised here,
  since no article could be coded.

Write results through one writer, in batches:

    with Store.open("sitrep.duckdb") as store:
        store.add(code_parallel(read_inputs(paths), settings=settings), batch_size=200)
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from typing import Any

from sitrep.errors import UsageError
from sitrep.model import Article
from sitrep.pipeline import collector_paused, freeze_startup_objects, get_pipeline
from sitrep.settings import Settings

IN_FLIGHT_PER_WORKER = 2
"""Chunks queued per worker: one being coded, one waiting, so a worker never
idles while the parent collects results. More only adds memory."""

START_METHOD = "spawn"
"""Workers start fresh ('spawn', the default on macOS and Windows): the same
behaviour on every platform, and no copy of the parent's threads or locks."""


def default_workers() -> int:
    """One worker per core."""
    return os.cpu_count() or 1


def code_parallel(
    articles: Iterable[Article],
    *,
    settings: Settings,
    workers: int | None = None,
    chunk_size: int = 16,
) -> Iterator[Article]:
    """Code `articles` with `workers` processes (default: one per core) and
    yield them in input order.

    `workers=1` codes in this process, with no pool. Articles are sent to
    workers in chunks of `chunk_size` (16 x ~500 words is ~0.5 s of work, enough
    to hide the cost of pickling). Raises UsageError for workers or chunk_size
    below 1, and the pipeline's own error (`ModelError`...) if it cannot be built.
    """
    n = default_workers() if workers is None else workers
    if n < 1:
        raise UsageError(f"workers must be at least 1, got {n}")
    if chunk_size < 1:
        raise UsageError(f"chunk_size must be at least 1, got {chunk_size}")
    if n == 1:
        pipeline = get_pipeline(settings)
        for chunk in _chunked(articles, chunk_size):
            yield from _code_many(pipeline, chunk)
        return
    chunks = _chunked(articles, chunk_size)
    for chunk in ordered_map(
        _code_chunk,
        chunks,
        workers=n,
        initializer=_init_worker,
        initargs=(settings,),
        on_crash=_crashed,
    ):
        yield from chunk


# --- the worker side -------------------------------------------------------------

_PIPELINE: Any = None
_INIT_ERROR: Exception | None = None


@dataclass(frozen=True, slots=True)
class _InitFailed:
    """Sent back instead of results when the worker could not build the pipeline."""

    error: Exception


def _init_worker(settings: Settings) -> None:
    # An exception here would only show as a broken pool; keep it to send back.
    global _PIPELINE, _INIT_ERROR
    # Ctrl-C reaches the whole process group: the parent reports it (one line, exit 130);
    # a worker leaves quietly instead of printing a KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, lambda *_: os._exit(130))
    with collector_paused():
        try:
            _PIPELINE = get_pipeline(settings)
        except Exception as exc:
            _INIT_ERROR = exc
        else:
            freeze_startup_objects()  # a worker only codes from now on


def _code_chunk(chunk: list[Article]) -> list[Article] | _InitFailed:
    if _INIT_ERROR is not None:
        return _InitFailed(_INIT_ERROR)
    return _code_many(_PIPELINE, chunk)


def _code_many(pipeline: Any, chunk: list[Article]) -> list[Article]:
    """Code a chunk together (`Pipeline.batch`: spaCy runs faster on batches)."""
    try:
        return pipeline.batch(chunk)
    except Exception:  # something escaped the pipeline: find the article at fault
        return [_code_one(pipeline, a) for a in chunk]


def _code_one(pipeline: Callable[[Article], Article], article: Article) -> Article:
    # The pipeline already turns a failing stage into a rejection; this catches
    # what escapes it (a stage returning the wrong type, a bug in the loop).
    try:
        return pipeline(article)
    except Exception as exc:
        article.doc = None
        return article.reject("stage_error", f"{type(exc).__name__}: {exc}")


def _crashed(chunk: list[Article], exc: BaseException) -> list[Article]:
    for article in chunk:
        article.doc = None
        article.reject("stage_error", f"worker process died: {type(exc).__name__}: {exc}")
    return chunk


def _chunked(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


# --- the ordered, bounded, crash-tolerant pool -------------------------------------


@dataclass(slots=True)
class _Job:
    items: list[Any]
    alone: bool = False  # run with nothing else in flight, to pin a crash on it


def ordered_map(
    fn: Callable[[list[Any]], Any],
    chunks: Iterable[list[Any]],
    *,
    workers: int,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
    on_crash: Callable[[list[Any], BaseException], Any],
) -> Iterator[Any]:
    """Yield `fn(chunk)` for each chunk, in order, computed in `workers` processes.

    At most `IN_FLIGHT_PER_WORKER * workers` chunks are in flight. When a worker
    dies, every chunk then in flight is split into one-item chunks that are run
    alone; a one-item chunk that still kills its worker yields
    `on_crash(chunk, exc)` and the pool is restarted. `fn` returning an
    `_InitFailed` raises its error. `fn` and the items must be picklable.
    """
    context = multiprocessing.get_context(START_METHOD)
    limit = IN_FLIGHT_PER_WORKER * workers
    source = iter(chunks)
    retry: deque[_Job] = deque()  # jobs to run before reading more input
    inflight: deque[tuple[_Job, Future[Any]]] = deque()

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=context, initializer=initializer, initargs=initargs)

    def next_job() -> _Job | None:
        if retry:
            if retry[0].alone and inflight:
                return None
            return retry.popleft()
        if inflight and inflight[0][0].alone:
            return None
        chunk = next(source, None)
        return None if chunk is None else _Job(chunk)

    pool = new_pool()
    try:
        while True:
            while len(inflight) < limit:
                job = next_job()
                if job is None:
                    break
                try:
                    future = pool.submit(fn, job.items)
                except BrokenProcessPool:
                    # A worker died after the last result was read: the job waits its turn
                    # again, and the futures in flight report the crash below.
                    retry.appendleft(job)
                    if not inflight:  # nothing in flight to report it: start afresh
                        pool.shutdown(wait=True, cancel_futures=True)
                        pool = new_pool()
                        continue
                    break
                inflight.append((job, future))
                if job.alone:
                    break
            if not inflight:
                return
            job, future = inflight[0]
            try:
                result = future.result()
            except BrokenProcessPool as exc:
                pool.shutdown(wait=True, cancel_futures=True)
                pool = new_pool()
                suspects = [j for j, _ in inflight]
                inflight.clear()
                if job.alone:
                    # It ran alone: this item killed the worker.
                    yield on_crash(job.items, exc)
                    suspects = suspects[1:]
                singles = [_Job([item], alone=True) for j in suspects for item in j.items]
                retry.extendleft(reversed(singles))
                continue
            except Exception as exc:  # the result could not be pickled back, or similar
                inflight.popleft()
                if len(job.items) == 1:
                    yield on_crash(job.items, exc)
                else:  # find the item at fault: run each on its own, ahead of the rest
                    for item in reversed(job.items):
                        inflight.appendleft((_Job([item]), pool.submit(fn, [item])))
                continue
            inflight.popleft()
            if isinstance(result, _InitFailed):
                raise result.error
            yield result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
