"""A short-lived, shared read-only connection to the database, so that an ingest can write beside
the server.

DuckDB lets no process write a file while another has it open, even read-only, and opening it
costs tens of milliseconds. The server therefore opens it read-only when a request comes, shares
that connection (one cursor per request) with the requests that arrive within `hold` seconds of
the opening, and closes it as soon as it is older than that and idle (a timer closes an idle one).
After closing an aged connection it opens none for `gap` seconds: a waiting `sitrep ingest` (which
retries every 0.1 s) gets the file between two connections even under a steady stream of requests.
So a request sees everything committed before its connection was opened, at most `hold` seconds
old; a request that meets a batch being written waits up to `wait` seconds (then 503).
"""

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from sitrep.store import Store

HOLD_SECONDS = 1.0
GAP_SECONDS = 0.3


class SharedReader:
    """Read-only `Store`s over one briefly held connection."""

    def __init__(self, path: str, *, wait: float = 5.0, hold: float = HOLD_SECONDS, gap: float = GAP_SECONDS) -> None:
        self.path, self.wait, self.hold, self.gap = path, wait, hold, gap
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._opened = 0.0
        self._closed = 0.0
        self._users = 0

    def _close_locked(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
            self._closed = time.monotonic()

    def _close_if_idle(self) -> None:
        with self._lock:
            if self._users == 0 and self._store is not None and time.monotonic() - self._opened >= self.hold:
                self._close_locked()

    def _acquire(self) -> Store:
        while True:
            with self._lock:
                now = time.monotonic()
                if self._store is not None and now - self._opened >= self.hold and self._users == 0:
                    self._close_locked()
                if self._store is None:
                    pause = self.gap - (now - self._closed)
                    if pause <= 0:
                        self._store = Store.open(self.path, read_only=True, wait=self.wait)
                        self._opened = time.monotonic()
                if self._store is not None:
                    self._users += 1
                    return Store(self._store.connection.cursor(), self.path, read_only=True)
            time.sleep(max(pause, 0.01))

    def _release(self, store: Store) -> None:
        store.close()  # the cursor only
        with self._lock:
            self._users -= 1
            if self._users == 0 and self._store is not None and time.monotonic() - self._opened >= self.hold:
                self._close_locked()
            idle = self._users == 0 and self._store is not None
        if idle:  # close it once aged, unless another request came
            timer = threading.Timer(self.hold, self._close_if_idle)
            timer.daemon = True
            timer.start()

    @contextmanager
    def session(self) -> Iterator[Store]:
        """A read-only `Store` for one request (StoreError when the database cannot be opened)."""
        store = self._acquire()
        try:
            yield store
        finally:
            self._release(store)

    def close(self) -> None:
        with self._lock:
            self._close_locked()
