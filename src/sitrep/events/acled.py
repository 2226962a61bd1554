"""ACLED event and sub-event types from the rules of `data/acled.yaml`, with cue words matched in the
event's text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from sitrep.lexicon import Rule
from sitrep.model import AcledType, Event


# "March" the month, not a protest march: capitalised after a lower-case word, a digit or a comma
# ("on March 21", "in early March", "4 March"), or before a day or a year ("March 21", "March 2015")
# (but "a March for Peace", "the March on Washington" are marches)
_MONTH_MARCH = re.compile(r"(?<!\ba )(?<!\bthe )(?:(?:(?<=[a-z0-9,] )|(?<=[a-z0-9,]\s\s))March\b|\bMarch(?=\s+\d))")


class CueText:
    """Lower-cased text of an event's sentence (and of its neighbours), with cue hits cached.
    The month "March" is read as a month, not a march."""

    __slots__ = ("text", "_hits")

    def __init__(self, text: str) -> None:
        self.text = _MONTH_MARCH.sub("month", text).lower().replace("\u2019", "'")
        self._hits: dict[str, bool] = {}

    def has(self, name: str, cues: Mapping[str, re.Pattern[str]]) -> bool:
        got = self._hits.get(name)
        if got is None:
            got = self._hits[name] = bool(cues[name].search(self.text))
        return got


class AcledTyping:
    """Gives an event its ACLED type (needs the lexicon's ACLED rules and cues)."""

    def _acled(self, event: Event, rule: Rule, sent_text: CueText,
               window_text: CueText | None = None) -> AcledType | None:
        """The ACLED type: tier by tier, rules with cues first on the sentence alone, then
        all the tier's rules with the sentence and its neighbours (see data/acled.yaml)."""
        # the lead actor's sector: "the army and allied fighters captured ..." is the army's capture
        sectors = {event.actor[0].sector} if event.actor else set()
        classes = {w.weapon_class for w in event.weapons}
        cues = self.lexicon.cues
        actor_text = CueText(" ".join(a.text for a in event.actor)) if event.actor else None
        passes = [(tier, text, cue_only) for tier in sorted({r.tier for r in self.lexicon.acled})
                  for text, cue_only in ((sent_text, True), (window_text or sent_text, False))]
        for tier, text, cue_rules_only in passes:
            for r in self.lexicon.acled:
                if r.tier != tier or (cue_rules_only and not r.specific):
                    continue
                if event.type not in r.types:
                    continue
                if r.modes is not None and event.mode not in r.modes:
                    continue
                if r.rules is not None and rule.id not in r.rules:
                    continue
                if r.actor_sector is not None and not (sectors & r.actor_sector):
                    continue
                if r.weapon_class is not None and not (classes & r.weapon_class):
                    continue
                if any(not text.has(c, cues) for c in r.cues):
                    continue
                if any(text.has(c, cues) for c in r.not_cues):
                    continue
                if r.actor_cues and (actor_text is None or not any(actor_text.has(c, cues) for c in r.actor_cues)):
                    continue
                return AcledType(r.acled[0], r.acled[1])
        return None
