"""The evaluation harness: sitrep's output scored against public gold data.

    from sitrep.evaluate import run_eval, format_table, default_gold_dir
    results = run_eval(None, gold_dir=default_gold_dir(), errors_dir=Path("eval/errors"))
    print(format_table(results))

One module per task (`attribution`, `entities`, `plover`, `acled`,
`location`, `seed`, `plover_synthetic`), each a pure `score(records, predicted) -> TaskResult`;
`gold` loads the gold files, `harness` codes and scores, `floors` keeps the
pinned quality floors in `eval/floors.json`.
"""

from sitrep.evaluate.floors import (
    check_floors,
    default_floors_path,
    load_floors,
    raise_floors,
    update_floors,
)
from sitrep.evaluate.gold import default_gold_dir
from sitrep.evaluate.harness import TASKS, format_table, results_to_json, run_eval, write_errors
from sitrep.evaluate.result import TaskResult

__all__ = [
    "TASKS",
    "TaskResult",
    "check_floors",
    "default_floors_path",
    "default_gold_dir",
    "format_table",
    "load_floors",
    "raise_floors",
    "results_to_json",
    "run_eval",
    "update_floors",
    "write_errors",
]
