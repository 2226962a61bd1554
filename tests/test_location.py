"""Where an event happened: the place is read from the syntax of the trigger's clause.

Sentences are our own, written for these tests.
"""

from __future__ import annotations

import pytest

from sitrep import data
from sitrep.geo import AT_EVENT, IN_CLAUSE, WEAK, clause_link, load_location_cues
from sitrep.pipeline import code

pytestmark = pytest.mark.slow


def _place(text: str, trigger: str) -> str | None:
    art = code(text)
    events = [e for e in art.events if e.evidence.trigger.split()[0] == trigger]
    assert events, [(e.type, e.evidence.trigger) for e in art.events]
    loc = events[0].location
    return None if loc is None else loc.text


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        # a locative preposition on the event verb
        ("Thousands of people demonstrated in Kharkiv on Sunday against the new law.", "demonstrated", "Kharkiv"),
        ("A local councillor was shot and killed outside a cafe in Odesa.", "shot", "Odesa"),
        # the place hit or taken, not the country that did it
        ("Israel struck Gaza City on Monday.", "struck", "Gaza City"),
        ("Russian forces shelled Kharkiv on Tuesday, the governor said.", "shelled", "Kharkiv"),
        ("Russian troops captured the village of Novomykhailivka, the ministry said.", "captured",
         "Novomykhailivka"),
        # the most specific place: the city, not its country
        ("A car bomb exploded at a market in the northern city of Kirkuk, Iraq, killing four people.", "exploded",
         "Kirkuk"),
        # a "when" clause of the same happening
        ("Four civilians were killed when a drone hit an apartment block in Dnipro.", "killed", "Dnipro"),
        # a reference point counts when nothing else is named, and loses to a named place
        ("Gunmen killed three farmers in a village 20 km north of Mosul.", "killed", "Mosul"),
        ("Militants shelled a market in the town of Avdiivka, 15 km north of Donetsk.", "shelled", "Avdiivka"),
        # "the approaches to X" are at X
        ("Farmers demonstrated at the approaches to Warsaw on Saturday.", "demonstrated", "Warsaw"),
        # the country of a war is a weak setting, used when nothing more precise is named
        ("Four aid workers were killed in Yemen's war this month.", "killed", "Yemen"),
        # a place hung on the partner of the talks still says where they were held
        ("The defence minister held talks with his Polish counterpart in Vilnius on Monday.", "held", "Vilnius"),
        # a name on the object of "at" is a site, more precise than the country around it
        ("Crews test-fired a missile at the Kapustin Yar range in southern Russia on Wednesday.", "fired",
         "Kapustin Yar"),
        # partitive heads and "while" clauses pass the place on
        ("The army captured a cluster of farms in Idlib province on Friday.", "captured", "Idlib"),
        ("A volunteer was killed while guarding the bridge in Kherson.", "killed", "Kherson"),
        ("More than 40 medics have been killed since the beginning of the offensive in Darfur.", "killed",
         "Darfur"),
        # a name the tagger may miss, vouched for by a place noun
        ("Two soldiers were killed in the village of Kherbet Zawiya on Monday.", "killed", "Kherbet Zawiya"),
    ],
)
def test_event_place(pipeline, text, trigger, place):
    assert _place(text, trigger) == place


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # an origin is not where the event happened
        ("A teacher from Lviv was shot dead on Friday.", "shot"),
        # a country that is the actor, or owns the target, is not the place
        ("Russia attacked Ukraine's energy grid overnight.", "attacked"),
        ("Syrian troops shelled the town overnight.", "shelled"),
        # the speaker's location belongs to the reporting clause
        ("Police arrested five men, the ministry said in a statement from Moscow.", "arrested"),
        # a place inside a description of the victim
        ("The spokesman for the garrison in Horlivka was killed on Friday.", "killed"),
        # the war is the subject of another clause, not the setting of the killing
        ("Twelve aid workers have been killed since Sudan's war began in April.", "killed"),
        # the object of a verb of asking is a party (a government), not a site
        ("Warsaw asked Washington for more air defence systems.", "asked"),
        # a later, coordinated happening has its own place
        ("He was captured near the border and later taken to Kyiv for questioning.", "captured"),
    ],
)
def test_no_event_place(pipeline, text, trigger):
    assert _place(text, trigger) is None


