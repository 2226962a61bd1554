"""Quality floors: the lowest score each metric may reach, pinned in
`eval/floors.json` at the repository root:

    {"version": 1, "floors": {"attribution.content_f1": 0.41, ...}, "log": [...]}

`check_floors` lists the metrics below their floor. Floors only go up on their
own (`raise_floors`: score minus a margin, rounded down). Lowering one takes an
explicit `allow_lower` and a written reason, which is kept in the file's log.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from sitrep.errors import DataFileError, UsageError
from sitrep.evaluate.gold import REPO_ROOT
from sitrep.evaluate.result import TaskResult

FLOORS_VERSION = 1
DEFAULT_MARGIN = 0.02  # room for run-to-run noise (model or lexicon changes of a single record)
EPSILON = 1e-9
# metrics that describe the test, not the system: never floored
UNFLOORED = frozenset({"seed.total"})


# metrics where lower is better: their pinned value is a ceiling (score + margin, only lowered)
LOWER_IS_BETTER = ("false_event_rate", "quote_fragment_rate")


def lower_is_better(key: str) -> bool:
    return key.endswith(LOWER_IS_BETTER)


def worse(key: str, score: float, pinned: float) -> bool:
    """Whether `score` is worse than the pinned floor (or ceiling) of `key`."""
    return score > pinned + EPSILON if lower_is_better(key) else score < pinned - EPSILON


def _round_up(x: float) -> float:
    return min(1.0, math.ceil(round(x * 1000, 6)) / 1000)


def floored(key: str) -> bool:
    """Whether a "task.metric" key gets a floor: not the tune part of a split task
    (tuned on, so it says nothing of new text) nor a metric describing the test."""
    return key not in UNFLOORED and ".tune." not in key


def default_floors_path() -> Path:
    return REPO_ROOT / "eval" / "floors.json"


def _round_down(x: float) -> float:
    # round(…, 6) first so that 0.43 - 0.02 = 0.41000000000000003 stays 0.41
    return max(0.0, math.floor(round(x * 1000, 6)) / 1000)


def flatten(results: Mapping[str, TaskResult]) -> dict[str, float]:
    """`{"task.metric": score}` for every metric of every task."""
    return {f"{name}.{m}": float(v) for name, res in results.items() for m, v in res.metrics.items()}


def load_floors(path: Path) -> dict[str, float]:
    """The floors of a floors file; a missing file has none."""
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DataFileError(f"cannot read floors file {path}: {exc}") from exc
    if not isinstance(data, dict) or data.get("version") != FLOORS_VERSION or not isinstance(data.get("floors"), dict):
        raise DataFileError(f"{path}: expected {{\"version\": {FLOORS_VERSION}, \"floors\": {{...}}}}")
    return {str(k): float(v) for k, v in data["floors"].items()}


def _save(path: Path, floors: Mapping[str, float], log: list[dict[str, Any]]) -> None:
    data: dict[str, Any] = {"version": FLOORS_VERSION, "floors": dict(sorted(floors.items()))}
    if log:
        data["log"] = log
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def check_floors(results: Mapping[str, TaskResult], floors: Mapping[str, float]) -> list[str]:
    """One message per metric below its floor. Floors of tasks not run are skipped;
    a floored metric missing from a task that ran is a violation."""
    scores = flatten(results)
    out = []
    for key, floor in sorted(floors.items()):
        task = key.split(".", 1)[0]
        if task not in results:
            continue
        score = scores.get(key)
        if score is None:
            out.append(f"{key}: no score (floor {floor:.3f})")
        elif worse(key, score, floor):
            where = "above ceiling" if lower_is_better(key) else "below floor"
            out.append(f"{key}: score {score:.3f} {where} {floor:.3f}")
    return out


def raise_floors(
    results: Mapping[str, TaskResult], floors: Mapping[str, float], margin: float = DEFAULT_MARGIN
) -> dict[str, float]:
    """New floors: for each scored metric max(old, score - margin) rounded down
    to 3 decimals; floors of metrics not scored are kept. Never lowers."""
    new = dict(floors)
    for key, score in flatten(results).items():
        if not floored(key):
            continue
        if lower_is_better(key):
            new[key] = min(new.get(key, 1.0), _round_up(score + margin))
        else:
            new[key] = max(new.get(key, 0.0), _round_down(score - margin))
    return new


def update_floors(
    path: Path,
    results: Mapping[str, TaskResult],
    *,
    allow_lower: bool,
    reason: str | None,
    margin: float = DEFAULT_MARGIN,
) -> dict[str, float]:
    """Raise the floors in `path` to the results; return the new floors.

    A metric scoring below its floor would need the floor lowered: that is
    refused (UsageError, nothing written) unless `allow_lower` is set and a
    `reason` is given; the lowering and its reason are then logged in the file.
    """
    old = load_floors(path)
    log: list[dict[str, Any]] = []
    if path.exists():
        log = list(json.loads(path.read_text(encoding="utf-8")).get("log", []))
    scores = flatten(results)
    below = {k: v for k, v in scores.items() if k in old and floored(k) and worse(k, v, old[k])}
    if below and not allow_lower:
        listed = "; ".join(f"{k} {v:.3f} < {old[k]:.3f}" for k, v in sorted(below.items()))
        raise UsageError(f"refusing to lower floors ({listed}): pass allow_lower with a reason")
    if below and not (reason and reason.strip()):
        raise UsageError("lowering a floor needs a reason")
    new = raise_floors(results, old, margin)
    lowered = {}
    for key, score in below.items():
        new[key] = _round_up(score + margin) if lower_is_better(key) else _round_down(score - margin)
        lowered[key] = {"from": old[key], "to": new[key]}
    if lowered:
        log.append({"date": date.today().isoformat(), "reason": reason.strip(), "lowered": lowered})  # type: ignore[union-attr]
    _save(path, new, log)
    return new
