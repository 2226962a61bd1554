"""Recipients a verbal or cooperative act takes from what it is about: the maker of a proposal
refused or accepted, the party of a pledged, refused or threatened act, the one given to, and
the government a protest at home is aimed at. Each case has a twin that must stay as it was.
Sentences are our own."""

from __future__ import annotations

import pytest

import sitrep


def _roles(text: str, type_: str) -> list[tuple[set[str], set[str], str]]:
    doc = sitrep.code(text, date="2025-03-04")
    return [({a.code for a in ev.actor if a.code}, {r.code for r in ev.recipient if r.code}, ev.evidence.rule)
            for ev in doc.events if ev.type == type_]


@pytest.mark.parametrize("text, type_, recipient", [
    # the maker of a proposal refused
    ("Ghana rejected a Nigerian proposal to share the fishing grounds.", "REJECT", "NGA"),
    ("Chile turned down an offer from Peru to mediate in the water dispute.", "REJECT", "PER"),
    # the party of the act threatened or refused
    ("Iran threatened to cut off gas supplies to Armenia over the unpaid bills.", "THREATEN", "ARM"),
    ("Azerbaijan threatened further action against Armenia after the shelling.", "THREATEN", "ARM"),
    ("Egypt refused to meet Ethiopia's negotiators in Addis Ababa.", "REJECT", "ETH"),
    # mediation halted between parties
    ("Norway suspended mediation between Colombia's government and the rebels.", "SANCTION", "COL"),
    # what a call is for: "called for talks with X"
    ("Kenya called for talks with Somalia over the maritime border.", "REQUEST", "SOM"),
])
def test_the_party_an_act_answers_or_is_done_to_is_the_recipient(text: str, type_: str, recipient: str) -> None:
    found = _roles(text, type_)
    assert any(recipient in r for _, r, _ in found), found


def test_a_proposal_with_no_named_maker_gives_no_recipient() -> None:
    found = _roles("Ghana rejected the proposal to share the fishing grounds.", "REJECT")
    assert found and not any(r for _, r, _ in found), found


def test_the_one_given_to_is_the_recipient_of_aid() -> None:
    found = _roles("Norway gave Malawi 40 tonnes of food aid after the floods.", "AID")
    assert any(a == {"NOR"} and "MWI" in r for a, r, _ in found), found


def test_a_protest_at_home_is_aimed_at_that_government() -> None:
    found = _roles("Thousands of Peruvians rallied in Lima on Friday to protest rising bus fares.", "PROTEST")
    assert any(r == {"PER"} and rule.endswith("+home-government") for _, r, rule in found), found


def test_a_protest_abroad_is_not_aimed_at_the_host_government() -> None:
    found = _roles("Kenyan students marched through central London to protest against visa fees.", "PROTEST")
    assert found and not any("GBR" in r or "KEN" in r for _, r, _ in found), found


@pytest.mark.parametrize("text, recipient", [
    ("Hamas released two Israeli hostages near the Kerem Shalom crossing on Sunday.", "ISR"),
    ("The rebels handed the kidnapped engineers to Malian officials in Gao.", "MLI"),
])
def test_a_release_is_made_to_the_party_of_the_released_or_the_one_handed_to(text: str, recipient: str) -> None:
    found = _roles(text, "RETREAT")
    assert any(recipient in r and rule.endswith("+released-to") for _, r, rule in found), found


def test_captives_an_armed_group_frees_go_to_its_countrys_government() -> None:
    found = _roles("Boko Haram freed the abducted teachers on Monday, the army said.", "RETREAT")
    assert any(r == {"NGA"} for _, r, _ in found), found


def test_aid_workers_handed_over_are_captives_released_not_aid() -> None:
    text = "The militants handed over the kidnapped aid workers to Malian officials."
    assert _roles(text, "RETREAT") and not _roles(text, "AID"), sitrep.code(text).events


def test_a_ban_on_sales_to_a_party_is_aimed_at_it() -> None:
    found = _roles("The new UN sanctions ban sales of jet fuel to Syrian airlines.", "SANCTION")
    assert any("SYR" in r for _, r, _ in found), found


def test_the_one_asked_is_never_replaced_by_the_party_of_the_act_asked_for() -> None:
    found = _roles("Campaigners called on the band to be barred from touring Canada.", "REQUEST")
    assert not any("CAN" in r for _, r, _ in found), found


@pytest.mark.parametrize("text", [
    "Iranian tankers made several transfers of diesel to Syrian vessels off the Lebanese coast.",
    "Iran resumed crude shipments to Syria in May.",
])
def test_a_shipment_of_a_commodity_between_two_parties_is_trade_to_the_receiver(text: str) -> None:
    found = _roles(text, "COOPERATE")
    assert any(a == {"IRN"} and r == {"SYR"} for a, r, _ in found), sitrep.code(text).events


def test_a_market_figure_of_one_partys_exports_is_no_trade_event() -> None:
    assert not _roles("Saudi oil exports fell by five percent in March.", "COOPERATE")


@pytest.mark.parametrize("text, type_, recipient", [
    ("Armed men killed four villagers near Zinder on Tuesday.", "ASSAULT", "NER"),
    ("Police arrested 12 students in Lahore after the march.", "COERCE", "PAK"),
])
def test_force_on_people_of_no_named_country_is_done_to_the_country_of_its_place(text: str, type_: str,
                                                                                 recipient: str) -> None:
    found = _roles(text, type_)
    assert any(r == {recipient} and rule.endswith("+place-target") for _, r, rule in found), found


