"""Responses of the aggregate endpoints, kept per state of the database.

The server reads through one read-only connection (`sitrep.serve.connections.SharedReader`) that it
keeps open until a writer announces itself; while it is open nobody can write the file, so what a
query returns depends only on the query and on which connection ran it. `SharedReader.generation`
counts the connections opened, and a response is kept under (generation, endpoint, parameters): the
first request after the server reconnects (after an ingest batch, or after an idle close) finds no
entry of the new generation and runs its queries, and entries of older generations are dropped.

Bounded: at most `max_entries` responses and `max_bytes` of JSON, least recently used dropped first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

MAX_ENTRIES = 256
MAX_BYTES = 64 * 1024 * 1024


class ResponseCache:
    """An LRU of rendered JSON bodies keyed by (generation, key)."""

    def __init__(self, *, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._lock = threading.Lock()
        self._items: OrderedDict[Hashable, bytes] = OrderedDict()
        self._bytes = 0
        self._generation: int | None = None
        self.hits = self.misses = 0

    def get_or_build(self, generation: int, key: Hashable, build: Callable[[], Any],
                     render: Callable[[Any], bytes]) -> bytes:
        """The body kept for `key` in this generation, else `render(build())`, kept."""
        if self.max_entries <= 0:
            return render(build())
        with self._lock:
            if self._generation != generation:
                # a newer connection: the database may have changed, drop what was kept; an older one
                # (a request that began before the reconnect): serve it, keep nothing
                keep = self._generation is None or generation > self._generation
                if keep:
                    self._items.clear()
                    self._bytes = 0
                    self._generation = generation
            else:
                hit = self._items.get(key)
                if hit is not None:
                    self._items.move_to_end(key)
                    self.hits += 1
                    return hit
                keep = True
            self.misses += 1
        body = render(build())
        if keep and len(body) <= self.max_bytes:
            with self._lock:
                if self._generation == generation and key not in self._items:
                    self._items[key] = body
                    self._bytes += len(body)
                    while len(self._items) > self.max_entries or self._bytes > self.max_bytes:
                        _, old = self._items.popitem(last=False)
                        self._bytes -= len(old)
        return body

    def __len__(self) -> int:
        return len(self._items)
