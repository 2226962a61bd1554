"""What the event detector reads of a sentence: hashed word and character n-grams.

Surface features only (no parse), so the detector can run before spaCy and
decide what needs a parse. Numbers are folded to one shape ("2017" and "1962"
look alike) and the text is lower-cased; capitalisation is kept as one extra
token per capitalised word in mid-sentence ("<cap>"), which tells names from
common words. Word 1-3-grams hash into 2^18 buckets and character 3-5-grams
(inside words padded with a space, as scikit-learn's "char_wb") into the 2^17
after them, by CRC-32 (zlib): no vocabulary file, the same vector on every
machine, and nothing heavier than NumPy to import at run time. Each block is
L2-normalised on its own.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from typing import Any

import numpy as np

WORD_BITS = 18  # 262,144 word n-gram buckets: under 1% collisions for the ~40k n-grams of the corpus
CHAR_BITS = 17  # 131,072 character n-gram buckets
_DIGITS = re.compile(r"\d")
_WORD = re.compile(r"[A-Za-z][\w'’-]*|\d+(?:[.,]\d+)*|[^\w\s]")

Row = tuple[np.ndarray, np.ndarray]  # (feature indices, values), one sentence


def normalise(text: str) -> str:
    """Lower-cased text with digits as 0 and one `<cap>` mark after each capitalised
    word that does not open the sentence."""
    words = _WORD.findall(text)
    out = []
    for i, w in enumerate(words):
        low = _DIGITS.sub("0", w.lower())
        out.append(low)
        if i and w[:1].isupper():
            out.append("<cap>")
    return " ".join(out)


def word_ngrams(tokens: list[str]) -> list[str]:
    out = list(tokens)
    for n in (2, 3):
        out += [" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]
    return out


def char_ngrams(tokens: list[str]) -> list[str]:
    out = []
    for tok in tokens:
        w = f" {tok} "
        for n in (3, 4, 5):
            if len(w) <= n:
                out.append(w)
                break
            out += [w[i:i + n] for i in range(len(w) - n + 1)]
    return out


def _block(grams: list[str], bits: int, offset: int) -> Row:
    mask = (1 << bits) - 1
    idx = np.fromiter((zlib.crc32(g.encode("utf-8")) & mask for g in grams), dtype=np.int64, count=len(grams))
    return _hashed_block(idx, offset)


def _hashed_block(idx: np.ndarray, offset: int) -> Row:
    """The L2-normalised bucket counts of `idx` (bucket numbers, repeats counted), from `offset`."""
    if not len(idx):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    uniq, counts = np.unique(idx, return_counts=True)
    vals = counts.astype(np.float32)
    vals /= np.sqrt(np.dot(vals, vals))
    return uniq + offset, vals


class Featuriser:
    """Sentence texts -> one sparse row each (word 1-3-grams, then char 3-5-grams).

    A word's character n-gram buckets are kept once per word (`_chars`), so a
    sentence costs a lookup per word it shares with earlier ones: the same row."""

    def __init__(self) -> None:
        self._char_memo: dict[str, list[int]] = {}

    def _chars(self, tokens: list[str]) -> np.ndarray:
        """The character n-gram buckets of `tokens`, word by word (unsorted, repeats kept)."""
        memo = self._char_memo
        mask = (1 << CHAR_BITS) - 1
        out: list[int] = []
        for tok in tokens:
            got = memo.get(tok)
            if got is None:
                if len(memo) > 200_000:  # bounded: memory stays flat
                    memo.clear()
                got = memo[tok] = [zlib.crc32(g.encode("utf-8")) & mask for g in char_ngrams([tok])]
            out += got
        return np.array(out, dtype=np.int64)

    @property
    def n_features(self) -> int:
        return 2**WORD_BITS + 2**CHAR_BITS

    def row(self, text: str) -> Row:
        tokens = normalise(text).split()
        wi, wv = _block(word_ngrams(tokens), WORD_BITS, 0)
        ci, cv = _hashed_block(self._chars(tokens), 2**WORD_BITS)
        return np.concatenate([wi, ci]), np.concatenate([wv, cv])

    def rows(self, texts: Sequence[str]) -> list[Row]:
        return [self.row(t) for t in texts]

    def __call__(self, texts: Sequence[str]) -> Any:
        """A SciPy CSR matrix of the rows (for training; SciPy is imported here only)."""
        from scipy import sparse

        rows = self.rows(texts)
        indptr = np.cumsum([0] + [len(i) for i, _ in rows])
        indices = np.concatenate([i for i, _ in rows]) if rows else np.zeros(0, dtype=np.int64)
        data = np.concatenate([v for _, v in rows]) if rows else np.zeros(0, dtype=np.float32)
        return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), self.n_features), dtype=np.float32)
