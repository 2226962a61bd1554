"""One event per happening: embedded, background and subordinate events are left out, and events of one
happening merged.
"""

from __future__ import annotations

from typing import Any

from sitrep.events.roles import STATEMENT_NOUNS
from sitrep.events.senses import COOPERATIVE
from sitrep.events.syntax import SUBJ, is_noun
from sitrep.geo import load_location_cues
from sitrep.lexicon import Rule
from sitrep.model import Event


BACKGROUND_PREPS = {"after", "following", "amid", "despite", "since"}
# A verbal event (a demand, threat, refusal, promise, accusation, sanction) governs
# the action it is about; that action is its content, not a second happening.
GOVERNING_TYPES = {"REQUEST", "THREATEN", "REJECT", "AGREE", "ACCUSE", "SANCTION", "CONCEDE", "SUPPORT", "CONSULT"}
EMBED_DEPS = {"xcomp", "ccomp", "dobj", "pobj", "pcomp", "acl", "relcl", "nsubjpass", "attr", "oprd", "compound", "prep", "acomp"}
EMBED_PREPS = {"for", "of", "over", "about", "into", "on", "against", "to", "with", "from", "in", "by", "at", "out"}
DENIAL_LEMMAS = frozenset({"deny", "refute"})
# the act an accusation charges is coded too, as alleged (so our real-news annotation codes it)
CHARGE_LEMMAS = frozenset({"accuse", "allege"})
ALLEGED_ACTS = frozenset({"ASSAULT", "COERCE", "COOPERATE", "AID", "MOBILIZE"})
SUBORDINATE_MARKS = {"if", "unless", "until", "till", "before", "because", "as", "while", "once", "lest",
                     "whether", "so", "whereas"}
CAUSE_PREPS = {"because", "for", "during", "due", "over"} | BACKGROUND_PREPS
SUBORDINATE_ADJUNCTS = True
NOUN_ARG_DEPS = {"dobj", "nsubjpass", "nsubj", "pobj", "prep", "compound", "attr", "oprd"}
PROTEST_PURPOSES = {"REQUEST", "ACCUSE", "REJECT"}
PURPOSE_DEPS = {"advcl", "xcomp", "acl", "pcomp", "prep", "pobj", "conj", "relcl", "dobj"}


def _is_background(tok: Any, triggers: set[int]) -> bool:
    """Background to the sentence's news rather than the news itself: a participle or
    past-perfect relative clause describing a noun ("equipment seized last year",
    "the officials whom they had taken hostage", "the valley town, where nine people were
    killed"), or the cause or time frame of the main event ("after 12 days of
    battles", "following the shooting of two soldiers")."""
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and not _names_its_doer(tok):
        return True
    if tok.dep_ == "relcl" and (any(c.dep_ == "aux" and c.lower_ == "had" for c in tok.children)
                                or any(c.dep_ == "advmod" and c.lower_ in ("where", "when") for c in tok.children)):
        return True
    cur = tok
    for _ in range(4):
        if cur.dep_ not in ("pobj", "compound", "prep") or cur.head is cur:
            return False
        if cur.dep_ == "prep" and cur.lower_ in BACKGROUND_PREPS:
            return cur.head.i in triggers
        if cur.dep_ == "prep" and cur.lower_ != "of":
            return False
        cur = cur.head
    return False


def _names_its_doer(tok: Any) -> bool:
    """A participle on a noun that names who did it ("fishermen abducted by the group",
    "a town shelled by government forces"): an act of its own, coded beside the main
    event, not a description of the noun."""
    return tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.lemma_.lower() not in JUDGING_VERBS \
        and any(c.dep_ == "agent" for c in tok.children)


# participles whose "by" names who judges, not who acted ("a chemist suspected by Britain of
# bombing a plane"): what they hang on stays a description
JUDGING_VERBS = frozenset({"suspect", "accuse", "believe", "think", "blame", "allege", "want", "charge",
                           "convict", "consider", "see", "regard", "view", "claim", "say", "report"})


