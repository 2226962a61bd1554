"""Stories: articles grouped by development, incremental and order-independent.

The small corpora here are written for these tests (invented places and people
where it helps); articles are stored uncoded (no events), so the linking is
tested on its own and fast. The founding-article test codes with the pipeline.
"""

from __future__ import annotations

import json
import random
from datetime import date

import pytest
from click.testing import CliRunner

from sitrep import corroborate
from sitrep.model import Article
from sitrep.store import Store
from sitrep.stories import features
from sitrep.stories.link import linked
from sitrep.stories.read import CONTRACT_KEYS, stories, story


def art(id: str, date: str, title: str, text: str, source: str = "Example Wire") -> Article:
    return Article(id=id, text=text, title=title, date=date, source=source, origin=f"test:{id}", format="text",
                   language="en")


STRIKE = (
    "Missiles struck the river port of Varnograd overnight, destroying a grain terminal and two cranes, "
    "the regional governor Oleksiy Dremchuk said on Tuesday. Firefighters worked through the night at the "
    "Varnograd terminal. Dremchuk said the attack came from the south and that the port would stay closed "
    "for a week while engineers inspect the quay walls."
)
CORPUS = [
    art("strike-wire", "2031-05-06", "Missiles hit Varnograd grain terminal", STRIKE),
    # a syndicated copy, lightly edited, in another outlet
    art("strike-copy", "2031-05-06", "Varnograd grain terminal hit by missiles",
        STRIKE.replace("overnight", "during the night"), source="Daily Courier"),
    # a reaction two days later, in its own words
    art("strike-reaction", "2031-05-08", "Grain traders fear delays after Varnograd port strike",
        "Two days after missiles wrecked the grain terminal at Varnograd, traders said shipments would be "
        "delayed. Governor Oleksiy Dremchuk repeated that the port stays closed while engineers check the "
        "quay walls, and the shipping association asked for insurance guarantees for the Varnograd route.",
        source="Market Bulletin"),
    # two summits on the same day, in different capitals, on different matters
    art("summit-a", "2031-05-06", "Talvia and Oskaria sign fisheries pact at Lindholm summit",
        "The prime ministers of Talvia and Oskaria met in Lindholm on Tuesday and signed a fisheries pact "
        "sharing cod quotas in the northern banks. Talvian premier Ingrid Halvorsen called the quota deal "
        "fair to trawler crews on both coasts."),
    art("summit-b", "2031-05-06", "Qesharan and Dovlet leaders agree pipeline route in Marakand",
        "The presidents of Qesharan and Dovlet met in Marakand on Tuesday and agreed the route of a gas "
        "pipeline across the steppe. Dovlet's president Timur Sadykov said the compressor stations would be "
        "built by local contractors."),
    art("summit-a2", "2031-05-07", "Cod quota pact between Talvia and Oskaria welcomed by trawler crews",
        "Trawler crews in Talvia welcomed the fisheries pact signed in Lindholm, which shares cod quotas on "
        "the northern banks with Oskaria. Premier Ingrid Halvorsen said the quota deal would be reviewed "
        "each spring."),
]


def build(tmp_path, name, batches):
    path = tmp_path / f"{name}.duckdb"
    with Store.open(path) as db:
        for batch in batches:
            db.add(batch)
            corroborate.update_clusters(db, [a.id for a in batch])
        members = dict(db.connection.execute("SELECT article_id, story_id FROM story_articles").fetchall())
        rows = {r["story_id"]: r for r in stories(db)}
    return path, members, rows


def test_copies_reactions_and_two_summits_on_one_day(tmp_path):
    _, members, _ = build(tmp_path, "one", [CORPUS])
    assert members["strike-wire"] == members["strike-copy"] == members["strike-reaction"]
    assert members["summit-a"] == members["summit-a2"]
    assert members["summit-a"] != members["summit-b"]
    assert members["summit-a"] != members["strike-wire"]
    assert members["summit-b"] != members["strike-wire"]


def test_same_stories_and_ids_in_any_order(tmp_path):
    _, first, rows1 = build(tmp_path, "a", [CORPUS])
    shuffled = CORPUS[:]
    random.Random(7).shuffle(shuffled)
    _, second, rows2 = build(tmp_path, "b", [[a] for a in shuffled])  # one article per ingest
    _, third, _ = build(tmp_path, "c", [list(reversed(CORPUS))[:3], list(reversed(CORPUS))[3:]])
    assert first == second == third
    assert {k: (v["articles"], v["title"]) for k, v in rows1.items()} == \
           {k: (v["articles"], v["title"]) for k, v in rows2.items()}


