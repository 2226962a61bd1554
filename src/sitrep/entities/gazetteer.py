"""Gazetteer matching: the forms of countries, demonyms, seats of power, organisations, regions and
weapon systems found in a parse, longest match first, with the senses of generic weapon nouns
checked (idioms, civilian things, topic heads).
"""

from __future__ import annotations

from typing import Any

from sitrep.entities.records import Form, Mention
from sitrep.entities.tokens import MONEY_SCALES, sentence_bounds, shouted, word_before
from sitrep.model import Entity


# Words near an ambiguous weapon name that show it is meant as a weapon.
WEAPON_CONTEXT = {
    "missile", "missiles", "system", "systems", "launcher", "launchers", "rocket", "rockets",
    "battery", "batteries", "tank", "tanks", "jet", "jets", "aircraft", "fighter", "fighters",
    "drone", "drones", "complex", "complexes", "howitzer", "howitzers", "interceptor",
    "interceptors", "air-defence", "air-defense", "defence", "defense", "munition", "munitions",
    "warship", "vessel", "submarine", "bomber", "bombers", "helicopter", "helicopters", "weapon",
    "weapons", "strike", "strikes", "fired", "launched", "deployed", "delivered", "supplied",
}


def is_case_sensitive(form: str) -> bool:
    """Short or all-capital forms (US, UK, EU, IS) must match exactly."""
    letters = [c for c in form if c.isalpha()]
    return len(form) <= 3 or (bool(letters) and all(c.isupper() for c in letters))


def apostrophe_variants(text: str) -> list[str]:
    """A form with a straight apostrophe also with a typographic one, and back."""
    out = [text]
    if "'" in text:
        out.append(text.replace("'", "\u2019"))
    if "\u2019" in text:
        out.append(text.replace("\u2019", "'"))
    return out


def _weapon_context(doc: Any, start: int, end: int) -> bool:
    lo, hi = max(0, start - 4), min(len(doc), end + 4)
    return any(doc[i].lower_ in WEAPON_CONTEXT for i in range(lo, hi) if not start <= i < end)


def _system_phrases(doc: Any, ms: list[Mention]) -> list[Mention]:
    """A named system followed by another name of the same system ("KC-135R
    Stratotanker") or by a generic noun of its own type ("Leopard 2A6 tanks", "Kinzhal
    missiles") is one mention of the system."""
    by_start = {m.start: m for m in ms}
    drop: set[int] = set()
    for m in sorted(ms, key=lambda x: x.start):
        if m.kind != "weapon" or id(m) in drop:
            continue
        nxt = by_start.get(m.end)
        while nxt is not None and id(nxt) not in drop and (
                (nxt.kind == "weapon" and nxt.ent.code == m.ent.code) or
                (nxt.kind == "generic_weapon" and nxt.ent.type == m.ent.type)):
            span = doc[m.start:nxt.end]
            m.end = nxt.end
            m.ent.text, m.ent.end = span.text, span.end_char
            drop.add(id(nxt))
            nxt = by_start.get(m.end)
    return [m for m in ms if id(m) not in drop]


def _longest_non_overlapping(found: list[Mention]) -> list[Mention]:
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    chosen: list[Mention] = []
    used: set[int] = set()
    for m in found:
        if any(i in used for i in range(m.start, m.end)):
            continue
        chosen.append(m)
        used.update(range(m.start, m.end))
    return chosen


