"""One shared read-only connection to the database, let go of whenever a writer wants the file.

DuckDB lets no process write a file while another has it open, even read-only, and a fresh
connection starts with a cold cache (the first queries after an open cost several times more).
The server therefore keeps its read-only connection open (one cursor per request) for as long as
no writer wants the file. A writer (`Store.open` for writing, so every `sitrep ingest` batch)
announces itself with a marker beside the database (``<db>.writer.wait``, `sitrep.store.lock`)
from before it opens the file until it has closed it. The server checks for the marker (one stat)
at most every `poll` seconds, on requests and from a watcher thread while the connection is open;
once it sees one it starts no new request on the connection, closes it as soon as the requests in
flight are done, and opens none until the marker is gone (the writer's batch is committed and the
file closed). Requests that arrive meanwhile wait up to `wait` seconds (then try anyway, and get a
503 naming the writer if the file is still held). So a writer is never starved by a stream of
requests, and a request sees every batch committed before it started.

A connection idle for `hold` seconds is closed too, so a writer that does not announce itself
(another program opening the file with DuckDB) gets it whenever the server is idle.
"""

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from sitrep.store import Store, lock

HOLD_SECONDS = 60.0  # close a connection idle this long
POLL_SECONDS = 0.05  # how often to look for a writer's marker


class SharedReader:
    """Read-only `Store`s (cursors) over one connection, closed while a writer wants the file."""

    def __init__(self, path: str, *, wait: float = 5.0, hold: float = HOLD_SECONDS, poll: float = POLL_SECONDS) -> None:
        self.path, self.wait, self.hold, self.poll = path, wait, hold, poll
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._users = 0
        self._last_used = 0.0
        self._checked = float("-inf")
        self._waiting = False
        self._watcher: threading.Thread | None = None
        self._stop = threading.Event()
        self.opens = 0  # connections opened so far: the generation of the current one (`generation`)

    # --- with self._lock held -------------------------------------------------------

    def _writer_waiting(self, now: float) -> bool:
        if now - self._checked >= self.poll:
            self._checked = now
            self._waiting = lock.writer_waiting(self.path)
        return self._waiting

    def _close_locked(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def _close_if_due(self, now: float) -> None:
        if self._store is not None and self._users == 0 and (
                self._writer_waiting(now) or now - self._last_used >= self.hold):
            self._close_locked()

    # --- the watcher: closes an idle connection a writer wants -------------------------

    def _watch(self) -> None:
        while not self._stop.wait(self.poll):
            with self._lock:
                self._close_if_due(time.monotonic())
                if self._store is None:
                    self._watcher = None
                    return

    def _start_watcher(self) -> None:
        if self._watcher is None:
            self._watcher = threading.Thread(target=self._watch, name="sitrep-serve-reader", daemon=True)
            self._watcher.start()

    # --- sessions ---------------------------------------------------------------------

    def _acquire(self) -> Store:
        deadline = time.monotonic() + self.wait
        while True:
            with self._lock:
                now = time.monotonic()
                self._close_if_due(now)
                waiting = self._writer_waiting(now)
                if not waiting or now >= deadline:
                    if self._store is None:
                        # a writer between its announcement and its open, or one that does not announce:
                        # DuckDB's lock is retried for `wait` seconds (none left once we waited for it)
                        self._store = Store.open(self.path, read_only=True, wait=0.0 if waiting else self.wait)
                        self.opens += 1
                        self._start_watcher()
                    self._users += 1
                    cursor = Store(self._store.connection.cursor(), self.path, read_only=True)
                    cursor.generation = self.opens  # type: ignore[attr-defined]
                    return cursor
            time.sleep(min(self.poll, max(deadline - now, 0.001)))

    def _release(self, store: Store) -> None:
        store.close()  # the cursor only
        with self._lock:
            self._users -= 1
            self._last_used = time.monotonic()
            if self._users == 0 and self._store is not None and self._writer_waiting(self._last_used):
                self._close_locked()

    @contextmanager
    def session(self) -> Iterator[Store]:
        """A read-only `Store` for one request (StoreError when the database cannot be opened). Its
        `generation` is the number of the connection it reads through: nobody writes the file while
        that connection is open, so two sessions of one generation see the same data
        (`sitrep.serve.cache`)."""
        store = self._acquire()
        try:
            yield store
        finally:
            self._release(store)

    def close(self) -> None:
        self._stop.set()
        with self._lock:
            self._close_locked()
