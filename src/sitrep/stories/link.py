"""Link new articles to the stored ones and keep the stories (connected articles) current.

    update_links(con, article_ids) -> StoryUpdate    # inside the caller's transaction

Two articles are linked when they share a blocking key (one of their
`BLOCKING_TERMS` heaviest features in a date bucket both windows touch) and
their feature vectors are similar enough for the days between them:
`NEAR_SIMILARITY` within `NEAR_DAYS`, `FAR_SIMILARITY` within `FAR_DAYS`
(undated articles: `FAR_SIMILARITY` with other undated ones only). The link
depends on the two articles alone, so a story (a connected set of linked
articles) is the same whatever order they came in. Its id is a hash of its
earliest article (date, then id); when a new article joins two stories the
later id lives on in `story_aliases`. Stories only grow and merge: a link is
never taken back.

Cost per new article: its features, one probe of the key index, and one
similarity per candidate sharing a key; flat as the database grows as long
as the heavy terms stay rare within a bucket.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any

import duckdb
import pyarrow as pa

from sitrep.stories.features import article_vector, blocking_terms, similarity

# Calibrated on the tune part of `sitrep eval stories` (pairwise F1 by threshold and window):
# same-story pairs within 3 days mostly score 0.15-0.6, different stories below 0.10; a pair
# weeks apart needs more shared substance. 0.10 let unrelated stories of one region chain.
NEAR_DAYS = 3
NEAR_SIMILARITY = 0.15
FAR_DAYS = 30
FAR_SIMILARITY = 0.20
BUCKET_DAYS = 32  # blocking date buckets; a FAR_DAYS window touches two or three


@dataclass(slots=True)
class StoryUpdate:
    """articles: articles given stories now; links: links made; candidates: pairs compared;
    stories: story ids touched (made, grown or merged); merged: old id -> new id."""

    articles: int = 0
    links: int = 0
    candidates: int = 0
    stories: set[str] = field(default_factory=set)
    merged: dict[str, str] = field(default_factory=dict)


def story_id_for(seed_article: str) -> str:
    return "S" + hashlib.blake2b(seed_article.encode("utf-8"), digest_size=6).hexdigest()


def linked(sim: float, a: Date | None, b: Date | None) -> bool:
    """Whether two articles with this similarity and these dates belong to one story."""
    if a is None or b is None:
        return a is None and b is None and sim >= FAR_SIMILARITY
    days = abs((a - b).days)
    return (days <= NEAR_DAYS and sim >= NEAR_SIMILARITY) or (days <= FAR_DAYS and sim >= FAR_SIMILARITY)


def keys(terms: Iterable[str], d: Date | None) -> list[str]:
    if d is None:
        buckets = ["u"]
    else:
        o = d.toordinal()
        buckets = [str(b) for b in range((o - FAR_DAYS) // BUCKET_DAYS, (o + FAR_DAYS) // BUCKET_DAYS + 1)]
    return [f"{t}|{b}" for t in terms for b in buckets]


def _table(con: duckdb.DuckDBPyConnection, name: str, cols: dict[str, pa.Array]) -> None:
    con.register(name, pa.table(cols))


def _ids_table(ids: list[str]) -> pa.Table:
    return pa.table({"id": pa.array(ids, pa.string())})


def _query(con: duckdb.DuckDBPyConnection, sql: str, ids: list[str]) -> list[tuple[Any, ...]]:
    if not ids:
        return []
    con.register("_sq", _ids_table(ids))
    try:
        return con.execute(sql).fetchall()
    finally:
        con.unregister("_sq")


def _insert(con: duckdb.DuckDBPyConnection, table: str, cols: dict[str, pa.Array]) -> None:
    from sitrep.store.db import insert_arrow

    insert_arrow(con, table, pa.table(cols))


def _features(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, tuple[Date | None, dict[str, float]]]:
    rows = _query(con, "SELECT f.article_id, f.date, f.terms, f.weights FROM story_features f "
                       "JOIN _sq ON _sq.id = f.article_id", ids)
    return {aid: (d, dict(zip(t, w))) for aid, d, t, w in rows}


def update_links(con: duckdb.DuckDBPyConnection, article_ids: Iterable[str]) -> StoryUpdate:
    """Give these stored articles their features, links and stories (those that have none)."""
    out = StoryUpdate()
    ids = sorted(set(article_ids))
    rows = _query(con, """
        SELECT a.id, a.title, a.text, a.date
        FROM articles a JOIN _sq ON _sq.id = a.id
        WHERE NOT EXISTS (SELECT 1 FROM story_features f WHERE f.article_id = a.id)
        ORDER BY a.id""", ids)
    if not rows:
        return out
    ents: dict[str, list[tuple[str, str, str | None]]] = {}
    for aid, etype, etext, code in _query(con, "SELECT e.article_id, e.type, e.text, e.code FROM entities e "
                                               "JOIN _sq ON _sq.id = e.article_id ORDER BY e.article_id, e.idx",
                                          [r[0] for r in rows]):
        ents.setdefault(aid, []).append((etype, etext, code))
    new: dict[str, tuple[Date | None, dict[str, float]]] = {}
    key_rows: list[tuple[str, str]] = []
    for aid, title, text, d in rows:
        vec = article_vector(title, text or "", ents.get(aid, ()))
        new[aid] = (d, vec)
        key_rows += [(k, aid) for k in keys(blocking_terms(vec), d)]
    out.articles = len(new)
    order = sorted(new)
    _insert(con, "story_features", {
        "article_id": pa.array(order, pa.string()),
        "date": pa.array([new[a][0] for a in order], pa.date32()),
        "terms": pa.array([list(new[a][1]) for a in order], pa.list_(pa.string())),
        "weights": pa.array([list(new[a][1].values()) for a in order], pa.list_(pa.float64())),
    })
    _insert(con, "story_keys", {
        "key": pa.array([k for k, _ in key_rows], pa.string()),
        "article_id": pa.array([a for _, a in key_rows], pa.string()),
    })
    _table(con, "_probe", {"key": pa.array([k for k, _ in key_rows], pa.string()),
                           "src": pa.array([a for _, a in key_rows], pa.string())})
    try:
        pairs = con.execute("SELECT DISTINCT p.src, k.article_id FROM _probe p JOIN story_keys k ON k.key = p.key "
                            "WHERE k.article_id <> p.src").fetchall()
    finally:
        con.unregister("_probe")
    pairs = sorted({(min(a, b), max(a, b)) for a, b in pairs})
    out.candidates = len(pairs)
    others = _features(con, sorted({x for p in pairs for x in p if x not in new}))
    feats = {**others, **new}
    links = []
    for a, b in pairs:
        (da, va), (db, vb) = feats[a], feats[b]
        sim = similarity(va, vb)
        if linked(sim, da, db):
            links.append((a, b, sim, None if da is None or db is None else abs((da - db).days)))
    out.links = len(links)
    _insert(con, "story_links", {
        "article_id": pa.array([x[0] for x in links], pa.string()),
        "other_id": pa.array([x[1] for x in links], pa.string()),
        "similarity": pa.array([x[2] for x in links], pa.float64()),
        "days": pa.array([x[3] for x in links], pa.int32()),
    })
    _regroup(con, new, links, out)
    return out


def _regroup(con: duckdb.DuckDBPyConnection, new: dict[str, tuple[Date | None, dict[str, float]]],
             links: list[tuple[str, str, float, int | None]], out: StoryUpdate) -> None:
    """Union the new articles with the stories of the stored articles they link to."""
    old_articles = sorted({x for a, b, _, _ in links for x in (a, b) if x not in new})
    story_of = dict(_query(con, "SELECT s.article_id, s.story_id FROM story_articles s "
                                "JOIN _sq ON _sq.id = s.article_id", old_articles))
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def node(article: str) -> str:
        return f"a:{article}" if article in new else f"s:{story_of[article]}"

    for a in new:
        find(f"a:{a}")
    for a, b, _, _ in links:
        ra, rb = find(node(a)), find(node(b))
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, set[str]] = {}
    for n in list(parent):
        groups.setdefault(find(n), set()).add(n)
    old_ids = sorted({n[2:] for g in groups.values() for n in g if n.startswith("s:")})
    members: dict[str, list[tuple[str, Date | None]]] = {}
    for aid, sid, d in _query(con, "SELECT s.article_id, s.story_id, a.date FROM story_articles s "
                                   "JOIN articles a ON a.id = s.article_id JOIN _sq ON _sq.id = s.story_id", old_ids):
        members.setdefault(sid, []).append((aid, d))
    assign: dict[str, str] = {}
    for g in groups.values():
        arts = [(a[2:], new[a[2:]][0]) for a in g if a.startswith("a:")]
        olds = [n[2:] for n in g if n.startswith("s:")]
        for sid in olds:
            arts += members.get(sid, [])
        seed = min(arts, key=lambda x: (x[1] is None, x[1] or Date.min, x[0]))[0]
        sid_new = story_id_for(seed)
        out.stories.add(sid_new)
        for sid in olds:
            if sid != sid_new:
                out.merged[sid] = sid_new
        for aid, _ in arts:
            assign[aid] = sid_new
    ids = sorted(assign)
    _query(con, "DELETE FROM story_articles WHERE article_id IN (SELECT id FROM _sq)", ids)
    _insert(con, "story_articles", {"article_id": pa.array(ids, pa.string()),
                                    "story_id": pa.array([assign[a] for a in ids], pa.string())})
    if out.merged:
        ren = sorted(out.merged)
        _table(con, "_ren", {"old_id": pa.array(ren, pa.string()),
                             "new_id": pa.array([out.merged[o] for o in ren], pa.string())})
        try:
            con.execute("UPDATE story_aliases a SET story_id = r.new_id FROM _ren r WHERE a.story_id = r.old_id")
            con.execute("DELETE FROM story_aliases WHERE old_id IN (SELECT old_id FROM _ren)")
            con.execute("INSERT INTO story_aliases SELECT old_id, new_id FROM _ren")
            con.execute("DELETE FROM stories WHERE story_id IN (SELECT old_id FROM _ren)")
        finally:
            con.unregister("_ren")
    _query(con, "DELETE FROM story_aliases WHERE old_id IN (SELECT id FROM _sq)", sorted(out.stories))
