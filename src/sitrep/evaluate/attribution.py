"""Quote attribution against PolNeAR: content spans, then speakers.

A predicted quote matches a gold attribution when their content overlaps by at
least `MIN_OVERLAP` of the shorter of the two (a gold content may be several
spans; its length is their sum). Matching is one-to-one, best overlap first.

The speaker of a matched quote is right when the predicted speaker span
overlaps a gold source span, or the predicted speaker text equals or contains
the gold source text (case-insensitive, whole words). A quote whose speaker
was resolved from a pronoun carries the name in `speaker` and the pronoun's
offsets in `speaker_start/end`, so either can match. A gold attribution
without a source (`Attribution-no-source`) is right end to end when the
prediction names no speaker.

Quotes and stances (the contract's two lists) are scored together: PolNeAR annotates both
('said the port would reopen', 'praised the agreement').

Several annotators may have annotated one article: each record is scored, the
text was coded once.

`quote_fragment_rate` (lower is better) is the share of the statements sitrep outputs (the
contract's "quotes", once per text) that are fragments rather than statements: content that,
parsed on its own by sitrep's spaCy model, has no verb or auxiliary or fewer than 3 words
("to a request for comment", "the attack"). It needs no gold: it reads the output only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from sitrep.evaluate.gold import AttributionRecord, GoldAttribution
from sitrep.evaluate.result import (
    Prediction, TaskResult, as_contract, attributions, context, greedy_match, overlap, prf, ratio,
)

NAME = "attribution"
# The threshold the brief fixes (shorter-span overlap, as in PARC-style overlap
# scoring); PolNeAR contents often include "that" and trailing clauses we cut.
MIN_OVERLAP = 0.30

_WORD = re.compile(r"\w+")


def _words(s: str | None) -> list[str]:
    return _WORD.findall((s or "").lower())


def _contains_words(haystack: list[str], needle: list[str]) -> bool:
    if not needle or len(needle) > len(haystack):
        return False
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def quote_spans(quote: Mapping[str, Any]) -> list[tuple[int, int]]:
    """A predicted quote's content spans: its `spans` (a quote in pieces), else start..end."""
    spans = quote.get("spans")
    return [(a, b) for a, b in spans] if spans else [(quote["start"], quote["end"])]


def content_overlap(q_start: int, q_end: int, gold: GoldAttribution,
                    q_spans: Sequence[tuple[int, int]] | None = None) -> float:
    """Shared characters over the length of the shorter side (0 if either is empty); a quote
    in pieces (`q_spans`) counts only its pieces, not the narrator's words between them."""
    parts = list(q_spans) if q_spans else [(q_start, q_end)]
    g_len = sum(max(0, s.end - s.start) for s in gold.content)
    q_len = sum(max(0, b - a) for a, b in parts)
    shorter = min(g_len, q_len)
    if shorter <= 0:
        return 0.0
    shared = sum(overlap(a, b, s.start, s.end) for a, b in parts for s in gold.content)
    return shared / shorter


def speaker_matches(quote: Mapping[str, Any], gold: GoldAttribution) -> bool:
    """Whether a predicted quote's speaker agrees with the gold source."""
    ss, se = quote.get("speaker_start"), quote.get("speaker_end")
    if ss is not None and se is not None:
        if any(overlap(ss, max(se, ss + 1), s.start, s.end) > 0 for s in gold.source):
            return True
    pred = _words(quote.get("speaker"))
    return any(_contains_words(pred, _words(s.text)) for s in gold.source)


def _has_speaker(quote: Mapping[str, Any]) -> bool:
    return bool(quote.get("speaker")) and quote.get("speaker_type") != "unattributed"


def _bounds(spans: Sequence[Any]) -> tuple[int, int]:
    return min(s.start for s in spans), max(s.end for s in spans)


def is_fragment(doc: Any) -> bool:
    """Whether a quote's content, parsed on its own, is a fragment: no verb or auxiliary, or
    fewer than 3 words (punctuation left out)."""
    words = [t for t in doc if not t.is_punct and not t.is_space]
    return len(words) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in doc)


# content -> whether it is a fragment: a content is parsed once per process, however often it is
# scored (a bootstrap scores the same quotes a thousand times)
_FRAGMENT_SEEN: dict[str, bool] = {}


