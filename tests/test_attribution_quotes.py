"""Direct quotes: cues after a question mark, signature dashes, quoted titles
(sentences written for these tests, no gold text)."""

from __future__ import annotations

import pytest

from helpers import quotes_covering as _covering


def test_question_quote_takes_the_cue_in_the_next_sentence_piece(attribute):
    a = attribute('The mayor spoke for an hour.\n\n"Why did the council wait so long to fix the bridge?" she asked. '
                  'Nobody answered.')
    hits = _covering(a, "Why did the council wait so long")
    assert len(hits) == 1
    assert hits[0].cue == "asked" and hits[0].rule == "quote-cue"


def test_signature_dash_names_the_speaker_of_each_quote(attribute):
    a = attribute('Readers wrote in about the new park.\n'
                  '"The playground is too small for the children of our street." ― Maria Lopez\n'
                  '"I walk my dog there every morning and love it." ― Peter Wainwright\n')
    first = _covering(a, "The playground is too small")
    second = _covering(a, "I walk my dog there every morning")
    assert len(first) == 1 and len(second) == 1 and first[0] is not second[0]
    assert "Lopez" in first[0].speaker
    assert "Wainwright" in second[0].speaker


def test_dash_inside_a_sentence_is_not_a_signature(attribute):
    a = attribute('"We will rebuild the school this summer," he said -- Mayor Jones agreed with the plan on Monday.')
    hits = _covering(a, "We will rebuild the school this summer")
    assert len(hits) == 1 and hits[0].cue == "said"


def test_quoted_show_title_is_not_a_quote(attribute):
    a = attribute('In an interview on the "Morning Harbour Hour," Senator Alan Brandt said the port tax '
                  'would hurt small fishing companies.')
    assert not _covering(a, "Morning Harbour Hour")
    hits = _covering(a, "the port tax would hurt small fishing companies")
    assert len(hits) == 1 and "Brandt" in hits[0].speaker


def test_title_case_headline_quote_is_kept(attribute):
    a = attribute('Senator Says "We Will Not Back Down"\n\nThe senator spoke in the capital on Friday.')
    assert _covering(a, "We Will Not Back Down")


def test_transcript_lines_take_the_name_as_speaker(attribute):
    a = attribute('Part of the interview follows.\n\n"HOST: Will the new budget cut money for the schools in the north?\n\n'
                  '"MINISTER: The budget keeps every school open, and we will add teachers next year.')
    hits = _covering(a, "The budget keeps every school open")
    assert len(hits) == 1 and hits[0].speaker == "MINISTER"
    assert "MINISTER" not in hits[0].content
    host = _covering(a, "Will the new budget cut money")
    assert len(host) == 1 and host[0].speaker == "HOST"


def test_line_lead_list_of_names_is_not_a_statement(attribute):
    a = attribute("The panel met on Monday.\n\nOhio: Ann Lee, Bob Roe, Carl Diaz, Dana West.")
    assert not _covering(a, "Ann Lee, Bob Roe")


@pytest.mark.parametrize("text, body", [
    ("The council debated the budget for hours.\n\nFor example: The mayor wants to cut the parks budget by a "
     "third next year.\n\nNobody voted.", "The mayor wants to cut the parks budget"),
    ("The council debated the budget.\n\nAmong the proposals: a plan that would close two libraries and sell "
     "the old depot.\n\nNobody voted.", "a plan that would close two libraries"),
    ("The council met on Monday.\n\nCLARIFICATION: An earlier version of this story misstated when the council "
     "will vote on the plan.", "An earlier version of this story"),
])
def test_a_line_led_by_the_writers_own_words_is_no_speakers_line(attribute, text, body):
    a = attribute(text)
    assert not [q for q in a.quotes if q.rule == "line-lead"], [(q.rule, q.speaker, q.content) for q in a.quotes]
    assert all(q.start > a.text.index(body) for q in _covering(a, body))


def test_block_quote_after_a_colon_lead_in(attribute):
    a = attribute("The governor spoke to reporters on Monday.\n\nThe governor added:\n\n"
                  "We have rebuilt every road in the county and we will finish the bridges next year.\n\nThe end.")
    hits = _covering(a, "We have rebuilt every road in the county")
    assert len(hits) == 1 and "governor" in hits[0].speaker.lower()


