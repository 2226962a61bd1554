"""Headlines in Title Case, put into sentence case for the parser.

A headline such as "Russia Strikes Kyiv With Hypersonic Missiles" capitalises
every word; the tagger then reads "Strikes" and "Missiles" as names and the
parser finds no verb, so the one line that says what happened gets no event.
Before parsing, such a line is given in sentence case ("Russia strikes Kyiv
with hypersonic missiles"), keeping the capitals of names sitrep knows (states,
demonyms, capitals, organisations, leaders, weapon systems, cities) and of
words English does not use in lower case. Only letter case changes, so every
character offset stays valid; the article's own text is never changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from functools import lru_cache

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# how common (Zipf, wordfreq) a word's lower-case form must be to be lowered
COMMON_ZIPF = 3.5
# lower-case words a Title Case headline capitalises: their count shows the style
MIN_WORDS = 3


def is_title_case(line: str) -> bool:
    """A headline-style line: no sentence-final full stop, at least three words, and
    every word of four letters or more capitalised."""
    text = line.strip()
    if not text or text.endswith((".", "?", "!", ":")) or len(text) > 200:
        return False
    words = WORD.findall(text)
    long_words = [w for w in words if len(w) >= 4]
    if len(words) < MIN_WORDS or len(long_words) < 2:
        return False
    return all(w[0].isupper() for w in long_words) and any(w.isalpha() and not w.isupper() for w in long_words)


def recase(line: str, names: Names) -> str:
    """`line` in sentence case: each capitalised word but the first is lowered when it
    is in no name `names` knows and is common in lower case. Same length as `line`."""
    out = list(line)
    kept = names.spans(line)
    first = True
    for m in WORD.finditer(line):
        word = m.group(0)
        if first:
            first = False
            continue
        if not word[0].isupper() or word.isupper() or any(a <= m.start() < b for a, b in kept):
            continue
        if names.is_name(word) or max(_zipf(w) for w in _forms(word.lower())) < COMMON_ZIPF:
            continue  # "Kyiv"; "Hwasong", "Fajon": a name the gazetteers do not hold
        out[m.start()] = word[0].lower()
    return "".join(out)


class Names:
    """The names a headline keeps capitalised: single words (`is_name`) and names of
    several words found as phrases ("North Korea", "Boko Haram", "Security Council")."""

    def __init__(self, forms: list[str], is_word_name: Callable[[str], bool]) -> None:
        self._phrases: dict[str, list[tuple[str, ...]]] = {}  # first word -> the names' words
        single: set[str] = set()
        for form in forms:
            words = tuple(WORD.findall(form))
            if not words or not form[:1].isupper():
                continue
            if len(words) == 1:
                single.add(words[0])
            else:
                self._phrases.setdefault(words[0], []).append(words)
        self._single = frozenset(single)
        self._is_word_name = is_word_name

    def spans(self, line: str) -> list[tuple[int, int]]:
        """Where names of several words stand in `line` (exact case)."""
        found = list(WORD.finditer(line))
        words = [m.group(0) for m in found]
        out = []
        for i, w in enumerate(words):
            for name in self._phrases.get(w, ()):
                if tuple(words[i:i + len(name)]) == name:
                    out.append((found[i].start(), found[i + len(name) - 1].end()))
        return out

    def is_name(self, word: str) -> bool:
        return word in self._single or self._is_word_name(word)


def _forms(word: str) -> tuple[str, ...]:
    """A word and its base forms ("condemns" -> "condemn", "assaults" -> "assault")."""
    out = [word]
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            out.append(word[: -len(suffix)])
    return tuple(out)


@lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def has_title_case(text: str) -> bool:
    """Whether any line of `text` is a Title Case headline."""
    return any(is_title_case(line) for line in text.splitlines())


def sentence_case(text: str, names: Names) -> str:
    """`text` with every Title Case line (`is_title_case`) recased; same length."""
    if not has_title_case(text):
        return text
    parts = []
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        parts.append(recase(body, names) + line[len(body):] if is_title_case(body) else line)
    return "".join(parts)


@lru_cache(maxsize=4)
def gazetteer_names(data_dir: str | None = None) -> Names:
    """The names sitrep's gazetteers hold (states, demonyms, capitals, organisations,
    leaders, weapon systems) and the cities of over 100,000 people."""
    from sitrep.data.leaders import load_leaders
    from sitrep.entities.places import is_city
    from sitrep.gazetteers import load_actor_gazetteer
    from sitrep.weapons import load_weapon_gazetteer

    forms: list[str] = [f[0] for f in load_actor_gazetteer(data_dir).surface_forms()]
    leaders = load_leaders(data_dir)
    if leaders is not None:
        forms += [form for p in leaders.leaders for form in (p.name, *p.aliases, *p.short)]
    forms += [text for text, _ in load_weapon_gazetteer(data_dir).surface_forms()]
    return Names(forms, lambda word: is_city(word, 100_000))


def with_words_of(doc: Any, text: str) -> Any:
    """`doc` (parsed from a recased copy of `text`, same length) with its tokens' words
    taken back from `text`: the same annotations on the words as written."""
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
    from spacy.tokens import Doc

    words = [text[t.idx:t.idx + len(t.text)] for t in doc]
    out = Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc])
    attrs = [TAG, POS, MORPH, LEMMA, HEAD, DEP, ENT_IOB, ENT_TYPE]
    out.from_array(attrs, doc.to_array(attrs))
    out.user_data.update(doc.user_data)
    return out