def _fragments(contents: list[str]) -> int:
    """How many of the statements' contents are fragments (parsed with the pipeline's model,
    which `load_model` gives back already loaded)."""
    if not contents:
        return 0
    new = list(dict.fromkeys(c for c in contents if c not in _FRAGMENT_SEEN))
    if new:
        from sitrep.nlp import load_model
        from sitrep.settings import Settings

        settings = Settings.from_env()
        nlp = load_model(settings.model, settings.matmul)
        if len(_FRAGMENT_SEEN) > 200_000:
            _FRAGMENT_SEEN.clear()
        _FRAGMENT_SEEN.update(zip(new, (is_fragment(doc) for doc in nlp.pipe(new))))
    return sum(_FRAGMENT_SEEN[c] for c in contents)


def score(records: Sequence[AttributionRecord], predicted: Mapping[str, Prediction]) -> TaskResult:
    """Score predicted quotes (keyed by record id) against PolNeAR records."""
    n_gold = n_pred = matched = spk_scored = spk_ok = e2e_ok = rejected = 0
    errors: list[dict[str, Any]] = []
    statements: dict[str, list[str]] = {}  # per text, the statements' contents (once per text)
    for rec in records:
        pred = as_contract(predicted.get(rec.id))
        statements.setdefault(rec.text, [q["content"] for q in pred.get("quotes", ())])
        if pred.get("rejected"):
            rejected += 1
        quotes = [q for q in attributions(pred) if q["end"] > q["start"]]  # statements and stances
        golds = [a for a in rec.attributions if any(not s.empty for s in a.content)]
        n_gold += len(golds)
        n_pred += len(quotes)
        pairs = greedy_match(
            [(q["start"], q["end"]) for q in quotes],
            [_bounds(g.content) for g in golds],
            lambda pi, gi: _pair_score(quotes[pi], golds[gi]),
        )
        matched += len(pairs)
        hit_p = {pi for pi, _, _ in pairs}
        hit_g = {gi for _, gi, _ in pairs}
        for pi, gi, ov in pairs:
            q, g = quotes[pi], golds[gi]
            if g.source:
                spk_scored += 1
                ok = speaker_matches(q, g)
                spk_ok += ok
            else:
                ok = not _has_speaker(q)
            e2e_ok += ok
            if not ok:
                errors.append(_error("wrong_speaker", rec, q, g, overlap=round(ov, 3)))
        errors.extend(_error("miss", rec, None, g) for gi, g in enumerate(golds) if gi not in hit_g)
        errors.extend(_error("false_alarm", rec, q, None) for pi, q in enumerate(quotes) if pi not in hit_p)
    p, r, f = prf(matched, n_pred, n_gold)
    ep, er, ef = prf(e2e_ok, n_pred, n_gold)
    contents = [c for cs in statements.values() for c in cs]
    fragments = _fragments(contents)
    return TaskResult(
        NAME,
        metrics={
            "content_precision": p,
            "content_recall": r,
            "content_f1": f,
            "speaker_accuracy": ratio(spk_ok, spk_scored),
            "e2e_precision": ep,
            "e2e_recall": er,
            "e2e_f1": ef,
            "quote_fragment_rate": ratio(fragments, len(contents)),
        },
        counts={
            "records": len(records),
            "texts": len({rec.text for rec in records}),
            "rejected": rejected,
            "gold": n_gold,
            "predicted": n_pred,
            "matched": matched,
            "speaker_scored": spk_scored,
            "speaker_correct": spk_ok,
            "e2e_correct": e2e_ok,
            "statements": len(contents),
            "fragments": fragments,
        },
        errors=errors,
    )


def _pair_score(quote: Mapping[str, Any], gold: GoldAttribution) -> float | None:
    ov = content_overlap(quote["start"], quote["end"], gold, quote_spans(quote))
    return ov if ov >= MIN_OVERLAP else None


def _error(
    kind: str,
    rec: AttributionRecord,
    quote: Mapping[str, Any] | None,
    gold: GoldAttribution | None,
    **extra: Any,
) -> dict[str, Any]:
    if gold is not None:
        start, end = _bounds(gold.content)
    else:
        assert quote is not None
        start, end = quote["start"], quote["end"]
    return {
        "kind": kind,
        "id": rec.id,
        "text": context(rec.text, start, end),
        "gold": None
        if gold is None
        else {
            "content": " … ".join(s.text for s in gold.content),
            "source": [s.text for s in gold.source],
            "cue": [s.text for s in gold.cue],
        },
        "predicted": None
        if quote is None
        else {
            "content": quote.get("content"),
            "speaker": quote.get("speaker"),
            "speaker_type": quote.get("speaker_type"),
            "cue": quote.get("cue"),
            "direct": quote.get("direct"),
        },
        **extra,
    }
