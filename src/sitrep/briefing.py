"""What the situation report shows, built on stories, as plain data (`brief(store, **filters)`).

- caveats of the period on top (stories resting on one origin, on weak sources, contradicted;
  unattributed reporting; rejected inputs);
- stories ranked by significance (material conflict, weapon systems, independent origins, then
  outlets), each with its grades and reasons, its top events, its key statements by speaker
  (distinct statements, duplicates merged) and the denials and dissent in it;
- what each named speaker said, in date order, one line per distinct statement;
- each weapon system: what was said and done with it, by modality, dated by the event.

Every statement and event carries a citation number into `citations` (article, outlet, date,
url, sentence). `sitrep.report` renders it through templates.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sitrep.stories.read import stories as read_stories

NAMED = ("named_person", "organisation")
FIRM = ("asserted", "announced", "reported_past")
MODALITY_ORDER = ("asserted", "reported_past", "announced", "alleged", "planned", "hypothetical", "negated")
STATEMENTS_PER_SPEAKER = 3
SPEAKERS_PER_STORY = 5
SPEAKER_SECTION = 20
DENIALS_PER_STORY = 4


@dataclass
class Citations:
    """Numbered citations, one per (article, character offset)."""

    keys: dict[tuple[str, int], int] = field(default_factory=dict)
    items: list[dict[str, Any]] = field(default_factory=list)

    def cite(self, article_id: str, start: int, sentence: str, meta: dict[str, Any]) -> int:
        key = (article_id, start)
        if key not in self.keys:
            self.keys[key] = len(self.items) + 1
            self.items.append({"n": len(self.items) + 1, "article_id": article_id, "sentence": clip(sentence, 240),
                               "title": meta.get("title"), "source": meta.get("source"), "url": meta.get("url"),
                               "date": _iso(meta.get("article_date"))})
        return self.keys[key]


def _iso(v: Any) -> Any:
    return v.isoformat() if hasattr(v, "isoformat") else v


def clip(text: str, n: int = 200) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", (text or "").lower()))


def _speaker(q: dict[str, Any]) -> str:
    who = q.get("speaker") or "unattributed"
    if q.get("speaker_title") and q["speaker_title"].lower() not in who.lower():
        who += f", {q['speaker_title']}"
    return who


def statements(quotes: list[dict[str, Any]], cites: Citations) -> list[dict[str, Any]]:
    """Distinct statements: quotes with the same speaker and the same words merged, in date
    order, each with its citations and outlets."""
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for q in quotes:
        key = (_norm(q.get("speaker") or q["speaker_type"]), _norm(q["content"])[:160])
        n = cites.cite(q["article_id"], q["start"], q["content"], q)
        st = merged.get(key)
        if st is None:
            merged[key] = {"speaker": _speaker(q), "speaker_type": q["speaker_type"], "content": clip(q["content"]),
                           "direct": q["direct"], "date": _iso(q.get("article_date")), "cites": [n],
                           "outlets": {q.get("source") or q["article_id"]}}
        else:
            st["cites"].append(n)
            st["outlets"].add(q.get("source") or q["article_id"])
    out = sorted(merged.values(), key=lambda s: (s["date"] is None, s["date"] or "", s["speaker"]))
    for s in out:
        s["cites"] = sorted(set(s["cites"]))
        s["outlets"] = sorted(s["outlets"])
    return out


def _by_speaker(sts: list[dict[str, Any]], limit: int, per: int) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for s in sts:
        groups[s["speaker"]].append(s)
    ranked = sorted(groups.items(), key=lambda kv: (kv[1][0]["speaker_type"] not in NAMED, -len(kv[1]), kv[0]))
    return [{"speaker": name, "speaker_type": items[0]["speaker_type"], "statements": items[:per],
             "more": max(0, len(items) - per)} for name, items in ranked[:limit]]


def _event_line(ev: dict[str, Any], cites: Citations) -> dict[str, Any]:
    n = cites.cite(ev["article_id"], ev["evidence"]["start"], ev["evidence"]["sentence"], ev)
    actors = ", ".join(dict.fromkeys(a.get("code") or a.get("text") for a in ev["actor"])) or "unidentified actor"
    recips = ", ".join(dict.fromkeys(a.get("code") or a.get("text") for a in ev["recipient"]))
    return {"date": ev.get("date") or _iso(ev.get("article_date")), "type": ev["type"], "modality": ev["modality"],
            "actors": actors, "recipients": recips, "trigger": ev["evidence"]["trigger"],
            "sentence": clip(ev["evidence"]["sentence"], 160), "cite": n}


def _denials(events: list[dict[str, Any]], cites: Citations, limit: int = DENIALS_PER_STORY) -> list[dict[str, Any]]:
    """The denials and dissent of a story: REJECT events and negated acts with an actor, in date
    order, one line per distinct sentence (a copy's or a second outlet's identical sentence adds
    its citation to the first line)."""
    chosen = sorted((e for e in events if e["type"] == "REJECT" or (e["modality"] == "negated" and e["actor"])),
                    key=lambda e: (str(e.get("date") or e.get("article_date") or ""), e["event_id"]))
    lines: dict[str, dict[str, Any]] = {}
    for e in chosen:
        key = _norm(e["evidence"]["sentence"])
        line = {**_event_line(e, cites), "more_cites": []}
        if key in lines:
            lines[key]["more_cites"] = sorted({*lines[key]["more_cites"], line["cite"]} - {lines[key]["cite"]})
        elif len(lines) < limit:
            lines[key] = line
    return list(lines.values())


def brief(store: Any, *, max_stories: int = 25, with_events: bool = False, **filters: Any) -> dict[str, Any]:
    """Everything the report shows; `filters` as `Store.events` (since, until, actor, actor_name,
    type, weapon, country). `with_events` adds the matching events themselves (`events`), which
    the HTML report draws its timeline and network from."""
    from sitrep.report import collect

    data = collect(store, **filters)
    cites = Citations()
    quotes_by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for q in data["quotes"]:
        quotes_by_article[q["article_id"]].append(q)
    events_by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for ev in data["events"]:
        events_by_article[ev["article_id"]].append(ev)
    try:
        ranked = read_stories(store, order="significance", **{k: v for k, v in filters.items()})
    except Exception:  # noqa: BLE001 - a database without stories still gets the rest of the report
        ranked = []
    shown = []
    for s in ranked[:max_stories]:
        sts = statements([q for a in s["articles"] for q in quotes_by_article.get(a, [])], cites)
        denials = _denials([e for a in s["articles"] for e in events_by_article.get(a, [])], cites)
        shown.append({**s, "speakers": _by_speaker(sts, SPEAKERS_PER_STORY, STATEMENTS_PER_SPEAKER),
                      "denials": denials})
    named = [q for q in data["quotes"] if q["speaker_type"] in NAMED and q.get("speaker")]
    speakers = _by_speaker(statements(named, cites), SPEAKER_SECTION, 8)
    weapons: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for ev in data["events"]:
        for w in ev["weapons"]:
            weapons[w["name"]][ev["modality"]].append(_event_line(ev, cites))
    weapon_rows = []
    for name, n in data["weapons"].most_common(15):
        info = data["weapon_info"][name]
        by_mod = [{"modality": m, "events": sorted(weapons[name][m], key=lambda e: (e["date"] or "", e["cite"]))[:6]}
                  for m in MODALITY_ORDER if weapons[name].get(m)]
        weapon_rows.append({"name": name, "class": info.get("class"), "origin": info.get("origin"), "count": n,
                            "modalities": by_mod})
    out = {
        "filters": data["filters"], "stats": data["stats"]["tables"], "caveats": caveats(ranked, data),
        "stories": shown, "more_stories": max(0, len(ranked) - len(shown)), "speakers": speakers,
        "weapons": weapon_rows, "actors": data["actors"].most_common(25), "actor_names": data["actor_names"],
        "profile": data["profile"], "rejections": data["rejections"][:50], "citations": cites.items,
    }
    if with_events:
        out["events"] = data["events"]
    return out


def story_caveats(n: int, single: int, weak: int, contradicted: int) -> list[str]:
    """The caveats on `n` stories: how many rest on one origin, have no source better than D,
    hold a denial (the report's and `sitrep serve`'s overview's words)."""
    def of_n(k: int, singular: str, plural: str) -> str:
        return f"{k} of {n} {'story' if n == 1 else 'stories'} {singular if k == 1 else plural}"

    out = [of_n(single, "rests", "rest") + " on a single origin (no independent confirmation)."]
    if weak:
        out.append(of_n(weak, "has", "have") + " no source better than D (state media, unknown outlets or own "
                   "reporting only).")
    if contradicted:
        out.append(f"{contradicted} {'story holds' if contradicted == 1 else 'stories hold'} a denial.")
    return out


def caveats(ranked: list[dict[str, Any]], data: dict[str, Any]) -> list[str]:
    """The period's caveats, one line each."""
    out = []
    if ranked:
        single = sum(1 for s in ranked if s["independent_origins"] <= 1)
        weak = sum(1 for s in ranked if s["reliability"] in "DEF")
        contradicted = sum(1 for s in ranked if any(r.startswith("contradicted") for r in s["reasons"]))
        out += story_caveats(len(ranked), single, weak, contradicted)
    events = data["events"]
    if events:
        unattributed = sum(1 for e in events if not e.get("attribution"))
        out.append(f"{unattributed} of {len(events)} events are the outlets' own reporting, attributed to nobody.")
    if data["rejections"]:
        out.append(f"{len(data['rejections'])} inputs were rejected and are not in this report.")
    out.append("Grades are machine-made from who is cited and where (Admiralty code); check the reasons.")
    return out
