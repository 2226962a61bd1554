"""The HTML report's figures as inline SVG: a timeline and an actor network, drawn in Python
from the events the report shows (`sitrep.report.collect`), so a report file stays one
self-contained page (no script, no external font, stylesheet or URL; colours are attributes).

They mean what the web UI's views mean (`sitrep serve`, `serve/queries.py`):

- **timeline**: events over time (the event's date, else its article's), one row per event type,
  a mark per (day, type, quad class) coloured by quad class, its area by the number of events;
  events with no date at all are left out and counted in the caption;
- **network**: actors (by code) as nodes sized by their number of events, on a circle in a fixed
  order (most events first, then code), so the same events draw the same picture; directed edges
  actor -> recipient per quad class, coloured by it and as wide as their number of events, with
  arrowheads; co-actors of one event (a joint act) joined by a dashed undirected edge.

Every mark, edge and node carries a `<title>` (a tooltip). The `<svg>` elements are written for
inline use in HTML5 and so carry no `xmlns` (which would put a URL into the page); every text and
attribute is XML-escaped, so each figure also parses as XML on its own.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from datetime import date as Date
from typing import Any
from xml.sax.saxutils import escape, quoteattr

QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
QUAD_COLOURS = {1: "#4a90d9", 2: "#1f6f3f", 3: "#e08a1e", 4: "#c62828", 0: "#888888"}  # as the web UI's
MAX_NODES = 40
TITLE_EVENTS = 5  # events listed in a timeline mark's tooltip


def _a(value: Any) -> str:
    """An attribute value, quoted and escaped."""
    if isinstance(value, float):
        value = f"{value:.1f}"
    return quoteattr(str(value))


def _el(tag: str, attrs: dict[str, Any], *children: str) -> str:
    a = "".join(f" {k}={_a(v)}" for k, v in attrs.items() if v is not None)
    return f"<{tag}{a}>{''.join(children)}</{tag}>" if children else f"<{tag}{a}/>"


def _title(text: str) -> str:
    return f"<title>{escape(text)}</title>"


def _text(x: float, y: float, text: str, **attrs: Any) -> str:
    return _el("text", {"x": x, "y": y, "font-size": 11, "font-family": "sans-serif", **attrs}, escape(text))


def _quad(ev: dict[str, Any]) -> int:
    q = ev.get("quad_class")
    return q if q in QUAD_CLASSES else 0


def _day(ev: dict[str, Any]) -> Date | None:
    for v in (ev.get("date"), ev.get("article_date")):
        if v is None:
            continue
        if isinstance(v, Date):
            return v
        try:
            return Date.fromisoformat(str(v)[:10])
        except ValueError:
            continue
    return None


def _who(people: list[dict[str, Any]]) -> str:
    return ", ".join(dict.fromkeys(str(p.get("code") or p.get("text") or "?") for p in people))


def _legend(x: float, y: float, quads: list[int]) -> str:
    parts = []
    for q in quads:
        parts.append(_el("rect", {"x": x, "y": y - 9, "width": 10, "height": 10, "fill": QUAD_COLOURS[q]}))
        label = QUAD_CLASSES.get(q, "no quad class")
        parts.append(_text(x + 14, y, label))
        x += 24 + 6.5 * len(label)
    return _el("g", {"class": "legend"}, *parts)


def timeline(events: list[dict[str, Any]]) -> dict[str, Any]:
    """The timeline's marks as plain data: one per (day, type, quad class) with its events, in
    date order; `undated` counts the events left out."""
    groups: dict[tuple[Date, str, int], list[dict[str, Any]]] = defaultdict(list)
    undated = 0
    for ev in events:
        day = _day(ev)
        if day is None:
            undated += 1
            continue
        groups[(day, ev["type"], _quad(ev))].append(ev)
    marks = [{"date": d, "type": t, "quad_class": q, "events": evs} for (d, t, q), evs in sorted(groups.items())]
    return {"marks": marks, "undated": undated, "dated": sum(len(m["events"]) for m in marks)}


def _axis_range(days: list[Date], *, trim: float = 0.02) -> tuple[Date, Date]:
    """The dates the axis spans: all of them, unless a few stray dates (2% at either end, an
    event dated 'in 2022' in news of 2024) would squeeze the rest into a sliver; those are then
    drawn in an 'earlier' or 'later' column at the axis' ends."""
    days = sorted(days)
    lo, hi = days[0], days[-1]
    k = int(len(days) * trim)
    core_lo, core_hi = days[k], days[len(days) - 1 - k]
    if (hi - lo).days > 4 * (core_hi - core_lo).days + 30:
        return core_lo, core_hi
    return lo, hi