def test_location_cues_load_and_are_checked(tmp_path):
    cues = load_location_cues()
    assert "in" in cues.locative_preps and "from" not in cues.locative_preps
    assert "outskirts" in cues.place_nouns and "shelling" in cues.event_nouns
    assert "ukraine" in cues.country_names
    bad = tmp_path / "location_cues.yaml"
    bad.write_text("version: 1\nlocative_preps: [In]\n", encoding="utf-8")
    data.clear_cache()
    try:
        with pytest.raises(Exception, match="schema"):
            data.load("location_cues", str(tmp_path))
    finally:
        data.clear_cache()


def test_clause_link_orders_clauses(pipeline):
    nlp = pipeline.nlp
    cues = load_location_cues()
    doc = nlp("He was shot dead while walking home, and his brother was arrested after police raided the house.")
    shot = next(t for t in doc if t.text == "shot")
    walking = next(t for t in doc if t.text == "walking")
    arrested = next(t for t in doc if t.text == "arrested")
    raided = next(t for t in doc if t.text == "raided")
    assert clause_link(shot, shot, cues) == AT_EVENT
    assert clause_link(walking, shot, cues) == IN_CLAUSE
    assert clause_link(arrested, shot, cues) is None  # coordinated, own subject: another happening
    assert clause_link(raided, arrested, cues) is None  # "after": another happening
    assert WEAK < IN_CLAUSE < AT_EVENT


def test_dateline_is_a_fallback_for_a_one_country_story(pipeline):
    story = ("KHARKIV, Ukraine — Russian drones struck an apartment block overnight, killing two people, "
             "officials said.\nEmergency crews worked through the night.")
    ev = next(e for e in code(story).events if e.evidence.trigger.startswith("struck"))
    assert ev.location is not None and ev.location.text == "KHARKIV" and ev.location.country == "UKR"


def test_dateline_is_not_used_when_the_story_names_another_country(pipeline):
    story = ("KHARKIV — Russian drones struck an apartment block overnight, officials said.\n"
             "Belarus denied any involvement.")
    ev = next(e for e in code(story).events if e.evidence.trigger.startswith("struck"))
    assert ev.location is None
    # nor when the sentence itself names a place: the clause decides
    story = "MINSK — Officials said a drone struck a depot, 40 km from the border with Poland."
    ev = next(e for e in code(story).events if e.evidence.trigger.startswith("struck"))
    assert ev.location is None or ev.location.text != "MINSK"


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        # patrols are events with a place: the streets patrolled or the town named
        ("Peacekeepers in armoured cars patrolled Bunia on Friday after the clashes.", "patrolled", "Bunia"),
        ("Soldiers were patrolling the market in Mopti when the gunmen opened fire.", "patrolling", "Mopti"),
        # a device detonated: an attack where it went off
        ("A roadside charge was detonated near a checkpoint in Kandahar on Tuesday.", "detonated", "Kandahar"),
        # people captured in a battle: the battle's place
        ("Twelve militants were captured in a raid in Kunduz, police said.", "captured", "Kunduz"),
        # a named offensive the event followed from places it (weakly)
        ("Hundreds of troops have been killed since the start of the Kharkiv offensive.", "killed", "Kharkiv"),
        # a building or hilltops taken: the place they are in or near
        ("Government troops seized the port compound outside Kismayo after a long siege.", "seized", "Kismayo"),
        ("Government troops liberated several hilltops near Palmyra on Sunday.", "liberated", "Palmyra"),
    ],
)
def test_new_trigger_places(text, trigger, place):
    assert _place(text, trigger) == place


def test_patrol_is_a_mobilisation():
    types = {e.type for e in code("Police patrolled the streets of Nairobi on Monday.").events}
    assert "MOBILIZE" in types


def test_capturing_people_is_an_arrest():
    ev = [e for e in code("Kurdish fighters captured two Islamic State commanders near Raqqa.").events
          if e.evidence.trigger.startswith("captured")]
    assert ev and ev[0].type == "COERCE" and ev[0].mode == "arrest"
