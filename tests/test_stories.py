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
from sitrep.stories.embed import embed, story_text
from sitrep.stories.link import EMBED_DAYS, FAR_DAYS, SAME_TOPIC, TOPIC_FLOOR, linked
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


def test_headline_embeddings_veto_and_make_links():
    d = date(2031, 5, 6)
    near, far, beyond = date(2031, 5, 7), date.fromordinal(d.toordinal() + FAR_DAYS + 10), \
        date.fromordinal(d.toordinal() + EMBED_DAYS + 1)
    assert linked(0.5, d, near) and linked(0.5, d, near, TOPIC_FLOOR)  # terms agree, headlines not apart
    assert not linked(0.5, d, near, TOPIC_FLOOR - 0.01)  # shared words, different things: vetoed
    assert not linked(0.05, d, far) and linked(0.05, d, far, SAME_TOPIC)  # one thing, weeks apart
    assert not linked(0.05, d, beyond, 0.99)  # a year on is history, not the same story
    assert not linked(0.05, None, d, 0.99) and linked(0.05, None, None, SAME_TOPIC)


def test_headline_embeddings_are_deterministic_and_read_meaning():
    titles = [a.title for a in CORPUS]
    together = embed(titles)
    alone = [embed([t])[0] for t in titles]
    assert all((together[i] == alone[i]).all() for i in range(len(titles)))  # batch and order change nothing
    sims = together @ together.T
    wire, copy, reaction, summit_a, summit_b, summit_a2 = range(6)
    assert sims[wire, copy] > sims[wire, summit_a] and sims[summit_a, summit_a2] > sims[summit_a, summit_b]
    assert embed([""])[0].any() == False  # noqa: E712 - an empty text gives a zero row, not noise
    # no headline: the opening words stand in, page furniture left out
    assert story_text(None, "Missiles struck the port. " * 20).startswith("Missiles struck the port.")
    assert story_text("Video", STRIKE).startswith("Video. Missiles struck the river port of Varnograd")


def test_a_development_weeks_later_joins_its_story_by_headline(tmp_path):
    later = [
        # six weeks on, in other words: shares "Varnograd" but little else with the strike reports
        art("strike-reopen", "2031-06-17", "Varnograd grain terminal reopens six weeks after missile strike",
            "Loading resumed at the Varnograd terminal on Monday after divers certified the repaired quay. "
            "The first freighter took on barley for export.", source="Port Gazette"),
        # the same town in other news, also weeks later
        art("varnograd-football", "2031-06-17", "Varnograd hosts regional football final",
            "Varnograd's stadium filled for the regional final on Monday, which the home side won two-nil. "
            "Fans crowded the riverside bars until late.", source="Sports Desk"),
    ]
    _, members, _ = build(tmp_path, "later", [CORPUS, later])
    assert members["strike-reopen"] == members["strike-wire"]
    assert members["varnograd-football"] != members["strike-wire"]


def test_articles_stored_without_embeddings_link_by_their_terms(tmp_path):
    path = tmp_path / "old.duckdb"
    first = [a for a in CORPUS if a.id != "strike-reaction"]
    with Store.open(path) as db:
        db.add(first)
        corroborate.update_clusters(db, [a.id for a in first])
        db.connection.execute("UPDATE story_features SET embedding = NULL")  # as stored before migration 0008
        late = [a for a in CORPUS if a.id == "strike-reaction"]
        db.add(late)
        corroborate.update_clusters(db, ["strike-reaction"])
        members = dict(db.connection.execute("SELECT article_id, story_id FROM story_articles").fetchall())
        topics = db.connection.execute("SELECT topic FROM story_links WHERE 'strike-reaction' IN (article_id, other_id)"
                                       ).fetchall()
    assert members["strike-reaction"] == members["strike-wire"]
    assert topics and all(t is None for (t,) in topics)


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
    con = duckdb.connect(str(path))  # undo migrations 0006 and 0008 as if written by an older release
    for t in ("stories", "story_aliases", "story_articles", "story_links", "story_keys", "story_features"):
        con.execute(f"DROP TABLE {t}")
    con.execute("DELETE FROM schema_migrations WHERE version IN (6, 8)")
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


def test_copies_link_to_their_original_only(tmp_path):
    """Copies of one item (found by dedup) join their original's story without being compared
    with each other, and their events still cluster with the other outlets' reports."""
    copies = [art(f"copy-{i:03d}", "2031-05-06", "Missiles hit Varnograd grain terminal", STRIKE + f" Ref {i}.",
                  source=f"Outlet {i}") for i in range(60)]
    path = tmp_path / "copies.duckdb"
    with Store.open(path) as db:
        db.add(CORPUS)
        corroborate.update_clusters(db, [a.id for a in CORPUS])
        db.add(copies)
        up = corroborate.update_clusters(db, [a.id for a in copies])
        members = dict(db.connection.execute("SELECT article_id, story_id FROM story_articles").fetchall())
        keyed = {r[0] for r in db.connection.execute("SELECT DISTINCT article_id FROM story_keys").fetchall()}
    assert {members[a.id] for a in copies} == {members["strike-wire"]}
    assert up.stories.candidates <= 2 * len(copies)  # each copy with its original, not with each other
    # "copy-000" sorts first on the same day, so dedup makes it the group's original: it alone is keyed
    assert keyed & {a.id for a in copies} == {"copy-000"}
