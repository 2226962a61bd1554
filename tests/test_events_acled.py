"""ACLED sub-event types from text cues, and the PLOVER framing rules of events.py.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import pytest

import sitrep
from sitrep.events import AcledRule, CueText, cue_regex, load_lexicon


def events(text: str) -> list[sitrep.Event]:
    return sitrep.code(text, date="2025-03-04").events


def first_acled(text: str) -> str | None:
    for ev in events(text):
        if ev.acled is not None:
            return ev.acled.sub_event_type
    return None


def types(text: str) -> set[str]:
    return {ev.type for ev in events(text)}


# ---------------------------------------------------------------- cue matching
def test_cue_regex_matches_whole_words_wildcards_and_hyphens():
    rx = cue_regex(["loot*", "tear gas", "ied"])
    assert rx.search("shops were looted overnight")
    assert rx.search("police fired tear-gas at the crowd")
    assert rx.search("an ied went off")
    assert not rx.search("the bootlegger fled")  # no match inside a word
    assert not rx.search("tied up")


def test_cue_text_caches_and_lowercases():
    cues = {"air": cue_regex(["warplane*"])}
    t = CueText("WARPLANES struck the depot")
    assert t.has("air", cues) and t.has("air", cues)


def test_acled_rules_are_loaded_with_cues_and_checked():
    lex = load_lexicon()
    assert lex.cues and all(isinstance(r, AcledRule) for r in lex.acled)
    named = {c for r in lex.acled for c in (*r.cues, *r.not_cues, *r.actor_cues)}
    assert named <= set(lex.cues)


# ---------------------------------------------------------------- ACLED sub-event types
@pytest.mark.parametrize(("text", "sub"), [
    ("Government warplanes bombed rebel positions near the town of Kafr Nabl on Monday.", "Air/drone strike"),
    ("Rebel mortar shells struck a residential district of the capital on Monday, killing four people.",
     "Shelling/artillery/missile attack"),
    ("A roadside bomb planted by insurgents killed three soldiers on the highway to the airport.",
     "Remote explosive/landmine/IED"),
    ("A suicide bomber blew himself up at a checkpoint in the northern city, killing six policemen.", "Suicide bomb"),
    ("Two men on a motorcycle threw a grenade at a police post in the market, wounding three officers.", "Grenade"),
    ("Witnesses said the helicopter dropped containers of chlorine gas on the besieged district.", "Chemical weapon"),
    ("Army troops clashed with militants for several hours near the border crossing on Sunday.", "Armed clash"),
    ("Gunmen opened fire on worshippers leaving a village mosque, killing nine civilians.", "Attack"),
    ("Armed men kidnapped two aid workers from their vehicle on the road to the camp.",
     "Abduction/forced disappearance"),
    ("Soldiers raped a woman at a roadblock outside the town, a rights group said.", "Sexual violence"),
    ("Police arrested twelve opposition activists in the capital on Friday.", "Arrests"),
    ("Thousands of teachers staged a demonstration outside the ministry to demand higher wages.", "Peaceful protest"),
    ("Police fired tear gas to disperse hundreds of students who staged a protest outside the parliament.",
     "Protest with intervention"),
    ("Protesters threw stones at police and torched two cars during a demonstration against fuel prices.",
     "Violent demonstration"),
    ("An angry mob lynched a man accused of stealing cattle in the village on Tuesday.", "Mob violence"),
    ("Security forces seized a cache of weapons and explosives in a raid on a farm outside the city.",
     "Disrupted weapons use"),
    ("The army set up two new military bases near the border last week.", "Headquarters or base established"),
    ("Government troops recaptured the town of Dalmor from the rebels after two days of fighting.",
     "Government regains territory"),
    ("Shops were looted and several houses burned down after the unrest spread to the suburb.",
     "Looting/property destruction"),
    ("The two sides signed a ceasefire agreement in the capital on Thursday.", "Agreement"),
    ("Riot police violently dispersed a peaceful protest by pensioners outside the parliament.",
     "Excessive force against protesters"),
    ("The government and the rebel alliance opened peace talks in the capital on Monday.", "Agreement"),
    # a capture decides over the weapons that prepared it, named in the same sentence
    ("Army units retook the hill village of Sorva from insurgents on Friday after a week of artillery fire.",
     "Government regains territory"),
    ("Insurgents seized the river town of Karsk on Tuesday after heavy rocket and mortar barrages.",
     "Non-state actor overtakes territory"),
    # who took it decides, for recaptures too; the army beside "allied fighters" is still the army
    ("Kurdish fighters regained control of three villages east of the river on Sunday.",
     "Non-state actor overtakes territory"),
    ("The national army and allied fighters captured the Dalmor district on Thursday, the army said.",
     "Government regains territory"),
    ("Rebels seized two oil fields near the coast on Tuesday, a security official said.",
     "Non-state actor overtakes territory"),
    ("A police officer struck a student with his baton during a demonstration outside the ministry.",
     "Excessive force against protesters"),
    ("Two fighters detonated their explosives near the checkpoint, killing themselves and a guard.",
     "Suicide bomb"),
    ("Bottles and stones were thrown at police during a demonstration against the new fuel tax.",
     "Violent demonstration"),
    # missiles launched in a border battle are an attack, not a test
    ("Government forces launched missiles and destroyed two enemy artillery batteries as border clashes went on.",
     "Shelling/artillery/missile attack"),
    # "March" the month is no protest march
    ("Gunmen killed eleven villagers in an attack on a farming settlement on March 21, officials said.", "Attack"),
    # participants counted through a partitive "of": the demonstrators marched, not "of"
    ("Hundreds of demonstrators participated in a march through the old town on Saturday evening.",
     "Peaceful protest"),
])
def test_acled_sub_event_from_text_cues(text, sub):
    assert first_acled(text) == sub


def test_weapon_cue_in_the_next_sentence_decides_when_the_sentence_has_none():
    text = ("Four people were killed in an attack on a bus station on Sunday. "
            "Police said the attackers hurled two grenades into the waiting room.")
    assert first_acled(text) == "Grenade"


def test_statements_get_no_acled_type():
    evs = events("The foreign minister condemned the arrests of the journalists.")
    accuse = [e for e in evs if e.type == "ACCUSE"]
    assert accuse and all(e.acled is None for e in accuse)


# ---------------------------------------------------------------- PLOVER framing
def test_content_of_a_threat_is_not_coded_as_a_second_event():
    assert types("Norway threatened to impose sanctions on the regime.") == {"THREATEN"}


def test_content_of_a_demand_is_not_coded_as_a_second_event():
    assert types("Ghana demanded a truce between the two armies.") == {"REQUEST"}


def test_content_of_a_refusal_is_not_coded_as_a_second_event():
    assert types("Chile rejected an offer of talks with the rebels.") == {"REJECT"}


def test_willingness_to_cooperate_is_agree_and_evidence_says_so():
    evs = [e for e in events("Peru said it is prepared to pull its troops back from the disputed valley.")]
    agree = [e for e in evs if e.type == "AGREE"]
    assert agree and agree[0].evidence.rule.endswith("+intent")
    assert "RETREAT" not in {e.type for e in evs}


def test_preparedness_for_a_conflictual_action_is_a_threat():
    evs = events("The government said it is prepared to impose a curfew in the capital.")
    assert "THREATEN" in {e.type for e in evs}


def test_stated_refusal_of_a_cooperative_action_is_reject():
    evs = events("Kenya said it will not accept the proposal.")
    rej = [e for e in evs if e.type == "REJECT"]
    assert rej and rej[0].evidence.rule.endswith("+refusal")
    assert "AGREE" not in {e.type for e in evs}


def test_asserted_cooperative_action_stays_what_it_is():
    assert "AGREE" in types("Kenya accepted the proposal on Monday.")


def test_said_that_x_must_is_a_request_with_the_speaker_as_actor():
    evs = events("Japan said that China must release the detained fishermen.")
    req = [e for e in evs if e.type == "REQUEST"]
    assert req and "JPN" in {a.code for a in req[0].actor}
    assert "CHN" in {a.code for a in req[0].recipient}


def test_protest_purpose_is_not_a_separate_demand():
    assert types("Thousands of farmers staged demonstrations in Paris to demand lower fuel taxes.") == {"PROTEST"}


def test_pronoun_subject_resolves_to_the_speaker_of_the_governing_verb():
    evs = events("Chile says it is willing to pull its troops out of the border area.")
    agree = [e for e in evs if e.type == "AGREE"]
    assert agree and "CHL" in {a.code for a in agree[0].actor}


def test_month_name_is_not_a_protest_trigger():
    assert "PROTEST" not in types("The agreement was signed in March 2021 by both governments.")


def test_missile_destroying_a_house_is_not_property_destruction():
    assert "COERCE" not in types("Missiles destroyed a house in the village, killing five people.")


def test_stated_future_cooperation_is_agree_but_military_moves_keep_their_type():
    evs = events("Austria will provide humanitarian aid to the flood victims, the ministry said.")
    assert "AGREE" in {e.type for e in evs} and "AID" not in {e.type for e in evs}
    mil = events("Poland will deploy two Patriot batteries to the border next month.")
    mob = [e for e in mil if e.type == "MOBILIZE"]
    assert mob and mob[0].modality == "planned"


def test_stated_future_sanction_is_a_threat():
    assert "THREATEN" in types("Canada said it would impose sanctions on the ruling party.")


def test_a_group_takes_the_country_named_in_its_phrase():
    evs = events("Rebels in Mali rejected the peace plan on Monday.")
    rej = [e for e in evs if e.type == "REJECT"]
    assert rej and "MLI" in {a.code for a in rej[0].actor}


def test_stative_participle_subject_is_the_actor():
    evs = events("Brazil is opposed to the deployment of foreign troops.")
    rej = [e for e in evs if e.type == "REJECT"]
    assert rej and "BRA" in {a.code for a in rej[0].actor}


def test_background_clauses_are_not_coded_as_news():
    evs = events("The militia agreed to release the hostages seized last year from an aid convoy.")
    assert {e.type for e in evs} == {"AGREE"}
    evs = events("Hamas declared a ceasefire on Friday after five days of fighting with Fatah.")
    assert {e.type for e in evs} == {"RETREAT"}


def test_a_meeting_needs_a_second_party():
    assert "CONSULT" not in types("The Estonian cabinet met on Sunday.")
    assert "CONSULT" in types("The Estonian prime minister met the Latvian president on Sunday.")


def test_announced_boycott_is_a_threat_and_refused_refugees_a_rejection():
    assert "THREATEN" in types("The opposition party said it will boycott the parliamentary elections.")
    assert "REJECT" in types("Austria said it would not accept further refugees this year.")
    assert "AID" in types("Uganda accepted two thousand refugees from the border camps.")


def test_cue_regexes_are_compiled_when_first_looked_up():
    from sitrep.lexicon import CueRegexes

    cues = CueRegexes({"air": ["warplane*", "air strike"], "gas": ["tear gas"]})
    assert set(cues) == {"air", "gas"} and len(cues) == 2 and "air" in cues and "sea" not in cues
    assert cues._compiled == {}
    assert cues["air"].pattern == cue_regex(["warplane*", "air strike"]).pattern
    assert cues["air"] is cues["air"] and list(cues._compiled) == ["air"]
    with pytest.raises(KeyError):
        cues["sea"]


def test_a_governing_movements_militants_overtake_territory_as_a_non_state_actor():
    # the Taliban's default sector is GOV (they govern Afghanistan); named as militants they fight as one
    assert first_acled("Taliban militants overran a district centre in Badakhshan on Friday.") \
        == "Non-state actor overtakes territory"


def test_a_governing_movements_officials_still_speak_for_its_government():
    found = [a.sector for e in events("Taliban officials arrested two journalists in Kabul.")
             for a in e.actor]
    assert "GOV" in found, found


def test_weapons_found_are_disrupted_use_even_with_an_air_force_spokesman():
    text = ("A bomb was found near the runway of the northern airport and defused, "
            "an Air Force spokesman said.")
    assert first_acled(text) == "Disrupted weapons use"


def test_a_depot_destroyed_by_warplanes_is_no_disrupted_use():
    assert first_acled("Government warplanes destroyed the rebels' arms depot near the border.") \
        != "Disrupted weapons use"


@pytest.mark.parametrize("text", [
    "Four soldiers were killed when their truck hit a mine laid by the rebels near the border.",
    "Two fishermen died after their boat struck a naval mine off the coast.",
])
def test_a_vehicle_that_hits_a_mine_is_a_remote_explosive(text: str) -> None:
    assert first_acled(text) == "Remote explosive/landmine/IED"
