"""Noun cues: claim and stance nouns and their owners, claims with no owner named, role nouns
('a critic of ...') and backing ('won the endorsement of ...'). Sentences written for these
tests, no gold text."""

from __future__ import annotations

import pytest

from helpers import quotes_covering as _covering


def _one(attribute, text: str, content: str):
    a = attribute(text)
    hits = _covering(a, content)
    assert len(hits) == 1, [(q.content, q.speaker, q.rule) for q in a.quotes]
    return hits[0]


@pytest.mark.parametrize("text, content, speaker", [
    # the agent after 'by'
    ("The decision by the port authority to close the northern terminal was reversed in May.",
     "to close the northern terminal", "port authority"),
    # the subject of the verb that takes the noun
    ("The governor launched a fierce attack on the harbour budget at the council meeting.",
     "the harbour budget", "governor"),
    ("The fishermen's union came out in support of the new quota system on Monday.",
     "the new quota system", "union"),
])
def test_claim_noun_owner(attribute, text, content, speaker):
    q = _one(attribute, text, content)
    assert q.rule == "noun-cue"
    assert speaker in (q.speaker or "").lower()


@pytest.mark.parametrize("text, content", [
    ("There were growing worries that the ferry service would be cut before the winter.",
     "the ferry service would be cut before the winter"),
    ("Claims that the contractor had skipped safety checks surfaced in the spring.",
     "the contractor had skipped safety checks"),
])
def test_claim_noun_without_owner_has_no_source(attribute, text, content):
    q = _one(attribute, text, content)
    assert q.rule == "noun-cue"
    assert q.speaker is None and q.speaker_type == "unattributed"


def test_target_verb_subject_is_not_the_source(attribute):
    # "faced criticism for": the mayor is the target, not the critic
    q = _one(attribute, "The mayor faced sharp criticism for the delays to the tram line.",
             "the delays to the tram line")
    assert q.speaker is None


def test_noun_of_an_act_needs_an_owner(attribute):
    a = attribute("The attack on the fuel depot started a fire that burned for two days.")
    assert not [q for q in a.quotes if q.rule == "noun-cue"]


def test_light_verb_noun_gives_one_claim(attribute):
    a = attribute("The minister expressed concern about the rising cost of grain imports.")
    hits = _covering(a, "the rising cost of grain imports")
    assert len(hits) == 1
    assert "minister" in (hits[0].speaker or "").lower()


@pytest.mark.parametrize("text, content, speaker", [
    ("Ms. Varga, a longtime critic of the mining project, spoke at the hearing.",
     "the mining project", "Varga"),
    ("The senator has been a staunch supporter of the rail link for a decade.",
     "the rail link", "senator"),
])
def test_role_nouns(attribute, text, content, speaker):
    q = _one(attribute, text, content)
    assert q.rule == "noun-cue"
    assert speaker.lower() in (q.speaker or "").lower()


def test_role_noun_without_holder_is_no_claim(attribute):
    a = attribute("Supporters of the mining project gathered outside the town hall.")
    assert not [q for q in a.quotes if q.rule == "noun-cue"]


def test_backing_of_names_the_backer(attribute):
    q = _one(attribute, "Last week the mayor won the endorsement of the regional farmers' union.",
             "the mayor")
    assert "union" in (q.speaker or "").lower()
    assert q.content == "the mayor"


def test_support_of_in_support_of_is_the_content(attribute):
    # "in support of X": X is what is supported, not who supports
    q = _one(attribute, "Hundreds of teachers marched in support of the striking nurses.", "the striking nurses")
    assert "teachers" in (q.speaker or "").lower()


def test_claim_noun_before_a_copula(attribute):
    q = _one(attribute, "Her main argument is that the new bridge will pay for itself within ten years.",
             "the new bridge will pay for itself")
    assert q.rule == "noun-cue"
    assert q.speaker_start is not None


def test_a_date_is_not_what_a_remark_is_about(attribute):
    a = attribute("The governor's remarks on Tuesday surprised the harbour workers.")
    assert not [q for q in a.quotes if q.rule == "noun-cue"]


def test_in_favor_of_takes_the_subject_as_source(attribute):
    q = _one(attribute, "The harbour council voted in favor of the new ferry timetable on Thursday.",
             "the new ferry timetable")
    assert "council" in (q.speaker or "").lower()


@pytest.mark.parametrize("text, content, speaker", [
    # a target verb with a noun of judgment: the subject is what is judged, 'from X' the source
    ("The harbour levy has drawn sharp criticism from the fishing cooperatives.",
     "The harbour levy", "cooperatives"),
    ("The revised ferry timetable came under fire last week.", "The revised ferry timetable", None),
])
def test_a_thing_under_criticism_is_the_claim(attribute, text, content, speaker):
    q = _one(attribute, text, content)
    assert q.content == content
    if speaker is None:
        assert q.speaker is None
    else:
        assert speaker in (q.speaker or "").lower()


def test_fire_of_weapons_is_no_claim(attribute):
    a = attribute("The border post came under mortar fire on Sunday night.")
    assert not [q for q in a.quotes if q.rule == "noun-cue"], [(q.content, q.cue) for q in a.quotes]
