"""JSON Lines: one JSON object per line, one article per object.

Fields: ``text`` (required), ``id``, ``title``, ``date``, ``source``, ``url``.
``text`` is kept exactly as given (offsets point into it). ``id`` is kept, as
a string, when given; otherwise the content hash. ``date`` is read by
``common.normalise_date`` (ISO 8601, GDELT ``YYYYMMDD``, RFC 2822, written
forms such as "2 Dec 2024"); another value is ignored with a warning, counted
in the ingest summary. Other fields are ignored. Blank lines are skipped.

The file is read line by line, so a corpus may be larger than ``max_bytes``;
the limit applies to each line. The origin of a record is ``path:LINE``.

A ``.json`` file holding one JSON array of such objects (or one pretty-printed
object) is also accepted, whole, up to ``max_bytes``; its records are
``path#record-N``.

A NUL byte rejects its own line (``binary``), not the file; a UTF-16/32 file
(with a BOM, or BOM-less UTF-16) is read line by line like a UTF-8 one.

Rejections, per record: ``binary``, ``malformed_json`` (not JSON, not an object, or
``text`` not a string), ``missing_text``, ``too_large``, ``bad_encoding``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from sitrep.ingest.common import clean_str, date_or_warning, make_article, rejected
from sitrep.ingest.decoding import decode
from sitrep.model import Article

_SKIP_CHUNK = 1 << 16
_METADATA = ("title", "source", "url")


def is_json_document(head: bytes) -> bool:
    """True when `head` starts a JSON array or a pretty-printed object, not JSON Lines."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"["):
        return True
    first_line = stripped.split(b"\n", 1)[0].strip()
    return first_line == b"{"


def read_jsonl(
    stream: BinaryIO, *, origin: str, max_bytes: int, warnings: list[str] | None = None
) -> Iterator[Article]:
    """One article per non-blank line of `stream`."""
    lineno = 0
    records = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            if not records:  # an empty file (or blank lines only) is recorded, not silently skipped
                yield rejected("empty", "no records", origin=origin, fmt="jsonl", warnings=warnings)
            return
        records += bool(line.strip())
        lineno += 1
        where = f"{origin}:{lineno}"
        if len(line) > max_bytes and not line.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield rejected("too_large", f"line longer than {max_bytes} bytes", origin=where,
                           fmt="jsonl", warnings=warnings)
            continue
        if line.strip():
            yield _read_line(line, origin=where, warnings=warnings)


def read_json_document(
    data: bytes, *, origin: str, warnings: list[str] | None = None
) -> Iterator[Article]:
    """The records of a whole JSON document: an array of objects, or one object."""
    decoded = decode(data)
    if decoded.text is None:
        yield rejected("bad_encoding", decoded.detail, origin=origin,
                       fmt="jsonl", warnings=warnings)
        return
    all_warnings = [*(warnings or []), *decoded.warnings]
    try:
        value = json.loads(decoded.text)
    except json.JSONDecodeError as exc:
        yield rejected("malformed_json", str(exc), origin=origin, fmt="jsonl",
                       warnings=all_warnings)
        return
    if not isinstance(value, list):
        yield read_record(value, origin=f"{origin}:1", warnings=all_warnings)
        return
    if not value:
        yield rejected("empty", "an empty JSON array", origin=origin, fmt="jsonl", warnings=all_warnings)
        return
    for n, record in enumerate(value, start=1):
        yield read_record(record, origin=f"{origin}#record-{n}", warnings=all_warnings)


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while True:
        chunk = stream.readline(_SKIP_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def _read_line(line: bytes, *, origin: str, warnings: list[str] | None) -> Article:
    if b"\x00" in line:
        return rejected("binary", "line contains NUL bytes", origin=origin, fmt="jsonl",
                        warnings=warnings)
    decoded = decode(line)
    if decoded.text is None:
        return rejected("bad_encoding", decoded.detail, origin=origin,
                        fmt="jsonl", warnings=warnings)
    try:
        value = json.loads(decoded.text)
    except json.JSONDecodeError as exc:
        return rejected("malformed_json", str(exc), origin=origin, fmt="jsonl",
                        warnings=[*(warnings or []), *decoded.warnings])
    return read_record(value, origin=origin, warnings=[*(warnings or []), *decoded.warnings])


def read_record(value: object, *, origin: str, warnings: list[str] | None = None) -> Article:
    """One article from one decoded JSON value."""
    record_warnings = list(warnings or [])
    if not isinstance(value, dict):
        return rejected("malformed_json", f"a JSON {type(value).__name__}, not an object",
                        origin=origin, fmt="jsonl", warnings=record_warnings)
    text = value.get("text")
    if text is None:
        return rejected("missing_text", "record has no text", origin=origin, fmt="jsonl",
                        warnings=record_warnings, title=_metadata(value, "title", record_warnings))
    if not isinstance(text, str):
        return rejected("malformed_json", f"text is a JSON {type(text).__name__}, not a string",
                        origin=origin, fmt="jsonl", warnings=record_warnings)
    meta = {key: _metadata(value, key, record_warnings) for key in _METADATA}
    return make_article(
        text,
        origin=origin,
        fmt="jsonl",
        id=_metadata(value, "id", record_warnings),
        date=date_or_warning(value.get("date"), record_warnings),
        warnings=record_warnings,
        **meta,
    )


def _metadata(record: dict, key: str, warnings: list[str]) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (str, int, float)):
        return clean_str(value)
    warnings.append(f"ignored {key}: a JSON {type(value).__name__}, not a string")
    return None
