"""Words of a type used in a sense that reports no event of it, found on whole real pages:
a slim chance ("a long shot"), a question asked, a description given with a verb of calling,
commentators agreeing with each other. Each case has a twin that is still an event.
Sentences are our own."""

from __future__ import annotations

import pytest

from helpers import coded, event_types as types


@pytest.mark.parametrize("text", [
    "Bookmakers rate the mayor a long shot to win the party primary.",
    "Tax cuts are a cause that nobody but long shot Ada Varga has embraced.",
])
def test_a_long_shot_is_no_shooting(text: str) -> None:
    assert "ASSAULT" not in types(text), coded(text)


def test_a_shot_fired_at_someone_is_still_an_assault() -> None:
    text = "Border guards shot two smugglers near the river crossing."
    assert "ASSAULT" in types(text), coded(text)


@pytest.mark.parametrize("text", [
    "A reporter from Lagos asked a question about fuel prices that the minister ignored.",
    "The envoy asked several questions about the ceasefire map at the briefing.",
    # a quoted question, then the speaker's name and role before the verb
    '"And then what?" reporter Tom Weiss asked the senator.',
])
def test_a_question_asked_is_no_request(text: str) -> None:
    assert "REQUEST" not in types(text), coded(text)


def test_asking_a_party_to_act_is_still_a_request() -> None:
    text = "The prime minister asked parliament to ratify the fisheries accord."
    assert "REQUEST" in types(text), coded(text)


@pytest.mark.parametrize("text", [
    'The geographer Ruth Amadi calls Mombasa "a city of two harbours" in her new book.',
    "The union leader calls the pension reform a betrayal of miners.",
])
def test_calling_something_by_a_description_is_no_phone_call(text: str) -> None:
    assert "CONSULT" not in types(text), coded(text)


def test_calling_a_named_counterpart_is_still_a_phone_call() -> None:
    text = "The Kenyan president called his Tanzanian counterpart, Samia Suluhu Hassan, on Friday."
    assert "CONSULT" in types(text), coded(text)


@pytest.mark.parametrize("word", ["betrayal", "blunder", "sham"])
def test_calling_a_policy_a_betrayal_or_a_sham_is_an_accusation(word: str) -> None:
    text = f"Poland's foreign minister called the gas deal a {word}."
    assert "ACCUSE" in types(text), coded(text)


@pytest.mark.parametrize("text", [
    "Most analysts agree that the new corridor gives Ankara more sway over the region.",
    "Economists agree the currency peg cannot hold for long.",
])
def test_commentators_agreeing_with_each_other_is_no_agreement(text: str) -> None:
    assert "AGREE" not in types(text), coded(text)


def test_governments_agreeing_on_a_step_is_still_an_agreement() -> None:
    text = "Chile and Peru agreed on Monday to reopen the border crossing at Chacalluta."
    assert "AGREE" in types(text), coded(text)


@pytest.mark.parametrize("text", [
    "Two engineers, granted anonymity to discuss the audit, said the dam had cracked.",
    "An aide who was not authorised to discuss the budget said cuts were coming.",
    "The port authority ignored requests to discuss the dredging contract.",
    "In last week's newsletter we discussed the causes of the grain shortage.",
    "The governor appeared before reporters in Mombasa to discuss the flood plan.",
])
def test_discussing_with_nobody_is_no_consultation(text: str) -> None:
    assert "CONSULT" not in types(text), coded(text)


@pytest.mark.parametrize("text", [
    "Ghana and Togo discussed the border fence on Monday.",
    "The Chilean president discussed copper prices with the Chinese premier by telephone.",
    "The envoy flew to Addis Ababa to discuss the dam.",
    "The fishing quotas were discussed at the summit in Lima.",
])
def test_discussing_with_a_partner_is_still_a_consultation(text: str) -> None:
    assert "CONSULT" in types(text), coded(text)


@pytest.mark.parametrize("text", [
    "Asked about the drone strike, the Ghanaian spokesman said an inquiry had begun.",
    "Asked about the rocket attack, the Malian colonel declined to comment.",
])
def test_an_attack_a_speaker_is_asked_about_is_a_topic_not_a_report(text: str) -> None:
    assert "ASSAULT" not in types(text), coded(text)


def test_an_attack_reported_beside_a_question_is_still_one() -> None:
    text = "Militants attacked the depot at dawn, the Nigerian spokesman said when asked by reporters."
    assert "ASSAULT" in types(text), coded(text)


@pytest.mark.parametrize("text", [
    "The Ghanaian ministry insisted that the loan was never part of the bargain.",
    "The Chilean union insisted the stoppage had been lawful.",
    "Peru insisted it would not pay the fine.",
])
def test_insisting_on_a_claim_is_no_request(text: str) -> None:
    assert "REQUEST" not in types(text), coded(text)


@pytest.mark.parametrize("text", [
    "Lithuania insisted that Belarusian troops leave the border strip.",
    "Morocco insisted on a seat at the talks.",
    "The Egyptian envoy insisted Ethiopia must halt the filling of the dam.",
])
def test_insisting_that_someone_act_is_still_a_request(text: str) -> None:
    assert "REQUEST" in types(text), coded(text)


@pytest.mark.parametrize("text", [
    "The Nigerian tax office has deployed new encryption that auditors cannot break.",
    "The ministry deployed a software update to every border post.",
])
def test_deploying_technology_or_money_is_no_mobilisation(text: str) -> None:
    assert "MOBILIZE" not in types(text), coded(text)


