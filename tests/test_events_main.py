"""One report, one main event: events in clauses that only qualify the main event
(conditions, purposes, causes, participant descriptions, participial adjuncts) are
left out when the main clause already carries an event.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import sitrep
from helpers import event_types as types


def test_condition_clause_is_not_a_second_event():
    # the attack is only a condition of the pledge
    assert types("Denmark said it would send ammunition to Estonia if Estonia is attacked.") == {"AID"}


def test_until_clause_is_not_a_second_event():
    t = types("The militia vowed to keep shelling the port until the governor resigns.")
    assert "RETREAT" not in t


def test_as_clause_is_not_a_second_event():
    t = types("The defence minister resigned on Monday as protesters threatened to storm the ministry.")
    assert "RETREAT" in t and "THREATEN" not in t


def test_purpose_clause_is_not_a_second_event():
    assert types("The navy deployed two frigates to the strait to blockade the port.") == {"MOBILIZE"}


def test_cause_is_not_a_second_event():
    assert types("Police in Riga detained a teacher for collaborating with a foreign army.") == {"COERCE"}


def test_participant_description_is_not_a_second_event():
    # the attack describes who was arrested; the arrest is the news
    assert types("Police arrested three men who attacked a patrol in Kaunas.") == {"COERCE"}


def test_participial_adjunct_is_not_a_second_event():
    t = types("Police opened fire on the marchers in Lome, arresting twenty of them.")
    assert t == {"ASSAULT"}


def test_a_subordinate_event_alone_is_kept():
    # no main event to prefer: the attack in the "as" clause is all the sentence reports
    assert types("Shops in the town stayed shut on Monday as rebels attacked the barracks.") == {"ASSAULT"}


def test_two_main_clause_events_are_both_kept():
    t = types("Troops shelled the town on Monday and police arrested five journalists in the capital.")
    assert {"ASSAULT", "COERCE"} <= t


def test_gerund_content_of_an_accusation_is_coded_as_alleged_and_is_no_aid():
    # "accused X of sending drones": the sending is what is alleged (coded so, as our real-news
    # annotation does), and drones sent into airspace are no arms given
    events = sitrep.code("Latvia accused Russia of sending drones into its airspace.", date="2025-03-04").events
    got = {(e.type, e.modality) for e in events}
    assert ("ACCUSE", "asserted") in got and any(m == "alleged" for _, m in got), got
    assert not any(t == "AID" for t, _ in got), got


def test_attributive_participle_is_not_an_event():
    t = types("The Kremlin-backed militia declared a ceasefire on Sunday.")
    assert "SUPPORT" not in t and "RETREAT" in t


def test_absolute_clause_with_its_own_subject_is_not_content():
    # "with some calling for ...": a second group's demand, not what the concern is about
    t = types("Baltic officials voiced concern over the drills, with some calling for more air defences.")
    assert "REQUEST" in t
