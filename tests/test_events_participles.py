"""A participle or adjective that describes a noun ("the seized tanker") names a
state, not a happening: it triggers no event on its own. Every sentence here is
written for these tests."""

from __future__ import annotations

from helpers import event_types as types


def test_captured_as_a_modifier_is_no_seizure():
    assert "COERCE" not in types("The museum will display the captured tank next spring.")
    # the verb still is one
    assert "COERCE" in types("The coast guard seized a fishing boat off the northern coast.")


def test_jailed_and_wounded_as_modifiers_are_no_events():
    assert types("The families of jailed reporters are waiting for news.") == set()
    assert types("Dozens of wounded soldiers remain in hospital in Dnipro.") == set()


def test_verb_misread_as_a_modifier_after_and_still_counts():
    # the parser reads "jailed" as a modifier of "critics", which it joins to "raised"
    assert "COERCE" in types("The regime raised taxes last year, and jailed critics across the capital.")
