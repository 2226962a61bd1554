"""Attribution rules on sentences written for these tests (no gold text).

Each test names the kind of attribution it checks; the content must be found
(as a span of the text) with the right speaker, and nothing doubled.
"""

from __future__ import annotations

import pytest

from helpers import quotes_covering
from sitrep.attribution import Cover, find_quoted_spans
from sitrep.model import Article


def _claims(article: Article) -> list[tuple[str, str | None, str, bool]]:
    return [(q.content, q.speaker, q.rule, q.direct) for q in article.quotes]


def _one_covering(article: Article, phrase: str):
    hits = quotes_covering(article, phrase)
    assert len(hits) == 1, _claims(article)
    return hits[0]


def test_parenthetical_said_takes_the_host_clause(attribute):
    a = attribute("The new bridge, the mayor said, will open to traffic in the spring.")
    q = _one_covering(a, "will open to traffic in the spring")
    assert "mayor" in a.text[q.speaker_start:q.speaker_end]
    assert q.start <= a.text.index("The new bridge")


def test_belief_verb_with_a_clause(attribute):
    a = attribute("The survey found that most farmers expect lower prices next year.")
    q = _one_covering(a, "most farmers expect lower prices next year")
    assert q.speaker == "The survey"
    assert not q.direct


def test_intent_verb_takes_the_infinitive(attribute):
    a = attribute("The governor wants to raise the fuel tax before the election.")
    q = _one_covering(a, "to raise the fuel tax before the election")
    assert "governor" in q.speaker


def test_stance_verb_takes_its_object(attribute):
    a = attribute("The council criticized the contractor for the long delays on the ring road.")
    q = _one_covering(a, "the contractor for the long delays")
    assert "council" in q.speaker.lower()


def test_phrasal_cue_takes_the_object_of_its_preposition(attribute):
    a = attribute("The union called for an independent inquiry into the accident.")
    q = _one_covering(a, "an independent inquiry into the accident")
    assert "union" in q.speaker.lower()


def test_seem_has_no_source(attribute):
    a = attribute("The talks seemed to stall after the second day.")
    q = _one_covering(a, "The talks seemed to stall")  # the subject is part of what seemed
    assert q.speaker is None and q.speaker_type == "unattributed"


def test_nominal_claim_with_an_owner(attribute):
    a = attribute("The minister's claim that the reservoir was full drew laughter in the chamber.")
    q = _one_covering(a, "the reservoir was full")
    assert "minister" in a.text[q.speaker_start:q.speaker_end]


def test_a_plan_reported_inside_what_someone_said_is_one_claim(attribute):
    # "plans" inside the content of "said" is not a second attribution
    a = attribute("The coach said she plans to rest three players on Sunday.")
    assert len(a.quotes) == 1, _claims(a)
    assert a.quotes[0].cue == "said"


@pytest.mark.parametrize("text, cue", [
    # a stance inside the content of a claim noun, of 'seemed', or of an interview answer
    ("The general's promise that the brigade would defend the bridge came too late for the villagers.", "promise"),
    ("It seemed that the navy would support the landing at dawn.", "seemed"),
    ("Q: What happens next?\nA: The brigade will defend the bridge until the spring thaw.", ":"),
])
def test_a_stance_inside_another_claim_is_part_of_it(attribute, text, cue):
    a = attribute(text)
    inner = [q for q in a.quotes if q.cue in ("defend", "support")]
    assert inner == [], _claims(a)
    assert any(q.cue == cue for q in a.quotes), _claims(a)


def test_quote_continuation_in_the_same_paragraph_is_merged(attribute):
    a = attribute('"We are ready," the captain said. "The crew has trained for months."')
    direct = [q for q in a.quotes if q.direct]
    assert len(direct) == 1, _claims(a)
    assert "We are ready" in direct[0].content and "trained for months" in direct[0].content
    assert direct[0].speaker == "the captain"


