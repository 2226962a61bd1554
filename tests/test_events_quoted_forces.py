"""Reports in a combatant's own words: "our forces" in a quote are the speaker's state's forces,
equipment destroyed by forces is a blow struck, "no plans to" is a denial of intent, and an act
denied is coded negated beside the denial.
Sentences are our own."""

from __future__ import annotations

import pytest

import sitrep


def _events(text: str) -> list[tuple[str, list[str | None], str | None]]:
    return [(e.type, [a.code for a in e.actor], e.modality) for e in sitrep.code(text, date="2025-03-04").events]


def test_armed_forces_destroying_tanks_is_an_assault() -> None:
    got = _events("Azerbaijani forces destroyed four Armenian tanks near the border overnight.")
    assert any(t == "ASSAULT" and "AZE" in a for t, a, _ in got), got


@pytest.mark.parametrize("text,code", [
    ('"Our forces destroyed two enemy howitzers at dawn," the Armenian defence ministry said.', "ARM"),
    ('"Our troops shot down three drones over the capital," the Sudanese army said.', "SDN"),
])
def test_our_forces_in_a_quote_are_the_speakers_forces(text: str, code: str) -> None:
    got = _events(text)
    assert any(t == "ASSAULT" and a == [code] for t, a, _ in got), got


def test_no_plans_to_act_is_a_negated_event() -> None:
    got = _events('"We have no plans to send troops to the islands," the Danish prime minister said.')
    assert got and all(m == "negated" for t, _, m in got if t == "MOBILIZE"), got
    assert any(t == "MOBILIZE" for t, _, _ in got), got


def test_plans_to_act_stay_planned() -> None:
    got = _events("Denmark has drawn up plans to send troops to the islands.")
    assert any(t == "MOBILIZE" and m == "planned" for t, _, m in got), got


def test_a_quote_that_condemns_and_threatens_gives_both_events() -> None:
    text = ('"This reckless provocation will be met with a decisive response," '
            "the Greek defence minister said of the incursion.")
    rules = [e.evidence.rule for e in sitrep.code(text, date="2025-03-04").events]
    assert "stance:disapproval" in rules and "stance:threat" in rules, rules


def test_a_quote_with_one_kind_of_stance_gives_one_event() -> None:
    text = '"This is a reckless and illegal provocation," the Greek defence minister said of the incursion.'
    rules = [e.evidence.rule for e in sitrep.code(text, date="2025-03-04").events]
    assert rules.count("stance:disapproval") == 1 and "stance:threat" not in rules, rules


def test_a_weapon_move_told_by_its_maker_state_is_that_states() -> None:
    got = _events("The Kremlin said the first Sarmat missiles would be placed on combat duty by December.")
    assert any(t == "MOBILIZE" and a == ["RUS"] for t, a, _ in got), got


def test_a_weapon_move_told_by_another_state_takes_no_speaker_doer() -> None:
    got = _events("Ukraine's military intelligence said Sarmat launchers had been moved to a base near Orenburg.")
    assert all(a != ["UKR"] for t, a, _ in got if t == "MOBILIZE"), got


def test_coalition_forces_are_not_the_story_countrys_forces() -> None:
    text = ("KABUL (Reuters) - Afghan police arrested three men in Herat on Monday.\n\n"
            "Coalition military forces conducted six strikes against Taliban positions near Kandahar.")
    events = sitrep.code(text, date="2025-03-04").events
    strikes = [e for e in events if e.type == "ASSAULT"]
    assert strikes and all(a.code != "AFG" for e in strikes for a in e.actor), [(e.type, [a.code for a in e.actor]) for e in events]
    assert any(e.type == "COERCE" and [a.code for a in e.actor] == ["AFG"] for e in events)


