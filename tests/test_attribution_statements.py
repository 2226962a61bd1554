"""Reported claims must state something, and titles standing for a person resolve to that
person (as a coref mention and as a quote's speaker). Sentences are written for these tests."""

from __future__ import annotations

import pytest

from sitrep.attribution.titles import roles_of
from sitrep.model import Article


def _code(pipeline, text: str, date: str | None = "2022-01-10") -> Article:
    return pipeline(Article(id="t", text=text, date=date))


@pytest.mark.parametrize("text", [
    "The harbour authority did not respond to a request for comment on Friday.",
    "A spokeswoman for the shipyard declined to comment.",
    "A spokesman for the regiment declined to comment on the convoy.",
    "Officials at the depot did not return calls seeking comment.",
    "The logistics firm could not be reached for comment.",
    "The agency sought comment from the border guards.",
])
def test_no_comment_is_no_claim_when_checked(pipeline, monkeypatch, text: str) -> None:
    # off by default (PolNeAR annotates 'declined to comment' as an attribution): switch it on
    stage = next(st.run for st in pipeline.stages if st.name == "attribution")
    monkeypatch.setattr(stage, "statement_checks", stage.statement_checks | {"no-comment"})
    assert _code(pipeline, text).quotes == []


def test_posting_a_message_is_no_claim(pipeline) -> None:
    a = _code(pipeline, "The regional governor posted a long message on Telegram late on Sunday.")
    assert a.quotes == []


def test_said_of_a_topic_is_no_claim_but_the_quote_stays(pipeline) -> None:
    a = _code(pipeline, '"It was a cowardly act," the governor said of the shelling.')
    assert [q.content.rstrip(",") for q in a.quotes] == ["It was a cowardly act"]


def test_a_clause_after_said_of_stays(pipeline) -> None:
    a = _code(pipeline, "The governor said of the shelling that it had hit two schools.")
    assert len(a.quotes) == 1 and "hit two schools" in a.quotes[0].content


def test_stance_claims_keep_their_object(pipeline) -> None:
    a = _code(pipeline, "The coastal states condemned the missile launch.")
    assert [q.content for q in a.quotes] == ["the missile launch"]


def test_title_roles() -> None:
    assert "head_of_state" in roles_of("the head of state")
    assert roles_of("the foreign minister") == {"foreign_minister"}
    assert "defence_minister" in roles_of("the minister")
    assert roles_of("the harbour master") == frozenset()


def test_head_of_state_is_the_president_named_before(pipeline) -> None:
    a = _code(pipeline, "Alexander Lukashenko inspected a garrison near Brest on Tuesday. "
                        "The head of state said the border would stay closed.")
    (q,) = a.quotes
    assert q.speaker == "Alexander Lukashenko" and q.speaker_type == "named_person"
    ref = [(e.text, e.refers_to) for e in a.entities if e.source == "coref" and "head" in e.text]
    assert ref == [("The head of state", "Alexander Lukashenko")]


def test_the_minister_is_the_last_person_titled_minister(pipeline) -> None:
    a = _code(pipeline, "Defence Minister Viktor Khrenin toured the range. Lukashenko spoke to reporters. "
                        "The minister said the drills would end on Sunday.")
    (q,) = a.quotes
    assert q.speaker == "Viktor Khrenin"
    ref = [e.refers_to for e in a.entities if e.source == "coref" and e.text == "The minister"]
    assert ref == ["Viktor Khrenin"]


def test_a_title_with_a_country_falls_back_to_that_country(pipeline) -> None:
    a = _code(pipeline, "Sergei Lavrov met Antony Blinken in Geneva. "
                        "The Russian foreign minister said the talks had failed.")
    (q,) = a.quotes
    assert q.speaker == "Sergei Lavrov"


def test_the_title_written_with_a_name_wins(pipeline) -> None:
    a = _code(pipeline, "Sergei Lavrov, the foreign minister, met Antony Blinken in Geneva. "
                        "The foreign minister said the talks had failed.")
    (q,) = a.quotes
    assert q.speaker == "Sergei Lavrov"
    refs = [e.refers_to for e in a.entities if e.source == "coref" and e.text.lower() == "the foreign minister"]
    assert refs == ["Sergei Lavrov", "Sergei Lavrov"]


def test_a_title_matching_no_one_stays_unresolved(pipeline) -> None:
    a = _code(pipeline, "Lukashenko spoke to reporters. The defence minister said the drills would end soon.")
    ref = [e.refers_to for e in a.entities if e.source == "coref" and "minister" in e.text]
    assert ref == [None]