def test_a_bridging_article_merges_two_stories_and_the_old_id_stays_an_alias(tmp_path):
    late = [a for a in CORPUS if a.id == "strike-reaction"]
    early = [a for a in CORPUS if a.id != "strike-reaction"]
    path, members, _ = build(tmp_path, "m", [[a for a in early if a.id != "strike-copy"], late,
                                             [a for a in early if a.id == "strike-copy"]])
    with Store.open(path, read_only=True) as db:
        assert story(db, members["strike-wire"])["articles"] == ["strike-copy", "strike-wire", "strike-reaction"]


def test_contract_and_re_ingest_adds_nothing(tmp_path):
    path, _, rows = build(tmp_path, "k", [CORPUS])
    with Store.open(path) as db:
        up = corroborate.update_clusters(db, [a.id for a in CORPUS])
        assert up.stories.articles == 0
        for rec in stories(db):
            assert set(CONTRACT_KEYS) <= set(rec)
            assert rec["reliability"] == "F" and rec["credibility"] == 6  # nothing coded: cannot be judged
        assert stories(db, since="2031-05-08")[0]["articles"] == ["strike-copy", "strike-wire", "strike-reaction"]


def test_a_link_depends_on_the_two_articles_only():
    a = features.article_vector(CORPUS[0].title, CORPUS[0].text)
    b = features.article_vector(CORPUS[2].title, CORPUS[2].text)
    assert features.similarity(a, b) == pytest.approx(features.similarity(b, a))
    assert linked(0.5, None, None) and not linked(0.5, None, date(2031, 5, 6))  # undated meets undated only
    assert linked(0.16, date(2031, 5, 6), date(2031, 5, 9)) and not linked(0.16, date(2031, 5, 6), date(2031, 5, 10))
    assert features.blocking_terms(a) == features.blocking_terms(dict(reversed(list(a.items()))))


def test_cli_stories_jsonl_and_story(tmp_path):
    from sitrep.cli import cli

    path, members, _ = build(tmp_path, "cli", [CORPUS])
    res = CliRunner().invoke(cli, ["stories", "--db", str(path), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in res.output.splitlines()]
    assert len(lines) == 3 and all(set(CONTRACT_KEYS) <= set(x) for x in lines)
    res = CliRunner().invoke(cli, ["story", "--db", str(path), members["summit-a"]])
    assert res.exit_code == 0 and "Lindholm" in res.output
    res = CliRunner().invoke(cli, ["story", "--db", str(path), "Snope"])
    assert res.exit_code == 1 and "no story" in res.output
    res = CliRunner().invoke(cli, ["stories", "--db", str(path), "--since", "May 5"])
    assert res.exit_code == 2


def test_an_old_database_upgrades_and_gets_its_stories(tmp_path):
    import duckdb

    path = tmp_path / "old.duckdb"
    with Store.open(path) as db:
        db.add(CORPUS)
        corroborate.update_clusters(db, [a.id for a in CORPUS])
    con = duckdb.connect(str(path))  # undo migration 0006 as if written by the previous release
    for t in ("stories", "story_aliases", "story_articles", "story_links", "story_keys", "story_features"):
        con.execute(f"DROP TABLE {t}")
    con.execute("DELETE FROM schema_migrations WHERE version = 6")
    con.close()
    from sitrep.ingest_run import repair

    assert repair(str(path)) == len(CORPUS)
    with Store.open(path, read_only=True) as db:
        assert len(stories(db)) == 3


@pytest.mark.slow
def test_the_founding_article_story_rests_on_one_state_media_source(tmp_path, founding_text, pipeline):
    a = Article(id="founding", text=founding_text, date="2024-12-01", origin="founding", format="text")
    coded = next(iter(pipeline.run([a])))
    with Store.open(tmp_path / "f.duckdb") as db:
        db.add([coded])
        corroborate.update_clusters(db, ["founding"])
        (rec,) = stories(db)
    reasons = " | ".join(rec["reasons"])
    assert rec["independent_origins"] == 1
    assert reasons.count("single origin") == 1 and "state media" in reasons
    assert "anonymous official" in reasons and "unnamed expert" in reasons
    assert rec["reliability"] in "DEF" and rec["credibility"] >= 4
    assert any("Oreshnik" in e["weapons"] for e in rec["top_events"])
