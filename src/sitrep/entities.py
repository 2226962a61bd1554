"""The `entities` stage: typed mentions from our gazetteers and spaCy's NER.

Gazetteer matches (countries, demonyms, seats of power, organisations, regions,
weapon systems and generic weapon nouns) win over spaCy's statistical entities
where they overlap; the longest match wins among gazetteer matches, and a named
system followed by another of its names or by a generic noun of its own type is one
mention ("KC-135R Stratotanker", "Leopard 2A7 tanks"). spaCy labels
are mapped to our types (GPE/LOC/FAC -> LOCATION, NORP -> NATIONALITY, ...). ORG
mentions found by the NER get a sector from the sector cues ("Defence Ministry"
-> MIL) and a country code from a country named inside or right before them.

Merging and mention rules (word lists in `data/mentions.yaml`), applied in order:

1. An NER organisation that contains a country, demonym or region match and more
   ("U.S. Southern Command", "the Nigerian Football Federation") is kept whole, with the
   inner match's country code; the inner match is dropped. So is one that contains
   a capitalised generic weapon noun ("the Royal Artillery Regiment").
2. An NER span that starts with a capitalised locative preposition ("Near
   Kherson") loses it and is a LOCATION. An NER PERSON/ORG/NORP name that is a known
   city (sitrep.geo's city index) is a LOCATION after a locative word ("fighting in
   Kramatorsk"; 10,000+ people), as a NORP ("Benghazi"), or, tagged PERSON or NORP,
   anywhere but as a subject for a city of 100,000+ that is not part of a person's
   full name ("to encircle Bakhmut"). An ORG named after a city (a football club)
   needs the locative word. An NER NORP without a capital letter is dropped ("the
   jihadist group"); one opening with a name particle is a PERSON ("Abu Tariq").
3. "Coalition" (capitalised, or as a head noun) is an ORG; "the counter-X coalition"
   is one ORG (the coalition, not X).
4. Group mentions: "<nationality or country> [modifiers] <group noun>" ("Malian
   security forces", "the Sudanese government", "French-led coalition"), "<group noun>
   of <country>" ("the Government of Chad"), "<person> regime" and a plural
   nationality noun used as a noun ("Afghans fled") are ORG mentions that keep the
   country code; a plural noun for people ending in "-ists" is a group noun too
   ("Peruvian archaeologists"), and so is a plural the NER tagged NORP when a word
   singles the group out ("local Kurds", "Sunni Arabs", "the town's Christians"; not
   "the Kurds"). A nationality (or a region's demonym) before a place noun is one
   LOCATION mention without a code ("the Turkish border", "Lebanese airspace",
   "Balkan borders"), and so is one before a part of a place and "of" ("the Syrian
   side of the border", "the Western part of the province"); an NER NORP before a
   geographic noun is a place's name ("Faryab province", "the Aegean coast"). A demonym used as an adjective elsewhere stays NATIONALITY
   ("the Sudanese conflict").
5. Organisations and groups named by a common noun are ORG mentions without a code:
   a definite institution ("the regime", "its allies", "the international
   community") and a plural noun for a group of people ("civilians", "militants").
   Places named by a common noun ("the town", "their homes", "fighting positions",
   "destroyed a VBIED facility") are LOCATION mentions of the noun with its noun
   modifiers (not adjectives, nor a modifier that would make it a town's name),
   without a code.
6. A country (or capital, or region) name that acts -- subject of a verb that is not
   a verb of place, possessor of something that is not a part of the place, object
   of a verb that does not act on territory, after "with"/"against"/"by", right after
   "ally", or a country modifying a non-place noun ("UK funding") -- is the
   state as an actor: ORG, with its code. Otherwise it stays a LOCATION.
7. A place that is a title's portfolio ("Minister for Africa", "Secretary
   of State") is dropped.
8. A single-word NER mention (or an untagged proper noun) that repeats the surname
   of a person named in full in the same article is that PERSON ("Dvorak" after
   "Marek Dvorak").
9. An untagged proper name after a locative word that is a known city of 10,000+
   people ("Near Kherson, ..."), or untagged anywhere for 100,000+, is a LOCATION.
10. Words listed before one weapon noun that they share, each making a weapon term
   with the noun's last word, make one mention with it ("artillery and mortar
   systems"), of the class they share, else the unspecified weapon class. Role words
   listed before an aircraft noun ("fighter, tanker and surveillance aircraft") are
   each a MILITARY_PLATFORM, unless the sentence has a civilian sense cue and no military
   one ("the airline's passenger and cargo planes").

Short all-capital gazetteer forms ("IS", "US") are skipped inside all-capital text. A
generic weapon noun is no mention inside a `not_weapons` phrase of weapons.yaml (an
idiom, a civilian thing, another sense: "a smoking gun", "passenger jets", "bricks and
mortar"), nor when the tagger reads the word as a verb ("to torpedo the talks"), nor
when its sentence shows another sense (weapons.yaml sense_cues): a platform noun among
civilian cues and no military one ("a tank at the brewery burst"), a bomber noun among
cues of a person and none of aviation ("the bomber blew himself up"), nor right before a noun
that makes the weapons the topic of something else (weapons.yaml topic_heads: "weapons
inspectors", "a missile treaty", "gun violence"), also when another generic term shares the
noun ("firearms and explosives restrictions"). A named system's designation followed by
"million" or "billion" is a sum of money ("P15 million").

`Corefer` is a separate, last pipeline stage (`coref`, after events): pronouns ("he",
"we", "they", "it"), place adverbs ("there") and titles standing alone ("the Foreign
Secretary") become mentions with source "coref" and `refers_to`, their antecedent.
Added after every stage that reads the entities, they can never be an actor, a
speaker or an event's place by themselves. There too, a nationality that is part of a
person's title joins the PERSON mention, which takes its country code ("Iraqi President
Ana Ruiz", "the Chadian Foreign Minister"), and one right before a generic platform
noun joins the platform mention ("Peruvian warplanes"): events have read it for the
person's or the platform's country by then.

A demonym in a name ("al-Masri") or before a currency ("Jordanian dinars") is no
NATIONALITY mention.
"""