def test_quote_after_a_reported_claim_takes_its_speaker(attribute):
    a = attribute("Mayor Andris Kalnins said the port in Riga would reopen on Monday.\n\n"
                  "\"We have cleared the channel and the cranes are working again.\"\n\nThe ships waited.")
    hits = _covering(a, "We have cleared the channel")
    assert len(hits) == 1 and hits[0].speaker == "Andris Kalnins" and hits[0].rule == "lead-in"


@pytest.mark.parametrize("text", [
    'The convoy commander, a "child of the steppe" by his own account, never left the plateau.',
    'Under the old "iron ration rule" of the district the garrison ate well through the winter.',
])
def test_a_short_quoted_phrase_without_a_cue_is_no_statement(attribute, text):
    a = attribute(text)
    assert [q for q in a.quotes if q.direct] == [], [(q.content, q.rule) for q in a.quotes]


@pytest.mark.parametrize("text", [
    'Morning reading list.\n\n"Border crossings reopen as ceasefire talks resume in Tessaly," by the Northern '
    "Courier's Ilse Varga: the first trucks passed at dawn.",
    'Also worth reading: "Why the navy wants more frigates for the northern fleet," by Oskar Lund, in the '
    "weekend edition.",
])
def test_a_quoted_title_with_its_author_is_no_quote(attribute, text):
    a = attribute(text)
    assert [q for q in a.quotes if q.direct] == [], [(q.content, q.rule) for q in a.quotes]


def test_a_quoted_sentence_before_by_and_a_date_is_still_a_quote(attribute):
    a = attribute('The convoy left at dawn. "The bridge will be repaired," by Friday, the drivers hoped.')
    assert any(q.direct and "bridge will be repaired" in q.content for q in a.quotes), [
        (q.content, q.rule) for q in a.quotes]


def test_a_quoted_sentence_without_a_cue_is_still_a_quote(attribute):
    a = attribute('The convoy left at dawn. "Nobody knows the road." The drivers waited.')
    assert any(q.direct and "Nobody knows the road" in q.content for q in a.quotes), [
        (q.content, q.rule) for q in a.quotes]


@pytest.mark.parametrize("text, content, speaker", [
    ('"Absolutely," the colonel said when a reporter asked about the relief column.', "Absolutely", "colonel"),
    ('The rally went on. "Never!" the crowd shouted back at the podium.', "Never", "crowd"),
    ('Asked whether the garrison would stay, the minister paused and said, "No."', "No", "minister"),
])
def test_a_one_word_answer_beside_its_speech_verb_is_a_quote(attribute, text, content, speaker):
    a = attribute(text)
    hits = [q for q in _covering(a, content) if q.direct]
    assert len(hits) == 1 and speaker in (hits[0].speaker or ""), [(q.content, q.speaker) for q in a.quotes]


def test_short_quoted_words_without_a_speech_verb_beside_them_are_no_quote(attribute):
    # a speech verb further on in the sentence is not the cue of a scare-quoted word
    a = attribute('The depot was "finished," as the sign at the gate put it, though the engineers who built it '
                  'said on Friday that the roof still leaked.')
    assert [q for q in a.quotes if q.direct and "finished" in q.content] == [], [(q.content, q.rule) for q in a.quotes]


@pytest.mark.parametrize("text, first, second, second_cue", [
    # a second speech verb with no subject of its own, just before the piece
    ('"The river is rising fast," the ranger warned the campers before asking them, '
     '"Who will help us carry the boats?"', "The river is rising fast", "Who will help us carry", "asking"),
    # a second speech verb whose clause takes in the piece
    ('"They played with heart," the coach said, going on to insist that the referee had "never seen a '
     'cleaner tackle in his life."', "They played with heart", "never seen a cleaner tackle", "insist"),
])
def test_a_quoted_piece_with_its_own_speech_verb_is_a_statement_of_its_own(attribute, text, first, second,
                                                                           second_cue):
    a = attribute(text)
    one, two = _covering(a, first), _covering(a, second)
    assert len(one) == 1 and len(two) == 1 and one[0] is not two[0], [(q.cue, q.content) for q in a.quotes]
    assert two[0].cue == second_cue and two[0].direct
    assert two[0].speaker == one[0].speaker


