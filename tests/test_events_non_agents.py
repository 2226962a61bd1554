"""Natural forces and accidents are no actors; "opened fire" is an attack whatever it was
opened on; a place after "to" is a destination, not what was seized; an animal that kills is no
attacker. Sentences are our own."""

from __future__ import annotations

import pytest

from helpers import coded, event_types as types


@pytest.mark.parametrize(
    "text",
    [
        "A powerful earthquake destroyed hundreds of homes in the mountain villages.",
        "Floods damaged roads and bridges across the province.",
        "Dozens of houses were destroyed by a landslide near the town.",
        "A fire destroyed the market in Kano overnight.",
        "A storm killed nine people in the coastal district on Friday.",
        "Four soldiers were killed in a helicopter crash on Monday.",
        "The hurricane wrecked fishing boats along the bay.",
    ],
)
def test_a_natural_force_or_accident_is_no_event(text: str) -> None:
    assert not types(text) & {"COERCE", "ASSAULT"}, coded(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # fire from weapons or from a party is an actor's
        ("Sniper fire killed a medic near the checkpoint.", "ASSAULT"),
        ("Artillery fire destroyed the school in the eastern suburb.", "ASSAULT"),
        ("Israeli fire killed two fishermen off the coast.", "ASSAULT"),
        # people who destroy property are actors
        ("Rebels burned down homes in the village.", "COERCE"),
    ],
)
def test_weapons_and_people_stay_actors(text: str, kind: str) -> None:
    assert kind in types(text), coded(text)


def test_a_figure_of_speech_is_no_natural_force() -> None:
    # "a storm of X" is not weather: the protesters are the actors
    assert "ASSAULT" in types("A storm of stones thrown by the crowd wounded four policemen.")


@pytest.mark.parametrize(
    "text",
    [
        "Gunboats opened fire on the island's garrison.",
        "Troops massed along the frontier and opened fire on the post.",
        "Militiamen opened fire on the checkpoint at dawn.",
    ],
)
def test_opened_fire_on_a_base_is_an_attack(text: str) -> None:
    assert ("ASSAULT", "lexicon:assault-open-fire") in coded(text)
    assert "MOBILIZE" not in types(text)


@pytest.mark.parametrize(
    "text",
    [
        "Three injured miners were taken to hospital.",
        "Police took the injured to the hospital.",
        "Evacuees were taken to a shelter in the capital.",
    ],
)
def test_taken_to_a_hospital_is_no_seizure(text: str) -> None:
    assert ("COERCE", "lexicon:coerce-occupy") not in coded(text)


def test_an_aircraft_taking_off_from_a_base_takes_no_base() -> None:
    assert ("COERCE", "lexicon:coerce-occupy") not in coded("A refuelling tanker takes off from Incirlik air base near Adana at dawn.")


@pytest.mark.parametrize(
    "text",
    [
        "Troops took over the hospital in the city.",
        "Rebels seized the airport.",
        "Insurgents captured the town of Kalemie.",
    ],
)
def test_seizing_a_place_is_still_a_seizure(text: str) -> None:
    assert ("COERCE", "lexicon:coerce-occupy") in coded(text)


@pytest.mark.parametrize("text", [
    "Iranian authorities said they had seized a Liberian-flagged tanker at the port of Bandar Abbas.",
    "Navy commandos seized a Panama-flagged tanker at the port of Fujairah on Sunday.",
])
def test_a_vessel_seized_where_it_lies_is_a_seizure_not_a_place_taken(text: str) -> None:
    got = coded(text)
    assert got and all(t == "COERCE" and not r.startswith("lexicon:coerce-occupy") for t, r in got), got


@pytest.mark.parametrize("text", [
    "Wardens said a leopard killed two goatherds near the reserve on Sunday.",
    "Two fishermen were killed by a crocodile on the banks of the river.",
    "Elephant Shot Dead After Trampling Villagers",
])
def test_an_animal_that_kills_or_a_headline_animal_killed_is_no_event(text: str) -> None:
    assert "ASSAULT" not in types(text), coded(text)


def test_an_armed_group_named_after_an_animal_still_attacks() -> None:
    text = "The Tigers killed 12 soldiers in an attack on an army camp near Jaffna."
    assert "ASSAULT" in types(text), coded(text)
