"""Tune and check parts of every gold set.

Rules grown while reading errors learn the sentences they were read on, so
each gold set is cut in two by a stable hash of the record id: about 60% is
*tune* (read its errors, change the coder) and 40% is *check* (scored, never
read; a change is kept when check holds or rises). PolNeAR comes split
already: its train file is tune, its dev file check.

    part_of("g5w-9939f45fb4e5")  -> "tune" or "check", the same on every machine
"""

from __future__ import annotations

import hashlib
from typing import Literal

Part = Literal["tune", "check"]
PARTS: tuple[Part, ...] = ("tune", "check")
TUNE_SHARE = 60  # percent of records in tune; the rest is check


def base_id(record_id: str) -> str:
    """The id without the "#2" that `unique_ids` adds to a repeated one (a repeated
    id stays in the part of its first record)."""
    return record_id.split("#", 1)[0]


def part_of(record_id: str) -> Part:
    """"tune" or "check" for a record id: sha256 of the id, first 8 hex digits as a
    number, modulo 100, below `TUNE_SHARE` is tune."""
    h = int(hashlib.sha256(base_id(record_id).encode("utf-8")).hexdigest()[:8], 16)
    return "tune" if h % 100 < TUNE_SHARE else "check"
