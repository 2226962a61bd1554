"""The aggregate queries of `sitrep serve` (sitrep.serve.queries) against the same figures computed in
plain Python from `Store.events`, on the sample database: the SQL is written for speed (sums kept at
ingest, integer keys, one self-join, JSON written by DuckDB), and these check it still says what the
events say."""

from __future__ import annotations

import json
from collections import Counter, defaultdict

import duckdb
import pytest

from sitrep.serve import queries
from sitrep.serve.queries import MAX_POINTS, Filters
from sitrep.store import Store

FILTERS = [Filters(), Filters(actor="RUS"), Filters(actor="LTU"), Filters(type="COOPERATE,AGREE"),
           Filters(since="2024-11-21", until="2024-12-31"), Filters(weapon="oreshnik"), Filters(actor="NOBODY")]


def _network(events: list[dict], limit: int) -> dict:
    texts: dict[str, Counter] = defaultdict(Counter)
    node_events: dict[str, set] = defaultdict(set)
    as_actor: Counter = Counter()
    as_recipient: Counter = Counter()
    pairs: dict[tuple, set] = defaultdict(set)
    types: dict[tuple, set] = defaultdict(set)
    for e in events:
        actors = [a["code"] for a in e["actor"] if a["code"]]
        recipients = [a["code"] for a in e["recipient"] if a["code"]]
        for role, party in (("actor", e["actor"]), ("recipient", e["recipient"])):
            for a in party:
                if a["code"]:
                    texts[a["code"]][a["text"]] += 1
                    node_events[a["code"]].add(e["event_id"])
                    (as_actor if role == "actor" else as_recipient)[a["code"]] += 1
        found = {(s, t, e["quad_class"], False) for s in actors for t in recipients if s != t}
        found |= {(s, t, e["quad_class"], True) for s in actors for t in actors if t > s}
        for key in found:
            pairs[key].add(e["event_id"])
            types[key].add(e["type"])
    ranked = sorted(node_events, key=lambda c: (-len(node_events[c]), c))[:limit]
    nodes = [{"id": c, "label": min(texts[c], key=lambda t: (-texts[c][t], t)), "events": len(node_events[c]),
              "as_actor": as_actor[c], "as_recipient": as_recipient[c]} for c in ranked]
    kept = set(ranked)
    edges = [{"source": s, "target": t, "quad_class": q, "joint": j, "weight": len(ids), "types": sorted(types[s, t, q, j])}
             for (s, t, q, j), ids in pairs.items() if s in kept and t in kept]
    edges.sort(key=lambda x: (-x["weight"], x["source"], x["target"], x["quad_class"], x["joint"]))
    return {"nodes": nodes, "edges": edges}


@pytest.mark.slow
@pytest.mark.parametrize("f", FILTERS, ids=repr)
@pytest.mark.parametrize("limit", [200, 3])
def test_network_is_what_the_events_say(sample_db, f, limit):
    with Store.open(sample_db, read_only=True) as store:
        expected = _network(store.events(**f.events()), limit)
        assert queries.network(store, f, limit=limit) == expected
        # without event filters it is read from the sums kept at ingest: the events say the same
        nodes, edges = queries._network_from_events(store, f, limit)
        assert {"nodes": nodes or [], "edges": edges or []} == expected


@pytest.mark.slow
@pytest.mark.parametrize("f", FILTERS, ids=repr)
def test_timeline_is_what_the_events_say(sample_db, f):
    with Store.open(sample_db, read_only=True) as store:
        events = [e for e in store.events(**f.events()) if e["date"] or e["article_date"]]
        t = queries.timeline(store, f)
    dated = sorted(events, key=lambda e: (e["date"] or e["article_date"], e["event_id"]))
    days = Counter((e["date"] or e["article_date"], e["quad_class"]) for e in dated)
    assert t["days"] == [{"date": d, "quad_class": q, "n": n} for (d, q), n in sorted(days.items())]
    assert t["total"] == len(dated) and t["shown"] == len(t["points"]) == min(len(dated), MAX_POINTS)

    def joined(party: list[dict]) -> str | None:
        return ",".join(a["code"] or a["text"] for a in party) or None

    assert t["points"] == [{"event_id": e["event_id"], "date": e["date"] or e["article_date"], "type": e["type"],
                            "quad_class": e["quad_class"], "modality": e["modality"], "trigger": e["evidence"]["trigger"],
                            "source": e["source"], "actors": joined(e["actor"]), "recipients": joined(e["recipient"])}
                           for e in dated[:MAX_POINTS]]


def test_json_written_by_duckdb_is_the_apis_json():
    """`to_json` writes control characters as \\u00XX with upper-case hex, `json.dumps` with lower
    case; everything else (quotes, backslashes, non-ASCII, nulls) they write alike."""
    from sitrep.serve.app import _render

    texts = ["plain", "quote \" and \\ backslash", "tab\tnewline\n\x0b\x1f\x7f", "é€𝄞\u2028 / \\u00AB", ""]
    con = duckdb.connect()
    for s in texts:
        value = [{"s": s, "n": 1, "none": None, "list": [s, None]}]
        text = con.execute("SELECT to_json([{'s': ?, 'n': 1, 'none': NULL, 'list': [?, NULL]}])", [s, s]).fetchone()[0]
        assert queries._json_text(text) == _render(value), s
        assert json.loads(queries._json_text(text)) == value
