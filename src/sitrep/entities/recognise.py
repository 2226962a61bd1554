"""The `entities` stage itself: loads the gazetteers and word lists and runs the matching, merging and
mention rules over a parse.
"""

from __future__ import annotations

from functools import cached_property

from typing import Any
from spacy.matcher import PhraseMatcher

from sitrep import data
from sitrep.entities.gazetteer import GazetteerMatching, apostrophe_variants, is_case_sensitive
from sitrep.entities.mentions import MentionRules, heritage_compounds, person_name_parts
from sitrep.entities.ner import NerMerging
from sitrep.entities.places import PlaceMentions
from sitrep.entities.records import Form
from sitrep.furniture import Spans
from sitrep.entities.tokens import lower_set
from sitrep.gazetteers import SectorCues, load_actor_gazetteer
from sitrep.model import Article
from sitrep.weapons import load_weapon_gazetteer


PATTERN_CACHE_FORMAT = 1

PatternIds = tuple[tuple[int, ...], tuple[int, ...]]


def pattern_ids(nlp: Any, texts: list[str]) -> dict[str, PatternIds]:
    """Each of `texts` as the PhraseMatcher keys of its tokens, `text -> (ORTH ids, LOWER ids)`:
    what `PhraseMatcher.add` reads of a pattern `Doc` (it takes these tuples as they are,
    as when a matcher is unpickled).

    Tokenising the ~12,000 gazetteer patterns and making their Docs (a new lexeme for
    most of their words) costs a few tenths of a second at every start. The ids are kept
    in sitrep's cache (`sitrep.cache`), keyed by the texts, spaCy's version and the
    model's name and version, so that a warm start reads them back and makes no Doc. A
    cache that is off, unwritable or damaged only means the texts are tokenised again."""
    import marshal

    import spacy

    from sitrep import cache

    unique = sorted(set(texts))
    name = cache.key("pattern-ids", PATTERN_CACHE_FORMAT, spacy.__version__, marshal.version,
                     nlp.meta.get("lang"), nlp.meta.get("name"), nlp.meta.get("version"), unique)
    raw = cache.read_checked("patterns", name)
    if raw is not None:
        try:
            rows = marshal.loads(raw)
        except (EOFError, ValueError, TypeError):
            rows = None
        if isinstance(rows, tuple) and len(rows) == len(unique):
            return dict(zip(unique, rows))
    rows = tuple((tuple(t.orth for t in doc), tuple(t.lower for t in doc)) for doc in nlp.tokenizer.pipe(unique))
    cache.write_checked("patterns", name, marshal.dumps(rows))
    return dict(zip(unique, rows))


