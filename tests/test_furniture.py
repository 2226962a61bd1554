"""Page furniture (`sitrep.furniture`): captions, credits, bylines, prompts found by span,
never coded, and never a sentence of the story. Every sentence here is written for the test."""

from __future__ import annotations

import pytest

from sitrep import data
from sitrep.furniture import Spans, find, load_patterns
from sitrep.model import Article
from sitrep.settings import Settings


def _found(text: str) -> list[tuple[str, str]]:
    return [(s.pattern, text[s.start:s.end]) for s in find(text)]


def _is_furniture(line: str) -> bool:
    spans = find(line)
    return bool(spans) and spans[0].start == 0 and spans[0].end == len(line.strip())


# ---------------------------------------------------------------- the data file
def test_data_file_loads_against_its_schema():
    raw = data.load("furniture")
    assert raw["version"] >= 1
    patterns = load_patterns()
    assert len({p.id for p in patterns}) == len(patterns)
    assert {p.kind for p in patterns} <= set(raw["kinds"])


@pytest.mark.parametrize("pattern", [
    "{id: x, kind: advert, match: everywhere, regex: 'a'}",
    "{id: x, kind: advert, match: inline, regex: 'a', min_count: 3}",  # a count is for line patterns
])
def test_a_bad_pattern_is_refused(tmp_path, pattern):
    from sitrep.errors import DataFileError

    (tmp_path / "furniture.yaml").write_text(
        f"version: 1\nkinds: [advert]\npatterns:\n  - {pattern}\n")
    data.clear_cache()
    try:
        with pytest.raises(DataFileError):
            load_patterns(str(tmp_path))
    finally:
        data.clear_cache()
        load_patterns.cache_clear()


# ---------------------------------------------------------------- what is furniture
@pytest.mark.parametrize("line", [
    "Tass | Updated: 2023-03-02 09:41",
    "Last updated on 14 March 2022 10:05 GMT",
    "Published 3 hours ago",
    "Advertisement Continue reading the main story",
    "Advertisement",
    "Read more",
    "READ MORE: Kremlin hints at new talks over grain corridor",
    "Related: Baltic states tighten border checks",
    "Related stories Navy drills off the coast Defence budget rises again",
    "Media playback is unsupported on your device",
    "Media playback isn't supported on this device",
    "By signing up, you agree to our Terms of Use and Privacy Policy.",
    "Sign up for our weekly defence newsletter and never miss a story",
    "We use cookies to give you the best experience on our site.",
    "Follow us on Twitter",
    "Follow Maria Lindqvist on Twitter @mlindqvist.",
    "Share Tweet Email",
    "Share this article",
    "Reporting by Tom Hale; Editing by Alice Brun",
    "(Additional reporting by Omar Said in Cairo; Editing by Paul Grey)",
    "Reporting by Ana Costa in Lisbon",
    "Ivan Petrov and Lena Sorokina contributed to this report.",
    "This article was amended on 12 May 2022 to correct the name of the regiment.",
    "Correction: An earlier version of this story was updated to fix a date.",
    "Photo: AFP/Getty Images",
    "Photo",
    "Image copyright Getty Images Image caption Soldiers at a checkpoint",
    "Anna Weber/Reuters",
    "Reuters/Pavel Orlov",
    "Jonas Berg via Getty Images.",
    "Getty Images Soldiers unload crates from a lorry near the port",
    "Nina Holt / Reuters Sailors are seen on the deck of a frigate moored in Gdynia, Poland, May 2, 2021.",
    "Jonas Berg / AP A soldier walks past a burnt-out truck on the outskirts of Kharkiv.",
    "Soldiers unload crates from a lorry near the port on Tuesday. [Photo/Agencies]",
    "A convoy crosses the bridge at dawn. (Nina Holt/AFP via Getty Images)",
    "FILE - In this Monday, June 3, 2019, file photo, a frigate leaves port.",
    "FILE PHOTO: A tank rolls past a ruined school.",
    "In this photo released by the defence ministry, a launcher is seen in a field.",
    "Copyright 2021 The Associated Press. All rights reserved.",
    "© 2020 Example Wire",
    "By Malcolm Hart",
    "By Sara Ng | Reuters",
    "[Navy chief says fleet will grow by a third]",
    "<div class=\"share-bar\">",
    "3:41 p.m.",
    "Keep up with this story: get our daily alerts",
    "JUST WATCHED How the frigate deal fell apart",
    "MUST WATCH Why do the drills keep growing?",
    "MOST READ IN NEWS HARBOUR DRAMA Ferry runs aground off Brest FESTIVE CHAOS Storm shuts airports across Wales",
    "TRENDING NOW Five things to know about the new frigate",
    "Divers find a wreck off Malta PORT SHOCK Ferry hits the quay in fog SKY HIGH Balloon crosses the Alps in a day FROZEN OUT Ski lift halted by storms",
    "Frigate gallery, picture two: Skip in Skip x Embed x Share. Tugs escort the frigate out of port.",
])
def test_furniture_lines_are_found_whole(line):
    assert _is_furniture(line), _found(line)


