"""Dates read with the governing verb's tense (`sitrep.dates.resolve_in_context`): weekdays
forwards for plans, backwards for what happened; a year named alone at year precision.
Every sentence here is written for the test."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.dates import (
    VerbForm,
    resolve,
    resolve_in_context,
    resolve_weekday,
    resolve_year,
    verb_time,
    verb_time_of,
)

WED = date(2024, 3, 6)  # a Wednesday
MON_BEFORE, MON_AFTER = date(2024, 3, 4), date(2024, 3, 11)


# ---------------------------------------------------------------- verb_time, by hand
@pytest.mark.parametrize("verb, governors, expected", [
    (VerbForm("meet", "VB", ("will",)), (), "future"),
    (VerbForm("meet", "VB", ("'ll",)), (), "future"),
    (VerbForm("visit", "VB", ("would",)), (), "future"),
    (VerbForm("meet", "VBN", ("would", "have")), (), "past"),
    (VerbForm("meet", "VB", ("to",)), (VerbForm("due", "JJ", ("is",)),), "future"),
    (VerbForm("meet", "VB", ("to",)), (VerbForm("plan", "VBZ", ()),), "future"),
    (VerbForm("meet", "VB", ("to",)), (VerbForm("expect", "VBN", ("is",)),), "future"),
    (VerbForm("meet", "VB", ("to",)), (VerbForm("go", "VBG", ("is",)),), "future"),
    (VerbForm("take", "VB", ("to",)), (VerbForm("due", "JJ", ("was",)),), "past"),
    (VerbForm("meet", "VB", ("to",)), (VerbForm("expect", "VBN", ("was",)),), "past"),
    (VerbForm("meet", "VB", ("to",)), (VerbForm("try", "VB", ("would",)),), "future"),
    (VerbForm("meet", "VB", ("to",)), (VerbForm("refuse", "VBD", ()),), "past"),
    (VerbForm("meet", "VBD", ()), (), "past"),
    (VerbForm("meet", "VBN", ("has",)), (), "past"),
    (VerbForm("attack", "VBN", ("was",)), (), "past"),
    (VerbForm("meet", "VBG", ("was",)), (), "past"),
    (VerbForm("meet", "VBG", ("is",)), (), "future"),  # an arrangement
    (VerbForm("shell", "VBG", ("is",)), (), "present"),  # going on now
    (VerbForm("meet", "VBZ", ()), (), "present"),
    (VerbForm("meeting", "NN", ()), (), "unknown"),
])
def test_verb_time(verb, governors, expected):
    assert verb_time(verb, governors) == expected


# ---------------------------------------------------------------- weekdays
@pytest.mark.parametrize("expression, tense, expected", [
    ("Monday", "future", MON_AFTER),
    ("on Monday", "future", MON_AFTER),
    ("Monday", "past", MON_BEFORE),
    ("Monday", "present", MON_BEFORE),
    ("Monday", "unknown", MON_BEFORE),
    ("Wednesday", "future", WED),  # the article's own day, named by its weekday
    ("Wednesday", "past", WED),
    ("next Monday", "past", MON_AFTER),
    ("next Wednesday", "future", date(2024, 3, 13)),
    ("last Wednesday", "future", date(2024, 2, 28)),
    ("last Monday", "future", MON_BEFORE),
    ("Sunday", "future", date(2024, 3, 10)),
    ("Thursday", "past", date(2024, 2, 29)),
    ("Monday night", "future", MON_AFTER),
])
def test_weekday_direction_follows_the_tense(expression, tense, expected):
    assert resolve_weekday(expression, WED, tense) == (expected, "day")


def test_a_weekday_with_a_calendar_date_is_left_to_resolve():
    assert resolve_weekday("Monday, March 4", WED, "future") is None
    assert resolve_in_context("Monday, March 4", WED, "future") == (MON_BEFORE, "day")
    assert resolve_weekday("the weekend", WED, "future") is None


def test_future_weekday_stays_within_six_days():
    for k, name in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]):
        got, _ = resolve_weekday(name, WED, "future")
        assert 0 <= (got - WED).days <= 6, name
        got, _ = resolve_weekday(name, WED, "past")
        assert 0 <= (WED - got).days <= 6, name
        assert got.weekday() == k


# ---------------------------------------------------------------- years
@pytest.mark.parametrize("expression, year", [
    ("2021", 2021), ("in 2021", 2021), ("In 2019", 2019), ("early 2019", 2019), ("mid-2022", 2022),
    ("the summer of 2021", 2021), ("late 2008", 2008), ("back in 2014", 2014),
])
def test_a_year_alone_is_that_year(expression, year):
    assert resolve_year(expression) == (date(year, 1, 1), "year")


@pytest.mark.parametrize("expression", [
    "since 2014", "by 2030", "2014-2016", "between 2019 and 2021", "the 1990s", "2,000", "3021", "until 2025",
])
def test_bounds_and_non_years_are_not_dates(expression):
    assert resolve_year(expression) is None


def test_resolve_in_context_keeps_what_resolve_does():
    for expr in ("yesterday", "28 November 2023", "last month", "three days ago", "May 2021"):
        assert resolve_in_context(expr, WED, "future") == resolve(expr, WED)
    assert resolve("in 2021", date(2024, 5, 1)) is None  # the old reading: fell to the article day
    assert resolve_in_context("in 2021", date(2024, 5, 1)) == (date(2021, 1, 1), "year")
    assert resolve_in_context("Monday", None, "future") is None


# ---------------------------------------------------------------- read off the parse
def _tense(nlp, sentence: str, word: str) -> str:
    doc = nlp(sentence)
    tok = next(t for t in doc if t.text == word)
    return verb_time_of(tok)


@pytest.mark.parametrize("sentence, tense", [
    ("The two ministers will meet in Ankara on Monday.", "future"),
    ("The defence minister is due to visit the front on Monday.", "future"),
    ("The president plans to sign the decree on Monday.", "future"),
    ("Officials said the leaders would meet on Monday.", "future"),
    ("The delegation is expected to arrive in Kyiv on Monday.", "future"),
    ("The two ministers met in Ankara on Monday.", "past"),
    ("Rebels attacked a convoy near Goma on Monday.", "past"),
    ("A convoy was attacked near Goma on Monday.", "past"),
    ("The chancellor is travelling to Warsaw on Monday.", "future"),
])
def test_tense_of_the_verb_governing_the_date(pipeline, sentence, tense):
    assert _tense(pipeline.nlp, sentence, "Monday") == tense


def test_in_2021_moscow_offered(pipeline):
    doc = pipeline.nlp("In 2021, Moscow offered Kyiv a ceasefire, the minister recalled on Tuesday.")
    years = [e for e in doc.ents if e.label_ == "DATE" and "2021" in e.text]
    assert years, [(e.text, e.label_) for e in doc.ents]
    got = resolve_in_context(years[0].text, date(2024, 5, 8), verb_time_of(years[0].root))
    assert got == (date(2021, 1, 1), "year")
