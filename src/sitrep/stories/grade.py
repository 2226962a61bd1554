"""Each story's clusters, outlets, independent origins, grades and reasons (table `stories`).

A story is graded as one body of reporting: every report of every event
cluster in it goes through the same grading as a cluster
(`corroborate.grade_groups`), so copies, one outlet's pieces and one speaker's
words collapse into one origin across the whole story, and a story resting on
one state-media interview says so once. A story with no coded event is graded
F6 ("cannot be judged") and says why.

Significance (the report's order): material conflict by a political actor
first, then pressure, named weapon systems, independent origins, outlets:
    10 * (an ASSAULT or COERCE event by a political actor) + 5 * (MOBILIZE, THREATEN or
    SANCTION by a political actor) + 3 * (a named weapon system)
    + min(independent origins, 5) + 0.1 * min(outlets, 9)
A political actor is an acting (not acted-upon) actor with a code whose sector is a state's
(none: the country itself), government, military, intergovernmental, rebel, intelligence,
party or legislature: a firm hacked or a team "beaten" is no material conflict. Events said
not to happen (negated) or only imagined (hypothetical) do not count. A named system is a
weapon with its own name ("Oreshnik"), not a class word ("missile"). The caps keep a widely
reported corporate or sports story below one act of force by a state.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date as Date
from typing import Any

import duckdb
import pyarrow as pa

TOP_EVENTS = 5
CONFLICT = frozenset({"ASSAULT", "COERCE"})
PRESSURE = frozenset({"MOBILIZE", "THREATEN", "SANCTION"})
POLITICAL_SECTORS = ("GOV", "MIL", "IGO", "REB", "SPY", "PTY", "LEG")  # and none: the state itself
ORIGINS_CAP = 5  # independent origins count up to this many in significance
OUTLETS_CAP = 9  # so 0.1 * outlets stays below one origin


def _q(con: duckdb.DuckDBPyConnection, sql: str, ids: list[str]) -> list[tuple[Any, ...]]:
    if not ids:
        return []
    con.register("_gq", pa.table({"id": pa.array(ids, pa.string())}))
    try:
        return con.execute(sql).fetchall()
    finally:
        con.unregister("_gq")


def stories_of_clusters(con: duckdb.DuckDBPyConnection, cluster_ids: list[str]) -> set[str]:
    return {r[0] for r in _q(con, "SELECT DISTINCT s.story_id FROM cluster_members m JOIN story_articles s "
                                  "ON s.article_id = m.article_id JOIN _gq ON _gq.id = m.cluster_id", cluster_ids)}


def stories_of_articles(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> set[str]:
    return {r[0] for r in _q(con, "SELECT DISTINCT story_id FROM story_articles JOIN _gq ON _gq.id = article_id",
                             article_ids)}


def _norm(s: str | None) -> str:
    return " ".join(re.findall(r"[^\W_]+", (s or "").lower()))


def _title(title: str | None, text: str | None) -> str:
    if title and title.strip():
        return " ".join(title.split())
    first = (text or "").strip().split("\n", 1)[0]
    return " ".join(first.split())[:120]


def significance(acts: set[str], named_system: bool, origins: int, outlets: int) -> float:
    """`acts`: the event types of the story done by a political actor (`political_acts`)."""
    return (10.0 * bool(acts & CONFLICT) + 5.0 * bool(acts & PRESSURE) + 3.0 * named_system
            + min(origins, ORIGINS_CAP) + 0.1 * min(outlets, OUTLETS_CAP))


def political_acts(con: duckdb.DuckDBPyConnection, story_ids: list[str]) -> dict[str, set[str]]:
    """story id -> the types of its events whose acting side holds a political actor (a coded
    actor of a state, government, military, IGO, rebel, intelligence, party or legislature
    sector), leaving out events said not to happen or only imagined."""
    sectors = ", ".join(f"'{x}'" for x in POLITICAL_SECTORS)
    out: dict[str, set[str]] = {}
    for sid, typ in _q(con, f"""
            SELECT DISTINCT s.story_id, e.type FROM events e
            JOIN story_articles s ON s.article_id = e.article_id JOIN _gq ON _gq.id = s.story_id
            WHERE e.modality NOT IN ('negated', 'hypothetical') AND EXISTS (
                SELECT 1 FROM event_actors x WHERE x.event_id = e.event_id AND x.role = 'actor'
                AND x.code IS NOT NULL AND (x.sector IS NULL OR x.sector IN ({sectors})))""", story_ids):
        out.setdefault(sid, set()).add(typ)
    return out


def named_systems(con: duckdb.DuckDBPyConnection, story_ids: list[str]) -> set[str]:
    """The stories naming a weapon system by its own name (not a class word such as "missile")."""
    return {r[0] for r in _q(con, """
            SELECT DISTINCT s.story_id FROM event_weapons w JOIN events e ON e.event_id = w.event_id
            JOIN story_articles s ON s.article_id = e.article_id JOIN _gq ON _gq.id = s.story_id
            WHERE lower(w.name) <> lower(coalesce(w."class", '')) AND w.name <> lower(w.name)""", story_ids)}


def _cluster_rank(c: dict[str, Any]) -> tuple[Any, ...]:
    kind = 0 if c["type"] in CONFLICT else 1 if c["type"] in PRESSURE else 2
    return (not c["actors"], kind, -c["independent_origins"], -c["articles"], c["credibility"], c["cluster_id"])


def grade_stories(con: duckdb.DuckDBPyConnection, story_ids: list[str], g: Any) -> None:
    """(Re)write the `stories` rows of these stories."""
    from sitrep.corroborate import grade_groups

    ids = sorted(set(story_ids))
    if not ids:
        return
    arts: dict[str, list[tuple[Any, ...]]] = {}
    for sid, aid, title, text, d, source, copy_of in _q(con, """
            SELECT s.story_id, a.id, a.title, a.text, a.date, a.source, c.copy_of
            FROM story_articles s JOIN articles a ON a.id = s.article_id
            LEFT JOIN article_copies c ON c.article_id = a.id
            JOIN _gq ON _gq.id = s.story_id""", ids):
        arts.setdefault(sid, []).append((aid, title, text, d, source, copy_of))
    cols = ["cluster_id", "type", "modality", "actors", "weapons", "first_date", "articles", "independent_origins",
            "reliability", "credibility"]
    clusters: dict[str, list[dict[str, Any]]] = {}
    # a cluster belongs to the story of its seed event's article (all its articles are linked to it)
    for row in _q(con, f"""
            SELECT s.story_id, {', '.join('c.' + c for c in cols)}
            FROM clusters c JOIN events e ON e.event_id = c.seed_event
            JOIN story_articles s ON s.article_id = e.article_id
            JOIN _gq ON _gq.id = s.story_id""", ids):
        clusters.setdefault(row[0], []).append(dict(zip(cols, row[1:])))
    countries: dict[str, set[str]] = {}
    for sid, country in _q(con, """
            SELECT DISTINCT s.story_id, upper(e.location_country) FROM events e
            JOIN story_articles s ON s.article_id = e.article_id JOIN _gq ON _gq.id = s.story_id
            WHERE e.location_country IS NOT NULL""", ids):
        countries.setdefault(sid, set()).add(country)
    acts = political_acts(con, ids)
    systems = named_systems(con, ids)
    graded = grade_groups(con, {sid: [c["cluster_id"] for c in clusters.get(sid, [])] for sid in ids}, g,
                          negations=False)
    rows: list[dict[str, Any]] = []
    for sid in ids:
        members = arts.get(sid)
        if not members:
            continue
        members.sort(key=lambda a: (a[3] is None, a[3] or Date.min, a[0]))
        seed = members[0]
        dates = [a[3] for a in members if a[3] is not None]
        outlets = {_norm(a[4]) for a in members if a[4]}
        cs = sorted(clusters.get(sid, []), key=_cluster_rank)
        rec = graded.get(sid)
        if rec is None:
            roots = {a[5] or a[0] for a in members}
            origins = len({_norm(a[4]) or a[0] for a in members if (a[5] or a[0]) in roots and not a[5]}) or 1
            reliability, credibility = "F", 6
            reasons = [f"no coded event to grade: {len(members)} article(s) from {len(outlets)} outlet(s)",
                       "credibility 6 (truth cannot be judged): nothing to corroborate"]
        else:
            origins, reliability, credibility = rec["independent_origins"], rec["reliability"], rec["credibility"]
            reasons = json.loads(rec["reasons"])
        actor_counts = Counter(a for c in cs for a in (c["actors"] or []))
        actors = sorted(actor_counts, key=lambda a: (-actor_counts[a], a))
        rows.append({
            "story_id": sid,
            "seed_article": seed[0],
            "title": _title(seed[1], seed[2]),
            "first_date": min(dates) if dates else None,
            "last_date": max(dates) if dates else None,
            "articles": len(members),
            "outlets": len(outlets),
            "independent_origins": origins,
            "clusters": [c["cluster_id"] for c in cs],
            "types": sorted({c["type"] for c in cs}),
            "actors": actors,
            "countries": sorted(set(actors) | countries.get(sid, set())),
            "weapons": sorted({w for c in cs for w in (c["weapons"] or [])}),
            "top_events": json.dumps([_summary(c) for c in cs[:TOP_EVENTS]], ensure_ascii=False),
            "significance": significance(acts.get(sid, set()), sid in systems, origins, len(outlets)),
            "reliability": reliability,
            "credibility": credibility,
            "reasons": json.dumps(reasons, ensure_ascii=False),
        })
    _q(con, "DELETE FROM stories WHERE story_id IN (SELECT id FROM _gq)", ids)
    if not rows:
        return
    from sitrep.store.db import insert_arrow

    lists = ("clusters", "types", "actors", "countries", "weapons")
    types = {"first_date": pa.date32(), "last_date": pa.date32(), "articles": pa.int32(), "outlets": pa.int32(),
             "independent_origins": pa.int32(), "credibility": pa.int32(), "significance": pa.float64(),
             **{k: pa.list_(pa.string()) for k in lists}}
    insert_arrow(con, "stories", pa.table({k: pa.array([r[k] for r in rows], types.get(k, pa.string()))
                                           for k in rows[0]}))


def _summary(c: dict[str, Any]) -> dict[str, Any]:
    return {
        "cluster_id": c["cluster_id"], "type": c["type"], "modality": c["modality"],
        "actors": list(c["actors"] or []), "weapons": list(c["weapons"] or []),
        "date": c["first_date"].isoformat() if isinstance(c["first_date"], Date) else c["first_date"],
        "articles": c["articles"], "independent_origins": c["independent_origins"],
        "grade": f"{c['reliability']}{c['credibility']}",
    }