def timeline_svg(events: list[dict[str, Any]], *, width: int = 900) -> str:
    """The timeline as an `<svg>` string; "" when no event has a date."""
    data = timeline(events)
    marks = data["marks"]
    if not marks:
        return ""
    from sitrep.report import TYPE_ORDER

    present = {m["type"] for m in marks}
    types = [t for t in TYPE_ORDER if t in present] + sorted(present - set(TYPE_ORDER))
    left, right, top, row = 100, 44, 34, 26
    lo, hi = _axis_range([m["date"] for m in marks for _ in m["events"]])
    early = marks[0]["date"] < lo
    late = marks[-1]["date"] > hi
    height = top + len(types) * row + (48 if early or late else 34)
    x0, x1 = left + (40 if early else 0), width - right - (40 if late else 0)
    span = max(1, (hi - lo).days)
    pad = 1 if hi == lo else 0  # one day only: centre it

    def x_of(d: Date) -> float:
        if d < lo:
            return left + 12
        if d > hi:
            return width - right - 12
        return x0 + ((d - lo).days + pad * span / 2) / span * (x1 - x0)

    parts = [_legend(left, 14, sorted({m["quad_class"] for m in marks}))]
    for i, t in enumerate(types):
        y = top + i * row + row / 2
        parts.append(_el("line", {"x1": left, "x2": width - right, "y1": y, "y2": y, "stroke": "#e4e4e4"}))
        parts.append(_text(4, y + 4, t))
    axis_y = top + len(types) * row + 4
    parts.append(_el("line", {"x1": left, "x2": width - right, "y1": axis_y, "y2": axis_y, "stroke": "#999999"}))
    for flag, x, word, side in ((early, left + 12, "earlier", 20), (late, width - right - 12, "later", -20)):
        if flag:  # the column of stray dates, set off by a dotted line
            parts.append(_text(x, axis_y + 30, word, fill="#666666", **{"text-anchor": "middle"}))
            parts.append(_el("line", {"x1": x + side, "x2": x + side, "y1": top, "y2": axis_y, "stroke": "#bbbbbb",
                                      "stroke-dasharray": "2 2"}))
    ticks = 1 if hi == lo else min(6, span)
    for k in range(ticks + 1):
        d = lo if hi == lo else Date.fromordinal(lo.toordinal() + round(k * span / ticks))
        x = x_of(d)
        parts.append(_el("line", {"x1": x, "x2": x, "y1": axis_y, "y2": axis_y + 4, "stroke": "#999999"}))
        parts.append(_text(x, axis_y + 16, d.isoformat(), **{"text-anchor": "middle"}))
        if hi == lo:
            break
    biggest = max(len(m["events"]) for m in marks)
    offsets: Counter[tuple[Date, str]] = Counter()
    for m in marks:
        n = len(m["events"])
        key = (m["date"], m["type"])
        dy = (offsets[key] % 4 - 1.5) * 4  # the quad classes of one day and type side by side
        offsets[key] += 1
        lines = [f"{m['date'].isoformat()} {m['type']}, {QUAD_CLASSES.get(m['quad_class'], 'no quad class')}: "
                 f"{n} event{'s' if n != 1 else ''}"]
        for ev in m["events"][:TITLE_EVENTS]:
            rec = _who(ev.get("recipient") or [])
            lines.append(f"{_who(ev.get('actor') or []) or 'unidentified actor'}{' → ' + rec if rec else ''} "
                         f"({ev.get('modality')}): “{(ev.get('evidence') or {}).get('trigger', '')}” · "
                         f"{ev.get('source') or ev.get('article_id')}")
        if n > TITLE_EVENTS:
            lines.append(f"+{n - TITLE_EVENTS} more")
        y = top + types.index(m["type"]) * row + row / 2 + dy
        parts.append(_el("circle", {"class": "mark", "cx": x_of(m["date"]), "cy": y,
                                    "r": 3 + 6 * math.sqrt(n / biggest), "fill": QUAD_COLOURS[m["quad_class"]],
                                    "fill-opacity": 0.7, "data-count": n}, _title("\n".join(lines))))
    label = f"Timeline: {data['dated']} dated events by type and quad class"
    return _el("svg", {"class": "sitrep-timeline", "role": "img", "aria-label": label, "width": width,
                       "height": height, "viewBox": f"0 0 {width} {height}"}, _title(label), *parts)


