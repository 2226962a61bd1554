"""Multi-word mention rules (`data/mentions.yaml`): coalitions, groups and governments ('Iraqi security
forces', 'the Government of Iraq'), organisations, nominal groups, names, shared heads, aircraft
lists and named systems with their generic noun.
"""

from __future__ import annotations

from typing import Any

from sitrep.entities.places import is_city
from sitrep.entities.records import Mention, PLACE_KINDS
from sitrep.entities.tokens import NAME_STOP, people_plural, possessive
from sitrep.model import Entity


def heritage_compounds(doc: Any, ms: list[Mention]) -> list[Mention]:
    """"Iranian-American", "Chinese-Canadian": a people of origin joined by a hyphen to a
    nationality names that nationality (an American of Iranian descent); the first part is
    no mention of its own."""
    nat = sorted((m for m in ms if m.ent.type == "NATIONALITY"), key=lambda m: m.ent.start)
    drop: set[int] = set()
    for a, b in zip(nat, nat[1:]):
        if doc.text[a.ent.end:b.ent.start] == "-":
            drop.add(id(a))
    return [m for m in ms if id(m) not in drop] if drop else ms


def person_name_parts(doc: Any, ms: list[Mention]) -> list[Mention]:
    """Later (or earlier) single-word mentions of a person's name parts."""
    parts: set[str] = set()
    for m in ms:
        if m.ent.type != "PERSON" or m.end - m.start < 2:
            continue
        for tok in (doc[m.end - 1],):
            if tok.is_alpha and tok.text[:1].isupper() and len(tok.text) >= 3 and tok.lower_ not in NAME_STOP:
                parts.add(tok.text)
    if not parts:
        return ms
    used = {i for m in ms for i in range(m.start, m.end)}
    for m in ms:
        if m.kind == "ner" and m.end - m.start == 1 and m.ent.type in ("ORG", "NATIONALITY", "LOCATION") \
                and doc[m.start].text in parts:
            m.ent.type, m.ent.code, m.ent.sector = "PERSON", None, None
    for tok in doc:
        if tok.i not in used and tok.text in parts and tok.pos_ == "PROPN":
            ms.append(Mention(tok.i, tok.i + 1, Entity(
                text=tok.text, start=tok.idx, end=tok.idx + len(tok.text), type="PERSON",
                source="rule"), "rule"))
    return ms