@pytest.mark.parametrize("text, recipient", [
    ("Israel eased restrictions in the West Bank on Friday.", "PSE"),
    ("Pakistan lifted the curfew in Quetta after a quiet week.", "PAK"),
])
def test_restrictions_lifted_at_a_place_are_lifted_for_its_country(text: str, recipient: str) -> None:
    found = _roles(text, "CONCEDE")
    assert any(r == {recipient} and rule.endswith("+place-target") for _, r, rule in found), found


def test_a_named_victim_keeps_its_own_country_over_the_place() -> None:
    found = _roles("Gunmen abducted two Chinese engineers in Zamfara state on Friday.", "ASSAULT")
    assert found and not any(rule.endswith("+place-target") for _, _, rule in found), found


def test_a_domestic_act_keeps_its_recipient_of_the_same_country_but_another_sector() -> None:
    found = _roles("Angry Kenyans accused the Kenyan government of stealing the election.", "ACCUSE")
    assert any(a == {"KEN"} and r == {"KEN"} for a, r, _ in found), found


def test_a_visit_to_a_place_abroad_is_received_by_its_host() -> None:
    found = _roles("Egypt's president arrived in Khartoum on a two-day visit.", "CONSULT")
    assert any(a == {"EGY"} and r == {"SDN"} for a, r, _ in found), found


def test_a_visit_at_home_has_no_host_from_its_place() -> None:
    found = _roles("Egypt's president paid a visit to a steel plant in Alexandria.", "CONSULT")
    assert not any("EGY" in r for _, r, _ in found), found


@pytest.mark.parametrize("text, recipient", [
    ("Iran threatened to close the Strait of Hormuz if the United States imposes new sanctions.", "USA"),
    ("Turkey threatened to halt the talks unless Greece withdrew its warships.", "GRC"),
    ("North Korea warned it would launch a retaliatory strike if South Korea went ahead with the drills.", "KOR"),
])
def test_a_threat_with_a_condition_is_aimed_at_whoever_must_meet_it(text: str, recipient: str) -> None:
    found = _roles(text, "THREATEN")
    assert any(r == {recipient} and rule.endswith("+condition-party") for _, r, rule in found), found


def test_a_threat_whose_condition_is_the_speakers_own_act_takes_no_party_from_it() -> None:
    found = _roles("Turkey threatened to halt the talks if it does not receive the jets.", "THREATEN")
    assert found and not any(rule.endswith("+condition-party") for _, _, rule in found), found


@pytest.mark.parametrize("text, type_, code", [
    ("Kenyan riot police beat marchers with batons outside the stadium.", "ASSAULT", "KEN"),
    ("Georgian police detained forty activists at a sit-in.", "COERCE", "GEO"),
])
def test_a_states_police_acting_on_unnamed_people_act_at_home(text: str, type_: str, code: str) -> None:
    found = _roles(text, type_)
    assert any(a == {code} and r == {code} and rule.endswith("+home-target") for a, r, rule in found), found


def test_police_acting_on_people_of_another_country_keep_them_as_recipient() -> None:
    found = _roles("French police arrested two Belgian suspects in Lille.", "COERCE")
    assert any(r == {"BEL"} for _, r, _ in found), found


def test_the_people_a_place_struck_is_for_are_the_recipient() -> None:
    found = _roles("Armed men raided a shelter for Syrian refugees in the town.", "ASSAULT")
    assert any(r == {"SYR"} and rule.endswith("+target") for _, r, rule in found), found


def test_a_target_after_a_list_of_weapons_is_a_strike_not_a_launch() -> None:
    found = _roles("Ethiopian troops fired rockets, shells and gunfire against Eritrean trenches.", "ASSAULT")
    assert any(a == {"ETH"} and r == {"ERI"} for a, r, _ in found), found


@pytest.mark.parametrize("text, recipient", [
    ("Kosovo is investigating crimes by Serbian police during the war.", "SRB"),
    ("Peru is investigating abuses by Peruvian soldiers in the Andes.", "PER"),
])
def test_who_did_what_is_charged_is_the_recipient(text: str, recipient: str) -> None:
    found = _roles(text, "ACCUSE")
    assert any(r == {recipient} and rule.endswith("+charged") for _, r, rule in found), found


def test_martial_law_imposed_is_imposed_at_home() -> None:
    found = _roles("The Thai army imposed martial law across the country on Tuesday.", "COERCE")
    assert any(a == {"THA"} and r == {"THA"} and rule.endswith("+home-target") for a, r, rule in found), found


@pytest.mark.parametrize("text, type_, recipient", [
    ("Thousands of people marched through Hong Kong in defiance of the Chinese authorities to demand elections.",
     "PROTEST", "CHN"),
    ("Dock workers in Piraeus held a strike in protest at German demands for more cuts.", "PROTEST", "DEU"),
])
def test_the_party_an_act_defies_or_protests_is_its_recipient(text: str, type_: str, recipient: str) -> None:
    found = _roles(text, type_)
    assert any(recipient in r and "+defied" in rule for _, r, rule in found), found


def test_a_protest_with_no_party_defied_is_still_aimed_at_its_own_government() -> None:
    found = _roles("Thousands of people marched through Lagos in defiance of the rain on Monday.", "PROTEST")
    assert any(r == {"NGA"} and rule.endswith("+home-government") for _, r, rule in found), found


def test_a_threatened_act_in_a_place_abroad_is_aimed_at_its_state() -> None:
    found = _roles("The militia threatened to resume rocket attacks in Israel if the blockade stays.", "THREATEN")
    assert any("ISR" in r and rule.endswith("+content") for _, r, rule in found), found


def test_a_threat_to_act_at_home_names_no_place_as_its_target() -> None:
    found = _roles("Venezuela threatened to hold new elections in Venezuela next year.", "THREATEN")
    assert not any("VEN" in r for _, r, _ in found), found
