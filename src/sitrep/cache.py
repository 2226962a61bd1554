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


_ALIGN = 64


def pack_arrays(arrays: dict[str, Any], meta: Any = None) -> bytes:
    """NumPy `arrays` and a JSON-serialisable `meta` as one entry for `unpack_arrays`:
    an 8-byte header length, the JSON header (each array's dtype, shape, offset and
    size; `meta`; the entry's size), then each array's raw bytes, 64-byte aligned."""
    import numpy

    arrays = {k: numpy.ascontiguousarray(a) for k, a in arrays.items()}

    def layout(head_len: int) -> tuple[dict[str, list[Any]], int]:
        out, end = {}, head_len
        for k, a in arrays.items():
            end = -(-end // _ALIGN) * _ALIGN
            out[k] = [a.dtype.str, list(a.shape), end, a.nbytes]
            end += a.nbytes
        return out, end

    head_len = 0
    while True:  # the header holds the offsets, which depend on its length
        places, size = layout(head_len)
        head = json.dumps({"arrays": places, "meta": meta, "size": size}).encode("utf-8")
        need = -(-(8 + len(head)) // _ALIGN) * _ALIGN
        if need <= head_len:
            break
        head_len = need
    out = bytearray(size)
    out[:8] = len(head).to_bytes(8, "little")
    out[8:8 + len(head)] = head
    for k, (_, _, offset, nbytes) in places.items():
        out[offset:offset + nbytes] = arrays[k].tobytes()
    return bytes(out)


def unpack_arrays(buf: Any) -> tuple[dict[str, Any], Any] | None:
    """(arrays, meta) from an entry of `pack_arrays` (bytes or a mapping: the arrays are
    read-only views of `buf`, not copies), or None when `buf` is not a whole entry."""
    import numpy

    try:
        size = len(buf)
        head_len = int.from_bytes(buf[:8], "little")
        if not 0 < head_len <= size - 8:
            return None
        header = json.loads(bytes(buf[8:8 + head_len]))
        if header["size"] != size:
            return None  # cut short, or not this format
        arrays = {}
        for k, (dtype, shape, offset, nbytes) in header["arrays"].items():
            dtype = numpy.dtype(dtype)
            count = 1
            for n in shape:
                count *= n
            if dtype.hasobject or offset < 8 + head_len or offset + nbytes > size or count * dtype.itemsize != nbytes:
                return None
            arrays[k] = numpy.frombuffer(buf, dtype=dtype, count=count, offset=offset).reshape(shape)
        return arrays, header["meta"]
    except (ValueError, KeyError, TypeError, IndexError):
        return None


def read_arrays(kind: str, name: str) -> tuple[dict[str, Any], Any] | None:
    """The arrays and meta stored by `write_arrays` as `kind`/`name`, mapped from the file
    (`read_mapped`: a start reads only the pages it touches), or None."""
    mapped = read_mapped(kind, name)
    return None if mapped is None else unpack_arrays(mapped)


def write_arrays(kind: str, name: str, arrays: dict[str, Any], meta: Any = None) -> tuple[dict[str, Any], Any]:
    """Store `arrays` and `meta` as `kind`/`name` (atomically, if the cache can be
    written) and return them as `read_arrays` would (views of the packed bytes)."""
    packed = pack_arrays(arrays, meta)
    write_bytes(kind, name, packed)
    got = unpack_arrays(packed)
    assert got is not None
    return got


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
