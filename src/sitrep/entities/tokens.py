"""Token helpers and word lists shared by the mention rules: possessives, sentence bounds, the word
before a span, all-capital text, words that end a name.
"""

from __future__ import annotations

from typing import Any



# Words after a system's designation that make it a sum of money ("P15 million").
MONEY_SCALES = frozenset({"million", "billion", "trillion", "bn", "mn"})
NAME_STOP = {"mr", "mrs", "ms", "dr", "sir", "gen", "general", "president", "minister", "king",
             "queen", "prince", "lt", "col", "capt", "maj", "sgt", "abu", "al", "bin", "ibn", "el",
             "de", "van", "von", "der", "the", "and", "of"}


def lower_set(words: Any) -> frozenset[str]:
    return frozenset(str(w).lower() for w in words)


POSSESSIVE = ("'s", "’s", "'", "’")


def clause_not_name(doc: Any, s: int, e: int) -> bool:
    """An NER span that is a clause, not a name: the small model tags runs of capitalised
    headline words as one organisation ("Belarus and Russia to | Establish Joint Missile
    Division as Military Cooperation Advances"). A span that starts with an infinitive
    ("to Establish") or holds its sentence's main verb is no name."""
    if s > 0 and doc[s].tag_ == "VB" and doc[s - 1].tag_ == "TO":
        return True
    return any(t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX") and t.tag_ != "VBG" for t in doc[s:e])


def possessive(tok: Any) -> bool:
    """A possessive ending; by its form when the sentence was not tagged (triage)."""
    return tok.tag_ == "POS" or (not tok.tag_ and tok.lower_ in POSSESSIVE)


def people_plural(tok: Any) -> bool:
    """A plural noun for people by its ending: "preservationists", "specialists"."""
    return tok.tag_ == "NNS" and tok.lower_.endswith("ists")


def sentence_bounds(doc: Any, i: int) -> tuple[int, int]:
    """Token range of the sentence holding token `i` (40 tokens either side without
    sentence boundaries)."""
    if doc.has_annotation("SENT_START"):
        sent = doc[i].sent
        return sent.start, sent.end
    return max(0, i - 40), min(len(doc), i + 40)


def word_before(doc: Any, start: int) -> str:
    """The lower-case word before token `start`, looking through a hyphen ("counter-IED")."""
    i = start - 1
    if i >= 1 and doc[i].text == "-":
        i -= 1
    return doc[i].lower_ if i >= 0 else ""


def shouted(doc: Any, start: int, end: int) -> bool:
    """A short all-capital match inside all-capital text ("THIS IS WAR")."""
    text = doc[start:end].text
    if len(text) > 3 or not text.isupper():
        return False
    near = [doc[i] for i in (start - 1, end) if 0 <= i < len(doc) and doc[i].is_alpha and len(doc[i].text) > 1]
    return bool(near) and all(t.text.isupper() for t in near)
