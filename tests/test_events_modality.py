"""How sure a report sounds: the modality of each coded event. Sentences written for these tests."""

from __future__ import annotations

import pytest

import sitrep


def _modality(text: str, type_: str) -> str:
    evs = [e for e in sitrep.code(text, date="2025-03-04").events if e.type == type_]
    assert evs, [(e.type, e.evidence.trigger) for e in sitrep.code(text, date="2025-03-04").events]
    return evs[0].modality


@pytest.mark.parametrize("text, expected", [
    ("Artillery units shelled the port of Kherson overnight.", "asserted"),
    ("Artillery units did not shell the port of Kherson.", "negated"),
    ("Artillery units could shell the port of Kherson.", "hypothetical"),
    ("Artillery units will shell the port of Kherson.", "planned"),
    # the writer keeps a distance: adverb, adjective on a noun trigger, claim verb
    ("Artillery units allegedly shelled the port of Kherson overnight.", "alleged"),
    ("Artillery units reportedly shelled the port of Kherson overnight.", "alleged"),
    ("The mayor claimed that artillery units shelled the port of Kherson.", "alleged"),
])
def test_modality_of_a_shelling(text, expected):
    assert _modality(text, "ASSAULT") == expected


def test_the_alleged_strike_is_alleged_and_a_plain_strike_asserted():
    assert _modality("The alleged strike on the depot near Sumy killed two guards.", "ASSAULT") == "alleged"
    assert _modality("The strike on the depot near Sumy killed two guards.", "ASSAULT") == "asserted"