def drop_embedded(found: list[tuple[Any, Rule, Event]]) -> list[tuple[Any, Rule, Event]]:
    """Leave out events whose trigger is the content of a verbal event's trigger in the
    same sentence ("demanded a truce", "threatened to impose sanctions", "rejected an
    offer of talks", "blamed Israel for the bombing")."""
    governing = {tok.i: ev.type for tok, _, ev in found if ev.type in GOVERNING_TYPES}
    # a denial's content is coded too, as a negated act ("denied that its troops shelled the
    # village": the shelling, negated, beside the denial), as analysts code denied reports
    denials = {tok.i for tok, _, ev in found if ev.type == "REJECT" and tok.lemma_.lower() in DENIAL_LEMMAS}
    charges = {tok.i for tok, _, ev in found if ev.type == "ACCUSE" and tok.lemma_.lower() in CHARGE_LEMMAS}
    triggers = {tok.i for tok, _, _ in found}
    triggers |= {tok.head.i for tok, _, _ in found if is_noun(tok) and tok.dep_ in ("dobj", "nsubjpass")}
    protests = {tok.i for tok, _, ev in found if ev.type == "PROTEST"}
    # "staged demonstrations to demand ...": the verb that governs a protest noun counts too
    protests |= {tok.head.i for tok, _, ev in found if ev.type == "PROTEST" and is_noun(tok)
                 and tok.dep_ in ("dobj", "nsubj", "pobj")}
    if len(found) < 2:
        return found
    keep = []
    for tok, rule, ev in found:
        cur = tok
        embedded = False
        for _ in range(5):
            if cur.head is cur or cur.dep_ not in EMBED_DEPS:
                break
            if cur.dep_ == "prep" and cur.lower_ not in EMBED_PREPS:
                break
            if cur.dep_ == "pcomp" and any(c.dep_ in SUBJ for c in cur.children):
                break  # "..., with some calling for ...": a clause with its own subject
            cur = cur.head
            if cur.i in governing:
                embedded = governing[cur.i] != ev.type and not (cur.i in denials and ev.modality == "negated")
                if embedded and cur.i in charges and ev.type in ALLEGED_ACTS:
                    embedded = False  # "accused the police of beating protesters": the act alleged, coded too
                    ev.modality = "alleged"
                break
        if not embedded and len(found) > 1 and _is_background(tok, triggers):
            embedded = True
        if not embedded and tok.dep_ == "acl" and any(c.tag_ == "TO" for c in tok.children) \
                and ev.type in COOPERATIVE:
            # "an offer to host a summit", "efforts to forge a settlement": a purpose, not a happening
            embedded = True
        if not embedded and ev.type in PROTEST_PURPOSES:
            # "staged demonstrations to demand reforms", "marched, calling for ...":
            # the demand is what the protest is about
            cur = tok
            for _ in range(4):
                if cur.head is cur or cur.dep_ not in PURPOSE_DEPS:
                    break
                cur = cur.head
                if cur.i in protests:
                    embedded = True
                    break
        if not embedded:
            keep.append((tok, rule, ev))
    return _drop_subordinate(keep)


def _subordinate_edge(tok: Any) -> Any | None:
    """The token above the first subordinating edge on the path from `tok` to the root
    of its sentence, or None when the path has none."""
    cur = tok
    for _ in range(12):
        if cur.head is cur:
            return None
        dep = cur.dep_
        if dep in ("relcl", "acl") and is_noun(cur.head) and cur.head.lemma_.lower() not in STATEMENT_NOUNS \
                and not _names_its_doer(cur):
            return cur.head  # (what "a statement in which X threatened ..." says is news of its own)
        if dep == "amod" and cur.tag_ == "VBN":
            return cur.head  # "the Syrian-backed militia", "its long-threatened invasion"
        if dep == "advcl":
            marks = {c.lower_ for c in cur.children if c.dep_ == "mark"}
            if marks & SUBORDINATE_MARKS or any(c.tag_ == "TO" for c in cur.children):
                return cur.head
            if SUBORDINATE_ADJUNCTS and cur.tag_ == "VBG" and not marks:
                return cur.head
        if dep in ("pobj", "pcomp") and cur.head.dep_ == "prep" and cur.head.lower_ in CAUSE_PREPS:
            return cur.head.head
        cur = cur.head
    return None


def _hangs_on(top: Any, main: Any) -> bool:
    """Whether the clause attached at `top` qualifies the event triggered by `main`:
    `main`, or the verb that `main` is a noun argument of ("put under investigation",
    "declared a ceasefire"), is `top` or governs it."""
    cur = main
    for _ in range(5):
        if cur.i == top.i or any(a.i == cur.i for a in top.ancestors):
            return True
        if cur.head is cur or cur.dep_ not in NOUN_ARG_DEPS:
            return False
        cur = cur.head
    return False


