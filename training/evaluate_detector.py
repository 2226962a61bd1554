"""Figures for the event detector's model card: the detector alone, sentence by sentence.

    .venv/bin/python training/evaluate_detector.py [MODEL.npz] [--part tune|check|both]

On the sentences of our real-events annotation (eval/real_events/, texts read
from the gold folder): each annotated sentence is one example, its gold types
the set of types of its events (empty: no event). The detector's prediction is
read three ways: "top", its most probable class; "p>=0.5", an event when
1 - P(none) >= 0.5, of its most probable type; "type>=0.7", an event when one
type alone gets 0.7 or more (the rule by which the `detect` stage proposes an
event). Printed per part and reading: event-vs-none accuracy, precision and
recall of "has an event", and the F1 of (sentence, type) pairs. Also the held-out figures stored in the model at training time
and the speed (sentences per second, one process, featurising included).
Use the tune part to choose between models; report check.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from sitrep.detector.model import DEFAULT_PATH, NONE, EventDetector
from sitrep.detector.stage import PROPOSE
from sitrep.evaluate import default_gold_dir, real_events
from sitrep.evaluate.result import prf
from sitrep.evaluate.split import part_of


def figures(det: EventDetector, records: list, reading: str = "top") -> dict[str, float]:
    texts, golds = [], []
    for rec in records:
        by_sent: dict[int, set[str]] = {}
        for ev in rec.events:
            by_sent.setdefault(ev.sentence, set()).add(ev.type)
        for i, (s, e) in enumerate(rec.sentences):
            texts.append(rec.text[s:e])
            golds.append(by_sent.get(i, set()))
    probs = det.predict(texts)
    tp = fp = fn = ok = type_tp = type_pred = type_gold = 0
    for p, gold in zip(probs, golds):
        top_type = max((k for k in p if k != NONE), key=p.get)
        if reading == "top":
            has = max(p, key=p.get) != NONE
        elif reading == "p>=0.5":
            has = 1 - p[NONE] >= 0.5
        else:
            has = p[top_type] >= PROPOSE
        ok += has == bool(gold)
        tp += has and bool(gold)
        fp += has and not gold
        fn += (not has) and bool(gold)
        type_pred += has
        type_gold += len(gold)
        type_tp += has and top_type in gold
    ep, er, ef = prf(tp, tp + fp, tp + fn)
    tpp, tpr, tpf = prf(type_tp, type_pred, type_gold)
    return {"sentences": len(texts), "event_vs_none_accuracy": ok / len(texts), "event_precision": ep,
            "event_recall": er, "event_f1": ef, "sentence_type_precision": tpp, "sentence_type_recall": tpr,
            "sentence_type_f1": tpf}


def speed(det: EventDetector, records: list) -> float:
    texts = [rec.text[s:e] for rec in records for s, e in rec.sentences] * 5
    t0 = time.perf_counter()
    for i in range(0, len(texts), 256):
        det.probabilities(texts[i:i + 256])
    return len(texts) / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", nargs="?", default=str(DEFAULT_PATH))
    ap.add_argument("--part", choices=("tune", "check", "both"), default="both")
    args = ap.parse_args()
    det = EventDetector.load(Path(args.model))
    records = real_events.load(default_gold_dir())
    print(f"model {det.name} ({Path(args.model).stat().st_size / 1e6:.1f} MB); trained on "
          f"{det.info['trained_on']['rows']} rows; held out {det.info.get('held_out')}")
    parts = ("tune", "check") if args.part == "both" else (args.part,)
    for part in parts:
        chosen = [r for r in records if part_of(r.id) == part]
        for reading in ("top", "p>=0.5", "type>=0.7"):
            got = figures(det, chosen, reading)
            print(part, reading, {k: round(v, 3) if isinstance(v, float) else v for k, v in got.items()})
    print(f"speed: {speed(det, records):,.0f} sentences/s (one process)")


if __name__ == "__main__":
    main()
