"""What the API and the web UI show, as plain data read from a `Store` (no web types here).

Every function takes an open (read-only) `Store` and a `Filters`; every value from a request
reaches DuckDB as a parameter (`Store.event_filter_sql`), never as part of the SQL text.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date as Date
from typing import Any

import duckdb

from sitrep.briefing import story_caveats
from sitrep.store import Store
from sitrep.store.db import date_range, span_filter, type_list

QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
MAX_POINTS = 5000  # timeline and map points per response; the count says when more matched
WEAK = "DEF"


@dataclass(frozen=True, slots=True)
class Filters:
    """The filters of `sitrep events`, plus who a report rests on (`source_type`)."""

    since: str | None = None
    until: str | None = None
    actor: str | None = None
    actor_name: str | None = None
    type: str | None = None
    weapon: str | None = None
    country: str | None = None
    source_type: str | None = None

    def events(self) -> dict[str, Any]:
        """As keyword arguments of `Store.events`."""
        return {k: v for k, v in asdict(self).items() if v}

    def active(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if v}


def _iso(v: Any) -> Any:
    return v.isoformat() if isinstance(v, Date) else v


def _rows(store: Store, query: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = store.connection.execute(query, params)
    names = [d[0] for d in cur.description or []]
    return [{k: _iso(v) for k, v in zip(names, r)} for r in cur.fetchall()]


def _filtered(f: Filters) -> tuple[str, list[Any]]:
    """A subquery of the matching events (event_id plus the columns the views use)."""
    where, params = Store.event_filter_sql(**f.events())
    sql = ("SELECT e.event_id, e.article_id, e.type, e.quad_class, e.modality, e.trigger, e.lat, e.lon, "
           "e.location_text, e.location_country, coalesce(e.speaker_type, 'unattributed') AS speaker_type, "
           "e.speaker, coalesce(e.date, a.date) AS d, a.source FROM events e JOIN articles a ON a.id = e.article_id")
    if where:
        sql += " WHERE " + " AND ".join(where)
    return sql, params


def _has_table(store: Store, name: str) -> bool:
    row = store.connection.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]).fetchone()
    return bool(row and row[0])


# --- meta --------------------------------------------------------------------------


def meta(store: Store) -> dict[str, Any]:
    """Counts, the period covered, and the values the filters take."""
    con = store.connection
    one = con.execute("SELECT min(coalesce(e.date, a.date)), max(coalesce(e.date, a.date)), count(*) "
                      "FROM events e JOIN articles a ON a.id = e.article_id").fetchone()
    counts = {t: int(con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0])  # fixed table names
              for t in ("articles", "events", "rejections")}
    counts["quotes"] = int(con.execute("SELECT count(*) FROM quotes WHERE kind = 'statement'").fetchone()[0])
    counts["stances"] = int(con.execute("SELECT count(*) FROM quotes WHERE kind = 'stance'").fetchone()[0])
    counts["stories"] = int(con.execute("SELECT count(*) FROM stories").fetchone()[0]) if _has_table(store, "stories") else 0
    types = [r[0] for r in con.execute("SELECT type FROM events GROUP BY type ORDER BY count(*) DESC, type").fetchall()]
    kinds = [r[0] for r in con.execute(
        "SELECT DISTINCT coalesce(speaker_type, 'unattributed') FROM events ORDER BY 1").fetchall()]
    if _has_table(store, "report_sources"):
        kinds += [r[0] for r in con.execute(
            "SELECT DISTINCT outlet_kind FROM report_sources WHERE outlet_kind IS NOT NULL ORDER BY 1").fetchall()]
    return {"first_date": _iso(one[0]), "last_date": _iso(one[1]), "counts": counts, "types": types,
            "source_types": kinds, "quad_classes": QUAD_CLASSES, "schema_version": store.schema_version()}


# --- stories and clusters ------------------------------------------------------------


def _state_media_only(s: dict[str, Any]) -> bool:
    """A story whose reporting rests on one origin, and that origin is state media."""
    return s["independent_origins"] <= 1 and any("state media" in r for r in s["reasons"][:1])


def _story_where(f: Filters) -> tuple[str, list[Any]]:
    """The WHERE clause (over `stories`) and its parameters for `f`, as `stories.read.stories`
    filters: actor among the story's actors, a type among its clusters', dates overlapping the
    period; the event-level filters keep stories with an article holding a matching event."""
    where: list[str] = []
    params: list[Any] = []
    if f.actor:
        where.append("list_contains(actors, upper(?))")
        params.append(f.actor)
    types = type_list(f.type)
    if types:
        where.append("len(list_intersect(types, ?)) > 0")
        params.append(types)
    if f.since:
        where.append("coalesce(last_date, first_date) >= CAST(? AS DATE)")
        params.append(f.since)
    if f.until:
        where.append("first_date <= CAST(? AS DATE)")
        params.append(f.until)
    if f.actor_name or f.weapon or f.country or f.source_type:
        sub, sp = _filtered(Filters(actor_name=f.actor_name, weapon=f.weapon, country=f.country,
                                    source_type=f.source_type))
        where.append(f"story_id IN (SELECT s.story_id FROM story_articles s "
                     f"WHERE s.article_id IN (SELECT article_id FROM ({sub})))")
        params += sp
    return (" WHERE " + " AND ".join(where)) if where else "", params


ORDERS = {"significance": " ORDER BY significance DESC, first_date NULLS LAST, story_id",
          "date": " ORDER BY first_date NULLS LAST, story_id"}


def stories(store: Store, f: Filters, *, order: str = "significance", limit: int = 50,
            offset: int = 0) -> dict[str, Any]:
    """A page of the stories matching `f`, most significant first (as the report ranks them)
    or by date, each flagged when it rests on one origin or on state media alone. The page is
    chosen in SQL: only its stories are read."""
    from sitrep.stories.read import records

    if not _has_table(store, "stories"):
        return {"items": [], "total": 0, "limit": limit, "offset": offset}
    if order not in ORDERS:
        raise ValueError(f"order must be one of {sorted(ORDERS)}")
    cond, params = _story_where(f)
    total = store.connection.execute(f"SELECT count(*) FROM stories{cond}", params).fetchone()[0]
    cur = store.connection.execute(f"SELECT * FROM stories{cond}{ORDERS[order]} LIMIT ? OFFSET ?",
                                   params + [limit, offset])
    names = [d[0] for d in cur.description or []]
    page = records(store, [dict(zip(names, r)) for r in cur.fetchall()])
    for s in page:
        s["single_origin"] = s["independent_origins"] <= 1
        s["state_media_only"] = _state_media_only(s)
    return {"items": page, "total": int(total), "limit": limit, "offset": offset}


def overview(store: Store, f: Filters, *, limit: int = 25) -> dict[str, Any]:
    """The period's caveats and its stories ranked by significance."""
    res = stories(store, f, order="significance", limit=limit)
    return {"filters": f.active(), "caveats": caveats(store, f), "stories": res["items"], "total": res["total"]}


