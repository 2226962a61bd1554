"""`code_parallel`: ordered results, one failing article never sinks the stream."""

from __future__ import annotations

import os

import pytest

from sitrep import parallel
from sitrep.contract import article_to_dict
from sitrep.errors import ModelError, UsageError
from sitrep.model import Article, content_id
from sitrep.parallel import code_parallel, ordered_map
from sitrep.pipeline import NamedStage, Pipeline
from sitrep.settings import Settings

TEXTS = [
    "Russia deployed troops to Belarus on Monday, the defence ministry in Moscow said.",
    "Ukrainian drones struck an oil refinery in the Belgorod region overnight, the governor said.",
    "",  # rejected: empty
    "China and Russia signed an agreement on Tuesday to expand joint naval exercises in the Pacific.",
    "Die Bundesregierung hat am Dienstag weitere Luftabwehrsysteme an die Ukraine geliefert, sagte ein Sprecher.",
    "NATO foreign ministers met in Brussels on Wednesday to discuss more air defence for Ukraine.",
    "Israel recalled its ambassador from Ankara after Turkey suspended trade, officials said on Thursday.",
    "North Korea fired two ballistic missiles into the sea off its east coast on Friday, Seoul said.",
]


def _article(text: str, i: int = 0) -> Article:
    return Article(id=content_id(text) if text else f"empty-{i}", text=text, origin=f"<test>:{i}", date="2024-12-01")


def _fake_pipeline(*stages: NamedStage) -> Pipeline:
    pipeline = Pipeline.__new__(Pipeline)  # no model: stages built by hand
    pipeline.settings = Settings()
    pipeline.stages = list(stages)
    return pipeline


def _mark(article: Article) -> Article:
    article.warnings.append("seen")
    return article


def _explode_on_boom(article: Article) -> Article:
    if "boom" in article.text:
        raise RuntimeError("stage failed")
    return article


def test_workers_1_stage_exception_rejects_only_that_article(monkeypatch):
    fake = _fake_pipeline(NamedStage("explode", _explode_on_boom), NamedStage("mark", _mark))
    monkeypatch.setattr(parallel, "get_pipeline", lambda settings: fake)
    texts = ["first article text", "this one goes boom", "third article text"]
    out = list(code_parallel([_article(t, i) for i, t in enumerate(texts)], settings=Settings(), workers=1))
    assert [a.text for a in out] == texts
    assert [a.rejected is None for a in out] == [True, False, True]
    assert out[1].rejected.reason == "stage_error"
    assert "RuntimeError: stage failed" in out[1].rejected.detail
    assert out[0].warnings == ["seen"] and out[2].warnings == ["seen"]


def test_workers_1_error_escaping_the_pipeline_rejects_the_article(monkeypatch):
    def broken(article: Article) -> Article:
        if "bad" in article.text:
            raise TypeError("stage returned str, not Article")
        return article

    monkeypatch.setattr(parallel, "get_pipeline", lambda settings: broken)
    out = list(code_parallel([_article("good one"), _article("bad one", 1)], settings=Settings(), workers=1))
    assert out[0].rejected is None
    assert out[1].rejected.reason == "stage_error" and "TypeError" in out[1].rejected.detail


def test_bad_arguments_raise_usage_error():
    with pytest.raises(UsageError):
        list(code_parallel([], settings=Settings(), workers=0))
    with pytest.raises(UsageError):
        list(code_parallel([], settings=Settings(), workers=2, chunk_size=0))


def test_default_workers_is_the_core_count():
    assert parallel.default_workers() == (os.cpu_count() or 1)


# --- the pool, without the model (workers import this module by name) ---------------------


def _double_or_die(chunk: list[int]) -> list[int]:
    if 13 in chunk:
        os._exit(3)  # a worker crash: segfault, out of memory...
    return [x * 2 for x in chunk]


def test_ordered_map_keeps_order_and_isolates_a_crashing_item():
    chunks = [list(range(i, i + 3)) for i in range(0, 30, 3)]
    out = list(ordered_map(_double_or_die, chunks, workers=2, on_crash=lambda chunk, exc: [("died", *chunk)]))
    flat = [x for part in out for x in part]
    expected = [("died", 13) if x == 13 else x * 2 for x in range(30)]
    assert flat == expected


def test_ordered_map_survives_a_pool_that_broke_between_two_submits(monkeypatch):
    # A worker that dies after its result was read leaves a broken pool: the next submit
    # raises BrokenProcessPool instead of returning a future. That once escaped ordered_map.
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    submits = 0

    class BreaksOnce(ProcessPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):
            nonlocal submits
            submits += 1
            if submits == 3:
                raise BrokenProcessPool("a worker died")
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", BreaksOnce)
    chunks = [list(range(i, i + 2)) for i in range(0, 12, 2)]
    out = list(ordered_map(_double_or_die, chunks, workers=2, on_crash=lambda chunk, exc: [("died", *chunk)]))
    assert [x for part in out for x in part] == [x * 2 for x in range(12)]
    assert submits == len(chunks) + 1


def test_ordered_map_is_lazy_and_bounded():
    pulled = 0

    def endless():
        nonlocal pulled
        while True:
            pulled += 1
            yield [pulled]

    results = ordered_map(_double_or_die, endless(), workers=2, on_crash=lambda chunk, exc: [])
    first = [next(results) for _ in range(5)]
    results.close()
    assert first == [[2], [4], [6], [8], [10]]
    assert pulled <= 5 + parallel.IN_FLIGHT_PER_WORKER * 2


def test_a_pipeline_that_cannot_be_built_raises_its_error():
    settings = Settings(model="no_such_spacy_model_xyz")
    with pytest.raises(ModelError, match="no_such_spacy_model_xyz"):
        list(code_parallel([_article(t, i) for i, t in enumerate(TEXTS)], settings=settings, workers=2))


# --- with the model ---------------------------------------------------------------------------


@pytest.mark.slow
def test_two_workers_give_the_same_output_in_the_same_order_as_one():
    settings = Settings.from_env()
    one = [article_to_dict(a) for a in code_parallel([_article(t, i) for i, t in enumerate(TEXTS)],
                                                      settings=settings, workers=1)]
    two = list(code_parallel([_article(t, i) for i, t in enumerate(TEXTS)], settings=settings, workers=2,
                             chunk_size=3))
    assert [a.doc for a in two] == [None] * len(TEXTS)  # the parse never crosses processes
    assert [article_to_dict(a) for a in two] == one
    assert [a.id for a in two] == [_article(t, i).id for i, t in enumerate(TEXTS)]
    reasons = {d["id"]: (d["rejected"] or {}).get("reason") for d in one}
    assert reasons["empty-2"] == "empty"
    assert reasons[content_id(TEXTS[4])] == "not_english"
    assert sum(len(d["events"]) for d in one) > 0


def test_collector_paused_restores_the_collector_as_it_was():
    import gc

    from sitrep.pipeline import collector_paused

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block leaves it as the outer one set it
    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError):
        with collector_paused():
            1 / 0
    assert gc.isenabled()
