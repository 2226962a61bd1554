"""Token helpers shared by the attribution rules: lemmas (with the tagger's usual slips fixed), trimmed
spans, a sentence less a cut.
"""

from __future__ import annotations

from typing import Any

from sitrep.nlp import LEMMA_FIXES


def one_word_claim(tok: Any) -> bool:
    """One word is a claim only as a name, a group or a person ('endorsed Clinton', 'praised
    veterans', 'backed him'), not 'said it' or 'wants more'."""
    return tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and tok.tag_ in ("NNS", "NNPS")) or tok.lower_ in ("him", "her", "them")


def verb_form(tok: Any, is_cue: Any) -> tuple[str, str] | None:
    """(cue verb lemma, form) of a word read as a verb: "slams" -> (slam, s), "Denied" ->
    (deny, ed), "fear" -> (fear, base); None when no form of the word is a cue verb."""
    w = tok.lower_
    if not w.isalpha() or len(w) < 3:
        return None
    cands: list[tuple[str, str]] = []
    if w.endswith("ies"):
        cands.append((w[:-3] + "y", "s"))
    if w.endswith("es"):
        cands.append((w[:-2], "s"))
    if w.endswith("s") and not w.endswith("ss"):
        cands.append((w[:-1], "s"))
    if w.endswith("ied"):
        cands.append((w[:-3] + "y", "ed"))
    if w.endswith("ed"):
        cands += [(w[:-2], "ed"), (w[:-1], "ed")]
        if len(w) > 4 and w[-3] == w[-4]:
            cands.append((w[:-3], "ed"))  # "slammed"
    cands.append((w, "base"))
    return next((c for c in cands if is_cue(c[0])), None)


def sentence_minus(sent: Any, cut_start: int, cut_end: int) -> tuple[int, int] | None:
    """Character range of the sentence without tokens [cut_start, cut_end) and edge punctuation."""
    before = [t for t in sent if t.i < cut_start]
    after = [t for t in sent if t.i >= cut_end]
    part = after if len(after) >= len(before) else before
    part = [t for t in part if not t.is_punct or (part and t.i not in (part[0].i, part[-1].i))]
    while part and part[0].is_punct:
        part = part[1:]
    while part and part[-1].is_punct:
        part = part[:-1]
    if len(part) < 3:
        return None
    return part[0].idx, part[-1].idx + len(part[-1].text)


def lemma_of(tok: Any) -> str:
    """A token's lemma, set right for the forms the small model gets wrong (`LEMMA_FIXES`;
    the parse stage already writes them, a doc made elsewhere may not)."""
    return LEMMA_FIXES.get(tok.lower_) or tok.lemma_.lower()


def trim(toks: list[Any]) -> list[Any]:
    """Tokens in order, contiguous from the first to the last, without edge punctuation."""
    if not toks:
        return []
    doc = toks[0].doc
    lo, hi = min(t.i for t in toks), max(t.i for t in toks)
    out = [doc[i] for i in range(lo, hi + 1)]
    while out and (out[0].is_punct or out[0].is_space):
        out = out[1:]
    while out and (out[-1].is_punct or out[-1].is_space):
        out = out[:-1]
    return out
