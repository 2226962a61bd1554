"""Stance stated in quotes: a speaker who condemns, threatens, denies, demands, backs,
offers talks or refuses outright in their own words.

Real reporting carries much of its verbal conflict inside quotes ('"These
continued provocations only deepen the isolation," the secretary said', '"All
options are on the table," the president said'). No trigger verb governs
them, so the lexicon rules miss them. Here a quote or reported claim whose
content uses a stance word of `data/stance.yaml` becomes the speaker's event
(ACCUSE disapprove, THREATEN, REJECT, REQUEST, SUPPORT, AGREE: the group's type), when:

- the speaker is a political actor with a code (a state's official through
  the people and leaders tables, a government, a coded organisation), and
- the sentence holds no event with a coded doer yet (a rule that fired there
  read the sentence's own verb; the stance word stays its evidence's context;
  a doer-less mention such as "which demands a response" leaves room), or its
  only events are what the speaker judges: the subject of the clause the
  stance word predicates ('the minister said the test was "reckless"', "the
  shelling of the convoy was a war crime"). Such a mention names
  the act being condemned, not a new one: the stance event replaces it, and
  the judged event's doer is its recipient. A rule event whose trigger lies
  inside the stance phrase is replaced the same way when its type differs
  ('"we are open to talks with Ankara"': talks offered, not held) and kept
  alone when it is of the stance's own type ("will not accept the proposal").

The actor is the speaker, the recipient the doer of the judged act, else the
other party named nearest the stance word in the content; the evidence rule is
`stance:<group>`, the trigger the stance word. A quote that does two things
('"this reckless provocation will meet a decisive response"') gives one event
per kind of stance (ACCUSE and THREATEN), never two of one kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sitrep import data
from sitrep.events.actors import PRIVATE_SECTORS, ArticleContext
from sitrep.events.dates import event_date
from sitrep.model import Actor, Attribution, Event, Evidence, Quote


@dataclass(frozen=True, slots=True)
class StanceGroup:
    name: str
    type: str
    mode: str | None
    cameo: str
    pattern: re.Pattern[str]


@lru_cache(maxsize=4)
def load_stance(data_dir: str | None = None) -> tuple[StanceGroup, ...]:
    raw = data.load("stance", data_dir)["groups"]
    out = []
    for name, g in raw.items():
        words = sorted(g["words"], key=len, reverse=True)
        # words that undo a phrase when they follow it ("has to do with": no demand)
        after = g.get("not_followed_by") or []
        tail = r"(?!\s+(?:" + "|".join(re.escape(w) for w in after) + r")(?![\w-]))" if after else ""
        pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in words) + r")(?![\w-])" + tail,
                             re.IGNORECASE)
        out.append(StanceGroup(name, g["type"], g.get("mode"), g["cameo"], pattern))
    return tuple(out)


def speaker_actors(ctx: ArticleContext, quote: Quote) -> list[Actor]:
    """The speaker as coded actors (empty when the speaker is no political actor we can code,
    such as a company of a known country)."""
    return [a for a in ctx.speaker_actors(quote) if a.sector not in PRIVATE_SECTORS]


def _judged(doc: Any, events: list[Event], word: Any, quote: Quote) -> bool:
    """Whether every event of `events` is the subject of a clause that `word` (a stance word's first
    token) predicates, inside the quote's content: 'the launch was unacceptable'."""
    subjects: set[int] = set()
    for head in [word, *word.ancestors]:
        for c in head.children:
            if c.dep_ in ("nsubj", "nsubjpass", "csubj"):
                subjects.update(t.idx for t in c.subtree)
    inside = lambda off: any(s <= off < e for s, e in quote.spans)  # noqa: E731
    return bool(events) and all(ev.evidence.trigger_start in subjects and inside(ev.evidence.trigger_start)
                                and not ev.evidence.rule.startswith("stance:") for ev in events)


