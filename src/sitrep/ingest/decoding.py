"""Bytes to text: binary sniffing and encoding detection.

UTF-8 is tried first (a BOM is dropped). A UTF-16/32 BOM is honoured. Anything
else goes to charset-normalizer, then to cp1252 as a last resort; whichever
decodes it adds a warning such as ``decoded as cp1252`` to the article. Input
that no encoding turns into plausible text is `bad_encoding`.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

SNIFF_BYTES = 8192
"""How much of an input the binary check looks at."""

MAX_CONTROL_SHARE = 0.05
"""Share of C0 control bytes (other than whitespace) above which input is binary.
Text files have ~0; uniformly random bytes have ~0.1 (27 of 256 values)."""

_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
_CONTROL_BYTES = frozenset(set(range(0x20)) | {0x7F}) - _TEXT_CONTROLS
_CONTROL_CHARS = frozenset(chr(b) for b in _CONTROL_BYTES)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(slots=True)
class Decoded:
    """The outcome of decoding: `text` is None when nothing decoded plausibly."""

    text: str | None
    encoding: str | None
    warnings: list[str] = field(default_factory=list)


def utf16_or_32_bom(data: bytes) -> str | None:
    """The codec named by a leading UTF-16/32 byte-order mark, if any."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def binary_reason(head: bytes) -> str | None:
    """Why `head` (the first bytes of an input) looks binary, or None if it looks like text."""
    if utf16_or_32_bom(head):
        return None  # NUL bytes are normal in UTF-16/32
    sample = head[:SNIFF_BYTES]
    if not sample:
        return None
    if b"\x00" in sample:
        return "contains NUL bytes"
    controls = sum(1 for b in sample if b in _CONTROL_BYTES)
    if controls / len(sample) > MAX_CONTROL_SHARE:
        return f"{controls} control bytes in the first {len(sample)}"
    return None


def control_share(text: str) -> float:
    """Share of C0 control characters (other than whitespace) in `text`."""
    if not text:
        return 0.0
    return sum(1 for c in text if c in _CONTROL_CHARS) / len(text)


def _plausible(text: str) -> bool:
    return "\x00" not in text and control_share(text[:SNIFF_BYTES]) <= MAX_CONTROL_SHARE


def decode(data: bytes) -> Decoded:
    """Decode `data`; see the module docstring for the order of attempts."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    bom_codec = utf16_or_32_bom(data)
    if bom_codec:
        return _decode_bom(data, bom_codec)
    for encoding, text in _candidates(data):
        if _plausible(text):
            return Decoded(text, encoding, [f"decoded as {encoding}"])
    return Decoded(None, None)


def _decode_bom(data: bytes, codec: str) -> Decoded:
    bom_len = 4 if codec.startswith("utf-32") else 2
    try:
        text = data[bom_len:].decode(codec)
    except UnicodeDecodeError:
        return Decoded(None, None)
    return Decoded(text, codec, [f"decoded as {codec}"])


def _candidates(data: bytes):
    """(encoding, text) guesses, best first: charset-normalizer, then cp1252."""
    from charset_normalizer import from_bytes

    for match in from_bytes(data):
        # Without a BOM, UTF-16/32 text has NUL bytes and was already rejected as
        # binary; a guess of UTF-16/32 here means short Latin text read as CJK.
        if match.encoding.startswith(("utf_16", "utf_32")):
            continue
        yield match.encoding, str(match)
    try:
        yield "cp1252", data.decode("cp1252")
    except UnicodeDecodeError:
        pass
