"""NER merging: spaCy's statistical entities mapped to our types and merged with the gazetteer matches
(gazetteer wins where they overlap).
"""

from __future__ import annotations

from typing import Any

from sitrep.entities.records import Mention
from sitrep.entities.tokens import clause_not_name, possessive
from sitrep.model import Entity


NER_MAP = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "LOCATION",
    "NORP": "NATIONALITY",
    "DATE": "DATE",
    "TIME": "DATE",
    "QUANTITY": "QUANTITY",
    "MONEY": "MONEY",
}
# last words of names of laws and pacts that the tagger takes for organisations
_INSTRUMENT_HEADS = {"law", "laws", "hostilities", "agreement", "accord", "accords", "treaty", "act", "protocol",
                     "doctrine", "resolution", "memorandum", "charter", "conflict"}
# words that open an Arabic name ("Abu Hamza", "Umm Kulthum", "Bin Saleh")
_NAME_PARTICLES = {"abu", "umm", "bin", "ibn", "bint"}


def _wraps_places(inner: list[Mention], s: int, e: int) -> bool:
    """True when every gazetteer match inside an NER span is a place or nationality
    (or a capitalised generic weapon noun after the name's first word) wholly inside
    it, and the span has more words than they cover."""
    covered = 0
    for m in inner:
        if m.kind == "generic_weapon" and m.ent.text[:1].isupper() and m.start > s:
            pass  # a capitalised common noun inside a name: "the Royal Artillery Regiment"
        elif m.kind not in ("country_name", "demonym", "region", "metonym") or m.ent.type == "ORG":
            return False
        if m.start < s or m.end > e:
            return False
        covered += m.end - m.start
    return covered < e - s


def _country_near(chosen: list[Mention], start: int, end: int) -> str | None:
    for m in chosen:
        if m.ent.type in ("LOCATION", "NATIONALITY") and m.ent.code and start - 2 <= m.start and m.end <= end:
            return m.ent.code
    return None


def _trim_tokens(span: Any, locative: frozenset[str]) -> tuple[int, int, bool]:
    """Token range of an NER span without a leading article or capitalised locative
    preposition ("Near Kherson") and a trailing possessive; and whether a preposition went."""
    s, e = span.start, span.end
    doc = span.doc
    lead_prep = False
    while s < e and (doc[s].lower_ == "the" or doc[s].is_punct or
                     (doc[s].lower_ in locative and doc[s].text[:1].isupper() and s + 1 < e)):
        lead_prep = lead_prep or doc[s].lower_ in locative
        s += 1
    while e > s and (possessive(doc[e - 1]) or doc[e - 1].is_punct):
        e -= 1
    return s, e, lead_prep


class NerMerging:
    """Merges spaCy's entities into the gazetteer matches."""

    def _merge_ner(self, doc: Any, chosen: list[Mention]) -> list[Mention]:
        owner: dict[int, Mention] = {i: m for m in chosen for i in range(m.start, m.end)}
        dropped: set[int] = set()
        added: list[Mention] = []
        name_parts = {t.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent}
        for ent in doc.ents:
            etype = NER_MAP.get(ent.label_)
            if etype is None:
                continue
            s, e, lead_prep = _trim_tokens(ent, self.locative_preps)
            if s >= e or clause_not_name(doc, s, e):
                continue
            inner = list({id(owner[i]): owner[i] for i in range(s, e) if i in owner}.values())
            if inner:
                if not (etype == "ORG" and _wraps_places(inner, s, e)):
                    continue
                # an organisation named after a place: "U.S. Southern Command"
                code = next((m.ent.code for m in inner if m.ent.code), None)
                for m in inner:
                    dropped.add(id(m))
                span = doc[s:e]
                added.append(Mention(s, e, Entity(
                    text=span.text, start=span.start_char, end=span.end_char, type="ORG",
                    code=code, sector=self.sector_of(span.text), source="ner"), "ner"))
                continue
            if lead_prep and etype in ("PERSON", "ORG", "NATIONALITY", "LOCATION"):
                etype = "LOCATION"
            elif etype in ("PERSON", "ORG", "NATIONALITY") and self._city_named(doc, s, e, etype, name_parts):
                etype = "LOCATION"
            if etype in ("ORG", "LOCATION") and e - s > 1 and doc[e - 1].lower_ in _INSTRUMENT_HEADS:
                continue  # "the Law of Armed Conflict", "the Cessation of Hostilities": a law or a pact, no body
            if etype == "NATIONALITY":
                if not any(t.text[:1].isupper() for t in doc[s:e]):
                    continue  # "the jihadist group": a common adjective is no nationality ("non-Yazidis" is)
                if e < len(doc) and doc[e].lower_ in self.currency_nouns:
                    continue  # money: "two Jordanian dinars"
                if e - s > 1 and doc[s].lower_ in _NAME_PARTICLES:
                    etype = "PERSON"  # "Abu Hamza", "Bin Saleh": a name
            span = doc[s:e]
            entity = Entity(text=span.text, start=span.start_char, end=span.end_char, type=etype, source="ner")
            if etype == "ORG":
                entity.sector = self.sector_of(span.text)
                entity.code = _country_near(chosen, s, e)
            added.append(Mention(s, e, entity, "ner"))
        out = [m for m in chosen if id(m) not in dropped]
        used = {i for m in out for i in range(m.start, m.end)}
        for m in added:
            if any(i in used for i in range(m.start, m.end)):
                continue
            out.append(m)
            used.update(range(m.start, m.end))
        return out
