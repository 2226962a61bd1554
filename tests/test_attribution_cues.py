"""Cue words beyond say/tell: the long tail of reporting, stance and belief
words (sentences written for these tests, no gold text)."""

from __future__ import annotations

import pytest

from helpers import quotes_covering as _covering


@pytest.mark.parametrize("text, content, speaker", [
    ("The mayor joked that the new bridge would outlast everyone in the room.",
     "the new bridge would outlast everyone in the room", "mayor"),
    ("The union focused on pensions for retired dock workers.", "pensions for retired dock workers", "union"),
    ("The senator voted against the harbour expansion plan.", "the harbour expansion plan", "senator"),
    ("Most farmers see the new tariff as a threat to their income.", "the new tariff as a threat", "farmers"),
])
def test_long_tail_cue_verbs(attribute, text, content, speaker):
    a = attribute(text)
    hits = _covering(a, content)
    assert len(hits) == 1, [(q.content, q.speaker) for q in a.quotes]
    assert speaker in (hits[0].speaker or "").lower()


def test_stance_noun_with_owner_is_a_claim(attribute):
    a = attribute("His repeated criticism of the port authority cost him the union's backing.")
    hits = _covering(a, "the port authority")
    assert len(hits) == 1 and hits[0].rule == "noun-cue"


def test_military_verbs_stay_out(attribute):
    a = attribute("Drones hit the depot overnight and artillery targeted the airfield.")
    assert a.quotes == []


@pytest.mark.parametrize("text, content, speaker", [
    ("The farmers were worried about the new water rules.", "the new water rules", "farmers"),
    ("The minister is confident that the harbour will reopen in May.", "the harbour will reopen in May", "minister"),
    ("Local traders were frustrated with the slow repairs on the main road.", "the slow repairs on the main road",
     "traders"),
])
def test_adjective_cues(attribute, text, content, speaker):
    a = attribute(text)
    hits = _covering(a, content)
    assert len(hits) == 1, [(q.content, q.speaker) for q in a.quotes]
    assert hits[0].rule == "adjective-cue"
    assert speaker in (hits[0].speaker or "").lower()


def test_it_is_clear_has_no_source(attribute):
    a = attribute("It is not clear whether the new Gdansk harbour will open before the winter storms.")
    hits = _covering(a, "will open before the winter storms")
    assert len(hits) == 1 and hits[0].speaker is None


def test_according_to_at_the_end_with_an_odd_parse(attribute):
    a = attribute("The council quietly dropped the tram plan last year, according to show organisers.")
    hits = _covering(a, "The council quietly dropped the tram plan last year")
    assert len(hits) == 1 and hits[0].rule == "according-to"
    assert "organisers" in (hits[0].speaker or "")


def test_a_poll_named_in_a_prepositional_phrase_is_the_source(attribute):
    a = attribute("The mayor leads her rival by nine points in a new Harbour Times poll released on Sunday.")
    hits = _covering(a, "The mayor leads her rival by nine points")
    assert len(hits) == 1 and "poll" in (hits[0].speaker or "")


def test_standing_in_the_polls_is_not_a_source(attribute):
    a = attribute("The mayor has been stuck in single digits in the polls since March.")
    assert not [q for q in a.quotes if q.rule == "source-prep"]


@pytest.mark.parametrize("text, content", [
    ("Several large unions have endorsed Okafor in the race for governor.", "Okafor"),
    ("The council praised veterans at the ceremony in Riga.", "veterans"),
    ("The mayor likened the new tax to a slow leak in the city budget.", "to a slow leak in the city budget"),
])
def test_short_objects_of_stance_verbs(attribute, text, content):
    a = attribute(text)
    assert len(_covering(a, content)) == 1, [(q.content, q.speaker) for q in a.quotes]


def test_vague_one_word_object_is_not_a_claim(attribute):
    a = attribute("Okafor wants more, and the council in Riga endorsed it.")
    assert not [q for q in a.quotes if q.content in ("more", "it")]


def test_stance_verb_with_a_gerund(attribute):
    a = attribute("Senator Okafor has supported raising the fuel tax in Lagos for years.")
    hits = _covering(a, "raising the fuel tax")
    assert len(hits) == 1 and "Okafor" in hits[0].speaker


