"""The `stories` evaluation task: pairwise scoring, parts by story, tune-only errors."""

from __future__ import annotations

import json

from sitrep.evaluate import TASKS, run_eval
from sitrep.evaluate.split import part_of
from sitrep.evaluate.stories import Groups, StoryRecord, score


def rec(id: str, story: str) -> StoryRecord:
    return StoryRecord(id, f"text {id}", "2024-01-01", f"title {id}", "Example Wire", None, story)


def test_pairwise_precision_recall_f1():
    recs = [rec("a", "s2"), rec("b", "s2"), rec("c", "s2"), rec("d", "s3")]
    pred = {"a": Groups(frozenset({"S1"})), "b": Groups(frozenset({"S1"})), "c": Groups(frozenset({"S2"})),
            "d": Groups(frozenset({"S2"}))}
    res = score(recs, pred)
    # gold pairs ab ac bc; predicted ab cd; one right
    assert res.metrics["precision"] == 0.5
    assert abs(res.metrics["recall"] - 1 / 3) < 1e-9
    kinds = sorted(e["kind"] for e in res.errors)
    assert kinds == ["false_link", "missed_link", "missed_link"]


def test_parts_follow_the_story_and_check_records_are_never_written(tmp_path, monkeypatch):
    from sitrep.evaluate import harness

    # s2, s3 hash into tune and s1, s5 into check (checked here, so a new hash rule fails loudly)
    assert [part_of(s) for s in ("s1", "s2", "s3", "s5")] == ["check", "tune", "tune", "check"]
    recs = [rec("t1", "s2"), rec("t2", "s2"), rec("t3", "s3"), rec("k1", "s1"), rec("k2", "s1"), rec("k3", "s5")]
    task = TASKS["stories"]
    assert {r.id: task.split(r) for r in recs} == {
        "t1": "tune", "t2": "tune", "t3": "tune", "k1": "check", "k2": "check", "k3": "check"}

    class Stub:
        def run(self, articles):
            return list(articles)

    # every article alone in its story: each part misses its one gold pair
    task_one = task.__class__(task.name, task.help, lambda _d: recs, task.score, split=task.split,
                              corpus=lambda records, predicted: {r.id: Groups(frozenset({r.id})) for r in records})
    monkeypatch.setitem(harness.TASKS, "stories", task_one)
    res = run_eval(["stories"], gold_dir=tmp_path, pipeline=Stub(), errors_dir=tmp_path / "errors")
    assert res["stories"].metrics["tune.recall"] == 0.0
    assert res["stories"].counts["check.gold_pairs"] == 1
    lines = (tmp_path / "errors" / "errors-stories.jsonl").read_text().splitlines()
    written = {json.loads(x)["id"] for x in lines} | {json.loads(x)["other"] for x in lines}
    assert written == {"t1", "t2"}
    assert not written & {"k1", "k2", "k3"}
