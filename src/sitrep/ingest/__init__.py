"""The ingest stage: files, folders, globs and stdin to `Article` records.

    read_paths(["news/", "feeds/*.xml", "-"], settings=s)  ->  Article, Article, ...

Paths are checked before anything is read: a path that does not exist (or a
glob that matches nothing) raises `InputError`. After that, nothing raises for
a bad input: it becomes a rejected `Article` with a reason code and the batch
goes on. One module reads each format:

    text   .txt .text .md .markdown     ingest/text.py
    html   .html .htm .xhtml            ingest/html.py
    feed   .xml .rss .atom .rdf .feed   ingest/feeds.py   (one article per item)
    jsonl  .jsonl .ndjson .json         ingest/jsonl.py   (one article per line)

Other names are sniffed from their first bytes (`detect_format`).

Rejection reasons set here (the format modules add their own):
``unreadable`` (the OS refused to read it), ``too_large`` (over
``settings.max_bytes``; the file is never read whole), ``binary`` (NUL bytes
or many control bytes), ``bad_encoding`` (no encoding gives plausible text),
``empty`` (nothing but whitespace). See `decoding` for encodings.
"""

from __future__ import annotations

import glob
import io
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from sitrep.errors import InputError, UsageError
from sitrep.ingest.common import FORMATS, rejected
from sitrep.ingest.decoding import (
    SNIFF_BYTES,
    binary_reason,
    decode,
    utf16_or_32_bom,
    wide_encoding,
)
from sitrep.ingest.feeds import read_feed
from sitrep.ingest.html import read_html
from sitrep.ingest.jsonl import is_json_document, read_json_document, read_jsonl
from sitrep.ingest.text import read_text
from sitrep.model import Article
from sitrep.settings import Settings

__all__ = ["FORMATS", "detect_format", "expand_paths", "read_file", "read_paths", "read_stream"]

STDIN = "-"
STDIN_ORIGIN = "<stdin>"

EXTENSIONS: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "text", ".markdown": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".rdf": "feed", ".feed": "feed",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
}

_GLOB_MAGIC = re.compile(r"[*?[]")
# Markers that name a markup document's kind; the one found first wins.
_MARKUP_MARKERS: tuple[tuple[str, str], ...] = (
    ("<rss", "feed"), ("<feed", "feed"), ("<rdf:rdf", "feed"),
    ("<!doctype html", "html"), ("<html", "html"),
)


def detect_format(name: str, head_bytes: bytes) -> str:
    """The format of an input: by its file extension, else by sniffing its first bytes."""
    return format_from_extension(name) or sniff_format(head_bytes)


def format_from_extension(name: str) -> str | None:
    """The format implied by `name`'s extension, or None."""
    return EXTENSIONS.get(os.path.splitext(name)[1].lower())


def sniff_format(head_bytes: bytes) -> str:
    """The format of content that starts with `head_bytes` (markup kind, JSON or text)."""
    head = head_bytes[:SNIFF_BYTES].decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if head.startswith("{"):
        return "jsonl"
    if not head.startswith("<"):
        return "text"
    lowered = head.lower()
    found = [(pos, fmt) for marker, fmt in _MARKUP_MARKERS if (pos := lowered.find(marker)) >= 0]
    return min(found)[1] if found else "html"


def expand_paths(paths: Iterable[str]) -> list[str]:
    """The files to read, in order: folders walked (sorted, hidden names skipped),
    globs expanded (sorted), duplicates dropped; ``-`` stands for stdin.

    Raises `InputError` naming every path that does not exist and every glob
    that matches nothing, or naming a folder that cannot be listed.
    """
    files: list[str] = []
    missing: list[str] = []
    for path in paths:
        if path == STDIN:
            files.append(STDIN)
        elif os.path.isdir(path):
            files.extend(_walk(path))
        elif os.path.exists(path):
            files.append(path)
        elif _GLOB_MAGIC.search(path):
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                missing.append(path)
            for match in matches:
                files.extend(_walk(match) if os.path.isdir(match) else [match])
        else:
            missing.append(path)
    if missing:
        raise InputError("no such file or directory: " + ", ".join(missing))
    return list(dict.fromkeys(files))


