"""`sitrep cluster ID`: one event cluster, its reports, sources and grades.

The lead registers the command on the main group (`cli.add_command(cluster_command)`);
`format_cluster_text` and `format_clusters_table` are shared with `sitrep events --clusters`.
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

import click

from sitrep.errors import SitrepError, UsageError


def _fail(exc: SitrepError) -> click.ClickException:
    if isinstance(exc, UsageError):
        return click.UsageError(str(exc))
    return click.ClickException(str(exc))


def format_cluster_text(c: dict[str, Any], *, width: int = 100) -> str:
    """A cluster (from `corroborate.cluster` or `corroborate.clusters`) as readable text."""
    dates = c["first_date"] or "undated"
    if c["last_date"] and c["last_date"] != c["first_date"]:
        dates += f" .. {c['last_date']}"
    lines = [
        f"cluster {c['cluster_id']}  {c['type']} ({c['modality']})  {dates}",
        f"actors: {', '.join(c['actors']) or '-'}   weapons: {', '.join(c['weapons']) or '-'}",
        f"articles {c['articles']}  outlets {c['outlets']}  independent origins {c['independent_origins']}"
        + (f"  independent outlets {c['independent_outlets']}  independent speakers {c['independent_speakers']}"
           if "independent_outlets" in c else ""),
        f"grade {c['reliability']}{c['credibility']} (source reliability {c['reliability']}, "
        f"information credibility {c['credibility']})",
        "reasons:",
    ]
    for r in c["reasons"]:
        lines += textwrap.wrap(r, width, initial_indent="  - ", subsequent_indent="    ")
    lines.append(f"reports ({len(c['reports'])}):")
    for r in c["reports"]:
        speaker = r["speaker"] or "-"
        head = f"  [{r.get('reliability') or '?'}] {r['date'] or 'undated'}  {r['source'] or 'unknown outlet'}"
        head += f"  {r['article_id']}"
        if r["copy_of"]:
            sim = r.get("similarity")
            head += f"  copy of {r['copy_of']}" + (f" ({sim:.2f})" if isinstance(sim, float) else "")
        lines.append(head)
        lines.append(f"      speaker: {speaker} ({r['speaker_type']})")
        lines += textwrap.wrap(f'"{r["sentence"]}"', width, initial_indent="      ", subsequent_indent="       ")
        if r.get("reliability_reason"):
            lines += textwrap.wrap(r["reliability_reason"], width, initial_indent="      why: ",
                                   subsequent_indent="           ")
    return "\n".join(lines)


def format_clusters_table(cs: list[dict[str, Any]]) -> str:
    """One line per cluster, for `sitrep events --clusters` (format table)."""
    head = f"{'cluster':<14} {'first':<10} {'type':<10} {'actors':<18} {'art':>4} {'out':>4} {'orig':>4} {'grade':>5}  weapons"
    rows = [head]
    for c in cs:
        rows.append(
            f"{c['cluster_id']:<14} {c['first_date'] or '-':<10} {c['type']:<10} "
            f"{','.join(c['actors'])[:18]:<18} {c['articles']:>4} {c['outlets']:>4} {c['independent_origins']:>4} "
            f"{c['reliability'] + str(c['credibility']):>5}  {', '.join(c['weapons'])}"
        )
    return "\n".join(rows)


@click.command("cluster")
@click.argument("cluster_id")
@click.option("--db", default="sitrep.duckdb", show_default=True, type=click.Path(dir_okay=False),
              help="DuckDB database file.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def cluster_command(cluster_id: str, db: str, fmt: str) -> None:
    """Show every report of one event cluster, its sources and the grades, with reasons."""
    # imported here: at the top, every `sitrep` command (`sitrep code` too) would load pyarrow
    from sitrep.corroborate import cluster
    from sitrep.store import Store

    try:
        with Store.open(db, read_only=True) as store:
            found = cluster(store, cluster_id)
    except SitrepError as exc:
        raise _fail(exc) from exc
    if found is None:
        raise click.ClickException(f"no cluster {cluster_id!r} in {db}")
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False))
    else:
        click.echo(format_cluster_text(found))