from __future__ import annotations

import bisect
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

# Words after a system's designation that make it a sum of money ("P15 million").
MONEY_SCALES = frozenset({"million", "billion", "trillion", "bn", "mn"})

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
    not_after: tuple[str, ...] = ()


@dataclass(slots=True)
class _Mention:
    """An entity with its token range and where it came from."""

    start: int
    end: int
    ent: Entity
    kind: str  # a _Form kind, "ner" or "rule"


def _case_sensitive(form: str) -> bool:
    """Short or all-capital forms (US, UK, EU, IS) must match exactly."""
    letters = [c for c in form if c.isalpha()]
    return len(form) <= 3 or (bool(letters) and all(c.isupper() for c in letters))


def _apostrophe_variants(text: str) -> list[str]:
    """A form with a straight apostrophe also with a typographic one, and back."""
    out = [text]
    if "'" in text:
        out.append(text.replace("'", "\u2019"))
    if "\u2019" in text:
        out.append(text.replace("\u2019", "'"))
    return out


_PLACE_KINDS = ("country_name", "metonym", "region")
# words that open an Arabic name ("Abu Hamza", "Umm Kulthum", "Bin Saleh")
_NAME_PARTICLES = {"abu", "umm", "bin", "ibn", "bint"}
_NAME_STOP = {"mr", "mrs", "ms", "dr", "sir", "gen", "general", "president", "minister", "king",
              "queen", "prince", "lt", "col", "capt", "maj", "sgt", "abu", "al", "bin", "ibn", "el",
              "de", "van", "von", "der", "the", "and", "of"}