def _denied(word: Any) -> bool:
    """Whether a stance noun is denied where it stands: "no breach", "not a provocation"."""
    if any(c.dep_ in ("det", "neg") and c.lower_ == "no" for c in word.children):
        return True
    return word.dep_ == "attr" and any(c.dep_ == "neg" for c in word.head.children)


def stance_events(ctx: ArticleContext, events: list[Event], groups: tuple[StanceGroup, ...],
                  quads: dict[str, int], intensity: dict[str, dict[str, Any]], ref_date: Any) -> list[Event]:
    """The article's events with the speakers' stance events added, in sentences where no rule coded
    an event or where the rules coded only the act the speaker judges (which the stance replaces)."""
    doc = ctx.doc
    by_sent: dict[int, list[Event]] = {}
    for e in events:
        by_sent.setdefault(e.evidence.start, []).append(e)
    dropped: set[int] = set()  # ids of judged events replaced by a stance
    out: list[Event] = []
    for quote in ctx.article.quotes:
        for group in groups:
            m = next((m for s, e in quote.spans for m in group.pattern.finditer(ctx.text, s, e)), None)
            if m is None:
                continue
            sent = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if sent is None:
                continue
            word, sent = sent[0], sent.sent
            if _denied(word):
                continue  # "there was no breach", "it was not a provocation": the stance is denied
            # the rules' events, and a stance event of this type (one of each kind per sentence)
            there = [e for e in by_sent.get(sent.start_char, [])
                     if not e.evidence.rule.startswith("stance:") or e.type == group.type]
            judged = there if there and _judged(doc, there, word, quote) else []
            # a rule event whose trigger is inside the stance phrase is the phrase's own content
            # ("we are open to talks with Washington": the talks offered, not held)
            inside = [e for e in there if m.start() <= e.evidence.trigger_start < m.end()
                      and not e.evidence.rule.startswith("stance:")]
            if inside and len(inside) == len(there):
                if all(e.type == group.type for e in inside):
                    continue  # "will not accept the proposal": the rules already read it as this
                judged = inside
            if there and not judged and any(a.code for e in there for a in e.actor):
                continue  # the rules coded this sentence's own news; a doer-less mention leaves room
            actors = speaker_actors(ctx, quote)
            if not actors:
                continue
            codes = {a.code for a in actors}
            content = [t for s, e in quote.spans if (sp := doc.char_span(s, e, alignment_mode="expand")) is not None
                       for t in sp]
            named = [a for a in ctx.actors_in(content, places=True) if a.code and a.code not in codes]
            # the party the stance word is about is the one named nearest it ("our friends in France
            # know these provocations by Azerbaijan are dangerous": Azerbaijan)
            named.sort(key=lambda a: abs((a.start if a.start is not None else m.start()) - m.start()))
            recipients = [a for ev in judged for a in ev.actor if a.code and a.code not in codes][:1] or named[:1]
            dropped.update(id(ev) for ev in judged)
            ev_date, precision = event_date([], sent, ctx, ref_date)
            out.append(Event(
                type=group.type, mode=group.mode, context=[], cameo=group.cameo,
                quad_class=quads.get(group.type), intensity=intensity.get(group.cameo, {}).get("intensity"),
                actor=actors, recipient=recipients, weapons=[], location=None,
                date=ev_date, date_precision=precision, modality="asserted",
                attribution=Attribution(quote.speaker, quote.speaker_type, quote.direct, quote.cue,
                                        quote.speaker_title),
                acled=None,
                evidence=Evidence(sentence=sent.text, start=sent.start_char, end=sent.end_char,
                                  trigger=m.group(0), trigger_start=m.start(), trigger_end=m.end(),
                                  rule=f"stance:{group.name}"),
            ))
            by_sent[sent.start_char] = [*[e for e in by_sent.get(sent.start_char, []) if e.evidence.rule.startswith("stance:")], out[-1]]
    return [e for e in events if id(e) not in dropped] + out
