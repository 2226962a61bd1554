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

``--reasons`` also prints, per corpus, why the sentences of the default mode got
their depth, first reason that applies: a quotation mark or an open quotation
(``quote``), a speech cue (`data/attribution.yaml` lists verbs, quote_verbs,
speech_nouns, source_nouns, passive_verbs, unsourced_verbs, role_nouns, its
phrases, or a colon: ``speech``), another cue list (belief, intent, stance,
claim, object and preposition verbs: ``other cue``), a possible lexicon trigger
(``trigger``), capitalised words or digits (``names``) or none (``tokens``);
and for the sentences past the lead (third on) with neither a quote nor a speech
cue, the share the learned detector gives every event type under 0.02 (the
veto threshold of `sitrep.detector.stage`: any rule event there would be vetoed).
Counts only: no text is printed.

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
from typing import Any


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
                # distinct texts: a gold file may hold several records per article
                out.append((Path(p).name, list(dict.fromkeys(json.loads(line)["text"] for line in f if line.strip()))))
    return out


def shares(triage: object, texts: list[str]) -> dict[str, float]:
    chars = {"parse": 0, "names": 0, "tokens": 0}
    for text in texts:
        for chunk in triage.plan(text):  # type: ignore[attr-defined]
            chars[chunk.depth] += chunk.end - chunk.start
    total = sum(chars.values()) or 1
    return {k: v / total for k, v in chars.items()}


SPEECH = ("verbs", "quote_verbs", "speech_nouns", "source_nouns", "passive_verbs", "unsourced_verbs", "role_nouns")


def reasons(triage: object, texts: list[str], data_dir: str | None) -> tuple[dict[str, list[int]], list[int]]:
    """{reason: [sentences, characters]}, and [sentences, characters] past the lead with
    neither quote nor speech cue that the detector rules out (every type < 0.02)."""
    from sitrep import data
    from sitrep.detector.model import NONE, shipped
    from sitrep.triage import QUOTE_CHARS, sentence_starts

    cues = data.load("attribution", data_dir)
    speech: set[str] = set()
    for key in SPEECH:
        speech |= {str(v).lower() for v in (cues.get(key) or ())}
    det = shipped()
    out = {k: [0, 0] for k in ("quote", "speech", "other cue", "trigger", "names", "tokens")}
    ruled_out = [0, 0]
    t = triage  # type: Any
    for text in texts:
        doc = t.tokenizer(text)
        starts = sentence_starts(doc) + [len(doc)]
        sents = [doc[a:b] for a, b in zip(starts, starts[1:]) if a < b]
        probs = det.predict([s.text for s in sents]) if det is not None else [{} for _ in sents]
        open_quote = False
        for i, (sent, p) in enumerate(zip(sents, probs)):
            depth, after = t.depth(sent, open_quote)
            lemmas: set[str] = set()
            for tok in sent:
                if tok.is_alpha or "-" in tok.text:
                    lemmas |= t._lemmas(tok.lower_)
            if open_quote or any(c in QUOTE_CHARS for c in sent.text):
                why = "quote"
            elif lemmas & speech or ":" in sent.text or t._has_phrase(sent.text.lower()):
                why = "speech"
            elif lemmas & t.cue_lemmas:
                why = "other cue"
            elif t._trigger(lemmas):
                why = "trigger"
            else:
                why = "names" if depth != "tokens" else "tokens"
            out[why][0] += 1
            out[why][1] += len(sent.text)
            if why not in ("quote", "speech") and i >= 2 and p and max(v for k, v in p.items() if k != NONE) < 0.02:
                ruled_out[0] += 1
                ruled_out[1] += len(sent.text)
            open_quote = after
    return out, ruled_out


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
    ap.add_argument("--reasons", action="store_true", help="why sentences got their depth (counts only)")
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
    if args.reasons:
        print(f"\n{'corpus':28s} " + " ".join(f"{k:>17s}" for k in ("quote", "speech", "other cue", "trigger",
                                                                      "names", "tokens", "detector: none")))
        for name, texts in sets:
            got, ruled = reasons(modes["triage"], texts, settings.data_dir)
            ns = sum(v[0] for v in got.values()) or 1
            nc = sum(v[1] for v in got.values()) or 1
            cells = [f"{v[0] / ns:7.1%} /{v[1] / nc:7.1%}" for v in [*got.values(), ruled]]
            print(f"{name[:28]:28s} " + " ".join(f"{c:>17s}" for c in cells))
        print("(share of sentences / of characters)")
    if args.ruler:
        time_ruler(nlp, [t for _, texts in sets for t in texts])


if __name__ == "__main__":
    main()