def test_a_verb_with_its_own_object_between_pieces_does_not_split_the_quote(attribute):
    # a guard on the rule above (a piece with its own speech verb is a statement of its own): it
    # passes without that rule too; it is there to catch the rule growing to split at any verb
    a = attribute('"The ferry will run again," the mayor said, thanking the volunteers. "The pier is safe now."')
    hits = _covering(a, "The ferry will run again")
    assert len(hits) == 1 and "The pier is safe now" in hits[0].content, [(q.cue, q.content) for q in a.quotes]


@pytest.mark.parametrize("text, first, second, second_cue, speaker", [
    ('"The plan is dead," the senator told reporters. Later that day, in a radio interview, she went even '
     'further: "If the council votes for it, I will sue."', "The plan is dead", "I will sue", "went", "she"),
    ('I laughed and said, "I don\'t care about the cows." He got so angry, and started shouting so loudly, '
     'that I had to take it back: "Of course I care about the cows. I was only joking."',
     "I don't care about the cows", "Of course I care", "take", "I"),
])
def test_a_colon_lead_in_sentence_between_two_quotes_starts_a_statement(attribute, text, first, second,
                                                                        second_cue, speaker):
    a = attribute(text)
    one, two = _covering(a, first), _covering(a, second)
    assert len(one) == 1 and len(two) == 1 and one[0] is not two[0], [(q.cue, q.content) for q in a.quotes]
    assert two[0].cue == second_cue and two[0].speaker == speaker


def test_a_second_speaker_right_before_a_quoted_piece_takes_it(attribute):
    a = attribute('When Lee accused Park of being too soft on banks, she said "I fought the banks harder than '
                  'anyone" in every hearing. Lee shot back, "Park praised them. They must have been terrified."')
    one, two = _covering(a, "I fought the banks"), _covering(a, "Park praised them")
    assert len(one) == 1 and len(two) == 1 and one[0] is not two[0], [(q.cue, q.content) for q in a.quotes]
    assert two[0].speaker == "Lee" and two[0].cue == "shot"


def test_a_piece_that_goes_on_the_sentence_is_not_split_at_a_verb_before_it(attribute):
    a = attribute('"We will win," the mayor said as the crowd cheered, "and we will win big."')
    hits = _covering(a, "We will win")
    assert len(hits) == 1 and "we will win big" in hits[0].content, [(q.cue, q.content) for q in a.quotes]


def test_a_closing_mark_typed_for_the_opening_one_at_a_line_start_opens_a_quote(attribute):
    a = attribute("Readers wrote in about the new park.\n\n”The playground is far too small for the children of "
                  "our street. We asked for a bigger one.” ― Maria Lopez\n"
                  "“I walk my dog there every morning and love it.” ― Peter Wainwright\n")
    first = _covering(a, "The playground is far too small")
    assert len(first) == 1 and "Lopez" in (first[0].speaker or ""), [(q.speaker, q.content) for q in a.quotes]
    assert "I walk my dog" not in first[0].content


def test_a_quote_without_a_cue_right_after_a_reported_claim_takes_its_speaker(attribute):
    a = attribute('"We will finish the bridge by May," the mayor said.\n\nOn Sunday, Senator Anna Berg called the '
                  'plan reckless and said the money should go to schools. "The children have waited long enough."')
    hits = _covering(a, "The children have waited long enough")
    assert len(hits) == 1 and hits[0].speaker == "Anna Berg", [(q.rule, q.speaker, q.content) for q in a.quotes]


def test_a_list_after_a_lead_in_that_already_reports_a_claim_is_no_block_quote(attribute):
    a = attribute("The council met on Monday.\n\nThe auditor suggested that the town has three tasks ahead of it:\n\n"
                  "Fix the roads before the winter comes back.\n\nPay the teachers what they are owed.\n\nThe end.")
    assert not [q for q in a.quotes if q.rule == "block-quote"], [(q.rule, q.cue, q.content) for q in a.quotes]
