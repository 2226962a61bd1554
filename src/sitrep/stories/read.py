"""Stories in the `sitrep stories` contract shape, with the filters of `sitrep events`.

    stories(store, actor="RUS", weapon="Oreshnik", since="2024-11-01")   # one dict per story
    story(store, "S0a1b2c3d4e5f")                                         # one story in full, or None

Contract (one JSON object per story): story_id, title, first_date, last_date,
articles (the input ids), outlets, independent_origins, clusters (cluster
ids), top_events (cluster summaries, most significant first), reliability,
credibility, reasons; plus significance, types, actors, weapons.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date as Date
from typing import Any

import duckdb

from sitrep.errors import StoreError, UsageError
from sitrep.store.db import limit_sql, span_filter, type_list

CONTRACT_KEYS = ("story_id", "title", "first_date", "last_date", "articles", "outlets", "independent_origins",
                 "clusters", "top_events", "reliability", "credibility", "reasons")


def _iso(v: Any) -> Any:
    return v.isoformat() if isinstance(v, Date) else v


def _rows(con: duckdb.DuckDBPyConnection, query: str, params: Sequence[Any]) -> list[dict[str, Any]]:
    try:
        cur = con.execute(query, list(params))
    except duckdb.CatalogException as exc:
        raise StoreError("this database has no story tables; open it for writing (sitrep repair) to migrate it") from exc
    names = [d[0] for d in cur.description or []]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def _record(row: dict[str, Any], articles: list[str]) -> dict[str, Any]:
    return {
        "story_id": row["story_id"],
        "title": row["title"],
        "first_date": _iso(row["first_date"]),
        "last_date": _iso(row["last_date"]),
        "articles": articles,
        "outlets": row["outlets"],
        "independent_origins": row["independent_origins"],
        "clusters": list(row["clusters"] or []),
        "top_events": json.loads(row["top_events"]),
        "reliability": row["reliability"],
        "credibility": row["credibility"],
        "reasons": json.loads(row["reasons"]),
        "significance": round(float(row["significance"]), 3),
        "types": list(row["types"] or []),
        "actors": list(row["actors"] or []),
        "weapons": list(row["weapons"] or []),
    }


def _articles(con: duckdb.DuckDBPyConnection, story_ids: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {sid: [] for sid in story_ids}
    if not story_ids:
        return out
    rows = con.execute(
        "SELECT s.story_id, s.article_id FROM story_articles s JOIN articles a ON a.id = s.article_id "
        "WHERE list_contains(?, s.story_id) ORDER BY a.date NULLS LAST, s.article_id", [story_ids]).fetchall()
    for sid, aid in rows:
        out[sid].append(aid)
    return out


def records(store: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of `stories` (SELECT * FROM stories) as contract records, with their article ids
    (one query for them all)."""
    arts_by = _articles(store.connection, [r["story_id"] for r in rows])
    return [_record(r, arts_by[r["story_id"]]) for r in rows]


def stories(
    store: Any,
    *,
    actor: str | None = None,
    actor_name: str | None = None,
    type: str | Sequence[str] | None = None,
    weapon: str | None = None,
    country: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
    order: str = "date",
) -> list[dict[str, Any]]:
    """Stories matching every filter, by first date (order="date") or most significant first
    (order="significance"). actor: a code among the story's actors; type: PLOVER type(s)
    among its clusters'; since/until: stories whose dates overlap the period; actor_name,
    weapon and country keep stories with an event that matches them (as `sitrep events`)."""
    if order not in ("date", "significance"):
        raise UsageError(f"order must be 'date' or 'significance', got {order!r}")
    where, params = span_filter(actor, since, until)
    types = type_list(type)
    if types:
        where.append("len(list_intersect(types, ?)) > 0")
        params.append(types)
    limit_sql(limit)  # a bad limit is refused before any query
    query = "SELECT * FROM stories" + (" WHERE " + " AND ".join(where) if where else "")
    query += (" ORDER BY significance DESC, first_date NULLS LAST, story_id" if order == "significance"
              else " ORDER BY first_date NULLS LAST, story_id")
    con = store.connection
    rows = _rows(con, query, params)
    if actor_name or weapon or country:
        matching = store.events(actor_name=actor_name, weapon=weapon, country=country)
        arts = sorted({e["article_id"] for e in matching})
        keep = {r[0] for r in con.execute("SELECT DISTINCT story_id FROM story_articles WHERE list_contains(?, article_id)",
                                          [arts]).fetchall()} if arts else set()
        rows = [r for r in rows if r["story_id"] in keep]
    if limit is not None:
        rows = rows[:limit]  # after the event filters, which a LIMIT in the query would run before
    arts_by = _articles(con, [r["story_id"] for r in rows])
    return [_record(r, arts_by[r["story_id"]]) for r in rows]


def story(store: Any, story_id: str) -> dict[str, Any] | None:
    """One story with its articles (title, date, outlet, url, copy_of) and each cluster in
    full (reports, sources, grades); an id the story had before a merge finds it too."""
    from sitrep.corroborate import clusters_by_id

    con = store.connection
    rows = _rows(con, "SELECT * FROM stories WHERE story_id = ?", [story_id])
    if not rows:
        alias = con.execute("SELECT story_id FROM story_aliases WHERE old_id = ?", [story_id]).fetchall()
        rows = _rows(con, "SELECT * FROM stories WHERE story_id = ?", [alias[0][0]]) if alias else []
    if not rows:
        return None
    row = rows[0]
    arts = _rows(con, """
        SELECT a.id, a.title, a.date, a.source, a.url, c.copy_of FROM story_articles s
        JOIN articles a ON a.id = s.article_id LEFT JOIN article_copies c ON c.article_id = a.id
        WHERE s.story_id = ? ORDER BY a.date NULLS LAST, a.id""", [row["story_id"]])
    rec = _record(row, [a["id"] for a in arts])
    rec["article_details"] = [{**a, "date": _iso(a["date"])} for a in arts]
    rec["cluster_details"] = clusters_by_id(store, rec["clusters"])
    return rec