class Recognise:
    """Finds entity mentions; fills `article.entities` (sorted by offset)."""

    def __init__(self, nlp: Any, *, data_dir: str | None = None) -> None:
        self.actors = load_actor_gazetteer(data_dir)
        self.weapons = load_weapon_gazetteer(data_dir)
        regions = data.load("regions", data_dir)["regions"]
        words = data.load("mentions", data_dir)
        self.group_heads = _lower_set(words["group_heads"])
        self.group_modifiers = _lower_set(words["group_modifiers"])
        self.of_heads = _lower_set(words["of_heads"])
        self.regime_heads = _lower_set(words["regime_heads"])
        self.coalition_heads = _lower_set(words["coalition_heads"])
        self.place_heads = _lower_set(words["place_heads"])
        self.place_verbs = _lower_set(words["place_verbs"])
        self.place_nouns = _lower_set(words["place_nouns"]) | self.place_heads
        self.agent_preps = _lower_set(words["agent_prepositions"])
        self.ally_nouns = _lower_set(words["ally_nouns"])
        self.title_nouns = _lower_set(words["title_nouns"])
        self.locative_preps = _lower_set(words["locative_prepositions"])
        self.institution_nouns = _lower_set(words["institution_nouns"])
        self.people_nouns = _lower_set(words["people_nouns"])
        self.place_nouns_nominal = _lower_set(words["place_nouns_nominal"])
        self.city_preps = _lower_set(words["city_prepositions"])
        self.city_place_nouns = _lower_set(words["city_place_nouns"])
        self.geo_nouns = _lower_set(words["geo_nouns"])
        self.currency_nouns = _lower_set(words["currency_nouns"])
        self.part_nouns = _lower_set(words["part_nouns"])
        self.aircraft_roles = {k.lower(): v for k, v in words["aircraft_roles"].items()}
        self.aircraft_heads = _lower_set(words["aircraft_heads"])
        self.org_heads = _lower_set(words["org_heads"])
        self.org_modifiers = _lower_set(words["org_modifiers"])
        self.held_words = _lower_set(words["held_words"])
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
            for variant in _apostrophe_variants(text):
                (exact if cs else folded).setdefault(key, []).append(variant)
                if not cs and variant[:1].islower():
                    # "the Kremlin" also as "The Kremlin" at a sentence start
                    exact.setdefault(key, []).append(variant[:1].upper() + variant[1:])

        for text, kind, code, etype, sector in self.actors.surface_forms():
            add(text, _Form(etype, code, sector, kind))
        for region in regions:
            for name in region["names"]:
                add(name, _Form("LOCATION", region["code"], None, "region"), case_sensitive=True)
            for dem in region["demonyms"]:
                add(dem, _Form("NATIONALITY", region["code"], None, "region"), case_sensitive=True)
        classes = {c.code: c for c in self.weapons.classes}
        # lower-case generic weapon term -> its class ("artillery systems" -> artillery)
        self.generic_terms = {" ".join(t.lower().split()): g.weapon_class
                              for g in self.weapons.generic for t in g.terms}
        for text, system in self.weapons.surface_forms():
            form = _Form(
                system.entity_type, system.name, None, "weapon",
                weapon_class=system.weapon_class, origin=system.origin,
                requires_context=system.requires_context,
            )
            add(text, form, case_sensitive=system.case_sensitive or None)
        for generic in self.weapons.generic:
            etype = classes[generic.weapon_class].entity_type if generic.weapon_class in classes else "WEAPON"
            form = _Form(etype, None, None, "generic_weapon", weapon_class=generic.weapon_class,
                         not_after=generic.not_after)
            for term in generic.terms:
                add(term, form, case_sensitive=False)

        make = nlp.make_doc
        self.not_weapons = PhraseMatcher(nlp.vocab, attr="LOWER")
        if self.weapons.not_weapons:
            self.not_weapons.add("not_weapon", [make(t) for t in self.weapons.not_weapons])
        for key, texts in exact.items():
            self.exact.add(key, [make(t) for t in dict.fromkeys(texts)])
        for key, texts in folded.items():
            self.folded.add(key, [make(t) for t in dict.fromkeys(texts)])

    # ------------------------------------------------------------------
    def __call__(self, article: Article) -> Article:
        doc = article.doc
        mentions = self._gazetteer(doc)
        mentions = self._merge_ner(doc, mentions)
        mentions = self._coalitions(doc, mentions)
        mentions = self._groups(doc, mentions)
        mentions = self._org_groups(doc, mentions)
        mentions = self._nominal_groups(doc, mentions)
        self._country_roles(doc, mentions)
        mentions = self._drop_non_mentions(doc, mentions)
        mentions = self._names(doc, mentions)
        mentions = self._cities(doc, mentions)
        mentions = self._shared_heads(doc, mentions)
        mentions = self._aircraft_lists(doc, mentions)
        mentions.sort(key=lambda m: (m.ent.start, -m.ent.end))
        article.entities = [m.ent for m in mentions]
        return article

    # ------------------------------------------------------------------
    def _gazetteer(self, doc: Any) -> list[_Mention]:
        found: list[_Mention] = []
        strings = doc.vocab.strings
        not_weapon = {i for _, s, e in self.not_weapons(doc) for i in range(s, e)}
        senses: dict[int, set[str]] = {}  # sentence start -> the sense cue kinds in it
        for matcher in (self.exact, self.folded):
            for match_id, start, end in matcher(doc):
                form = self.forms[strings[match_id]]
                span = doc[start:end]
                if form.requires_context and not self._weapon_context(doc, start, end):
                    continue
                if form.kind == "demonym" and span.text.islower():
                    continue  # "russian" in lower case is rarely the nationality
                if form.kind == "demonym" and (
                        (start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in ("al", "el")) or
                        (end < len(doc) and doc[end].lower_ in self.currency_nouns)):
                    continue  # a name's "al-Masri"; money: "forty Jordanian dinars"
                if form.not_after and _word_before(doc, start) in form.not_after:
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
                if _shouted(doc, start, end):
                    continue  # "IS" in "THIS IS WAR"
                found.append(_Mention(start, end, Entity(
                    text=span.text, start=span.start_char, end=span.end_char, type=form.type,
                    code=form.code, sector=form.sector, source="gazetteer",
                    weapon_class=form.weapon_class, origin=form.origin,
                ), form.kind))
        return _system_phrases(doc, _longest_non_overlapping(found))

    def _merge_ner(self, doc: Any, chosen: list[_Mention]) -> list[_Mention]:
        owner: dict[int, _Mention] = {i: m for m in chosen for i in range(m.start, m.end)}
        dropped: set[int] = set()
        added: list[_Mention] = []
        name_parts = {t.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent}
        for ent in doc.ents:
            etype = NER_MAP.get(ent.label_)
            if etype is None:
                continue
            s, e, lead_prep = _trim_tokens(ent, self.locative_preps)
            if s >= e or _clause_not_name(doc, s, e):
                continue
            inner = list({id(owner[i]): owner[i] for i in range(s, e) if i in owner}.values())
            if inner:
                if not (etype == "ORG" and self._wraps_places(inner, s, e)):
                    continue
                # an organisation named after a place: "U.S. Southern Command"
                code = next((m.ent.code for m in inner if m.ent.code), None)
                for m in inner:
                    dropped.add(id(m))
                span = doc[s:e]
                added.append(_Mention(s, e, Entity(
                    text=span.text, start=span.start_char, end=span.end_char, type="ORG",
                    code=code, sector=self.sector_of(span.text), source="ner"), "ner"))
                continue
            if lead_prep and etype in ("PERSON", "ORG", "NATIONALITY", "LOCATION"):
                etype = "LOCATION"
            elif etype in ("PERSON", "ORG", "NATIONALITY") and self._city_named(doc, s, e, etype, name_parts):
                etype = "LOCATION"
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
            added.append(_Mention(s, e, entity, "ner"))
        out = [m for m in chosen if id(m) not in dropped]
        used = {i for m in out for i in range(m.start, m.end)}
        for m in added:
            if any(i in used for i in range(m.start, m.end)):
                continue
            out.append(m)
            used.update(range(m.start, m.end))
        return out

    @staticmethod
    def _wraps_places(inner: list[_Mention], s: int, e: int) -> bool:
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

    def _city_named(self, doc: Any, s: int, e: int, etype: str, name_parts: set[str]) -> bool:
        """An NER name that is a known city and reads as a place: after a locative word
        (10,000+ people), or, for a PERSON or NORP, anywhere but as a subject for a big
        city (100,000+) that is not part of a person's full name in the article ("the
        siege of Mariupol", "to encircle Bakhmut")."""
        text = doc[s:e].text
        if e - s > 3 or not text[:1].isupper():
            return False
        if e < len(doc) and _possessive(doc[e]):
            return False  # "Obama's speech"
        prev = doc[s - 1].lower_ if s > 0 else ""
        if etype == "NATIONALITY" or prev in self.city_preps or \
                (prev == "of" and s > 1 and doc[s - 2].lower_ in self.city_place_nouns):
            return self._is_city(text)
        if etype == "ORG" or e - s > 1 or text in name_parts or doc[s].dep_ in ("nsubj", "nsubjpass") or \
                prev in self.title_nouns or prev in _NAME_STOP:
            # an organisation named after its city (a football club) needs a locative word
            return False
        return self._is_city(text, 100_000)

    # ------------------------------------------------------------------
    def _coalitions(self, doc: Any, ms: list[_Mention]) -> list[_Mention]:
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
            ms.append(_Mention(start, tok.i + 1, Entity(
                text=span.text, start=span.start_char, end=span.end_char, type="ORG",
                source="rule"), "coalition"))
            used.update(range(start, tok.i + 1))
        return ms

    def _groups(self, doc: Any, ms: list[_Mention]) -> list[_Mention]:
        """Group and government mentions built around a country or nationality."""
        ms.sort(key=lambda m: m.start)
        by_start = {m.start: m for m in ms}
        removed: set[int] = set()
        new: list[_Mention] = []
        n = len(doc)
        for m in ms:
            if id(m) in removed:
                continue
            ent = m.ent
            placeish = ent.type in ("NATIONALITY", "LOCATION") and m.kind in (*_PLACE_KINDS, "demonym")
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
            if j < n and (doc[j].lower_ in heads or (not leader and _people_plural(doc[j]))) and \
                    doc[j].pos_ in ("NOUN", "PROPN") and \
                    all(k not in by_start or by_start[k] in inner for k in range(m.end, j + 1)):
                code = None if ent.type == "PERSON" else ent.code
                new.append(self._org(doc, m.start, j + 1, code))
                removed.update(id(x) for x in inner)
                continue
            if not placeish:
                continue
            # "<group noun> of <country>": "the Government of Chad", "the people of Yemen"
            if m.kind in _PLACE_KINDS and m.start >= 2 and doc[m.start - 1].lower_ == "of" \
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
                    m.end not in by_start and not self._is_city(doc[m.start:m.end + 1].text, 0):
                span = doc[m.start:m.end + 1]
                new.append(_Mention(m.start, m.end + 1, Entity(
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
                doc[m.start - 1].pos_ in ("ADJ", "NUM") or _possessive(doc[m.start - 1])))
            if plural and noun and (m.kind == "demonym" or (m.kind == "ner" and singled)):
                new.append(self._org(doc, m.start, m.end, ent.code))
                removed.add(id(m))
        return [m for m in ms if id(m) not in removed] + new

    def _org_groups(self, doc: Any, ms: list[_Mention]) -> list[_Mention]:
        """ "<organisation> [modifiers] <group noun>" is one ORG mention with the
        organisation's code and sector ("ISIL fighters", "the Hamas terrorist group");
        "<name>-held/-controlled <place noun>" is one LOCATION ("an ISIL-held building",
        "Houthi-controlled areas")."""
        by_start = {m.start: m for m in ms}
        used = {i for m in ms for i in range(m.start, m.end)}
        removed: set[int] = set()
        new: list[_Mention] = []
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
                    new.append(_Mention(m.start, k + 1, Entity(
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
                new.append(_Mention(m.start, j + 1, Entity(
                    text=span.text, start=span.start_char, end=span.end_char, type="ORG", code=m.ent.code,
                    sector=m.ent.sector or self.sector_of(span.text), source="rule"), "group"))
                removed.add(id(m))
                used.update(range(m.start, j + 1))
        return [m for m in ms if id(m) not in removed] + new

    def _nominal_groups(self, doc: Any, ms: list[_Mention]) -> list[_Mention]:
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
                    and not self._is_city(tok.text, 0):
                # with its noun modifiers ("a fighting position", "a VBIED facility") unless
                # that names a town to geo; adjectives stay out ("the besieged city")
                etype = "LOCATION"
                while start < tok.i and (doc[start].pos_ != "NOUN" and doc[start].tag_ != "VBG" or
                                         self._is_city(doc[start:tok.i + 1].text, 0)):
                    start += 1
            else:
                continue
            span = doc[start:tok.i + 1]
            ms.append(_Mention(start, tok.i + 1, Entity(
                text=span.text, start=span.start_char, end=span.end_char, type=etype,
                sector=self.sector_of(span.text) if etype == "ORG" else None, source="rule"), "nominal"))
            used.update(range(start, tok.i + 1))
        return ms

    def _org(self, doc: Any, start: int, end: int, code: str | None) -> _Mention:
        span = doc[start:end]
        return _Mention(start, end, Entity(
            text=span.text, start=span.start_char, end=span.end_char, type="ORG", code=code,
            sector=self.sector_of(span.text), source="rule"), "group")

    # ------------------------------------------------------------------
    def _country_roles(self, doc: Any, ms: list[_Mention]) -> None:
        """A country named as an actor is the state (ORG), not the place."""
        for m in ms:
            if m.ent.type != "LOCATION" or m.kind not in _PLACE_KINDS or not m.ent.code:
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

    def _drop_non_mentions(self, doc: Any, ms: list[_Mention]) -> list[_Mention]:
        """Places that are a title's portfolio ("Minister for Africa", "Secretary
        of State")."""
        out = []
        for m in ms:
            if m.ent.type in ("LOCATION", "ORG") and m.kind in (*_PLACE_KINDS, "ner"):
                i = m.start - 1
                if i >= 0 and doc[i].lower_ == "the":
                    i -= 1
                if i >= 1 and doc[i].lower_ in ("for", "of") and doc[i - 1].lower_ in self.title_nouns and \
                        (m.kind != "ner" or m.end - m.start == 1):
                    continue
            out.append(m)
        return out

    # ------------------------------------------------------------------
    def _names(self, doc: Any, ms: list[_Mention]) -> list[_Mention]:
        """Later (or earlier) single-word mentions of a person's name parts."""
        parts: set[str] = set()
        for m in ms:
            if m.ent.type != "PERSON" or m.end - m.start < 2:
                continue
            for tok in (doc[m.end - 1],):
                if tok.is_alpha and tok.text[:1].isupper() and len(tok.text) >= 3 and tok.lower_ not in _NAME_STOP:
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
                ms.append(_Mention(tok.i, tok.i + 1, Entity(
                    text=tok.text, start=tok.idx, end=tok.idx + len(tok.text), type="PERSON",
                    source="rule"), "rule"))
        return ms

    def _cities(self, doc: Any, ms: list[_Mention]) -> list[_Mention]:
        """Untagged known city names after a locative word: "strikes near Kherson"."""
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
            if k == j or (k < n and _possessive(doc[k])):
                continue
            while k > j:
                span = doc[j:k]
                if self._is_city(span.text, 100_000 if big else 10_000):
                    ms.append(_Mention(j, k, Entity(
                        text=span.text, start=span.start_char, end=span.end_char, type="LOCATION",
                        source="rule"), "city"))
                    used.update(range(j, k))
                    break
                k -= 1
        return ms

    @staticmethod
    def _is_city(text: str, population: int = 10_000) -> bool:
        from sitrep.geo import city_index

        candidates = city_index().get(text.lower())
        return bool(candidates) and candidates[0].population >= population

    def _shared_heads(self, doc: Any, ms: list[_Mention]) -> list[_Mention]:
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
            merged = _Mention(first, h.end, Entity(
                text=span.text, start=span.start_char, end=span.end_char, type=h.ent.type, code=h.ent.code,
                source="rule", weapon_class=h.ent.weapon_class if len(classes) == 1 else "weapon",
                origin=h.ent.origin), "rule")
            out.append(merged)
            for k in range(first, h.end):
                used[k] = merged
        return [m for m in out if id(m) not in drop]

    def _aircraft_lists(self, doc: Any, ms: list[_Mention]) -> list[_Mention]:
        """ "fighter, tanker and surveillance aircraft": one platform per role."""
        used = {i: m for m in ms for i in range(m.start, m.end)}
        heads = [m for m in ms if m.ent.type == "MILITARY_PLATFORM" and doc[m.end - 1].lower_ in self.aircraft_heads]
        heads += [_Mention(t.i, t.i + 1, Entity(t.text, t.idx, t.idx + len(t.text), "MILITARY_PLATFORM"), "rule")
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
                out.append(_Mention(k, k + 1, Entity(
                    text=tok.text, start=tok.idx, end=tok.idx + len(tok.text), type="MILITARY_PLATFORM",
                    source="rule", weapon_class=cls), "rule"))
                used[k] = out[-1]
        return out

    def _other_sense(self, doc: Any, start: int, end: int, form: _Form, senses: dict[int, set[str]]) -> bool:
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
        lo, hi = _sentence_bounds(doc, i)
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

    @staticmethod
    def _weapon_context(doc: Any, start: int, end: int) -> bool:
        lo, hi = max(0, start - 4), min(len(doc), end + 4)
        return any(doc[i].lower_ in WEAPON_CONTEXT for i in range(lo, hi) if not start <= i < end)


def _lower_set(words: Any) -> frozenset[str]:
    return frozenset(str(w).lower() for w in words)


POSSESSIVE = ("'s", "’s", "'", "’")


def _clause_not_name(doc: Any, s: int, e: int) -> bool:
    """An NER span that is a clause, not a name: the small model tags runs of capitalised
    headline words as one organisation ("Belarus and Russia to | Establish Joint Missile
    Division as Military Cooperation Advances"). A span that starts with an infinitive
    ("to Establish") or holds its sentence's main verb is no name."""
    if s > 0 and doc[s].tag_ == "VB" and doc[s - 1].tag_ == "TO":
        return True
    return any(t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX") and t.tag_ != "VBG" for t in doc[s:e])


def _possessive(tok: Any) -> bool:
    """A possessive ending; by its form when the sentence was not tagged (triage)."""
    return tok.tag_ == "POS" or (not tok.tag_ and tok.lower_ in POSSESSIVE)


def _people_plural(tok: Any) -> bool:
    """A plural noun for people by its ending: "preservationists", "specialists"."""
    return tok.tag_ == "NNS" and tok.lower_.endswith("ists")


def _sentence_bounds(doc: Any, i: int) -> tuple[int, int]:
    """Token range of the sentence holding token `i` (40 tokens either side without
    sentence boundaries)."""
    if doc.has_annotation("SENT_START"):
        sent = doc[i].sent
        return sent.start, sent.end
    return max(0, i - 40), min(len(doc), i + 40)


def _word_before(doc: Any, start: int) -> str:
    """The lower-case word before token `start`, looking through a hyphen ("counter-IED")."""
    i = start - 1
    if i >= 1 and doc[i].text == "-":
        i -= 1
    return doc[i].lower_ if i >= 0 else ""


def _shouted(doc: Any, start: int, end: int) -> bool:
    """A short all-capital match inside all-capital text ("THIS IS WAR")."""
    text = doc[start:end].text
    if len(text) > 3 or not text.isupper():
        return False
    near = [doc[i] for i in (start - 1, end) if 0 <= i < len(doc) and doc[i].is_alpha and len(doc[i].text) > 1]
    return bool(near) and all(t.text.isupper() for t in near)


def _country_near(chosen: list[_Mention], start: int, end: int) -> str | None:
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
    while e > s and (_possessive(doc[e - 1]) or doc[e - 1].is_punct):
        e -= 1
    return s, e, lead_prep


def _system_phrases(doc: Any, ms: list[_Mention]) -> list[_Mention]:
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


def _longest_non_overlapping(found: list[_Mention]) -> list[_Mention]:
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    chosen: list[_Mention] = []
    used: set[int] = set()
    for m in found:
        if any(i in used for i in range(m.start, m.end)):
            continue
        chosen.append(m)
        used.update(range(m.start, m.end))
    return chosen


# ----------------------------------------------------------------------
_TITLE_WORDS = {"prime", "deputy", "foreign", "defence", "defense", "special", "interior", "vice", "chief",
                "senior", "top", "regional", "military", "acting"}
_BE = {"is", "was", "'s", "’s", "seems", "seemed", "appears", "appeared", "remains", "remained"}


class Corefer:
    """The `coref` stage: personal pronouns as mentions that carry their antecedent.

    It runs after `events`, so a pronoun never becomes an event actor, a quote's
    speaker or a place by itself: those stages have already read the entities. The
    mentions it adds have source "coref" and `refers_to` (the antecedent's text, or
    None when it is unresolved or is the author: "I" and "we" outside a quote).

    - "I", "me", "he", "she", "him" (and "her" as an object): PERSON. A first-person
      pronoun inside a quote refers to the quote's speaker; a third-person one that
      is a quote's speaker to the person attribution resolved; otherwise to the
      nearest PERSON named before it.
    - "we", "us": ORG (inside a quote, the speaker's side).
    - "they": ORG when the nearest plural candidate before it, in its sentence or
      the one before, is an organisation or a group of people ("the militants ...
      they"); not when it is a thing ("the explosions were so loud they ...").
    - "it": ORG only as the subject of a clause whose antecedent -- the nearest
      subject before it, in its sentence or the one before -- is an organisation or
      state ("The council met on Monday. It said ..."); never an expletive "it"
      ("it is clear that").
    - "there", "here" as a place adverb: LOCATION, referring to the place named before.
    - a title standing alone ("the Foreign Secretary said", "the UN Special Envoy for
      Syria"): PERSON, referring to the person named earlier with that title.
    - a nationality in a person's title ("Chilean Defence Minister Ana Ruiz", "the
      Chilean Defence Minister") becomes part of the PERSON mention and gives it its code;
      a determiner, a nationality and a title with no name ("a Peruvian military
      spokesman") are a PERSON mention of their own, referring to no one named.
    - a nationality right before a generic platform noun is part of the platform
      mention ("Peruvian warplanes"); a named system keeps its span.
    Possessive pronouns are left out, and so is a word the tagger did not take for a
    pronoun ("World War I").
    """

    def __init__(self, *, data_dir: str | None = None) -> None:
        words = data.load("mentions", data_dir)
        pro = words["pronouns"]
        self.person = _lower_set(pro["person"])
        self.group = _lower_set(pro["group"])
        self.plural = _lower_set(pro["plural"])
        self.neuter = _lower_set(pro["neuter"])
        self.place = _lower_set(pro["place"])
        self.person_nouns = _lower_set(pro["person_nouns"])
        self.people = _lower_set(words["people_nouns"]) | _lower_set(words["group_heads"]) | \
            _lower_set(words["institution_nouns"])
        self.institutions = _lower_set(words["institution_nouns"])
        self.titles = _lower_set(words["person_titles"])

    def __call__(self, article: Article) -> Article:
        doc = article.doc
        if doc is None or not len(doc):
            return article
        ents = sorted((e for e in article.entities if e.source != "coref"), key=lambda e: e.start)
        starts = [e.start for e in ents]
        at: dict[int, Entity] = {}
        for e in ents:
            for i in range(e.start, e.end):
                at.setdefault(i, e)
        quotes = [q for q in article.quotes if q.end > q.start]
        added: list[Entity] = []
        resolved: dict[int, str] = {}  # token index of an "it" -> its antecedent
        full: dict[str, str] = {}  # surname -> the full name first seen with it
        for e in ents:
            name = e.text.strip()
            if e.type == "PERSON" and " " in name:
                full.setdefault(name.split()[-1], name)
        for tok in doc:
            low = tok.lower_
            if low not in self.person and low not in self.group and low not in self.plural \
                    and low not in self.neuter and low not in self.place:
                continue
            if tok.idx in at or _not_pronoun(tok) or (tok.tag_ and tok.tag_ not in ("PRP", "RB", "EX")):
                continue
            ent = self._resolve(article, tok, low, ents, starts, at, quotes, resolved, full)
            if ent is not None:
                added.append(ent)
        titles = self._titles(doc, ents, at)
        added.extend(titles)
        gone = self._titled_nationalities(doc, ents, at, titles)
        added.extend(self._national_titles(doc, ents, gone))
        self._owned_platforms(doc, ents, gone)
        if added or gone:
            kept = [e for e in article.entities if id(e) not in gone]
            article.entities = sorted([*kept, *added], key=lambda e: (e.start, -e.end))
        return article

    @staticmethod
    def _owned_platforms(doc: Any, ents: list[Entity], gone: set[int]) -> None:
        """A nationality right before a generic platform noun names whose it is and is
        part of the platform mention ("Peruvian warplanes", "two Chilean frigates"); its
        id goes into `gone`. Named systems keep their own span."""
        starts = {e.start: e for e in ents if e.type == "MILITARY_PLATFORM" and e.code is None}
        if not starts or not any(e.type == "NATIONALITY" for e in ents):
            return
        text = doc.text  # rebuilt from the tokens on each access: once
        for e in ents:
            if e.type != "NATIONALITY" or id(e) in gone:
                continue
            k = e.end
            while k < len(text) and text[k] == " ":
                k += 1
            platform = starts.get(k)
            if platform is None or k - e.end > 1:
                continue
            gone.add(id(e))
            platform.text = text[e.start:platform.end]
            platform.start = e.start

    def _national_titles(self, doc: Any, ents: list[Entity], gone: set[int]) -> list[Entity]:
        """ "a Russian military spokesman", "a senior Chadian general": a determiner, a
        nationality and a person's title (with title modifiers only, no name after it) are
        one PERSON mention with the nationality's code, referring to no one named; the
        NATIONALITY mention's id goes into `gone`."""
        out: list[Entity] = []
        n = len(doc)
        heads = self.titles | {"general"}
        for e in ents:
            if e.type != "NATIONALITY" or not e.code or id(e) in gone:
                continue
            span = doc.char_span(e.start, e.end, alignment_mode="expand")
            if span is None:
                continue
            i = span.start - 1
            while i >= 0 and span.start - i <= 2 and doc[i].lower_ in _TITLE_WORDS:
                i -= 1
            j = span.end
            while j < n and j - span.end < 2 and doc[j].lower_ in _TITLE_WORDS:
                j += 1
            if i < 0 or doc[i].lower_ not in ("a", "an", "the") or j >= n or doc[j].lower_ not in heads or \
                    doc[j].tag_ not in ("NN", "NNP", ""):
                continue
            if j + 1 < n and (doc[j + 1].pos_ == "PROPN" or doc[j + 1].lower_ in ("of", "for")):
                continue  # a name or a portfolio follows: left to the other title rules
            if doc[j].dep_ == "attr":
                continue  # what someone is ("he is a Chadian general"), not a mention of a person
            gone.add(id(e))
            found = doc[i:j + 1]
            out.append(Entity(text=found.text, start=found.start_char, end=found.end_char, type="PERSON",
                              code=e.code, source="coref", refers_to=None))
        return out

    def _titled_nationalities(self, doc: Any, ents: list[Entity], at: dict[int, Entity],
                              titles: list[Entity]) -> set[int]:
        """A nationality that is part of a person's title ("Iraqi President Ana Ruiz",
        "the Chadian Foreign Minister") is part of the PERSON mention, which takes its
        country code; the ids of the NATIONALITY mentions so absorbed. Done here, after
        `events` read the nationality for the person's country."""
        gone: set[int] = set()
        if not any(e.type == "NATIONALITY" for e in ents):
            return gone
        for t in titles:
            inner = [e for e in ents if e.type == "NATIONALITY" and t.start <= e.start and e.end <= t.end]
            if len(inner) == 1:
                gone.add(id(inner[0]))
                t.code = inner[0].code
        words = self.titles | _TITLE_WORDS
        for e in ents:
            if e.type != "PERSON" or e.source == "coref":
                continue
            span = doc.char_span(e.start, e.end, alignment_mode="expand")
            if span is None:
                continue
            i, titled = span.start - 1, False
            while i >= 0 and span.start - i <= 5 and doc[i].lower_ in words and doc[i].idx not in at:
                titled = titled or doc[i].lower_ in self.titles
                i -= 1
            nat = at.get(doc[i].idx) if i >= 0 and titled else None
            if nat is None or nat.type != "NATIONALITY" or nat.end != doc[i].idx + len(doc[i].text) or \
                    id(nat) in gone:
                continue
            gone.add(id(nat))
            e.text = doc[doc.char_span(nat.start, nat.end, alignment_mode="expand").start:span.end].text
            e.start, e.code = nat.start, e.code or nat.code
        return gone

    def _titles(self, doc: Any, ents: list[Entity], at: dict[int, Entity]) -> list[Entity]:
        """ "the Foreign Secretary", "the prime minister", "the UN Special Envoy for
        Syria": a person named by a title alone, referring to the person named earlier
        with that title."""
        out: list[Entity] = []
        n = len(doc)
        for tok in doc:
            if tok.lower_ != "the":
                continue
            j = tok.i + 1
            while j < n and j - tok.i <= 4 and doc[j].lower_ not in self.titles and \
                    (doc[j].text[:1].isupper() or doc[j].lower_ in _TITLE_WORDS) and not doc[j].is_punct:
                j += 1  # "the US Defense", "the UN Special", "the prime"
            if j >= n or doc[j].lower_ not in self.titles or doc[j].pos_ not in ("NOUN", "PROPN", ""):
                continue
            head, end = doc[j], j + 1
            if end < n and doc[end].lower_ in ("of", "for") and end + 1 < n and \
                    (doc[end + 1].text[:1].isupper() or doc[end + 1].lower_ == "the"):
                k = end + 1
                if doc[k].lower_ == "the":
                    k += 1
                while k < n and k - end <= 6 and (doc[k].text[:1].isupper() or doc[k].lower_ in ("and", "of")) \
                        and doc[k].is_alpha:
                    k += 1
                while k > end + 1 and doc[k - 1].lower_ in ("and", "of", "the"):
                    k -= 1
                if k > end + 1 and doc[k - 1].text[:1].isupper():
                    end = k
            if end < n and (doc[end].idx in at and at[doc[end].idx].type == "PERSON" or
                            (doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper())):
                continue  # "the Foreign Secretary Philip Hammond": the name is the mention
            if any(i < n and doc[i].idx in at and at[doc[i].idx].type in ("PERSON", "WEAPON", "MILITARY_PLATFORM")
                   for i in range(tok.i, end)):
                continue
            span = doc[tok.i:end]
            out.append(Entity(text=span.text, start=span.start_char, end=span.end_char, type="PERSON",
                              source="coref", refers_to=self._titled_person(doc, ents, head, span.start_char)))
        return out

    @staticmethod
    def _titled_person(doc: Any, ents: list[Entity], head: Any, before: int) -> str | None:
        """The nearest PERSON before `before` named with the title `head` next to the name."""
        title = head.lower_
        k = bisect.bisect_left([e.start for e in ents], before)
        text = doc.text  # built from the tokens on each access
        for e in reversed(ents[max(0, k - 200):k]):
            if e.type != "PERSON" or e.end > before:
                continue
            lo = max(0, e.start - 60)
            near = text[lo:e.end + 80].lower()
            if title in near.replace(",", " ").split():
                return e.text
        return None

    # ------------------------------------------------------------------
    def _resolve(self, article: Article, tok: Any, low: str, ents: list[Entity], starts: list[int],
                 at: dict[int, Entity], quotes: list[Any], resolved: dict[int, str],
                 full: dict[str, str]) -> Entity | None:
        def make(etype: str, refers: str | None) -> Entity:
            return Entity(text=tok.text, start=tok.idx, end=tok.idx + len(tok.text), type=etype,
                          source="coref", refers_to=refers)

        if low in self.person:
            if low == "her" and tok.tag_ != "PRP":
                return None  # "her" as a possessive, or untagged
            if low in ("i", "me", "myself"):
                return make("PERSON", _quote_speaker(quotes, tok.idx))
            said = next((q.speaker for q in quotes if q.speaker_start is not None
                         and q.speaker_start <= tok.idx < (q.speaker_end or 0)), None)
            return make("PERSON", said or self._person_noun_before(tok, at) or
                        _person_before(ents, starts, tok.idx, full))
        if low in self.group:
            return make("ORG", _quote_speaker(quotes, tok.idx))
        if low in self.plural:
            ante = self._plural_antecedent(tok, at)
            return None if ante is None else make("ORG", ante)
        if low in self.place:
            nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
            if tok.dep_ != "advmod" or (nxt is not None and nxt.lower_ in _BE | {"are", "were", "has", "have"}):
                return None  # "there is", "there's", or untagged
            place = next((e.text for e in reversed(ents[:bisect.bisect_left(starts, tok.idx)])
                          if e.type == "LOCATION" and tok.idx - e.end < 600), None)
            return make("LOCATION", place)
        if low in self.neuter:
            ante = self._neuter_antecedent(tok, at, resolved)
            if ante is None:
                return None
            resolved[tok.i] = ante
            return make("ORG", ante)
        return None

    def _person_noun_before(self, tok: Any, at: dict[int, Entity]) -> str | None:
        """A person named by a common noun as a subject earlier in the sentence ("A senior
        officer, who said he was not authorised, ...")."""
        for i in range(tok.i - 1, _sentence_start(tok) - 1, -1):
            t = tok.doc[i]
            if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "NOUN" and t.idx not in at:
                return _chunk_text(t) if t.lower_ in self.person_nouns else None
        return None

    def _plural_antecedent(self, tok: Any, at: dict[int, Entity]) -> str | None:
        """The nearest plural candidate before `tok` (its sentence and the one before):
        its text when it is a group of people or an organisation, else None."""
        doc = tok.doc
        lo = _sentence_start(tok, back=1)
        i = tok.i - 1
        while i >= lo:
            t = doc[i]
            e = at.get(t.idx)
            if e is not None and e.type in ("ORG", "NATIONALITY") and e.text.lower() not in self.neuter:
                return e.text if e.type == "ORG" else None
            if e is None and (t.tag_ in ("NNS", "NNPS") or (not t.tag_ and t.lower_ in self.people)):
                if t.lower_ in self.people:
                    return _chunk_text(t)
                if t.dep_ in ("pobj", "compound", "npadvmod"):
                    i -= 1
                    continue  # "refugees working on farms ... if they": farms is not the topic
                return None  # a thing: "the explosions ... they"
            if e is not None and e.type in ("LOCATION", "WEAPON", "MILITARY_PLATFORM") and \
                    doc[i].tag_ in ("NNS", "NNPS"):
                return None
            i -= 1
        return None

    def _neuter_antecedent(self, tok: Any, at: dict[int, Entity], resolved: dict[int, str]) -> str | None:
        """The organisation a subject "it" refers to: the nearest subject before it in
        its sentence or the one before, when that is a singular ORG mention, an
        institution ("the government") or an "it" already resolved to one."""
        doc = tok.doc
        if tok.dep_ not in ("nsubj", "nsubjpass") or _expletive(tok):
            return None
        lo = _sentence_start(tok, back=1)
        for i in range(tok.i - 1, lo - 1, -1):
            t = doc[i]
            if t.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if t.lower_ in self.neuter:
                return resolved.get(t.i)
            if t.pos_ == "PRON":
                continue  # "which", "who": the relative clause's antecedent is further back
            e = at.get(t.idx)
            if e is not None:
                if e.type != "ORG" or t.tag_ in ("NNS", "NNPS") or t.lower_ in self.people - self.institutions:
                    return None  # a place, a person, a group of people ("the Syrians")
                return e.text
            if t.tag_ == "NN" and t.lower_ in self.institutions:
                return _chunk_text(t)
            return None
        return None


def _expletive(tok: Any) -> bool:
    """ "it is clear that", "it seems", "it's possible to", "it is time to"."""
    doc = tok.doc
    head = tok.head
    if head.lemma_.lower() in ("seem", "appear", "turn", "take", "matter", "rain", "remain"):
        return True
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is None or nxt.lower_ not in _BE:
        return False
    for j in range(tok.i + 2, min(len(doc), tok.i + 6)):
        t = doc[j]
        if t.lower_ in ("to", "that", "if", "whether", "for", "how", "why", "when"):
            return True
        if t.lower_ in ("time", "possible", "unclear", "clear", "likely", "unlikely", "important",
                        "vital", "essential", "true", "thought", "believed", "expected", "said",
                        "reported", "understood", "hoped", "feared"):
            return True
    return False


def _not_pronoun(tok: Any) -> bool:
    """ "US"/"IT" in capitals, "i" in lower case: not the pronoun."""
    text = tok.text
    if text.lower() == "i":
        return text != "I"
    return len(text) > 1 and text.isupper()


def _quote_speaker(quotes: list[Any], idx: int) -> str | None:
    for q in quotes:
        if q.direct and q.start <= idx < q.end:
            return q.speaker
    return None


def _person_before(ents: list[Entity], starts: list[int], idx: int, full: dict[str, str]) -> str | None:
    """The nearest PERSON named before `idx` (among the last 60 mentions), by its full
    name when it was a surname (`full`: surname -> first full name in the article)."""
    k = bisect.bisect_left(starts, idx)
    for e in reversed(ents[max(0, k - 60):k]):
        if e.type == "PERSON" and e.end <= idx:
            name = e.text.strip()
            return full.get(name, name) if " " not in name else name
    return None


def _sentence_start(tok: Any, back: int = 0) -> int:
    """Token index where `tok`'s sentence starts, or `back` sentences earlier."""
    doc = tok.doc
    if not doc.has_annotation("SENT_START"):
        return max(0, tok.i - 40)
    sent = tok.sent
    start = sent.start
    for _ in range(back):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return start


def _chunk_text(tok: Any) -> str:
    """The noun phrase `tok` heads, without a leading determiner."""
    left = tok
    for c in tok.lefts:
        if c.dep_ in ("amod", "compound", "nummod", "det", "poss") and c.i < left.i:
            left = c
    span = tok.doc[left.i:tok.i + 1]
    words = span.text.split()
    if len(words) > 1 and words[0].lower() in ("the", "a", "an", "these", "those", "this", "that"):
        return " ".join(words[1:])
    return span.text
