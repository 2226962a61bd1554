"""What an article says, as weighted terms: the features stories link on.

    vec = article_vector(title, text, entities)   # {term: weight}, unit length
    similarity(vec_a, vec_b)                      # cosine, 0..1
    blocking_terms(vec)                           # the article's rarest, heaviest terms

Words of the title and the text are weighted by how rare they are in English
at large (wordfreq's Zipf frequency, a fixed background shipped in that
package), not by the stored corpus: an article's vector depends on nothing
but the article, so whether two articles link does not depend on what else
was stored before them, and stories come out the same in any ingest order.
Named things the coder found (people, weapon systems, places, organisations)
are added as whole-name features (`e:...`), so "Kim Jong Un" and "Hokkaido"
count as one rare thing each.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache

# a word's weight is RARE_ZIPF - its Zipf frequency (Zipf 7.7 "the", 6.0 "said",
# 4.1 "missile", 2.9 "hokkaido", 0 for words wordfreq does not know), capped at
# MAX_IDF: words at or above RARE_ZIPF (the commonest few hundred) carry nothing.
RARE_ZIPF = 6.0
MAX_IDF = 5.0
TITLE_WEIGHT = 3  # a title word counts as this many occurrences in the text
TEXT_CHARS = 4000  # the lead of the text: later paragraphs drift to background
ENTITY_WEIGHT = 2.0  # a named thing, over its words
ENTITY_TYPES = frozenset({"PERSON", "WEAPON", "LOCATION", "GPE", "ORG", "FAC", "EVENT", "MILITARY_PLATFORM"})
BLOCKING_TERMS = 12  # keys per article in the inverted index

_WORD = re.compile(r"[^\W\d_][^\W_]*(?:['’-][^\W\d_]+)*")


@lru_cache(maxsize=200_000)
def idf(word: str) -> float:
    from wordfreq import zipf_frequency

    return max(0.0, min(MAX_IDF, RARE_ZIPF - zipf_frequency(word, "en")))


def norm_word(word: str) -> str:
    """Lowercase, possessive and plural 's' off ("missiles" and "missile's" -> "missile")."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    return w


def words(text: str) -> list[str]:
    return [w for w in (norm_word(m.group(0)) for m in _WORD.finditer(text)) if len(w) >= 3]


def entity_key(etype: str, text: str, code: str | None) -> str | None:
    """The feature of a named thing: weapons and coded things by code, others by name."""
    if etype not in ENTITY_TYPES:
        return None
    name = " ".join(words(code if code and etype in ("WEAPON", "MILITARY_PLATFORM") else text))
    if not name:
        return None
    return f"e:{name}"


def without_furniture(text: str) -> str:
    """The text with page furniture (sign-up prompts, copyright lines, captions, ...; see
    `sitrep.furniture`) blanked out: an outlet's boilerplate is the same under every story
    it prints, and would link unrelated stories of one outlet."""
    from sitrep.furniture import find

    spans = find(text)
    if not spans:
        return text
    out, last = [], 0
    for sp in sorted(spans, key=lambda x: x.start):
        if sp.start > last:
            out.append(text[last:sp.start])
        out.append(" ")
        last = max(last, sp.end)
    out.append(text[last:])
    return "".join(out)


def article_vector(title: str | None, text: str, entities: Iterable[tuple[str, str, str | None]] = ()) -> dict[str, float]:
    """Unit-length {feature: weight} of an article; `entities` are (type, text, code).
    Page furniture is left out of the text."""
    body = without_furniture(text)[:TEXT_CHARS]
    tf: Counter[str] = Counter(words(body))
    if title:
        for w in words(title):
            tf[w] += TITLE_WEIGHT
    vec: dict[str, float] = {}
    for w, n in tf.items():
        weight = idf(w)
        if weight > 0:
            vec[w] = (1.0 + math.log(n)) * weight
    ents: Counter[str] = Counter()
    for etype, etext, code in entities:
        key = entity_key(etype, etext, code)
        if key is not None and " " in key[2:]:  # one-word names are already words
            ents[key] += 1
    for key, n in ents.items():
        weight = min(MAX_IDF, sum(idf(w) for w in key[2:].split()) / 2)
        if weight > 0:
            vec[key] = (1.0 + math.log(n)) * weight * ENTITY_WEIGHT / 2
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {k: v / norm for k, v in vec.items()} if norm else {}


def similarity(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[k] for k, v in a.items() if k in b)


def blocking_terms(vec: Mapping[str, float], n: int = BLOCKING_TERMS) -> list[str]:
    """The `n` heaviest features (ties by name): two articles that share none are never compared."""
    return [k for k, _ in sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]
