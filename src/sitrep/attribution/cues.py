"""Speech cues: which words are cue verbs and phrases (`data/attribution.yaml`), and a second report
joined to a first ('said ... and warned').
"""

from __future__ import annotations

from typing import Any

from sitrep.attribution.words import lemma_of


class CueWords:
    """Lookups in the cue lists loaded by `Attribute.__init__`."""

    def _conj_cue_at(self, toks: list[Any]) -> int | None:
        """Where a second speech verb without a subject of its own joins a claim ('she said the
        port would reopen and warned of delays'): the index of its 'and', or None. The parser
        hangs such a verb on the reported clause; it is a second report by the same speaker."""
        ids = {t.i for t in toks}
        for x in toks:
            if x.head.i in ids and x.i > x.head.i and self._second_report(x):
                seps = [c.i for c in x.head.children if x.head.i < c.i < x.i and (
                    c.dep_ == "cc" or c.dep_ == "punct" and c.text in (",", ";", "—", "--"))]
                return seps[-1] if seps else x.i
        return None

    def _second_report(self, x: Any) -> bool:
        """'... and warned ...', '..., adding that ...': a speech verb without a subject of its own
        hung on the clause a speech verb reports."""
        if x.pos_ == "VERB" and x.dep_ == "conj" and x.head.dep_ == "ccomp" and lemma_of(x.head.head) in self.verbs \
                and x.tag_ in ("VBD", "VBZ", "VBP") and self._is_cue(lemma_of(x)) and any(
                c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN") for c in x.children):
            return True  # 'said the port would reopen, and the union warned of delays': another speaker's report
        return x.pos_ == "VERB" and x.head.dep_ == "ccomp" and lemma_of(x) in self.verbs \
            and lemma_of(x.head.head) in self.verbs \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in x.children) and (
                x.dep_ == "conj" and x.tag_ in ("VBD", "VBZ", "VBP")
                or x.dep_ == "advcl" and x.tag_ == "VBG" and not any(c.dep_ in ("mark", "prep") for c in x.children))

    def _is_cue(self, lemma: str) -> bool:
        return (lemma in self.verbs or lemma in self.belief_verbs or lemma in self.intent_verbs
                or lemma in self.object_verbs or lemma in self.prep_verbs or lemma in self.as_verbs)

    def _phrase_at(self, sent: Any, i: int) -> int:
        doc = sent.doc
        for words in self._phrases_by_first.get(doc[i].lower_, ()):
            if i + len(words) <= sent.end and all(doc[i + k].lower_ == w for k, w in enumerate(words)):
                return len(words)
        return 0