@pytest.mark.parametrize("text", [
    "Sudanese army units advanced on the centre of Omdurman on Monday.",
    "Rebel fighters advanced into Idlib province overnight.",
    "The Malian army has made rapid advances against the jihadists near Timbuktu.",
])
def test_forces_advancing_on_a_place_or_an_enemy_is_an_assault(text: str) -> None:
    assert any(t == "ASSAULT" for t, _, _ in _events(text)), _events(text)


@pytest.mark.parametrize("text", [
    "Copper prices advanced on Tuesday as supply fears grew.",
    "The farm bill advanced through the Senate on a party-line vote.",
])
def test_prices_or_bills_advancing_are_no_assault(text: str) -> None:
    assert not any(t == "ASSAULT" for t, _, _ in _events(text)), _events(text)


def test_neither_confirming_nor_denying_is_no_denial_made() -> None:
    got = _events("The Turkish government has neither confirmed nor denied that its drones struck the convoy.")
    rejects = [m for t, _, m in got if t == "REJECT"]
    assert rejects and all(m == "negated" for m in rejects), got


def test_a_plain_denial_is_asserted() -> None:
    got = _events("The Turkish government denied that its drones struck the convoy.")
    assert any(t == "REJECT" and m == "asserted" for t, _, m in got), got


def test_at_the_request_of_is_no_demand_met() -> None:
    got = _events("The UN Security Council met on Friday at the request of Sierra Leone.")
    assert not any(t == "CONCEDE" for t, _, _ in got), got


def test_meeting_a_demand_is_still_a_concession() -> None:
    got = _events("The Togolese junta met the opposition's demands on Friday.")
    assert any(t == "CONCEDE" for t, _, _ in got), got


def test_an_international_body_meeting_alone_is_a_consultation_and_a_cabinet_is_not() -> None:
    assert any(t == "CONSULT" for t, _, _ in _events("The UN Security Council met behind closed doors on Friday.")), \
        _events("The UN Security Council met behind closed doors on Friday.")
    assert not any(t == "CONSULT" for t, _, _ in _events("The Kenyan cabinet met on Monday.")), \
        _events("The Kenyan cabinet met on Monday.")


def _roles(text: str, etype: str) -> list[tuple[list[str | None], list[str | None]]]:
    return [([a.code for a in e.actor], [a.code for a in e.recipient])
            for e in sitrep.code(text, date="2025-03-04").events if e.type == etype]


@pytest.mark.parametrize("text,actor,recipient", [
    ("Vietnam is deeply alarmed by China's naval drills near the Paracels.", "VNM", "CHN"),
    ("Austria was appalled by the Hungarian decision to free the smugglers.", "AUT", "HUN"),
])
def test_a_state_alarmed_by_an_act_disapproves_of_its_doer(text: str, actor: str, recipient: str) -> None:
    got = _roles(text, "ACCUSE")
    assert any(actor in a and recipient in r for a, r in got), got


def test_we_in_a_quote_is_the_speakers_state() -> None:
    got = _roles('"We are deeply concerned by these arrests," the Austrian foreign ministry said.', "ACCUSE")
    assert any(a == ["AUT"] for a, _ in got), got


def test_opposed_by_still_names_who_opposes() -> None:
    got = _roles("The pipeline plan was opposed by Denmark and Sweden.", "REJECT")
    assert any({"DNK", "SWE"} <= set(a) for a, _ in got), got