def network(events: list[dict[str, Any]], *, max_nodes: int = MAX_NODES) -> dict[str, Any]:
    """Nodes (actor codes, with their most frequent name and counts) and edges (directed actor ->
    recipient, or joint co-actors, per quad class, weighted by distinct events), as the web UI's
    network query has them; the `max_nodes` actors with most events are kept."""
    names: dict[str, Counter[str]] = defaultdict(Counter)
    node_events: dict[str, set[str]] = defaultdict(set)
    roles: dict[str, Counter[str]] = defaultdict(Counter)
    for ev in events:
        for role in ("actor", "recipient"):
            for p in ev.get(role) or []:
                code = p.get("code")
                if code:
                    node_events[code].add(ev["event_id"])
                    roles[code][role] += 1
                    if p.get("text"):
                        names[code][p["text"]] += 1
    ranked = sorted(node_events, key=lambda c: (-len(node_events[c]), c))[:max_nodes]
    keep = set(ranked)
    nodes = [{"id": c, "label": names[c].most_common(1)[0][0] if names[c] else c, "events": len(node_events[c]),
              "as_actor": roles[c]["actor"], "as_recipient": roles[c]["recipient"]} for c in ranked]
    pairs: dict[tuple[str, str, int, bool], dict[str, Any]] = {}
    for ev in events:
        q = _quad(ev)
        actors = sorted({p["code"] for p in ev.get("actor") or [] if p.get("code") in keep})
        recips = sorted({p["code"] for p in ev.get("recipient") or [] if p.get("code") in keep})
        links = [(s, t, False) for s in actors for t in recips if s != t]
        links += [(s, t, True) for i, s in enumerate(actors) for t in actors[i + 1:]]
        for s, t, joint in links:
            e = pairs.setdefault((s, t, q, joint), {"source": s, "target": t, "quad_class": q, "joint": joint,
                                                    "events": set(), "types": set()})
            e["events"].add(ev["event_id"])
            e["types"].add(ev["type"])
    edges = [{**e, "weight": len(e["events"]), "types": sorted(e["types"])} for e in pairs.values()]
    edges.sort(key=lambda e: (-e["weight"], e["source"], e["target"], e["quad_class"], e["joint"]))
    return {"nodes": nodes, "edges": edges, "actors": len(node_events)}


