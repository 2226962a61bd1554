"""Modality of an event from its trigger's auxiliaries, negation, hedges and governing verbs."""

from __future__ import annotations

from typing import Any

from sitrep.events.syntax import governors
from sitrep.model import Quote


FUTURE_AUX = {"will", "shall", "'ll", "wo"}
HYPOTHETICAL_AUX = {"could", "might", "may", "would", "should", "can", "must"}
PLAN_VERBS = {
    "plan", "intend", "aim", "set", "prepare", "expect", "seek", "want", "hope", "decide",
    "agree", "pledge", "promise", "vow", "schedule", "propose", "consider", "mull", "move",
    "threaten", "vote", "go", "poise", "slate", "ready", "gear",
}
CAPABILITY_HEADS = {"ability", "capability", "capacity", "power", "potential", "means", "able", "capable",
                    "designed", "intended", "meant", "allow", "enable", "can"}
PLAN_NOUNS = {"plan", "plans", "intention", "proposal", "decision", "bid", "move", "step", "steps", "preparation"}
ANNOUNCE_VERBS = {"announce", "confirm", "declare", "unveil", "reveal", "disclose", "proclaim"}
NEGATING_VERBS = {"deny", "refute", "dismiss", "rule", "fail"}
# the writer keeps a distance: a hedging adverb on the trigger's clause, a hedging adjective on
# a noun trigger ("the alleged strike"), or a claim verb above it ("claimed that troops shelled")
HEDGE_ADVERBS = {"allegedly", "reportedly", "purportedly", "supposedly", "ostensibly", "apparently"}
HEDGE_ADJECTIVES = {"alleged", "suspected", "purported", "supposed", "reported", "claimed", "unconfirmed", "unverified"}
ALLEGE_VERBS = {"allege", "claim", "purport"}
HYPO_MARKS = {"if", "unless", "whether", "lest"}


def modality_of(tok: Any, quote: Quote | None) -> str:
    chain = governors(tok)
    # the part of the chain inside the trigger's own clause, plus the verb that governs it
    local: list[Any] = []
    for t in chain:
        local.append(t)
        if t is not tok and t.pos_ in ("VERB", "AUX") and t.dep_ in ("ccomp", "ROOT", "advcl", "relcl", "conj", "parataxis"):
            break
    aux = {c.lower_ for t in local for c in t.children if c.dep_ in ("aux", "auxpass")}
    if any(c.dep_ == "neg" for t in local for c in t.children) or any(
        t.lemma_.lower() in NEGATING_VERBS for t in chain[1:]
    ):
        return "negated"
    if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        return "negated"
    if tok.dep_ == "conj" and any(c.lower_ in ("neither", "nor") for c in tok.head.children) \
            or any(c.lower_ == "neither" and c.dep_ == "preconj" for c in tok.children):
        return "negated"  # "has neither confirmed nor denied the report"
    if any(t.lower_ in PLAN_NOUNS and any(c.dep_ == "det" and c.lower_ == "no" for c in t.children) for t in chain[1:3]):
        return "negated"  # "we have no plans to send troops", "no intention of striking"
    if aux & HYPOTHETICAL_AUX or any(c.dep_ == "mark" and c.lower_ in HYPO_MARKS for t in local for c in t.children):
        return "hypothetical"
    if aux & FUTURE_AUX:
        return "planned"
    if any(t.lemma_.lower() in CAPABILITY_HEADS for t in local[1:3]) and tok.dep_ in ("acl", "xcomp", "pcomp"):
        return "hypothetical"  # "its ability to strike", "designed to intercept"
    if any(t.lemma_.lower() in PLAN_VERBS for t in local[1:]):
        return "planned"
    if any(t.lower_ in PLAN_NOUNS for t in chain[1:3]) or any(
        c.lower_ in ("planned", "proposed", "future", "upcoming", "prospective") for c in tok.children):
        return "planned"
    if tok.tag_ == "VB" and any(c.tag_ == "TO" for c in tok.children) and tok.dep_ in ("ROOT", "relcl", "acl"):
        return "planned"  # headline infinitive: "Belarus and Russia to establish ..."
    if any(c.lower_ in HEDGE_ADVERBS for t in local for c in t.children if c.dep_ == "advmod") \
            or any(c.lower_ in HEDGE_ADJECTIVES for c in tok.children if c.dep_ == "amod") \
            or any(t.lemma_.lower() in ALLEGE_VERBS for t in chain[1:]):
        return "alleged"
    if any(t.lemma_.lower() in ANNOUNCE_VERBS for t in chain[1:]):
        return "announced"
    if quote is not None and tok.tag_ in ("VBD", "VBN"):
        return "reported_past"
    return "asserted"