@pytest.mark.parametrize("text,etype,code", [
    # offers of talks and outright refusals
    ('"The door to dialogue remains open," the Venezuelan foreign minister said.', "AGREE", "VEN"),
    ('"We are ready to negotiate at any time," the Sudanese army spokesman said.', "AGREE", "SDN"),
    ('"We will never accept the loss of the enclave," the Armenian prime minister said.', "REJECT", "ARM"),
    ('"Handing over the port is out of the question," the Somali president said.', "REJECT", "SOM"),
    # threats and solidarity
    ('"This ambush will not go unanswered," the Malian army chief said.', "THREATEN", "MLI"),
    ('"Their bases will be legitimate targets," the Iranian defence minister said.', "THREATEN", "IRN"),
    ('"Bucharest will stand shoulder to shoulder with Chisinau," the Romanian president said.', "SUPPORT", "ROU"),
    # denials, thanks, backing and rebuttals of intent
    ('"These reports are pure fiction and a smear campaign," the Rwandan government spokeswoman said.', "REJECT", "RWA"),
    ('"We are grateful to our partners for the radar systems," the Moldovan defence minister said.', "SUPPORT", "MDA"),
    ('"Armenia has the right to defend itself," the French foreign ministry spokesman said.', "SUPPORT", "FRA"),
    ('"The drills are purely defensive and not aimed at any neighbour," the Thai army spokesman said.', "REJECT", "THA"),
])
def test_set_phrases_in_quotes_are_the_speakers_events(text: str, etype: str, code: str) -> None:
    got = _events(text)
    assert any(t == etype and a == [code] for t, a, _ in got), got


def test_an_open_question_is_no_offer_of_talks() -> None:
    got = _events('"It is an open question whether the dam will hold," the Sudanese engineer said.')
    assert not any(t == "AGREE" for t, _, _ in got), got


@pytest.mark.parametrize("text", [
    '"We stand by our report on the border incident," the Romanian defence ministry said.',
    '"We will fight as long as it takes," the Romanian president said.',
])
def test_holding_to_a_report_or_fighting_on_backs_nobody(text: str) -> None:
    assert not any(t == "SUPPORT" for t, _, _ in _events(text)), _events(text)


def test_a_third_persons_act_in_a_quote_is_no_threat_of_the_speaker() -> None:
    got = _events('"If he has jailed journalists, that is terrible," the Italian prime minister said of the general.')
    assert not any(t == "THREATEN" for t, _, _ in got), got


def test_the_speakers_own_force_in_a_quote_is_still_a_threat() -> None:
    got = _events('"We will strike their bases if they attack us," the Iranian defence minister said.')
    assert any(t == "THREATEN" and a == ["IRN"] for t, a, _ in got), got


def test_a_call_for_an_immediate_ceasefire_in_a_quote_is_a_demand() -> None:
    got = _events('"An immediate ceasefire in Darfur is the only way forward," the Kenyan foreign minister said.')
    assert any(t == "REQUEST" and a == ["KEN"] for t, a, _ in got), got


def test_refusing_talks_in_set_phrases_is_a_rejection() -> None:
    got = _events('"There will be no negotiations with the junta," the Nigerien opposition leader said.')
    got += _events('"We will not back down on the border question," the Guyanese president said.')
    assert sum(t == "REJECT" for t, _, _ in got) == 2, got


def test_talks_offered_in_a_set_phrase_are_an_offer_not_talks_held() -> None:
    got = _events('"We are open to talks with Ankara," the Cypriot foreign minister said.')
    assert any(t == "AGREE" and a == ["CYP"] for t, a, _ in got), got
    assert not any(t == "CONSULT" for t, _, _ in got), got


def test_talks_held_stay_a_consultation() -> None:
    got = _events('"We held talks with Ankara on Monday," the Cypriot foreign minister said.')
    assert any(t == "CONSULT" for t, _, _ in got), got


def test_naming_who_is_behind_an_attack_is_a_blame() -> None:
    got = _events('"Sudan is behind these attacks," a senior Chadian official told reporters.')
    assert any(t == "ACCUSE" and a == ["TCD"] for t, a, _ in got), got


def test_sending_a_fleet_somewhere_is_a_mobilisation_and_arms_to_a_state_are_aid() -> None:
    got = _events("France sent two aircraft carriers to the eastern Mediterranean.")
    assert any(t == "MOBILIZE" for t, _, _ in got) and not any(t == "AID" for t, _, _ in got), got
    got = _events("Norway sent howitzers and ammunition to Ukraine.")
    assert any(t == "AID" for t, _, _ in got), got


