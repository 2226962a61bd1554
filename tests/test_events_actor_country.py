"""Where an actor's country comes from when the actor itself names none: the place its
own phrase puts it in ("rebels in X"), and an ethnic group is not the state of that name.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import pytest

import sitrep


def _actors(text: str, type_: str) -> list[tuple[str, str | None]]:
    events = [e for e in sitrep.code(text, date="2025-03-04").events if e.type == type_]
    assert events, f"no {type_} event"
    return [(a.text, a.code) for a in events[0].actor]


def test_codeless_group_takes_country_of_its_phrase():
    assert _actors("Rebels in the Central African Republic rejected the ceasefire on Monday.", "REJECT") \
        == [("Rebels", "CAF")]


def test_ethnic_group_is_not_the_state_of_its_name():
    actors = _actors("Ethnic Russians in eastern Ukraine rejected the new language law.", "REJECT")
    assert [code for _, code in actors] == ["UKR"]


def test_ethnic_group_without_place_gets_no_state():
    actors = _actors("Ethnic Hungarians rejected the new language law.", "REJECT")
    assert all(code != "HUN" for _, code in actors)


def test_ethnic_protesters_take_country_of_protest():
    actors = _actors("Ethnic Serbs rallied in northern Kosovo on Sunday.", "PROTEST")
    assert actors and all(code == "XKX" for _, code in actors)


def test_nationals_keep_their_state():
    # without "ethnic", a demonym names the state's people even abroad
    actors = _actors("Russians in Latvia protested against the new law.", "PROTEST")
    assert actors and all(code == "RUS" for _, code in actors)


def test_active_verb_after_passive_takes_the_passive_subject():
    # the minister resigns, not the prosecutors who questioned him
    actors = _actors("Serbia's defence minister has been questioned by Dutch prosecutors and will resign on Friday.",
                     "RETREAT")
    assert [code for _, code in actors] == ["SRB"]


def test_passive_verb_after_passive_keeps_the_agent():
    actors = _actors("A Kenyan diplomat was detained by Ugandan police and charged with espionage.", "ACCUSE")
    assert [code for _, code in actors] == ["UGA"]


def test_apposition_names_the_actor():
    actors = _actors("The country's foreign minister, Sergei Lavrov, rejected the proposal on Monday.", "REJECT")
    assert [code for _, code in actors] == ["RUS"]


def test_joining_verb_subject_is_the_protester():
    assert _actors("Hundreds of Kenyan students joined the march against fuel prices.", "PROTEST") \
        == [("Kenyan students", "KEN")]


def test_one_crowd_one_protest():
    events = [e for e in sitrep.code("Thousands of Nigerians converged on Abuja for a rally to protest the new tax.",
                                     date="2025-03-04").events if e.type == "PROTEST"]
    assert len(events) == 1 and {a.code for a in events[0].actor} == {"NGA"}


def test_statement_content_verb_takes_the_sender():
    actors = _actors("Hungary's foreign ministry issued a statement demanding that Ukraine restore the minority "
                     "schools.", "REQUEST")
    assert [code for _, code in actors] == ["HUN"]


@pytest.mark.parametrize("text, type_, code", [
    ("The Lithuanian parliament passed a law banning the sale of Belarusian potash.", "COERCE", "LTU"),
    ("Kenya's cabinet approved a bill expelling the remaining Somali diplomats.", "SANCTION", "KEN"),
])
def test_a_law_or_bill_acts_for_the_body_that_passes_it(text, type_, code):
    assert code in [c for _, c in _actors(text, type_)]


def test_in_protest_takes_the_subject():
    actors = _actors("Ales Lis, a Belarusian poet, went on hunger strike in protest against the closure of his "
                     "newspaper.", "PROTEST")
    assert [code for _, code in actors] == ["BLR"]


def test_police_at_a_protest_are_not_protesters():
    events = [e for e in sitrep.code("Police arrested ten men at the protest in Minsk.", date="2025-03-04").events
              if e.type == "PROTEST"]
    assert all("Police" not in a.text for e in events for a in e.actor)


def _codes_of(text: str, type_: str) -> list[list[str | None]]:
    return [sorted(a.code or "" for a in e.actor) for e in sitrep.code(text, date="2025-03-04").events
            if e.type == type_]


def test_captives_description_names_who_released_them():
    codes = _codes_of("Nine aid workers kidnapped by al-Shabaab in 2023 were released on Tuesday, "
                      "officials in Mogadishu said.", "RETREAT")
    assert codes and codes[0] and all(c == "SOM" or c == "AL_SHABAAB" for c in codes[0])


def test_release_without_captor_named_has_no_guessed_actor():
    codes = _codes_of("Nine aid workers were released on Tuesday, officials said.", "RETREAT")
    assert codes == [[]] or codes == []


def test_both_countries_are_the_pair_named_before():
    text = ("Ecuador and Peru signed a border accord in Lima on Monday. "
            "Both countries rejected the tribunal's ruling on the disputed river.")
    assert ["ECU", "PER"] in _codes_of(text, "REJECT")


def test_both_countries_without_a_pair_before_gets_none():
    text = "Ecuador hosted the summit on Monday. Both countries rejected the tribunal's ruling."
    assert all(c in ([], [""]) for c in _codes_of(text, "REJECT"))


def test_the_two_koreas_are_both_korean_states():
    assert ["KOR", "PRK"] in _codes_of("The two Koreas agreed on Friday to reopen the liaison office.", "AGREE")


def test_family_name_first_finds_the_person_again():
    text = ("North Korean leader Kim Jong Un oversaw the drill on Sunday. "
            "Kim threatened to strike Guam if the exercises went on.")
    assert ["PRK"] in _codes_of(text, "THREATEN")


def test_quantity_of_events_takes_the_verbs_subject():
    # "dozens of tests": the tests are still the subject's
    assert ["IRN"] in _codes_of("Iran has conducted dozens of ballistic missile tests since 2015, "
                                "defying Western pressure.", "MOBILIZE")


def test_the_group_is_the_armed_group_named_as_doer_before():
    text = ("Al-Shabaab fighters attacked an army base near Kismayo on Monday. "
            "The militant group, which has ties to al-Qaeda, rejected the government's offer of talks on Tuesday.")
    rejected = [e for e in sitrep.code(text, date="2025-03-04").events if e.type == "REJECT"]
    assert rejected and {(a.code, a.sector) for a in rejected[0].actor} == {("SOM", "REB")}


def test_the_group_without_an_armed_group_before_stays_unnamed():
    text = "The militant group rejected the government's offer of talks on Tuesday."
    rejected = [e for e in sitrep.code(text, date="2025-03-04").events if e.type == "REJECT"]
    assert rejected and not any(a.code for a in rejected[0].actor)


def test_a_person_is_not_described_by_whom_they_are_coordinated_with():
    # "President Lula and Argentina": Argentina is a second party, not Lula's country
    text = ("President Lula and Argentina seem to agree on the tariff plan. "
            "Hours later, Lula criticised the European Commission over the trade deal.")
    assert ["BRA"] in _codes_of(text, "ACCUSE")


def test_the_council_is_the_council_named_before():
    text = ("The UN Security Council met on Friday to discuss the fighting in Sudan. "
            "The Council also banned arms sales to the Rapid Support Forces.")
    sanctions = [e for e in sitrep.code(text, date="2025-03-04").events if e.type == "SANCTION"]
    assert sanctions and [a.code for a in sanctions[0].actor] == ["UNSC"]


def test_a_body_without_forces_does_not_launch():
    text = ("Iran tested a ballistic missile on Sunday, state media said. "
            "The Security Council held talks on Monday and carried out a review of the missile launch.")
    launches = [e for e in sitrep.code(text, date="2025-03-04").events if e.type == "MOBILIZE"]
    assert launches and all(a.code == "IRN" for e in launches for a in e.actor)


def test_a_place_name_lends_no_sector_to_the_phrase_it_is_in():
    # "Bank" of "the West Bank" is no bank: the settlers are no business
    from sitrep.model import Article
    from sitrep.pipeline import get_pipeline

    art = get_pipeline()(Article(id="t", text="Settlers from the West Bank set fire to an olive grove near Nablus overnight.",
                                 date="2026-11-20", origin="<test>", format="text"))
    fire = [e for e in art.events if e.type == "COERCE"]
    assert fire and all(a.sector != "BUS" for a in fire[0].actor)


def test_politicians_named_without_a_state_are_the_storys_country():
    from sitrep.model import Article
    from sitrep.pipeline import get_pipeline

    text = ("OSLO, Nov 20 (Reuters) - Norwegian police arrested three men on Monday after a riot in the capital, "
            "officials said.\n\nThe men were foreign nationals, the justice ministry said.\n\n"
            "Politicians are demanding tougher border checks.")
    art = get_pipeline()(Article(id="t", text=text, date="2026-11-20", origin="<test>", format="text"))
    demand = [e for e in art.events if e.type == "REQUEST"]
    assert demand and [a.code for a in demand[0].actor] == ["NOR"]


def test_the_one_made_to_act_is_the_doer_of_the_act():
    # object control: the party the leak prompted acts, not the leak
    assert [code for _, code in _actors(
        "The border clash prompted Ghana's foreign ministry to summon the Togolese ambassador.", "ACCUSE")] == ["GHA"]


def test_an_object_that_names_no_party_leaves_the_subject_as_doer():
    actors = _actors("Kenya arranged a special session to discuss the border raids with Somalia.", "CONSULT")
    assert "KEN" in [code for _, code in actors]


def test_the_country_is_the_state_named_last_before_it():
    article = sitrep.code("Iran fired a missile on Friday. Saudi Arabia's defence ministry said the country's "
                          "air force held a drill over the Gulf in response.", date="2025-03-04")
    drill = next(e for e in article.events if e.mode == "troops")
    assert [a.code for a in drill.actor] == ["SAU"], drill.evidence.rule


def test_the_country_in_a_later_sentence_is_the_state_of_the_sentence_before():
    article = sitrep.code("Pakistan said on Monday it would join the talks. The country also tested a new "
                          "cruise missile last week.", date="2025-03-04")
    test = next(e for e in article.events if e.type == "MOBILIZE")
    assert [a.code for a in test.actor] == ["PAK"] and "actor-from-context" not in test.evidence.rule


def test_a_passive_with_no_subject_of_its_own_takes_no_doer_from_the_clause_above():
    # the senator is no shooter: a passive's missing doer is not the subject of the verb above
    events = [e for e in sitrep.code("Senator Maria Lopez of Texas became a critic of the gun lobby after four "
                                     "students were shot at a college in Oregon.", date="2025-03-04").events
              if e.type == "ASSAULT"]
    assert events and not any(a.code for e in events for a in e.actor), [(e.actor, e.evidence.rule) for e in events]


def test_he_is_the_person_named_last_before_it_even_with_no_event_of_theirs():
    doc = sitrep.code("French President Emmanuel Macron spoke to reporters in Paris on Monday. "
                      "He condemned the Iranian missile test.", date="2025-03-04")
    events = [e for e in doc.events if e.type == "ACCUSE"]
    assert events and {a.code for a in events[0].actor} == {"FRA"}, events


def test_he_goes_to_the_nearer_of_two_people_named():
    doc = sitrep.code("Russian President Vladimir Putin met the Turkish leader last week. On Monday French "
                      "President Emmanuel Macron spoke in Paris. He condemned the Iranian missile test.",
                      date="2025-03-04")
    events = [e for e in doc.events if e.type == "ACCUSE"]
    assert events and {a.code for a in events[0].actor} == {"FRA"}, events


def _parsed(words, heads, deps, pos):
    import spacy
    from spacy.tokens import Doc
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)


def test_a_subjectless_that_clause_after_a_noun_is_a_relative_clause_on_it():
    from sitrep.events.roles import _misparsed_relative
    # "they seized a tanker that transferred fuel", with "transferred" read as a second verb of
    # "seized" and "that" as its mark: no that-clause lacks a subject, so it is a relative clause
    doc = _parsed(["they", "seized", "a", "tanker", "that", "transferred", "fuel"],
                  [1, 1, 3, 1, 5, 1, 5], ["nsubj", "ROOT", "det", "dobj", "mark", "conj", "dobj"],
                  ["PRON", "VERB", "DET", "NOUN", "SCONJ", "VERB", "NOUN"])
    found = _misparsed_relative(doc[5])
    assert found is not None and found.i == 3


def test_a_that_clause_with_its_own_subject_is_a_complement():
    from sitrep.events.roles import _misparsed_relative
    # "officials said that troops withdrew": a real complement clause
    doc = _parsed(["officials", "said", "that", "troops", "withdrew"],
                  [1, 1, 4, 4, 1], ["nsubj", "ROOT", "mark", "nsubj", "ccomp"],
                  ["NOUN", "VERB", "SCONJ", "NOUN", "VERB"])
    assert _misparsed_relative(doc[4]) is None
