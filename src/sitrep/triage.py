"""The `triage` stage: a fast first pass that decides how much of spaCy's
pipeline each sentence of an article needs.

spaCy's tagger, parser and entity recogniser cost nearly all of sitrep's time
(the `nlp` stage). Most of that is spent on sentences where the parse cannot
change the result. Triage tokenises the article, splits it into sentences with
rules (punctuation, line breaks) and gives each sentence one of three depths:

- ``parse``: the sentence may hold an event or a quote. It has a quotation
  mark or lies inside an open quotation, or a word that may be a speech cue
  (any cue list of `data/attribution.yaml`: "said", "according to", "wants
  to", "criticism of") or a colon (a lead-in to a quote), or a word that may be the
  trigger of a lexicon rule (`data/event_lexicon.yaml`) whose other required
  words (object, preposition, modifier, context word) are present as well.
  It gets the whole pipeline: tagger, parser, lemmas, entities.
- ``names``: no event or quote is possible, but the sentence has capitalised
  words or digits. With ``parse = triage`` (the default) it is parsed too, as
  the entity rules read the parse; with ``parse = fast`` it gets only the
  entity recogniser, so the people, organisations and places it names still
  reach the article's entities, at a small cost in entity accuracy.
- ``tokens``: neither: only tokens (the gazetteers still run over them).
  A sentence that lies wholly inside page furniture (`article.furniture`, set
  by `sitrep.furniture`: captions, credits, "Read more", sign-up prompts) gets
  this depth too, whatever words it has, so nothing is coded from it.

Triage has no lemmatiser: each word stands for every lemma it could be (the
word, the word without a regular suffix, and the irregular forms of
`data/inflections.yaml`). It errs towards ``parse``: a sentence parsed for
nothing costs time; a sentence wrongly skipped would lose an event.

Consecutive sentences of one depth form a `Chunk`; the `nlp` stage runs each
chunk at its depth and joins them back into one document. With the setting
``parse = full`` triage makes one ``parse`` chunk of the whole text, which is
exactly the pipeline without triage.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from sitrep import data
from sitrep.errors import UsageError
from sitrep.furniture import Spans
from sitrep.lexicon import load_lexicon
from sitrep.model import Article, Chunk

PARSE_MODES = ("triage", "fast", "full")

QUOTE_CHARS = frozenset('"“”„«»‟‘’‹›')
OPENING = frozenset("“„«‟‘‹")
CLOSING = frozenset("”»’›")

CUE_LISTS = ("verbs", "belief_verbs", "intent_verbs", "object_verbs", "prep_verbs", "unsourced_verbs",
             "passive_verbs", "claim_nouns", "speech_nouns", "stance_nouns", "quote_verbs",
             "stance_adjectives", "source_nouns", "role_nouns", "open_claim_nouns")
"""The lists of `data/attribution.yaml` whose words may introduce a quote or a claim."""

SUFFIXES = ("s", "es", "ed", "d", "ing", "ies", "ied")


@lru_cache(maxsize=8)
def irregular_forms(data_dir: str | None = None) -> dict[str, frozenset[str]]:
    """Irregular form -> the lemmas it may be (`data/inflections.yaml`)."""
    out: dict[str, set[str]] = {}
    for lemma, forms in data.load("inflections", data_dir)["irregular"].items():
        for form in forms:
            out.setdefault(form, set()).add(lemma)
    return {k: frozenset(v) for k, v in out.items()}


def candidate_lemmas(word: str, irregular: dict[str, frozenset[str]]) -> set[str]:
    """Every lemma the lower-cased `word` could be: over-generates on purpose."""
    out = {word}
    out |= irregular.get(word, frozenset())
    for suf in SUFFIXES:
        if word.endswith(suf) and len(word) > len(suf) + 1:
            base = word[: -len(suf)]
            out.add(base)
            if suf in ("ies", "ied"):
                out.add(base + "y")
            elif suf in ("ed", "ing", "es"):
                out.add(base + "e")
                if len(base) > 2 and base[-1] == base[-2]:
                    out.add(base[:-1])
    if "-" in word:
        out |= set(word.split("-"))
    return out


_SENTENCIZER: Any = None


def sentence_starts(doc: Any) -> list[int]:
    """Indices of the tokens that start a sentence, by rule (no parse): where
    spaCy's punctuation `Sentencizer` says or after a line break, on a word
    (whitespace stays with the sentence before) that follows whitespace, so
    that the text can be cut there (an opening quote glued to the first word
    goes with it). Leaves `doc` untouched."""
    global _SENTENCIZER
    if _SENTENCIZER is None:
        from spacy.pipeline import Sentencizer

        _SENTENCIZER = Sentencizer()
    if not len(doc):
        return []
    guesses = _SENTENCIZER.predict([doc])[0]
    n = len(doc)
    starts = [0]
    for i in range(1, n):
        if not (guesses[i] or "\n" in doc[i - 1].text_with_ws):
            continue
        j = i
        while j < n and doc[j].is_space:  # whitespace stays with the sentence before
            j += 1
        while j > starts[-1] and not doc[j - 1].whitespace_ and not doc[j - 1].is_space:
            j -= 1  # back over punctuation glued to the first word ("‘It", "(The")
        if starts[-1] < j < n:
            starts.append(j)
    return starts


class Triage:
    """Gives each sentence of `article.text` a depth; fills `article.plan`."""

    def __init__(self, nlp: Any, *, mode: str = "triage", data_dir: str | None = None) -> None:
        if mode not in PARSE_MODES:
            raise UsageError(f"parse must be one of {', '.join(PARSE_MODES)}, got {mode!r}")
        self.mode = mode
        # 'triage' parses sentences with names too: sitrep's entity rules read
        # the parse (a country as the subject of an action verb is an actor).
        # 'fast' gives them the entity recogniser alone: faster, at a measured
        # cost in entity scores (docs/scaling.md).
        self.names = "names" if mode == "fast" else "parse"
        self.tokenizer = nlp.tokenizer
        self.irregular = irregular_forms(data_dir)
        lexicon = load_lexicon(data_dir)
        self.rules_by_lemma = lexicon.by_lemma
        cues = data.load("attribution", data_dir)
        lemmas: set[str] = set()
        for key in CUE_LISTS:
            value = cues.get(key) or ()
            lemmas |= {str(v).lower() for v in value}  # a list, or a mapping's keys
        self.cue_lemmas = frozenset(lemmas)
        self.cue_phrases = tuple(p.lower() for p in cues["phrases"])
        self._lemma_memo: dict[str, frozenset[str]] = {}

    def __call__(self, article: Article) -> Article:
        """Sets `article.plan`, and `article.doc` to the tokens triage read (a `Doc` with
        no annotation), which the nlp stage parses instead of tokenising the text again
        when the plan is one chunk."""
        article.plan, article.doc = self._plan(article.text, [(a, b) for a, b, *_ in article.furniture])
        return article

    def plan(self, text: str, furniture: Iterable[tuple[int, int]] = ()) -> list[Chunk]:
        """The chunks of `text`: consecutive sentences of one depth, end to end.
        A sentence wholly inside the `furniture` spans gets "tokens"."""
        return self._plan(text, furniture)[0]

    def _plan(self, text: str, furniture: Iterable[tuple[int, int]]) -> tuple[list[Chunk], Any]:
        """The plan, and the tokens of `text` it was made from (None when none were made)."""
        if self.mode == "full" or not text:
            return [Chunk(0, len(text), "parse")], None
        skip = Spans(furniture)
        doc = self.tokenizer(text)
        starts = sentence_starts(doc) + [len(doc)]
        chunks: list[Chunk] = []
        open_quote = False
        for a, b in zip(starts, starts[1:]):
            if a >= b:
                continue
            sent = doc[a:b]
            depth, open_quote = self.depth(sent, open_quote)
            if skip and depth != "tokens" and skip.covers(text, sent[0].idx, sent[-1].idx + len(sent[-1].text)):
                depth = "tokens"
            start = sent[0].idx if a else 0
            if chunks and chunks[-1].depth == depth:
                continue
            if chunks:
                chunks[-1] = Chunk(chunks[-1].start, start, chunks[-1].depth)
            chunks.append(Chunk(start, start, depth))
        if not chunks:
            return [Chunk(0, len(text), "parse")], doc
        chunks[-1] = Chunk(chunks[-1].start, len(text), chunks[-1].depth)
        return chunks, doc

    def depth(self, sent: Any, open_quote: bool) -> tuple[str, bool]:
        """The depth a sentence needs, and whether a quotation is still open after it."""
        quoted = open_quote
        state = open_quote
        text = sent.text
        for k, ch in enumerate(text):
            if ch not in QUOTE_CHARS:
                continue
            if ch == "’" and 0 < k < len(text) - 1 and text[k - 1].isalnum() and text[k + 1].isalnum():
                continue  # an apostrophe: It’s, Belarus’s
            quoted = True
            if ch in OPENING:
                state = True
            elif ch in CLOSING:
                state = False
            else:  # a straight quote opens or closes
                state = not state
        tail = sent.text_with_ws
        if "\n" in tail[len(tail.rstrip()):]:
            state = False  # a quotation does not run over a paragraph break here
        if quoted:
            return "parse", state
        lemmas: set[str] = set()
        for tok in sent:
            if tok.is_alpha or "-" in tok.text:
                lemmas |= self._lemmas(tok.lower_)
        if lemmas & self.cue_lemmas or ":" in sent.text or self._has_phrase(sent.text.lower()) \
                or self._trigger(lemmas):
            return "parse", state
        for k, tok in enumerate(sent):
            if tok.is_digit or tok.like_num and any(c.isdigit() for c in tok.text):
                return self.names, state
            if tok.text[:1].isupper() and (k > 0 or not tok.is_stop):
                return self.names, state
        return "tokens", state

    def _lemmas(self, word: str) -> frozenset[str]:
        got = self._lemma_memo.get(word)
        if got is None:
            if len(self._lemma_memo) > 200_000:  # bounded: memory stays flat
                self._lemma_memo.clear()
            got = frozenset(candidate_lemmas(word, self.irregular))
            self._lemma_memo[word] = got
        return got

    def _has_phrase(self, lowered: str) -> bool:
        return any(p in lowered for p in self.cue_phrases)

    def _trigger(self, lemmas: set[str]) -> bool:
        """Whether some lexicon rule could fire: its trigger and every word it
        requires (object, preposition, modifier, context word) may be present."""
        for lemma in lemmas:
            for rule in self.rules_by_lemma.get(lemma, ()):
                if rule.object and not rule.object & lemmas:
                    continue
                if rule.prep and not rule.prep & lemmas:
                    continue
                if rule.modifier and not rule.modifier & lemmas:
                    continue
                if rule.context_words and not rule.context_words & lemmas:
                    continue
                return True
        return False