def _walk(folder: str) -> Iterator[str]:
    for root, dirs, names in os.walk(folder, onerror=_unlistable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                yield os.path.join(root, name)


def _unlistable(exc: OSError) -> None:
    raise InputError(f"cannot list folder {exc.filename}: {exc.strerror}") from exc


def read_paths(
    paths: Iterable[str], *, settings: Settings, fmt: str | None = None
) -> Iterator[Article]:
    """Articles from files, folders, glob patterns and ``-`` (stdin), in order.

    All paths are checked first (`expand_paths` raises `InputError`); reading
    then happens lazily, one input at a time. `fmt` forces one format.
    """
    _check_format(fmt)
    files = expand_paths(paths)
    return _read_all(files, settings=settings, fmt=fmt)


def _read_all(files: list[str], *, settings: Settings, fmt: str | None) -> Iterator[Article]:
    for path in files:
        if path == STDIN:
            yield from read_stream(sys.stdin.buffer, name=STDIN_ORIGIN, fmt=fmt, settings=settings)
        else:
            yield from read_file(path, settings=settings, fmt=fmt)


def read_file(path: str, *, settings: Settings, fmt: str | None = None) -> Iterator[Article]:
    """Articles from one file (several for a feed or JSON Lines)."""
    _check_format(fmt)
    known = fmt or format_from_extension(path)
    try:
        f = open(path, "rb")
    except OSError as exc:
        yield rejected("unreadable", exc.strerror or str(exc), origin=path, fmt=known)
        return
    with f:
        st = os.fstat(f.fileno())
        size = st.st_size if stat.S_ISREG(st.st_mode) else None
        yield from _read(f, name=path, origin=path, fmt=known, size=size, settings=settings)


def read_stream(
    stream: BinaryIO, *, name: str, fmt: str | None, settings: Settings
) -> Iterator[Article]:
    """Articles from a binary stream; `name` is the origin and hints the format.

    At most ``settings.max_bytes + 1`` bytes are read (JSON Lines: per line).
    """
    _check_format(fmt)
    known = fmt or format_from_extension(name)
    yield from _read(stream, name=name, origin=name, fmt=known, size=None, settings=settings)


def _check_format(fmt: str | None) -> None:
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _read(
    stream: BinaryIO,
    *,
    name: str,
    origin: str,
    fmt: str | None,
    size: int | None,
    settings: Settings,
) -> Iterator[Article]:
    limit = settings.max_bytes
    if size is not None and size > limit and fmt not in (None, "jsonl"):
        yield _too_large(size, limit, origin=origin, fmt=fmt)
        return
    try:
        head = _read_up_to(stream, SNIFF_BYTES)
    except OSError as exc:
        yield rejected("unreadable", exc.strerror or str(exc), origin=origin, fmt=fmt)
        return
    fmt = fmt or detect_format(name, head)
    streamed = fmt == "jsonl" and not is_json_document(head)
    if size is not None and size > limit and not streamed:
        yield _too_large(size, limit, origin=origin, fmt=fmt)
        return
    reason = binary_reason(head)
    if reason and not (streamed and _few_nuls_only(head)):
        yield rejected("binary", reason, origin=origin, fmt=fmt)
        return
    if streamed:
        # JSON Lines are judged per line: a NUL byte rejects its own line only
        # (`read_jsonl`), and UTF-16/32 files are read as UTF-8 lines.
        reader = _Rejoined.reader(head, stream)
        wide = wide_encoding(head)
        if wide:
            bom = utf16_or_32_bom(head) is not None
            reader = _Transcoded.reader(reader, wide.rsplit("-", 1)[0] if bom else wide)
        yield from read_jsonl(reader, origin=origin, max_bytes=limit)
        return
    try:
        data = head + _read_up_to(stream, limit + 1 - len(head))
    except OSError as exc:
        yield rejected("unreadable", exc.strerror or str(exc), origin=origin, fmt=fmt)
        return
    if len(data) > limit:
        yield _too_large(None, limit, origin=origin, fmt=fmt)
        return
    yield from _parse(data, fmt=fmt, origin=origin)


def _parse(data: bytes, *, fmt: str, origin: str) -> Iterator[Article]:
    """Articles from the whole contents of one input, known to be small enough and not binary."""
    if not data.strip():
        yield rejected("empty", "no text", origin=origin, fmt=fmt)
        return
    if fmt == "feed":
        yield from read_feed(data, origin=origin)
        return
    if fmt == "jsonl":
        yield from read_json_document(data, origin=origin)
        return
    decoded = decode(data)
    if decoded.text is None:
        yield rejected("bad_encoding", decoded.detail, origin=origin, fmt=fmt)
    elif not decoded.text.strip():
        yield rejected("empty", "no text", origin=origin, fmt=fmt, warnings=decoded.warnings)
    elif fmt == "html":
        yield read_html(decoded.text, origin=origin, warnings=decoded.warnings)
    else:
        yield read_text(decoded.text, origin=origin, warnings=decoded.warnings)


def _too_large(size: int | None, limit: int, *, origin: str, fmt: str | None) -> Article:
    what = f"{size} bytes" if size is not None else "more than that"
    return rejected("too_large", f"{what}; the limit is {limit} bytes (max_bytes)",
                    origin=origin, fmt=fmt)


def _read_up_to(stream: BinaryIO, n: int) -> bytes:
    """Up to `n` bytes: fewer only at the end of the stream (pipes return short reads)."""
    chunks: list[bytes] = []
    while n > 0:
        chunk = stream.read(n)
        if not chunk:
            break
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _few_nuls_only(head: bytes) -> bool:
    """True when NUL bytes are all that makes `head` look binary (a stray NUL in a
    JSON Lines file), not a high share of control bytes."""
    return binary_reason(head.replace(b"\x00", b"")) is None


class _Transcoded(io.RawIOBase):
    """A UTF-16/32 byte stream (BOM dropped) re-encoded as UTF-8; bytes that do
    not decode become U+FFFD."""

    _CHUNK = 1 << 16

    def __init__(self, stream: BinaryIO, codec: str) -> None:
        import codecs

        # plain "utf-16" / "utf-32" read the BOM, honour it and drop it
        self._decoder = codecs.getincrementaldecoder(codec)("replace")
        self._stream = stream
        self._pending = b""
        self._done = False

    @classmethod
    def reader(cls, stream: BinaryIO, codec: str) -> io.BufferedReader:
        return io.BufferedReader(cls(stream, codec))

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        while not self._pending and not self._done:
            chunk = self._stream.read(self._CHUNK)
            self._done = not chunk
            self._pending = self._decoder.decode(chunk, final=self._done).encode("utf-8", "replace")
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


class _Rejoined(io.RawIOBase):
    """Bytes already read (`head`) followed by the rest of `stream`, as one stream."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head = memoryview(head)
        self._stream = stream

    @classmethod
    def reader(cls, head: bytes, stream: BinaryIO) -> io.BufferedReader:
        return io.BufferedReader(cls(head, stream))

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