def _drop_subordinate(found: list[tuple[Any, Rule, Event]]) -> list[tuple[Any, Rule, Event]]:
    """One report, one main event: an event whose trigger sits in a clause that only
    qualifies the sentence's main event -- a condition or time limit ("if it is
    attacked", "until their demands are met"), a purpose ("opened fire to disperse
    the crowd"), a cause ("arrested for spying", "because of fighting"), or a clause
    describing one of its participants ("inspectors probing the sites") -- is left out
    when the main clause already carries an event."""
    if len(found) < 2:
        return found
    sub = {tok.i: _subordinate_edge(tok) for tok, _, _ in found}
    main = [tok for tok, _, _ in found if sub[tok.i] is None]
    if not main:
        return found
    keep = []
    for tok, rule, ev in found:
        top = sub[tok.i]
        if top is not None and rule.object_role not in ("experiencer", "undergoer") \
                and any(_hangs_on(top, m) for m in main):
            continue  # (another party's anger at the main event, ", angering Beijing" or ", drawing
            # condemnation", is its own)
        keep.append((tok, rule, ev))
    return keep


def _separate_verbs(a: Any, b: Any) -> bool:
    """Two coordinated verbs that are separate happenings ("captured and deported to X"):
    the place of one is not the other's, unless the second is an outcome ("shot and killed")."""
    first, second = (a, b) if a.i < b.i else (b, a)
    return (second.dep_ == "conj" and second.head.i == first.i and first.pos_ == "VERB" and second.pos_ == "VERB"
            and second.lemma_.lower() not in load_location_cues().outcome_verbs)


# words that make a noun another happening of its type ("ordered the drill and promised more exercises")
ANOTHER_WORDS = frozenset({"more", "further", "another", "other", "additional", "new", "next", "future", "fresh",
                           "previous", "earlier", "last", "past"})


def dedupe(found: list[tuple[Any, Rule, Event]]) -> list[tuple[Any, Rule, Event]]:
    """One event per happening: a noun trigger governed by a verb trigger of the
    same type merges into it (the verb keeps roles the noun adds)."""
    keep: list[tuple[Any, Rule, Event]] = []
    for tok, rule, ev in found:
        merged = False
        for k_tok, k_rule, k_ev in keep:
            if k_ev.type != ev.type:
                continue
            roleless = not (ev.actor or ev.recipient) or not (k_ev.actor or k_ev.recipient)
            # a noun naming again what a verb of its type did, by some of the same parties
            # ("Belarus and Russia to establish a joint division as military cooperation advances")
            codes = {a.code for a in ev.actor} - {None}
            parties = {a.code for a in (*k_ev.actor, *k_ev.recipient)}
            restated = (tok.pos_ in ("NOUN", "PROPN") and k_tok.pos_ == "VERB" and bool(codes)
                        and codes <= {a.code for a in k_ev.actor} and {a.code for a in ev.recipient} - {None} <= parties
                        and not any(c.lower_ in ANOTHER_WORDS for c in tok.children))
            related = roleless or restated or tok.head.i == k_tok.i or k_tok.head.i == tok.i or (
                tok.head.head.i == k_tok.i and tok.head.dep_ == "prep") or (
                k_tok.head.head.i == tok.i and k_tok.head.dep_ == "prep") or (
                # one crowd protesting twice in a sentence is one protest ("gathered for a
                # rally to protest ...")
                ev.type == "PROTEST" and ev.actor and {a.code for a in ev.actor} == {a.code for a in k_ev.actor})
            if related:
                other = tok
                if k_tok.head.i == tok.i and tok.pos_ == "VERB" and k_tok.pos_ in ("NOUN", "PROPN") \
                        and k_tok.dep_ in ("nsubjpass", "dobj"):
                    # the noun came first as what the verb acts on ("the talks were brokered by Norway"):
                    # the verb is the event, and takes the roles the noun adds ("the alleged strike
                    # killed two guards" stays the strike's)
                    idx = next(i for i, (t, _, _) in enumerate(keep) if t is k_tok)
                    keep[idx] = (tok, rule, ev)
                    k_tok, k_ev, other, ev = tok, ev, k_tok, k_ev
                if not k_ev.actor and ev.actor:
                    k_ev.actor = ev.actor
                if not k_ev.recipient and ev.recipient:
                    k_ev.recipient = [r for r in ev.recipient if r.code not in {a.code for a in k_ev.actor}]
                if k_ev.location is None and ev.location is not None and not _separate_verbs(k_tok, other):
                    k_ev.location = ev.location
                if k_ev.attribution is None and ev.attribution is not None:
                    k_ev.attribution = ev.attribution
                if not k_ev.weapons and ev.weapons:
                    k_ev.weapons = ev.weapons
                merged = True
                break
        if not merged:
            keep.append((tok, rule, ev))
    return keep
