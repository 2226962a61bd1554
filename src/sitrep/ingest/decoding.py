"""Bytes to text: binary sniffing and encoding detection.

UTF-8 is tried first (a BOM is dropped). A UTF-16/32 BOM is honoured, and so
is UTF-16 without a BOM when every other byte of ASCII-range text is NUL.
Anything else goes to charset-normalizer, then to cp1252 as a last resort;
whichever decodes it adds a warning such as ``decoded as cp1252`` to the
article. Input that no encoding turns into plausible text is `bad_encoding`,
and so is input whose decoding is doubtful (`Decoded.reason` says why): bytes
that are partly valid UTF-8 and partly not (mixed encodings: any single-byte
guess garbles one of the parts), or a CJK multibyte guess for text that is
mostly ASCII (Cyrillic cp1251 read as big5), or a guess with a high share of
mess (charset-normalizer's chaos). Storing such text garbled would code
nonsense; the rejection names the guess.
"""

from __future__ import annotations

import codecs
import re
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
    reason: str | None = None
    """Why `text` is None: the detail of the `bad_encoding` rejection."""

    @property
    def detail(self) -> str:
        return self.reason or "no encoding gives plausible text"


MAX_CHAOS = 0.1
"""charset-normalizer's mess ratio above which a guessed decoding is doubtful."""

_CJK_MULTIBYTE = ("big5", "cp950", "gb2312", "gbk", "gb18030", "hz", "shift_jis", "cp932", "euc_jp",
                  "euc_jis", "euc_kr", "cp949", "johab", "iso2022", "euc_jisx0213", "shift_jis_2004")
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
MIN_UTF8_SEQUENCES = 2
"""Valid UTF-8 multibyte sequences in a file that is not UTF-8 from which it is taken as mixed."""


def utf16_or_32_bom(data: bytes) -> str | None:
    """The codec named by a leading UTF-16/32 byte-order mark, if any."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when `head` looks like BOM-less UTF-16 of
    mostly ASCII-range text (NUL in nearly every odd, or every even, byte), else None."""
    sample = head[:1024]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.9 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.9 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def wide_encoding(head: bytes) -> str | None:
    """The UTF-16/32 codec of an input (by its BOM, or BOM-less UTF-16), if any."""
    return utf16_or_32_bom(head) or utf16_without_bom(head)


def binary_reason(head: bytes) -> str | None:
    """Why `head` (the first bytes of an input) looks binary, or None if it looks like text."""
    if wide_encoding(head):
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
    bare = utf16_without_bom(data) if b"\x00" in data[:1024] else None
    if bare:  # ASCII-range UTF-16 is valid UTF-8 too, with a NUL in every other place
        return _decode_bom(data, bare, 0)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    bom_codec = utf16_or_32_bom(data)
    if bom_codec:
        return _decode_bom(data, bom_codec, 4 if bom_codec.startswith("utf-32") else 2)
    utf8_sequences = len(_UTF8_MULTIBYTE.findall(data))
    if utf8_sequences >= MIN_UTF8_SEQUENCES:
        return Decoded(None, None, reason=(
            f"mixed encodings: {utf8_sequences} valid UTF-8 sequences beside bytes that are not "
            "UTF-8; any single encoding would garble part of the text"))
    for encoding, text, chaos in _candidates(data):
        if not _plausible(text):
            continue
        doubt = _doubtful(encoding, text, chaos)
        if doubt:
            return Decoded(None, encoding, reason=doubt)
        return Decoded(text, encoding, [f"decoded as {encoding}"])
    return Decoded(None, None)


def _doubtful(encoding: str, text: str, chaos: float) -> str | None:
    """Why decoding as `encoding` is doubtful, or None."""
    if chaos > MAX_CHAOS:
        return f"decoded as {encoding} the text is {chaos:.0%} mess; the encoding is doubtful"
    if encoding.lower().replace("-", "_").startswith(_CJK_MULTIBYTE):
        wide = sum(1 for c in text if ord(c) > 0x2E7F)
        letters = sum(1 for c in text if c.isalpha())
        if letters and wide / letters < 0.5:
            return (f"decoded as {encoding} only {wide} of {letters} letters are CJK, the rest "
                    "ASCII; the encoding is doubtful")
    return None


def _decode_bom(data: bytes, codec: str, bom_len: int) -> Decoded:
    try:
        text = data[bom_len:].decode(codec)
    except UnicodeDecodeError as exc:
        return Decoded(None, None, reason=f"not valid {codec}: {exc.reason} at byte {exc.start + bom_len}")
    return Decoded(text, codec, [f"decoded as {codec}"])


def _candidates(data: bytes):
    """(encoding, text) guesses, best first: charset-normalizer, then cp1252."""
    from charset_normalizer import from_bytes

    for match in from_bytes(data):
        # Without a BOM, UTF-16/32 text has NUL bytes and was already rejected as
        # binary; a guess of UTF-16/32 here means short Latin text read as CJK.
        if match.encoding.startswith(("utf_16", "utf_32")):
            continue
        yield match.encoding, str(match), float(match.chaos)
    try:
        yield "cp1252", data.decode("cp1252"), 0.0
    except UnicodeDecodeError:
        pass
