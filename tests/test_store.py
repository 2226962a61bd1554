"""The store stage: migrations, idempotent writes, filters, read-only access."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from sitrep.contract import event_to_dict, quote_to_dict
from sitrep.errors import StoreError, UsageError
from sitrep.model import (
    AcledType,
    Actor,
    Article,
    Attribution,
    Entity,
    Event,
    Evidence,
    Place,
    Quote,
    Weapon,
)
from sitrep.store import AddResult, Store, latest_version, migrate

TABLES = {"articles", "rejections", "entities", "quotes", "events", "event_actors", "event_weapons"}


def make_event(
    type: str,
    *,
    actor: list[Actor],
    recipient: list[Actor] | None = None,
    weapons: list[Weapon] | None = None,
    location: Place | None = None,
    date: str | None = None,
    attribution: Attribution | None = None,
    acled: AcledType | None = None,
    context: list[str] | None = None,
    cameo: str | None = "190",
) -> Event:
    return Event(
        type=type,
        mode=None,
        context=context or [],
        cameo=cameo,
        quad_class=4,
        intensity=-10.0,
        actor=actor,
        recipient=recipient or [],
        weapons=weapons or [],
        location=location,
        date=date,
        modality="asserted",
        attribution=attribution,
        acled=acled,
        evidence=Evidence("The sentence.", 0, 13, "sentence", 4, 12, f"rule.{type.lower()}"),
    )


def make_articles() -> list[Article]:
    """Three coded articles and one rejected input, built by hand."""
    rus = Actor("Russian forces", "RUS", "MIL", 0, 14)
    ukr = Actor("Ukraine", "UKR", None)
    nato = Actor("NATO", "NATO", None)
    pol = Actor("Polish army", "POL", "MIL")
    shahed = Weapon("Shahed drones", "Shahed-136", "loitering munition", "IRN", 20, 33)
    himars = Weapon("HIMARS", "M142 HIMARS", "rocket artillery", "USA")
    kyiv = Place("Kyiv", 40, 44, 50.45, 30.52, "UKR")
    a1 = Article(
        id="art1",
        text="Russian forces struck Kyiv with Shahed drones, officials said.",
        title="Strike on Kyiv",
        date="2024-03-02",
        url="https://example.org/1",
        source="Example News",
        origin="in/a1.txt",
        format="text",
        language="en",
        warnings=["no_byline"],
        entities=[
            Entity("Russian", 0, 7, "NATIONALITY", code="RUS"),
            Entity("Kyiv", 40, 44, "LOCATION", code="UKR", lat=50.45, lon=30.52, country="UKR"),
            Entity("Shahed", 20, 26, "WEAPON", code="Shahed-136", weapon_class="loitering munition", origin="IRN"),
        ],
        quotes=[
            Quote("the strike hit homes", 0, 20, "officials", 50, 59, "anonymous_official", "said", False),
            Quote("We will respond", 60, 75, "Zelensky", 80, 88, "named_person", "said", True, "President",
                  parts=((60, 67), (68, 75))),
        ],
        events=[
            make_event(
                "ASSAULT",
                actor=[rus],
                recipient=[ukr],
                weapons=[shahed],
                location=kyiv,
                date="2024-03-01",
                attribution=Attribution("officials", "anonymous_official", False, "said"),
                acled=AcledType("Explosions/Remote violence", "Air/drone strike"),
                context=["military"],
                cameo="1823",
            ),
            make_event("THREATEN", actor=[ukr], recipient=[rus], cameo="138"),
        ],
    )
    a2 = Article(
        id="art2",
        text="NATO and the Polish army held joint exercises with HIMARS.",
        title="Joint drills",
        date="2024-05-10",
        url="https://example.org/2",
        source="Other Wire",
        events=[
            make_event("COOPERATE", actor=[nato, pol], weapons=[himars], cameo="062", context=["military"]),
        ],
    )
    a3 = Article(id="art3", text="Nothing happened today at all, really.", title="Quiet", date=None)
    bad = Article(id="bad1", text="", origin="in/empty.txt").reject("empty", "no text after cleaning")
    return [a1, a2, a3, bad]


def stance_article() -> Article:
    """An article with one statement and one stance (`Quote.kind`)."""
    text = "The mayor praised the harbour plan. She said the works would start in June."
    return Article(
        id="kinds1", text=text, date="2024-06-01", source="Harbour Post",
        quotes=[
            Quote("the harbour plan", 18, 34, "The mayor", 0, 9, "named_person", "praised", False, kind="stance"),
            Quote("the works would start in June", 45, 74, "The mayor", 36, 39, "named_person", "said", False),
        ],
    )


def counts(db: Store) -> dict[str, int]:
    """Row counts of the tables `Store.add` writes (later migrations add others)."""
    return {k: v for k, v in db.stats()["tables"].items() if k in TABLES}


@pytest.fixture()
def db(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(tmp_path / "t.duckdb")
    store.add(make_articles())
    yield store
    store.close()


# --- migrations ------------------------------------------------------------------------


def test_migrations_create_all_tables_and_record_versions(tmp_path: Path) -> None:
    with Store.open(tmp_path / "m.duckdb") as db:
        names = {r["table_name"] for r in db.sql("SELECT table_name FROM information_schema.tables")}
        assert TABLES | {"schema_migrations"} <= names
        versions = db.sql("SELECT version, name, applied_at FROM schema_migrations ORDER BY version")
        assert [r["version"] for r in versions] == list(range(1, latest_version() + 1))
        assert versions[0]["name"] == "initial"
        assert db.schema_version() == latest_version()


def test_quotes_stored_before_the_spans_column_read_as_one_span(tmp_path: Path) -> None:
    from sitrep.store.migrate import migrations

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                "applied_at TIMESTAMP NOT NULL)")
    for m in migrations():
        if m.name != "quote_spans":  # a database written before 0003
            con.execute(m.sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, now()::TIMESTAMP)", [m.version, m.name])
    con.execute("INSERT INTO articles (id, text, ingested_at, warnings) VALUES ('old', 'He said it.', now(), '[]')")
    con.execute("INSERT INTO quotes (article_id, idx, content, start_char, end_char, speaker_type, direct) "
                "VALUES ('old', 0, 'it', 8, 10, 'unattributed', false)")
    con.close()
    with Store.open(path) as db:
        assert db.schema_version() == latest_version()
        assert [q["spans"] for q in db.quotes()] == [[[8, 10]]]


def test_the_quote_kind_migration_applies_to_a_database_written_at_0011(tmp_path: Path) -> None:
    from sitrep.store.migrate import migrations

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                "applied_at TIMESTAMP NOT NULL)")
    for m in migrations():
        if m.version < 12:  # a database written before 0012
            con.execute(m.sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, now()::TIMESTAMP)", [m.version, m.name])
    assert "kind" not in {r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                                     "WHERE table_name = 'quotes'").fetchall()}
    con.execute("INSERT INTO articles (id, text, ingested_at, warnings) VALUES ('old', 'She backed it.', now(), '[]')")
    con.execute("INSERT INTO quotes (article_id, idx, content, start_char, end_char, speaker_type, direct) "
                "VALUES ('old', 0, 'it', 11, 13, 'unattributed', false)")
    con.close()
    with Store.open(path) as db:
        assert db.schema_version() == latest_version() >= 12
        assert [(q["content"], q["kind"]) for q in db.quotes()] == [("it", "statement")]
        assert db.quotes(kind="stance") == []
        db.add([stance_article()])  # new rows carry their kind
        assert [q["content"] for q in db.quotes(kind="stance")] == ["the harbour plan"]


def test_reopening_does_not_reapply_migrations(tmp_path: Path) -> None:
    path = tmp_path / "m.duckdb"
    with Store.open(path) as db:
        first = db.sql("SELECT version, applied_at FROM schema_migrations")
    with Store.open(path) as db:
        assert db.sql("SELECT version, applied_at FROM schema_migrations") == first
        assert migrate(db.connection) == []


def test_database_from_newer_sitrep_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.duckdb"
    Store.open(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_migrations VALUES (9999, 'future', now()::TIMESTAMP)")
    con.close()
    with pytest.raises(StoreError, match="newer"):
        Store.open(path)


# --- opening -------------------------------------------------------------------------------


def test_non_duckdb_file_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("this is a text file, not a database\n" * 100)
    with pytest.raises(StoreError, match="not a DuckDB database"):
        Store.open(path)
    with pytest.raises(StoreError, match="not a DuckDB database"):
        Store.open(path, read_only=True)


def test_read_only_opening(tmp_path: Path) -> None:
    path = tmp_path / "r.duckdb"
    with Store.open(path) as db:
        db.add(make_articles())
    with Store.open(path, read_only=True) as db:
        assert db.read_only
        assert len(db.events()) == 3
        with pytest.raises(StoreError, match="read-only"):
            db.add(make_articles())
    with pytest.raises(StoreError, match="no database"):
        Store.open(tmp_path / "missing.duckdb", read_only=True)


def test_closed_store_raises(tmp_path: Path) -> None:
    db = Store.open(tmp_path / "c.duckdb")
    db.close()
    db.close()  # idempotent
    with pytest.raises(StoreError, match="closed"):
        db.events()


# --- writing ---------------------------------------------------------------------------------


def test_add_stores_rows_in_every_table(db: Store) -> None:
    assert counts(db) == {
        "articles": 3,
        "rejections": 1,
        "entities": 3,
        "quotes": 2,
        "events": 3,
        "event_actors": 6,  # art1: 1+1, 1+1; art2: 2
        "event_weapons": 2,
    }
    row = db.sql("SELECT * FROM articles WHERE id = 'art1'")[0]
    assert str(row["date"]) == "2024-03-02"
    assert row["warnings"] == '["no_byline"]'
    ent = db.sql("SELECT * FROM entities WHERE article_id = 'art1' AND idx = 2")[0]
    assert (ent["code"], ent["weapon_class"], ent["weapon_origin"]) == ("Shahed-136", "loitering munition", "IRN")
    assert db.sql("SELECT context FROM events WHERE event_id = 'art1:0'")[0]["context"] == ["military"]


def test_adding_same_articles_twice_adds_nothing(db: Store) -> None:
    before = counts(db)
    stored = db.sql("SELECT id, ingested_at FROM articles ORDER BY id")
    again = db.add(make_articles())
    assert again == AddResult(added=0, duplicates=4, rejected=0)
    assert counts(db) == before
    assert db.sql("SELECT id, ingested_at FROM articles ORDER BY id") == stored


def test_batch_with_stored_and_new_article_stores_only_new(tmp_path: Path) -> None:
    a1, a2, a3, _ = make_articles()
    with Store.open(tmp_path / "b.duckdb") as db:
        assert db.add([a1]) == AddResult(added=1, duplicates=0, rejected=0)
        events_before = counts(db)["events"]
        assert db.add([a1, a2]) == AddResult(added=1, duplicates=1, rejected=0)
        assert counts(db)["articles"] == 2
        assert counts(db)["events"] == events_before + len(a2.events)
        # an id repeated inside one input counts once
        assert db.add([a3, a3], batch_size=1) == AddResult(added=1, duplicates=1, rejected=0)
        assert db.add([a3, a3]).duplicates == 2


def test_rejected_input_recorded_once_with_reason(db: Store) -> None:
    rejected = make_articles()[3]
    assert db.rejections() == [
        {
            "id": "bad1",
            "origin": "in/empty.txt",
            "reason": "empty",
            "detail": "no text after cleaning",
            "rejected_at": db.rejections()[0]["rejected_at"],
        }
    ]
    assert db.add([rejected, rejected]) == AddResult(added=0, duplicates=2, rejected=0)
    assert len(db.rejections()) == 1
    assert not db.has("bad1")
    # the same content read from another place is another input
    other = Article(id="bad1", text="", origin="in/copy.txt").reject("empty")
    assert db.add([other]).rejected == 1
    assert sorted(r["origin"] for r in db.rejections(reason="empty")) == ["in/copy.txt", "in/empty.txt"]


def test_failed_batch_writes_nothing(tmp_path: Path) -> None:
    good = make_articles()[1]
    broken = Article(id="broken", text="x", events=[make_event("ASSAULT", actor=[])])
    broken.events[0].modality = None  # type: ignore[assignment]  # violates NOT NULL
    with Store.open(tmp_path / "f.duckdb") as db:
        with pytest.raises(StoreError, match="cannot write"):
            db.add([good, broken])
        assert counts(db)["articles"] == 0
        assert db.add([good]).added == 1


def test_has_and_known_ids(db: Store) -> None:
    assert db.has("art1")
    assert not db.has("nope")
    assert db.known_ids(["art1", "art3", "nope", "art1"]) == {"art1", "art3"}
    assert db.known_ids([]) == set()


def test_two_thousand_articles_write_quickly(tmp_path: Path) -> None:
    template = make_articles()[0]
    many = [
        Article(
            id=f"bulk{i}",
            text=template.text,
            title=template.title,
            date=template.date,
            entities=template.entities,
            quotes=template.quotes,
            events=template.events,
        )
        for i in range(2000)
    ]
    with Store.open(tmp_path / "bulk.duckdb") as db:
        start = time.perf_counter()
        result = db.add(many)
        elapsed = time.perf_counter() - start
        assert result.added == 2000
        assert counts(db)["events"] == 4000
    # 2,000 articles with 2 events, 3 entities, 2 quotes each: ~0.5 s on a laptop; generous bound.
    assert elapsed < 10


# --- reading -------------------------------------------------------------------------------


def test_events_round_trip_contract_form(db: Store) -> None:
    articles = {a.id: a for a in make_articles()}
    events = db.events()
    assert [e["event_id"] for e in events] == ["art1:0", "art1:1", "art2:0"]
    for rec in events:
        article = articles[rec["article_id"]]
        idx = int(rec["event_id"].split(":")[1])
        expected = event_to_dict(article.events[idx])
        assert {k: rec[k] for k in expected} == expected
        assert rec["source"] == article.source
        assert rec["title"] == article.title
        assert rec["url"] == article.url
        assert rec["article_date"] == article.date


def ids(events: list[dict]) -> list[str]:
    return [e["event_id"] for e in events]


def test_filter_actor_code_and_text(db: Store) -> None:
    assert ids(db.events(actor="RUS")) == ["art1:0", "art1:1"]  # actor or recipient
    assert ids(db.events(actor="nato")) == ["art2:0"]  # code, any case
    assert db.events(actor="polish") == []  # actor is a code, never a part of a name
    assert db.events(actor="RU") == []
    assert ids(db.events(actor_name="polish")) == ["art2:0"]  # the name search: substring of text
    assert ids(db.events(actor_name="russian forces")) == ["art1:0", "art1:1"]
    assert db.events(actor="Chad") == [] and db.events(actor_name="Chad") == []


def test_filter_type_list(db: Store) -> None:
    assert ids(db.events(type="ASSAULT")) == ["art1:0"]
    assert ids(db.events(type="assault, cooperate")) == ["art1:0", "art2:0"]
    assert ids(db.events(type=["THREATEN"])) == ["art1:1"]


def test_filter_weapon_name_and_class(db: Store) -> None:
    assert ids(db.events(weapon="shahed-136")) == ["art1:0"]
    assert ids(db.events(weapon="Rocket Artillery")) == ["art2:0"]
    assert db.events(weapon="Shahed") == []  # canonical name, not a substring


def test_quotes_filter_by_kind(tmp_path: Path) -> None:
    art = stance_article()
    assert art.text[18:34] == "the harbour plan" and art.text[45:74] == "the works would start in June"
    with Store.open(tmp_path / "k.duckdb") as db:
        db.add([art])
        assert [(q["content"], q["kind"]) for q in db.quotes()] == [("the works would start in June", "statement")]
        assert [q["content"] for q in db.quotes(kind="statement")] == ["the works would start in June"]
        assert [q["content"] for q in db.quotes(kind="stance")] == ["the harbour plan"]
        assert [q["kind"] for q in db.quotes(kind=None)] == ["stance", "statement"]  # by position in the article
        assert db.quotes(kind="all") == db.quotes(kind=None)
        stance = db.quotes(kind="stance")[0]
        expected = quote_to_dict(art.quotes[0])
        assert {k: stance[k] for k in expected} == expected
        with pytest.raises(UsageError, match="kind"):
            db.quotes(kind="stances")
        row = db.articles()[0]
        assert (row["quotes"], row["stances"]) == (1, 1)
        assert db.stats()["quote_speaker_types"] == {"named_person": 1}
        assert db.sql("SELECT kind FROM quotes ORDER BY idx") == [{"kind": "stance"}, {"kind": "statement"}]


def test_report_counts_statements_as_quotes(tmp_path: Path) -> None:
    from sitrep.report import collect

    with Store.open(tmp_path / "r.duckdb") as db:
        db.add([stance_article()])
        for data in (collect(db), collect(db, since="2024-01-01")):
            assert (data["stats"]["tables"]["quotes"], data["stats"]["tables"]["stances"]) == (1, 1)
            assert [q["kind"] for q in data["quotes"]] == ["statement"]
            assert data["profile"]["named_person"] == {"speakers": 1, "quotes": 1}


def test_filter_country(db: Store) -> None:
    assert ids(db.events(country="UKR")) == ["art1:0", "art1:1"]  # location and actor code
    assert ids(db.events(country="pol")) == ["art2:0"]


def test_filter_since_until(db: Store) -> None:
    # art1:0 has its own date 2024-03-01; art1:1 falls back to the article date 2024-03-02
    assert ids(db.events(since="2024-03-02")) == ["art1:1", "art2:0"]
    assert ids(db.events(until="2024-03-01")) == ["art1:0"]
    assert ids(db.events(since="2024-03-01", until="2024-03-31")) == ["art1:0", "art1:1"]
    assert ids(db.events(type="ASSAULT,COOPERATE", since="2024-04-01", limit=5)) == ["art2:0"]
    assert len(db.events(limit=1)) == 1
    with pytest.raises(UsageError, match="since"):
        db.events(since="March")


def test_quotes_and_articles(db: Store) -> None:
    quotes = db.quotes()
    assert len(quotes) == 2
    art1 = make_articles()[0]
    expected = quote_to_dict(art1.quotes[1])
    assert {k: quotes[1][k] for k in expected} == expected
    assert [q["speaker"] for q in db.quotes(speaker_type="anonymous_official")] == ["officials"]
    assert [q["speaker"] for q in db.quotes(speaker="zel")] == ["Zelensky"]
    arts = db.articles()
    assert [a["id"] for a in arts] == ["art1", "art2", "art3"]  # undated last
    assert (arts[0]["events"], arts[0]["quotes"], arts[0]["entities"]) == (2, 2, 3)
    assert arts[0]["warnings"] == ["no_byline"]
    assert "text" not in arts[0]
    assert db.articles(source="other wire", with_text=True)[0]["text"].startswith("NATO")


NETWORK_SUMS = {  # table: (key columns, summed columns) of the network sums (migration 0010)
    "network_nodes": ("d, type, code", "sum(events), sum(as_actor), sum(as_recipient)"),
    "network_labels": ("d, type, code, text", "sum(n)"),
    "network_edges": ("d, type, quad_class, source, target, joint", "sum(events)"),
}


def network_sums(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    return {t: sorted(con.execute(f"SELECT {keys}, {sums} FROM {t} GROUP BY ALL").fetchall(), key=repr)
            for t, (keys, sums) in NETWORK_SUMS.items()}


def test_network_sums_kept_batch_by_batch_are_those_of_every_event(tmp_path: Path) -> None:
    from dataclasses import replace
    from datetime import date

    from sitrep.store.db import rebuild_network

    arts = make_articles()
    again = [replace(a, id=a.id + "-again") for a in arts[:2]]  # the same days, types and codes: keys repeat
    with Store.open(tmp_path / "n.duckdb") as db:
        db.add(arts + again, batch_size=1)
        con = db.connection
        kept = network_sums(con)
        assert con.execute("SELECT count(*) FROM network_nodes").fetchone()[0] > len(kept["network_nodes"])
        assert con.execute("SELECT count(*) FROM network_batch").fetchone()[0] == 0
        rebuild_network(con)
        assert network_sums(con) == kept
        assert con.execute("SELECT count(*) FROM network_nodes").fetchone()[0] == len(kept["network_nodes"])
    nodes = {r[:3]: r[3:] for r in kept["network_nodes"]}
    assert nodes[date(2024, 3, 1), "ASSAULT", "RUS"] == (2, 2, 0)  # the strike, stored twice
    assert nodes[date(2024, 5, 10), "COOPERATE", "POL"] == (2, 2, 0)  # no event date: the article's
    edges = {r[:6]: r[6] for r in kept["network_edges"]}
    assert edges[date(2024, 3, 1), "ASSAULT", 4, "RUS", "UKR", False] == 2
    assert edges[date(2024, 5, 10), "COOPERATE", 4, "NATO", "POL", True] == 2  # make_event: quad class 4
    assert ("Russian forces", 2) in {(r[3], r[4]) for r in kept["network_labels"]}


def test_the_network_migration_sums_the_events_stored_before_it(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with Store.open(path) as db:
        db.add(make_articles())
        expected = network_sums(db.connection)
        con = db.connection  # back to a database written before 0010
        for view in ("network_batch_edges", "network_batch_labels", "network_batch_nodes", "network_batch_codes"):
            con.execute(f"DROP VIEW {view}")
        for table in ("network_nodes", "network_labels", "network_edges", "network_batch"):
            con.execute(f"DROP TABLE {table}")
        con.execute("DELETE FROM schema_migrations WHERE version = 10")
    with Store.open(path) as db:
        assert db.schema_version() == latest_version()
        assert network_sums(db.connection) == expected and expected["network_edges"]


EVENT_PART_INDEXES = {"event_actors_event": "event_actors", "event_weapons_event": "event_weapons"}  # 0011


def event_part_indexes(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return {r[0]: r[1] for r in con.execute(
        "SELECT index_name, table_name FROM duckdb_indexes() WHERE index_name LIKE 'event_%'").fetchall()}


def test_the_index_migration_applies_to_a_database_written_at_0010(tmp_path: Path) -> None:
    from dataclasses import replace

    path = tmp_path / "old.duckdb"
    arts = make_articles()
    with Store.open(path) as db:
        db.add(arts)
        assert event_part_indexes(db.connection) == EVENT_PART_INDEXES
        expected = db.events()
        con = db.connection  # back to a database written at 0010
        for name in EVENT_PART_INDEXES:
            con.execute(f"DROP INDEX {name}")
        con.execute("DELETE FROM schema_migrations WHERE version = 11")
        assert event_part_indexes(con) == {}
    with Store.open(path) as db:
        assert db.schema_version() == latest_version()
        con = db.connection
        assert event_part_indexes(con) == EVENT_PART_INDEXES
        assert db.events() == expected
        # the indexed tables still take new rows, in batches and one article at a time
        more = [replace(a, id=a.id + "-more") for a in arts]
        res = db.add(more + more[:1], batch_size=1)
        assert res.duplicates == 1 and res.added == sum(a.rejected is None for a in more)
        ev = next(e for e in db.events() if e["weapons"] and e["article_id"].endswith("-more"))
        assert db.events(event_ids=[ev["event_id"]]) == [ev]
        assert db.events(weapon=ev["weapons"][0]["name"]) == [e for e in db.events() if e["weapons"]
                                                             and e["weapons"][0]["name"] == ev["weapons"][0]["name"]]
        for table in EVENT_PART_INDEXES.values():  # every row of the copies, through the index too
            old, new = (con.execute(f"SELECT count(*) FROM {table} WHERE event_id {op} LIKE '%-more:%'").fetchone()[0]
                        for op in ("NOT", ""))
            assert old == new > 0
            assert con.execute(f"SELECT count(*) FROM {table} WHERE event_id = ?",
                               [ev["event_id"]]).fetchone()[0] == len(ev["actor"] + ev["recipient"]
                                                                      if table == "event_actors" else ev["weapons"])


def test_stats(db: Store) -> None:
    stats = db.stats()
    assert stats["schema_version"] == latest_version()
    assert stats["event_types"] == {"ASSAULT": 1, "COOPERATE": 1, "THREATEN": 1}
    assert stats["speaker_types"] == {"none": 2, "anonymous_official": 1}
    assert stats["quote_speaker_types"] == {"anonymous_official": 1, "named_person": 1}
    assert set(stats["tables"]) >= TABLES


def test_sql_runs_read_queries_only(db: Store) -> None:
    rows = db.sql("SELECT type, count(*) AS n FROM events WHERE quad_class = ? GROUP BY type ORDER BY type", [4])
    assert rows[0] == {"type": "ASSAULT", "n": 1}
    with pytest.raises(UsageError, match="read queries"):
        db.sql("DELETE FROM events")
    with pytest.raises(UsageError, match="one statement"):
        db.sql("SELECT 1; SELECT 2")
    with pytest.raises(UsageError, match="SQL error"):
        db.sql("SELECT * FROM no_such_table")
    assert counts(db)["events"] == 3


def test_public_api() -> None:
    import sitrep.store

    assert set(sitrep.store.__all__) == {"DEFAULT_PATH", "AddResult", "Store", "latest_version", "migrate"}