def test_quote_left_open_at_a_paragraph_end_runs_on_into_the_next(attribute):
    a = attribute('"The harbour will reopen on Monday," the port director said. "The cranes are repaired '
                  'and the crews are back.\n\n"We expect the first ships by noon, and the queue to clear by Friday."\n\n'
                  '"Nobody expected the storm to hit so hard," a fisherman said. "Our boats are fine."\n\n'
                  '"We were lucky this time, and we know it."')
    direct = [q for q in a.quotes if q.direct]
    assert len(direct) == 3, _claims(a)
    first = direct[0]
    assert first.speaker == "the port director"
    pieces = [a.text[s:e] for s, e in first.spans]
    assert len(pieces) == 3 and pieces[-1].startswith("We expect the first ships"), pieces
    # a quote closed before the break is a statement of its own (a continuation)
    assert direct[2].content.startswith("We were lucky") and direct[2].rule == "continuation"


def test_two_quoted_pieces_around_one_cue_are_one_statement(attribute):
    a = attribute('"The road is closed," the officer said, "and it will stay closed tonight."')
    direct = [q for q in a.quotes if q.direct]
    assert len(direct) == 1, _claims(a)
    assert direct[0].end == a.text.index("tonight") + len("tonight.")


def test_a_quote_in_pieces_keeps_its_pieces_and_the_narrators_inner_claim(attribute):
    a = attribute('"The bridge will hold," the engineer said, referring to the new pylons, '
                  '"and the ferry can stop running."')
    direct = [q for q in a.quotes if q.direct]
    assert len(direct) == 1, _claims(a)
    pieces = [a.text[s:e] for s, e in direct[0].spans]
    assert len(pieces) == 2 and "will hold" in pieces[0] and "ferry" in pieces[1], pieces
    assert all("engineer" not in p and "pylons" not in p for p in pieces)
    inner = _one_covering(a, "the new pylons")
    assert inner.cue == "referring" and not inner.direct and inner.speaker == "the engineer"


def test_quoted_phrase_inside_reported_speech_belongs_to_the_claim(attribute):
    a = attribute('The spokesman said the decision was "final and not open to debate" on Monday.')
    assert len(a.quotes) == 1, _claims(a)
    q = a.quotes[0]
    assert not q.direct and q.start <= a.text.index("the decision") and "final" in q.content


def test_quote_ending_in_a_comma_finds_its_cue_in_the_next_sentence_piece(attribute):
    a = attribute('"This was never about money," Ellen Marsh, the lead organiser, said on Friday.')
    q = _one_covering(a, "This was never about money")
    assert "Marsh" in (q.speaker or "")


def test_colon_lead_in_gives_the_speaker(attribute):
    a = attribute('The harbour master added:\n\n"Every vessel must report its cargo before docking."')
    q = _one_covering(a, "Every vessel must report its cargo")
    assert "harbour master" in (q.speaker or "")


def test_newswire_double_apostrophe_quotes():
    text = "''We will not move,'' he said, and left."
    spans = find_quoted_spans(text)
    assert [text[m.start:m.end] for m in spans] == ["We will not move,"]


@pytest.mark.parametrize("text, want", [
    ("Readers answered:\n\n”The ferry is always late.” ― Tom Reed", ["The ferry is always late."]),
    ("”We stay open all winter,” the owner said.", ["We stay open all winter,"]),
])
def test_a_closing_mark_typed_as_the_opening_one_still_opens_a_quote(text, want):
    spans = find_quoted_spans(text)
    assert [text[m.start:m.end] for m in spans] == want


def test_a_curly_quote_inside_a_curly_quote_stays_inside_it():
    text = "“I would rather sail in what he calls “rough water” than stay in port,” she said."
    spans = find_quoted_spans(text)
    assert [text[m.start:m.end] for m in spans] == ["I would rather sail in what he calls “rough water” than stay in port,"]


