"""The situation report: caveats, stories ranked by significance with their grades, reasons,
key statements and denials, what each speaker said, weapon systems, actors and a sourcing
profile, every statement cited (as a link) to its article and sentence.

`build_report(store, fmt="markdown"|"html")` returns the text; the CLI prints it. `collect`
gathers the events, quotes and counts; `sitrep.briefing` builds the report's data on stories;
the templates in `sitrep/templates/` render it.
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
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

    "quotes" and the counts of quotes are statements (`Quote.kind`); stances ('praised the
    agreement') are counted apart, and their speakers count in the sourcing profile's speakers.
    """
    filters = {"since": since, "until": until, "actor": actor, "actor_name": actor_name, "type": type,
               "weapon": weapon, "country": country}
    active = {k: v for k, v in filters.items() if v}
    events = store.events(**filters)
    every = store.quotes(since=since, until=until, kind="all")
    if any(k not in ("since", "until") for k in active):
        ids = {e["article_id"] for e in events}
        every = [q for q in every if q["article_id"] in ids]
    quotes = [q for q in every if q["kind"] == "statement"]
    stats = store.stats()
    if active:
        stats = {**stats, "tables": {
            "articles": len({e["article_id"] for e in events} | {q["article_id"] for q in every}),
            "events": len(events), "quotes": len(quotes),
        }}
    else:
        stats = {**stats, "tables": {**stats["tables"], "quotes": len(quotes)}}  # the table holds stances too
    stats["tables"]["stances"] = len(every) - len(quotes)
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
    # sourcing profile: distinct speakers per type (per article; of statements and stances), and quotes per type
    speakers: dict[str, set[tuple[str, str]]] = defaultdict(set)
    quote_counts: Counter[str] = Counter()
    for q in every:
        quote_counts[q["speaker_type"]] += q["kind"] == "statement"
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
                 until: str | None = None, max_developments: int = 25, **filters: Any) -> str:
    """The situation report as Markdown (default) or a standalone HTML page: stories ranked
    by significance, what each speaker said, weapon systems, actors and the sourcing profile
    of what matches the filters (`sitrep.briefing.brief`), rendered through the templates in
    `sitrep/templates/` (Jinja2), the HTML from the Markdown by markdown-it-py."""
    from sitrep.briefing import brief

    if fmt not in ("markdown", "html"):
        raise ValueError(f"unknown report format {fmt!r} (markdown or html)")
    html_page = fmt == "html"
    data = brief(store, max_stories=max_developments, since=since, until=until, with_events=html_page, **filters)
    if not html_page:
        return render_markdown(data)
    from sitrep.report_svg import figures

    return render_html(render_markdown(data, figures_marker=FIGURES_MARKER), figures(data["events"]))


def _env() -> Any:
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("sitrep", "templates"), autoescape=False,
                             keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    env.filters["md"] = _md_escape
    env.filters["clip"] = _clip
    return env


def _md_escape(text: Any) -> str:
    """Text safe inside a Markdown line or table cell (no stray markup, pipes or HTML)."""
    s = " ".join(str(text or "").split())
    s = html.escape(s, quote=False)
    return re.sub(r"([\\`*_\[\]|#])", r"\\\1", s)


FIGURES_MARKER = "<!-- sitrep:figures -->"
"""Where the HTML report's figures go (after the caveats): an HTML comment the Markdown of an
HTML report carries through markdown-it, replaced by the template's figures block."""


def render_markdown(data: dict[str, Any], *, figures_marker: str = "") -> str:
    return _env().get_template("report.md.j2").render(**data, cites=data["citations"], labels=SPEAKER_LABELS,
                                                      figures_marker=figures_marker)


def render_html(md: str, figures: dict[str, Any] | None = None) -> str:
    """The page: the Markdown rendered by markdown-it, with the figures (`sitrep.report_svg.figures`:
    inline SVG timeline and network) put in by the template where the Markdown has
    `FIGURES_MARKER` (else after the body)."""
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark").enable("table").render(md)
    head, _, tail = body.partition(FIGURES_MARKER)
    if not _:
        head, tail = body, ""
    return _env().get_template("report.html.j2").render(body=head, after=tail, figures=figures)


def _clip(text: str, n: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
