"""A small on-disk cache of things derived from files, to start faster.

Entries are JSON files under `$SITREP_CACHE_DIR`, else `$XDG_CACHE_HOME/sitrep`, else
`~/.cache/sitrep` (`SITREP_CACHE_DIR=off` turns the cache off). Each entry is named by a
hash of everything it was derived from (the source files' bytes or stat, library
versions, a format number), so a changed source is a different key and never reads a stale
entry; old entries are simply left behind. Nothing is ever downloaded.

The cache is an optimisation only: a folder that cannot be created or written, or an entry
that cannot be read or parsed, means the caller derives the value afresh, as without a cache.
Writes go to a temporary file renamed into place, so concurrent processes (one per worker)
never see half an entry.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import tempfile
from pathlib import Path
from typing import Any

OFF = ("off", "0", "no", "false", "none")


def cache_dir() -> Path | None:
    """The cache folder (not created here), or None when the cache is off."""
    env = os.environ.get("SITREP_CACHE_DIR")
    if env is not None and env.strip():
        return None if env.strip().lower() in OFF else Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "sitrep"
    try:
        return Path.home() / ".cache" / "sitrep"
    except (RuntimeError, KeyError):  # no home folder
        return None


def key(*parts: Any) -> str:
    """A hex digest of `parts` (bytes are hashed as they are, anything else as its JSON)."""
    h = hashlib.sha256()
    for part in parts:
        raw = part if isinstance(part, bytes) else json.dumps(part, sort_keys=True).encode()
        h.update(len(raw).to_bytes(8, "little"))
        h.update(raw)
    return h.hexdigest()


def _path(kind: str, name: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / kind / name


def read_bytes(kind: str, name: str) -> bytes | None:
    """The bytes stored as `kind`/`name`, or None (cache off, absent or unreadable)."""
    path = _path(kind, name)
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        return None


def read_mapped(kind: str, name: str) -> mmap.mmap | None:
    """The entry `kind`/`name` mapped read-only into memory (its pages are read from
    the file when first touched), or None (cache off, absent, empty or unreadable).
    Entries are replaced by renaming, never rewritten in place, so a mapping stays valid."""
    path = _path(kind, name)
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # ValueError: an empty file cannot be mapped
        return None


def write_bytes(kind: str, name: str, payload: bytes) -> bool:
    """Store `payload` as `kind`/`name` (atomically); False when it could not be."""
    path = _path(kind, name)
    if path is None:
        return False
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, path)
        return True
    except OSError:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return False


def read_checked(kind: str, name: str) -> bytes | None:
    """The payload stored by `write_checked` as `kind`/`name`, or None (cache off, absent,
    unreadable, or not the bytes written: truncated or otherwise damaged)."""
    raw = read_bytes(kind, name)
    if raw is None or len(raw) < 32:
        return None
    payload = raw[32:]
    return payload if hashlib.sha256(payload).digest() == raw[:32] else None


def write_checked(kind: str, name: str, payload: bytes) -> bool:
    """Store `payload` as `kind`/`name` (atomically) behind its SHA-256, which
    `read_checked` verifies; False when it could not be stored."""
    return write_bytes(kind, name, hashlib.sha256(payload).digest() + payload)


def read(kind: str, digest: str) -> Any | None:
    """The JSON value stored under `kind`/`digest`, or None (absent, unreadable or corrupt)."""
    raw = read_bytes(kind, f"{digest}.json")
    if raw is None:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return None


def write(kind: str, digest: str, value: Any) -> bool:
    """Store `value` (JSON-serialisable) under `kind`/`digest`; False when it could not be."""
    try:
        payload = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except (TypeError, ValueError):
        return False
    return write_bytes(kind, f"{digest}.json", payload)
