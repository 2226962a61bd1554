"""Link new articles to the stored ones and keep the stories (connected articles) current.

    update_links(con, article_ids) -> StoryUpdate    # inside the caller's transaction

Two articles are compared when they share a blocking key: one of their
`BLOCKING_TERMS` heaviest terms, in the date bucket of the stored one, the new
one probing every bucket within `EMBED_DAYS` of its date. They are linked
(`linked`) when either
- their weighted terms are similar enough for the days between them
  (`NEAR_SIMILARITY` within `NEAR_DAYS`, `FAR_SIMILARITY` within `FAR_DAYS`) and
  their headline embeddings do not say they are about different things
  (at least `TOPIC_FLOOR`), or
- their headline embeddings say they are about the same thing
  (at least `SAME_TOPIC`) within `EMBED_DAYS`.
Undated articles link to other undated ones only. A pair whose terms agree but
whose headlines are apart is kept in `story_links` as *near* but not a story
link (`story` false): its events may still share an event cluster (a denial
worded unlike the reports it denies), but it does not join two stories. The link depends on the two
articles alone, so a story (a connected set of linked articles) is the same
whatever order they came in. Its id is a hash of its earliest article (date,
then id); when a new article joins two stories the later id lives on in
`story_aliases`. Stories only grow and merge: a link is never taken back.

Cost per new article: its terms and headline embedding (about 20 ms), one
probe of the key index, and one similarity per candidate sharing a key; flat
as the database grows as long as the heavy terms stay rare within a bucket. A
copy of a stored article (`sitrep.dedup`) costs its terms alone: it is linked
to its original, shares its embedding, and is not keyed, so a thousand copies
of one item are not compared with each other.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from sitrep.dedup import originals
from sitrep.stories.embed import DIM, embed, story_text
from sitrep.stories.features import article_vector, blocking_terms, similarity

# Calibrated on the tune part of `sitrep eval stories` (pairwise F1 by threshold and window):
# same-story pairs within 3 days mostly score 0.15-0.6, different stories below 0.10; a pair
# weeks apart needs more shared substance. 0.10 let unrelated stories of one region chain.
NEAR_DAYS = 3
NEAR_SIMILARITY = 0.15
FAR_DAYS = 30
FAR_SIMILARITY = 0.20
# Headline embeddings (cosine), read off the tune part: 98% of same-story pairs are at 0.80
# or more, while the pairs of different stories that the terms linked (stories of one region
# chaining) are mostly below 0.84; a pair at 0.90 or more reports one thing however few rare
# words it shares. EMBED_DAYS caps how far apart such a pair may be: the hand-made stories run
# for months (a missile programme, a trial), but a report a year apart is history, not news.
TOPIC_FLOOR = 0.84
SAME_TOPIC = 0.90
EMBED_DAYS = 365
BUCKET_DAYS = 32  # blocking date buckets: an article is keyed in its own, probed over the window


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


def near(sim: float, a: Date | None, b: Date | None, topic: float | None = None) -> tuple[bool, bool]:
    """(near, linked) for two articles with this term similarity, these dates and this
    headline-embedding similarity (`topic`; None when one has no embedding): *near* when their
    terms or their headlines say they report one thing (the pairs whose events may share an event
    cluster), *linked* when they belong to one story (near, and the headlines not apart)."""
    if a is None or b is None:
        if not (a is None and b is None):
            return False, False
        days = 0
        by_terms = sim >= FAR_SIMILARITY
    else:
        days = abs((a - b).days)
        by_terms = (days <= NEAR_DAYS and sim >= NEAR_SIMILARITY) or (days <= FAR_DAYS and sim >= FAR_SIMILARITY)
    if topic is None:
        return by_terms, by_terms
    by_topic = days <= EMBED_DAYS and topic >= SAME_TOPIC
    return by_terms or by_topic, (by_terms and topic >= TOPIC_FLOOR) or by_topic


def linked(sim: float, a: Date | None, b: Date | None, topic: float | None = None) -> bool:
    """Whether two articles with this term similarity, these dates and this headline-embedding
    similarity (`topic`; None when one has no embedding) belong to one story."""
    return near(sim, a, b, topic)[1]


def keys(terms: Iterable[str], d: Date | None) -> list[str]:
    """The keys an article is stored under: each heavy term in the article's date bucket."""
    bucket = "u" if d is None else str(d.toordinal() // BUCKET_DAYS)
    return [f"{t}|{bucket}" for t in terms]


def probe_keys(terms: Iterable[str], d: Date | None) -> list[str]:
    """The keys a new article looks up: each heavy term in every bucket within `EMBED_DAYS`
    (the longest window a link may span), or in the undated bucket."""
    if d is None:
        buckets = ["u"]
    else:
        o = d.toordinal()
        buckets = [str(b) for b in range((o - EMBED_DAYS) // BUCKET_DAYS, (o + EMBED_DAYS) // BUCKET_DAYS + 1)]
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


Features = tuple[Date | None, dict[str, float], np.ndarray | None]  # date, terms, headline embedding


def _features(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, Features]:
    rows = _query(con, "SELECT f.article_id, f.date, f.terms, f.weights, f.embedding FROM story_features f "
                       "JOIN _sq ON _sq.id = f.article_id", ids)
    return {aid: (d, dict(zip(t, w)), None if e is None else np.asarray(e, dtype=np.float32))
            for aid, d, t, w, e in rows}


def _copies(con: duckdb.DuckDBPyConnection, rows: list[tuple[Any, ...]]) -> dict[str, str]:
    """Copy -> original for the new articles that dedup found to be copies of an original that
    has features (stored, or new here and no copy itself)."""
    ids = {r[0] for r in rows}
    links = originals(con, ids)
    stored = {r[0] for r in _query(con, "SELECT f.article_id FROM story_features f JOIN _sq ON _sq.id = f.article_id",
                                   sorted(set(links.values())))}
    return {a: o for a, o in links.items() if (o in ids and o not in links) or o in stored}


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
    copies = _copies(con, rows)
    originals = [r for r in rows if r[0] not in copies]
    embeddings = embed([story_text(title, text or "") for _, title, text, _ in originals])
    new: dict[str, Features] = {}
    key_rows: list[tuple[str, str]] = []
    probe_rows: list[tuple[str, str]] = []
    for (aid, title, text, d), emb in zip(originals, embeddings, strict=True):
        vec = article_vector(title, text or "", ents.get(aid, ()))
        new[aid] = (d, vec, emb if emb.any() else None)
        terms = blocking_terms(vec)
        key_rows += [(k, aid) for k in keys(terms, d)]
        probe_rows += [(k, aid) for k in probe_keys(terms, d)]
    # a copy (sitrep.dedup) is compared with its original alone and shares its headline
    # embedding; it is not keyed, so later articles meet the original, not every copy of it
    stored_originals = _features(con, sorted({o for o in copies.values() if o not in new}))
    for aid, title, text, d in rows:
        if aid in copies:
            emb = (new.get(copies[aid]) or stored_originals[copies[aid]])[2]
            new[aid] = (d, article_vector(title, text or "", ents.get(aid, ())), emb)
    out.articles = len(new)
    order = sorted(new)
    _insert(con, "story_features", {
        "article_id": pa.array(order, pa.string()),
        "date": pa.array([new[a][0] for a in order], pa.date32()),
        "terms": pa.array([list(new[a][1]) for a in order], pa.list_(pa.string())),
        "weights": pa.array([list(new[a][1].values()) for a in order], pa.list_(pa.float64())),
        "embedding": pa.array([None if (e := new[a][2]) is None else e.tolist() for a in order],
                              pa.list_(pa.float32(), DIM)),
    })
    _insert(con, "story_keys", {
        "key": pa.array([k for k, _ in key_rows], pa.string()),
        "article_id": pa.array([a for _, a in key_rows], pa.string()),
    })
    _table(con, "_probe", {"key": pa.array([k for k, _ in probe_rows], pa.string()),
                           "src": pa.array([a for _, a in probe_rows], pa.string())})
    try:
        pairs = con.execute("SELECT DISTINCT p.src, k.article_id FROM _probe p JOIN story_keys k ON k.key = p.key "
                            "WHERE k.article_id <> p.src").fetchall()
    finally:
        con.unregister("_probe")
    pairs = sorted({(min(a, b), max(a, b)) for a, b in [*pairs, *copies.items()]})
    out.candidates = len(pairs)
    others = _features(con, sorted({x for p in pairs for x in p if x not in new}))
    feats = {**others, **new}
    nears = []
    for a, b in pairs:
        (da, va, ea), (db, vb, eb) = feats[a], feats[b]
        sim = similarity(va, vb)
        topic = None if ea is None or eb is None else float(np.dot(ea, eb))
        is_near, is_linked = near(sim, da, db, topic)
        if is_near:
            nears.append((a, b, sim, None if da is None or db is None else abs((da - db).days), topic, is_linked))
    links = [x for x in nears if x[5]]
    out.links = len(links)
    _insert(con, "story_links", {
        "article_id": pa.array([x[0] for x in nears], pa.string()),
        "other_id": pa.array([x[1] for x in nears], pa.string()),
        "similarity": pa.array([x[2] for x in nears], pa.float64()),
        "days": pa.array([x[3] for x in nears], pa.int32()),
        "topic": pa.array([x[4] for x in nears], pa.float64()),
        "story": pa.array([x[5] for x in nears], pa.bool_()),
    })
    _regroup(con, new, links, out)
    return out


def _regroup(con: duckdb.DuckDBPyConnection, new: dict[str, Features],
             links: list[tuple[str, str, float, int | None, float | None, bool]], out: StoryUpdate) -> None:
    """Union the new articles with the stories of the stored articles they link to."""
    old_articles = sorted({x for a, b, *_ in links for x in (a, b) if x not in new})
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
    for a, b, *_ in links:
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
