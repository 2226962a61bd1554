"""Statement or stance (`Quote.kind`) on sentences written for these tests (no gold text)."""

from __future__ import annotations

import spacy

from helpers import quotes_covering
from sitrep.attribution.kinds import kind_of
from sitrep.model import QUOTE_KINDS, Quote, Sentence


def _one(article, phrase: str) -> Quote:
    hits = quotes_covering(article, phrase)
    assert len(hits) == 1, [(q.content, q.kind) for q in article.quotes]
    return hits[0]


def test_kinds_are_listed():
    assert QUOTE_KINDS == ("statement", "stance")
    assert Quote("x", 0, 1, None, None, None, "unattributed", None, False).kind == "statement"


def test_stance_verb_with_a_noun_phrase_is_a_stance(attribute):
    a = attribute("The minister praised the agreement.")
    q = _one(a, "the agreement")
    assert not q.direct
    assert q.kind == "stance"


def test_phrasal_cue_with_a_noun_phrase_is_a_stance(attribute):
    a = attribute("The harbour workers' union called for an independent review of the new shift rota.")
    assert _one(a, "an independent review").kind == "stance"


def test_reported_clause_is_a_statement(attribute):
    a = attribute("The minister said the agreement would hold.")
    q = _one(a, "the agreement would hold")
    assert not q.direct
    assert q.kind == "statement"


def test_direct_quote_without_a_verb_stays_a_statement(attribute):
    a = attribute('"A disgrace, an utter and complete disgrace from start to finish," the fisheries minister said.')
    q = _one(a, "A disgrace, an utter and complete disgrace")
    assert q.direct
    assert q.kind == "statement"


def test_unparsed_content_stays_a_statement(attribute):
    a = attribute("The minister praised the agreement.")
    q = _one(a, "the agreement")
    assert kind_of(a.doc, q, a.sentences) == "stance"
    cheap = [Sentence(s.start, s.end, s.text, "names") for s in a.sentences]
    assert kind_of(a.doc, q, cheap) == "statement"
    bare = spacy.blank("en")(a.text)  # tokens, no tags
    assert kind_of(bare, q, []) == "statement"
