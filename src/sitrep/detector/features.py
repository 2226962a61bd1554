"""What the event detector reads of a sentence: hashed word and character n-grams.

Surface features only (no parse), so the detector can run before spaCy and
decide what needs a parse. Numbers are folded to one shape ("2017" and "1962"
look alike) and the text is lower-cased; capitalisation is kept as one extra
token per capitalised word in mid-sentence ("<cap>"), which tells names from
common words. Hashing needs no vocabulary file: the same text gives the same
vector on every machine.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer

WORD_BITS = 18  # 262,144 word n-gram buckets: under 1% collisions for the ~40k n-grams of the corpus
CHAR_BITS = 17  # 131,072 character n-gram buckets
_DIGITS = re.compile(r"\d")
_WORD = re.compile(r"[A-Za-z][\w'’-]*|\d+(?:[.,]\d+)*|[^\w\s]")


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


class Featuriser:
    """Sentence texts -> one sparse row each (word 1-3-grams, then char 3-5-grams)."""

    def __init__(self) -> None:
        self.words = HashingVectorizer(n_features=2**WORD_BITS, ngram_range=(1, 3), token_pattern=r"\S+",
                                       lowercase=False, alternate_sign=False, norm="l2")
        self.chars = HashingVectorizer(n_features=2**CHAR_BITS, analyzer="char_wb", ngram_range=(3, 5),
                                       lowercase=False, alternate_sign=False, norm="l2")

    @property
    def n_features(self) -> int:
        return 2**WORD_BITS + 2**CHAR_BITS

    def __call__(self, texts: Sequence[str]) -> sparse.csr_matrix:
        norm = [normalise(t) for t in texts]
        return sparse.hstack([self.words.transform(norm), self.chars.transform(norm)], format="csr",
                             dtype=np.float32)
