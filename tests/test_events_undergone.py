"""Criticism one meets ("faced criticism", "drew condemnation", "came under fire for"), pledges
to stop or punish another party, and descriptions given after the object ("called the raid
reckless"). Each case has a twin that must stay as it was. Sentences are our own."""

from __future__ import annotations

import pytest

import sitrep
from helpers import coded, event_types as types


def _accusations(text: str) -> list[tuple[set[str], set[str], str]]:
    doc = sitrep.code(text, date="2025-03-04")
    return [({a.code for a in ev.actor if a.code}, {r.code for r in ev.recipient if r.code}, ev.evidence.rule)
            for ev in doc.events if ev.type == "ACCUSE"]


def test_criticism_faced_falls_on_the_subject_and_comes_from_the_from_phrase() -> None:
    text = "Hungary faced sharp criticism from Poland over its veto of the aid package."
    found = _accusations(text)
    assert any(actor == {"POL"} and recipient == {"HUN"} for actor, recipient, _ in found), found


def test_condemnation_drawn_by_a_test_is_an_accusation_beside_the_test() -> None:
    text = "Pakistan tested another cruise missile on Sunday, drawing international condemnation."
    assert {"MOBILIZE", "ACCUSE"} <= types(text), coded(text)
    assert any("PAK" in recipient for _, recipient, _ in _accusations(text)), _accusations(text)


def test_coming_under_fire_for_a_policy_is_criticism() -> None:
    text = "The Kenyan interior ministry came under fire over the crowding in the refugee camps."
    assert any(rule.startswith("lexicon:accuse-under-fire") for _, _, rule in _accusations(text)), coded(text)


def test_coming_under_fire_from_gunmen_is_shooting_not_criticism() -> None:
    text = "A Malian army convoy came under fire from gunmen near the Niger border."
    assert not _accusations(text), coded(text)


@pytest.mark.parametrize("text", [
    "Ankara has vowed not to let the militia hold any territory along its southern border.",
    "The junta promised to deal harshly with anyone who breaks the curfew in the capital.",
])
def test_a_pledge_to_stop_or_punish_another_party_is_a_threat(text: str) -> None:
    assert "THREATEN" in types(text) and "AGREE" not in types(text), coded(text)


def test_a_pledge_of_ones_own_restraint_stays_a_promise() -> None:
    text = "The finance minister promised not to raise fuel taxes before the election."
    assert "AGREE" in types(text) and "THREATEN" not in types(text), coded(text)


def test_a_description_after_the_object_is_what_the_act_is_called() -> None:
    text = "The Dutch defence minister called the drone raid unacceptable and reckless."
    assert any(rule.startswith("lexicon:accuse-call-wrong") for _, _, rule in _accusations(text)), coded(text)