def test_a_whole_carousel_on_one_long_line_is_furniture():
    # a video carousel flattened into one line far longer than any caption: the controls of
    # each of its items give it away
    items = [f"{i} of 40 Skip in Skip x Embed x Share CLOSE Harbour news | 0:4{i % 10} The frigate "
             f"leaves port for sea trials, escorted by two tugs and a pilot boat. Video {i}." for i in range(1, 41)]
    line = " ".join(items)
    assert len(line) > 4000
    assert _is_furniture(line), _found(line)[:3]


def test_one_set_of_player_controls_in_a_long_paragraph_does_not_make_it_furniture():
    story = ("The frigate left port on Monday for sea trials. " * 80) + "Skip in Skip x Embed x Share"
    assert not _is_furniture(story)


# ---------------------------------------------------------------- what is not
@pytest.mark.parametrize("line", [
    # the words of furniture patterns inside sentences of a story
    "A photo released by the ministry showed damaged hangars at the airbase.",
    "In a photo posted on Telegram, the governor stood beside a burnt-out tank.",
    "Protesters held banners that read 'No to war' outside the parliament.",
    "The ministry updated its casualty figures on Monday, saying 12 soldiers died.",
    "Updated guidance was published on Monday by the defence ministry.",
    "Published on May 3, the report accused the army of shelling homes.",
    "Reporting by The Kyiv Independent revealed that the brigade had withdrawn.",
    "Related to the attack, police arrested two men in Odesa on Sunday.",
    "By Christmas, Russia had lost the town.",
    "By Monday, troops had pulled back from the river.",
    "By The Hague's reckoning, the court has jurisdiction.",
    "Follow-up talks are planned in Geneva next week.",
    "Like many users on Twitter, the minister posted a map of the front.",
    "The statement was released via Reuters on Friday evening.",
    "EPA Administrator Lee Zeldin said the spill was under control.",
    "Reuters reported on Monday that the frigate had left Gdynia.",
    "AP sources say the fleet will sail next week.",
    "Copyright disputes between the two firms have dragged on for years.",
    "This site uses centrifuges to enrich uranium, inspectors said.",
    "Subscribers to the channel saw the video before it was deleted.",
    "Read the statement in full, the spokesman urged reporters.",
    "The army said the drill was a share of its annual training plan.",
    "Watch towers along the border were manned around the clock.",
    "The report was published in 2021 and updated in 2023.",
    "(AFP) Russian forces struck an energy facility near Kharkiv.",
    "The Prime Minister / AP reported that the frigate had sailed.",
    "Officials are seen as the likely winners, Reuters reported.",
    "The agency's photographer was wounded by shrapnel near Bakhmut.",
    "Just watched the parade, a veteran said of the ceremony in Minsk.",
    "Up next is a vote on the defence budget, the speaker said.",
    "Most read in the region, the paper backed the ceasefire on Monday.",
    "Trending on social media, the clip showed a launcher near Kursk.",
    "The US and UK envoys met NATO chiefs and EU ministers in Brussels, the UN said.",
    "NATO AWACS planes and US F-35 jets flew over the Baltic as the UK MoD Typhoons stood by.",
])
def test_story_sentences_are_not_furniture(line):
    assert find(line) == [], _found(line)


