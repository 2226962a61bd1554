"""The `entities` stage: typed mentions from our gazetteers and spaCy's NER.

Gazetteer matches (countries, demonyms, seats of power, organisations, regions,
weapon systems) win over spaCy's statistical entities where they overlap; the
longest match wins among gazetteer matches. spaCy labels are mapped to our
types (GPE/LOC/FAC -> LOCATION, NORP -> NATIONALITY, ...). ORG mentions found by
the NER get a sector from the sector cues ("Defence Ministry" -> MIL) and a
country code from a country named inside or right before them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.matcher import PhraseMatcher

from sitrep import data
from sitrep.gazetteers import SectorCues, load_actor_gazetteer
from sitrep.model import Article, Entity
from sitrep.weapons import load_weapon_gazetteer

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

# Words near an ambiguous weapon name that show it is meant as a weapon.
WEAPON_CONTEXT = {
    "missile", "missiles", "system", "systems", "launcher", "launchers", "rocket", "rockets",
    "battery", "batteries", "tank", "tanks", "jet", "jets", "aircraft", "fighter", "fighters",
    "drone", "drones", "complex", "complexes", "howitzer", "howitzers", "interceptor",
    "interceptors", "air-defence", "air-defense", "defence", "defense", "munition", "munitions",
    "warship", "vessel", "submarine", "bomber", "bombers", "helicopter", "helicopters", "weapon",
    "weapons", "strike", "strikes", "fired", "launched", "deployed", "delivered", "supplied",
}


@dataclass(frozen=True, slots=True)
class _Form:
    """What a gazetteer surface form stands for."""

    type: str
    code: str | None
    sector: str | None
    kind: str  # country_name | demonym | metonym | organisation | region | weapon | generic_weapon
    weapon_class: str | None = None
    origin: str | None = None
    requires_context: bool = False


def _case_sensitive(form: str) -> bool:
    """Short or all-capital forms (US, UK, EU, IS) must match exactly."""
    letters = [c for c in form if c.isalpha()]
    return len(form) <= 3 or (bool(letters) and all(c.isupper() for c in letters))


class Recognise:
    """Finds entity mentions; fills `article.entities` (sorted by offset)."""

    def __init__(self, nlp: Any, *, data_dir: str | None = None) -> None:
        self.actors = load_actor_gazetteer(data_dir)
        self.weapons = load_weapon_gazetteer(data_dir)
        regions = data.load("regions", data_dir)["regions"]
        self.sector_of = SectorCues(self.actors.sector_cues())
        self.forms: dict[str, _Form] = {}
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        exact: dict[str, list[str]] = {}
        folded: dict[str, list[str]] = {}

        def add(text: str, form: _Form, *, case_sensitive: bool | None = None) -> None:
            text = text.strip()
            if not text:
                return
            cs = _case_sensitive(text) if case_sensitive is None else case_sensitive
            key = f"{form.kind}|{form.code}|{form.type}|{form.sector}|{form.weapon_class}"
            self.forms.setdefault(key, form)
            (exact if cs else folded).setdefault(key, []).append(text)
            if not cs and text[:1].islower():
                # "the Kremlin" also as "The Kremlin" at a sentence start
                exact.setdefault(key, []).append(text[:1].upper() + text[1:])

        for text, kind, code, etype, sector in self.actors.surface_forms():
            add(text, _Form(etype, code, sector, kind))
        for region in regions:
            for name in region["names"]:
                add(name, _Form("LOCATION", region["code"], None, "region"), case_sensitive=True)
            for dem in region["demonyms"]:
                add(dem, _Form("NATIONALITY", region["code"], None, "region"), case_sensitive=True)
        classes = {c.code: c for c in self.weapons.classes}
        for text, system in self.weapons.surface_forms():
            form = _Form(
                system.entity_type, system.name, None, "weapon",
                weapon_class=system.weapon_class, origin=system.origin,
                requires_context=system.requires_context,
            )
            add(text, form, case_sensitive=system.case_sensitive or None)
        for generic in self.weapons.generic:
            etype = classes[generic.weapon_class].entity_type if generic.weapon_class in classes else "WEAPON"
            form = _Form(etype, None, None, "generic_weapon", weapon_class=generic.weapon_class)
            for term in generic.terms:
                add(term, form, case_sensitive=False)

        make = nlp.make_doc
        for key, texts in exact.items():
            self.exact.add(key, [make(t) for t in dict.fromkeys(texts)])
        for key, texts in folded.items():
            self.folded.add(key, [make(t) for t in dict.fromkeys(texts)])

    # ------------------------------------------------------------------
    def __call__(self, article: Article) -> Article:
        doc = article.doc
        found: list[tuple[int, int, Entity]] = []  # (token start, token end, entity)
        strings = doc.vocab.strings
        for matcher in (self.exact, self.folded):
            for match_id, start, end in matcher(doc):
                form = self.forms[strings[match_id]]
                span = doc[start:end]
                if form.requires_context and not self._weapon_context(doc, start, end):
                    continue
                if form.kind == "demonym" and span.text.islower():
                    continue  # "russian" in lower case is rarely the nationality
                if form.kind == "generic_weapon" and start > 0 and doc[start - 1].lower_ == "think":
                    continue  # a think tank is not a tank
                found.append((start, end, Entity(
                    text=span.text, start=span.start_char, end=span.end_char, type=form.type,
                    code=form.code, sector=form.sector, source="gazetteer",
                    weapon_class=form.weapon_class, origin=form.origin,
                )))
        chosen = _longest_non_overlapping(found)
        taken = [False] * len(doc)
        for start, end, _ in chosen:
            for i in range(start, end):
                taken[i] = True
        for ent in doc.ents:
            etype = NER_MAP.get(ent.label_)
            if etype is None or any(taken[i] for i in range(ent.start, ent.end)):
                continue
            text, s, e = _trim(ent)
            if not text.strip():
                continue
            entity = Entity(text=text, start=s, end=e, type=etype, source="ner")
            if etype == "ORG":
                entity.sector = self.sector_of(ent.text)
                entity.code = self._country_near(chosen, ent.start, ent.end)
            chosen.append((ent.start, ent.end, entity))
        chosen.sort(key=lambda t: (t[2].start, -t[2].end))
        article.entities = [e for _, _, e in chosen]
        return article

    # ------------------------------------------------------------------
    @staticmethod
    def _country_near(chosen: list[tuple[int, int, Entity]], start: int, end: int) -> str | None:
        for s, e, ent in chosen:
            if ent.type in ("LOCATION", "NATIONALITY") and ent.code and start - 2 <= s and e <= end:
                return ent.code
        return None

    @staticmethod
    def _weapon_context(doc: Any, start: int, end: int) -> bool:
        lo, hi = max(0, start - 4), min(len(doc), end + 4)
        return any(doc[i].lower_ in WEAPON_CONTEXT for i in range(lo, hi) if not start <= i < end)


POSSESSIVE = ("'s", "’s", "'", "’")


def _trim(span: Any) -> tuple[str, int, int]:
    """Drop a leading article and trailing possessive from an NER span."""
    toks = list(span)
    while toks and (toks[0].lower_ in ("the",) or toks[0].is_punct):
        toks = toks[1:]
    while toks and (toks[-1].tag_ == "POS" or toks[-1].is_punct
                    or not toks[-1].tag_ and toks[-1].lower_ in POSSESSIVE):  # untagged (triage)
        toks = toks[:-1]
    if not toks:
        return "", 0, 0
    s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    return span.doc.text[s:e], s, e


def _longest_non_overlapping(found: list[tuple[int, int, Entity]]) -> list[tuple[int, int, Entity]]:
    found.sort(key=lambda t: (-(t[1] - t[0]), t[0]))
    chosen: list[tuple[int, int, Entity]] = []
    used: set[int] = set()
    for start, end, ent in found:
        if any(i in used for i in range(start, end)):
            continue
        chosen.append((start, end, ent))
        used.update(range(start, end))
    return chosen
