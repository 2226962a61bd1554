"""The coref stage (sitrep.entities.Corefer): pronouns as mentions that carry
their antecedent, added after events so that no actor or speaker is a bare
pronoun. Sentences are written for these tests."""

from __future__ import annotations

import jsonschema

from sitrep.contract import article_to_dict, schema
from sitrep.model import Article


def _code(pipeline, text: str) -> Article:
    return pipeline(Article(id="t", text=text))


def _pronouns(article: Article) -> list[tuple[str, str, str | None]]:
    return [(e.text, e.type, e.refers_to) for e in article.entities if e.source == "coref"]


def test_coref_runs_last(pipeline) -> None:
    assert pipeline.stage_names[-1] == "coref"


def test_person_pronouns_refer_back_to_the_person(pipeline) -> None:
    a = _code(pipeline, "General Tomas Varga inspected the garrison on Monday. He later met the mayor.")
    assert ("He", "PERSON", "Tomas Varga") in _pronouns(a)


def test_first_person_inside_a_quote_is_the_speaker(pipeline) -> None:
    text = '"I will not resign and we will hold the line," said Defence Minister Anna Kowalczyk.'
    a = _code(pipeline, text)
    pro = {t: (ty, ref) for t, ty, ref in _pronouns(a)}
    assert pro["I"][0] == "PERSON"
    assert pro["we"][0] == "ORG"
    assert pro["I"][1] and "Kowalczyk" in pro["I"][1]


def test_we_outside_a_quote_is_the_author(pipeline) -> None:
    a = _code(pipeline, "We remain committed to supporting the people of the region.")
    assert ("We", "ORG", None) in _pronouns(a)


def test_possessives_and_things_are_not_mentions(pipeline) -> None:
    text = ("The shells fell all night and they shook the windows. "
            "His house was damaged and our street was closed.")
    pro = _pronouns(_code(pipeline, text))
    assert not [p for p in pro if p[0] in ("they", "His", "our")], pro


def test_they_for_a_group_of_people_is_an_org(pipeline) -> None:
    text = "The militants stormed the checkpoint at dawn. They killed two guards."
    pro = _pronouns(_code(pipeline, text))
    assert any(p[0] == "They" and p[1] == "ORG" and p[2] and "militants" in p[2] for p in pro), pro


def test_it_only_for_an_organisation(pipeline) -> None:
    org = _code(pipeline, "The Security Council met in closed session on Friday. It called for a ceasefire.")
    assert any(p[0] == "It" and p[1] == "ORG" for p in _pronouns(org)), _pronouns(org)
    thing = _code(pipeline, "The bridge was rebuilt last year. It carries the main road to the port.")
    assert not [p for p in _pronouns(thing) if p[0] == "It"]
    expletive = _code(pipeline, "The ministry met on Friday. It is clear that the talks failed.")
    assert not [p for p in _pronouns(expletive) if p[0] == "It"]


def test_us_the_country_is_not_a_pronoun(pipeline) -> None:
    pro = _pronouns(_code(pipeline, "The US sent aid to the region and told us nothing."))
    assert [p[0] for p in pro] == ["us"]


def test_pronouns_never_become_actors_or_speakers(pipeline) -> None:
    text = ("Rebel fighters shelled the town on Tuesday. They attacked an army base, "
            'and their commander said: "We bombed the airport."')
    a = _code(pipeline, text)
    assert {p[0] for p in _pronouns(a)} >= {"They", "We"}
    assert a.events
    for ev in a.events:
        for actor in (*ev.actor, *ev.recipient):
            assert actor.text.lower() not in ("they", "we"), actor
    for q in a.quotes:
        assert (q.speaker or "").lower() not in ("they", "we")


def test_contract_carries_refers_to(pipeline) -> None:
    a = _code(pipeline, "Colonel Ivan Petrenko visited the front. He praised the troops.")
    rec = article_to_dict(a)
    jsonschema.validate(rec, schema())
    he = [e for e in rec["entities"] if e["text"] == "He"]
    assert he and he[0]["refers_to"] == "Ivan Petrenko"
    assert all("refers_to" not in e for e in rec["entities"] if e["text"] != "He")