def test_inline_furniture_marks_only_itself():
    text = "Drones struck a depot near Belgorod, officials said. Read more\nThe governor ordered an evacuation."
    [(pid, got)] = _found(text)
    assert (pid, got) == ("read_more_tail", "Read more")
    assert text.index("Read more") == find(text)[0].start


def test_a_credit_glued_to_a_paragraph_is_furniture_and_the_paragraph_is_not():
    text = "Nina Holt / Reuters The council said on Monday it would meet again in June."
    [(pid, got)] = _found(text)
    assert (pid, got) == ("credit_prefix", "Nina Holt / Reuters")


@pytest.mark.parametrize("text, credit", [
    ("AP:Associated Press Sailors line the deck of a frigate as it leaves Gdynia", "AP:Associated Press"),
    ("Handout - Getty Two jets take off from an airbase near the coast", "Handout - Getty"),
    ("EPA The frigate was seen leaving port on Tuesday morning", "EPA"),
])
def test_an_agency_credit_glued_before_a_caption_is_furniture_and_the_caption_is_not(text, credit):
    [(pid, got)] = _found(text)
    assert (pid, got) == ("caption_credit_prefix", credit)


def test_offsets_are_into_the_text_as_given():
    text = "  Photo: AFP  \r\nTroops crossed the river.\r\n\r\nCopyright 2020 Example Wire\n"
    spans = find(text)
    assert [text[s.start:s.end] for s in spans] == ["Photo: AFP", "Copyright 2020 Example Wire"]


def test_spans_cover_runs_over_whitespace_and_adjacent_spans():
    text = "Photo\n\nVideo\nTanks rolled in."
    spans = Spans([(0, 5), (7, 12)])
    assert spans.covers(text, 0, 12)
    assert not spans.covers(text, 0, len(text))
    assert spans.contains(3) and not spans.contains(5) and not spans.contains(13)


# ---------------------------------------------------------------- through the pipeline
ARTICLE = (
    "Navy seizes tanker in the Gulf\n"
    "Example Wire | Updated: 2024-03-05 08:12\n"
    "Getty Images Iranian forces attacked a tanker near Hormuz\n"
    "The Iranian navy seized an oil tanker in the Gulf on Monday, the defence ministry said.\n"
    "Follow us on Twitter\n"
    "READ MORE: Iran says it will retaliate against any attack\n"
    "“We will not be intimidated,” the ship's owner said in a statement.\n"
    "(Reporting by Carla Diaz; Editing by Tom Reed)\n"
)


@pytest.fixture(scope="module")
def coded(pipeline):
    a = Article(id="furn", text=ARTICLE, date="2024-03-05", origin="<test>", format="text")
    return pipeline(a)


def test_furniture_is_recorded_and_counted(coded):
    kinds = [k for _, _, k in coded.furniture]
    assert kinds == ["dateline", "caption", "share", "related", "byline"]
    for a, b, _ in coded.furniture:
        assert ARTICLE[a:b].strip() == ARTICLE[a:b]  # offsets into the unchanged text
    assert coded.text == ARTICLE
    assert any(w.startswith("furniture: 5 span(s) not coded") for w in coded.warnings)


def test_no_event_or_quote_comes_from_furniture(coded):
    spans = Spans((a, b) for a, b, _ in coded.furniture)
    assert coded.events, "the story's own sentence still gives its event"
    for ev in coded.events:
        assert not spans.contains(ev.evidence.trigger_start), ev.evidence.sentence
    for q in coded.quotes:
        assert not spans.contains(q.start), q.content
    sentences = {ev.evidence.sentence.strip() for ev in coded.events}
    assert any("seized an oil tanker" in s for s in sentences)
    assert any("intimidated" in q.content for q in coded.quotes)


def test_triage_skips_furniture_sentences(coded):
    for s in coded.sentences:
        if "Getty Images" in s.text or "READ MORE" in s.text:
            assert s.depth == "tokens", s.text
        if "seized an oil tanker" in s.text:
            assert s.depth == "parse"


def test_the_same_without_the_furniture_gives_events_there(pipeline):
    """The guard: without the furniture stage the caption and the read-more line do give
    events, so the tests above can fail."""
    a = Article(id="furn2", text=ARTICLE, date="2024-03-05", origin="<test>", format="text")
    for st in pipeline.stages:
        if st.name in ("furniture", "furniture_drop"):
            continue
        a = st.run(a)
    caption = ARTICLE.index("Getty Images")
    read_more = ARTICLE.index("READ MORE")
    starts = {ev.evidence.trigger_start for ev in a.events}
    assert any(caption <= s < read_more - 30 or read_more <= s < read_more + 60 for s in starts)


