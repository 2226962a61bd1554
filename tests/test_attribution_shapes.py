"""Sentence shapes around cue verbs: which clause is the claim, which words are cues, and
which reports name no speaker (sentences written for these tests, no gold text)."""

from __future__ import annotations

import pytest

from helpers import quotes_covering as _covering


def test_clause_after_the_cue_when_another_clause_comes_first(attribute):
    # two clauses hang on 'says': the one before the speaker is the writer's, the one after was said
    a = attribute("Turnout fell in the north; the party's pollster says younger voters stayed home.")
    hits = _covering(a, "younger voters stayed home")
    assert len(hits) == 1, [(q.content, q.speaker) for q in a.quotes]
    assert "Turnout fell" not in hits[0].content
    assert "pollster" in (hits[0].speaker or "").lower()


def test_that_clause_after_the_listener_is_what_was_told(attribute):
    a = attribute("Last week the admiral told a class of cadets that the navy would buy new ships.")
    hits = _covering(a, "the navy would buy new ships")
    assert len(hits) == 1, [(q.content, q.speaker) for q in a.quotes]
    assert hits[0].cue == "told"


def test_quote_inside_an_indirect_claim_is_one_claim(attribute):
    a = attribute("Our correspondent reports that the colonel calls the new depot “a fortress nobody can "
                  "breach” and plans to show it to visitors.")
    assert len(a.quotes) == 1, [(q.content, q.cue) for q in a.quotes]
    assert a.quotes[0].cue == "reports" and "a fortress nobody can" in a.quotes[0].content


@pytest.mark.parametrize("text, content", [
    ("The senator hopes the new port will bring jobs to the valley.", "the new port will bring jobs to the valley"),
    ("The councillor retweeted the minister's claim that fares will rise.", "fares will rise"),
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
    a = attribute("The bishop wrote a long letter to the parish and ended by saying the chapel would stay open.")
    hits = _covering(a, "the chapel would stay open")
    assert len(hits) == 1 and "bishop" in (hits[0].speaker or "").lower()


@pytest.mark.parametrize("text, content", [
    ("The mayor deemed the repairs a waste of money.", "the repairs a waste of money"),
    ("The senator floated the idea of a new toll on the bridge.", "the idea of a new toll"),
    ("The harbour master shouted that the gates were closed.", "the gates were closed"),
    ("The latest harbour survey found severe rust on two of the cranes.", "severe rust"),
    ("Fishermen's groups have weighed in about the quota for cod.", "the quota"),
])
def test_more_cue_shapes(attribute, text, content):
    a = attribute(text)
    assert len(_covering(a, content)) == 1, [(q.content, q.cue) for q in a.quotes]


def test_naming_with_a_fused_object(attribute):
    a = attribute('The coach called the referee a "blind man" and a "disgrace to the sport."')
    hits = _covering(a, "the referee a")
    assert len(hits) == 1 and hits[0].cue == "called"


def test_what_the_police_find_is_no_claim(attribute):
    a = attribute("Police found a body near the river on Sunday morning.")
    assert a.quotes == []


def test_fronted_phrase_before_the_speaker(attribute):
    a = attribute("Grain deal shaky after the port strikes, analysts say.")
    hits = _covering(a, "Grain deal shaky after the port strikes")
    assert len(hits) == 1 and hits[0].speaker_type == "unnamed_expert"


def test_name_swallowed_by_the_phrase_before_the_verb(attribute):
    a = attribute("In a long interview with the editors of the Gazeta Nowak said that the mine could close "
                  "within a decade.")
    hits = _covering(a, "the mine could close within a decade")
    assert len(hits) == 1 and "Nowak" in (hits[0].speaker or "")


def test_a_question_after_ask_is_what_was_asked(attribute):
    # the parser hangs 'if ...' on 'asked' as a clause of condition
    a = attribute("Then Colonel Reyes asked the cadets if they were always so serious.")
    hits = _covering(a, "they were always so serious")
    assert len(hits) == 1 and hits[0].cue == "asked", [(q.content, q.cue) for q in a.quotes]


def test_what_a_listener_was_asked_about(attribute):
    # 'about' hung on the listener ('the rebel commander about ...') still marks what was asked
    a = attribute("The envoy asked the rebel commander about the fate of the hostages.")
    hits = _covering(a, "the fate of the hostages")
    assert len(hits) == 1 and "commander" not in hits[0].content, [(q.content, q.cue) for q in a.quotes]


@pytest.mark.parametrize("text, content, cue", [
    ("The garrison commander Lena Ortiz said as much in a radio interview on Thursday.", "as much", "said"),
    ("Half of the reservists said so in the spring survey.", "so", "said"),
    ("Will the ferry run again? The harbour master does not think so.", "so", "think"),
])
def test_a_pro_form_after_a_verb_of_saying_is_the_claim(attribute, text, content, cue):
    a = attribute(text)
    hits = [q for q in a.quotes if q.content == content and q.cue == cue]
    assert len(hits) == 1 and hits[0].speaker, [(q.content, q.cue, q.speaker) for q in a.quotes]


def test_as_much_as_a_figure_is_no_pro_form(attribute):
    # 'as much as 40 percent' opens the clause that was said
    a = attribute("The mayor said as much as 40 percent of the budget went to roads.")
    assert [q.content for q in a.quotes] == ["as much as 40 percent of the budget went to roads"], [
        (q.content, q.cue) for q in a.quotes]


def test_a_wh_word_moved_before_the_speaker_leaves_the_clause_after_the_cue(attribute):
    a = attribute("The grain went to the northern depots, in what the auditors said was a deliberate diversion.")
    hits = _covering(a, "was a deliberate diversion")
    assert len(hits) == 1 and "auditors" in (hits[0].speaker or ""), [(q.content, q.speaker) for q in a.quotes]


def test_a_claim_that_ends_in_a_quote_of_another_verb_is_kept(attribute):
    # the quote's nearest verb ('tell') lies inside what the mayor said: the quote is part of
    # that claim, which must not then be dropped as 'mostly a quote already taken'
    a = attribute("The mayor, opening the new bridge on Monday, said it would tell a story of the city, one of "
                  "''hard work and patience, of floods and of rebuilding, and then, at last, of a crossing that holds.''")
    hits = _covering(a, "it would tell a story of the city")
    assert len(hits) == 1
    assert hits[0].cue == "said" and "mayor" in (hits[0].speaker or "")
    assert "a crossing that holds" in hits[0].content


@pytest.mark.parametrize("text, content, speaker", [
    ("The convoy, the colonel told reporters after the meeting, would leave at dawn.",
     "The convoy, the colonel told reporters after the meeting, would leave at dawn", "colonel"),
    ("Prices, the minister argued in a speech on Monday, had already peaked.",
     "Prices, the minister argued in a speech on Monday, had already peaked", "minister"),
    ("The bridge, engineers warned last year, was unsafe for heavy trucks.",
     "The bridge, engineers warned last year, was unsafe for heavy trucks", "engineers"),
])
def test_an_aside_parsed_as_the_main_verb_still_gives_the_host_clause(attribute, text, content, speaker):
    # the parse makes the speech verb the root with two subjects before it: the host clause
    # around the aside is the claim and the subject nearest the verb speaks
    a = attribute(text)
    assert [q.content for q in a.quotes] == [content]
    assert speaker in (a.quotes[0].speaker or "")


def test_a_time_before_the_speaker_is_not_a_host_clause(attribute):
    a = attribute("Late last month, the agency wrote a long letter to the council, calling the audit unfair.")
    assert not any(q.content.startswith("Late last month") for q in a.quotes)
