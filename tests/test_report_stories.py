"""The situation report built on stories: caveats on top, stories with grades and reasons, one
line per distinct statement per speaker, weapon systems by modality, links as citations.
The articles are written for this test."""

from __future__ import annotations

import pytest

from sitrep import corroborate
from sitrep.model import Article
from sitrep.report import build_report
from sitrep.store import Store

QUOTE = '"These launchers are a direct threat to our eastern regions," Foreign Minister Radek Sikorski said.'
ARTICLES = [
    ("r1", "2031-03-03", "Wire A", "https://example.org/a/1", "Russia moves Iskander-M launchers to Belarus",
     "Russia deployed Iskander-M launchers to Belarus on Monday, the Belarusian defence ministry said. "
     + QUOTE + " The ministry said the launchers arrived at a base near Brest."),
    ("r2", "2031-03-04", "Paper B", "https://example.org/b/2", "Poland alarmed as Iskander-M launchers reach Belarus",
     "Poland voiced alarm on Tuesday after Russia deployed Iskander-M launchers to Belarus near Brest. "
     + QUOTE + " Officials in Minsk said the launchers would stay for exercises."),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory, pipeline):
    path = tmp_path_factory.mktemp("rep") / "r.duckdb"
    arts = [Article(id=i, text=t, title=ti, date=d, source=s, url=u, origin=i, format="text")
            for i, d, s, u, ti, t in ARTICLES]
    coded = list(pipeline.run(arts))
    with Store.open(path) as store:
        store.add(coded)
        corroborate.update_clusters(store, [a.id for a in coded])
    return path


@pytest.mark.slow
def test_markdown_report_on_stories(db):
    with Store.open(db, read_only=True) as store:
        md = build_report(store)
    assert md.index("## Caveats") < md.index("## Stories") < md.index("## What each speaker said")
    assert "### 1. Russia moves Iskander-M launchers to Belarus" in md  # one story, titled by its first article
    assert "grade **" in md and "independent origin" in md
    speakers = md.split("## What each speaker said", 1)[1].split("## Weapon systems", 1)[0]
    assert speakers.count("Sikorski") == 1  # one speaker entry
    assert speakers.count("direct threat to our eastern regions") == 1  # the repeated statement merged
    assert "(2 outlets)" in speakers
    weapons = md.split("## Weapon systems", 1)[1].split("## Actors", 1)[0]
    assert "Iskander-M" in weapons and "*asserted*" in weapons
    assert "](https://example.org/a/1)" in md  # citations are links


@pytest.mark.slow
def test_html_report_is_rendered_from_the_markdown(db):
    with Store.open(db, read_only=True) as store:
        page = build_report(store, fmt="html")
        empty = build_report(store, fmt="markdown", since="2040-01-01")
    assert page.startswith("<!doctype html>") and "<table>" in page and '<a href="https://example.org/b/2">' in page
    assert "<h2>Caveats</h2>" in page
    assert "No events match the filters." in empty


def _rejection(event_id: str, sentence: str, date: str) -> dict:
    return {"event_id": event_id, "article_id": event_id.split(":")[0], "type": "REJECT", "modality": "asserted",
            "actor": [{"text": "Moscow", "code": "RUS", "sector": None}], "recipient": [], "date": date,
            "article_date": date, "title": "t", "source": "s", "url": None,
            "evidence": {"sentence": sentence, "start": 0, "trigger": "denied"}}


def test_a_denial_printed_twice_is_one_line_with_both_citations():
    from sitrep.briefing import Citations, _denials

    said = "The ministry denied that any launcher had crossed the border."
    lines = _denials([_rejection("x2:0", said, "2031-03-05"), _rejection("x1:0", "  " + said.upper(), "2031-03-05"),
                      _rejection("x3:0", "Minsk dismissed the report as fake.", "2031-03-04")], Citations())
    assert [line["sentence"] for line in lines] == ["Minsk dismissed the report as fake.", said.upper()]
    assert len(lines[1]["more_cites"]) == 1 and lines[1]["more_cites"][0] != lines[1]["cite"]


def test_significance_puts_a_state_s_strike_above_a_widely_reported_breach():
    from sitrep.stories.grade import significance

    breach = significance(set(), False, origins=7, outlets=12)  # a firm hacked: no political actor acts
    strike = significance({"ASSAULT"}, True, origins=1, outlets=1)
    troops = significance({"MOBILIZE"}, False, origins=2, outlets=2)
    assert strike > troops > breach
    assert significance(set(), False, 3, 1) > significance(set(), False, 2, 9)  # origins before outlets


def test_story_caveats_count_in_words():
    from sitrep.briefing import story_caveats

    assert story_caveats(4, 3, 1, 1) == [
        "3 of 4 stories rest on a single origin (no independent confirmation).",
        "1 of 4 stories has no source better than D (state media, unknown outlets or own reporting only).",
        "1 story holds a denial.",
    ]
    assert story_caveats(2, 1, 0, 2)[-1] == "2 stories hold a denial."