def test_full_parse_drops_them_too():
    from sitrep.pipeline import get_pipeline

    full = get_pipeline(Settings.from_env(parse="full"))
    a = full(Article(id="furn3", text=ARTICLE, date="2024-03-05", origin="<test>", format="text"))
    spans = Spans((x, y) for x, y, _ in a.furniture)
    assert a.events
    assert not any(spans.contains(ev.evidence.trigger_start) for ev in a.events)
    assert not any(spans.contains(q.start) for q in a.quotes)


def test_an_article_without_furniture_has_no_warning(pipeline):
    a = pipeline(Article(id="furn4", text="The navy seized an oil tanker in the Gulf on Monday.",
                         date="2024-03-05", origin="<test>", format="text"))
    assert a.furniture == []
    assert not any(w.startswith("furniture") for w in a.warnings)


def test_the_headlines_listed_under_a_read_more_label_are_furniture_until_the_story_resumes():
    text = ("The minister left for Oslo on Friday.\n\n"
            "Read more:\n"
            "Norway tightens rules on fishing quotas in the Barents Sea\n"
            "Why the Arctic council matters more than ever\n"
            "The talks resume in Tromso next week, officials said.\n")
    assert _found(text) == [("read_more_line", "Read more:"),
                            ("related_list", "Norway tightens rules on fishing quotas in the Barents Sea"),
                            ("related_list", "Why the Arctic council matters more than ever")]
    # a label followed by a paragraph of the story takes nothing with it
    assert [t for _, t in _found("Read more:\nThe talks resume in Tromso next week, officials said.\n")] == ["Read more:"]


def test_a_caption_ending_in_its_bare_credit_and_a_headline_ending_in_read_more_are_furniture():
    assert _is_furniture("Supporters wave flags outside the stadium in Lyon (Getty)")
    assert _is_furniture("Ferry operator cancels winter crossings to the islands Read more")
    # a story sentence ends with its full stop, whatever follows
    assert not find("The ministry said the convoy had crossed the border (AFP).")
    assert [s.pattern for s in find("The talks ended without a deal. Read more")] == ["read_more_tail"]


def test_a_credit_glued_before_a_caption_names_no_party_and_the_caption_keeps_its_event():
    import sitrep

    text = "AP:Associated Press Iran seized a tanker in the Strait of Hormuz, officials said\n"
    art = sitrep.code(text, date="2025-03-04")
    seized = [e for e in art.events if e.type == "COERCE"]
    assert seized and all({a.code for a in e.actor} == {"IRN"} for e in seized), art.events
    assert not any(e.text in ("AP", "Associated Press") for e in art.entities)


def test_a_credit_glued_before_a_caption_lends_no_code_to_later_mentions_of_its_names():
    import sitrep

    text = ("Reuters Chinese Premier Li Qiang waves from a podium at a party congress in Beijing\n"
            "Li and his ministers drew sharp criticism from Manila on Friday.\n")
    art = sitrep.code(text, date="2025-03-04")
    criticised = [{r.code for r in e.recipient} for e in art.events if e.type == "ACCUSE"]
    assert criticised and not any("REUTERS" in r for r in criticised), criticised


@pytest.mark.parametrize("line", [
    "A Chilean rocket launcher is fired during a drill at a range near Antofagasta on May 9, 2023.",
    "Protesters are seen outside the parliament in Tbilisi, Georgia, December 2, 2024. REUTERS/Jane Doe",
])
def test_a_dated_photo_caption_is_furniture(line):
    assert _is_furniture(line), _found(line)


@pytest.mark.parametrize("line", [
    "The minister is expected to visit Warsaw on June 2, 2025.",
    "The vote is delayed until March 3, 2025, the electoral commission said.",
    "The treaty is signed in Paris on March 3, 2020, officials said, and it takes effect next year.",
])
def test_a_dated_sentence_of_the_story_is_not_a_caption(line):
    assert not _is_furniture(line), _found(line)