def test_passive_cue_without_agent_has_no_source(attribute):
    a = attribute("During the visit to Riga, the minister was asked about the delays at the new port.")
    hits = _covering(a, "the delays at the new port")
    assert len(hits) == 1 and hits[0].speaker is None
    assert "minister" not in hits[0].content


def test_passive_cue_with_agent_names_the_source(attribute):
    a = attribute("The new port tax was criticized by the Riga Chamber of Commerce on Monday.")
    hits = _covering(a, "The new port tax")
    assert len(hits) == 1 and "Chamber" in (hits[0].speaker or "")


def test_as_someone_said_takes_the_host_clause(attribute):
    a = attribute("As the Riga mayor said on Monday, the new bridge will open to traffic in May.")
    hits = _covering(a, "the new bridge will open to traffic in May")
    assert len(hits) == 1 and "mayor" in hits[0].speaker.lower()


def test_speech_verb_in_a_relative_clause(attribute):
    a = attribute("The plan, which Okafor says will cut costs in Lagos, was approved.")
    hits = _covering(a, "will cut costs in Lagos")
    assert len(hits) == 1 and "Okafor" in hits[0].speaker
    assert "Okafor" not in hits[0].content


def test_possessive_his_names_the_person_before(attribute):
    a = attribute("Mayor Andris Kalnins spoke in Riga on Monday. His criticism of the port authority was sharp.")
    hits = _covering(a, "the port authority")
    assert len(hits) == 1 and hits[0].speaker == "Andris Kalnins"


def test_a_ruling_that_clause_is_the_court_s_claim(attribute):
    a = attribute("A district judge ruled on Monday that the port authority must release the inspection records.")
    hits = [q for q in a.quotes if q.cue == "ruled"]
    assert len(hits) == 1 and "must release the inspection records" in hits[0].content, [
        (q.content, q.cue) for q in a.quotes]


@pytest.mark.parametrize("text", [
    "The general ruled out a ceasefire before the harvest.",
    "The old khan ruled the province for thirty years.",
])
def test_ruling_without_a_clause_is_no_claim(attribute, text):
    a = attribute(text)
    assert [q for q in a.quotes if q.cue == "ruled"] == [], [(q.content, q.cue) for q in a.quotes]


def test_passive_report_by_an_outlet(attribute):
    # 'X was first reported by Y': Y made X known
    a = attribute("The closure of the coal terminal was first reported by the Gdansk Courier.")
    hits = _covering(a, "The closure of the coal terminal")
    assert len(hits) == 1 and "Courier" in (hits[0].speaker or ""), [(q.content, q.speaker) for q in a.quotes]


def test_laid_out_takes_its_object(attribute):
    a = attribute("The finance minister laid out a plan to sell the state airline.")
    hits = _covering(a, "a plan to sell the state airline")
    assert len(hits) == 1 and "minister" in (hits[0].speaker or ""), [(q.content, q.speaker) for q in a.quotes]


def test_reportedly_marks_its_clause_as_a_claim_without_source(attribute):
    a = attribute("The shipping firm is reportedly weighing a bid for the northern port.")
    hits = _covering(a, "weighing a bid for the northern port")
    assert len(hits) == 1 and hits[0].speaker is None and hits[0].cue == "reportedly", [
        (q.content, q.cue) for q in a.quotes]
    assert "The shipping firm" in hits[0].content


@pytest.mark.parametrize("text, content, speaker", [
    ("Okafor painted his rival as a career politician with no plan.", "his rival as a career politician", "Okafor"),
    ("The union framed the strike vote as a test of loyalty.", "the strike vote as a test of loyalty", "union"),
    # an attack in words on a thing, made out to be something
    ("The tenants' league attacked the budget as a giveaway to landlords.", "the budget as a giveaway", "league"),
])
def test_made_out_to_be_with_as(attribute, text, content, speaker):
    a = attribute(text)
    hits = _covering(a, content)
    assert len(hits) == 1 and speaker in (hits[0].speaker or ""), [(q.content, q.speaker) for q in a.quotes]


def test_painting_a_thing_is_no_claim(attribute):
    a = attribute("The volunteers painted the old school gym on Saturday.")
    assert not [q for q in a.quotes if q.cue == "painted"], [(q.content, q.cue) for q in a.quotes]


def test_seemed_to_with_an_inner_cue_that_has_no_claim(attribute):
    # 'lay' is a cue only with 'out': the seeming keeps its own claim
    a = attribute("The central bank is expected to lay the groundwork for a rate cut.")
    hits = _covering(a, "lay the groundwork for a rate cut")
    assert len(hits) == 1 and hits[0].cue == "expected", [(q.content, q.cue) for q in a.quotes]


