"""A launch or test named again as the subject of a later sentence ("The launch set off
sirens ...") is that act restated: coded again, with the doer of the launch the article reported.
A launch that is only referred to ("after the launch"), one with nothing earlier to restate, and
launches of other things are not; a launch at an hour of the day strikes nothing, and a reaction to
"the launch" answers the launch, not an act reported since. Articles are our own."""

from __future__ import annotations

import sitrep
from helpers import coded, event_types as types

REPORT = (
    "Iran test-fired a ballistic missile from a desert range on Sunday, state television said.\n\n"
    "{sentence}"
)


def _mobilize(text: str) -> list[tuple[str, list[str | None]]]:
    return [(e.evidence.trigger, [a.code for a in e.actor]) for e in sitrep.code(text, date="2025-03-04").events
            if e.type == "MOBILIZE"]


def test_a_launch_named_again_as_subject_is_the_reported_launch_restated() -> None:
    text = REPORT.format(sentence="Sunday's launch came two days after the navy drills in the Gulf ended.")
    got = _mobilize(text)
    assert ("launch", ["IRN"]) in got, got


def test_a_test_named_again_takes_the_doer_of_the_earlier_launch() -> None:
    text = REPORT.format(sentence="The test was watched by senior commanders of the Revolutionary Guards.")
    got = _mobilize(text)
    assert ("test", ["IRN"]) in got, got


def test_a_launch_only_referred_to_is_not_restated() -> None:
    text = REPORT.format(sentence="Oil prices rose slightly after the launch.")
    got = _mobilize(text)
    assert all(t != "launch" for t, _ in got), got


def test_a_launch_with_nothing_earlier_to_restate_is_no_event() -> None:
    text = "The test took place at a school in Leeds on Monday, the council said."
    assert _mobilize(text) == [], _mobilize(text)


def test_the_launch_of_a_campaign_is_no_restated_launch() -> None:
    text = REPORT.format(sentence="The launch of the ruling party's election campaign was delayed by a week.")
    got = _mobilize(text)
    assert all(t != "launch" for t, _ in got), got


def test_a_launch_at_an_hour_of_the_day_is_no_strike_at_a_target() -> None:
    text = "Iran launched a ballistic missile over the Gulf at around 5am local time on Monday."
    assert "MOBILIZE" in types(text) and "ASSAULT" not in types(text), coded(text)


def test_a_launch_at_a_place_at_dawn_is_still_a_strike() -> None:
    text = "Militants fired rockets at Sderot at dawn on Monday."
    assert "ASSAULT" in types(text), coded(text)


def test_a_reaction_to_a_launch_answers_the_launch_not_a_drill_reported_since() -> None:
    text = ("Pakistan launched a cruise missile over the Arabian Sea early on Tuesday. "
            "Indian jets dropped bombs on a firing range near the border in response. "
            "The Afghan president branded the launch a grave threat.")
    doc = sitrep.code(text, date="2025-03-04")
    accused = [{r.code for r in ev.recipient} for ev in doc.events if ev.type == "ACCUSE"]
    assert accused and all(r == {"PAK"} for r in accused), [(e.type, e.evidence.rule) for e in doc.events]