def test_relative_pronoun_speaker_names_the_antecedent(attribute):
    a = attribute("Residents who said the water smelled of fuel were moved to a school.")
    q = _one_covering(a, "the water smelled of fuel")
    assert a.text[q.speaker_start:q.speaker_end] == "who"
    assert "Residents" in q.speaker


def test_military_attack_is_not_a_claim(attribute):
    a = attribute("Artillery units attacked the bridge at dawn.")
    assert a.quotes == []


def test_cover_excludes_the_interval_itself():
    cover = Cover([(0, 10, 1), (2, 5, 2)])
    assert cover.covers(3, 4, 2)  # inside interval 1
    assert cover.covers(3, 4, 1)  # interval 2 covers it too
    only = Cover([(0, 10, 1)])
    assert not only.covers(3, 4, 1)
    assert not only.covers(9, 12, 7)


def test_participle_after_a_statement_speaks_for_who_issued_it(attribute):
    a = attribute("The ferry company issued a statement saying all crossings would resume on Tuesday.")
    q = _one_covering(a, "all crossings would resume on Tuesday")
    assert "ferry company" in q.speaker


def test_saying_after_a_preposition_takes_the_main_subject(attribute):
    a = attribute("The chairwoman ended the hearing by saying the report would be published in June.")
    q = _one_covering(a, "the report would be published in June")
    assert "chairwoman" in q.speaker


def test_colon_after_any_verb_gives_the_speaker(attribute):
    a = attribute('The district nurse released a short statement:\n\n"We saw forty patients before noon and ran out of bandages."')
    q = _one_covering(a, "We saw forty patients before noon")
    assert "nurse" in (q.speaker or "")


def test_headline_led_by_a_name_and_colon(attribute):
    a = attribute("Okafor: Council's \u2018reckless spending plan\u2019 will sink the port.\n\nThe debate went on.")
    q = _one_covering(a, "reckless spending plan")
    assert q.speaker == "Okafor"


@pytest.mark.parametrize("text, phrase", [
    ("The smugglers worked for years for a cartel known as the Northern Syndicate.",
     "known as the Northern Syndicate"),
    ("The harbour mayor is widely seen as a cautious reformer.", "seen as a cautious reformer"),
    ("The old senator is best known for his fierce speeches on farm subsidies.",
     "known for his fierce speeches on farm subsidies"),
])
def test_what_a_thing_is_known_or_seen_as_is_a_claim_without_a_source(attribute, text, phrase):
    a = attribute(text)
    q = _one_covering(a, phrase)
    assert q.speaker is None and not q.direct


def test_a_clause_said_by_a_verb_the_parse_left_without_a_subject(attribute):
    a = attribute("The new harbour chief is quick to point out that the ferries will run on time all winter.")
    q = _one_covering(a, "the ferries will run on time all winter")
    assert "chief" in (q.speaker or "")


@pytest.mark.parametrize("text, phrase, speaker", [
    ("Asked if the toll was fair, most of the ferry workers said yes.", "yes", "workers"),
    ("The harbour council said no to the new parking fees.", "no to the new parking fees", "council"),
])
def test_a_yes_or_no_said_is_the_answer_claimed(attribute, text, phrase, speaker):
    a = attribute(text)
    q = _one_covering(a, phrase)
    assert speaker in a.text[q.speaker_start:q.speaker_end]


def test_a_cue_verb_deep_in_a_clause_takes_the_subject_of_the_clause_it_hangs_on(attribute):
    a = attribute("The young senator began winning votes by denouncing the toll increase on the old bridge.")
    q = _one_covering(a, "the toll increase on the old bridge")
    assert "senator" in a.text[q.speaker_start:q.speaker_end]


def test_quote_inside_a_speech_nouns_claim_is_part_of_it(attribute):
    a = attribute('The senator said in a statement that the council members would meet the families '
                  '"to make sure every child gets a seat in a school this fall."')
    assert len(a.quotes) == 1, _claims(a)
    q = a.quotes[0]
    assert q.cue == "statement" and q.start <= a.text.index("the council") and "every child" in q.content
    b = attribute('Ann Lee boasted about a plan to spend "a million dollars" on new parks.')
    assert [q.cue for q in b.quotes] == ["plan"], _claims(b)


