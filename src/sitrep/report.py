"""The situation report: key developments, actors, weapon systems and a
sourcing profile, every statement cited to its article and sentence.

`build_report(store, fmt="markdown"|"html")` returns the text; the CLI prints it.
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from sitrep.store import Store

TYPE_ORDER = [
    "ASSAULT", "MOBILIZE", "COERCE", "THREATEN", "SANCTION", "COOPERATE", "AID", "AGREE",
    "CONSULT", "REQUEST", "ACCUSE", "REJECT", "SUPPORT", "CONCEDE", "RETREAT", "PROTEST",
]
SPEAKER_LABELS = {
    "named_person": "Named people on the record",
    "organisation": "Organisations (on the record)",
    "media": "Media outlets",
    "anonymous_official": "Anonymous officials and sources",
    "unnamed_expert": "Unnamed experts and analysts",
    "unattributed": "Unattributed",
}


@dataclass
class _Citations:
    """Numbered citations: one per (article, sentence)."""

    keys: dict[tuple[str, int], int] = field(default_factory=dict)
    items: list[dict[str, Any]] = field(default_factory=list)

    def cite(self, ev: dict[str, Any], sentence: str, start: int) -> int:
        key = (ev["article_id"], start)
        if key not in self.keys:
            self.keys[key] = len(self.items) + 1
            self.items.append({
                "title": ev.get("title"), "source": ev.get("source"), "url": ev.get("url"),
                "date": ev.get("article_date"), "sentence": sentence, "article_id": ev["article_id"],
            })
        return self.keys[key]


def _actors(actors: list[dict[str, Any]]) -> str:
    names = []
    for a in actors:
        label = a.get("code") or a.get("text")
        if a.get("sector"):
            label = f"{label} ({a['sector']})"
        names.append(label)
    return " + ".join(dict.fromkeys(names)) or "unidentified actor"


def _group_key(ev: dict[str, Any]) -> tuple[Any, ...]:
    return (
        ev["type"],
        tuple(sorted({a.get("code") or a.get("text") for a in ev["actor"]})),
        tuple(sorted({a.get("code") or a.get("text") for a in ev["recipient"]})),
        tuple(sorted({w["name"] for w in ev["weapons"]})),
    )


FILTERS = ("since", "until", "actor", "actor_name", "type", "weapon", "country")


def collect(store: Store, *, since: str | None = None, until: str | None = None, actor: str | None = None,
            actor_name: str | None = None, type: str | None = None, weapon: str | None = None,
            country: str | None = None) -> dict[str, Any]:
    """Everything the report shows, as plain data (also used by tests).

    The filters are those of `Store.events` (and `sitrep events`). With any of
    them the counts are of what matches: the events, their articles, and the
    quotes of the period (of those articles when an actor, type, weapon or
    country filter is given); rejected inputs are listed only without filters.
    """
    filters = {"since": since, "until": until, "actor": actor, "actor_name": actor_name, "type": type,
               "weapon": weapon, "country": country}
    active = {k: v for k, v in filters.items() if v}
    events = store.events(**filters)
    quotes = store.quotes(since=since, until=until)
    if any(k not in ("since", "until") for k in active):
        ids = {e["article_id"] for e in events}
        quotes = [q for q in quotes if q["article_id"] in ids]
    stats = store.stats()
    if active:
        stats = {**stats, "tables": {
            "articles": len({e["article_id"] for e in events} | {q["article_id"] for q in quotes}),
            "events": len(events), "quotes": len(quotes),
        }}
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for ev in events:
        groups[_group_key(ev)].append(ev)
    actor_counts: Counter[str] = Counter()
    actor_names: dict[str, str] = {}
    weapon_counts: Counter[str] = Counter()
    weapon_info: dict[str, dict[str, Any]] = {}
    for ev in events:
        for a in ev["actor"] + ev["recipient"]:
            key = a.get("code") or a.get("text")
            actor_counts[key] += 1
            actor_names.setdefault(key, a.get("text"))
        for w in ev["weapons"]:
            weapon_counts[w["name"]] += 1
            weapon_info.setdefault(w["name"], w)
    # sourcing profile: distinct speakers per type (per article), and quotes per type
    speakers: dict[str, set[tuple[str, str]]] = defaultdict(set)
    quote_counts: Counter[str] = Counter()
    for q in quotes:
        quote_counts[q["speaker_type"]] += 1
        name = (q.get("speaker") or "").strip().lower()
        speakers[q["speaker_type"]].add((q["article_id"], name))
    profile = {
        st: {"speakers": len(speakers.get(st, ())), "quotes": quote_counts.get(st, 0)}
        for st in SPEAKER_LABELS
    }
    return {
        "events": events, "groups": groups, "quotes": quotes, "stats": stats,
        "actors": actor_counts, "actor_names": actor_names,
        "weapons": weapon_counts, "weapon_info": weapon_info, "profile": profile,
        "rejections": [] if active else store.rejections(), "filters": active,
    }


def build_report(store: Store, *, fmt: str = "markdown", since: str | None = None,
                 until: str | None = None, max_developments: int = 40, **filters: Any) -> str:
    """The situation report as Markdown (default) or a standalone HTML page, of
    the events matching the filters (`collect`)."""
    data = collect(store, since=since, until=until, **filters)
    md = _markdown(data, max_developments)
    if fmt == "markdown":
        return md
    if fmt == "html":
        return _html(md)
    raise ValueError(f"unknown report format {fmt!r} (markdown or html)")


def _weight(key: tuple[Any, ...], evs: list[dict[str, Any]]) -> float:
    """How prominent a development is: independent outlets, identified actors,
    named weapon systems and firm modality raise it; material conflict first."""
    etype, actors, recipients, weapons = key
    outlets = len({e.get("source") or e["article_id"] for e in evs})
    firm = sum(1 for e in evs if e["modality"] in ("asserted", "announced", "reported_past"))
    score = 3.0 * outlets + 0.5 * len(evs) + firm * 0.5
    score += 2.0 if actors else -3.0
    score += 1.0 if recipients else 0.0
    score += 1.5 if weapons else 0.0
    if etype in TYPE_ORDER:
        score += (len(TYPE_ORDER) - TYPE_ORDER.index(etype)) / len(TYPE_ORDER)
    return score


def _markdown(data: dict[str, Any], max_developments: int) -> str:
    cites = _Citations()
    stats = data["stats"]["tables"]
    lines = ["# Situation report", ""]
    active = data.get("filters") or {}
    if active:
        names = {"since": "since", "until": "until", "actor": "actor", "actor_name": "actor name",
                 "type": "type", "weapon": "weapon", "country": "country"}
        lines.append("Filters: " + "; ".join(f"{names[k]} {v}" for k, v in active.items()) + ".")
        lines.append("")
        lines.append(
            f"{stats.get('events', 0)} events in {stats.get('articles', 0)} articles, "
            f"{stats.get('quotes', 0)} quotes and claims match."
        )
    else:
        lines.append(
            f"{stats.get('articles', 0)} articles coded, {stats.get('events', 0)} events, "
            f"{stats.get('quotes', 0)} quotes and claims; {stats.get('rejections', 0)} inputs rejected."
        )
    lines += ["", "## Key developments", ""]
    groups = sorted(data["groups"].items(), key=lambda kv: (not kv[0][1], -_weight(kv[0], kv[1])))
    shown = 0
    for (etype, _a, _r, _w), evs in groups:
        if shown >= max_developments:
            break
        shown += 1
        first = evs[0]
        who = _actors(first["actor"])
        whom = _actors(first["recipient"]) if first["recipient"] else ""
        head = f"**{etype}**"
        if first.get("mode"):
            head += f" ({first['mode']})"
        line = f"- {head}: {who}" + (f" → {whom}" if whom else "")
        if first["weapons"]:
            line += "; weapons: " + ", ".join(
                f"{w['name']}" + (f" [{w['class']}]" if w.get("class") else "") for w in first["weapons"])
        dates = sorted({e["date"] for e in evs if e.get("date")})
        if dates:
            line += f"; {dates[0]}" + (f" to {dates[-1]}" if len(dates) > 1 else "")
        modalities = Counter(e["modality"] for e in evs)
        line += "; " + ", ".join(f"{m}" + (f" ×{n}" if n > 1 else "") for m, n in modalities.most_common())
        sources = {e.get("source") or e["article_id"] for e in evs}
        line += f"; {len(evs)} report(s) in {len(sources)} outlet(s)"
        lines.append(line)
        for e in evs[:3]:
            ev_sent = e["evidence"]
            n = cites.cite(e, ev_sent["sentence"], ev_sent["start"])
            att = e.get("attribution")
            who_says = ""
            if att and att.get("speaker"):
                who_says = f" per {att['speaker']}"
                if att.get("speaker_title") and att["speaker_title"].lower() not in att["speaker"].lower():
                    who_says += f", {att['speaker_title']}"
                who_says += f" ({att['speaker_type']})"
            elif att:
                who_says = f" ({att['speaker_type']})"
            lines.append(f"  - “{ev_sent['trigger']}”{who_says} [{n}]")
    if not groups:
        lines.append("No events match the filters." if active else "No events coded.")

    lines += ["", "## Actors", "", "| actor | name as reported | events |", "|---|---|---|"]
    for key, n in data["actors"].most_common(25):
        lines.append(f"| {key} | {data['actor_names'].get(key) or ''} | {n} |")

    lines += ["", "## Weapon systems", "", "| system | class | origin | events |", "|---|---|---|---|"]
    for name, n in data["weapons"].most_common(25):
        w = data["weapon_info"][name]
        lines.append(f"| {name} | {w.get('class') or ''} | {w.get('origin') or ''} | {n} |")
    if not data["weapons"]:
        lines.append("| (none) | | | |")

    lines += ["", "## Sourcing profile", "",
              "Who the reporting rests on: distinct speakers per article, and the quotes and claims attributed to them.", "",
              "| source type | speakers | quotes and claims |", "|---|---|---|"]
    for st, label in SPEAKER_LABELS.items():
        p = data["profile"][st]
        lines.append(f"| {label} | {p['speakers']} | {p['quotes']} |")

    lines += ["", "### Statements", ""]
    for q in data["quotes"][:60]:
        n = cites.cite({"article_id": q["article_id"], "title": q.get("title"), "source": q.get("source"),
                        "url": q.get("url"), "article_date": q.get("article_date")},
                       q["content"], q["start"])
        who = q.get("speaker") or "unattributed"
        if q.get("speaker_title") and q["speaker_title"].lower() not in who.lower():
            who += f", {q['speaker_title']}"
        kind = "quote" if q["direct"] else "claim"
        lines.append(f"- {who} ({q['speaker_type']}, {kind}): “{_clip(q['content'])}” [{n}]")

    if data["rejections"]:
        lines += ["", "## Rejected inputs", "", "| input | reason | detail |", "|---|---|---|"]
        for r in data["rejections"][:50]:
            lines.append(f"| {r.get('origin') or r.get('id')} | {r['reason']} | {_clip(r.get('detail') or '', 80)} |")

    lines += ["", "## Sources", ""]
    for i, c in enumerate(cites.items, 1):
        where = c.get("title") or c["article_id"]
        meta = ", ".join(x for x in (c.get("source"), c.get("date")) if x)
        url = f" <{c['url']}>" if c.get("url") else ""
        lines.append(f"{i}. *{where}*" + (f" ({meta})" if meta else "") + f"{url}: “{_clip(c['sentence'], 240)}”")
    return "\n".join(lines) + "\n"


def _clip(text: str, n: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _html(md: str) -> str:
    """A small, dependency-free Markdown-to-HTML rendering of the report."""
    out = ["<!doctype html><html><head><meta charset='utf-8'><title>Situation report</title>",
           "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse}"
           "td,th{border:1px solid #ccc;padding:2px 6px}</style></head><body>"]
    in_list = in_table = False
    for raw in md.splitlines():
        line = html.escape(raw)
        line = _inline(line)
        if raw.startswith("|"):
            cells = [c.strip() for c in raw.strip("|").split("|")]
            if set("".join(cells)) <= {"-"}:
                continue
            if not in_table:
                out.append("<table>")
                in_table = True
                out.append("<tr>" + "".join(f"<th>{_inline(html.escape(c))}</th>" for c in cells) + "</tr>")
            else:
                out.append("<tr>" + "".join(f"<td>{_inline(html.escape(c))}</td>" for c in cells) + "</tr>")
            continue
        if in_table:
            out.append("</table>")
            in_table = False
        stripped = raw.lstrip()
        if stripped.startswith("- ") or (stripped[:1].isdigit() and ". " in stripped[:5]):
            if not in_list:
                out.append("<ul>")
                in_list = True
            body = stripped[2:] if stripped.startswith("- ") else stripped
            out.append(f"<li>{_inline(html.escape(body))}</li>")
            continue
        if in_list:
            out.append("</ul>")
            in_list = False
        if raw.startswith("### "):
            out.append(f"<h3>{_inline(html.escape(raw[4:]))}</h3>")
        elif raw.startswith("## "):
            out.append(f"<h2>{_inline(html.escape(raw[3:]))}</h2>")
        elif raw.startswith("# "):
            out.append(f"<h1>{_inline(html.escape(raw[2:]))}</h1>")
        elif raw.strip():
            out.append(f"<p>{line}</p>")
    if in_list:
        out.append("</ul>")
    if in_table:
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _inline(s: str) -> str:
    s = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", s)
    s = re.sub(r"\*(.+?)\*", r"<em>\1</em>", s)
    return s
