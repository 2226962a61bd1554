"""Title Case headlines put into sentence case for the parser (headlines written for these tests)."""

from __future__ import annotations

import pytest

from sitrep.headlines import Names, is_title_case, recase, sentence_case


@pytest.fixture(scope="module")
def names():
    return Names(["North Korea", "Boko Haram", "Security Council", "Russia", "Kyiv", "Xi"], lambda w: w == "Odesa")


@pytest.mark.parametrize("line, expected", [
    ("Russia Strikes Kyiv With New Missiles", "Russia strikes Kyiv with new missiles"),
    ("Security Council Condemns North Korea Launch", "Security Council condemns North Korea launch"),
    ("Putin And Xi Meet Again In Odesa", "Putin and Xi meet again in Odesa"),  # "Putin": rare in lower case
])
def test_a_title_case_headline_is_lowered_except_names(names, line, expected):
    assert recase(line, names) == expected
    assert len(recase(line, names)) == len(line)


@pytest.mark.parametrize("line, title", [
    ("Russia Strikes Kyiv With New Missiles", True),
    ("Russia struck Kyiv with new missiles on Monday.", False),  # a sentence
    ("Russia strikes Kyiv", False),  # sentence case already
    ("NATO", False),
    ("Boko Haram Frees 21 Girls", True),
])
def test_title_case_is_recognised(line, title):
    assert is_title_case(line) is title


def test_only_title_case_lines_change_and_offsets_hold(names):
    text = "Russia Strikes Kyiv With New Missiles\nThe Strikes began, officials said.\n"
    out = sentence_case(text, names)
    assert out.splitlines()[1] == "The Strikes began, officials said."  # a sentence keeps its case
    assert out.splitlines()[0] == "Russia strikes Kyiv with new missiles"
    assert len(out) == len(text)


@pytest.mark.slow
def test_a_title_case_headline_gets_its_event(pipeline):
    from sitrep.model import Article

    art = pipeline(Article(id="h", text="Georgia Arrests Opposition Leader In Tbilisi\n"
                           "Police detained him at his home, officials said.", date="2026-11-20"))
    title = [e for e in art.events if e.evidence.start == 0]
    assert [e.type for e in title] == ["COERCE"]
    assert title[0].evidence.sentence.startswith("Georgia Arrests")  # the words as written
