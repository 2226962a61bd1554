"""`sitrep eval`: score sitrep against the public gold data and guard the floors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from sitrep.errors import SitrepError, UsageError


@click.command("eval")
@click.argument("tasks", nargs=-1)
@click.option("--gold-dir", type=click.Path(file_okay=False), default=None,
              help="Folder of the gold files (default: $SITREP_GOLD_DIR or ../shared/gold beside the repo).")
@click.option("--floors", "floors_path", type=click.Path(dir_okay=False), default=None,
              help="Floors file (default: eval/floors.json in the repo).")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), default=None,
              help="Also write the scores as JSON to this file.")
@click.option("--errors", "errors_dir", type=click.Path(file_okay=False), default=None,
              help="Write misses and false alarms per task as errors-<task>.jsonl in this folder.")
@click.option("--check/--no-check", default=True, show_default=True,
              help="Exit 1 when a score is below its floor.")
@click.option("--update-floors", is_flag=True, help="Raise the floors to the new scores (minus a small margin).")
@click.option("--allow-lower-floor", is_flag=True, help="With --update-floors: allow lowering a floor (needs --reason).")
@click.option("--reason", default=None, help="Why a floor is lowered (recorded in the floors file).")
@click.option("--all", "all_tasks", is_flag=True, help="Run every task, the opt-in ones too (what CI runs).")
@click.option("--limit", type=int, default=None, help="Score only the first N records of each task (quick look).")
@click.option("--ci", "resamples", type=click.IntRange(min=0), default=0, show_default=True,
              help="Also print a 95% bootstrap interval for each check score, from this many resamples of the "
                   "check records (1000 is usual; the records are not coded again, so it adds seconds per task, "
                   "about a minute for plover-synthetic): how far a score could move on another sample of "
                   "the same kind.")
@click.pass_obj
def eval_cmd(obj: object, tasks: tuple[str, ...], gold_dir: str | None, floors_path: str | None, json_path: str | None,
             errors_dir: str | None, check: bool, update_floors: bool, allow_lower_floor: bool,
             reason: str | None, all_tasks: bool, limit: int | None, resamples: int) -> None:
    """Score sitrep on the gold sets: attribution (PolNeAR), entities (re3d),
    plover (PLOVER gold records: event types, actor country, and (source, target,
    type) triples as CAMEO coders score them), acled (CASE 2021), location, real-events (our own
    coding of 48 real articles, eval/real_events/), stories (same-story article
    pairs on 182 real articles in 32 hand-made stories, split by story), seed
    (founding article). Two
    opt-in tasks run only when named (or with --all): attribution-train (PolNeAR
    train) and plover-synthetic (event types per story on every third of 4,500
    machine-written stories).

    Every gold set is split into a tune part and a check part by a stable hash of
    the record id (PolNeAR: train is tune, dev is check); the table shows both,
    --errors writes tune records only, and the floors are pinned on check.
    Prints the table with the floors; exit 1 when a check score is below its floor
    (or a lower-is-better one above its ceiling). The pipeline is the one `sitrep
    code` uses, with the global options (`sitrep --parse full eval` scores the
    pipeline without triage).
    """
    from sitrep import evaluate
    from sitrep.pipeline import get_pipeline
    from sitrep.settings import Settings

    try:
        gold = Path(gold_dir) if gold_dir else evaluate.default_gold_dir()
        if not gold.is_dir():
            raise UsageError(f"gold data folder not found: {gold} (give --gold-dir or SITREP_GOLD_DIR)")
        fpath = Path(floors_path) if floors_path else evaluate.default_floors_path()
        settings = obj.settings() if hasattr(obj, "settings") else Settings.from_env()
        if all_tasks and tasks:
            raise UsageError("give task names or --all, not both")
        names = list(evaluate.TASKS) if all_tasks else (list(tasks) or None)
        results = evaluate.run_eval(names, gold_dir=gold, pipeline=get_pipeline(settings),
                                    errors_dir=Path(errors_dir) if errors_dir else None, limit=limit,
                                    resamples=resamples)
        floors = evaluate.load_floors(fpath) if fpath.exists() else {}
        click.echo(evaluate.format_table(results, floors))
        if json_path:
            Path(json_path).write_text(json.dumps(evaluate.results_to_json(results), indent=2), encoding="utf-8")
        if update_floors:
            if limit is not None:
                raise UsageError("--update-floors needs a full run (no --limit)")
            evaluate.update_floors(fpath, results, allow_lower=allow_lower_floor, reason=reason)
            click.echo(f"floors updated in {fpath}", err=True)
            return
        if check and limit is None:
            violations = evaluate.check_floors(results, floors)
            if violations:
                for v in violations:
                    click.echo(f"BELOW FLOOR: {v}", err=True)
                sys.exit(1)
    except SitrepError as exc:
        if isinstance(exc, UsageError):
            raise click.UsageError(str(exc)) from exc
        raise click.ClickException(str(exc)) from exc
