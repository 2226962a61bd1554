"""Place names the tagger misses or mislabels, and which of several named places is the
event's. Sentences are our own, written for these tests."""

from __future__ import annotations

import pytest

from sitrep.geo import _capitalised
from sitrep.pipeline import code

pytestmark = pytest.mark.slow


def _place(text: str, trigger: str) -> str | None:
    art = code(text)
    events = [e for e in art.events if e.evidence.trigger.split()[0] == trigger]
    assert events, [(e.type, e.evidence.trigger) for e in art.events]
    loc = events[0].location
    return None if loc is None else loc.text


def test_a_name_led_by_an_arabic_article_is_capitalised():
    assert _capitalised("al-Waer") and _capitalised("el-Arish") and _capitalised("Homs")
    assert _capitalised("ash-Shaddadi") and _capitalised("ad-Dawr")
    assert not _capitalised("the region") and not _capitalised("al-")
    # prefixes of adjectives, not articles
    assert not _capitalised("pro-Kremlin") and not _capitalised("ex-Soviet") and not _capitalised("anti-Assad")


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        # a name whose own head is a place noun, though the tagger calls it a person
        ("Gunmen killed four guards at the Ostrava Museum in the Czech capital of Prague.", "killed",
         "Ostrava Museum"),
        # a name, not the description in front of it
        ("Several people were killed in clashes near the Lebanese capital Beirut on Friday.", "killed", "Beirut"),
        ("Heavy fighting broke out near the Sudanese capital Khartoum, residents said.", "fighting", "Khartoum"),
        # a known city as the passive subject of a verb of taking
        ("Ceuta was seized by Portuguese troops in 1415.", "seized", "Ceuta"),
        ("Sevastopol was captured by German troops in 1942.", "captured", "Sevastopol"),
        # a known city the tagger calls a person, struck or taken
        ("Kherson was shelled by Russian artillery on Sunday.", "shelled", "Kherson"),
        ("Russian troops shelled Kherson again overnight.", "shelled", "Kherson"),
        # a place the parse hangs on the clock time is still on the verb
        ("A roadside bomb exploded at about 7:15 a.m. (0415 GMT) near al-Rasheed Hospital in northern Basra.",
         "exploded", "al-Rasheed Hospital"),
        # a distance in apposition to the time: the place is a reference point, not a description
        ("A suicide bomber blew himself up at 9:10 a.m. (0610 GMT) 300 metres from a bakery in the provincial"
         " capital Kandahar.", "bomber", "Kandahar"),
        # a waterway no gazetteer knows, named with its own place noun, as the object
        ("Two Greek frigates patrolled the Kasos Straits overnight.", "patrolled", "Kasos Straits"),
        # destruction by a weapon is an attack, placed like one
        ("A truck bomb destroyed the police headquarters in Quetta, killing nine officers.", "destroyed", "Quetta"),
    ],
)
def test_place(text: str, trigger: str, place: str) -> None:
    assert _place(text, trigger) == place


def test_an_institution_named_with_a_place_noun_is_not_a_place():
    # "the State Department" heads its name with "department" but is the speaker, not a site
    assert _place("The State Department condemned the attack on the convoy.", "condemned") is None


def test_a_second_verb_of_another_happening_lends_no_place():
    # the arrest was somewhere unnamed; Calais is where the deportation took them
    assert _place("The two activists were arrested on Monday and deported to a detention centre in Calais.",
                  "arrested") is None
    # an outcome of the same happening shares its place
    assert _place("A farmer was shot and killed outside his house in Ramallah.", "shot") == "Ramallah"