class MentionRules:
    """The mention rules applied after the gazetteer and NER merge."""

    def _coalitions(self, doc: Any, ms: list[Mention]) -> list[Mention]:
        used = {i for m in ms for i in range(m.start, m.end)}
        for tok in doc:
            if tok.i in used or tok.lower_ not in self.coalition_heads:
                continue
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            modifies = nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and tok.dep_ == "compound"
            if modifies and not tok.text[:1].isupper():
                continue  # "coalition government", "coalition talks"
            start = tok.i
            # "the French-led coalition", "the Global coalition": keep a capitalised adjective
            if start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].pos_ == "ADJ":
                start -= 1
            if start < tok.i and (start in used):
                start = tok.i
            # "the counter-ISIS coalition", "Anti-Houthi Coalition": a coalition against
            # the group, which is no longer a mention of its own (it is not the actor)
            against = next((m for m in ms if m.end == start and m.ent.type == "ORG"), None)
            if against is not None:
                k = against.start - 1
                if k >= 0 and doc[k].text == "-":
                    k -= 1
                if k >= 0 and doc[k].lower_ in ("counter", "anti"):
                    ms.remove(against)
                    start = k
            span = doc[start:tok.i + 1]
            ms.append(Mention(start, tok.i + 1, Entity(
                text=span.text, start=span.start_char, end=span.end_char, type="ORG",
                source="rule"), "coalition"))
            used.update(range(start, tok.i + 1))
        return ms

    def _groups(self, doc: Any, ms: list[Mention]) -> list[Mention]:
        """Group and government mentions built around a country or nationality."""
        ms.sort(key=lambda m: m.start)
        by_start = {m.start: m for m in ms}
        removed: set[int] = set()
        new: list[Mention] = []
        n = len(doc)
        for m in ms:
            if id(m) in removed:
                continue
            ent = m.ent
            placeish = ent.type in ("NATIONALITY", "LOCATION") and m.kind in (*PLACE_KINDS, "demonym")
            # a nationality or religious group the NER found ("Kurdish", "Sunni Arab") leads a group too
            placeish = placeish or (ent.type == "NATIONALITY" and m.kind == "ner")
            leader = ent.type == "PERSON" or (ent.type == "ORG" and m.kind == "ner" and m.end - m.start == 1)
            if not placeish and m.kind != "coalition" and not leader:
                continue
            # "<name> [modifiers] <group noun>"; "<leader> regime"
            j, inner = m.end, [m]
            heads = self.regime_heads if leader else self.group_heads | self.people_nouns
            while j < n and j - m.end < 4:
                nxt = by_start.get(j)
                if nxt is not None and nxt.ent.type == "NATIONALITY" and placeish:
                    inner.append(nxt)
                    j = nxt.end
                    continue
                if doc[j].lower_ in self.group_modifiers and not leader and j + 1 < n:
                    if doc[j].lower_ in heads and doc[j + 1].lower_ not in heads and \
                            doc[j + 1].lower_ not in self.group_modifiers:
                        break  # the modifier is itself the head: "the Malian military said"
                    j += 1
                    continue
                break
            if j < n and j in by_start and by_start[j].kind == "coalition" and by_start[j].end == j + 1:
                inner.append(by_start[j])  # "the French-led coalition"
            if j < n and (doc[j].lower_ in heads or (not leader and people_plural(doc[j]))) and \
                    doc[j].pos_ in ("NOUN", "PROPN") and \
                    all(k not in by_start or by_start[k] in inner for k in range(m.end, j + 1)):
                code = None if ent.type == "PERSON" else ent.code
                new.append(self._org(doc, m.start, j + 1, code))
                removed.update(id(x) for x in inner)
                continue
            if not placeish:
                continue
            # "<group noun> of <country>": "the Government of Chad", "the people of Yemen"
            if m.kind in PLACE_KINDS and m.start >= 2 and doc[m.start - 1].lower_ == "of" \
                    and doc[m.start - 2].lower_ in self.of_heads and (m.start - 2) not in by_start:
                start = m.start - 2
                if start >= 2 and doc[start - 1].lower_ == "and" and doc[start - 2].lower_ in self.of_heads:
                    start -= 2  # "the government and people of Chad"
                if not any(x.start < m.start and x.end > start for x in ms if x is not m):
                    new.append(self._org(doc, start, m.end, ent.code))
                    removed.add(id(m))
                    continue
            # a nationality naming a place: "the Turkish border", "Lebanese airspace", "the
            # Western part of"; an NER NORP before a place noun is a place's name
            # ("Faryab province", "the Aegean coast")
            nxt_low = doc[m.end].lower_ if m.end < n else ""
            place_noun = (nxt_low in self.geo_nouns if m.kind == "ner" else nxt_low in self.place_nouns_nominal) or (
                nxt_low in self.part_nouns and m.end + 1 < n and doc[m.end + 1].lower_ == "of")
            if m.kind in ("demonym", "region", "ner") and ent.type == "NATIONALITY" and place_noun and \
                    m.end not in by_start and not is_city(doc[m.start:m.end + 1].text, 0):
                span = doc[m.start:m.end + 1]
                new.append(Mention(m.start, m.end + 1, Entity(
                    text=span.text, start=span.start_char, end=span.end_char, type="LOCATION",
                    source="rule"), "group"))
                removed.add(id(m))
                continue
            # a plural nationality noun used as a noun: "Afghans", "the Somalis"; one the
            # NER found when a word singles out a group ("local Arabs", "Sunni Arabs",
            # "the town's Christians"), not a people as such ("the Muslims")
            last = doc[m.end - 1]
            plural = last.text.endswith("s") and not last.text.endswith("ss")
            if last.dep_:
                noun = last.dep_ not in ("compound", "amod", "nmod")
            else:
                noun = not (m.end < n and doc[m.end].pos_ in ("NOUN", "PROPN"))
            singled = (m.end - m.start > 1 and doc[m.start].text[:1].isupper() and doc[m.start + 1].text != "-") \
                or (m.start > 0 and (
                doc[m.start - 1].pos_ in ("ADJ", "NUM") or possessive(doc[m.start - 1])))
            if plural and noun and (m.kind == "demonym" or (m.kind == "ner" and singled)):
                new.append(self._org(doc, m.start, m.end, ent.code))
                removed.add(id(m))
        return [m for m in ms if id(m) not in removed] + new

    def _org_groups(self, doc: Any, ms: list[Mention]) -> list[Mention]:
        """ "<organisation> [modifiers] <group noun>" is one ORG mention with the
        organisation's code and sector ("ISIL fighters", "the Hamas terrorist group");
        "<name>-held/-controlled <place noun>" is one LOCATION ("an ISIL-held building",
        "Houthi-controlled areas")."""
        by_start = {m.start: m for m in ms}
        used = {i for m in ms for i in range(m.start, m.end)}
        removed: set[int] = set()
        new: list[Mention] = []
        n = len(doc)
        heads = self.group_heads | self.people_nouns | self.org_heads
        for m in sorted(ms, key=lambda x: x.start):
            if m.ent.type not in ("ORG", "NATIONALITY", "LOCATION") or id(m) in removed:
                continue
            j = m.end
            # "ISIL-held", "Houthi-controlled"
            if j + 2 < n and doc[j].text == "-" and doc[j + 1].lower_ in self.held_words:
                k = j + 2
                while k < n and k - j < 5 and k not in used and doc[k].lower_ not in self.place_nouns_nominal \
                        and doc[k].pos_ in ("ADJ", "NOUN") and doc[k].tag_ != "NNS":
                    k += 1
                if k < n and doc[k].lower_ in self.place_nouns_nominal and \
                        all(i not in used for i in range(j, k + 1)):
                    span = doc[m.start:k + 1]
                    new.append(Mention(m.start, k + 1, Entity(
                        text=span.text, start=span.start_char, end=span.end_char, type="LOCATION",
                        source="rule"), "group"))
                    removed.add(id(m))
                    used.update(range(m.start, k + 1))
                continue
            if m.kind != "organisation" or m.ent.type != "ORG":
                continue
            while j < n and j - m.end < 3 and j not in used and \
                    (doc[j].lower_ in self.group_modifiers or doc[j].lower_ in self.org_modifiers) and \
                    doc[j].lower_ not in heads:
                j += 1
            if j < n and j not in used and doc[j].lower_ in heads and doc[j].pos_ in ("NOUN", "PROPN") and \
                    not (j + 1 < n and doc[j + 1].pos_ in ("NOUN", "PROPN") and doc[j].dep_ == "compound"):
                span = doc[m.start:j + 1]
                new.append(Mention(m.start, j + 1, Entity(
                    text=span.text, start=span.start_char, end=span.end_char, type="ORG", code=m.ent.code,
                    sector=m.ent.sector or self.sector_of(span.text), source="rule"), "group"))
                removed.add(id(m))
                used.update(range(m.start, j + 1))
        return [m for m in ms if id(m) not in removed] + new

    def _nominal_groups(self, doc: Any, ms: list[Mention]) -> list[Mention]:
        """Organisations and groups named by a common noun: "the regime", "its allies",
        "the international community", "civilians"."""
        used = {i for m in ms for i in range(m.start, m.end)}
        for tok in doc:
            if tok.i in used or tok.pos_ != "NOUN":
                continue
            low = tok.lower_
            if tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ in ("NOUN", "PROPN") and tok.dep_ == "compound":
                continue  # a modifier: "regime forces" is found from its head
            start = tok.i
            while start > 0 and start - 1 not in used and doc[start - 1].dep_ in ("amod", "compound") and \
                    doc[start - 1].head.i >= tok.i and doc[start - 1].pos_ in ("ADJ", "NOUN", "VERB"):
                start -= 1
            dets = [c for c in tok.children if c.dep_ in ("det", "poss") and c.i < start]
            definite = bool(dets) and dets[0].lower_ not in ("a", "an", "any", "no", "every", "each")
            etype = "ORG"
            if low in self.institution_nouns and definite:
                pass
            elif low in self.people_nouns and tok.tag_ == "NNS":
                pass
            elif low in self.place_nouns_nominal and (definite or (tok.tag_ == "NNS" and not dets) or
                                                      (dets and tok.dep_ in ("dobj", "pobj"))) \
                    and not is_city(tok.text, 0):
                # with its noun modifiers ("a fighting position", "a VBIED facility") unless
                # that names a town to geo; adjectives stay out ("the besieged city")
                etype = "LOCATION"
                while start < tok.i and (doc[start].pos_ != "NOUN" and doc[start].tag_ != "VBG" or
                                         is_city(doc[start:tok.i + 1].text, 0)):
                    start += 1
            else:
                continue
            span = doc[start:tok.i + 1]
            ms.append(Mention(start, tok.i + 1, Entity(
                text=span.text, start=span.start_char, end=span.end_char, type=etype,
                sector=self.sector_of(span.text) if etype == "ORG" else None, source="rule"), "nominal"))
            used.update(range(start, tok.i + 1))
        return ms

    def _org(self, doc: Any, start: int, end: int, code: str | None) -> Mention:
        span = doc[start:end]
        return Mention(start, end, Entity(
            text=span.text, start=span.start_char, end=span.end_char, type="ORG", code=code,
            sector=self.sector_of(span.text), source="rule"), "group")

    def _drop_non_mentions(self, doc: Any, ms: list[Mention]) -> list[Mention]:
        """Places that are a title's portfolio ("Minister for Africa", "Secretary
        of State")."""
        out = []
        for m in ms:
            if m.ent.type in ("LOCATION", "ORG") and m.kind in (*PLACE_KINDS, "ner"):
                i = m.start - 1
                if i >= 0 and doc[i].lower_ == "the":
                    i -= 1
                if i >= 1 and doc[i].lower_ in ("for", "of") and doc[i - 1].lower_ in self.title_nouns and \
                        (m.kind != "ner" or m.end - m.start == 1):
                    continue
            out.append(m)
        return out

    def _shared_heads(self, doc: Any, ms: list[Mention]) -> list[Mention]:
        """Words listed before one weapon noun that they share, each making a weapon term
        with the noun's last word ("artillery and mortar systems": artillery systems and
        mortar systems), make one mention with it. Aircraft nouns are left to
        `_aircraft_lists`."""
        used = {i: m for m in ms for i in range(m.start, m.end)}
        drop: set[int] = set()
        out = list(ms)
        heads = [m for m in ms if m.ent.type in ("WEAPON", "MILITARY_PLATFORM") and m.end - m.start >= 2]
        for h in sorted(heads, key=lambda m: -m.start):
            last = doc[h.end - 1].lower_
            if id(h) in drop or last in self.aircraft_heads:
                continue
            i, first, separated, classes = h.start - 1, None, False, {h.ent.weapon_class}
            while i >= 0:
                low = doc[i].lower_
                if low in (",", "and", "or"):
                    separated = separated or first is not None or low != ","
                    i -= 1
                    continue
                inner = used.get(i)
                if inner is not None and (inner.end - inner.start != 1 or id(inner) in drop or
                                          inner.ent.type not in ("WEAPON", "MILITARY_PLATFORM")):
                    break
                if f"{low} {last}" not in self.generic_terms:
                    break
                classes.add(self.generic_terms[f"{low} {last}"])
                first = i
                i -= 1
            if first is None or not separated:
                continue
            for k in range(first, h.start):
                if k in used:
                    drop.add(id(used[k]))
            drop.add(id(h))
            span = doc[first:h.end]
            merged = Mention(first, h.end, Entity(
                text=span.text, start=span.start_char, end=span.end_char, type=h.ent.type, code=h.ent.code,
                source="rule", weapon_class=h.ent.weapon_class if len(classes) == 1 else "weapon",
                origin=h.ent.origin), "rule")
            out.append(merged)
            for k in range(first, h.end):
                used[k] = merged
        return [m for m in out if id(m) not in drop]

    def _aircraft_lists(self, doc: Any, ms: list[Mention]) -> list[Mention]:
        """ "fighter, tanker and surveillance aircraft": one platform per role."""
        used = {i: m for m in ms for i in range(m.start, m.end)}
        heads = [m for m in ms if m.ent.type == "MILITARY_PLATFORM" and doc[m.end - 1].lower_ in self.aircraft_heads]
        heads += [Mention(t.i, t.i + 1, Entity(t.text, t.idx, t.idx + len(t.text), "MILITARY_PLATFORM"), "rule")
                  for t in doc if t.lower_ in self.aircraft_heads and t.i not in used]
        out = list(ms)
        for h in heads:
            i, roles, separated = h.start - 1, [], False
            while i >= 0:
                low = doc[i].lower_
                if low in (",", "and", "or"):
                    separated = separated or bool(roles) or low != ","
                    i -= 1
                    continue
                if low in self.aircraft_roles:
                    roles.append(i)
                    i -= 1
                    continue
                break
            if not roles or not separated:
                continue
            if self._civilian_sentence(doc, h.start):
                continue  # "passenger and cargo planes" in a story about an airline
            for k in roles:
                if k in used:
                    continue  # already a mention: "bomber" from the weapon nouns
                cls = self.aircraft_roles[doc[k].lower_]
                tok = doc[k]
                out.append(Mention(k, k + 1, Entity(
                    text=tok.text, start=tok.idx, end=tok.idx + len(tok.text), type="MILITARY_PLATFORM",
                    source="rule", weapon_class=cls), "rule"))
                used[k] = out[-1]
        return out