def _story_counts(store: Store, f: Filters) -> dict[str, int]:
    """Over the stories matching `f`: how many, on a single origin, on one state-media source
    alone (`_state_media_only`), graded no better than D, holding a denial."""
    if not _has_table(store, "stories"):
        return {"n": 0}
    cond, params = _story_where(f)
    row = store.connection.execute(f"""
        SELECT count(*),
               count(*) FILTER (WHERE independent_origins <= 1),
               count(*) FILTER (WHERE independent_origins <= 1
                                AND contains(json_extract_string(reasons, '$[0]'), 'state media')),
               count(*) FILTER (WHERE contains(?, reliability)),
               count(*) FILTER (WHERE len(list_filter(CAST(json_extract_string(reasons, '$[*]') AS VARCHAR[]),
                                                      lambda r: starts_with(r, 'contradicted'))) > 0)
        FROM stories{cond}""", [WEAK] + params).fetchone()
    return dict(zip(("n", "single", "state", "weak", "contradicted"), (int(x) for x in row)))


def caveats(store: Store, f: Filters) -> list[str]:
    """The period's caveats, one line each (as the report's)."""
    out = []
    c = _story_counts(store, f)
    n = c["n"]
    if n:
        if c["state"] and c["state"] == n:
            out.append("Everything here rests on one state-media source: no independent confirmation.")
        elif c["state"]:
            out.append(f"{c['state']} of {n} stories rest on one state-media source alone.")
        out += story_caveats(n, c["single"], c["weak"], c["contradicted"])
    sub, params = _filtered(f)
    total, unattributed = store.connection.execute(
        f"SELECT count(*), count(*) FILTER (WHERE speaker_type = 'unattributed') FROM ({sub})", params).fetchone()
    if total:
        out.append(f"{unattributed} of {total} events are the outlets' own reporting, attributed to nobody.")
    if not f.active():
        rejected = store.connection.execute("SELECT count(*) FROM rejections").fetchone()[0]
        if rejected:
            out.append(f"{rejected} inputs were rejected and are not shown.")
    out.append("Grades are machine-made from who is cited and where (Admiralty code); check the reasons.")
    return out


