"""Sentence shapes around cue verbs: which clause is the claim, which words are cues, and
which reports name no speaker (sentences written for these tests, no gold text)."""

from __future__ import annotations

import pytest

from helpers import quotes_covering as _covering


def test_clause_after_the_cue_when_another_clause_comes_first(attribute):
    # two clauses hang on 'says': the one before the speaker is the writer's, the one after was said
    a = attribute("The vote looks close; the governor's team says she will tour the coast next week.")
    hits = _covering(a, "she will tour the coast next week")
    assert len(hits) == 1, [(q.content, q.speaker) for q in a.quotes]
    assert "The vote looks close" not in hits[0].content
    assert "team" in (hits[0].speaker or "").lower()


def test_that_clause_after_the_listener_is_what_was_told(attribute):
    a = attribute("In Gdansk last week, he told a meeting of harbour pilots that few ports were busier than theirs.")
    hits = _covering(a, "few ports were busier than theirs")
    assert len(hits) == 1, [(q.content, q.speaker) for q in a.quotes]
    assert hits[0].cue == "told"


def test_quote_inside_an_indirect_claim_is_one_claim(attribute):
    a = attribute("The mayor said on Friday that the governor once described the new bridge as "
                  "“the finest in the state” when he was in office.")
    assert len(a.quotes) == 1, [(q.content, q.cue) for q in a.quotes]
    assert a.quotes[0].cue == "said" and "finest in the state" in a.quotes[0].content


@pytest.mark.parametrize("text, content", [
    ("The senator hopes the new port will bring jobs to the valley.", "the new port will bring jobs to the valley"),
    ("The councillor retweeted a post from the transport minister.", "a post from the transport minister"),
    ("The mayor lambasted the plan to close the ferry terminal.", "the plan to close the ferry terminal"),
])
def test_cue_verbs_the_model_lemmatises_oddly(attribute, text, content):
    # 'hopes' -> 'hop', 'retweeted' -> 'retweete', 'lambasted' -> 'lambast' in the small model
    a = attribute(text)
    assert len(_covering(a, content)) == 1, [(q.content, q.cue) for q in a.quotes]


@pytest.mark.parametrize("text", [
    "Do you know where the harbour master keeps the tide tables?",
    "If the mayor were a farmer, would you still vote for him?",
    "Nobody expects the ferry to run on time this winter.",
])
def test_the_reader_or_no_one_is_not_a_source(attribute, text):
    a = attribute(text)
    assert [q for q in a.quotes if q.rule == "verb-cue"] == [], [(q.content, q.speaker) for q in a.quotes]


def test_attack_on_a_named_person_is_a_claim(attribute):
    a = attribute("The senator attacked Maria Kowalska over her votes on the fishing quota.")
    hits = _covering(a, "Maria Kowalska over her votes")
    assert len(hits) == 1 and "senator" in (hits[0].speaker or "").lower()


@pytest.mark.parametrize("text", [
    "Rebels attacked the convoy near the border crossing on Tuesday.",
    "Gunmen attacked him outside his home in the capital.",
    "Drones targeted the fuel depot near the airfield.",
])
def test_physical_attacks_are_not_claims(attribute, text):
    a = attribute(text)
    assert a.quotes == [], [(q.content, q.cue) for q in a.quotes]


@pytest.mark.parametrize("text, first, second, cue", [
    ("The ministry said the bridge was unsafe and warned drivers to avoid the coast road.",
     "the bridge was unsafe", "to avoid the coast road", "warned"),
    ("The mayor said the water plant was late, adding that its costs had doubled.",
     "the water plant was late", "its costs had doubled", "adding"),
])
def test_a_second_speech_verb_is_a_second_claim(attribute, text, first, second, cue):
    a = attribute(text)
    one, two = _covering(a, first), _covering(a, second)
    assert len(one) == 1 and len(two) == 1 and one[0] is not two[0], [(q.content, q.cue) for q in a.quotes]
    assert second not in one[0].content
    assert two[0].cue == cue and two[0].speaker_start == one[0].speaker_start


def test_speaker_of_a_saying_after_a_coordinated_verb(attribute):
    a = attribute("The senator appeared on the radio on Tuesday and began by saying he would never raise taxes.")
    hits = _covering(a, "he would never raise taxes")
    assert len(hits) == 1 and "senator" in (hits[0].speaker or "").lower()


@pytest.mark.parametrize("text, content", [
    ("The mayor deemed the repairs a waste of money.", "the repairs a waste of money"),
    ("The senator floated the idea of a new toll on the bridge.", "the idea of a new toll"),
    ("The harbour master shouted that the gates were closed.", "the gates were closed"),
    ("A 2019 study by a Warsaw professor found 31 cases of fraud out of a million ballots.", "31 cases of fraud"),
    ("Several councillors weighed in about whether the tram should run at night.",
     "whether the tram should run at night"),
])
def test_more_cue_shapes(attribute, text, content):
    a = attribute(text)
    assert len(_covering(a, content)) == 1, [(q.content, q.cue) for q in a.quotes]


def test_naming_with_a_fused_object(attribute):
    a = attribute('Kowalski called Nowak a "reckless gambler" who is "utterly careless" and a "bully."')
    hits = _covering(a, "Nowak a")
    assert len(hits) == 1 and hits[0].cue == "called"


def test_what_the_police_find_is_no_claim(attribute):
    a = attribute("Police found a body near the river on Sunday morning.")
    assert a.quotes == []


def test_fronted_phrase_before_the_speaker(attribute):
    a = attribute("Rules unclear on whether part-time workers are covered, experts say.")
    hits = _covering(a, "Rules unclear on whether part-time workers are covered")
    assert len(hits) == 1 and hits[0].speaker_type == "unnamed_expert"


def test_name_swallowed_by_the_phrase_before_the_verb(attribute):
    a = attribute("In a March meeting with the editorial board of the Gazeta Smith said that the port "
                  "may need to be closed in the coming years.")
    hits = _covering(a, "the port may need to be closed")
    assert len(hits) == 1 and "Smith" in (hits[0].speaker or "")
