"""`sitrep stories` and `sitrep story ID`: articles grouped by the development they report."""

from __future__ import annotations

import json
import sys
import textwrap
from typing import Any

import click

from sitrep.errors import SitrepError, UsageError


def _fail(exc: SitrepError) -> click.ClickException:
    if isinstance(exc, UsageError):
        return click.UsageError(str(exc))
    return click.ClickException(str(exc))


def format_story_text(s: dict[str, Any], *, width: int = 100) -> str:
    """A story (from `stories.read.story`) as readable text."""
    dates = s["first_date"] or "undated"
    if s["last_date"] and s["last_date"] != s["first_date"]:
        dates += f" .. {s['last_date']}"
    lines = [
        f"story {s['story_id']}  {dates}",
        *textwrap.wrap(s["title"] or "", width, initial_indent="  ", subsequent_indent="  "),
        f"articles {len(s['articles'])}  outlets {s['outlets']}  independent origins {s['independent_origins']}  "
        f"clusters {len(s['clusters'])}",
        f"grade {s['reliability']}{s['credibility']} (source reliability {s['reliability']}, "
        f"information credibility {s['credibility']})",
        f"actors: {', '.join(s['actors']) or '-'}   weapons: {', '.join(s['weapons']) or '-'}",
        "reasons:",
    ]
    for r in s["reasons"]:
        lines += textwrap.wrap(r, width, initial_indent="  - ", subsequent_indent="    ")
    lines.append("top events:")
    for e in s["top_events"]:
        lines.append(f"  {e['cluster_id']}  {e['date'] or 'undated'}  {e['type']} ({e['modality']})  "
                     f"{','.join(e['actors']) or '-'}  {', '.join(e['weapons'])}  grade {e['grade']}  "
                     f"origins {e['independent_origins']}")
    details = s.get("article_details")
    if details:
        lines.append(f"articles ({len(details)}):")
        for a in details:
            head = f"  {a['date'] or 'undated'}  {a['source'] or 'unknown outlet'}  {a['id']}"
            if a["copy_of"]:
                head += f"  copy of {a['copy_of']}"
            lines.append(head)
            lines += textwrap.wrap(a["title"] or "", width, initial_indent="      ", subsequent_indent="      ")
    return "\n".join(lines)


def format_stories_table(rows: list[dict[str, Any]]) -> str:
    head = f"{'story':<14} {'first':<10} {'last':<10} {'art':>4} {'out':>4} {'orig':>4} {'grade':>5}  title"
    out = [head]
    for s in rows:
        out.append(f"{s['story_id']:<14} {s['first_date'] or '-':<10} {s['last_date'] or '-':<10} "
                   f"{len(s['articles']):>4} {s['outlets']:>4} {s['independent_origins']:>4} "
                   f"{s['reliability'] + str(s['credibility']):>5}  {(s['title'] or '')[:70]}")
    return "\n".join(out)


def stories_cmd(db: str, actor: str | None, actor_name: str | None, etype: str | None, weapon: str | None,
                country: str | None, since: str | None, until: str | None, limit: int | None, order: str,
                fmt: str) -> None:
    """List stories: articles grouped by the development they report (one strike, summit,
    test, deployment or statement and its reactions, across outlets and days), each with
    its outlets, independent origins, grades and reasons. Filters as `sitrep events`:
    --actor and --type read the story's clusters, --actor-name, --weapon and --country
    keep stories with an event that matches, --since/--until the story's dates."""
    from sitrep.cli import _check_filters
    from sitrep.store import Store
    from sitrep.stories.read import stories

    try:
        etype = _check_filters(etype, since, until)
        if limit is not None and limit < 0:
            raise UsageError(f"--limit must be 0 or more, got {limit}")
        with Store.open(db, read_only=True) as store:
            rows = stories(store, actor=actor, actor_name=actor_name, type=etype, weapon=weapon, country=country,
                           since=since, until=until, limit=limit, order=order)
    except SitrepError as exc:
        raise _fail(exc) from exc
    if fmt == "jsonl":
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
    else:
        click.echo(format_stories_table(rows))
        click.echo(f"{len(rows)} story(ies)", err=True)


def story_cmd(story_id: str, db: str, fmt: str) -> None:
    """Show one story in full: its articles, grades and reasons, and every event cluster in it."""
    from sitrep.cli_cluster import format_cluster_text
    from sitrep.store import Store
    from sitrep.stories.read import story

    try:
        with Store.open(db, read_only=True) as store:
            found = story(store, story_id)
    except SitrepError as exc:
        raise _fail(exc) from exc
    if found is None:
        raise click.ClickException(f"no story {story_id!r} in {db}")
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, default=str))
        return
    click.echo(format_story_text(found))
    for c in found["cluster_details"]:
        click.echo("")
        click.echo(format_cluster_text(c))


def build(db_option: Any, filters: Any) -> tuple[click.Command, click.Command]:
    """The two commands, with the shared --db and filter options of `sitrep events`
    (given by the main CLI module, which registers them)."""
    f: Any = stories_cmd
    for opt in (
        click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl"]), default="table",
                     show_default=True, help="json: one JSON array; jsonl: one story per line."),
        click.option("--sort", "order", type=click.Choice(["date", "significance"]), default="date",
                     show_default=True,
                     help="By first date, or most significant first (material conflict, weapons, independent origins)."),
        click.option("--limit", type=int, default=None, help="At most this many stories."),
        filters,
        db_option,
    ):
        f = opt(f)
    listing = click.command("stories")(f)
    g: Any = story_cmd
    for opt in (
        click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True),
        db_option,
        click.argument("story_id"),
    ):
        g = opt(g)
    return listing, click.command("story")(g)
