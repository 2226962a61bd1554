"""Words of conflict in the everyday senses of business, weather, zoo and health pages, found on
whole real pages outside politics: a quantity that declines, markets that are hit, a loss taken,
patients released from hospital, a webcam that captures a meteor, an eclipse "set to light up"
the sky, a trip that "wound up" costing more, an animal shot by its keepers. Each case has a twin that is still an event. Sentences are our own."""

from __future__ import annotations

import pytest

import sitrep

from helpers import coded, event_types as types


@pytest.mark.parametrize("text", [
    "Exports of steel declined by 12 percent in the third quarter.",
    "The number of asylum applications has declined sharply since March.",
    "Support for the ruling party declined after the budget vote.",
    "The party's declining appeal to young voters worried its leaders.",
])
def test_a_quantity_that_declines_is_no_refusal(text: str) -> None:
    assert "REJECT" not in types(text), coded(text)


@pytest.mark.parametrize("text", [
    "Moscow declined the invitation to attend the summit.",
    "The governor declined to sign the extradition order.",
    "He was asked to testify before the committee but declined.",
])
def test_declining_an_offer_or_an_act_is_still_a_refusal(text: str) -> None:
    assert "REJECT" in types(text), coded(text)


@pytest.mark.parametrize("text", [
    "Asian markets were hardest hit by the news from Frankfurt.",
    "The carmaker posted weak results, which dearer steel had hit.",
    "Higher tuition fees have hit students' wallets hard this year.",
])
def test_a_loss_to_markets_or_wallets_is_no_strike(text: str) -> None:
    assert "ASSAULT" not in types(text), coded(text)


def test_a_strike_on_a_place_is_still_an_assault() -> None:
    text = "Government jets hit a rebel depot outside Sirte on Tuesday."
    assert "ASSAULT" in types(text), coded(text)


@pytest.mark.parametrize("text", [
    "The insurer will take a large hit for the second quarter.",
    "Shipping firms took a hit in the third quarter as fuel costs rose.",
])
def test_a_loss_taken_is_no_seizure(text: str) -> None:
    assert "COERCE" not in types(text), coded(text)


def test_a_hit_to_earnings_is_no_strike_either() -> None:
    text = "The carmaker expects to take a $3 billion hit to its earnings for the fourth quarter."
    assert not {"COERCE", "ASSAULT"} & types(text), coded(text)


def test_a_district_taken_is_still_a_seizure() -> None:
    text = "Rebel fighters took the district after two days of clashes."
    assert "COERCE" in types(text), coded(text)


def test_patients_discharged_are_no_release() -> None:
    text = "Nine passengers were released from hospital on Thursday."
    assert "RETREAT" not in types(text), coded(text)


def test_captives_released_are_still_a_release() -> None:
    text = "The militia released nine hostages on Thursday."
    assert "RETREAT" in types(text), coded(text)


@pytest.mark.parametrize("text", [
    "A roadside webcam captured the event shortly after midnight.",
    "A dashcam captured a fireball streaking over the motorway.",
])
def test_a_camera_capturing_something_is_no_seizure(text: str) -> None:
    assert "COERCE" not in types(text), coded(text)


def test_a_capture_of_weapons_is_still_a_seizure() -> None:
    text = "Police captured a cache of rifles near the border."
    assert "COERCE" in types(text), coded(text)


def test_set_to_light_up_the_sky_is_no_arson() -> None:
    text = "The lunar eclipse is set to light up the sky over Asia on Wednesday night."
    assert "COERCE" not in types(text), coded(text)


def test_setting_fire_is_still_arson() -> None:
    text = "Rioters set fire to a tax office near the port."
    assert "COERCE" in types(text), coded(text)


def test_what_wound_up_costing_more_wounded_nobody() -> None:
    text = "The trip wound up costing far more than the ministry planned."
    assert "ASSAULT" not in types(text), coded(text)


def test_wounding_people_is_still_an_assault() -> None:
    text = "Gunmen wounded three police officers in the attack."
    assert "ASSAULT" in types(text), coded(text)


@pytest.mark.parametrize("text", [
    "Park rangers shot and killed a bear that had wandered into the campsite.",
    "Keepers mourned the elephant that was killed by poachers last year.",
])
def test_an_animal_killed_is_no_political_violence(text: str) -> None:
    assert "ASSAULT" not in types(text), coded(text)


def test_people_shot_and_killed_are_still_an_assault() -> None:
    text = "Soldiers shot and killed two protesters outside the ministry."
    assert "ASSAULT" in types(text), coded(text)


@pytest.mark.parametrize("text", [
    "The mother said she hoped her son had been released by the militia.",
    "Relatives prayed that the hostages would be freed before the holiday.",
])
def test_an_act_hoped_or_prayed_for_is_not_reported(text: str) -> None:
    assert not {"RETREAT", "AGREE"} & types(text), coded(text)


def test_an_act_said_to_have_happened_is_still_reported() -> None:
    text = "The mother said her son had been released by the militia."
    assert "RETREAT" in types(text), coded(text)


@pytest.mark.parametrize("text", [
    "United Airlines barred two passengers from its evening service to Oslo.",
    "Lloyds Banking Group banned customers from buying bitcoin with its credit cards.",
    # a platform the gazetteer knows as a company (organisations.yaml)
    "Facebook has banned all political adverts from the party.",
])
def test_a_company_named_by_its_own_name_bans_nothing_a_state_would(text: str) -> None:
    # "Airlines", "Banking Group" in the name make it a business (sectors.yaml), whose bans bind
    # its customers, not a population
    assert "COERCE" not in types(text), coded(text)


def test_a_government_ban_is_still_coercion() -> None:
    text = "The Indonesian government banned the opposition party from holding rallies."
    assert "COERCE" in types(text), coded(text)


def test_a_company_barred_by_a_state_is_coerced_as_its_country() -> None:
    events = [e for e in sitrep.code("Huawei was barred from the 5G tender by the Swedish government.",
                                     date="2025-03-04").events if e.type == "COERCE"]
    assert events and {a.code for a in events[0].actor} == {"SWE"} and {r.code for r in events[0].recipient} == {"CHN"}


@pytest.mark.parametrize("text", [
    "Satellite imagery supports the account of the coast guard.",
    "Seoul published imagery that seemed to support the account of the coast guard.",
])
def test_what_is_shown_or_told_supports_nobody(text: str) -> None:
    assert "SUPPORT" not in types(text), coded(text)


def test_a_state_that_supports_a_claim_still_supports_it() -> None:
    text = "Japan supported the claim of the coast guard."
    assert "SUPPORT" in types(text), coded(text)