def story(store: Store, story_id: str) -> dict[str, Any] | None:
    from sitrep.stories.read import story as read_story

    if not _has_table(store, "stories"):
        return None
    s = read_story(store, story_id)
    if s is not None:
        s["single_origin"] = s["independent_origins"] <= 1
        s["state_media_only"] = _state_media_only(s)
    return s


def clusters(store: Store, f: Filters, *, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """A page of event clusters (one happening's reports), latest first."""
    if not _has_table(store, "clusters"):
        return {"items": [], "total": 0, "limit": limit, "offset": offset}
    where, params = span_filter(f.actor, f.since, f.until)
    if f.type:
        where.append("list_contains(?, type)")
        params.append(type_list(f.type))
    if f.weapon:
        where.append("list_contains(list_transform(weapons, lambda w: lower(w)), lower(?))")
        params.append(f.weapon)
    if f.actor_name or f.country or f.source_type:
        sub, sp = _filtered(Filters(actor_name=f.actor_name, country=f.country, source_type=f.source_type))
        where.append(f"cluster_id IN (SELECT m.cluster_id FROM cluster_members m WHERE m.event_id IN "
                     f"(SELECT event_id FROM ({sub})))")
        params += sp
    cond = (" WHERE " + " AND ".join(where)) if where else ""
    total = store.connection.execute(f"SELECT count(*) FROM clusters{cond}", params).fetchone()[0]
    items = _rows(store, "SELECT cluster_id, type, modality, actors, weapons, first_date, last_date, reports, "
                  "articles, outlets, independent_origins, reliability, credibility, CAST(reasons AS VARCHAR) AS reasons "
                  f"FROM clusters{cond} ORDER BY first_date DESC NULLS LAST, cluster_id LIMIT ? OFFSET ?",
                  params + [limit, offset])
    for c in items:
        c["reasons"] = json.loads(c["reasons"]) if c["reasons"] else []
    return {"items": items, "total": int(total), "limit": limit, "offset": offset}


def cluster(store: Store, cluster_id: str) -> dict[str, Any] | None:
    from sitrep.corroborate import cluster as read_cluster

    return read_cluster(store, cluster_id) if _has_table(store, "clusters") else None


# --- events ------------------------------------------------------------------------------


def _annotate(store: Store, events: list[dict[str, Any]]) -> None:
    """Each event's cluster (id and grade) and story id, in place."""
    from sitrep.export import article_stories, event_clusters

    cl = event_clusters(store, (e["event_id"] for e in events))
    st = article_stories(store, (e["article_id"] for e in events))
    for e in events:
        c = cl.get(e["event_id"])
        e["cluster_id"] = c["cluster_id"] if c else None
        e["grade"] = f"{c['reliability']}{c['credibility']}" if c else None
        e["story_id"] = st.get(e["article_id"])


def events(store: Store, f: Filters, *, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """A page of the events matching `f` (contract form), with the total."""
    items, total = store.events_page(**f.events(), limit=limit, offset=offset)
    _annotate(store, items)
    return {"items": items, "total": total, "limit": limit, "offset": offset}


def event(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event with its evidence marked up (spans relative to the sentence: trigger, actors,
    recipients, weapons, place), its cluster with every report, and its story."""
    found = store.events(event_ids=[event_id])
    if not found:
        return None
    ev = found[0]
    _annotate(store, [ev])
    row = store.connection.execute(
        "SELECT sentence_start, trigger_start, trigger_end, location_start, location_end, trigger "
        "FROM events WHERE event_id = ?", [event_id]).fetchone()
    s0 = row[0] or 0
    spans = []
    if row[1] is not None:
        spans.append({"kind": "trigger", "start": row[1] - s0, "end": row[2] - s0, "text": row[5]})
    for role, text, code, a, b in store.connection.execute(
            "SELECT role, text, code, start_char, end_char FROM event_actors WHERE event_id = ? ORDER BY role, idx",
            [event_id]).fetchall():
        if a is not None:
            spans.append({"kind": role, "start": a - s0, "end": b - s0, "text": text, "code": code})
    for text, name, a, b in store.connection.execute(
            "SELECT text, name, start_char, end_char FROM event_weapons WHERE event_id = ? ORDER BY idx",
            [event_id]).fetchall():
        if a is not None:
            spans.append({"kind": "weapon", "start": a - s0, "end": b - s0, "text": text, "name": name})
    if row[3] is not None:
        spans.append({"kind": "place", "start": row[3] - s0, "end": row[4] - s0, "text": ev["location"]["text"]})
    sentence = ev["evidence"]["sentence"] or ""
    kept = [sp for sp in spans if 0 <= sp["start"] < sp["end"] <= len(sentence)]
    for sp in kept:  # the words as written; `label` is what was coded ('setting up division')
        sp["label"], sp["text"] = sp["text"], sentence[sp["start"]:sp["end"]]
    ev["highlights"] = sorted(kept, key=lambda sp: sp["start"])
    ev["cluster"] = cluster(store, ev["cluster_id"]) if ev["cluster_id"] else None
    return ev


# --- articles ------------------------------------------------------------------------


def _article_scope(f: Filters, article_id: str) -> tuple[list[str], list[Any]]:
    """WHERE terms for rows of articles (`a` joined, `article_id` the column holding the id):
    the article date in the period, and with event filters an article holding a matching event."""
    where: list[str] = []
    params: list[Any] = []
    if f.since:
        where.append("a.date >= CAST(? AS DATE)")
        params.append(f.since)
    if f.until:
        where.append("a.date <= CAST(? AS DATE)")
        params.append(f.until)
    ev_filters = Filters(actor=f.actor, actor_name=f.actor_name, type=f.type, weapon=f.weapon, country=f.country,
                         source_type=f.source_type)
    if ev_filters.active():
        sub, sp = _filtered(ev_filters)
        where.append(f"{article_id} IN (SELECT article_id FROM ({sub}))")
        params += sp
    return where, params


def articles(store: Store, f: Filters, *, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """A page of articles (with counts of events, quotes (statements) and stances); with event
    filters, the articles holding a matching event."""
    where, params = _article_scope(f, "a.id")
    cond = (" WHERE " + " AND ".join(where)) if where else ""
    total = store.connection.execute(f"SELECT count(*) FROM articles a{cond}", params).fetchone()[0]
    items = _rows(store, "SELECT a.id, a.title, a.date, a.source, a.url, "
                  "(SELECT count(*) FROM events x WHERE x.article_id = a.id) AS events, "
                  "(SELECT count(*) FROM quotes x WHERE x.article_id = a.id AND x.kind = 'statement') AS quotes, "
                  "(SELECT count(*) FROM quotes x WHERE x.article_id = a.id AND x.kind = 'stance') AS stances "
                  f"FROM articles a{cond} ORDER BY a.date DESC NULLS LAST, a.id LIMIT ? OFFSET ?",
                  params + [limit, offset])
    return {"items": items, "total": int(total), "limit": limit, "offset": offset}


def article(store: Store, article_id: str) -> dict[str, Any] | None:
    """One article with its text, its coded sentences (each with the events coded in it) and
    its quotes (statements) and stances, its copy status and story."""
    rows = _rows(store, "SELECT a.id, a.title, a.date, a.source, a.url, a.origin, a.format, a.text "
                 "FROM articles a WHERE a.id = ?", [article_id])
    if not rows:
        return None
    art = rows[0]
    evs = store.events(event_ids=[r[0] for r in store.connection.execute(
        "SELECT event_id FROM events WHERE article_id = ?", [article_id]).fetchall()])
    _annotate(store, evs)
    by_sentence: dict[tuple[int, int], dict[str, Any]] = {}
    for e in evs:
        ev = e["evidence"]
        key = (ev["start"], ev["end"])
        s = by_sentence.setdefault(key, {"start": ev["start"], "end": ev["end"], "text": ev["sentence"], "events": []})
        s["events"].append({k: e[k] for k in ("event_id", "type", "modality", "quad_class", "actor", "recipient",
                                              "weapons", "date", "cluster_id", "grade")}
                           | {"trigger": ev["trigger"], "rule": ev["rule"], "model": ev["model"]})
    art["sentences"] = sorted(by_sentence.values(), key=lambda s: (s["start"] is None, s["start"] or 0))
    art["quotes"] = store.quotes(article_id=article_id)
    art["stances"] = store.quotes(article_id=article_id, kind="stance")
    copy = (store.connection.execute("SELECT copy_of FROM article_copies WHERE article_id = ?", [article_id]).fetchone()
            if _has_table(store, "article_copies") else None)
    art["copy_of"] = copy[0] if copy else None
    from sitrep.export import article_stories

    art["story_id"] = article_stories(store, [article_id]).get(article_id)
    return art


# --- views ------------------------------------------------------------------------------


def _json_text(text: str) -> bytes:
    """JSON written by DuckDB (`to_json`) as the API writes it (`json.dumps`, UTF-8, no spaces): the two
    differ only in the case of `\\u00XX` escapes (control characters), so a text holding one is
    written again by `json.dumps`."""
    if "\\u" in text:
        text = json.dumps(json.loads(text), ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.encode("utf-8")


def timeline_json(store: Store, f: Filters) -> bytes:
    """`timeline` as the JSON body the API sends, written by DuckDB: one statement reads the
    filtered set once, counts its days (and so the total) and takes the first `MAX_POINTS` of it as
    points, their actors gathered in one GROUP BY over theirs. Thousands of points cost less as JSON
    text from DuckDB than as Python rows turned into JSON."""
    sub, params = _filtered(f)
    row = store.connection.execute(f"""
        WITH f AS MATERIALIZED (SELECT event_id, d, type, quad_class, modality, trigger, source FROM ({sub})
                                WHERE d IS NOT NULL),
        days AS (SELECT d, quad_class, count(*) AS n FROM f GROUP BY ALL),
        p AS (SELECT * FROM f ORDER BY d, event_id LIMIT {MAX_POINTS}),
        x AS (SELECT x.event_id,
                     string_agg(coalesce(x.code, x.text), ',' ORDER BY x.idx) FILTER (WHERE x.role = 'actor') AS actors,
                     string_agg(coalesce(x.code, x.text), ',' ORDER BY x.idx) FILTER (WHERE x.role = 'recipient')
                       AS recipients
              FROM event_actors x WHERE x.event_id IN (SELECT event_id FROM p) GROUP BY x.event_id)
        SELECT (SELECT coalesce(to_json(list({{'event_id': p.event_id, 'date': CAST(p.d AS VARCHAR), 'type': p.type,
                                              'quad_class': p.quad_class, 'modality': p.modality, 'trigger': p.trigger,
                                              'source': p.source, 'actors': x.actors, 'recipients': x.recipients}}
                                             ORDER BY p.d, p.event_id)), '[]')
                FROM p LEFT JOIN x ON x.event_id = p.event_id),
               (SELECT coalesce(to_json(list({{'date': CAST(d AS VARCHAR), 'quad_class': quad_class, 'n': n}}
                                             ORDER BY d, quad_class NULLS LAST)), '[]') FROM days),
               (SELECT coalesce(sum(n), 0) FROM days), (SELECT count(*) FROM p)""", params).fetchone()
    points, days, total, shown = row
    return _json_text(f'{{"points":{points},"days":{days},"total":{int(total)},"shown":{int(shown)}}}')


def timeline(store: Store, f: Filters) -> dict[str, Any]:
    """Dated events as points (type, quad class, modality) and counts per day and quad class
    (`total` of them in all, the first `MAX_POINTS` as points, `shown`)."""
    return json.loads(timeline_json(store, f))


def map_features(store: Store, f: Filters) -> dict[str, Any]:
    """Located events as a GeoJSON FeatureCollection; `precision` is 'country' where the point
    is the country's centroid (the place was a whole country), else 'city'."""
    from sitrep.export import geo_precision

    sub, params = _filtered(f)
    rows = _rows(store, f"SELECT event_id, d AS date, type, quad_class, modality, trigger, source, lat, lon, "
                 f"location_text, location_country FROM ({sub}) WHERE lat IS NOT NULL AND lon IS NOT NULL "
                 f"ORDER BY d NULLS LAST, event_id LIMIT {MAX_POINTS}", params)
    feats = []
    for r in rows:
        loc = {"lat": r["lat"], "lon": r["lon"], "country": r["location_country"]}
        props = {k: r[k] for k in ("event_id", "date", "type", "quad_class", "modality", "trigger", "source")}
        props.update(place=r["location_text"], country=r["location_country"], precision=geo_precision(loc))
        feats.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
                      "properties": props})
    return {"type": "FeatureCollection", "features": feats}


_NETWORK_LISTS = """
        SELECT (SELECT list(n ORDER BY n.events DESC, n.id) FROM nodes n),
               (SELECT list(e ORDER BY e.weight DESC, e.source, e.target, e.quad_class, e.joint) FROM edges e
                WHERE e.source IN (SELECT id FROM nodes) AND e.target IN (SELECT id FROM nodes))"""


def network(store: Store, f: Filters, *, limit: int = 200) -> dict[str, Any]:
    """Actors (by code) as nodes; directed edges actor -> recipient per quad class, weighted by the
    number of events; co-actors of one event (a joint act, 'Belarus and Russia signed') joined by
    an undirected edge. A node's label is the text its code was most often read from (ties: the
    first in sort order); the nodes are the `limit` busiest actors, the edges those between them.

    Without filters, or with a period and event types only, it is read from the sums kept per day
    and event type as events are stored (migration 0010); the other filters read the events."""
    if f.actor or f.actor_name or f.weapon or f.country or f.source_type:
        row = _network_from_events(store, f, limit)
    else:
        row = _network_from_sums(store, f, limit)
    nodes, edges = (row[0] or []) if row else [], (row[1] or []) if row else []
    return {"nodes": nodes, "edges": edges}


def _network_from_sums(store: Store, f: Filters, limit: int) -> tuple[Any, ...] | None:
    where: list[str] = []
    params: list[Any] = []
    date_range(where, params, f.since, f.until, "d")
    types = type_list(f.type)
    if types:
        where.append(f"type IN ({', '.join('?' for _ in types)})")
        params += types
    cond = (" WHERE " + " AND ".join(where)) if where else ""
    return store.connection.execute(f"""
        WITH nodes AS (
          SELECT n.code AS id, l.label, n.events, n.as_actor, n.as_recipient
          FROM (SELECT code, sum(events) AS events, sum(as_actor) AS as_actor, sum(as_recipient) AS as_recipient
                FROM network_nodes{cond} GROUP BY code) n
          JOIN (SELECT code, first(text ORDER BY n DESC, text) AS label
                FROM (SELECT code, text, sum(n) AS n FROM network_labels{cond} GROUP BY code, text)
                GROUP BY code) l ON l.code = n.code
          ORDER BY n.events DESC, n.code LIMIT ?),
        edges AS (
          SELECT source, target, quad_class, joint, sum(events) AS weight, list(DISTINCT type ORDER BY type) AS types
          FROM network_edges{cond} GROUP BY source, target, quad_class, joint)
        {_NETWORK_LISTS}""", params + params + [limit] + params).fetchone()


def _network_from_events(store: Store, f: Filters, limit: int) -> tuple[Any, ...] | None:
    where, params = Store.event_filter_sql(**f.events())
    # the coded actors of the matching events, each event keyed by its row number (an integer: the
    # joins and counts below are on it, not on the event id's text), read once
    fx = ("SELECT e.rowid AS eid, x.role, x.code, x.text, e.type, e.quad_class FROM event_actors x "
          "JOIN events e ON e.event_id = x.event_id JOIN articles a ON a.id = e.article_id "
          "WHERE x.code IS NOT NULL" + "".join(f" AND {w}" for w in where))
    # one statement: the nodes (the `limit` busiest actors) and the edges between them, each as a list.
    # `ec` is one row per event and code (how often the code is an actor and a recipient of it), so
    # events are counted without DISTINCT, and every pair of codes of an event comes from one self-join
    return store.connection.execute(f"""
        WITH fx AS MATERIALIZED ({fx}),
        ec AS MATERIALIZED (
          SELECT eid, code, any_value(type) AS type, any_value(quad_class) AS quad_class,
                 count(*) FILTER (WHERE role = 'actor') AS na, count(*) FILTER (WHERE role = 'recipient') AS nr
          FROM fx GROUP BY eid, code),
        labels AS (
          SELECT code, first(text ORDER BY n DESC, text) AS label
          FROM (SELECT code, text, count(*) AS n FROM fx GROUP BY code, text) GROUP BY code),
        nodes AS (
          SELECT c.code AS id, any_value(l.label) AS label, count(*) AS events, sum(c.na) AS as_actor,
                 sum(c.nr) AS as_recipient
          FROM ec c JOIN labels l ON l.code = c.code GROUP BY c.code ORDER BY events DESC, c.code LIMIT ?),
        pairs AS (
          SELECT s.code AS source, t.code AS target, s.quad_class, s.type,
                 count(*) FILTER (WHERE t.nr > 0) AS directed,
                 count(*) FILTER (WHERE t.na > 0 AND t.code > s.code) AS joint
          FROM ec s JOIN ec t ON t.eid = s.eid AND t.code <> s.code
          WHERE s.na > 0 AND (t.nr > 0 OR (t.na > 0 AND t.code > s.code)) GROUP BY ALL),
        edges AS (
          SELECT source, target, quad_class, false AS joint, sum(directed) AS weight, list(type ORDER BY type) AS types
          FROM pairs WHERE directed > 0 GROUP BY source, target, quad_class
          UNION ALL
          SELECT source, target, quad_class, true, sum(joint), list(type ORDER BY type)
          FROM pairs WHERE joint > 0 GROUP BY source, target, quad_class)
        {_NETWORK_LISTS}""", params + [limit]).fetchone()


def actors(store: Store, f: Filters, *, limit: int = 100, offset: int = 0) -> dict[str, Any]:
    """Actors of the matching events by code, with how often each acts and is acted on."""
    net = network(store, f, limit=100000)
    items = net["nodes"]
    return {"items": items[offset:offset + limit], "total": len(items), "limit": limit, "offset": offset}


def weapons(store: Store, f: Filters, *, limit: int = 50, per_system: int = 200) -> dict[str, Any]:
    """Per weapon system: what was said and done with it (each event: date, type, the words,
    modality, outlet and who said it), counts by modality."""
    sub, params = _filtered(f)
    rows = _rows(store, f"""
        SELECT w.name, any_value(w."class") AS class, any_value(w.origin) AS origin, f.event_id, f.d AS date,
               f.type, f.modality, f.trigger, f.source, f.speaker, f.speaker_type
        FROM event_weapons w JOIN ({sub}) f ON f.event_id = w.event_id
        GROUP BY w.name, f.event_id, f.d, f.type, f.modality, f.trigger, f.source, f.speaker, f.speaker_type
        ORDER BY w.name, f.d NULLS LAST, f.event_id""", params)
    systems: dict[str, dict[str, Any]] = {}
    for r in rows:
        s = systems.setdefault(r["name"], {"name": r["name"], "class": r["class"], "origin": r["origin"],
                                           "count": 0, "modalities": defaultdict(int), "events": []})
        s["count"] += 1
        s["modalities"][r["modality"]] += 1
        if len(s["events"]) < per_system:
            s["events"].append({k: r[k] for k in ("event_id", "date", "type", "modality", "trigger", "source",
                                                  "speaker", "speaker_type")})
    ranked = sorted(systems.values(), key=lambda s: (-s["count"], s["name"]))
    for s in ranked:
        s["modalities"] = dict(s["modalities"])
    return {"items": ranked[:limit], "total": len(ranked)}


def speakers(store: Store, f: Filters, *, speaker: str | None = None, speaker_type: str | None = None,
             kind: str = "statement", limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """What each person or organisation said: distinct statements (repeats merged) in date order,
    with outlets and article ids. Event filters keep the quotes of articles holding a matching event.
    kind: "statement" (the default), "stance" (positions taken: 'praised the plan') or "all"."""
    where, params = [], []
    if kind != "all":
        where.append("q.kind = ?")
        params.append(kind)
    if speaker:
        where.append("contains(lower(q.speaker), lower(?))")
        params.append(speaker)
    if speaker_type:
        where.append("q.speaker_type = ?")
        params.append(speaker_type)
    else:
        where.append("q.speaker IS NOT NULL")
    scope, scope_params = _article_scope(f, "q.article_id")
    where += scope
    params += scope_params
    quotes = _rows(store, "SELECT q.article_id, q.idx, q.content, q.start_char AS start, q.speaker, q.speaker_type, "
                   "q.speaker_title, q.direct, a.source, a.title, a.url, a.date AS article_date "
                   "FROM quotes q JOIN articles a ON a.id = q.article_id WHERE " + " AND ".join(where)
                   + " ORDER BY a.date NULLS LAST, q.article_id, q.idx LIMIT 20000", params)
    groups: dict[str, dict[str, Any]] = {}
    for q in quotes:
        key = " ".join((q["speaker"] or q["speaker_type"]).lower().split())
        g = groups.setdefault(key, {"speaker": q["speaker"] or q["speaker_type"], "speaker_type": q["speaker_type"],
                                    "speaker_title": q["speaker_title"], "statements": {}, "outlets": set()})
        words = " ".join(q["content"].lower().split())[:160]
        st = g["statements"].get(words)
        if st is None:
            g["statements"][words] = {"content": q["content"], "date": q["article_date"], "direct": q["direct"],
                                      "outlets": [q["source"]], "articles": [q["article_id"]], "url": q["url"]}
        else:
            if q["source"] not in st["outlets"]:
                st["outlets"].append(q["source"])
            st["articles"].append(q["article_id"])
        g["outlets"].add(q["source"])
    out = []
    for g in groups.values():
        sts = list(g["statements"].values())
        out.append({**g, "statements": sts, "count": len(sts), "outlets": sorted(o for o in g["outlets"] if o),
                    "first_date": sts[0]["date"], "last_date": sts[-1]["date"]})
    out.sort(key=lambda g: (g["speaker_type"] not in ("named_person", "organisation"), -g["count"], g["speaker"]))
    return {"items": out[offset:offset + limit], "total": len(out), "limit": limit, "offset": offset}


def report(store: Store, f: Filters) -> dict[str, Any]:
    """The situation report's data (`sitrep.briefing.brief`) for the filters it takes."""
    from sitrep.briefing import brief

    data = brief(store, **{k: v for k, v in f.active().items() if k != "source_type"})
    return json.loads(json.dumps(data, default=_jsonable))


def _jsonable(v: Any) -> Any:
    if isinstance(v, (set, frozenset)):
        return sorted(v)
    if isinstance(v, Date):
        return v.isoformat()
    return str(v)


READ_ERRORS = (duckdb.Error,)
