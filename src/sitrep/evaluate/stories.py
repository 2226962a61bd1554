"""stories: which articles sitrep puts in one story, against hand-made stories.

The gold file (`stories_giveme5w1h_dev.jsonl`, Giveme5W1H news_cluster, Apache-2.0)
holds 182 real articles in 32 stories (`cluster_id`). All articles are coded and
stored together in one in-memory database (the other stories are realistic
distractors), the corpus stages run, and each article gets the set of groups
sitrep put it in (`corpus_groups`). The parts are split by story id, so no
story straddles tune and check, and pairs are scored inside a part only.

Metrics (over unordered pairs of articles both in the part):
- `precision`, `recall`, `f1`: a pair is linked when the articles share a story.
- `clusters_precision`, `clusters_recall`, `clusters_f1`: a pair is linked when
  the articles share an event cluster (the measure before stories existed).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from sitrep.evaluate.gold import read_jsonl
from sitrep.evaluate.result import TaskResult, prf
from sitrep.evaluate.split import Part, part_of

NAME = "stories"
STORIES = "stories_giveme5w1h_dev.jsonl"


@dataclass(frozen=True, slots=True)
class StoryRecord:
    id: str
    text: str
    date: str | None
    title: str | None
    source: str | None
    url: str | None
    story: str  # the hand-made story id


@dataclass(frozen=True, slots=True)
class Groups:
    """The groups sitrep put one article in."""

    stories: frozenset[str] = frozenset()
    clusters: frozenset[str] = frozenset()


def load(gold_dir: Path) -> list[StoryRecord]:
    return [
        StoryRecord(r["id"], r["text"], r.get("date"), r.get("title"), r.get("source"), r.get("url"), r["cluster_id"])
        for r in read_jsonl(Path(gold_dir) / STORIES)
    ]


def split(rec: StoryRecord) -> Part:
    """The part of a record: its story's part, so a story is never cut in two."""
    return part_of(rec.story)


def corpus_groups(records: Sequence[StoryRecord], predicted: Mapping[str, Any]) -> dict[str, Groups]:
    """Store every coded article in one in-memory database, run the corpus stages
    (dedup, clusters, stories) and return each record's groups."""
    from sitrep import corroborate
    from sitrep.store import Store

    articles = {rec.id: predicted[rec.id] for rec in records}
    with Store.open(":memory:") as store:
        store.add(list({id(a): a for a in articles.values()}.values()))
        corroborate.update_clusters(store, sorted({a.id for a in articles.values()}))
        con = store.connection
        clusters: dict[str, set[str]] = {}
        for aid, cid in con.execute("SELECT DISTINCT article_id, cluster_id FROM cluster_members").fetchall():
            clusters.setdefault(aid, set()).add(cid)
        stories = _stories(store)
    return {
        rec.id: Groups(frozenset(stories.get(articles[rec.id].id, ())), frozenset(clusters.get(articles[rec.id].id, ())))
        for rec in records
    }


def _stories(store: Any) -> dict[str, set[str]]:
    """article id -> story ids (empty while the engine has no stories)."""
    try:
        rows = store.connection.execute("SELECT article_id, story_id FROM story_articles").fetchall()
    except Exception:  # noqa: BLE001 - a database without the stories migration
        return {}
    out: dict[str, set[str]] = {}
    for aid, sid in rows:
        out.setdefault(aid, set()).add(sid)
    return out


def _pairs(records: Sequence[StoryRecord], linked: Mapping[str, frozenset[str]]) -> tuple[int, int, int, list[tuple[StoryRecord, StoryRecord, bool, bool]]]:
    tp = n_pred = n_gold = 0
    wrong = []
    for a, b in combinations(sorted(records, key=lambda r: r.id), 2):
        gold = a.story == b.story
        pred = bool(linked.get(a.id, frozenset()) & linked.get(b.id, frozenset()))
        tp += gold and pred
        n_pred += pred
        n_gold += gold
        if gold != pred:
            wrong.append((a, b, gold, pred))
    return tp, n_pred, n_gold, wrong


def score(records: Sequence[StoryRecord], predicted: Mapping[str, Groups]) -> TaskResult:
    """Pairwise precision, recall and F1 of same-story links; errors are the missed
    and false links by stories (with the shared groups of a false link)."""
    res = TaskResult(NAME)
    stories = {r.id: predicted[r.id].stories if r.id in predicted else frozenset() for r in records}
    clusters = {r.id: predicted[r.id].clusters if r.id in predicted else frozenset() for r in records}
    tp, n_pred, n_gold, wrong = _pairs(records, stories)
    p, r, f = prf(tp, n_pred, n_gold)
    res.metrics.update({"precision": p, "recall": r, "f1": f})
    ctp, cn_pred, _, _ = _pairs(records, clusters)
    cp, cr, cf = prf(ctp, cn_pred, n_gold)
    res.metrics.update({"clusters_precision": cp, "clusters_recall": cr, "clusters_f1": cf})
    res.counts.update({
        "articles": len(records), "stories": len({r.story for r in records}), "gold_pairs": n_gold,
        "predicted_pairs": n_pred, "true_pairs": tp, "cluster_pairs": cn_pred,
    })
    for a, b, gold, _pred in wrong:
        res.errors.append({
            "kind": "missed_link" if gold else "false_link",
            "id": a.id, "other": b.id,
            "story": a.story, "other_story": b.story,
            "title": a.title, "other_title": b.title,
            "date": a.date, "other_date": b.date,
            "shared": sorted(stories[a.id] & stories[b.id]),
        })
    return res
