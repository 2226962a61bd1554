"""Headline cues: cue verbs the tagger reads as nouns in headlines and short sentences
("Governor Slams Budget", "..., the engineer maintains."), and ordinary nouns that must not
fire. Sentences written for these tests, no gold text."""

from __future__ import annotations

import pytest

from helpers import quotes_covering as _covering


@pytest.mark.parametrize("text, content, speaker", [
    ("Governor Alvarez Slams Harbour Budget.", "Harbour Budget", "Alvarez"),
    ("Mayor Okafor Endorses Rival In Council Race.", "Rival In Council Race", "Okafor"),
    ("Defence Minister Halvorsen Warns Of Border Build-Up.", "Of Border Build-Up", "Halvorsen"),
    # a cue verb closing the sentence after a comma: the clause before it is the claim
    ("The ferry will not sail before March, the company's chief engineer maintains.",
     "The ferry will not sail before March", "engineer"),
])
def test_headline_cue(attribute, text, content, speaker):
    a = attribute(text)
    hits = _covering(a, content)
    assert len(hits) == 1, [(q.content, q.speaker, q.rule) for q in a.quotes]
    q = hits[0]
    assert q.rule == "headline-cue"
    assert speaker in (q.speaker or "")
    # the speaker is not part of the claim
    assert speaker not in q.content


@pytest.mark.parametrize("text", [
    # the sentence has its own verb: the word is a noun
    "The city's plans were shelved after the vote.",
    "The port authority rejected the plans for a new terminal.",
    # a part of a name
    "The Ohio State campus was quiet on Sunday.",
    "Students at Iowa State University met on Friday.",
    # a compound noun in a sentence with its own verb
    "In swing states like Ohio, the turnout was low.",
    "Mortgage rates rose again in the autumn.",
])
def test_no_headline_cue_for_nouns(attribute, text):
    a = attribute(text)
    assert not [q for q in a.quotes if q.rule == "headline-cue"], [(q.cue, q.content) for q in a.quotes]


def test_second_headline_cue_shares_the_speaker(attribute):
    a = attribute("Senator Lindqvist Endorses Okafor, Slams Port Budget.")
    first = _covering(a, "Okafor")
    second = _covering(a, "Port Budget")
    assert len(first) == 1 and len(second) == 1, [(q.content, q.speaker, q.rule) for q in a.quotes]
    assert first[0] is not second[0]
    assert "Lindqvist" in (first[0].speaker or "") and "Lindqvist" in (second[0].speaker or "")
    assert "Slams" not in first[0].content


def test_no_second_cue_for_a_participle(attribute):
    a = attribute("The minister's remarks and alleged threats drew protests.")
    assert not [q for q in a.quotes if q.rule == "headline-cue"]


def test_verb_forms():
    from sitrep.attribution import verb_form

    cues = {"slam", "deny", "praise", "fear", "vow"}.__contains__

    class Tok:
        def __init__(self, w):
            self.lower_ = w

    assert verb_form(Tok("slams"), cues) == ("slam", "s")
    assert verb_form(Tok("slammed"), cues) == ("slam", "ed")
    assert verb_form(Tok("denies"), cues) == ("deny", "s")
    assert verb_form(Tok("denied"), cues) == ("deny", "ed")
    assert verb_form(Tok("praises"), cues) == ("praise", "s")
    assert verb_form(Tok("fear"), cues) == ("fear", "base")
    assert verb_form(Tok("vowels"), cues) is None
    assert verb_form(Tok("class"), cues) is None