def network_svg(events: list[dict[str, Any]], *, size: int = 640, max_nodes: int = MAX_NODES) -> str:
    """The actor network as an `<svg>` string; "" when no event has an actor with a code."""
    data = network(events, max_nodes=max_nodes)
    nodes, edges = data["nodes"], data["edges"]
    if not nodes:
        return ""
    cx = cy = size / 2
    ring = size / 2 - 90 if len(nodes) > 1 else 0
    pos: dict[str, tuple[float, float, float]] = {}
    most = max(n["events"] for n in nodes)
    for i, n in enumerate(nodes):
        a = 2 * math.pi * i / len(nodes) - math.pi / 2
        pos[n["id"]] = (cx + ring * math.cos(a), cy + ring * math.sin(a), 6 + 14 * math.sqrt(n["events"] / most))
    quads = sorted({e["quad_class"] for e in edges})
    defs = [_el("marker", {"id": f"sitrep-arrow-{q}", "viewBox": "0 0 10 10", "refX": 9, "refY": 5,
                           "markerWidth": 9, "markerHeight": 9, "orient": "auto", "markerUnits": "userSpaceOnUse"},
                _el("path", {"d": "M0,1L10,5L0,9z", "fill": QUAD_COLOURS[q]}))
            for q in quads if any(not e["joint"] and e["quad_class"] == q for e in edges)]
    parts = [_el("defs", {}, *defs)] if defs else []
    parts.append(_legend(10, 16, quads or [4]))
    parts.append(_text(10, 34, "arrow: actor → recipient · dashed: co-actors of one event · width: events",
                       fill="#666666"))
    heaviest = max((e["weight"] for e in edges), default=1)
    for i, e in enumerate(edges):
        x1, y1, r1 = pos[e["source"]]
        x2, y2, r2 = pos[e["target"]]
        dist = math.hypot(x2 - x1, y2 - y1) or 1
        nx, ny = -(y2 - y1) / dist, (x2 - x1) / dist  # the left normal: the two directions bend apart
        bend = 6 * e["quad_class"] - 15 if e["joint"] else 14 + 6 * (e["quad_class"] - 1)  # classes apart
        mx, my = (x1 + x2) / 2 + bend * nx, (y1 + y2) / 2 + bend * ny
        width = 1 + 5 * e["weight"] / heaviest

        def trim(px: float, py: float, r: float) -> tuple[float, float]:
            # a point on the node's rim towards the control point, so the arrow ends at the circle
            d = math.hypot(mx - px, my - py) or 1
            return px + (mx - px) * (r + 1) / d, py + (my - py) * (r + 1) / d

        sx, sy = trim(x1, y1, r1)
        tx, ty = trim(x2, y2, r2 + (0 if e["joint"] else 1))
        tip = (f"{e['source']}{' with ' if e['joint'] else ' → '}{e['target']}: "
               f"{e['weight']} event{'s' if e['weight'] != 1 else ''} ({', '.join(e['types'])}), "
               f"{QUAD_CLASSES.get(e['quad_class'], 'no quad class')}"
               f"{' (co-actors)' if e['joint'] else ''}")
        parts.append(_el("path", {"class": "edge joint" if e["joint"] else "edge",
                                  "d": f"M{sx:.1f},{sy:.1f}Q{mx:.1f},{my:.1f} {tx:.1f},{ty:.1f}",
                                  "fill": "none", "stroke": QUAD_COLOURS[e["quad_class"]], "stroke-opacity": 0.75,
                                  "stroke-width": width, "stroke-dasharray": "5 3" if e["joint"] else None,
                                  "marker-end": None if e["joint"] else f"url(#sitrep-arrow-{e['quad_class']})",
                                  "data-source": e["source"], "data-target": e["target"],
                                  "data-quad": e["quad_class"], "data-weight": e["weight"]}, _title(tip)))
    for n in nodes:
        x, y, r = pos[n["id"]]
        # labels outside the ring, on the side of the node away from the centre
        out = 1 if x >= cx - 1 else -1
        anchor = "start" if out > 0 else "end"
        label = n["id"] if n["label"] == n["id"] else f"{n['id']} · {_clip(n['label'], 22)}"
        tip = (f"{n['label']} ({n['id']}): {n['events']} event{'s' if n['events'] != 1 else ''}, "
               f"actor in {n['as_actor']}, recipient in {n['as_recipient']}")
        parts.append(_el("g", {"class": "node", "data-node": n["id"]}, _title(tip),
                         _el("circle", {"cx": x, "cy": y, "r": r, "fill": "#f4f4f4", "stroke": "#333333"}),
                         _text(x + out * (r + 4), y + 4, label, **{"text-anchor": anchor})))
    label = f"Network: {len(nodes)} actors, {len(edges)} links"
    return _el("svg", {"class": "sitrep-network", "role": "img", "aria-label": label, "width": size + 160,
                       "height": size, "viewBox": f"-80 0 {size + 160} {size}"}, _title(label), *parts)


def _clip(text: str, n: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def figures(events: list[dict[str, Any]], *, max_nodes: int = MAX_NODES) -> dict[str, Any]:
    """What the HTML report's figures section shows: both SVGs and their captions."""
    tl, net = timeline(events), network(events, max_nodes=max_nodes)
    shown = len(net["nodes"])
    of_all = f" of {net['actors']} (those with most events)" if net["actors"] > shown else ""
    return {
        "timeline": timeline_svg(events),
        "timeline_note": (f"{tl['dated']} dated events, one mark per day, type and quad class (its size: the "
                          "number of events)."
                          + (f" {tl['undated']} events without a date are left out." if tl["undated"] else "")),
        "network": network_svg(events, max_nodes=max_nodes),
        "network_note": (f"{shown} actors{of_all}, {len(net['edges'])} links; node size: events; an arrow runs "
                         "from actor to recipient, a dashed line joins co-actors of one event; colour: quad class, "
                         "width: number of events."),
    }