@pytest.mark.parametrize("text, content, speaker", [
    # a feeling caused in people: the people are the source, the cause the content
    ("The new tariff on rice angered the farmers.", "The new tariff on rice", "the farmers"),
    ("It worries the growers that prices keep falling.", "prices keep falling", "the growers"),
])
def test_a_feeling_caused_in_people(attribute, text, content, speaker):
    a = attribute(text)
    hits = _covering(a, content)
    assert len(hits) == 1 and hits[0].speaker == speaker, [(q.content, q.speaker) for q in a.quotes]


def test_a_feeling_verb_with_its_own_clause_is_the_subject_s_report(attribute):
    a = attribute("The growers worry that prices will fall.")
    hits = _covering(a, "prices will fall")
    assert len(hits) == 1 and hits[0].speaker == "The growers", [(q.content, q.speaker) for q in a.quotes]


def test_a_film_documents_what_it_shows(attribute):
    a = attribute("The film documents how the river towns emptied after the mill closed.")
    hits = _covering(a, "how the river towns emptied")
    assert len(hits) == 1 and hits[0].speaker == "The film", [(q.content, q.speaker) for q in a.quotes]


@pytest.mark.parametrize("text, content, speaker", [
    # a passive verb of view or expectation with its holder after 'by'
    ("The senator is considered a moderate by most analysts.", "a moderate", "most analysts"),
    ("The bridge is expected by engineers to open in May.", "to open in May", "engineers"),
])
def test_passive_view_with_its_holder(attribute, text, content, speaker):
    a = attribute(text)
    hits = _covering(a, content)
    assert len(hits) == 1 and hits[0].speaker == speaker, [(q.content, q.speaker) for q in a.quotes]


def test_passive_act_seen_by_many_is_no_claim(attribute):
    a = attribute("The advert was seen by three million viewers.")
    assert not [q for q in a.quotes if q.cue == "seen"], [(q.content, q.cue) for q in a.quotes]


def test_records_show_after_a_comma(attribute):
    a = attribute("The ferry carried about 300 passengers a day in 2019, port records show.")
    hits = _covering(a, "The ferry carried about 300 passengers")
    assert len(hits) == 1 and hits[0].speaker == "port records", [(q.content, q.speaker) for q in a.quotes]


def test_a_work_titled_carries_its_title_as_a_claim(attribute):
    a = attribute("The union released a new advert titled “Our Harbour” on Monday.")
    hits = _covering(a, "Our Harbour")
    assert len(hits) == 1 and hits[0].cue == "titled" and hits[0].speaker is None, [
        (q.content, q.cue) for q in a.quotes]


def test_entitled_to_is_no_claim(attribute):
    a = attribute("Dock workers are entitled to overtime pay on Sundays.")
    assert not [q for q in a.quotes if q.cue == "entitled"], [(q.content, q.cue) for q in a.quotes]


@pytest.mark.parametrize("text, content, speaker", [
    # the passive of a feeling caused: the ones moved are the source, the cause after 'by' the content
    ("The farmers were angered by the new tariff.", "the new tariff", "The farmers"),
    # a stance adjective read as a passive verb, its 'by' the agent
    ("The growers were dismayed by the ruling.", "the ruling", "The growers"),
])
def test_moved_by_a_cause(attribute, text, content, speaker):
    a = attribute(text)
    hits = _covering(a, content)
    assert len(hits) == 1 and hits[0].speaker == speaker, [(q.content, q.speaker) for q in a.quotes]


@pytest.mark.parametrize("text, content, speaker", [
    ("The minister played down the risk of a dock strike.", "the risk of a dock strike", "The minister"),
    ("The mayor talked up the new ferry link to the islands.", "the new ferry link", "The mayor"),
])
def test_phrasal_verbs_of_stance_take_their_object(attribute, text, content, speaker):
    a = attribute(text)
    hits = _covering(a, content)
    assert len(hits) == 1 and hits[0].speaker == speaker, [(q.content, q.speaker) for q in a.quotes]


def test_playing_a_game_is_no_claim(attribute):
    a = attribute("The harbour team played football on the beach.")
    assert not [q for q in a.quotes if q.cue == "played"], [(q.content, q.cue) for q in a.quotes]