def test_quote_inside_an_according_to_claim_is_part_of_it(attribute):
    a = attribute('According to the auditors, the agency ran "a reckless and costly scheme for years" '
                  'before the minister stepped in.')
    assert len(a.quotes) == 1, _claims(a)
    assert a.quotes[0].rule == "according-to" and "reckless" in a.quotes[0].content


def test_a_stance_word_read_as_a_verb_gives_one_claim(attribute):
    a = attribute("The mayor worried that the old clinic would close before winter.")
    assert len(a.quotes) == 1, _claims(a)
    assert a.quotes[0].cue == "worried" and "old clinic" in a.quotes[0].content


def test_a_nickname_and_a_party_in_the_speakers_name_keep_the_cue_in_reach(attribute):
    a = attribute('"This is a big day for the whole county!" Smith\'s cousin, state Rep. Anna "Annie" Lowe '
                  '(D-Fairview), shouted to the crowd.')
    q = _one_covering(a, "a big day for the whole county")
    assert q.cue == "shouted" and q.rule == "quote-cue", _claims(a)
    assert q.speaker == "Anna Lowe"


def test_a_relative_named_in_apposition_speaks_not_the_possessor(attribute):
    a = attribute('"We need the new school this year," Smith\'s cousin, Rep. Anna Lowe, told the council.')
    q = _one_covering(a, "We need the new school")
    assert q.speaker == "Anna Lowe", _claims(a)


def test_cueless_quotes_in_one_paragraph_are_one_unattributed_statement(attribute):
    a = attribute('The hall went quiet for a moment. "We have waited ten years for this bridge." '
                  'A few people clapped. "Now we want the road that leads to it."')
    direct = [q for q in a.quotes if q.direct]
    assert len(direct) == 1, _claims(a)
    pieces = [a.text[s:e] for s, e in direct[0].spans]
    assert len(pieces) == 2 and "ten years" in pieces[0] and "the road" in pieces[1], pieces
    assert direct[0].speaker is None


def test_passive_stance_verb_with_agent_before_its_grounds(attribute):
    a = attribute("The mayor has been criticized by several council members for failing to repair the roads.")
    q = _one_covering(a, "for failing to repair the roads")
    assert "council members" in q.speaker
    assert q.start <= a.text.index("The mayor")


def test_light_verb_support_with_the_preposition_on_the_verb(attribute):
    a = attribute("The union threw its support behind the mayor on Monday.")
    q = _one_covering(a, "the mayor")
    assert q.speaker == "The union"


@pytest.mark.parametrize("text, first_part, left_out, second_part, speaker", [
    # the second report parsed as a conjunct of the first verb's clause, with a speech verb ...
    ("The mayor said the bridge would reopen next week and union leaders warned "
     "that the repairs were far from finished.",
     "the bridge would reopen next week", "repairs", "the repairs were far from finished", "union leaders"),
    # ... or with a stance verb
    ("Officials said the budget was wrong and Democrats accused the council of hiding the deficit.",
     "the budget was wrong", "deficit", "hiding the deficit", "Democrats"),
])
def test_a_second_speakers_report_joined_by_and_ends_the_first_claim(attribute, text, first_part, left_out,
                                                                    second_part, speaker):
    a = attribute(text)
    first = _one_covering(a, first_part)
    assert left_out not in first.content, _claims(a)
    second = _one_covering(a, second_part)
    assert second.speaker == speaker, _claims(a)


def test_a_relative_clause_with_its_own_report_is_cut_from_the_claim(attribute):
    a = attribute("The mayor praised the governor, who says the bridge will reopen in May.")
    first = _one_covering(a, "the governor")
    assert "reopen" not in first.content, _claims(a)
    second = _one_covering(a, "the bridge will reopen in May")
    assert second.cue == "says", _claims(a)