def test_a_ruler_dissolving_parliament_is_coercion() -> None:
    got = _events("The Burkinabe junta dissolved the national assembly and suspended the constitution.")
    assert any(t == "COERCE" for t, _, _ in got), got


def test_ships_blocking_a_resupply_mission_is_coercion_and_a_senate_blocking_a_bill_is_not() -> None:
    got = _events("Chinese coast guard ships blocked a Vietnamese resupply mission near the reef.")
    assert any(t == "COERCE" and "CHN" in a for t, a, _ in got), got
    assert not any(t == "COERCE" for t, _, _ in _events("The Chilean senate blocked the pension bill.")), \
        _events("The Chilean senate blocked the pension bill.")


@pytest.mark.parametrize("text", [
    '"There was no breach of the ceasefire on our side," the Armenian defence ministry said.',
    '"This was not a provocation," the Iranian foreign minister said.',
])
def test_a_stance_word_denied_where_it_stands_is_no_accusation(text: str) -> None:
    assert not any(t == "ACCUSE" for t, _, _ in _events(text)), _events(text)


def test_a_stance_word_asserted_is_still_an_accusation() -> None:
    got = _events('"This launch is a grave provocation," the Japanese defence minister said.')
    assert ("ACCUSE", ["JPN"], "asserted") in got, got


@pytest.mark.parametrize("text, type_", [
    ("The Azerbaijani ministry denied that its troops had shelled the village.", "ASSAULT"),
    ("Officials in Bamako denied that the prisoners were swapped for the pilots.", "RETREAT"),
])
def test_a_denied_act_is_coded_negated_beside_the_denial(text: str, type_: str) -> None:
    got = _events(text)
    assert any(t == "REJECT" for t, _, _ in got) and any(t == type_ and m == "negated" for t, _, m in got), got


def test_a_refused_act_stays_the_content_of_the_refusal() -> None:
    got = _events("Azerbaijan refused to withdraw its troops from the border villages.")
    assert [t for t, _, _ in got] == ["REJECT"], got


def test_a_stance_stated_with_no_subject_in_a_quote_is_the_speakers() -> None:
    got = _events('"Deeply disappointed that Serbia keeps buying Russian gas," the Lithuanian foreign minister wrote.')
    assert ("ACCUSE", ["LTU"], "asserted") in got, got


def test_a_subjectless_stance_outside_any_quote_gets_no_speaker() -> None:
    got = _events("Deeply disappointed that Serbia keeps buying Russian gas.")
    assert all(not any(a) for t, a, _ in got if t == "ACCUSE"), got


def test_a_good_relationship_stated_is_support_and_a_report_said_not_to_exist_is_denied() -> None:
    got = _events('"We have an excellent relationship with Ghana," the Nigerian foreign minister said.')
    assert ("SUPPORT", ["NGA"], "asserted") in got, got
    got = _events('"The camp you describe simply does not exist," the Eritrean information minister said.')
    assert any(t == "REJECT" and a == ["ERI"] for t, a, _ in got), got


@pytest.mark.parametrize("text, type_, doer", [
    ("Turkey accused Greek forces of shelling a village near the border.", "ASSAULT", ["GRC"]),
    ("Kyiv accused Moscow of deporting children from occupied towns.", "COERCE", ["RUS"]),
])
def test_the_act_an_accusation_charges_is_coded_alleged_beside_it(text: str, type_: str, doer: list[str]) -> None:
    got = _events(text)
    assert any(t == "ACCUSE" for t, _, _ in got) and (type_, doer, "alleged") in got, got


def test_has_to_do_with_is_no_demand_and_has_to_stop_is() -> None:
    relation = _events('"Everything has to do with Iran and what it wants from the deal," the Israeli foreign minister said.')
    assert not any(t == "REQUEST" for t, _, _ in relation), relation
    demand = _events('"Iran has to stop enriching uranium," the Israeli foreign minister said.')
    assert ("REQUEST", ["ISR"], "asserted") in demand, demand
