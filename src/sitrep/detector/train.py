"""Train the event detector: `sitrep train` (or `make model`).

Data we may train on, and nothing else:
- our own labelled sentences, `training/events/*.jsonl` (see training/README.md);
- the MIT machine-written PLOVER stories, `plover_synthetic_train.jsonl` in the
  gold folder, except the third that the `plover-synthetic` task scores
  (`gold.SYNTHETIC_EVERY`): each story's first sentence, which states the event
  it was written for, and its headline template with the placeholders filled.

A multinomial logistic regression (L-BFGS, fixed iteration budget) over the
hashed n-grams of `features.py`: deterministic, a minute on two cores. 10% of
our own sentences (by a hash of the text) are held out for the card's figures.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sitrep.detector.features import Featuriser
from sitrep.detector.model import NONE, EventDetector
from sitrep.errors import InputError
from sitrep.evaluate import gold

VERSION = "1"
C = 4.0  # inverse L2 strength: picked on the held-out tenth of our sentences (1, 2, 4, 8 tried)
MAX_ITER = 300
HELD_OUT = 10  # percent of our own sentences kept out of training, for the card
_FIRST_SENTENCE = re.compile(r"(?<=[.!?])[\"”']?\s+(?=[A-Z\"“(])")
# placeholders of the synthetic headline templates, filled in turn with these names
_FILL = ("Kenya", "Peru", "Vietnam", "Poland", "Nigeria", "Chile", "Indonesia", "Egypt", "Canada", "Georgia",
         "Pakistan", "Brazil", "Turkey", "Japan", "Sudan", "Mexico", "Ukraine", "Iran", "France", "Colombia")


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    labels: tuple[str, ...]  # empty: no event
    origin: str  # "ours:<file>" or "synthetic"


def our_sentences(folder: Path) -> Iterator[Example]:
    for path in sorted(folder.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
                yield Example(r["text"].strip(), tuple(r.get("labels") or ()), f"ours:{path.name}")
            except (json.JSONDecodeError, KeyError, AttributeError) as exc:
                raise InputError(f"{path}:{n}: bad training line: {exc}") from exc


def synthetic(path: Path) -> Iterator[Example]:
    """First sentences and filled headlines of the stories `plover-synthetic` does not score."""
    every = gold.SYNTHETIC_EVERY
    for n, r in enumerate(gold.read_jsonl(path)):
        if n % every == 0:  # the scored third (load_plover_synthetic, offset 0)
            continue
        event = r["labels"]["event"]
        first = _FIRST_SENTENCE.split(r["text"].strip(), maxsplit=1)[0].strip()
        if 20 <= len(first) <= 400:
            yield Example(first, (event,), "synthetic")
        title = (r.get("meta") or {}).get("title_template")
        if title:
            k = n
            def fill(_m: re.Match[str]) -> str:
                nonlocal k
                k += 7
                return _FILL[k % len(_FILL)]
            yield Example(re.sub(r"\{[a-z_]+\d*\}", fill, title), (event,), "synthetic-title")


def held_out(text: str) -> bool:
    return int(hashlib.sha256(text.lower().encode("utf-8")).hexdigest()[:8], 16) % 100 < HELD_OUT


def _rows(examples: Iterable[Example]) -> tuple[list[str], list[str]]:
    texts, ys = [], []
    for ex in examples:
        for label in ex.labels or (NONE,):
            texts.append(ex.text)
            ys.append(label)
    return texts, ys


def train(*, corpus_dir: Path, gold_dir: Path | None, out: Path, log: list[str] | None = None) -> EventDetector:
    """Fit the detector on our corpus (and the synthetic stories when `gold_dir` has
    them), write it to `out` and return it."""
    from sklearn.linear_model import LogisticRegression

    say = log.append if log is not None else (lambda _m: None)
    ours = list(our_sentences(corpus_dir))
    if not ours:
        raise InputError(f"no training sentences in {corpus_dir}")
    seen: set[str] = set()
    dedup = []
    for ex in ours:
        key = ex.text.lower()
        if key not in seen:
            seen.add(key)
            dedup.append(ex)
    train_ex = [ex for ex in dedup if not held_out(ex.text)]
    test_ex = [ex for ex in dedup if held_out(ex.text)]
    synth = list(synthetic(gold_dir / gold.PLOVER_SYNTHETIC)) if gold_dir and (gold_dir / gold.PLOVER_SYNTHETIC).exists() else []
    texts, ys = _rows(train_ex + synth)
    say(f"training rows: {len(texts)} ({len(train_ex)} of our sentences, {len(synth)} synthetic); "
        f"held out: {len(test_ex)}")
    feat = Featuriser()
    t0 = time.perf_counter()
    x = feat(texts)
    clf = LogisticRegression(C=C, max_iter=MAX_ITER, solver="lbfgs")
    clf.fit(x, ys)
    fit_s = time.perf_counter() - t0
    classes = tuple(str(c) for c in clf.classes_)
    det = EventDetector(classes, clf.coef_.T.astype(np.float32).copy(), clf.intercept_.astype(np.float32),
                        featuriser=feat)
    det.weights = det.weights.astype(np.float16).astype(np.float32)  # score what is shipped
    held = held_out_scores(det, test_ex)
    det.info = {
        "version": VERSION,
        "trained_on": {
            "ours": dict(sorted(Counter(ex.origin for ex in train_ex).items())),
            "synthetic": len(synth),
            "rows": len(texts),
            "labels": dict(sorted(Counter(ys).items())),
        },
        "hyperparameters": {"C": C, "max_iter": MAX_ITER, "features": feat.n_features},
        "fit_seconds": round(fit_s, 1),
        "held_out": held,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    det.save(out)
    say(f"fitted in {fit_s:.0f} s; held-out {json.dumps(held)}; written {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return det


def held_out_scores(det: EventDetector, examples: list[Example]) -> dict[str, float]:
    """Event/no-event accuracy and type accuracy of the top class on held-out sentences."""
    if not examples:
        return {}
    probs = det.probabilities([ex.text for ex in examples])
    top = [det.classes[i] for i in probs.argmax(axis=1)]
    event_ok = sum((t != NONE) == bool(ex.labels) for t, ex in zip(top, examples))
    typed = [(t, ex) for t, ex in zip(top, examples) if ex.labels]
    type_ok = sum(t in ex.labels for t, ex in typed)
    return {"sentences": len(examples), "event_vs_none_accuracy": round(event_ok / len(examples), 4),
            "type_accuracy_on_events": round(type_ok / len(typed), 4) if typed else 0.0}