def test_a_title_alone_is_the_person_named_with_it(pipeline) -> None:
    text = ("Foreign Secretary Maria Lindqvist arrived in Ankara on Monday. "
            "The Foreign Secretary said the talks were useful. The US Secretary of State will join them.")
    pro = _pronouns(_code(pipeline, text))
    assert ("The Foreign Secretary", "PERSON", "Maria Lindqvist") in pro
    assert any(p[0] == "The US Secretary of State" and p[1] == "PERSON" for p in pro), pro
    # a title followed by the name: the name is the mention, no second one
    assert not [p for p in pro if p[0].startswith("Foreign Secretary")]


def test_words_that_only_look_like_pronouns(pipeline) -> None:
    pro = _pronouns(_code(pipeline, "He fought in World War I and told IT staff about it."))
    assert [p[0] for p in pro] == ["He"], pro


def test_there_as_a_place_refers_back(pipeline) -> None:
    pro = _pronouns(_code(pipeline, "Troops arrived in Kharkiv on Monday. Fighting there lasted a week. "
                                    "There is no water."))
    assert ("there", "LOCATION", "Kharkiv") in pro
    assert not [p for p in pro if p[0] == "There"]


def test_he_after_an_unnamed_person_refers_to_that_person(pipeline) -> None:
    text = ("Defence Minister Rasa Vaitkute spoke on Monday. A senior military officer, who spoke on "
            "condition of anonymity because he was not authorised, said the move was modest.")
    assert ("he", "PERSON", "senior military officer") in _pronouns(_code(pipeline, text))


def test_nationality_in_a_person_title_joins_the_person(pipeline) -> None:
    a = _code(pipeline, "Chilean Defence Minister Ana Ruiz arrived in Lima on Tuesday.")
    person = next(e for e in a.entities if e.type == "PERSON" and "Ruiz" in e.text)
    assert (person.text, person.code) == ("Chilean Defence Minister Ana Ruiz", "CHL")
    assert not [e for e in a.entities if e.type == "NATIONALITY"]


def test_nationality_in_a_title_standing_alone_joins_it(pipeline) -> None:
    a = _code(pipeline, "Ana Ruiz flew home. The Chilean Defence Minister said the talks went well.")
    title = next(e for e in a.entities if e.source == "coref" and "Minister" in e.text)
    assert "Chilean" in title.text and title.code == "CHL"
    assert not [e for e in a.entities if e.type == "NATIONALITY"]


def test_events_still_read_the_nationality_of_a_titled_person(pipeline) -> None:
    a = _code(pipeline, "Chilean Defence Minister Ana Ruiz condemned the attack on the embassy.")
    assert any(act.code == "CHL" for ev in a.events for act in ev.actor), [(ev.type, ev.actor) for ev in a.events]


def test_money_and_name_parts_are_no_nationality(pipeline) -> None:
    a = _code(pipeline, "Abu Omar al-Masri paid forty Jordanian dinars for the permit.")
    assert not [e for e in a.entities if e.type == "NATIONALITY"], a.entities


def test_nationality_with_a_title_and_no_name_is_a_person(pipeline) -> None:
    a = _code(pipeline, "On Friday a Peruvian military spokesman denied the report.")
    person = next(e for e in a.entities if e.type == "PERSON" and "spokesman" in e.text)
    assert (person.text, person.code, person.refers_to) == ("a Peruvian military spokesman", "PER", None)
    assert not [e for e in a.entities if e.type == "NATIONALITY"]


def test_nationality_in_what_someone_is_stays(pipeline) -> None:
    a = _code(pipeline, "Ruiz is a Peruvian general.")
    assert [e.text for e in a.entities if e.type == "NATIONALITY"] == ["Peruvian"]


def test_nationality_before_a_platform_noun_is_part_of_it(pipeline) -> None:
    a = _code(pipeline, "Two Peruvian warplanes bombed the rebel camp on Sunday.")
    plane = next(e for e in a.entities if e.type == "MILITARY_PLATFORM")
    assert plane.text == "Peruvian warplanes"
    assert not [e for e in a.entities if e.type == "NATIONALITY"]
    assert any(act.code == "PER" for ev in a.events for act in ev.actor), [(ev.type, ev.actor) for ev in a.events]
    a = _code(pipeline, "Two Peruvian MiG-29 jets flew over the camp.")
    assert [e.text for e in a.entities if e.type == "NATIONALITY"] == ["Peruvian"]
