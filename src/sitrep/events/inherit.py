"""The doer an article has already named, for an event whose sentence leaves it out.

Reporting names the actor once and then writes around it: "North Korea fired a
missile on Friday. ... The missile flew 3,700 km before landing in the sea.
... It was launched from Sunan." An analyst codes every one of those as North
Korea's. A sentence with a material event but no doer (a passive without
"by", a bare "the launch") takes the actor of the nearest earlier event of the
same type in the article that had one, and the rule id says so
(`+actor-from-context`), so an analyst can see where the actor came from.

Only material types whose doer is routinely elided are filled; verbal events
(ACCUSE, REQUEST, ...) name their speaker or have none worth guessing.
"""

from __future__ import annotations

from sitrep.model import Actor, Event

# types whose actor a report states once and then leaves out
ELIDED_ACTOR_TYPES = frozenset({"MOBILIZE", "ASSAULT", "COERCE", "RETREAT", "SANCTION", "AID", "COOPERATE", "CONSULT"})
# how many events back the nearest coded doer may be
MAX_LOOKBACK_EVENTS = 12


def has_code(actors: list[Actor]) -> bool:
    return any(a.code for a in actors)


def inherit_actors(events: list[Event]) -> int:
    """Fill the actor of doer-less material events from the nearest earlier event
    of the same type that has one; return how many were filled. `events` in text order."""
    filled = 0
    for i, ev in enumerate(events):
        if ev.type not in ELIDED_ACTOR_TYPES or has_code(ev.actor):
            continue
        if ev.evidence.rule.startswith("model:"):
            continue  # a proposed event's roles are already a guess
        source = _nearest(events, i)
        if source is None:
            continue
        recipients = {a.code for a in ev.recipient if a.code}
        actors = [Actor(a.text, a.code, a.sector) for a in source.actor if a.code and a.code not in recipients]
        if not actors:
            continue
        ev.actor = actors
        ev.evidence.rule += "+actor-from-context"
        filled += 1
    return filled


def _nearest(events: list[Event], i: int) -> Event | None:
    ev = events[i]
    for j in range(i - 1, max(-1, i - 1 - MAX_LOOKBACK_EVENTS), -1):
        prior = events[j]
        if prior.type == ev.type and has_code(prior.actor):
            return prior
    return None
