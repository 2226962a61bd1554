"""The corroborate stage: clusters, independent origins and Admiralty grades.

Corpora are written here by hand (Article objects with events), so no spaCy model is
needed; the founding-article test at the end runs the real pipeline and is slow.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitrep import corroborate
from sitrep.corroborate import CONTRACT_KEYS, REPORT_KEYS, cluster, clusters, event_clusters, update_clusters
from sitrep.model import Actor, Article, Attribution, Event, Evidence, Place, Quote, Weapon
from sitrep.store import Store

RUS = Actor("Russian forces", "RUS", "MIL")
UKR = Actor("Ukraine", "UKR", None)
BLR = Actor("Belarus", "BLR", None)
SHAHED = Weapon("Shahed drones", "Shahed-136", "loitering munition", "IRN")
KALIBR = Weapon("Kalibr missiles", "3M-14 Kalibr", "cruise missile", "RUS")
ORESHNIK = Weapon("Oreshnik", "Oreshnik", "ballistic missile", "RUS")
KHARKIV = Place("Kharkiv", 0, 7, 49.99, 36.23, "UKR")
KHARKIV_EDGE = Place("Kharkiv region", 0, 14, 50.25, 36.6, "UKR")  # ~40 km away
ODESA = Place("Odesa", 0, 5, 46.48, 30.72, "UKR")

WIRE = (
    "Russian forces struck Kharkiv with Shahed drones overnight, damaging an apartment block and a "
    "power substation, regional governor Oleh Syniehubov said on Tuesday. Three people were wounded "
    "and taken to hospital, he said, adding that emergency crews worked through the night to put out "
    "fires in the Kyivskyi district. Ukraine's air force said it shot down 31 of the 45 drones "
    "launched from Russia's Kursk region and from occupied Crimea. The attack was the third on the "
    "city this week. Power was restored to most homes by the morning, the regional energy company "
    "said in a statement, but some streets remained without heating."
)


def event(
    type: str,
    sentence: str,
    trigger: str,
    *,
    actor: list[Actor],
    recipient: list[Actor] | None = None,
    weapons: list[Weapon] | None = None,
    location: Place | None = None,
    date: str | None = None,
    precision: str | None = "day",
    modality: str = "asserted",
    speaker: str | None = None,
    speaker_type: str | None = None,
) -> Event:
    t = sentence.find(trigger)
    return Event(
        type=type,
        mode=None,
        context=["military"],
        cameo=None,
        quad_class=4,
        intensity=-9.0,
        actor=actor,
        recipient=recipient or [],
        weapons=weapons or [],
        location=location,
        date=date,
        modality=modality,
        attribution=None if speaker_type is None else Attribution(speaker, speaker_type, False, "said"),
        acled=None,
        evidence=Evidence(sentence, 0, len(sentence), trigger, t, t + len(trigger), f"test.{type.lower()}"),
        date_precision=precision if date else None,
    )


def article(id: str, text: str, date: str, source: str, events: list[Event], quotes: list[Quote] | None = None) -> Article:
    return Article(id=id, text=text, date=date, source=source, events=events, quotes=quotes or [])


def wire_event() -> Event:
    return event(
        "ASSAULT", WIRE.split(". ")[0], "struck", actor=[RUS], recipient=[UKR], weapons=[SHAHED],
        location=KHARKIV, date="2024-11-11", speaker="Oleh Syniehubov", speaker_type="named_person",
    )


def syndicated() -> list[Article]:
    """One wire story and its copies in five outlets."""
    outlets = [("w1", "Reuters", "2024-11-12"), ("w2", "Yahoo News", "2024-11-12"), ("w3", "The Star", "2024-11-12"),
               ("w4", "Daily Herald", "2024-11-13"), ("w5", "MSN", "2024-11-13")]
    out = []
    for id, source, date in outlets:
        text = WIRE if id != "w4" else "KHARKIV (Reuters) - " + WIRE + " Moscow did not comment."
        out.append(article(id, text, date, source, [wire_event()]))
    return out


def independent() -> list[Article]:
    s1 = "Russian drones hit residential buildings in Kharkiv on Monday night, our correspondent saw."
    s2 = "Ukraine's air force command said Russia attacked Kharkiv region with dozens of drones."
    return [
        article("i1", s1 + " Windows were blown out across three streets.", "2024-11-12", "Kyiv Independent", [
            event("ASSAULT", s1, "hit", actor=[RUS], recipient=[UKR], weapons=[SHAHED], location=KHARKIV,
                  date="2024-11-11"),
        ]),
        article("i2", s2 + " Air defences were active for five hours.", "2024-11-12", "BBC", [
            event("ASSAULT", s2, "attacked", actor=[RUS], recipient=[UKR], location=KHARKIV_EDGE, date=None,
                  speaker="Ukrainian Air Force", speaker_type="organisation"),
        ]),
    ]


def same_day_other_events() -> list[Article]:
    s1 = "Russia fired Kalibr missiles at the port of Odesa on Monday, the navy said."
    s2 = "Russian and Ukrainian negotiators met in Istanbul on Monday to discuss a prisoner exchange."
    return [
        article("x1", s1, "2024-11-12", "Ukrainska Pravda", [
            event("ASSAULT", s1, "fired", actor=[RUS], recipient=[UKR], weapons=[KALIBR], location=ODESA,
                  date="2024-11-11", speaker="the navy", speaker_type="organisation"),
        ]),
        article("x2", s2, "2024-11-12", "Al Jazeera", [
            event("CONSULT", s2, "met", actor=[RUS, UKR], date="2024-11-11"),
        ]),
    ]


def corpus() -> list[Article]:
    return syndicated() + independent() + same_day_other_events()


def ingest(db: Store, articles: list[Article], batch: int = 100) -> None:
    for i in range(0, len(articles), batch):
        part = articles[i : i + batch]
        db.add(part)
        update_clusters(db, [a.id for a in part])


@pytest.fixture()
def db(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "c.duckdb") as store:
        yield store


def by_article(cs: list[dict], article_id: str) -> dict:
    return next(c for c in cs if any(r["article_id"] == article_id for r in c["reports"]))


# --- acceptance ---------------------------------------------------------------------------


def test_syndicated_story_plus_two_independent_reports_is_one_cluster_with_three_origins(db: Store) -> None:
    ingest(db, syndicated() + independent())
    cs = clusters(db)
    assert len(cs) == 1
    c = cs[0]
    assert c["articles"] == 7 and c["outlets"] == 7
    assert c["independent_origins"] == 3
    assert c["type"] == "ASSAULT" and c["actors"] == ["RUS", "UKR"] and c["weapons"] == ["Shahed-136"]
    assert c["first_date"] == "2024-11-11"
    copies = {r["article_id"]: r["copy_of"] for r in c["reports"]}
    assert copies == {"w1": None, "w2": "w1", "w3": "w1", "w4": "w1", "w5": "w1", "i1": None, "i2": None}
    assert c["credibility"] == 1
    assert any("3 independent origins" in r for r in c["reasons"])
    assert any("4 copies" in r for r in c["reasons"])


def test_copies_alone_are_one_origin(db: Store) -> None:
    ingest(db, syndicated())
    (c,) = clusters(db)
    assert (c["articles"], c["outlets"], c["independent_origins"]) == (5, 5, 1)
    assert c["credibility"] >= 3
    assert any(r == "no independent confirmation" for r in c["reasons"])
    detail = cluster(db, c["cluster_id"])
    assert detail is not None and detail["independent_outlets"] == 1 and detail["independent_speakers"] == 1


def test_different_events_between_same_actors_on_same_day_stay_apart(db: Store) -> None:
    ingest(db, corpus())
    cs = clusters(db)
    assert len(cs) == 3
    kharkiv, odesa, talks = by_article(cs, "w1"), by_article(cs, "x1"), by_article(cs, "x2")
    assert len({kharkiv["cluster_id"], odesa["cluster_id"], talks["cluster_id"]}) == 3
    assert [r["article_id"] for r in odesa["reports"]] == ["x1"]
    assert talks["type"] == "CONSULT"
    assert kharkiv["independent_origins"] == 3


def test_rules_are_symmetric_and_windows_follow_precision() -> None:
    g = corroborate.Grading.load()
    mk = lambda d, p, loc=KHARKIV, w=(): corroborate._Ev(  # noqa: E731
        "e", "a", 0, "ASSAULT", "violence", "asserted", __import__("datetime").date.fromisoformat(d), p,
        loc.lat, loc.lon, loc.country, ("RUS",), tuple(w), "", "")
    day, day3, month = mk("2024-11-11", "day"), mk("2024-11-14", "day"), mk("2024-11-30", "month")
    assert not corroborate.compatible(day, day3, g)
    assert corroborate.compatible(day, mk("2024-11-13", "day"), g)
    assert corroborate.compatible(day, month, g) and corroborate.compatible(month, day, g)
    assert not corroborate.compatible(day, mk("2024-11-11", "day", ODESA), g)
    assert not corroborate.compatible(mk("2024-11-11", "day", w=["a"]), mk("2024-11-11", "day", w=["b"]), g)
    assert corroborate.compatible(mk("2024-11-11", "day", w=["a"]), mk("2024-11-11", "day"), g)


def test_denial_lowers_credibility(tmp_path: Path) -> None:
    base = syndicated()[:1] + independent()
    sentence = "Russia's defence ministry denied that its forces struck Kharkiv, calling the reports fake."
    denial = article("d1", sentence, "2024-11-12", "TASS", [
        event("REJECT", sentence, "denied", actor=[RUS], recipient=[UKR], date="2024-11-12",
              speaker="Russia's defence ministry", speaker_type="organisation"),
    ])
    with Store.open(tmp_path / "a.duckdb") as a, Store.open(tmp_path / "b.duckdb") as b:
        ingest(a, base)
        ingest(b, base + [denial])
        plain = by_article(clusters(a), "w1")
        denied = by_article(clusters(b), "w1")
        assert plain["cluster_id"] == denied["cluster_id"]
        assert denied["credibility"] > plain["credibility"]
        assert any(r.startswith("contradicted: denial") for r in denied["reasons"])
        # the denial is its own cluster, graded on its own
        assert by_article(clusters(b), "d1")["type"] == "REJECT"
    # a denial arriving before the reports it denies has the same effect
    with Store.open(tmp_path / "c.duckdb") as c:
        ingest(c, [denial] + base, batch=1)
        assert by_article(clusters(c), "w1")["credibility"] == denied["credibility"]


def test_negated_report_contradicts(db: Store) -> None:
    s = "Russian forces did not strike Kharkiv with drones, the Kremlin said."
    negation = article("n1", s, "2024-11-12", "RIA Novosti", [
        event("ASSAULT", s, "strike", actor=[RUS], recipient=[UKR], location=KHARKIV, date="2024-11-11",
              modality="negated", speaker="the Kremlin", speaker_type="organisation"),
    ])
    ingest(db, syndicated()[:1] + independent())
    before = clusters(db)[0]["credibility"]
    ingest(db, [negation])
    (c,) = clusters(db)
    assert c["articles"] == 4 and c["modality"] == "asserted"
    assert c["credibility"] > before
    assert any("negates" in r for r in c["reasons"])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_ingest_order_does_not_change_clusters(tmp_path: Path, seed: int) -> None:
    arts = corpus()
    with Store.open(tmp_path / "ref.duckdb") as ref:
        ingest(ref, arts)
        expected = clusters(ref)
    shuffled = corpus()
    random.Random(seed).shuffle(shuffled)
    with Store.open(tmp_path / f"s{seed}.duckdb") as db:
        ingest(db, shuffled, batch=seed)
        got = clusters(db)
    assert json.dumps(got, sort_keys=True) == json.dumps(expected, sort_keys=True)


def test_earlier_report_takes_over_cluster_and_old_id_still_finds_it(db: Store) -> None:
    late, early = independent()[0], syndicated()[0]
    early.events[0].date = "2024-11-10"
    ingest(db, [late])
    old = clusters(db)[0]["cluster_id"]
    ingest(db, [early])
    (c,) = clusters(db)
    assert c["cluster_id"] != old and c["articles"] == 2
    found = cluster(db, old)
    assert found is not None and found["cluster_id"] == c["cluster_id"]


def test_same_state_tv_interview_is_one_origin(db: Store) -> None:
    """Three outlets all quoting one state TV interview count as one origin."""
    arts = []
    for i, outlet in enumerate(["Outlet A", "Outlet B", "Outlet C"]):
        s = ["Belarus and Russia will form a joint division armed with Oreshnik missiles, Bogdan said.",
             "A Belarusian-Russian division will get the Oreshnik system, according to Andrei Bogdan.",
             "Minsk expects to host Oreshnik launchers in a new joint division, Bogdan told viewers."][i]
        text = [f"Speaking on state-owned channel Beltelevision-1, Andrei Bogdan said so. {s}",
                f"{s} The officer was interviewed on Beltelevision-1 on Sunday, where Bogdan also praised drills.",
                f"In remarks to Beltelevision-1, Bogdan gave no timetable. {s} Western capitals were silent."][i]
        support = [
            Quote("This is a testament to our partnership", 0, 10, "a Russian defense official", None, None,
                  "anonymous_official", "said", True),
            Quote("the deployment would alter the balance", 0, 10, "Military analysts", None, None,
                  "unnamed_expert", "note", False),
            Quote("This is a clear signal", 0, 10, "one defense commentator", None, None, "unnamed_expert", "said", True),
        ]
        arts.append(article(f"s{i}", text, "2024-12-01", outlet, [
            event("COOPERATE", s, "form", actor=[BLR, RUS], weapons=[ORESHNIK], date="2024-12-01",
                  modality="planned", speaker="Andrei Bogdan", speaker_type="named_person"),
        ], support if i == 0 else []))
    ingest(db, arts)
    (c,) = clusters(db)
    assert c["articles"] == 3 and c["independent_origins"] == 1
    assert all(r["copy_of"] is None for r in c["reports"])  # not copies: one origin by the speaker and medium
    assert c["reliability"] == "D"
    assert c["credibility"] == 4  # base 3, +1 only state media, +1 planned, capped: nothing contradicts it
    assert c["reasons"][0].startswith(
        "single origin: state media (Beltelevision-1) via a named official on the record (Andrei Bogdan)"
    )
    assert "support from 1 anonymous official and 2 unnamed experts" in " ".join(c["reasons"])
    assert "no independent confirmation" in c["reasons"]


def test_contract_shape_and_filters(db: Store) -> None:
    ingest(db, corpus())
    cs = clusters(db)
    for c in cs:
        assert tuple(c) == CONTRACT_KEYS
        assert all(tuple(r) == REPORT_KEYS for r in c["reports"])
        assert c["reliability"] in "ABCDEF" and 1 <= c["credibility"] <= 6
        json.dumps(c)
    assert [c["type"] for c in clusters(db, type="CONSULT")] == ["CONSULT"]
    assert len(clusters(db, actor="rus")) == 3
    assert clusters(db, since="2024-11-20") == []
    detail = cluster(db, cs[0]["cluster_id"])
    assert detail is not None and all("reliability_reason" in r for r in detail["reports"])
    assert cluster(db, "Cnope") is None
    counts = event_clusters(db)
    assert counts["w2:0"]["cluster_id"] == counts["i1:0"]["cluster_id"]
    assert counts["w2:0"]["independent_origins"] == 3


def test_update_is_idempotent(db: Store) -> None:
    ingest(db, corpus())
    before = clusters(db)
    res = update_clusters(db, [a.id for a in corpus()])
    assert res.events == 0
    assert clusters(db) == before


# --- the founding article (real pipeline) ----------------------------------------------

FOUNDING = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "belarus-russia-oreshnik-division.txt"


@pytest.mark.slow
@pytest.mark.skipif(not FOUNDING.exists(), reason="../shared corpus not present")
def test_founding_article_alone_is_low_credibility(tmp_path: Path) -> None:
    from sitrep.pipeline import code

    art = code(FOUNDING.read_text(encoding="utf-8"), date="2024-12-01", source="Example Defence News")
    assert art.rejected is None and art.events
    with Store.open(tmp_path / "f.duckdb") as db:
        db.add([art])
        update_clusters(db, [art.id])
        cs = clusters(db)
    assert cs
    # the division itself: Belarus and Russia, Oreshnik
    main = [c for c in cs if "BLR" in c["actors"]]
    assert main
    for c in main:
        assert c["independent_origins"] == 1
        assert c["credibility"] >= 3
        text = " ".join(c["reasons"])
        assert "single origin" in text and "no independent confirmation" in text
    text = " ".join(r for c in main for r in c["reasons"])
    assert "state media" in text
    assert "anonymous official" in text and "unnamed expert" in text


@pytest.mark.parametrize("order", [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1]])
def test_daily_strikes_do_not_chain_into_one_cluster(tmp_path: Path, order: list[int]) -> None:
    """Strikes on Kharkiv every other day: each report joins the cluster anchored on its
    earliest compatible report (k1 -> k0, k2 -> k1, k3 -> k2), so the result is the same
    in any order and the four days never chain into one cluster."""
    arts = []
    for i, day in enumerate(["2024-11-01", "2024-11-03", "2024-11-05", "2024-11-07"]):
        s = f"Russian forces struck Kharkiv again on day {i}."
        arts.append(article(f"k{i}", s + f" Report number {i} from the city.", day, f"Outlet {i}", [
            event("ASSAULT", s, "struck", actor=[RUS], recipient=[UKR], location=KHARKIV, date=day),
        ]))
    with Store.open(tmp_path / "k.duckdb") as db:
        ingest(db, [arts[i] for i in order], batch=1)
        groups = sorted(sorted(r["article_id"] for r in c["reports"]) for c in clusters(db))
    assert groups == [["k0", "k1"], ["k2"], ["k3"]]


def test_cluster_command_text_and_json(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from sitrep.cli_cluster import cluster_command

    path = tmp_path / "cli.duckdb"
    with Store.open(path) as db:
        ingest(db, corpus())
        cid = by_article(clusters(db), "w1")["cluster_id"]
    text = CliRunner().invoke(cluster_command, [cid, "--db", str(path)])
    assert text.exit_code == 0, text.output
    assert "3 independent origins" in text.output and "copy of w1" in text.output
    as_json = CliRunner().invoke(cluster_command, [cid, "--db", str(path), "--format", "json"])
    assert json.loads(as_json.output)["independent_origins"] == 3
    missing = CliRunner().invoke(cluster_command, ["Cnope", "--db", str(path)])
    assert missing.exit_code == 1 and "no cluster" in missing.output


def _partition(store: Store) -> set[frozenset[str]]:
    rows = store.connection.execute("SELECT cluster_id, event_id FROM cluster_members").fetchall()
    groups: dict[str, set[str]] = {}
    for cid, eid in rows:
        groups.setdefault(cid, set()).add(eid)
    return {frozenset(g) for g in groups.values()}


def test_copies_follow_their_original_events_into_clusters(tmp_path: Path) -> None:
    """The events of copies mirror their original's events (no comparisons of their own), and the
    clusters come out as when every copy is compared: also when the original's event later moves
    to an earlier report."""
    s0 = "Russian drones struck Kharkiv late on Sunday, a local official said."
    earlier = article("e0", s0 + " Fires broke out in two districts.", "2024-11-11", "Suspilne", [
        event("ASSAULT", s0, "struck", actor=[RUS], recipient=[UKR], weapons=[SHAHED], location=KHARKIV,
              date="2024-11-10"),
    ])
    with Store.open(tmp_path / "mirror.duckdb") as a, Store.open(tmp_path / "plain.duckdb") as b:
        for db, dedup in ((a, True), (b, False)):
            for part in (syndicated(), independent(), [earlier]):
                db.add(part)
                update_clusters(db, [x.id for x in part], dedup=dedup)
        mirrored = a.connection.execute("SELECT count(*) FROM cluster_members WHERE mirror_of IS NOT NULL").fetchall()
        assert mirrored[0][0] == 4  # the four copies' events follow w1's
        keyed = {r[0] for r in a.connection.execute("SELECT DISTINCT event_id FROM cluster_keys").fetchall()}
        assert not any(k.startswith(("w2:", "w3:", "w4:", "w5:")) for k in keyed)
        assert _partition(a) == _partition(b)
        (c,) = clusters(a)
        assert c["articles"] == 8 and c["first_date"] == "2024-11-10"
