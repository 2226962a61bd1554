"""Place mentions: cities by name and population, and a country acting as a state told from a country
as a place.
"""

from __future__ import annotations

from typing import Any

from sitrep.entities.records import Mention, PLACE_KINDS
from sitrep.entities.tokens import NAME_STOP, possessive
from sitrep.model import Entity


def is_city(text: str, population: int = 10_000) -> bool:
    from sitrep.geo import city_index

    candidates = city_index().get(text.lower())
    return bool(candidates) and candidates[0].population >= population


class PlaceMentions:
    """City mentions and the roles of country mentions."""

    def _city_named(self, doc: Any, s: int, e: int, etype: str, name_parts: set[str]) -> bool:
        """An NER name that is a known city and reads as a place (or any name after "the
        town of", "the village of", ...: `settlement_nouns`): after a locative word
        (10,000+ people), or, for a PERSON or NORP, anywhere but as a subject for a big
        city (100,000+) that is not part of a person's full name in the article ("the
        siege of Mariupol", "to encircle Bakhmut")."""
        text = doc[s:e].text
        if e - s > 3 or not text[:1].isupper():
            return False
        if e < len(doc) and possessive(doc[e]):
            return False  # "Obama's speech"
        prev = doc[s - 1].lower_ if s > 0 else ""
        if etype != "NATIONALITY" and self._after_settlement_noun(doc, s, e):
            return True  # "the village of Umm Salah", "the towns of X and Y": places, known or not
        if etype == "NATIONALITY" or prev in self.city_preps or \
                (prev == "of" and s > 1 and doc[s - 2].lower_ in self.city_place_nouns):
            return is_city(text)
        if etype == "ORG" or e - s > 1 or text in name_parts or doc[s].dep_ in ("nsubj", "nsubjpass") or \
                prev in self.title_nouns or prev in NAME_STOP:
            # an organisation named after its city (a football club) needs a locative word
            return False
        return is_city(text, 100_000)

    def _after_settlement_noun(self, doc: Any, s: int, e: int) -> bool:
        """Whether the name at tokens s..e follows "the village of" (a `settlement_nouns` word
        and "of"), itself or as a later item of the list that does ("the towns of X and Y")."""
        first, root = s, doc[s:e].root
        for _ in range(4):  # the name, then the list items before it
            while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].text[:1].isupper():
                first -= 1
            if first > 1 and doc[first - 1].lower_ == "of" and doc[first - 2].lower_ in self.settlement_nouns:
                return True
            if root.dep_ != "conj" or root.head is root:
                return False
            root = root.head
            first = root.left_edge.i
        return False

    def _country_roles(self, doc: Any, ms: list[Mention]) -> None:
        """A country named as an actor is the state (ORG), not the place."""
        for m in ms:
            if m.ent.type != "LOCATION" or m.kind not in PLACE_KINDS or not m.ent.code:
                continue
            if self._acts(doc[m.start:m.end].root, m.kind):
                m.ent.type = "ORG"

    def _acts(self, tok: Any, kind: str) -> bool:
        first = tok
        if first.i > 0 and first.doc[first.i - 1].lower_ in self.ally_nouns:
            return True  # "our ally Poland"
        seen = 0
        while tok.dep_ in ("conj", "appos") and tok.head is not tok and seen < 10:
            tok, seen = tok.head, seen + 1
        dep, head = tok.dep_, tok.head
        if dep == "nsubj":
            if head.lemma_ == "be":  # "Chad is a country" vs "Norway is ready to help"
                return not any(c.dep_ in ("attr", "acomp") and c.lemma_.lower() in self.place_nouns
                               for c in head.children)
            return head.pos_ in ("VERB", "AUX") and head.lemma_.lower() not in self.place_verbs
        if dep == "poss":  # "Norway's offer" vs "Yemen's border", "Yemen's civil war"
            return head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() not in self.place_heads
        if dep == "dobj":
            return head.pos_ == "VERB" and head.lemma_.lower() not in self.place_verbs
        if dep == "pobj":
            return head.lower_ in self.agent_preps
        if dep in ("compound", "nmod", "amod") and tok is first and kind != "metonym":
            # "UK funding", "Japan aid": the state's; "Yemen border": the place's
            return head.pos_ == "NOUN" and head.lower_ not in self.place_heads and \
                head.lower_ not in self.title_nouns and not head.text[:1].isupper()
        return False

    @staticmethod
    def _city_out_of_time(doc: Any, m: Mention) -> Mention:
        """The tagger sometimes reads a city and a time word as one time ("at Odesa
        overnight"): the time keeps its own words, the city is left for `_cities`."""
        if m.ent.type not in ("DATE", "TIME") or m.end - m.start < 2:
            return m
        first = doc[m.start]
        if first.pos_ != "PROPN" or not first.text[:1].isupper() or not is_city(first.text, 10_000):
            return m
        rest = doc[m.start + 1:m.end]
        return Mention(m.start + 1, m.end, Entity(text=rest.text, start=rest.start_char, end=rest.end_char,
                                                  type=m.ent.type, source=m.ent.source), m.kind)

    def _cities(self, doc: Any, ms: list[Mention]) -> list[Mention]:
        """Untagged known city names after a locative word: "strikes near Kherson"."""
        ms = [self._city_out_of_time(doc, m) for m in ms]
        used = {i for m in ms for i in range(m.start, m.end)}
        n = len(doc)
        for tok in doc:
            i = tok.i
            low = tok.lower_
            big = False
            if low == "of" and i > 0 and doc[i - 1].lower_ in self.city_place_nouns:
                j = i + 1  # "the city of Odesa"
            elif low in self.city_preps:
                j = i + 1
            elif i not in used and tok.pos_ == "PROPN" and (i == 0 or doc[i - 1].pos_ != "PROPN"):
                j, big = i, True  # a big city anywhere: "attacks on Benghazi"
            else:
                continue
            k = j
            while k < n and k - j < 4 and k not in used and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper():
                k += 1
            if k == j or (k < n and possessive(doc[k])):
                continue
            while k > j:
                span = doc[j:k]
                if is_city(span.text, 100_000 if big else 10_000):
                    ms.append(Mention(j, k, Entity(
                        text=span.text, start=span.start_char, end=span.end_char, type="LOCATION",
                        source="rule"), "city"))
                    used.update(range(j, k))
                    break
                k -= 1
        return ms
