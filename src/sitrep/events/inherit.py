"""The doer an article has already named, for an event whose sentence leaves it out.

Reporting names the actor once and then writes around it: "North Korea fired a
missile on Friday. ... The missile flew 3,700 km before landing in the sea.
... It was launched from near the capital." An analyst codes every one of those as North
Korea's. A sentence with a material event but no doer (a passive without
"by", a bare "the launch") takes the actor of the nearest earlier event of the
same type in the article that had one, and the rule id says so
(`+actor-from-context`), so an analyst can see where the actor came from.

A bare noun with nobody in its sentence ("the launch triggered an alert") is
built with the mark `+bare-noun` and kept only when the article gives it a doer
this way: "the launch" of a report about one is that launch.

A verbal reaction to an act named only as such ("Tokyo condemned the launch",
marked `+reaction` by `sitrep.events.recipients`) takes as recipient the doer of
the nearest earlier act by someone else (`+recipient-from-context`).

Only material types whose doer is routinely elided are filled; verbal events
(ACCUSE, REQUEST, ...) name their speaker or have none worth guessing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sitrep.events.evidence import quote_covering
from sitrep.events.recipients import REACTION
from sitrep.events.syntax import phrase
from sitrep.model import Actor, Event

# the acts a reaction ("condemned the launch") answers
ACT_TYPES = frozenset({"MOBILIZE", "ASSAULT", "COERCE", "SANCTION", "THREATEN"})

# types whose actor a report states once and then leaves out
ELIDED_ACTOR_TYPES = frozenset({"MOBILIZE", "ASSAULT", "COERCE", "RETREAT", "SANCTION", "AID", "COOPERATE", "CONSULT"})
BARE_NOUN = "+bare-noun"
# acts stated as not having happened, or as only possible, lend no doer: "did not shoot down the
# missile", "air defences could hardly intercept such a missile"
UNREAL = frozenset({"negated", "hypothetical"})
# how many events back the nearest coded doer may be
MAX_LOOKBACK_EVENTS = 12


def has_code(actors: list[Actor]) -> bool:
    return any(a.code for a in actors)


def inherit_actors(events: list[Event], reactions: Mapping[int, frozenset[str]] | None = None) -> list[Event]:
    """Fill the actor of doer-less material events from the nearest earlier event
    of the same type that has one; drop the bare-noun events that find none.
    `events` in text order; returns the events kept, in order. `reactions` gives, for a
    reaction event (by id), the types of act it answers ("the launch": MOBILIZE or ASSAULT)."""
    reactions = reactions or {}
    kept: list[Event] = []
    for ev in events:
        if ev.type in ELIDED_ACTOR_TYPES and not has_code(ev.actor) and not ev.evidence.rule.startswith("model:"):
            source = _nearest(kept, len(kept), ev.type, ev.mode, {w.origin for w in ev.weapons if w.origin})
            if source is not None and BARE_NOUN in ev.evidence.rule and source.evidence.start == ev.evidence.start:
                continue  # "fired a missile, and the launch ...": the same event named twice
            recipients = {a.code for a in ev.recipient if a.code}
            actors = [] if source is None else \
                [Actor(a.text, a.code, a.sector) for a in source.actor if a.code and a.code not in recipients]
            if actors:
                ev.actor = actors
                ev.evidence.rule += "+actor-from-context"
        if REACTION in ev.evidence.rule and not has_code(ev.recipient):
            act = _nearest_act(kept, {a.code for a in ev.actor if a.code}, reactions.get(id(ev), frozenset()))
            if act is not None:
                ev.recipient = [Actor(a.text, a.code, a.sector) for a in act.actor if a.code]
                ev.evidence.rule += "+recipient-from-context"
            else:  # the mark only says where the recipient came from
                ev.evidence.rule = ev.evidence.rule.replace(REACTION, "")
        if BARE_NOUN in ev.evidence.rule and not has_code(ev.actor):
            continue  # "the launch", in an article that never said whose
        kept.append(ev)
    return kept


def _nearest(events: list[Event], i: int, type_: str, mode: str | None = None,
             makers: set[str] | None = None) -> Event | None:
    """The nearest earlier event of `type_` with a coded doer, of the same `mode` when there is
    one (a missile's flight goes back to the launch, not to troops sent since); an event
    stated as not having happened or as only possible (`UNREAL`) names no doer. With `makers`
    (the states that designed the named weapons), the nearest such event by one of them comes
    first: "the regime had earlier fired a Shahab-3" goes back to Iran's launch, not to an
    Israeli test reported in between."""
    other_mode: Event | None = None
    nearest: Event | None = None
    for j in range(i - 1, max(-1, i - 1 - MAX_LOOKBACK_EVENTS), -1):
        prior = events[j]
        if prior.type == type_ and has_code(prior.actor) and prior.modality not in UNREAL:
            if makers and {a.code for a in prior.actor} & makers:
                return prior
            if mode is None or prior.mode == mode:
                nearest = nearest or prior
                if not makers:
                    return prior
            other_mode = other_mode or prior
    return nearest or other_mode


def _nearest_act(events: list[Event], own: set[str], types: frozenset[str] = frozenset()) -> Event | None:
    """The earlier material act by someone other than the reacting actor, of one of `types` when
    given ("branded the launch a threat": the launch, not a bombing reported since): the nearest
    by the doer with the most such acts among the last `MAX_LOOKBACK_EVENTS`."""
    candidates: list[Event] = []
    for prior in reversed(events[-MAX_LOOKBACK_EVENTS:]):
        codes = {a.code for a in prior.actor if a.code}
        kind = prior.type in ACT_TYPES if not types else (prior.type in types or f"{prior.type}/{prior.mode}" in types)
        if kind and codes and not codes & own:
            candidates.append(prior)
    if not candidates:
        return None
    # the act the story is about: its doer's acts of the kind outnumber those reported beside it
    # ("Riyadh condemned the launch" after two Iranian launches and an Israeli test)
    count: dict[str, int] = {}
    for prior in candidates:
        for code in {a.code for a in prior.actor if a.code}:
            count[code] = count.get(code, 0) + 1
    return max(candidates, key=lambda e: max(count[a.code] for a in e.actor if a.code))


def actor_from_speaker(events: list[Event], ctx: Any) -> None:
    """A move of weapons said by the state that makes them, with no doer in its words ("The
    Kremlin said the first Oreshnik systems would be placed in Belarus", "serial production of
    the system has begun, Moscow said"): the speaker's state is the doer when it is the weapon's
    maker. Only MOBILIZE, only when speaker and origin agree (a state says what it does with its
    own arms; another's arms in its words are more often those it faces). Marked
    `+actor-from-speaker`."""
    for ev in events:
        if ev.type != "MOBILIZE" or has_code(ev.actor) or not ev.weapons:
            continue
        origins = {w.origin for w in ev.weapons if w.origin}
        quote = quote_covering(ctx.article.quotes, ev.evidence.trigger_start) if origins else None
        if quote is None:
            continue
        makers = [a for a in ctx.speaker_actors(quote) if a.code in origins]
        if makers:
            ev.actor = [Actor(a.text, a.code, a.sector) for a in makers[:1]]
            ev.evidence.rule += "+actor-from-speaker"


# verbal types a speaker's subjectless words state in the speaker's own name
SPEAKER_TYPES = frozenset({"SUPPORT", "REJECT", "ACCUSE", "THREATEN", "REQUEST"})


def speaker_as_doer(event: Event, tok: Any, ctx: Any) -> None:
    """A stance stated with no subject in a quote ("Deeply disappointed that Serbia keeps buying
    Russian gas", "Gravely concerned by the launch"): the quote's speaker holds it. Only the head of
    the quoted clause, only verbal types, only when the rules found no doer. Marked `+speaker`."""
    if event.type not in SPEAKER_TYPES or has_code(event.actor) or tok.dep_ not in ("ROOT", "ccomp", "parataxis") \
            or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children):
        return
    quote = quote_covering(ctx.article.quotes, tok.idx)
    speaker = ctx.speaker_actors(quote) if quote is not None else []
    if speaker:
        event.actor = speaker
        event.evidence.rule += "+speaker"


LAUNCH_VERBS = frozenset({"launch", "fire", "test-fire", "shoot"})
WATERS = frozenset({"sea", "ocean", "gulf", "bay", "strait", "waters", "channel"})


def launched_from(event: Event, tok: Any, ctx: Any) -> None:
    """A weapon launched from a state's soil, its doer unnamed ("a cruise missile launched from
    Iran flew across Iraq", "a rocket launched from near Tabriz"): that state, read from
    the place after "from" on the trigger or on a launching participle of its subject. Only
    launches and flights (MOBILIZE, weapons). Marked `+launch-site`."""
    if event.type != "MOBILIZE" or event.mode != "weapons" or has_code(event.actor):
        return
    heads = [tok] + [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    verbs = [h for h in heads if h is tok] + [a for h in heads[1:] for a in h.children
                                             if a.dep_ == "acl" and a.lemma_.lower() in LAUNCH_VERBS]
    own = {a.code for a in event.recipient if a.code}
    for verb in verbs:
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"):
            objs = [o for o in prep.children if o.dep_ == "pobj"]
            # "from near Tabriz", "from outside the capital"
            objs += [o for p2 in prep.children if p2.dep_ in ("prep", "pcomp") for o in p2.children if o.dep_ == "pobj"]
            for obj in objs:
                # the place itself, not a phrase on it ("a submarine in the Sea of Japan")
                words = [t for t in phrase(obj) if not any(h.dep_ == "prep" and h.head is obj for h in (t, *t.ancestors))]
                if any(t.lower_ in WATERS for t in words):
                    continue  # "from the Sea of Japan": no state's soil
                if not words:
                    continue
                lo, hi = min(t.idx for t in words), max(t.idx + len(t.text) for t in words)
                # the launch site read as what was aimed at ("fired from near Tabriz" made Tabriz
                # the recipient): it is where the launch came from
                site = [r for r in event.recipient if r.start is not None and lo <= r.start < hi]
                found = [a for a in ctx.actors_in(words, places=True)
                         if a.code and (a.code not in own or a.code in {r.code for r in site})]
                if found:
                    event.actor = found[:1]
                    event.recipient = [r for r in event.recipient if r not in site]
                    event.evidence.rule += "+launch-site"
                    return
