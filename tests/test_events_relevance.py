"""The relevance stage: events without any coded party are left out of an article in which no
event has a political actor, and kept elsewhere. Every text here is written for these tests."""

from __future__ import annotations

import sitrep

FILM = ("The studio released a new trailer for its summer film on Thursday. "
        "The heroes meet another team of misfits in the second half of the story. "
        "Critics praised the effects and the score. "
        "The film opens in cinemas in May, the distributor said.")

# an article about no political actor, with a contentious act in it
STREET = ("Hundreds of students marched through the city centre on Saturday. "
          "The marchers carried banners and sang songs. "
          "Shop owners praised the calm mood of the crowd. "
          "The organisers said another march would follow next month.")

POLITICS = ("Poland's president met Lithuania's prime minister in Vilnius on Monday. "
            "The two leaders discussed air defence along the border. "
            "Three fishermen were released on Tuesday after two weeks in custody. "
            "Officials declined to say who had held them.")


def test_an_article_without_political_actors_has_no_actorless_events():
    article = sitrep.code(FILM, date="2025-03-04")
    assert article.events == []
    assert any(w.startswith("relevance:") for w in article.warnings)


def test_contentious_acts_stay_whoever_commits_them():
    article = sitrep.code(STREET, date="2025-03-04")
    types = [e.type for e in article.events]
    assert "PROTEST" in types and "SUPPORT" not in types


def test_a_political_article_keeps_its_actorless_events():
    article = sitrep.code(POLITICS, date="2025-03-04")
    assert any(any(a.code for a in e.actor) for e in article.events)
    released = [e for e in article.events if e.type == "RETREAT"]
    assert released and not any(a.code for a in released[0].actor + released[0].recipient)


def test_a_single_report_keeps_its_events():
    article = sitrep.code("Gunmen attacked a bus on the highway on Sunday night.", date="2025-03-04")
    assert [e.type for e in article.events] == ["ASSAULT"]


def test_an_analysts_commentary_codes_no_event():
    text = ("Iran launched a satellite on Sunday, state media said. "
            "Lena Ortiz, a professor of security studies at Leiden University, said Iran would test "
            "more missiles before the talks.")
    article = sitrep.code(text, date="2025-03-04")
    assert [e.type for e in article.events if "Leiden" in e.evidence.sentence] == []
    assert any(w.startswith("relevance:") and "analyst" in w for w in article.warnings)


def test_an_officials_words_keep_their_event():
    text = ("Iran launched a satellite on Sunday, state media said. "
            "Hossein Amiri, Iran's defence minister, said Iran would test more missiles before the talks.")
    article = sitrep.code(text, date="2025-03-04")
    assert [e.type for e in article.events if "defence minister" in e.evidence.sentence]


def test_unnamed_experts_comment_too():
    text = ("Iran launched a satellite on Sunday, state media said. "
            "Analysts say Iran would test more missiles before the talks in Oman.")
    article = sitrep.code(text, date="2025-03-04")
    assert [e.type for e in article.events if "Analysts" in e.evidence.sentence] == []


# a sports page: words only games have in several sentences
GAME = ("The Harbor Hawks beat the Mountain Lions 5-3 on Sunday to reach the playoffs. "
        "Their pitcher struck out nine batters in seven innings. "
        "In the ninth inning the shortstop fired across the diamond to end the game. "
        "The Hawks battled back from a three-run deficit. "
        "The head coach said the bullpen had saved the season.")


def test_force_on_a_sports_page_is_play():
    article = sitrep.code(GAME, date="2025-03-04")
    assert not [e for e in article.events if e.type in ("ASSAULT", "COERCE", "MOBILIZE")], \
        [(e.type, e.evidence.trigger) for e in article.events]
    assert any("sports page" in w for w in article.warnings)


def test_police_on_a_sports_page_still_act():
    article = sitrep.code(GAME + " Riot police arrested twelve supporters after clashes outside the stadium.",
                          date="2025-03-04")
    assert any(e.type == "COERCE" for e in article.events), [(e.type, e.evidence.trigger) for e in article.events]


def test_a_single_sports_word_does_not_make_a_sports_page():
    text = ("Russian artillery shelled the town of Kupiansk on Sunday, officials said. "
            "A shell hit the stadium where the town once held its playoffs. "
            "Two residents were wounded, the governor said. "
            "Ukraine's army returned fire.")
    article = sitrep.code(text, date="2025-03-04")
    assert any(e.type == "ASSAULT" for e in article.events)


# a company with a country is a private party, not a state's organ
BREACH = ("Equifax said on Monday that hackers had stolen the data of more customers than it first reported. "
          "The company said it was working with a security firm. "
          "Its shares fell sharply after the announcement. "
          "\"This was a deplorable failure that should never have happened,\" Equifax said in a statement.")


def test_a_company_of_a_known_country_makes_an_article_no_political_one():
    article = sitrep.code(BREACH, date="2025-03-04")
    # a company's own words are no stance event, and its country code makes nothing political
    assert not [e for e in article.events if e.evidence.rule.startswith("stance:")], \
        [(e.type, e.evidence.rule) for e in article.events]
