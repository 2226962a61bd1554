"""The text stage: screen out articles that cannot or should not be coded.

`Screen` rejects an article (never raises) with one of these reasons:

    empty        no text but whitespace
    binary       NUL characters, or many control characters
    too_short    fewer than ``settings.min_chars`` non-space characters
    too_long     more than ``settings.max_chars`` characters
    not_english  confidently another language than ``settings.language``
                 (the code stays ``not_english`` for any wanted language; the
                 detail names the language found)

An accepted article gets ``article.language``; so does one rejected as
``not_english`` (the language detected).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sitrep.errors import UsageError
from sitrep.ingest.decoding import MAX_CONTROL_SHARE, SNIFF_BYTES, control_share
from sitrep.model import Article
from sitrep.settings import Settings

LANGUAGE_SAMPLE_CHARS = 2000
"""Language is judged on the start of the text; more adds time, not accuracy."""

MIN_LETTERS = 60
"""Below this many letters in the sample the language is not judged. At ~60
letters py3langid still separates German from English reliably (a 75-character
German sentence gets p(en) < 1e-6)."""

MIN_TARGET_PROBABILITY = 0.01
"""Reject when the wanted language has a lower (length-normalised) probability.
Calibrated on the 6,847 English texts in ../shared/gold: the lowest p(en) was
0.026 (a list of US consulates, read as Portuguese); English-like languages such
as Nigerian Pidgin often win the top spot on English news but leave p(en) well
above 0.1. German, French, Spanish, Italian, Dutch, Polish, Turkish, Russian,
Ukrainian, Arabic and Chinese news paragraphs all score p(en) < 1e-6."""


class Screen:
    """Rejects empty, binary, too short, too long and foreign-language articles."""

    def __init__(self, settings: Settings) -> None:
        self.min_chars = settings.min_chars
        self.max_chars = settings.max_chars
        self.language = settings.language
        if self.language not in _identifier().labels:
            raise UsageError(f"language {self.language!r} is not a language code py3langid knows")

    def __call__(self, article: Article) -> Article:
        text = article.text or ""
        problem = self._length_or_binary_problem(text)
        if problem is not None:
            return article.reject(*problem)
        return self._check_language(article)

    def _length_or_binary_problem(self, text: str) -> tuple[str, str] | None:
        if not text.strip():
            return "empty", "no text"
        if "\x00" in text:
            return "binary", "contains NUL characters"
        share = control_share(text[:SNIFF_BYTES])
        if share > MAX_CONTROL_SHARE:
            return "binary", f"{share:.0%} control characters"
        visible = sum(1 for c in text if not c.isspace())
        if visible < self.min_chars:
            return "too_short", f"{visible} non-space characters; the minimum is {self.min_chars}"
        if len(text) > self.max_chars:
            return "too_long", f"{len(text)} characters; the maximum is {self.max_chars}"
        return None

    def _check_language(self, article: Article) -> Article:
        guess = identify_language(article.text, target=self.language)
        if guess is None:
            article.language = None
            article.warnings.append(f"language not checked: fewer than {MIN_LETTERS} letters")
            return article
        best, best_p, target_p = guess
        if target_p < MIN_TARGET_PROBABILITY:
            article.language = best
            return article.reject(
                "not_english",  # one stable code, whatever settings.language is
                f"detected {best} (p={best_p:.2f}); p({self.language})={target_p:.4f}",
            )
        article.language = self.language
        return article


def identify_language(text: str, *, target: str) -> tuple[str, float, float] | None:
    """(best language, its probability, probability of `target`) for the start of
    `text`, or None when it has too few letters to judge."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if sum(1 for c in sample if c.isalpha()) < MIN_LETTERS:
        return None
    ranking = _identifier().rank(sample)
    best, best_p = ranking[0]
    target_p = next((p for lang, p in ranking if lang == target), 0.0)
    return best, float(best_p), float(target_p)


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid's model with normalised probabilities, loaded once per process.

    A private instance: py3langid's module-level one is shared global state. The model
    ships LZMA-compressed (4.6 MB; 68 MB unpacked), and unpacking it took most of a
    second of every worker's start; the unpacked arrays are kept in sitrep's cache
    folder (`sitrep.cache`) and mapped from there (`_langid_arrays`).
    """
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    try:
        parts = _langid_arrays()
    except Exception:  # noqa: BLE001 (an unexpected model layout: py3langid's own loader)
        parts = None
    if parts is None:
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ptc, pc, classes, nextmove, row, output = parts
    return LanguageIdentifier(ptc, pc, classes, nextmove, output, norm_probs=True, tk_row=row)


LANGID_CACHE_FORMAT = 2

#: the model's arrays, as `py3langid.modelio` names them in its file
_LANGID_ARRAYS = ("ptc", "pc", "nextmove", "nextmove_row", "out_feat")


def _langid_arrays() -> tuple[Any, ...] | None:
    """What `py3langid.modelio.load_model` returns (the same values; the two DFA tables as
    read-only memory views instead of `array`s), from the unpacked model in the cache
    (unpacked and stored there on a miss); None when the cache is off.

    The entry holds the arrays' raw bytes (`cache.write_arrays`) and is mapped into
    memory (`cache.read_arrays`): a start reads none of its 68 MB, and coding reads only
    the pages of the states and features a text visits (reading all of it, as an `.npz`,
    took about a tenth of a second at every start)."""
    import io
    import lzma
    import sys
    from importlib.metadata import version
    from pathlib import Path

    import numpy
    from py3langid.langid import MODEL_DIR, MODEL_FILE
    from py3langid.modelio import _TYPECODE

    from sitrep import cache

    if cache.cache_dir() is None:
        return None
    path = Path(MODEL_FILE)
    path = path if path.is_absolute() else Path(MODEL_DIR) / path
    stat = path.stat()
    name = cache.key(LANGID_CACHE_FORMAT, version("py3langid"), str(path), stat.st_size, stat.st_mtime_ns,
                     sys.byteorder) + ".bin"
    got = cache.read_arrays("langid", name)
    if got is None or not _langid_entry(*got):
        with lzma.open(path) as fh, numpy.load(io.BytesIO(fh.read()), allow_pickle=False) as data:
            got = cache.write_arrays("langid", name, {k: data[k] for k in _LANGID_ARRAYS},
                                     {"classes": data["classes"].tolist()})
    arrays, meta = got

    def table(k: str) -> memoryview:
        # an unsigned table as `py3langid.modelio._to_array` gives it: indexing gives ints
        a = arrays[k]
        return memoryview(a).cast("B").cast(_TYPECODE[a.dtype.itemsize])

    return (arrays["ptc"], arrays["pc"], meta["classes"], table("nextmove"), table("nextmove_row"),
            arrays["out_feat"].tolist())


def _langid_entry(arrays: dict[str, Any], meta: Any) -> bool:
    """Whether a cache entry read back holds the model's arrays and class labels."""
    return (set(_LANGID_ARRAYS) <= set(arrays) and isinstance(meta, dict) and isinstance(meta.get("classes"), list)
            and all(isinstance(c, str) for c in meta["classes"]))