class GazetteerMatching:
    """Gazetteer matches of a parse and the weapon-sense checks on them."""

    def _gazetteer(self, doc: Any) -> list[Mention]:
        found: list[Mention] = []
        strings = doc.vocab.strings
        not_weapon = {i for _, s, e in self.not_weapons(doc) for i in range(s, e)}
        senses: dict[int, set[str]] = {}  # sentence start -> the sense cue kinds in it
        for matcher in (self.exact, self.folded):
            for match_id, start, end in matcher(doc):
                form = self.forms[strings[match_id]]
                span = doc[start:end]
                if form.requires_context and not _weapon_context(doc, start, end):
                    continue
                if form.kind == "demonym" and span.text.islower():
                    continue  # "russian" in lower case is rarely the nationality
                if form.kind == "demonym" and (
                        (start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in ("al", "el")) or
                        (end < len(doc) and doc[end].lower_ in self.currency_nouns)):
                    continue  # a name's "al-Masri"; money: "forty Jordanian dinars"
                if form.not_after and word_before(doc, start) in form.not_after:
                    continue  # a think tank is not a tank, a suicide bomber not a plane, counter-IED
                if form.kind == "weapon" and end < len(doc) and doc[end].lower_ in MONEY_SCALES:
                    continue  # a sum of money: "P15 million"
                if form.kind == "generic_weapon":
                    if any(i in not_weapon for i in range(start, end)):
                        continue  # "a smoking gun", "passenger jets", "bricks and mortar"
                    if end - start == 1 and span[0].pos_ == "VERB":
                        continue  # "threatened to torpedo the deal", "prices rocket", "troops shell the town"
                    if self._other_sense(doc, start, end, form, senses):
                        continue  # "a tank at the gas plant", "the bomber blew herself up"
                    if self._topic_of(doc, end):
                        continue  # the topic of something else: "weapons inspectors", "gun and explosives laws"
                if shouted(doc, start, end):
                    continue  # "IS" in "THIS IS WAR"
                found.append(Mention(start, end, Entity(
                    text=span.text, start=span.start_char, end=span.end_char, type=form.type,
                    code=form.code, sector=form.sector, source="gazetteer",
                    weapon_class=form.weapon_class, origin=form.origin,
                ), form.kind))
        return _system_phrases(doc, _longest_non_overlapping(found))

    def _other_sense(self, doc: Any, start: int, end: int, form: Form, senses: dict[int, set[str]]) -> bool:
        """A generic noun that its sentence shows to be something else: a platform noun
        with civilian cues and no military one, a one-word bomber noun with cues of a
        person and none of aviation (weapons.yaml sense_cues)."""
        person = form.weapon_class == "bomber" and end - start == 1
        if form.type != "MILITARY_PLATFORM" or not self.weapons.sense_cues:
            return False
        kinds = self._sense_kinds(doc, start, senses)
        if person and "person" in kinds and "aviation" not in kinds:
            return True
        return "civilian" in kinds and "military" not in kinds

    def _sense_kinds(self, doc: Any, i: int, senses: dict[int, set[str]] | None = None) -> set[str]:
        """The kinds of sense cue (weapons.yaml sense_cues) in the sentence of token `i`;
        `senses` caches them by sentence start."""
        lo, hi = sentence_bounds(doc, i)
        if senses is not None and lo in senses:
            return senses[lo]
        words = {t.lower_ for t in doc[lo:hi]}
        kinds = {kind for kind, ws in self.weapons.sense_cues.items() if words & ws}
        if senses is not None:
            senses[lo] = kinds
        return kinds

    def _civilian_sentence(self, doc: Any, i: int) -> bool:
        """The sentence of token `i` has a civilian sense cue and no military one."""
        kinds = self._sense_kinds(doc, i)
        return "civilian" in kinds and "military" not in kinds

    def _topic_of(self, doc: Any, end: int) -> bool:
        """A topic noun (weapons.yaml topic_heads) right after a generic weapon noun ending
        at `end`, or after "and"/"or" and another generic weapon term that shares it
        ("firearms and explosives restrictions")."""
        def head(i: int) -> bool:
            return i < len(doc) and doc[i].lower_ in self.weapons.topic_heads and doc[i].pos_ == "NOUN"

        if head(end):
            return True
        if end >= len(doc) or doc[end].lower_ not in ("and", "or"):
            return False
        for k in range(end + 2, min(len(doc), end + 5)):
            words = [t.lower_ for t in doc[end + 1:k]]
            if head(k) and any(" ".join(words[j:]) in self.generic_terms for j in range(len(words))):
                return True
        return False
