"""The dedup stage: MinHash LSH copies, persisted and incremental, independent of order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from sitrep.dedup import BANDS, NUM_PERM, ROWS, Deduplicator, copy_links, shingles, signature, similarity
from sitrep.model import Article
from sitrep.store import Store

WIRE = (
    "Russian forces launched a wave of Shahed drones at the city of Kharkiv overnight, damaging "
    "an apartment block and a power substation, regional governor Oleh Syniehubov said on Tuesday. "
    "Three people were wounded and taken to hospital, he said, adding that emergency crews worked "
    "through the night to put out fires in the Kyivskyi district. Ukraine's air force said it shot "
    "down 31 of the 45 drones launched from Russia's Kursk region and from occupied Crimea. The "
    "attack was the third on the city this week. Power was restored to most homes by the morning, "
    "the regional energy company said in a statement, but some streets remained without heating. "
    "Moscow did not comment on the attack. Russia has repeatedly struck Ukraine's energy grid ahead "
    "of winter, and Kyiv has asked its allies for more air defence systems to protect its cities."
)
OTHER = (
    "The European Union agreed on Wednesday a new package of sanctions against Russia targeting "
    "shipping companies that help Moscow move oil above the price cap, diplomats said. The package, "
    "the fifteenth since the full-scale invasion, also lists Chinese firms accused of supplying "
    "drone parts. Hungary lifted its objection after talks in Brussels that ran late into the night. "
    "Ministers are expected to sign the measures formally next week."
)


def rewrite(text: str) -> str:
    """A light rewrite: a new lead sentence, one sentence cut, one word changed."""
    sentences = text.split(". ")
    del sentences[5]
    body = ". ".join(sentences).replace("overnight", "late on Monday")
    return "KHARKIV (Agencies) - Drones hit Kharkiv again. " + body


def art(id: str, text: str, date: str | None, source: str) -> Article:
    return Article(id=id, text=text, date=date, source=source, title=None)


def corpus() -> list[Article]:
    return [
        art("w1", WIRE, "2024-11-12", "Reuters"),
        art("w2", WIRE, "2024-11-12", "Yahoo News"),
        art("w3", WIRE + " Reporting by staff.", "2024-11-13", "The Star"),
        art("w4", rewrite(WIRE), "2024-11-13", "Daily Herald"),
        art("o1", OTHER, "2024-11-13", "Politico"),
    ]


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "d.duckdb") as db:
        yield db


def test_signature_estimates_jaccard() -> None:
    a, b = shingles(WIRE), shingles(rewrite(WIRE))
    exact = len(a & b) / len(a | b)
    est = similarity(signature(a), signature(b))
    assert 0.5 < exact < 0.95
    assert abs(est - exact) < 0.15
    assert similarity(signature(a), signature(shingles(OTHER))) < 0.1
    assert BANDS * ROWS <= NUM_PERM
    # signatures are stable across processes: a fixed seed, no Python hash()
    assert signature({1, 2, 3}).dtype == np.uint32


def test_copies_link_to_earliest_original(store: Store) -> None:
    store.add(corpus())
    res = Deduplicator(store).add(["w1", "w2", "w3", "w4", "o1"])
    assert res.indexed == 5
    links = copy_links(store)
    # same date: the smallest id is the original
    assert links == {"w2": "w1", "w3": "w1", "w4": "w1"}
    sims = dict(store.connection.execute("SELECT article_id, similarity FROM article_copies").fetchall())
    assert sims["w2"] == 1.0 and 0.5 <= sims["w4"] < 1.0


def test_index_persists_and_is_incremental(tmp_path: Path) -> None:
    path = tmp_path / "p.duckdb"
    arts = corpus()
    with Store.open(path) as db:
        db.add(arts[:2])
        Deduplicator(db).add(["w1", "w2"])
    with Store.open(path) as db:
        db.add(arts[2:])
        res = Deduplicator(db).add(["w3", "w4", "o1", "w1"])  # w1 already indexed: skipped
        assert res.indexed == 3
        assert copy_links(db) == {"w2": "w1", "w3": "w1", "w4": "w1"}
        indexed = db.connection.execute("SELECT DISTINCT article_id FROM lsh_bands ORDER BY 1").fetchall()
        assert indexed == [("o1",), ("w1",)]  # the copies are represented by w1, not indexed
        assert db.connection.execute("SELECT count(*) FROM lsh_bands").fetchall()[0][0] == 2 * BANDS
        assert Deduplicator(db).add(["w1", "w2", "w3"]).indexed == 0


@pytest.mark.parametrize("order", [[4, 3, 2, 1, 0], [2, 0, 4, 1, 3], [3, 1, 0, 2, 4]])
def test_result_does_not_depend_on_order(tmp_path: Path, order: list[int]) -> None:
    arts = corpus()
    # an earlier copy arriving last becomes the original of the whole group
    arts.append(art("z0", WIRE, "2024-11-11", "Early Bird"))
    with Store.open(tmp_path / "o.duckdb") as db:
        for i in order + [5]:
            db.add([arts[i]])
            Deduplicator(db).add([arts[i].id])
        assert copy_links(db) == {"w1": "z0", "w2": "z0", "w3": "z0", "w4": "z0"}


def test_undated_articles_and_empty_text(store: Store) -> None:
    store.add([art("b", WIRE, None, "X"), art("a", WIRE, None, "Y"), art("e", "Hi.", "2024-01-01", "Z")])
    Deduplicator(store).add(["a", "b", "e"])
    assert copy_links(store) == {"b": "a"}


def test_many_copies_of_one_item_cost_flat(store: Store) -> None:
    """Copies of one feed item, each lightly different: every new copy is compared with the one
    representative of its group, not with all the copies before it."""
    n = 400
    arts = [art(f"c{i:04d}", WIRE + f" Item {i}.", "2024-11-12", f"Outlet {i}") for i in range(n)]
    store.add(arts)
    dedup = Deduplicator(store)
    candidates = 0
    for start in range(0, n, 100):
        res = dedup.add([a.id for a in arts[start:start + 100]])
        candidates += res.candidates
    assert candidates <= 2 * n  # all pairs would be n * (n - 1) / 2 = 79,800
    links = copy_links(store)
    assert len(links) == n - 1 and set(links.values()) == {"c0000"}
    assert store.connection.execute("SELECT count(DISTINCT article_id) FROM lsh_bands").fetchall()[0][0] == 1
