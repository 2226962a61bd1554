"""How much of a corpus triage lets skip the parse, and what the attribute table saves.

    .venv/bin/python benchmarks/triage_share.py examples/corpus/text/*.txt
    .venv/bin/python benchmarks/triage_share.py --generated 300 ../shared/gold/polnear_dev.jsonl
    .venv/bin/python benchmarks/triage_share.py --ruler --generated 200

Inputs are text files (one article each) or JSONL files (field ``text``), each
counted as one corpus; ``--generated N`` adds N articles from the throughput
benchmark's generator. For each corpus and each triage mode ('triage', the
default, and 'fast') it prints the share of the text's characters that each
depth gets: ``parse`` (whole pipeline), ``names`` (entity recogniser only),
``tokens`` (nothing).

``--ruler`` also times spaCy's ``attribute_ruler`` against sitrep's
``AttributeTable`` on the same parsed documents (same input for both, outputs
compared) and prints seconds for each.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def corpora(paths: list[str], generated: int) -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    if generated:
        sys.path.insert(0, str(Path(__file__).parent))
        from throughput import generated as make

        out.append((f"generated ({generated})", [r["text"] for r in make(generated)]))
    texts = [p for p in paths if not p.endswith(".jsonl")]
    if texts:
        out.append((f"{len(texts)} text files", [Path(p).read_text(encoding="utf-8") for p in texts]))
    for p in paths:
        if p.endswith(".jsonl"):
            with open(p, encoding="utf-8") as f:
                out.append((Path(p).name, [json.loads(line)["text"] for line in f if line.strip()]))
    return out


def shares(triage: object, texts: list[str]) -> dict[str, float]:
    chars = {"parse": 0, "names": 0, "tokens": 0}
    for text in texts:
        for chunk in triage.plan(text):  # type: ignore[attr-defined]
            chars[chunk.depth] += chunk.end - chunk.start
    total = sum(chars.values()) or 1
    return {k: v / total for k, v in chars.items()}


def time_ruler(nlp: object, texts: list[str]) -> None:
    from spacy.attrs import LEMMA, MORPH, POS, TAG

    from sitrep.nlp import AttributeTable

    ruler = nlp.get_pipe("attribute_ruler")  # type: ignore[attr-defined]
    table = AttributeTable.from_ruler(ruler)
    if table is None:
        print("this model's attribute ruler has patterns AttributeTable does not handle")
        return
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):  # type: ignore[attr-defined]
        docs = list(nlp.pipe(texts))  # type: ignore[attr-defined]
    a = [d.copy() for d in docs]
    b = [d.copy() for d in docs]
    t0 = time.perf_counter()
    for d in a:
        ruler(d)
    t1 = time.perf_counter()
    for d in b:
        table(d)
    t2 = time.perf_counter()
    same = all((x.to_array([POS, MORPH, TAG, LEMMA]) == y.to_array([POS, MORPH, TAG, LEMMA])).all()
               for x, y in zip(a, b))
    print(f"attribute_ruler {t1 - t0:.2f} s, AttributeTable {t2 - t1:.2f} s on {len(docs)} docs "
          f"({sum(len(d) for d in docs)} tokens); identical output: {same}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", help=".txt files (one corpus) or .jsonl files (one corpus each)")
    ap.add_argument("--generated", type=int, default=0, help="add N generated benchmark articles")
    ap.add_argument("--ruler", action="store_true", help="time attribute_ruler against AttributeTable")
    args = ap.parse_args()

    from sitrep.nlp import load_model
    from sitrep.settings import Settings
    from sitrep.triage import Triage

    settings = Settings.from_env()
    nlp = load_model(settings.model)
    modes = {m: Triage(nlp, mode=m, data_dir=settings.data_dir) for m in ("triage", "fast")}
    sets = corpora(args.paths, args.generated)
    if not sets:
        ap.error("give files or --generated N")
    print(f"{'corpus':28s} {'mode':7s} {'parse':>7s} {'names':>7s} {'tokens':>7s}")
    for name, texts in sets:
        for mode, triage in modes.items():
            s = shares(triage, texts)
            print(f"{name[:28]:28s} {mode:7s} {s['parse']:7.1%} {s['names']:7.1%} {s['tokens']:7.1%}")
    if args.ruler:
        time_ruler(nlp, [t for _, texts in sets for t in texts])


if __name__ == "__main__":
    main()
