"""Trigger constructions with a governed infinitive, an "as" phrase or a preposition
on the light verb. Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

import sitrep
from helpers import event_types as types


def test_order_to_stop_is_coercion_and_order_to_appear_a_demand():
    assert types("The junta ordered the independent radio station to suspend broadcasts.") == {"COERCE"}
    assert types("A court in Vilnius ordered the former minister to appear for questioning.") == {"REQUEST"}
    # an order of troops stays a deployment
    assert "REQUEST" not in types("The general ordered two brigades to the border.")


def test_allowing_an_activity_is_a_concession_not_a_protest():
    assert types("The governor allowed the opposition to hold a rally in the main square.") == {"CONCEDE"}


def test_inquiry_opened_with_the_preposition_on_the_verb():
    t = types("Poland's constitutional court opened a hearing on Monday into the legality of the surveillance law.")
    assert t == {"ACCUSE"}


def test_under_investigation_needs_no_named_investigator():
    assert types("A Danish journalist has been put under investigation in Spain.") == {"ACCUSE"}
    assert types("There is a hearing on Monday.") == set()


def test_human_shields_are_coercion():
    assert types("The militia has been holding villagers as human shields near the front.") == {"COERCE"}


def test_withdrawing_a_mission_is_a_sanction_but_evacuating_one_is_not():
    assert types("Forty peacekeepers were shipped out of the town on Friday.") == {"SANCTION"}
    assert "SANCTION" not in types("Helicopters evacuated the observers from the town on Friday.")


def test_crowd_of_protesters_takes_the_country_where_it_protests():
    evs = [e for e in sitrep.code("Thousands of students marched through Vilnius on Saturday.", date="2025-03-04").events
           if e.type == "PROTEST"]
    assert evs and evs[0].actor and evs[0].actor[0].code == "LTU"
    # a named group keeps its own country
    evs = [e for e in sitrep.code("Polish farmers protested in Vilnius on Saturday.", date="2025-03-04").events
           if e.type == "PROTEST"]
    assert evs and evs[0].actor[0].code == "POL"


def test_working_or_fighting_side_by_side_is_cooperation():
    assert types("Estonia and Finland have been working together to clear the sea mines.") == {"COOPERATE"}
    evs = sitrep.code("Georgian volunteers fought alongside Ukrainian marines near Kherson.", date="2025-03-04").events
    coop = [e for e in evs if e.type == "COOPERATE"]
    assert coop and coop[0].context == ["military"] and "ASSAULT" not in {e.type for e in evs}
    assert types("The two navies joined forces to escort the grain ships.") == {"COOPERATE"}
    assert types("The clerks worked late into the night.") == set()  # working is no cooperation


def test_sending_peacekeepers_is_aid_but_sending_inspectors_is_not():
    evs = sitrep.code("Ghana sent 400 peacekeepers to the border region.", date="2025-03-04").events
    assert [(e.type, e.cameo, e.context) for e in evs] == [("AID", "074", ["peacekeeping"])]
    assert "AID" in types("Irish peacekeepers arrived in the southern town on Monday.")
    assert "AID" not in types("The agency dispatched inspectors to the plant to monitor the work.")


def test_a_warning_about_what_another_state_may_do_is_no_threat_by_the_warner():
    assert "THREATEN" not in types("Diplomats warned that Serbia could close the crossing.")
    assert types("Hungary warned that Hungarian troops would respond to any incursion.") == {"THREATEN"}
    assert types("The council warned that looters would be arrested.") == {"THREATEN"}


def test_a_warning_that_another_state_will_face_or_pay_for_its_acts_is_a_threat_to_it():
    got = [(e.type, [a.code for a in e.actor], [r.code for r in e.recipient]) for e in sitrep.code(
        "Britain warned that Serbia would face consequences if it attacked Kosovo.", date="2025-03-04").events]
    assert ("THREATEN", ["GBR"], ["SRB"]) in got, got


def test_sanctions_passed_agreed_or_voted_are_imposed():
    assert types("The European Union agreed new sanctions against Belarus on Monday.") == {"SANCTION"}
    assert types("Lawmakers in Vilnius passed fresh sanctions on Belarus.") == {"SANCTION"}
    got = [(e.type, [a.code for a in e.actor]) for e in sitrep.code(
        "The Security Council voted for a resolution toughening sanctions on Eritrea.", date="2025-03-04").events]
    assert ("SANCTION", ["UNSC"]) in got, got
    # a measure passed with no sanction in sight is no sanction
    assert "SANCTION" not in types("The parliament passed a measure on school meals.")


def test_people_taken_from_where_they_were_are_abducted():
    assert types("Gunmen took forty pupils from a village school near Kaduna overnight.") == {"ASSAULT"}
    assert types("Gunmen snatched twelve villagers from their homes overnight.") == {"ASSAULT"}
    # people carried to safety, or taken into custody, are not abducted
    assert "ASSAULT" not in types("Rescuers took the children from the burning school to safety.")
    assert "ASSAULT" not in types("Police took the students from the campus into custody.")


def test_police_clearing_protesters_restrict_the_protest():
    assert types("Riot police cleared protesters from the parliament steps with batons.") == {"COERCE"}


def test_relatives_freed_are_released_captives():
    assert types("The kidnappers released his brother after two years in captivity.") == {"RETREAT"}


def test_captives_named_by_their_number_alone_are_released():
    assert types("Rebels seized 14 fishermen in May. The 14 were freed on Sunday, a source said.") >= {"RETREAT"}
    # a number of things freed up is no release of captives
    assert "RETREAT" not in types("The ministry freed up 14 million dollars for the schools.")


def test_civilians_captured_are_abducted_and_fighters_captured_are_prisoners():
    assert types("Al-Shabaab fighters captured six aid workers near Baidoa.") == {"ASSAULT"}
    assert types("Ukrainian troops captured two Russian soldiers near Bakhmut.") == {"COERCE"}


def test_a_strike_by_hackers_is_a_cyber_attack():
    assert types("Hackers attacked the Estonian ministry's servers on Monday.") == {"COERCE"}
    # hackers named beside weapons leave an armed attack armed
    assert "ASSAULT" in types("Troops attacked the rebel base with rockets as hackers cut its radio links.")


def test_a_captive_freed_by_name_or_a_spy_freed_is_a_release():
    assert types("Minsk released Roman Petrov, a Lithuanian cyclist, on Friday.") == {"RETREAT"}
    assert types("Moscow freed a Lithuanian spy in exchange for two Russian officers.") == {"RETREAT"}
    # a work released is no captive
    assert "RETREAT" not in types("The ministry released Smith's report on the budget.")


def test_people_blocking_a_port_or_crossing_protest_and_a_navy_blockades():
    assert types("Angry fishermen blocked the port of Calais for six hours on Tuesday.") == {"PROTEST"}
    assert types("Truckers blockaded the main border crossing with Canada.") == {"PROTEST"}
    assert types("The navy blocked the port of Hodeidah.") == {"COERCE"}


@pytest.mark.parametrize("text, recipient", [
    ("French President Emmanuel Macron issued a stern reminder to Iran that it must cooperate with the inspectors.",
     "IRN"),
    ("The minister sent a message to Baku that it must withdraw its troops.", "AZE"),
])
def test_a_message_that_a_party_must_act_is_a_demand_on_it(text: str, recipient: str) -> None:
    events = [e for e in sitrep.code(text, date="2025-03-04").events if e.type == "REQUEST"]
    assert any(recipient in {r.code for r in e.recipient} for e in events), events


def test_a_message_of_condolence_demands_nothing() -> None:
    events = sitrep.code("The minister sent a message of condolence to Baku.", date="2025-03-04").events
    assert not [e for e in events if e.type == "REQUEST"], events


@pytest.mark.parametrize("text", [
    "Troops exchanged fire with Taliban fighters near the border.",
    "Police traded gunfire with the gunmen for two hours.",
])
def test_an_exchange_of_fire_is_a_fight(text: str) -> None:
    assert "ASSAULT" in types(text), sitrep.code(text, date="2025-03-04").events


def test_trade_with_a_named_party_is_economic_cooperation() -> None:
    events = [e for e in sitrep.code("Iranian ships traded with Syria despite the embargo.",
                                     date="2025-03-04").events if e.type == "COOPERATE"]
    assert events and {a.code for a in events[0].actor} == {"IRN"} and {r.code for r in events[0].recipient} == {"SYR"}


@pytest.mark.parametrize("text", [
    "The two candidates traded barbs with each other during the debate.",
    "Shares of the carmaker traded with a small gain in Tokyo.",
])
def test_barbs_or_shares_traded_are_neither_trade_nor_a_fight(text: str) -> None:
    assert not {"COOPERATE", "ASSAULT"} & types(text), sitrep.code(text, date="2025-03-04").events


def test_talks_brokered_by_a_third_party_are_its_mediation_whatever_comes_first():
    # the noun "talks" comes before the verb that governs it; the verb's event is kept
    events = [e for e in sitrep.code("The talks between the Colombian government and the rebels were brokered by "
                                     "Norway and Cuba.", date="2025-03-04").events if e.type == "CONSULT"]
    assert events and events[0].mode == "third-party" and {a.code for a in events[0].actor} == {"NOR", "CUB"}, events


def test_contacts_facilitated_between_two_parties_are_a_third_partys_mediation():
    events = [e for e in sitrep.code("Qatar facilitated contacts between Kabul and the Taliban leadership.",
                                     date="2025-03-04").events if e.type == "CONSULT"]
    assert events and events[0].mode == "third-party" and {a.code for a in events[0].actor} == {"QAT"}, events


def test_a_noun_naming_again_what_a_verb_of_its_type_did_by_the_same_parties_is_one_event():
    # "cooperation" restates the joint brigade's setting up, by one of its two founders
    text = ("Kenya and Uganda will set up a joint border brigade as part of Kenya's growing military "
            "cooperation with its neighbours.")
    events = [e for e in sitrep.code(text, date="2025-03-04").events if e.type == "COOPERATE"]
    assert len(events) == 1 and {a.code for a in events[0].actor} == {"KEN", "UGA"}, events


def test_the_creation_of_a_military_unit_named_as_a_noun_is_a_mobilisation():
    assert "MOBILIZE" in types("The army said the formation of a new tank brigade in the north would be complete by May.")
    assert "MOBILIZE" not in types("The team celebrated the formation of a new youth division in the league.")


def test_a_development_celebrated_as_a_milestone_is_praise_but_a_holiday_celebrated_is_none():
    assert "SUPPORT" in types("Chinese state television celebrated the new railway pact as a milestone in the partnership.")
    assert "SUPPORT" not in types("Residents celebrated Christmas as a family for the first time in years.")


def test_a_group_declaring_itself_loyal_to_another_gives_it_support():
    assert "SUPPORT" in types("The militia declared itself loyal to the Islamic State last year.")
    assert "SUPPORT" not in types("The province declared itself free of the disease last year.")


def test_an_offensive_launched_with_missiles_is_an_attack_not_a_missile_launch_nor_a_backing():
    text = "Government forces launched an offensive, backed by missiles and artillery, against rebel positions."
    assert types(text) == {"ASSAULT"}, sitrep.code(text, date="2025-03-04").events
    assert "SUPPORT" in types("Rebels backed by Rwanda seized the town on Sunday.")


@pytest.mark.parametrize("text", [
    "The new missile is capable of striking targets 2,000 km away, the ministry said.",
    "India is one of few states able to deliver nuclear weapons by dropping bombs from planes.",
])
def test_what_a_weapon_or_a_state_is_capable_of_is_no_event(text: str) -> None:
    assert "ASSAULT" not in types(text), sitrep.code(text, date="2025-03-04").events


def test_a_strike_made_with_missiles_capable_of_more_is_still_a_strike():
    assert "ASSAULT" in types("Russia struck targets in Kharkiv with missiles capable of carrying nuclear warheads.")


def test_the_dead_and_wounded_counted_are_no_act_of_wounding():
    assert "ASSAULT" not in types("The militia, which has lost some 3,000 dead and wounded in Yemen, is short of recruits.")
    assert "ASSAULT" in types("Rebel shelling wounded twelve soldiers near the airport on Monday.")
