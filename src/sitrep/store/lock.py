"""One writer at a time, and who holds a database.

DuckDB lets one process open a file for writing, and none other (not even to
read) while it has it open. `sitrep ingest` therefore opens the database only
while it writes a batch; between batches readers can open it. Two ingests into
one database would interleave their batches, so a writer also takes an
advisory lock on ``<db>.writer.lock`` (fcntl.flock) for its whole run, and the
file names the process holding it: the error a second writer gets, and the
message a reader gets after waiting for DuckDB's lock, say who holds it.

The lock is per process and re-entrant: `Store.open` for writing takes it (a
no-op when the process already holds it) and `Store.close` releases it.

A writer also announces that it wants the file: from just before it opens the
database until it has closed it again, ``<db>.writer.wait`` exists
(`announce` / `withdraw`, called by `Store.open` and `Store.close`). A
long-running reader such as `sitrep serve` keeps its connection open and checks
`writer_waiting` (a stat, plus a lock probe when the file exists), letting go of
the database only when a writer wants it. A marker left by a killed writer is
ignored (nobody holds the writer lock) and removed by the next writer.
"""

from __future__ import annotations

import fcntl
import os
import sys
import threading
import time
from datetime import datetime, timezone

from sitrep.errors import StoreError

_held: dict[str, list[int]] = {}  # lock path -> [fd, count]
_announced: dict[str, int] = {}  # marker path -> count
_mutex = threading.Lock()


def lock_path(db_path: str) -> str:
    return os.path.abspath(db_path) + ".writer.lock"


def wait_path(db_path: str) -> str:
    """The marker a writer keeps while it wants or holds the database file."""
    return os.path.abspath(db_path) + ".writer.wait"


def announce(db_path: str) -> None:
    """Say that this process wants to open `db_path` for writing (call with the writer lock held)."""
    path = wait_path(db_path)
    with _mutex:
        if _announced.get(path):
            _announced[path] += 1
            return
        try:
            with open(path, "w", encoding="utf-8") as f:
                f.write(f"pid {os.getpid()}\n")
        except OSError:
            return  # a read-only folder: readers will not see it, and DuckDB's own lock still decides
        _announced[path] = 1


def withdraw(db_path: str) -> None:
    """This process no longer wants or holds `db_path` for writing (after closing it)."""
    path = wait_path(db_path)
    with _mutex:
        n = _announced.get(path)
        if not n:
            return
        if n > 1:
            _announced[path] = n - 1
            return
        del _announced[path]
        try:
            os.unlink(path)
        except OSError:
            pass


def writer_waiting(db_path: str) -> bool:
    """Whether a live writer wants (or holds) `db_path`: its marker exists and someone holds the
    writer lock. Costs one stat when no writer announced itself."""
    try:
        os.stat(wait_path(db_path))
    except OSError:
        return False
    return holder(db_path) is not None


def holder(db_path: str) -> str | None:
    """Who holds the writer lock of `db_path` ('sitrep ingest, pid 123, since ...'), or None."""
    path = lock_path(db_path)
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            try:
                fcntl.flock(f.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError:
                return f.read().strip() or "another process"
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)
            return None
    except OSError:
        return None


def acquire(db_path: str) -> None:
    """Take the writer lock of `db_path`; StoreError naming the holder if another process has it."""
    path = lock_path(db_path)
    with _mutex:
        if path in _held:
            _held[path][1] += 1
            return
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"cannot create the writer lock {path}: {exc.strerror}") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            who = holder(db_path) or "another process"
            raise StoreError(f"{db_path} is being written by {who}; one writer at a time: "
                             "wait for it to finish") from None
        try:  # a marker of a writer that died is stale: nobody else can write now
            os.unlink(wait_path(db_path))
        except OSError:
            pass
        os.ftruncate(fd, 0)
        command = " ".join(os.path.basename(a) if i == 0 else a for i, a in enumerate(sys.argv[:2]))
        since = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
        os.write(fd, f"{command or 'python'} (pid {os.getpid()}, since {since})\n".encode())
        _held[path] = [fd, 1]


def release(db_path: str) -> None:
    path = lock_path(db_path)
    with _mutex:
        entry = _held.get(path)
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] > 0:
            return
        del _held[path]
        fd = entry[0]
        try:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


def wait_for(attempt, *, seconds: float, step: float = 0.1):
    """Call `attempt()` until it does not raise a lock conflict (a duckdb.Error
    mentioning a lock) or `seconds` have passed; re-raise the last error."""
    import duckdb

    deadline = time.monotonic() + seconds
    while True:
        try:
            return attempt()
        except duckdb.Error as exc:
            if "lock" not in str(exc).lower() or time.monotonic() >= deadline:
                raise
        time.sleep(step)
