"""Mention rules of the entities stage (sitrep.entities): group and government
mentions, countries acting as states, generic weapon nouns, NER merging, names.
Sentences are written for these tests."""

from __future__ import annotations

import json

import jsonschema
import pytest

from sitrep import data
from sitrep.model import Article


@pytest.fixture(scope="session")
def recognise(pipeline):
    from sitrep.entities import Recognise

    return Recognise(pipeline.nlp)


def _ents(pipeline, recognise, text: str):
    article = Article(id="t", text=text)
    article.doc = pipeline.nlp(text)
    recognise(article)
    return article.entities


def _find(ents, text: str):
    hits = [e for e in ents if e.text == text]
    assert hits, f"{text!r} not among {[(e.text, e.type) for e in ents]}"
    return hits[0]


def _absent(ents, text: str) -> None:
    assert not [e for e in ents if e.text == text], [(e.text, e.type) for e in ents]


def test_mentions_file_matches_its_schema() -> None:
    schema = json.loads((data.PACKAGE_DATA / "mentions.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    words = data.load("mentions")
    assert "forces" in words["group_heads"]
    assert words["aircraft_roles"]["bomber"] == "bomber"


def test_aircraft_roles_name_declared_weapon_classes() -> None:
    from sitrep.weapons import load_weapon_gazetteer

    classes = {c.code for c in load_weapon_gazetteer().classes}
    assert set(data.load("mentions")["aircraft_roles"].values()) <= classes


def test_nationality_with_group_noun_is_one_organisation(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "Ukrainian border guards and Moldovan police officers met on Tuesday.")
    org = _find(ents, "Moldovan police officers")
    assert (org.type, org.code) == ("ORG", "MDA")
    _absent(ents, "Moldovan")


def test_government_of_country_is_an_organisation(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "Aid was sent with the consent of the Government of Chad.")
    org = _find(ents, "Government of Chad")
    assert (org.type, org.code) == ("ORG", "TCD")
    _absent(ents, "Chad")


def test_demonym_as_adjective_of_an_abstract_noun_stays_nationality(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "Talks on the Sudanese conflict resumed in Jeddah.")
    nat = _find(ents, "Sudanese")
    assert nat.type == "NATIONALITY"


def test_plural_demonym_used_as_a_noun_is_a_group(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "Thousands of Afghans crossed the border last week.")
    org = _find(ents, "Afghans")
    assert (org.type, org.code) == ("ORG", "AFG")


def test_country_as_subject_is_the_state_and_after_in_is_the_place(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "Poland announced new sanctions. The drills took place in Poland.")
    first, second = [e for e in ents if e.text == "Poland"]
    assert (first.type, first.code) == ("ORG", "POL")
    assert (second.type, second.code) == ("LOCATION", "POL")


def test_country_possessing_a_part_of_itself_stays_a_place(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "Shells fell near Lebanon's border with Israel.")
    assert _find(ents, "Lebanon").type == "LOCATION"


def test_capitalised_coalition_is_an_organisation(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "Coalition warplanes struck a depot overnight.")
    assert _find(ents, "Coalition").type == "ORG"
    assert _find(ents, "warplanes").type == "MILITARY_PLATFORM"


def test_led_coalition_keeps_the_leading_country(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "The French-led coalition withdrew its troops.")
    org = _find(ents, "French-led coalition")
    assert (org.type, org.code) == ("ORG", "FRA")


@pytest.mark.parametrize("text, noun, etype, cls", [
    ("Militants detonated a car bomb outside the police station.", "car bomb", "WEAPON", "landmine"),
    ("The convoy was hit by two VBIEDs near the bridge.", "VBIEDs", "WEAPON", "landmine"),
    ("Soldiers seized rifles, munitions and heavy weapons from the depot.", "heavy weapons", "WEAPON", "weapon"),
    ("Jets flew low over the capital.", "Jets", "MILITARY_PLATFORM", "combat_aircraft"),
    ("Two bombers took off from the base.", "bombers", "MILITARY_PLATFORM", "bomber"),
    ("Enemy aircraft were seen over the valley.", "aircraft", "MILITARY_PLATFORM", "aircraft"),
])
def test_generic_weapon_and_platform_nouns(pipeline, recognise, text, noun, etype, cls) -> None:
    ent = _find(_ents(pipeline, recognise, text), noun)
    assert (ent.type, ent.weapon_class) == (etype, cls)


def test_not_after_words_rule_out_a_generic_noun(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "A suicide bomber hit the market, a think tank said; a water tank burst.")
    assert not [e for e in ents if e.type in ("WEAPON", "MILITARY_PLATFORM")]


def test_aircraft_role_list_gives_one_platform_per_role(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "The raid used fighter, tanker and surveillance aircraft.")
    assert _find(ents, "fighter").weapon_class == "combat_aircraft"
    assert _find(ents, "tanker").weapon_class == "transport_aircraft"
    assert all(e.type == "MILITARY_PLATFORM" for e in ents if e.text in ("fighter", "tanker"))


@pytest.mark.parametrize("text, mention, etype, cls", [
    ("Rebels handed in mortar and artillery rounds at the depot.", "mortar and artillery rounds", "WEAPON", "weapon"),
    ("The brigade lost towed and self-propelled howitzers.", "towed and self-propelled howitzers", "WEAPON",
     "artillery"),
])
def test_modifiers_sharing_one_weapon_noun_make_one_mention(pipeline, recognise, text, mention, etype, cls) -> None:
    ents = _ents(pipeline, recognise, text)
    ent = _find(ents, mention)
    assert (ent.type, ent.weapon_class) == (etype, cls)
    assert len([e for e in ents if e.type in ("WEAPON", "MILITARY_PLATFORM")]) == 1, ents


def test_a_weapon_noun_listed_before_another_is_its_own_mention(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "The column moved tanks and artillery systems to the river.")
    assert _find(ents, "tanks").type == "MILITARY_PLATFORM"
    assert _find(ents, "artillery systems").type == "WEAPON"


def test_role_word_without_a_list_is_not_a_platform(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "The attack aircraft returned.")
    _absent(ents, "attack")


def test_ner_organisation_wrapping_a_country_is_kept_whole(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "The Kenyan Wildlife Service Authority issued a statement.")
    orgs = [e for e in ents if e.type == "ORG" and "Kenyan" in e.text]
    assert orgs and orgs[0].code == "KEN"
    _absent(ents, "Kenyan")


def test_surname_repeats_are_the_person(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "Colonel Marek Dvorak led the unit. Later, Dvorak told reporters it was over.")
    assert [e.type for e in ents if e.text == "Dvorak"] == ["PERSON"]


def test_title_portfolio_is_not_a_place(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "The Minister for Africa visited the camp.")
    _absent(ents, "Africa")


def test_short_acronym_in_all_capital_text_is_skipped(pipeline, recognise) -> None:
    shouted = _ents(pipeline, recognise, "THIS IS NOT A DRILL, the sign read.")
    _absent(shouted, "IS")
    normal = _ents(pipeline, recognise, "Fighters loyal to IS attacked the village.")
    assert _find(normal, "IS").code == "ISIL"


def test_typographic_apostrophe_form_matches(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "Da\u2019esh claimed the attack.")
    assert _find(ents, "Da\u2019esh").code == "ISIL"


def test_known_city_after_a_locative_word_is_a_location(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "Near Kherson, two drones were downed.")
    assert _find(ents, "Kherson").type == "LOCATION"


def test_unknown_proper_name_after_a_preposition_is_not_made_a_place(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "The letter came from Zorvakian headquarters.")
    assert not [e for e in ents if e.type == "LOCATION"]


def test_definite_institution_noun_is_an_organisation(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "The junta rejected the plan, and the international community protested.")
    assert _find(ents, "junta").type == "ORG"
    assert _find(ents, "international community").type == "ORG"


def test_indefinite_institution_noun_is_not(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "She wants a government that listens.")
    _absent(ents, "government")


def test_plural_group_of_people_is_an_organisation_mention(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "Shelling killed nine civilians in the square.")
    org = _find(ents, "civilians")
    assert (org.type, org.code) == ("ORG", None)


def test_capitalised_weapon_noun_inside_an_organisation_name_is_not_a_weapon(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "He served with the Explosive Ordnance Disposal Group in Norfolk.")
    assert not [e for e in ents if e.type == "WEAPON"]


def test_counter_prefix_rules_out_a_weapon(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "The troops received counter-IED training; an IED exploded later.")
    assert [e.text for e in ents if e.type == "WEAPON"] == ["IED"]
    assert [e for e in ents if e.type == "WEAPON"][0].start > 40


def test_big_city_tagged_as_a_person_is_a_place_unless_it_is_a_name_part(pipeline, recognise) -> None:
    from sitrep.entities import Recognise

    doc = pipeline.nlp("Troops tried to encircle Benghazi.")
    assert recognise._city_named(doc, 4, 5, "PERSON", set())
    assert not recognise._city_named(doc, 4, 5, "PERSON", {"Benghazi"})
    assert isinstance(recognise, Recognise)


def test_leader_regime_is_one_organisation(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "Observers blamed the Lukashenko regime for the crackdown.")
    orgs = [e for e in ents if e.type == "ORG" and e.text.endswith("regime")]
    assert orgs and "Lukashenko" in orgs[0].text


def test_definite_place_noun_is_a_location_of_the_noun_alone(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "Shells hit the besieged town overnight and damaged their homes.")
    town = _find(ents, "town")
    assert (town.type, town.code) == ("LOCATION", None)
    assert _find(ents, "homes").type == "LOCATION"


def test_place_noun_that_is_also_a_city_name_is_left_alone(pipeline, recognise) -> None:
    # "airport" is a town's name in geo's city index: geo would put it there
    ents = _ents(pipeline, recognise, "A drone struck the airport at dawn.")
    _absent(ents, "airport")


def test_nationality_before_a_place_noun_is_one_place(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "Refugees gathered near the Polish border.")
    loc = _find(ents, "Polish border")
    assert (loc.type, loc.code) == ("LOCATION", None)
    _absent(ents, "Polish")


def test_counter_group_coalition_is_the_coalition_not_the_group(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "Members of the counter-ISIS coalition met in Rome.")
    coalition = _find(ents, "counter-ISIS coalition")
    assert (coalition.type, coalition.code) == ("ORG", None)
    _absent(ents, "ISIS")


def test_organisation_with_a_group_noun_is_one_mention(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "Jets struck ISIL fighters near the dam and hit the Hamas terrorist group.")
    isil = _find(ents, "ISIL fighters")
    assert isil.type == "ORG" and isil.code == "ISIL"
    _absent(ents, "fighters")
    assert _find(ents, "Hamas terrorist group").type == "ORG"


def test_held_place_is_one_location(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "Artillery shelled an ISIL-held warehouse as well as three Houthi-controlled villages.")
    assert _find(ents, "ISIL-held warehouse").type == "LOCATION"
    assert _find(ents, "Houthi-controlled villages").type == "LOCATION"
    _absent(ents, "ISIL")


def test_more_groups_of_people_are_org_mentions(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "Teachers and doctors fled the town as kidnappers seized two engineers.")
    for word in ("Teachers", "doctors", "kidnappers", "engineers"):
        assert _find(ents, word).type == "ORG"


def test_a_nationality_the_ner_found_leads_a_group(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "Kurdish fighters and Sunni tribesmen retook the village from the militants.")
    assert _find(ents, "Kurdish fighters").type == "ORG"
    _absent(ents, "Kurdish")


def test_indefinite_place_nouns_as_objects_are_places(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "One strike destroyed a fighting position and hit a weapons depot near a checkpoint.")
    assert _find(ents, "fighting position").type == "LOCATION"
    assert _find(ents, "checkpoint").type == "LOCATION"
    # a place noun as a subject without a determiner stays out: "a" + subject is not a place mention
    ents = _ents(pipeline, recognise, "A hospital spokesman said two nurses were hurt.")
    _absent(ents, "hospital")


@pytest.mark.parametrize("text, mention, code", [
    ("Norway took delivery of eight Leopard 2A7 tanks last spring.", "Leopard 2A7 tanks", "Leopard 2"),
    ("Two Tu-22M3 bombers flew over the Barents Sea.", "Tu-22M3 bombers", "Tu-22M3"),
    ("The wing added a KC-135R Stratotanker to its fleet.", "KC-135R Stratotanker", "KC-135 Stratotanker"),
])
def test_named_system_with_its_noun_is_one_mention(pipeline, recognise, text, mention, code) -> None:
    ents = _ents(pipeline, recognise, text)
    ent = _find(ents, mention)
    assert (ent.code, ent.source) == (code, "gazetteer")
    assert len([e for e in ents if e.type in ("WEAPON", "MILITARY_PLATFORM")]) == 1


def _ents_tagged(pipeline, recognise, text: str, tagged: list[tuple[str, str]]):
    """Like _ents, with the NER spans set by hand (words, label), to test how tagger
    output of a given shape is read."""
    from spacy.tokens import Span

    article = Article(id="t", text=text)
    doc = pipeline.nlp(text)
    spans = []
    for words, label in tagged:
        start = text.index(words)
        spans.append(doc.char_span(start, start + len(words), label=label))
    doc.ents = [Span(doc, s.start, s.end, label=s.label_) for s in spans]
    article.doc = doc
    recognise(article)
    return article.entities


def test_lower_case_norp_is_no_nationality(pipeline, recognise) -> None:
    ents = _ents_tagged(pipeline, recognise, "The separatist cell was broken up; non-Kurds left.",
                        [("separatist", "NORP"), ("non-Kurds", "NORP")])
    _absent(ents, "separatist")
    assert _find(ents, "non-Kurds").type == "NATIONALITY"


def test_norp_opening_with_a_name_particle_is_a_person(pipeline, recognise) -> None:
    ents = _ents_tagged(pipeline, recognise, "Officials named Abu Tariq the new treasurer.",
                        [("Abu Tariq", "NORP")])
    assert _find(ents, "Abu Tariq").type == "PERSON"


@pytest.mark.parametrize("text, mention, code, gone", [
    ("Talks between the Libyan parties resumed in Tunis.", "Libyan parties", "LBY", "Libyan"),
    ("Two Peruvian archaeologists found the tomb.", "Peruvian archaeologists", "PER", "Peruvian"),
    ("Critics accused the Chadian state of neglect.", "Chadian state", "TCD", "Chadian"),
])
def test_nationality_with_more_group_nouns_is_one_organisation(pipeline, recognise, text, mention, code, gone) -> None:
    ents = _ents(pipeline, recognise, text)
    org = _find(ents, mention)
    assert (org.type, org.code) == ("ORG", code)
    _absent(ents, gone)


def test_region_demonym_before_a_place_noun_is_a_place(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "Smugglers moved the cargo across Balkan borders at night.")
    assert _find(ents, "Balkan borders").type == "LOCATION"
    _absent(ents, "Balkan")


def test_ner_plural_people_singled_out_are_a_group(pipeline, recognise) -> None:
    ents = _ents_tagged(pipeline, recognise, "The militia recruited local Kurds near the river.", [("Kurds", "NORP")])
    assert _find(ents, "Kurds").type == "ORG"
    ents = _ents_tagged(pipeline, recognise, "The book describes the beliefs of the Kurds.", [("Kurds", "NORP")])
    assert _find(ents, "Kurds").type == "NATIONALITY"


@pytest.mark.parametrize("text, word", [
    ("The leaked memo was the smoking gun the inquiry needed.", "gun"),
    ("Two passenger jets were diverted to Lyon after the storm.", "jets"),
    ("High rents are closing bricks-and-mortar shops across the region.", "mortar"),
    ("There is no silver bullet for the housing shortage, the mayor said.", "bullet"),
    ("The minister's reform is a ticking time bomb for pensions.", "bomb"),
    ("The small party stayed under the radar until the spring vote.", "radar"),
    ("The port is building two tank farms for crude oil.", "tank"),
])
def test_generic_weapon_noun_in_a_non_weapon_phrase_is_no_mention(pipeline, recognise, text, word) -> None:
    ents = _ents(pipeline, recognise, text)
    assert not [e for e in ents if e.type in ("WEAPON", "MILITARY_PLATFORM")], ents


def test_generic_weapon_word_read_as_a_verb_is_no_mention(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "Hardliners threatened to torpedo the budget agreement.")
    assert not [e for e in ents if e.type in ("WEAPON", "MILITARY_PLATFORM")], ents
    ents = _ents(pipeline, recognise, "A submarine fired a torpedo at the tanker.")
    assert _find(ents, "torpedo").type == "WEAPON"


@pytest.mark.parametrize("text", [
    "Three workers were hurt when a tank at the brewery burst on Friday.",
    "The council hired a drone for mapping the flooded farmland.",
    "The airline said the aircraft landed safely with 140 passengers.",
    "Police said the bomber blew himself up at the gate of the stadium.",
    "Gunners opened anti-aircraft fire over the harbour.",
])
def test_platform_noun_in_another_sense_is_no_mention(pipeline, recognise, text) -> None:
    ents = _ents(pipeline, recognise, text)
    assert not [e for e in ents if e.type == "MILITARY_PLATFORM"], ents


@pytest.mark.parametrize("text, noun", [
    ("Rebels fired on a tank near the storage depot.", "tank"),
    ("Two bombers flew over the base, and a pilot was identified.", "bombers"),
    ("A drone used by the army for mapping crashed.", "drone"),
])
def test_platform_noun_with_military_cues_stays(pipeline, recognise, text, noun) -> None:
    assert _find(_ents(pipeline, recognise, text), noun).type == "MILITARY_PLATFORM"


def test_ner_norp_before_a_geographic_noun_is_a_place(pipeline, recognise) -> None:
    ents = _ents_tagged(pipeline, recognise, "Troops moved into Kalvar province last week.", [("Kalvar", "NORP")])
    assert _find(ents, "Kalvar province").type == "LOCATION"
    _absent(ents, "Kalvar")


@pytest.mark.parametrize("text, mention, gone", [
    ("Smugglers crossed on the Georgian side of the river.", "Georgian side", "Georgian"),
    ("Rebels still hold the Western part of the valley.", "Western part", "Western"),
])
def test_nationality_before_a_part_of_a_place_is_a_place(pipeline, recognise, text, mention, gone) -> None:
    ents = _ents(pipeline, recognise, text)
    assert _find(ents, mention).type == "LOCATION"
    _absent(ents, gone)


def test_kalashnikov_rifles_are_the_system(pipeline, recognise) -> None:
    ent = _find(_ents(pipeline, recognise, "Customs officers seized 30 Kalashnikov rifles at the port."),
                "Kalashnikov rifles")
    assert (ent.type, ent.code) == ("WEAPON", "AK-47")


def test_a_title_case_headline_clause_is_no_organisation(pipeline, recognise):
    # the small model tags "Create Joint Rocket Brigade" as an organisation: it is the verb's clause
    text = ("Poland and Lithuania to Create Joint Rocket Brigade as Military Integration Advances\n\n"
            "Warsaw said on Monday that the new brigade would be ready next year.")
    ents = _ents(pipeline, recognise, text)
    assert not [e.text for e in ents if "Create" in e.text], [(e.type, e.text) for e in ents]
    assert {"Poland", "Lithuania"} <= {e.text for e in ents}


@pytest.mark.parametrize("text, word", [
    ("The weapons inspectors left the country on Tuesday.", "weapons"),
    ("Students marched against gun violence in the capital.", "gun"),
    ("Both sides signed a missile treaty in Geneva last year.", "missile"),
    ("The chemical weapons report will be published next month.", "chemical weapons"),
    ("Both brothers now face weapons charges in the federal court.", "weapons"),
    ("Two gun dealers lost their licences after the audit.", "gun"),
    ("The regime is close to mastering missile technology, analysts say.", "missile"),
    ("The navy wants to improve its drone capabilities by 2030.", "drone"),
    ("Local gun owners packed the town hall meeting.", "gun"),
    ("The sanctions target the country's nuclear weapons development.", "nuclear weapons"),
])
def test_generic_weapon_noun_as_the_topic_of_another_noun_is_no_mention(pipeline, recognise, text, word) -> None:
    _absent(_ents(pipeline, recognise, text), word)


@pytest.mark.parametrize("text, words", [
    ("She was charged with breaking firearms and explosives restrictions.", ("firearms", "explosives")),
    ("The envoy discussed the nuclear weapons and ballistic missile programmes.", ("nuclear weapons", "ballistic missile")),
])
def test_generic_weapon_nouns_sharing_a_topic_noun_are_no_mentions(pipeline, recognise, text, words) -> None:
    ents = _ents(pipeline, recognise, text)
    for word in words:
        _absent(ents, word)


def test_generic_weapon_noun_before_an_ordinary_noun_stays(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "Rebels fired mortar rounds and rockets at the weapons depot.")
    assert _find(ents, "rockets").type == "WEAPON"
    ents = _ents(pipeline, recognise, "The inspectors counted the weapons and the rifles.")
    assert _find(ents, "weapons").type == "WEAPON"


def test_role_list_in_a_civilian_sentence_is_no_platform(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "The airline grounded its passenger and cargo planes after the storm.")
    assert not [e for e in ents if e.type == "MILITARY_PLATFORM"], ents


def test_designation_before_million_is_money(pipeline, recognise) -> None:
    _absent(_ents(pipeline, recognise, "The clinic upgrade is only worth P15 million, the mayor said."), "P15")
    ents = _ents(pipeline, recognise, "The destroyer fired a P-15 missile at the island.")
    assert [e for e in ents if e.type == "WEAPON" and e.text.startswith("P-15")], ents


def test_a_people_of_origin_hyphened_to_a_nationality_names_that_nationality(pipeline, recognise):
    ents = _ents(pipeline, recognise, "An Iranian-American pastor and a Chinese-Canadian scientist were detained.")
    nats = [(e.text, e.code) for e in ents if e.type == "NATIONALITY"]
    assert nats == [("American", "USA"), ("Canadian", "CAN")]
    apart = _ents(pipeline, recognise, "Iranian and American diplomats met in Oman.")
    assert ("Iranian", "IRN") in [(e.text, e.code) for e in apart]


def test_any_name_after_the_village_of_is_a_place(pipeline, recognise) -> None:
    # the tagger reads the unknown village as a person; "the village of" says otherwise,
    # and the place noun is no mention of its own beside the name
    ents = _ents(pipeline, recognise, "Gunmen burned crops in the village of Kafr Hamra on Sunday.")
    assert _find(ents, "Kafr Hamra").type == "LOCATION"
    _absent(ents, "village")


def test_a_name_read_as_a_place_once_is_a_place_throughout(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "Troops retook Tal Rifaat on Monday. Officials in Tal Rifaat said the market reopened.")
    assert [e.type for e in ents if e.text == "Tal Rifaat"] == ["LOCATION", "LOCATION"]
    ents = _ents(pipeline, recognise, "Drones struck the town of Deir Hafer, and Deir Hafer's mayor asked for help.")
    assert [e.type for e in ents if e.text == "Deir Hafer"] == ["LOCATION", "LOCATION"]


def test_names_listed_after_the_towns_of_are_places(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "Shells fell on the towns of Kafr Hamra and Ras Ghamra overnight.")
    assert _find(ents, "Kafr Hamra").type == "LOCATION"
    assert _find(ents, "Ras Ghamra").type == "LOCATION"
    _absent(ents, "towns")
    ents = _ents(pipeline, recognise, "John Smith and Mary Jones visited the town of Leeds.")
    assert _find(ents, "Mary Jones").type == "PERSON"


def test_a_law_or_a_pact_named_in_capitals_is_no_organisation_or_place(pipeline, recognise) -> None:
    ents = _ents(pipeline, recognise, "Aid groups urged every party to respect the Cessation of Hostilities.")
    assert not [e for e in ents if "Hostilities" in e.text], [(e.text, e.type) for e in ents]
