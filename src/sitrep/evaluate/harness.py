"""Run the evaluation: code each task's gold texts once, score, report.

    run_eval(["attribution", "plover"], gold_dir=default_gold_dir())

Each task names its gold loader and its scorer (`TASKS`). Texts annotated
more than once (PolNeAR) are coded once and the prediction shared by every
record of that text. With `errors_dir`, each task's misses and false alarms
go to `errors-<task>.jsonl`, so work can go where the errors are.

Every gold set is split into a *tune* and a *check* part (`split`): a split
task reports each metric twice (`tune.f1`, `check.f1`), floors are pinned on
check, and error files hold tune records only, so nobody reads check errors.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sitrep.errors import UsageError
from sitrep.evaluate import (
    acled,
    attribution,
    entities,
    gold,
    location,
    plover,
    plover_synthetic,
    real_events,
    seed,
    stories,
)
from sitrep.evaluate.result import Prediction, TaskResult, as_contract
from sitrep.evaluate.floors import worse
from sitrep.evaluate.split import PARTS, Part, part_of
from sitrep.model import Article


@dataclass(frozen=True, slots=True)
class Task:
    name: str
    help: str
    load: Callable[[Path], Sequence[Any]]  # gold dir -> records with .id, .text, .date
    score: Callable[[Sequence[Any], Mapping[str, Prediction]], TaskResult]
    default: bool = True  # run by a bare `sitrep eval`; opt-in tasks only when named
    # record -> "tune" | "check"; None: one unsplit part (the founding article; machine-written data)
    split: Callable[[Any], Part] | None = lambda rec: part_of(rec.id)
    # corpus-level tasks: (records, coded articles) -> what `score` reads per record id, computed
    # once over every record (all parts together) before the parts are scored
    corpus: Callable[[Sequence[Any], Mapping[str, Article]], Mapping[str, Any]] | None = None


def _all(part: Part) -> Callable[[Any], Part]:
    return lambda rec: part


def _file(loader: Callable[[Path], Sequence[Any]], filename: str) -> Callable[[Path], Sequence[Any]]:
    return lambda gold_dir: loader(gold_dir / filename)


TASKS: dict[str, Task] = {
    t.name: t
    for t in (
        # PolNeAR comes split: dev is the check part, train (the opt-in task below) the tune part
        Task("attribution", "quotes and speakers on PolNeAR dev (check)", _file(gold.load_polnear, gold.POLNEAR_DEV),
             attribution.score, split=_all("check")),
        Task("entities", "entity spans and types on re3d", _file(gold.load_re3d, gold.RE3D), entities.score),
        Task("plover", "PLOVER event types and actor countries on the CAMEO manual sentences",
             _file(gold.load_plover, gold.PLOVER_GSR), plover.score),
        Task("acled", "ACLED sub-event types on CASE 2021 task 2", _file(gold.load_case2021, gold.CASE2021),
             acled.score),
        Task("location", "event locations on event_location", _file(gold.load_event_location, gold.EVENT_LOCATION),
             location.score),
        # our own exhaustive coding of 48 real multi-outlet articles (eval/real_events/)
        Task("real-events", "PLOVER events in real articles, as we annotated them (eval/real_events)",
             real_events.load, real_events.score),
        # articles grouped into stories, scored as same-story pairs; split by story id
        Task("stories", "same-story article pairs on 182 real articles in 32 stories",
             stories.load, stories.score, split=stories.split, corpus=stories.corpus_groups),
        Task("seed", "the nine checks on the founding article", gold.load_seed, seed.score, split=None),
        # PolNeAR's train split, ten times dev: a check that attribution rules tuned while reading
        # dev errors hold on articles nobody read; opt-in because it takes minutes, not seconds.
        Task("attribution-train", "quotes and speakers on PolNeAR train (tune; opt-in)",
             _file(gold.load_polnear, gold.POLNEAR_TRAIN), attribution.score, default=False, split=_all("tune")),
        # machine-written stories, one PLOVER type each (not gold): a check that the trigger
        # lexicon tuned on the plover and acled errors holds on unseen text; opt-in, ~1 minute
        # for the fixed third it scores (gold.SYNTHETIC_EVERY)
        Task("plover-synthetic", "PLOVER event types per story on every third synthetic story (opt-in)",
             _file(gold.load_plover_synthetic, gold.PLOVER_SYNTHETIC), plover_synthetic.score, default=False,
             split=None),
    )
}


def unique_ids(records: Sequence[Any]) -> list[Any]:
    """The records with every id made unique: a repeated id gets "#2", "#3", ...
    (one PLOVER gold id names two different sentences; keyed by id, the second
    would be scored against the first one's prediction)."""
    seen: dict[str, int] = {}
    out = []
    for rec in records:
        n = seen[rec.id] = seen.get(rec.id, 0) + 1
        out.append(rec if n == 1 else replace(rec, id=f"{rec.id}#{n}"))
    return out


def code_records(records: Sequence[Any], pipeline: Any) -> dict[str, Article]:
    """Code each distinct text once; return the coded article per record id."""
    by_text: dict[str, Article] = {}
    for rec in records:
        if rec.text not in by_text:
            by_text[rec.text] = Article(id=rec.id, text=rec.text, date=rec.date, origin=f"gold:{rec.id}", format="text",
                                        title=getattr(rec, "title", None), source=getattr(rec, "source", None),
                                        url=getattr(rec, "url", None))
    inputs = list(by_text.values())
    coded = dict(zip((a.text for a in inputs), pipeline.run(inputs), strict=True))
    return {rec.id: coded[rec.text] for rec in records}


def run_eval(
    tasks: list[str] | None,
    *,
    gold_dir: Path,
    pipeline: Any = None,
    errors_dir: Path | None = None,
    limit: int | None = None,
    resamples: int = 0,
) -> dict[str, TaskResult]:
    """Code and score the named tasks (every default task when None), in `TASKS` order.

    `pipeline` is anything with `run(articles) -> iterable of Article`
    (default: `sitrep.pipeline.get_pipeline()`); `limit` scores only the first
    records of each task, for a quick look; with `resamples`, each check score also
    gets a 95% bootstrap interval (`bootstrap_intervals`).
    """
    if resamples < 0:
        raise UsageError(f"resamples must be 0 or more, got {resamples}")
    names = [n for n, t in TASKS.items() if t.default] if tasks is None else list(dict.fromkeys(tasks))
    unknown = [n for n in names if n not in TASKS]
    if unknown:
        raise UsageError(f"unknown evaluation task(s): {', '.join(unknown)}; choose from {', '.join(TASKS)}")
    if pipeline is None:
        from sitrep.pipeline import get_pipeline

        pipeline = get_pipeline()
    gold_dir = Path(gold_dir)
    results: dict[str, TaskResult] = {}
    for name in names:
        task = TASKS[name]
        records = unique_ids(task.load(gold_dir))
        if limit is not None:
            records = records[:limit]
        predicted: Mapping[str, Any] = code_records(records, pipeline)
        if task.corpus is not None:
            predicted = task.corpus(records, predicted)
        results[name] = score_parts(task, records, predicted, resamples=resamples)
    if errors_dir is not None:
        write_errors(results, Path(errors_dir))
    return results


def score_parts(task: Task, records: Sequence[Any], predicted: Mapping[str, Prediction], *,
                resamples: int = 0) -> TaskResult:
    """Score a task on each of its parts: metrics and counts as `tune.<metric>` and
    `check.<metric>`, errors of the tune part only. An unsplit task is scored whole.
    With `resamples`, the check part's metrics (an unsplit task's) get bootstrap intervals."""
    if task.split is None:
        res = task.score(records, predicted)
        if resamples and task.corpus is None:
            res.intervals = bootstrap_intervals(task.score, records, predicted, resamples)
        return res
    out = TaskResult(task.name)
    for part in PARTS:
        chosen = [r for r in records if task.split(r) == part]
        if not chosen:
            continue
        res = task.score(chosen, predicted)
        out.metrics.update({f"{part}.{k}": v for k, v in res.metrics.items()})
        out.counts.update({f"{part}.{k}": v for k, v in res.counts.items()})
        if part == "tune":
            out.errors.extend(res.errors)
        elif resamples and task.corpus is None:
            out.intervals.update({f"{part}.{k}": v for k, v in
                                  bootstrap_intervals(task.score, chosen, predicted, resamples).items()})
    return out


BOOTSTRAP_SEED = 20261208


def bootstrap_intervals(score: Callable[[Sequence[Any], Mapping[str, Prediction]], TaskResult],
                        records: Sequence[Any], predicted: Mapping[str, Prediction],
                        resamples: int) -> dict[str, tuple[float, float]]:
    """A 95% percentile interval for each metric of `score` over `records`: the records
    drawn with replacement `resamples` times (the same draws on every run), each draw
    scored again (the predictions are not coded again). A record is the unit drawn: a
    real-events article, a PLOVER or CASE sentence, a PolNeAR annotation. How far a check
    score could move on another sample of the same kind: a change smaller than its
    interval's half-width is within what chance gives."""
    if not records or resamples <= 0:
        return {}
    # the predictions as contract dicts once, not once per draw (an article's dict costs more than a score)
    ids = {r.id for r in records}
    predicted = {k: as_contract(v) if k in ids else v for k, v in predicted.items()}
    rng = random.Random(BOOTSTRAP_SEED)
    n = len(records)
    drawn: dict[str, list[float]] = {}
    for _ in range(resamples):
        sample = [records[rng.randrange(n)] for _ in range(n)]
        for metric, value in score(sample, predicted).metrics.items():
            drawn.setdefault(metric, []).append(value)
    out = {}
    for metric, values in drawn.items():
        values.sort()
        lo = values[int(0.025 * (len(values) - 1))]
        hi = values[int(round(0.975 * (len(values) - 1)))]
        out[metric] = (lo, hi)
    return out


def write_errors(results: Mapping[str, TaskResult], errors_dir: Path) -> list[Path]:
    """Write `errors-<task>.jsonl` per task; return the paths written."""
    errors_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, res in results.items():
        path = errors_dir / f"errors-{name}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for err in res.errors:
                fh.write(json.dumps({"task": name, **err}, ensure_ascii=False) + "\n")
        paths.append(path)
    return paths


def _fmt(value: float) -> str:
    return f"{value:.0f}" if value.is_integer() and value > 1 else f"{value:.3f}"


def _split_metric(metric: str) -> tuple[str, str]:
    """("check", "f1") for "check.f1"; ("", "passed") for an unsplit "passed"."""
    head, _, rest = metric.partition(".")
    return (head, rest) if head in PARTS and rest else ("", metric)


def format_table(results: Mapping[str, TaskResult], floors: Mapping[str, float] | None = None) -> str:
    """A plain-text table, one row per task and metric, the tune and check scores side
    by side (an unsplit task's score under "check"), with the floors if given."""
    with_ci = any(res.intervals for res in results.values())
    header = ["task", "metric", "tune", "check"] + (["check 95% CI"] if with_ci else []) + (
        ["floor", "status"] if floors is not None else [])
    rows = [header]
    for name, res in results.items():
        by_metric: dict[str, dict[str, float]] = {}
        for metric, value in res.metrics.items():
            part, bare = _split_metric(metric)
            by_metric.setdefault(bare, {})[part or "whole"] = value
        for bare, values in by_metric.items():
            shown = values.get("check", values.get("whole"))
            row = [name, bare, _fmt(values["tune"]) if "tune" in values else "",
                   "" if shown is None else _fmt(shown)]
            if with_ci:
                ci = res.intervals.get(f"check.{bare}", res.intervals.get(bare))
                row.append("" if ci is None else f"{_fmt(ci[0])}-{_fmt(ci[1])}")
            if floors is not None:
                key = f"{name}.{bare}" if "whole" in values else f"{name}.{'check' if 'check' in values else 'tune'}.{bare}"
                floor = floors.get(key)
                value = shown if shown is not None else values.get("tune")
                row += ["" if floor is None else f"{floor:.3f}",
                        "" if floor is None or value is None else ("BELOW" if worse(key, value, floor) else "ok")]
            rows.append(row)
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = []
    for i, row in enumerate(rows):
        cells = [c.ljust(w) if j < 2 else c.rjust(w) for j, (c, w) in enumerate(zip(row, widths))]
        lines.append("  ".join(cells).rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def results_to_json(results: Mapping[str, TaskResult]) -> dict[str, Any]:
    """The results as plain JSON data (errors counted, not included)."""
    return {
        "tasks": {
            name: {"metrics": dict(res.metrics), "counts": dict(res.counts), "errors": len(res.errors),
                   **({"intervals": {k: list(v) for k, v in res.intervals.items()}} if res.intervals else {})}
            for name, res in results.items()
        }
    }
