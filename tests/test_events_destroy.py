"""Destruction: by a weapon it is an attack; property wrecked by people is coercion; a
natural disaster is no event of either kind. Sentences are our own."""

from __future__ import annotations

from helpers import coded


def test_destroyed_by_a_weapon_is_an_assault():
    assert ("ASSAULT", "lexicon:assault-destroy") in coded(
        "A truck bomb destroyed the police headquarters in Quetta, killing nine officers.")
    assert ("ASSAULT", "lexicon:assault-destroy") in coded("Missiles destroyed the bridge over the river.")


def test_homes_destroyed_by_militants_stay_property_destruction():
    assert coded("Militants destroyed dozens of homes in the village.") == [
        ("COERCE", "lexicon:coerce-destroy-property")]


def test_a_bomb_destroyed_by_troops_is_no_attack():
    assert "ASSAULT" not in {t for t, _ in coded("Troops destroyed a bomb found near the school.")}