class Recognise(GazetteerMatching, NerMerging, PlaceMentions, MentionRules):
    """Finds entity mentions; fills `article.entities` (sorted by offset)."""

    def __init__(self, nlp: Any, *, data_dir: str | None = None) -> None:
        self.actors = load_actor_gazetteer(data_dir)
        self.weapons = load_weapon_gazetteer(data_dir)
        regions = data.load("regions", data_dir)["regions"]
        words = data.load("mentions", data_dir)
        self.group_heads = lower_set(words["group_heads"])
        self.group_modifiers = lower_set(words["group_modifiers"])
        self.of_heads = lower_set(words["of_heads"])
        self.regime_heads = lower_set(words["regime_heads"])
        self.coalition_heads = lower_set(words["coalition_heads"])
        self.place_heads = lower_set(words["place_heads"])
        self.place_verbs = lower_set(words["place_verbs"])
        self.place_nouns = lower_set(words["place_nouns"]) | self.place_heads
        self.agent_preps = lower_set(words["agent_prepositions"])
        self.ally_nouns = lower_set(words["ally_nouns"])
        self.title_nouns = lower_set(words["title_nouns"])
        self.locative_preps = lower_set(words["locative_prepositions"])
        self.institution_nouns = lower_set(words["institution_nouns"])
        self.people_nouns = lower_set(words["people_nouns"])
        self.place_nouns_nominal = lower_set(words["place_nouns_nominal"])
        self.city_preps = lower_set(words["city_prepositions"])
        self.city_place_nouns = lower_set(words["city_place_nouns"])
        self.settlement_nouns = lower_set(words.get("settlement_nouns", []))
        self.geo_nouns = lower_set(words["geo_nouns"])
        self.currency_nouns = lower_set(words["currency_nouns"])
        self.part_nouns = lower_set(words["part_nouns"])
        self.aircraft_roles = {k.lower(): v for k, v in words["aircraft_roles"].items()}
        self.aircraft_heads = lower_set(words["aircraft_heads"])
        self.org_heads = lower_set(words["org_heads"])
        self.org_modifiers = lower_set(words["org_modifiers"])
        self.held_words = lower_set(words["held_words"])
        self.sector_of = SectorCues(self.actors.sector_cues())
        self.forms: dict[str, Form] = {}
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        exact: dict[str, list[str]] = {}
        folded: dict[str, list[str]] = {}

        def add(text: str, form: Form, *, case_sensitive: bool | None = None) -> None:
            text = text.strip()
            if not text:
                return
            cs = is_case_sensitive(text) if case_sensitive is None else case_sensitive
            key = f"{form.kind}|{form.code}|{form.type}|{form.sector}|{form.weapon_class}"
            self.forms.setdefault(key, form)
            for variant in apostrophe_variants(text):
                (exact if cs else folded).setdefault(key, []).append(variant)
                if not cs and variant[:1].islower():
                    # "the Kremlin" also as "The Kremlin" at a sentence start
                    exact.setdefault(key, []).append(variant[:1].upper() + variant[1:])

        for text, kind, code, etype, sector in self.actors.surface_forms():
            add(text, Form(etype, code, sector, kind))
        for region in regions:
            for name in region["names"]:
                add(name, Form("LOCATION", region["code"], None, "region"), case_sensitive=True)
            for dem in region["demonyms"]:
                add(dem, Form("NATIONALITY", region["code"], None, "region"), case_sensitive=True)
        classes = {c.code: c for c in self.weapons.classes}
        # lower-case generic weapon term -> its class ("artillery systems" -> artillery)
        self.generic_terms = {" ".join(t.lower().split()): g.weapon_class
                              for g in self.weapons.generic for t in g.terms}
        for text, system in self.weapons.surface_forms():
            form = Form(
                system.entity_type, system.name, None, "weapon",
                weapon_class=system.weapon_class, origin=system.origin,
                requires_context=system.requires_context,
            )
            add(text, form, case_sensitive=system.case_sensitive or None)
        for generic in self.weapons.generic:
            etype = classes[generic.weapon_class].entity_type if generic.weapon_class in classes else "WEAPON"
            form = Form(etype, None, None, "generic_weapon", weapon_class=generic.weapon_class,
                        not_after=generic.not_after)
            for term in generic.terms:
                add(term, form, case_sensitive=False)

        ids = pattern_ids(nlp, [*self.weapons.not_weapons, *(t for ts in exact.values() for t in ts),
                                *(t for ts in folded.values() for t in ts)])
        self.not_weapons = PhraseMatcher(nlp.vocab, attr="LOWER")
        if self.weapons.not_weapons:
            self.not_weapons.add("not_weapon", [ids[t][1] for t in self.weapons.not_weapons])
        for key, texts in exact.items():
            self.exact.add(key, [ids[t][0] for t in dict.fromkeys(texts)])
        for key, texts in folded.items():
            self.folded.add(key, [ids[t][1] for t in dict.fromkeys(texts)])

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
        mentions = person_name_parts(doc, mentions)
        mentions = heritage_compounds(doc, mentions)
        mentions = self._cities(doc, mentions)
        _one_name_one_type(mentions)
        mentions = self._place_noun_of_name(doc, mentions)
        mentions = self._shared_heads(doc, mentions)
        mentions = self._aircraft_lists(doc, mentions)
        self._short_forms(mentions)
        if article.furniture:
            # a name that starts in a photo credit or a byline names no one in the story, and a
            # caption's credit glued to its first words ("Reuters North Korean leader ...") would
            # lend its code to every later mention of them
            spans = Spans((a, b) for a, b, *_ in article.furniture)
            mentions = [m for m in mentions if not spans.contains(m.ent.start)]
        mentions.sort(key=lambda m: (m.ent.start, -m.ent.end))
        article.entities = [m.ent for m in mentions]
        return article
    def _short_forms(self, mentions: list[Mention]) -> None:
        """"the North" is North Korea in an article that names North Korea (countries.yaml
        `short_forms`): an uncoded place or organisation mention of that form takes the code."""
        short = self._short_form_index
        if not short:
            return
        named = {m.ent.code for m in mentions if m.ent.code}
        for m in mentions:
            ent = m.ent
            if ent.code is not None or ent.type not in ("LOCATION", "ORG"):
                continue
            key = ent.text.lower().removeprefix("the ").removesuffix("'s").removesuffix("’s").strip()
            code = short.get(key)
            if code is not None and code in named:
                ent.code = code

    def _place_noun_of_name(self, doc: Any, mentions: list[Mention]) -> list[Mention]:
        """"the city of Raqqa", "the suburbs of Damascus": the place noun is no mention of
        its own beside the name it introduces; the name is the place."""
        starts = {m.start: m for m in mentions if m.ent.type == "LOCATION" and m.kind != "nominal"}
        drop: set[int] = set()
        for m in mentions:
            if m.kind != "nominal" or m.ent.type != "LOCATION" or doc[m.end - 1].lower_ not in self.city_place_nouns:
                continue
            j = m.end
            if j < len(doc) and doc[j].lower_ == "of":
                j += 1
                if j < len(doc) and doc[j].lower_ == "the":
                    j += 1
                if j in starts:
                    drop.add(id(m))
        return [m for m in mentions if id(m) not in drop] if drop else mentions

    @cached_property
    def _short_form_index(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for c in self.actors.countries:
            for form in c.short_forms:
                out[form.lower().removeprefix("the ").strip()] = c.code
        return out

    # ------------------------------------------------------------------
    # ------------------------------------------------------------------


def _one_name_one_type(mentions: list[Mention]) -> None:
    """A name the tagger read as a place in one sentence is a place in the others: an
    uncoded ORG or PERSON mention found by NER whose exact text is elsewhere in the
    article a LOCATION (by NER or a city name after a locative word) becomes a LOCATION
    ("fighting in Marjah ... Marjah's elders" -> both places). A name read both ways
    with no place reading is left as it is."""
    places = {m.ent.text for m in mentions if m.ent.type == "LOCATION" and m.kind in ("ner", "city")}
    if not places:
        return
    for m in mentions:
        ent = m.ent
        if m.kind == "ner" and ent.type in ("ORG", "PERSON") and ent.code is None and ent.text in places:
            ent.type, ent.sector = "LOCATION", None