def test_deploying_troops_is_still_a_mobilisation() -> None:
    text = "Kenya deployed 400 police officers to Haiti in June."
    assert "MOBILIZE" in types(text), coded(text)


def test_a_place_in_what_a_person_did_is_not_their_country() -> None:
    import sitrep

    text = "Apart from Senator Amy Brook, who has urged sending 5,000 soldiers to Mali and Niger, no candidate has a plan."
    events = [e for e in sitrep.code(text, date="2025-03-04").events if e.type == "REQUEST"]
    assert events, coded(text)
    assert all(a.code not in ("MLI", "NER") for e in events for a in e.actor), [(a.text, a.code) for e in events for a in e.actor]


def test_an_apposition_still_gives_a_person_their_country() -> None:
    import sitrep

    text = "Amy Brook, Mali's envoy to the African Union, called for more peacekeepers."
    events = [e for e in sitrep.code(text, date="2025-03-04").events if e.type == "REQUEST"]
    assert any(a.code == "MLI" for e in events for a in e.actor), coded(text)


@pytest.mark.parametrize("text", [
    "The leaked memo gave fresh ammunition to critics of the pipeline deal.",
    "The minister's remarks handed ammunition to his opponents in parliament.",
])
def test_ammunition_for_critics_is_an_argument_not_aid(text: str) -> None:
    assert "AID" not in types(text), coded(text)


def test_ammunition_for_fighters_is_still_military_aid() -> None:
    text = "Ethiopia supplied ammunition to allied militia fighters in Amhara."
    assert "AID" in types(text), coded(text)


@pytest.mark.parametrize("text", [
    "The ruling party has surrendered its authority to the central bank.",
    "The cabinet surrendered the initiative to its coalition partners.",
])
def test_surrendering_a_power_or_an_edge_is_no_retreat(text: str) -> None:
    assert "RETREAT" not in types(text), coded(text)


def test_surrendering_arms_is_still_a_retreat() -> None:
    text = "About 300 rebels surrendered their rifles to the Congolese army on Sunday."
    assert "RETREAT" in types(text), coded(text)


def test_demonstrating_clout_is_no_protest() -> None:
    text = "Farm voters had another chance to demonstrate their political clout in the Iowa primary."
    assert "PROTEST" not in types(text), coded(text)


def test_demonstrating_against_a_law_is_still_a_protest() -> None:
    text = "Thousands demonstrated in Tbilisi against the new media law on Sunday."
    assert "PROTEST" in types(text), coded(text)


@pytest.mark.parametrize("text", [
    "Most lawmakers agree that the governor ought to lose the power to pardon.",
    "I agree we need a larger coast guard, the senator told the radio station.",
])
def test_sharing_a_view_is_no_agreement(text: str) -> None:
    assert "AGREE" not in types(text), coded(text)


@pytest.mark.parametrize("text", [
    "Serbia and Kosovo agree to reopen the Jarinje crossing.",
    "The two delegations agreed that talks would resume in Geneva next month.",
])
def test_agreeing_to_act_or_on_a_step_is_still_an_agreement(text: str) -> None:
    assert "AGREE" in types(text), coded(text)


@pytest.mark.parametrize("text", [
    "The governor said she would take a harder line on lenders.",
    "Ministers in Oslo have taken a tougher line on migration since the election.",
])
def test_taking_a_hard_line_is_no_seizure(text: str) -> None:
    assert "COERCE" not in types(text), coded(text)


def test_taking_a_front_line_is_still_a_seizure() -> None:
    text = "Sudanese army troops took the front line north of Omdurman after heavy fighting."
    assert "COERCE" in types(text), coded(text)


@pytest.mark.parametrize("text, type_", [
    ("Veterans, cadets and marching bands filled the avenue on Sunday.", "PROTEST"),
    ("The new engine will demonstrate the process of refuelling in orbit.", "THREATEN"),
    ("The lab is pushing back the limits of battery chemistry with its new cell.", "REJECT"),
    ("Japan will launch a probe to study an asteroid next year.", "ACCUSE"),
    ("Madrid beat Milan in the Champions League quarterfinal on Tuesday.", "ASSAULT"),
    ("Jubilant supporters poured into the streets to celebrate their club's first title.", "PROTEST"),
])
def test_words_of_parades_science_and_sport_are_no_political_event(text: str, type_: str) -> None:
    assert type_ not in types(text), coded(text)


@pytest.mark.parametrize("text, type_", [
    ("Farmers marched on parliament to protest the fuel tax.", "PROTEST"),
    ("Prosecutors launched a probe into the minister's finances on Monday.", "ACCUSE"),
    ("Thousands of students took to the streets of Dhaka to demand the minister's resignation.", "PROTEST"),
])
def test_their_political_twins_are_still_events(text: str, type_: str) -> None:
    assert type_ in types(text), coded(text)


def test_a_picture_capturing_a_launch_is_no_seizure() -> None:
    text = "A drone camera captured the launch of the rocket from a nearby hill."
    assert "COERCE" not in types(text), coded(text)


def test_troops_capturing_a_town_still_seize_it() -> None:
    text = "Government troops captured the town of Bunia on Monday."
    assert "COERCE" in types(text), coded(text)


def test_talks_beside_a_summit_are_not_held_with_its_host() -> None:
    import sitrep

    doc = sitrep.code("European ministers will hold talks on the sidelines of the NATO summit in Vilnius.",
                      date="2025-03-04")
    assert not any("NATO" in {r.code for r in ev.recipient} for ev in doc.events if ev.type in ("AGREE", "CONSULT"))
