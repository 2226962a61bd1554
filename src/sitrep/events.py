"""The `events` stage: PLOVER events from trigger rules over the dependency parse.

For every token whose lemma is in the trigger lexicon (`data/event_lexicon.yaml`)
the most specific matching entry fires. Its frame gives the roles: the subject
(or passive agent, possessor, "by" phrase, "between X and Y") are the actors,
the object or certain prepositional objects the recipients. Actor phrases are
resolved to codes through the entity mentions inside them, people through the
country and title of their first mention, and pronouns through the last actor.
Weapons, location and date come from the trigger's clause; modality from its
auxiliaries, negation and governing verbs; attribution from the quote or claim
that contains the trigger. Each event records its evidence and the rule id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from typing import Any

from sitrep import data
from sitrep.data.leaders import LeaderIndex, load_leaders
from sitrep.dates import parse_iso, resolve
from sitrep.errors import DataFileError
from sitrep.gazetteers import SectorCues, load_actor_gazetteer
from sitrep.model import (
    AcledType, Actor, Article, Attribution, Entity, Event, Evidence, Place, Quote, Weapon,
)

FUTURE_AUX = {"will", "shall", "'ll", "wo"}
HYPOTHETICAL_AUX = {"could", "might", "may", "would", "should", "can", "must"}
PLAN_VERBS = {
    "plan", "intend", "aim", "set", "prepare", "expect", "seek", "want", "hope", "decide",
    "agree", "pledge", "promise", "vow", "schedule", "propose", "consider", "mull", "move",
    "threaten", "vote", "go", "poise", "slate", "ready", "gear",
}
PARTICLES = {"up", "down", "off", "out"}
DESTINATION_PREPS = {"to", "into", "toward", "towards", "onto"}
PRONOUNS = {"he", "she", "it", "they", "we", "his", "her", "its", "their", "our"}
REFLEXIVE = {"itself", "themselves", "himself", "herself", "ourselves", "oneself"}
CAPABILITY_HEADS = {"ability", "capability", "capacity", "power", "potential", "means", "able", "capable",
                    "designed", "intended", "meant", "allow", "enable", "can"}
PLAN_NOUNS = {"plan", "plans", "intention", "proposal", "decision", "bid", "move", "step", "steps", "preparation"}
ANNOUNCE_VERBS = {"announce", "confirm", "declare", "unveil", "reveal", "disclose", "proclaim"}
NEGATING_VERBS = {"deny", "refute", "dismiss", "rule", "fail"}
# the writer keeps a distance: a hedging adverb on the trigger's clause, a hedging adjective on
# a noun trigger ("the alleged strike"), or a claim verb above it ("claimed that troops shelled")
HEDGE_ADVERBS = {"allegedly", "reportedly", "purportedly", "supposedly", "ostensibly", "apparently"}
HEDGE_ADJECTIVES = {"alleged", "suspected", "purported", "supposed", "reported", "claimed", "unconfirmed", "unverified"}
ALLEGE_VERBS = {"allege", "claim", "purport"}
HYPO_MARKS = {"if", "unless", "whether", "lest"}
SUBJ = {"nsubj", "csubj"}
CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "conj", "relcl", "xcomp", "acl", "pcomp", "parataxis"}
FUTURE_AGREE = {"SUPPORT", "AID", "CONSULT", "RETREAT", "CONCEDE", "COOPERATE"}
FUTURE_THREATEN = {"SANCTION", "PROTEST"}
BACKGROUND_PREPS = {"after", "following", "amid", "despite", "since"}
COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
INTENT_HEADS = {"willing", "prepared", "ready", "poised", "eager", "keen", "determined"}
REFRAMED_CAMEO = {"AGREE": "030", "THREATEN": "130", "REJECT": "120"}
# A verbal event (a demand, threat, refusal, promise, accusation, sanction) governs
# the action it is about; that action is its content, not a second happening.
GOVERNING_TYPES = {"REQUEST", "THREATEN", "REJECT", "AGREE", "ACCUSE", "SANCTION", "CONCEDE", "SUPPORT", "CONSULT"}
EMBED_DEPS = {"xcomp", "ccomp", "dobj", "pobj", "pcomp", "acl", "relcl", "nsubjpass", "attr", "oprd", "compound", "prep", "acomp"}
EMBED_PREPS = {"for", "of", "over", "about", "into", "on", "against", "to", "with", "from", "in", "by", "at", "out"}
# words inside these named entities are not triggers ("in March", "Strike" in a name)
NON_TRIGGER_ENTS = {"DATE", "TIME", "PERSON", "GPE", "LOC", "NORP", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
SUBORDINATE_MARKS = {"if", "unless", "until", "till", "before", "because", "as", "while", "once", "lest",
                     "whether", "so", "whereas"}
CAUSE_PREPS = {"because", "for", "during", "due", "over"} | BACKGROUND_PREPS
SUBORDINATE_ADJUNCTS = True
NOUN_ARG_DEPS = {"dobj", "nsubjpass", "nsubj", "pobj", "prep", "compound", "attr", "oprd"}
PROTEST_PURPOSES = {"REQUEST", "ACCUSE", "REJECT"}
PURPOSE_DEPS = {"advcl", "xcomp", "acl", "pcomp", "prep", "pobj", "conj", "relcl", "dobj"}
STATIVE_PARTICIPLES = {"opposed", "committed", "prepared", "determined", "resolved", "concerned", "alarmed",
                       "worried", "disappointed", "dismayed", "outraged", "troubled"}
LIGHT_VERBS = {"issue", "deliver", "lodge", "file", "give", "send", "declare", "organise", "organize", "observe",
               "hold", "conduct", "stage", "launch", "begin", "start", "carry", "complete", "continue",
               "announce", "order", "approve", "plan", "make", "undertake", "mount", "step", "expand",
               "impose", "adopt", "unveil", "resume", "finish", "end", "confirm"}


PLACE_ENTS = {"GPE", "LOC", "FAC"}
QUESTION_VERBS = {"ask", "inquire", "enquire", "query"}
# a direct object that is a party (see `event_lexicon.yaml` party_nouns for nouns of people)
PARTY_ENTS = {"PERSON", "ORG", "NORP", "GPE"}
PARTY_PRONOUNS = {"him", "her", "them", "us", "me", "you"}
# nouns of a message whose content verb ("a statement demanding ...") is the sender's act
STATEMENT_NOUNS = {"statement", "declaration", "communique", "communiqué", "letter", "message", "resolution",
                   "appeal", "announcement", "note", "memorandum", "ultimatum", "video", "speech", "address",
                   "decree", "order", "proclamation", "manifesto", "petition", "report", "notice"}
# verbs whose subject takes part in the protest named as their object ("students joined
# the march", "thousands converged for a rally", "workers participated in the strike")
JOIN_VERBS = {"join", "converge", "gather", "participate", "attend", "assemble", "flock"}


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    lemmas: frozenset[str]
    pos: frozenset[str]
    type: str
    mode: str | None
    cameo: str
    context: tuple[str, ...]
    object: frozenset[str] = frozenset()
    prep: frozenset[str] = frozenset()
    modifier: frozenset[str] = frozenset()
    context_words: frozenset[str] = frozenset()
    not_context_words: frozenset[str] = frozenset()
    head: frozenset[str] = frozenset()
    ccomp_aux: frozenset[str] = frozenset()
    not_object: frozenset[str] = frozenset()
    party_object: bool = False
    min_parties: int = 0
    not_child_deps: frozenset[str] = frozenset()
    bare_noun: bool = False
    object_role: str = "recipient"
    recipient_preps: frozenset[str] = frozenset()
    reciprocal: bool = False
    reciprocal_with: bool = False
    mode_if_weapon: str | None = None
    mode_by_weapon_class: dict[str, str] = field(default_factory=dict)
    mode_by_lemma: dict[str, str] = field(default_factory=dict)
    cameo_by_mode: dict[str, str] = field(default_factory=dict)
    cameo_by_context: dict[str, str] = field(default_factory=dict)
    context_by_object: dict[str, str] = field(default_factory=dict)
    context_by_modifier: dict[str, str] = field(default_factory=dict)
    context_from_sentence: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def specificity(self) -> int:
        return (2 * bool(self.object) + 2 * bool(self.prep) + 2 * bool(self.modifier)
                + 2 * bool(self.head) + 2 * bool(self.ccomp_aux) + bool(self.context_words))


@dataclass(frozen=True, slots=True)
class AcledRule:
    """One rule of `data/acled.yaml`: conditions on the event and on cues in its text."""
    types: frozenset[str]
    acled: tuple[str, str]
    tier: int = 1
    modes: frozenset[str | None] | None = None
    rules: frozenset[str] | None = None
    actor_sector: frozenset[str] | None = None
    weapon_class: frozenset[str] | None = None
    cues: tuple[str, ...] = ()
    not_cues: tuple[str, ...] = ()
    actor_cues: tuple[str, ...] = ()

    @property
    def uses_cues(self) -> bool:
        return bool(self.cues or self.not_cues or self.actor_cues)


def cue_regex(patterns: list[str]) -> re.Pattern[str]:
    """One regex for a cue list: whole words or phrases, `*` = any word characters,
    a space or hyphen in a pattern matches any run of spaces and hyphens."""
    alts = []
    for p in patterns:
        words = [w for w in re.split(r"[\s\-]+", p.lower().strip()) if w]
        alts.append(r"[\s\-]+".join(re.escape(w).replace(r"\*", r"\w*") for w in words))
    alts.sort(key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)")


class CueText:
    """Lower-cased text of an event's sentence (and of its neighbours), with cue hits cached."""

    __slots__ = ("text", "_hits")

    def __init__(self, text: str) -> None:
        self.text = text.lower().replace("\u2019", "'")
        self._hits: dict[str, bool] = {}

    def has(self, name: str, cues: dict[str, re.Pattern[str]]) -> bool:
        got = self._hits.get(name)
        if got is None:
            got = self._hits[name] = bool(cues[name].search(self.text))
        return got


@dataclass(frozen=True, slots=True)
class Lexicon:
    rules: tuple[Rule, ...]
    by_lemma: dict[str, tuple[Rule, ...]]
    cameo: dict[str, dict[str, Any]]
    quads: dict[str, int]
    acled: tuple[AcledRule, ...]
    cues: dict[str, re.Pattern[str]] = field(default_factory=dict)
    natural_causes: frozenset[str] = frozenset()
    weapon_fire: frozenset[str] = frozenset()
    party_nouns: frozenset[str] = frozenset()


@lru_cache(maxsize=8)
def load_lexicon(data_dir: str | None = None) -> Lexicon:
    """The trigger lexicon, CAMEO table and ACLED rules, cross-checked."""
    raw = data.load("event_lexicon", data_dir)
    cameo = data.load("cameo", data_dir)
    acled = data.load("acled", data_dir)
    rules: list[Rule] = []
    seen: set[str] = set()
    for e in raw["entries"]:
        if e["id"] in seen:
            raise DataFileError(f"event_lexicon: duplicate entry id {e['id']!r}")
        seen.add(e["id"])
        codes = [e["cameo"], *e.get("cameo_by_mode", {}).values(), *e.get("cameo_by_context", {}).values()]
        for code in codes:
            if code not in cameo["codes"]:
                raise DataFileError(f"event_lexicon: entry {e['id']!r} uses CAMEO code {code!r} missing from cameo.yaml")
        rules.append(Rule(
            id=e["id"], lemmas=frozenset(x.lower() for x in e["lemmas"]), pos=frozenset(e["pos"]),
            type=e["type"], mode=e.get("mode"), cameo=e["cameo"], context=tuple(e["context"]),
            object=frozenset(e.get("object", [])), prep=frozenset(e.get("prep", [])),
            modifier=frozenset(e.get("modifier", [])),
            context_words=frozenset(e.get("context_words", [])),
            not_context_words=frozenset(e.get("not_context_words", [])),
            head=frozenset(e.get("head", [])),
            ccomp_aux=frozenset(e.get("ccomp_aux", [])),
            not_object=frozenset(e.get("not_object", [])),
            party_object=bool(e.get("party_object", False)),
            min_parties=int(e.get("min_parties", 0)),
            not_child_deps=frozenset(e.get("not_child_deps", [])),
            bare_noun=bool(e.get("bare_noun", False)),
            object_role=e.get("object_role", "recipient"),
            recipient_preps=frozenset(e.get("recipient_preps", [])),
            reciprocal=bool(e.get("reciprocal", False)),
            reciprocal_with=bool(e.get("reciprocal_with", False)),
            mode_if_weapon=e.get("mode_if_weapon"),
            mode_by_weapon_class=dict(e.get("mode_by_weapon_class", {})),
            mode_by_lemma=dict(e.get("mode_by_lemma", {})),
            cameo_by_mode=dict(e.get("cameo_by_mode", {})),
            cameo_by_context=dict(e.get("cameo_by_context", {})),
            context_by_object=dict(e.get("context_by_object", {})),
            context_by_modifier=dict(e.get("context_by_modifier", {})),
            context_from_sentence={k: frozenset(v) for k, v in e.get("context_from_sentence", {}).items()},
        ))
    by_lemma: dict[str, list[Rule]] = {}
    for r in rules:
        for lemma in r.lemmas:
            by_lemma.setdefault(lemma, []).append(r)
    cues = {name: cue_regex(patterns) for name, patterns in acled.get("cues", {}).items()}
    acled_rules: list[AcledRule] = []
    for r in acled["rules"]:
        types = [r["type"]] if isinstance(r["type"], str) else list(r["type"])
        for t in types:
            if t not in cameo["plover_quads"]:
                raise DataFileError(f"acled: unknown PLOVER type {t!r}")
        for name in (*r.get("cues", ()), *r.get("not_cues", ()), *r.get("actor_cues", ())):
            if name not in cues:
                raise DataFileError(f"acled: rule for {r['acled']!r} uses undefined cue {name!r}")
        for rid in r.get("rule", ()):
            if rid not in seen:
                raise DataFileError(f"acled: rule for {r['acled']!r} names unknown lexicon entry {rid!r}")

        def opt(key: str) -> frozenset[Any] | None:
            return frozenset(r[key]) if key in r else None

        acled_rules.append(AcledRule(
            types=frozenset(types), acled=(r["acled"][0], r["acled"][1]), tier=int(r.get("tier", 1)),
            modes=opt("mode"),
            rules=opt("rule"), actor_sector=opt("actor_sector"), weapon_class=opt("weapon_class"),
            cues=tuple(r.get("cues", ())), not_cues=tuple(r.get("not_cues", ())),
            actor_cues=tuple(r.get("actor_cues", ())),
        ))
    return Lexicon(
        rules=tuple(rules), by_lemma={k: tuple(v) for k, v in by_lemma.items()},
        cameo=cameo["codes"], quads=cameo["plover_quads"], acled=tuple(acled_rules), cues=cues,
        natural_causes=frozenset(x.lower() for x in raw.get("natural_causes", [])),
        weapon_fire=frozenset(x.lower() for x in raw.get("weapon_fire", [])),
        party_nouns=frozenset(x.lower() for x in raw.get("party_nouns", [])),
    )


# ----------------------------------------------------------------------
class _ArticleContext:
    """Per-article lookups: entity by token, people's affiliations, last actors."""

    def __init__(self, article: Article, sector_of: Any, org_country: dict[str, str | None],
                 leaders: LeaderIndex | None = None, year: int | None = None) -> None:
        doc = article.doc
        self.article = article
        self.doc = doc
        self.text = doc.text  # built from the tokens on each access: read it once
        self.sector_of = sector_of
        self.org_country = org_country
        self.leaders = leaders
        self.year = year  # of the text, to tell apart leaders who share a name
        self.tok_ent: dict[int, Entity] = {}
        self.ent_at: dict[int, Entity] = {e.start: e for e in article.entities}
        for ent in article.entities:
            span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
            if span is None:
                continue
            for i in range(span.start, span.end):
                self.tok_ent.setdefault(i, ent)
        self.people: dict[str, Actor] = {}  # surname -> actor of the person's first mention
        self.last_actors: list[Actor] = []
        self.last_person: Actor | None = None
        self._index_people()

    @cached_property
    def dates(self) -> list[tuple[int, int, str]]:
        """The article's DATE and TIME entities as (start, end, text) token spans, listed once."""
        return [(e.start, e.end, e.text) for e in self.doc.ents if e.label_ in ("DATE", "TIME")]

    def dates_in(self, sent: Any) -> list[tuple[int, int, str]]:
        return [d for d in self.dates if sent.start <= d[0] and d[1] <= sent.end]

    @cached_property
    def story_place(self) -> Entity | None:
        """The dateline's place when the story stays in its country (`sitrep.geo.story_place`)."""
        from sitrep.geo import story_place

        return story_place(self.doc, self.article.entities)

    def _index_people(self) -> None:
        doc = self.doc
        for ent in self.article.entities:
            if ent.type != "PERSON" or not ent.text.split():
                continue
            key = ent.text.split()[-1].lower()
            if key in self.people and self.people[key].code is not None:
                continue
            span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            # the person's description: compounds before, appositions after, "of X"
            desc: list[Any] = [t for t in root.subtree if t.i < span.start or t.i >= span.end]
            if root.dep_ == "appos":
                desc += [t for t in root.head.subtree if not span.start <= t.i < span.end]
            code = None
            for t in desc:
                e = self.tok_ent.get(t.i)
                if e is not None and e.code and e.type in ("LOCATION", "NATIONALITY", "ORG"):
                    code = self.org_country.get(e.code, e.code) if e.type == "ORG" else e.code
                    break
            desc_text = " ".join(t.text for t in desc)
            sector = self.sector_of(desc_text) if desc_text else None
            if code is None:
                # a head of state or minister the gazetteer knows ("President Museveni")
                leader = self.leaders.find(ent.text, self.year) if self.leaders is not None else None
                if leader is not None:
                    code, sector = leader.country, sector or leader.sector
            self.people[key] = Actor(ent.text if len(ent.text.split()) > 1 else ent.text, code, sector)
            if len(ent.text.split()) > 1:
                self.people[ent.text.lower()] = self.people[key]

    # ------------------------------------------------------------------
    def actors_in(self, tokens: list[Any], *, exclude: set[int] | None = None, places: bool = False) -> list[Actor]:
        """Actors named in a phrase: one per entity, compound phrases give several.
        With `places`, a town stands for its country (an attack on Kharkiv is one on UKR)."""
        exclude = exclude or set()
        out: list[Actor] = []
        seen: set[tuple[str | None, str]] = set()
        ids = sorted({t.i for t in tokens} - exclude)
        phrase_text = " ".join(self.doc[i].text for i in ids)
        phrase_sector = self.sector_of(phrase_text) if phrase_text else None
        used_ents: set[int] = set()
        for i in ids:
            ent = self.tok_ent.get(i)
            if ent is None or id(ent) in used_ents:
                continue
            used_ents.add(id(ent))
            actor = self._actor_for(ent, phrase_sector)
            if actor is None and places and ent.type == "LOCATION" and ent.country:
                actor = Actor(ent.text, ent.country, None, ent.start, ent.end)
            if actor is None:
                continue
            key = (actor.code, actor.text if actor.code is None else "")
            if key in seen:
                continue
            seen.add(key)
            out.append(actor)
        if not out:
            for i in ids:
                tok = self.doc[i]
                if tok.lower_ in PRONOUNS and tok.dep_ in SUBJ | {"poss", "nsubjpass"}:
                    # "Syria says it is willing to ...": the subject of the governing verb
                    found = self._governing_subject(tok)
                    if found:
                        return found
                if tok.lower_ in ("he", "she", "him", "her", "his") and self.last_person is not None:
                    return [self.last_person]
                if tok.lower_ in ("they", "it", "we", "its", "their", "our") and tok.dep_ in SUBJ | {"poss"} and self.last_actors:
                    return list(self.last_actors)
        # a sector phrase with no code ("Western officials" has a code; "officials" does not)
        return out

    def _governing_subject(self, pron: Any) -> list[Actor]:
        cur = pron.head
        while cur.head is not cur and cur.dep_ in ("poss", "nsubj", "nsubjpass", "dobj", "pobj", "prep"):
            cur = cur.head  # from a possessive or object up to its clause's verb
        for _ in range(4):
            if cur.head is cur or cur.dep_ not in ("ccomp", "xcomp", "conj", "advcl", "acomp", "relcl"):
                return []
            cur = cur.head
            for c in cur.children:
                if c.dep_ in SUBJ and c.lower_ not in PRONOUNS:
                    found = self.actors_in(_phrase(c))
                    if found:
                        return found
        return []

    def _actor_for(self, ent: Entity, phrase_sector: str | None) -> Actor | None:
        if ent.type in ("NATIONALITY", "ORG") and ent.code is not None and self._ethnic(ent):
            # "ethnic Russians (in Ukraine)": a people, not the state of that name;
            # their country is the place they live in, if the phrase names it
            return Actor(ent.text, None, phrase_sector or ent.sector, ent.start, ent.end)
        if ent.type in ("LOCATION", "NATIONALITY"):
            if ent.code is None:
                return None
            return Actor(ent.text, ent.code, phrase_sector or ent.sector, ent.start, ent.end)
        if ent.type == "ORG":
            if ent.code is None:
                sector = ent.sector or phrase_sector
                # a leader's name the tagger took for an organisation ("Museveni"), or the
                # government a leader heads ("the Bush administration", "Assad's regime")
                leader = None
                if self.leaders is not None:
                    leader = self.leaders.government(ent.text, self.year) or self.leaders.find(ent.text, self.year)
                if leader is not None:
                    return Actor(ent.text, leader.country, sector or leader.sector, ent.start, ent.end)
                return Actor(ent.text, None, sector, ent.start, ent.end)
            country = self.org_country.get(ent.code)
            code = country or ent.code
            return Actor(ent.text, code, ent.sector or phrase_sector, ent.start, ent.end)
        if ent.type == "PERSON":
            words = ent.text.split()
            p = self.people.get(ent.text.lower()) or (self.people.get(words[-1].lower()) if words else None)
            if p is None or p.code is None:
                leader = self.leaders.find(ent.text, self.year) if self.leaders is not None else None
                if leader is not None:
                    sector = (p.sector if p is not None else None) or phrase_sector or leader.sector
                    return Actor(ent.text, leader.country, sector, ent.start, ent.end)
            if p is None:
                return Actor(ent.text, None, phrase_sector, ent.start, ent.end)
            return Actor(ent.text, p.code, p.sector or phrase_sector, ent.start, ent.end)
        return None

    def _ethnic(self, ent: Entity) -> bool:
        span = self.doc.char_span(ent.start, ent.end, alignment_mode="expand")
        if span is None or span.start == 0:
            return False
        return self.doc[span.start - 1].lower_ in ("ethnic", "ethnically")

    def placed(self, found: list[Actor], head: Any) -> list[Actor]:
        """Actors without a code take the one country their phrase places them in
        ("militias in Mali", "ethnic Russians in eastern Ukraine"), or are named by an
        apposition that has one ("the foreign minister, Sergei Lavrov, ...")."""
        if any(a.code for a in found):
            return found
        for c in head.children:
            if c.dep_ == "appos":
                named = [a for a in self.actors_in(_phrase(c)) if a.code]
                if named:
                    return named
        if not found:
            return found
        codes = {a.code for a in self.actors_in(_place_of(head, any_head=True), places=True) if a.code}
        if len(codes) != 1:
            return found
        code = codes.pop()
        return [Actor(a.text, code, a.sector, a.start, a.end) for a in found]

    def remember(self, actors: list[Actor]) -> None:
        if actors:
            self.last_actors = actors
            persons = [a for a in actors if a.start is not None and a.start in self.ent_at
                       and self.ent_at[a.start].type == "PERSON"]
            if persons:
                self.last_person = persons[0]


# ----------------------------------------------------------------------
class Code:
    """Fills `article.events`."""

    def __init__(self, *, data_dir: str | None = None, default_date: str | None = None) -> None:
        self.lexicon = load_lexicon(data_dir)
        gaz = load_actor_gazetteer(data_dir)
        self.org_country = {o.code: o.country for o in gaz.organisations if o.country}
        self.leaders = load_leaders(data_dir)
        self.default_date = default_date
        self.sector_of = SectorCues(gaz.sector_cues())

    def __call__(self, article: Article) -> Article:
        doc = article.doc
        ref_date = parse_iso(article.date) or parse_iso(self.default_date)
        ctx = _ArticleContext(article, self.sector_of, self.org_country, self.leaders,
                              ref_date.year if ref_date is not None else None)
        events: list[Event] = []
        sents = list(doc.sents)
        texts = [ctx.text[s.start_char:s.end_char] for s in sents]  # Span.text rebuilds from tokens
        for si, sent in enumerate(sents):
            sent_cues: CueText | None = None
            window_cues: CueText | None = None
            words = list(sent)
            lemmas = {t.lemma_.lower() for t in words} | {t.lower_ for t in words}
            sent_events: list[tuple[Any, Rule, Event]] = []
            for tok in words:
                if tok.ent_type_ in NON_TRIGGER_ENTS or _is_participle_modifier(tok):
                    continue
                rules = self.lexicon.by_lemma.get(tok.lemma_.lower()) or self.lexicon.by_lemma.get(tok.lower_)
                if not rules and tok.pos_ in ("VERB", "NOUN"):
                    # the tagger's lemma is sometimes wrong ("raped" -> "rap", "staged" -> "stag")
                    for key in _stems(tok.lower_):
                        rules = self.lexicon.by_lemma.get(key)
                        if rules:
                            break
                if not rules:
                    continue
                rule = self._best_rule(tok, rules, lemmas)
                if rule is None:
                    continue
                event = self._build(tok, rule, sent, ctx, ref_date, lemmas)
                if event is None and rule.min_parties:
                    # "drills with live ammunition": no partner, so the next best entry
                    rule = self._best_rule(tok, tuple(r for r in rules if r is not rule), lemmas)
                    event = None if rule is None else self._build(tok, rule, sent, ctx, ref_date, lemmas)
                if event is not None:
                    self._reframe(event, tok)
                    if sent_cues is None:
                        sent_cues = CueText(texts[si])
                        window_cues = CueText(" ".join(texts[max(0, si - 1):si + 2]))
                    event.acled = self._acled(event, rule, sent_cues, window_cues)
                    sent_events.append((tok, rule, event))
            for _, _, ev in _drop_embedded(_dedupe(sent_events)):
                events.append(ev)
                ctx.remember(ev.actor)
        article.events = events
        return article

    # ------------------------------------------------------------------
    def _best_rule(self, tok: Any, rules: tuple[Rule, ...], lemmas: set[str]) -> Rule | None:
        pos = tok.pos_ if tok.pos_ != "PROPN" else "NOUN"
        if pos == "AUX":
            return None
        best: Rule | None = None
        direct = _object_lemmas(tok, direct_only=True)
        for r in rules:
            if pos not in r.pos:
                continue
            if r.context_words and not (r.context_words & lemmas):
                continue
            if r.not_context_words and (r.not_context_words & lemmas):
                continue
            if r.object and not (r.object & _object_lemmas(tok)):
                continue
            if r.not_object and (r.not_object & _object_lemmas(tok)):
                continue
            if r.head and (tok.head is tok or not ({tok.head.lemma_.lower(), *_stems(tok.head.lower_)} & r.head)):
                continue
            if r.ccomp_aux and not any(
                c.dep_ == "ccomp" and any(a.dep_ in ("aux", "auxpass") and a.lower_ in r.ccomp_aux for a in c.children)
                for c in tok.children
            ):
                continue
            if r.prep and not (r.prep & _prep_words(tok)):
                continue
            if r.not_child_deps and any(c.dep_ in r.not_child_deps for c in tok.children):
                continue  # "called the plan a disgrace": naming, not phoning
            if r.party_object and not self._party_object(tok):
                continue
            if r.modifier and not (r.modifier & _modifier_lemmas(tok)):
                continue
            # on a tie, an entry whose object is the verb's own ("opened fire on the post":
            # fire, not post) beats one met only through a preposition
            if best is None or r.specificity > best.specificity or (
                    r.specificity == best.specificity and r.object and best.object
                    and (r.object & direct) and not (best.object & direct)):
                best = r
        return best

    def _party_object(self, tok: Any) -> bool:
        """Whether the trigger's direct object (or passive subject) is a party: a named
        person, group or state, a personal pronoun, or a noun for people ("the minister",
        "a delegation"); "received a tip", "welcomed the decision" have none."""
        for c in tok.children:
            if c.dep_ not in ("dobj", "nsubjpass"):
                continue
            if c.ent_type_ in PARTY_ENTS or c.lower_ in PARTY_PRONOUNS:
                return True
            if c.lemma_.lower() in self.lexicon.party_nouns or c.lower_ in self.lexicon.party_nouns:
                return True
        return False

    def _build(self, tok: Any, rule: Rule, sent: Any, ctx: _ArticleContext,
               ref_date: date | None, lemmas: set[str]) -> Event | None:
        doc = sent.doc
        if any(c.dep_ == "dobj" and c.lower_ in REFLEXIVE for c in tok.children) and rule.object_role == "theme":
            return None  # "positioning itself as", "establishing itself"
        if tok.dep_ in ("acl", "xcomp", "relcl") and tok.head.lemma_.lower() in CAPABILITY_HEADS:
            return None  # "its ability to strike targets": a capability, not a happening
        if not _is_noun(tok) and self._natural_cause(tok):
            return None  # "an earthquake destroyed homes", "homes were swept away by floods"
        if rule.type == "REQUEST" and _is_question(tok):
            return None  # "asked about the dispute", "was asked whether ...": a question
        if rule.type == "CONSULT" and _is_reaction(tok):
            return None  # "the plan was met with protests": a reaction, not a meeting
        actors, recipients = self._roles(tok, rule, ctx)
        if rule.type == "THREATEN" and _third_party_forecast(tok, actors, ctx):
            return None  # "officials warned that Iran could retaliate": no threat of the officials'
        if rule.min_parties and _parties(actors + recipients, ctx.text) < rule.min_parties:
            return None
        if _is_noun(tok) and not actors and not recipients and not rule.bare_noun \
                and rule.type in ("REQUEST", "ACCUSE", "THREATEN", "SUPPORT", "REJECT"):
            return None  # a bare noun ("a threat") is not a verbal event
        scope = _clause_scope(tok)
        weapons, classes = self._weapons(scope, ctx)
        mode = self._mode(rule, tok, classes, weapons)
        context = list(rule.context)
        for obj in _object_lemmas(tok):
            if obj in rule.context_by_object and rule.context_by_object[obj] not in context:
                context.append(rule.context_by_object[obj])
        for mod in _modifier_lemmas(tok):
            if mod in rule.context_by_modifier and rule.context_by_modifier[mod] not in context:
                context.append(rule.context_by_modifier[mod])
        for ctx_name, words in rule.context_from_sentence.items():
            if words & lemmas and ctx_name not in context:
                context.append(ctx_name)
        if weapons and "military" not in context:
            context.append("military")
        cameo = rule.cameo
        if mode and mode in rule.cameo_by_mode:
            cameo = rule.cameo_by_mode[mode]
        for c in context:
            if c in rule.cameo_by_context:
                cameo = rule.cameo_by_context[c]
                break
        used = {i for a in actors + recipients if a.start is not None for i in _tok_range(doc, a.start, a.end)}
        location = self._location(scope, ctx, used)
        if location is None:
            used_actors = {i for a in actors if a.start is not None for i in _tok_range(doc, a.start, a.end)}
            location = self._location(scope, ctx, used_actors)
        if rule.type in ("ASSAULT", "COERCE") and not recipients and location is not None and location.country \
                and location.country not in {a.code for a in actors}:
            recipients = [Actor(location.text, location.country, None, location.start, location.end)]
        if rule.type == "PROTEST" and location is not None and location.country \
                and not any(a.code for a in actors):
            # protesters named only as a crowd ("thousands of students") are taken to
            # be of the country where they protest; the crowd keeps its sector
            actors = [Actor(a.text, location.country, a.sector, a.start, a.end) for a in actors] \
                or [Actor(location.text, location.country, None, location.start, location.end)]
        if _is_noun(tok) and not (actors or recipients or weapons or location) and not rule.bare_noun:
            return None
        if rule.type == "CONSULT" and not _is_noun(tok) and _parties(actors + recipients, ctx.text) < 2 \
                and not any(c.dep_ in ("dobj", "nsubjpass") or (c.dep_ == "prep" and c.lower_ in ("with", "between"))
                            for c in tok.children):
            return None  # "the cabinet met": a meeting needs a second party  # "such a deployment": a reference, not a report of who did what
        ev_date, precision = self._date(scope, sent, ctx, ref_date)
        quote = _quote_covering(ctx.article.quotes, tok.idx)
        attribution = None
        if quote is not None:
            attribution = Attribution(quote.speaker, quote.speaker_type, quote.direct, quote.cue,
                                      quote.speaker_title)
        modality = _modality(tok, quote)
        event = Event(
            type=rule.type, mode=mode, context=context, cameo=cameo,
            quad_class=self.lexicon.quads.get(rule.type),
            intensity=self.lexicon.cameo.get(cameo, {}).get("intensity"),
            actor=actors, recipient=recipients, weapons=weapons, location=location,
            date=ev_date, date_precision=precision, modality=modality, attribution=attribution,
            acled=None,
            evidence=Evidence(
                sentence=sent.text, start=sent.start_char, end=sent.end_char,
                trigger=_trigger_text(tok, rule), trigger_start=tok.idx,
                trigger_end=tok.idx + len(tok.text), rule=f"lexicon:{rule.id}",
            ),
        )
        return event

    def _reframe(self, event: Event, tok: Any) -> None:
        """PLOVER codes stated intent and refusal as events of their own: an action
        the actor says it is willing, prepared or ready to take is AGREE (when
        cooperative) or THREATEN (when conflictual); a cooperative action the actor
        says it will not take ("will not accept", "would not meet their demands",
        "failed to reach agreement") is REJECT. The rule id records the reframing."""
        new_type = None
        how = ""
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in INTENT_HEADS:
            new_type = "AGREE" if event.type in COOPERATIVE else "THREATEN"
            how = "intent"
        elif event.type in COOPERATIVE and event.type != "REJECT" and _is_refusal(tok):
            new_type = "REJECT"
            how = "refusal"
        elif _is_future(tok) and "military" not in event.context and not event.weapons:
            # "Portugal will support ...", "they would boycott ...": a stated intention.
            # Military moves ("will deploy a battery") keep their own type, modality planned.
            if event.type in FUTURE_AGREE and event.mode != "resign":
                new_type, how = "AGREE", "intent"
            elif event.type in FUTURE_THREATEN:
                new_type, how = "THREATEN", "intent"
        if new_type is None or new_type == event.type:
            return
        event.type = new_type
        event.cameo = REFRAMED_CAMEO[new_type]
        event.quad_class = self.lexicon.quads.get(new_type)
        event.intensity = self.lexicon.cameo.get(event.cameo, {}).get("intensity")
        event.mode = None
        event.evidence.rule = f"{event.evidence.rule}+{how}"

    # ------------------------------------------------------------------
    def _natural_cause(self, verb: Any) -> bool:
        """Whether the doer of `verb` is a natural force or an accident (an earthquake, a
        flood, a fire, a crash), not an actor: as its subject, its passive agent ("destroyed
        by a storm"), or the cause of a passive without agent ("killed in a landslide").
        Fire from weapons or a party ("artillery fire", "Israeli fire") is an actor's."""
        subj, passive, agent = _verb_subjects(verb)
        cause = agent if agent is not None else subj
        if cause is None and passive is not None:
            for c in verb.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "during", "after"):
                    cause = next((o for o in c.children if o.dep_ == "pobj"), None)
                    if cause is not None and self._natural(cause):
                        return True
            return False
        return cause is not None and self._natural(cause)

    def _natural(self, noun: Any) -> bool:
        if noun.lemma_.lower() not in self.lexicon.natural_causes and noun.lower_ not in self.lexicon.natural_causes:
            return False
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
            return False  # "a storm of protest", "a flood of attacks"
        if noun.lemma_.lower() not in ("fire", "fires"):
            return True
        mods = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod", "poss")]
        # "Israeli fire", "the army's fire": an actor's
        return not any(c.lemma_.lower() in self.lexicon.weapon_fire or c.ent_type_ in ("NORP", "GPE", "ORG")
                       for c in mods)

    def _roles(self, tok: Any, rule: Rule, ctx: _ArticleContext) -> tuple[list[Actor], list[Actor]]:
        actors: list[Actor] = []
        recipients: list[Actor] = []
        if _is_noun(tok):
            actors = self._noun_actors(tok, rule, ctx)
        else:
            subj, passive_subj, agent = _verb_subjects(tok)
            if subj is None and agent is None and passive_subj is not None and tok.lower_ in STATIVE_PARTICIPLES:
                subj, passive_subj = passive_subj, None  # "Israel is opposed to ...": a state of the subject
            if agent is not None:
                actors = ctx.actors_in(list(agent.subtree))
            elif subj is not None:
                actors = ctx.placed(ctx.actors_in(_phrase(subj)), subj) or ctx.actors_in(_place_of(subj), places=True)
                if not actors and subj.lower_ in ("some", "others", "many", "several", "both", "all", "who", "which", "that"):
                    actors = self._climb_subject(tok, ctx)
            else:
                actors = self._climb_subject(tok, ctx)
            if passive_subj is not None and rule.object_role == "recipient":
                recipients = ctx.actors_in(_phrase(passive_subj))
            for c in tok.children:
                if c.dep_ in ("dobj", "iobj", "dative") and rule.object_role == "recipient":
                    recipients += ctx.actors_in(_phrase(c), places=True)
        heads = [tok] + [c for c in tok.children if c.dep_ in ("dobj", "attr", "nsubjpass") and _is_noun(c)]
        prep_children = [c for h in heads for c in h.children]
        for c in prep_children:
            if c.dep_ in ("prep", "dative", "agent") and c.lower_ in rule.recipient_preps:
                for o in c.children:
                    if o.dep_ == "pobj":
                        found = ctx.actors_in(_phrase(o), places=True)
                        if rule.reciprocal_with and c.lower_ == "with":
                            actors += [a for a in found if a.code not in {x.code for x in actors}]
                        else:
                            recipients += found
        if rule.type in ("REQUEST", "THREATEN") and not recipients:
            # "demanded that Russia withdraw": the subject of the demanded clause
            for c in tok.children:
                if c.dep_ == "ccomp":
                    s2 = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None)
                    if s2 is not None:
                        recipients += ctx.actors_in(_phrase(s2))
        actor_codes = {(a.code, a.text) for a in actors}
        # a recipient of the actor's own state is the actor itself, unless both name their
        # sector and the sectors differ ("Kagame barred Rwandan opposition parties")
        recipients = [r for r in _unique(recipients) if (r.code, r.text) not in actor_codes
                      and (r.code is None or not any(a.code == r.code and not (a.sector and r.sector and a.sector != r.sector)
                                                     for a in actors))]
        return _unique(actors), recipients

    def _noun_actors(self, tok: Any, rule: Rule, ctx: _ArticleContext) -> list[Actor]:
        found: list[Actor] = []
        partners: list[Actor] = []  # "talks with X": X and whoever holds them
        for c in tok.children:
            if c.dep_ == "poss":
                found += ctx.actors_in(_phrase(c))
            elif c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i:
                found += ctx.actors_in([c])
            elif c.dep_ == "prep" and c.lower_ == "by":
                for o in c.children:
                    if o.dep_ == "pobj":
                        found += ctx.actors_in(_phrase(o))
            elif c.dep_ == "prep" and c.lower_ in ("between", "among") and rule.reciprocal:
                for o in c.children:
                    if o.dep_ == "pobj":
                        found += ctx.actors_in(list(o.subtree))
            elif c.dep_ == "prep" and c.lower_ in ("with", "alongside") and rule.reciprocal:
                for o in c.children:
                    if o.dep_ == "pobj":
                        partners += ctx.actors_in(_phrase(o))
        if not found and tok.dep_ in ("dobj", "pobj", "nsubjpass") :
            verb = tok.head if tok.dep_ != "pobj" else tok.head.head
            in_protest = rule.type == "PROTEST" and tok.dep_ == "pobj" and tok.head.lower_ == "in" \
                and not any(c.dep_ == "det" for c in tok.children)  # "resigned in protest"
            if verb.lemma_.lower() in LIGHT_VERBS or verb.lemma_.lower() in rule.head \
                    or (rule.type == "PROTEST" and verb.lemma_.lower() in JOIN_VERBS) or in_protest:
                subj, _, agent = _verb_subjects(verb)
                target = agent or subj
                if target is not None:
                    found = ctx.actors_in(_phrase(target) if agent is None else list(target.subtree))
                    if agent is None:
                        found = ctx.placed(found, target) or ctx.actors_in(_place_of(target), places=True)
        if not found and rule.reciprocal and tok.dep_ in ("nsubj", "nsubjpass"):
            # "Belarusian-Russian cooperation": adjectives on the head noun
            found = ctx.actors_in([t for t in tok.lefts])
        return _unique(found + partners)

    def _climb_subject(self, tok: Any, ctx: _ArticleContext) -> list[Actor]:
        """The subject of the governing verb, for xcomp/conj/advcl triggers."""
        cur = tok
        for _ in range(6):
            if cur.dep_ in ("ROOT",) and cur.head == cur:
                break
            head = cur.head
            if cur.dep_ in ("relcl", "acl") and _is_noun(head):
                found = ctx.actors_in(_phrase(head))
                if found or head.dep_ not in ("dobj", "pobj") or _lemma_of(head) not in STATEMENT_NOUNS:
                    return found
                cur = head  # "issued a statement demanding ...": the one who issued it
                continue
            subj, _, agent = _verb_subjects(head)
            target = agent or subj
            if target is not None and cur.dep_ in ("xcomp", "conj", "advcl", "acl", "pcomp", "pobj", "prep", "ccomp", "advmod", "acomp", "dobj"):
                if cur.dep_ == "ccomp" and head.lemma_.lower() not in PLAN_VERBS:
                    return []
                found = ctx.actors_in(_phrase(target) if agent is None else list(target.subtree))
                if agent is None:
                    found = ctx.placed(found, target) or ctx.actors_in(_place_of(target), places=True)
                if found:
                    return found
                if target.lower_ in ("some", "others", "many"):
                    cur = head
                    continue
                return found
            cur = head
        return []

    def _weapons(self, scope: list[Any], ctx: _ArticleContext) -> tuple[list[Weapon], list[str]]:
        out: list[Weapon] = []
        classes: list[str] = []
        seen: set[str] = set()
        for t in scope:
            ent = ctx.tok_ent.get(t.i)
            if ent is None or ent.type not in ("WEAPON", "MILITARY_PLATFORM"):
                continue
            if ent.weapon_class:
                classes.append(ent.weapon_class)
            name = ent.code or (ent.weapon_class or ent.text.lower())
            if name in seen:
                continue
            seen.add(name)
            out.append(Weapon(ent.text, name, ent.weapon_class, ent.origin, ent.start, ent.end))
        # named systems first; generic classes only when no system is named
        named = [w for w in out if w.origin is not None or w.name != w.weapon_class]
        return (named or out), classes

    def _mode(self, rule: Rule, tok: Any, classes: list[str], weapons: list[Weapon]) -> str | None:
        lemma = tok.lemma_.lower()
        if lemma in rule.mode_by_lemma:
            return rule.mode_by_lemma[lemma]
        for cls in classes:
            if cls in rule.mode_by_weapon_class:
                return rule.mode_by_weapon_class[cls]
        if weapons and rule.mode_if_weapon:
            return rule.mode_if_weapon
        return rule.mode

    def _location(self, scope: list[Any], ctx: _ArticleContext, used: set[int]) -> Place | None:
        """Where the event happened, read from the parse of the trigger's clause (see
        `sitrep.geo.event_place`), else the dateline's place under the conditions of
        `sitrep.geo.dateline_place`. The roles of the place decide, not `used`: a place that is
        the actor is ruled out by its syntax, a place attacked or taken ("shelled X") counts."""
        from sitrep.geo import dateline_place, event_place, load_location_cues

        ent = event_place(scope, ctx.tok_ent, load_location_cues())
        if ent is None and scope:
            ent = dateline_place(ctx.article.entities, scope[0].sent, ctx.story_place)
        if ent is None:
            return None
        return Place(ent.text, ent.start, ent.end, ent.lat, ent.lon, ent.country)

    def _date(self, scope: list[Any], sent: Any, ctx: _ArticleContext,
              ref: date | None) -> tuple[str | None, str | None]:
        scope_ids = {t.i for t in scope}
        candidates = []
        for start, end, text in ctx.dates_in(sent):
            inside = any(i in scope_ids for i in range(start, end))
            candidates.append((not inside, start, text))
        for _, _, text in sorted(candidates):
            got = resolve(text, ref)
            if got is not None:
                return got[0].isoformat(), got[1]
        if ref is not None:
            return ref.isoformat(), "article"
        return None, None

    def _acled(self, event: Event, rule: Rule, sent_text: CueText,
               window_text: CueText | None = None) -> AcledType | None:
        """The ACLED type: tier by tier, rules with cues first on the sentence alone, then
        all the tier's rules with the sentence and its neighbours (see data/acled.yaml)."""
        sectors = {a.sector for a in event.actor}
        classes = {w.weapon_class for w in event.weapons}
        cues = self.lexicon.cues
        actor_text = CueText(" ".join(a.text for a in event.actor)) if event.actor else None
        passes = [(tier, text, cue_only) for tier in sorted({r.tier for r in self.lexicon.acled})
                  for text, cue_only in ((sent_text, True), (window_text or sent_text, False))]
        for tier, text, cue_rules_only in passes:
            for r in self.lexicon.acled:
                if r.tier != tier or (cue_rules_only and not r.uses_cues):
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


# ----------------------------------------------------------------------
def _lemma_of(tok: Any) -> str:
    return tok.lemma_.lower()


def _prep_words(tok: Any) -> set[str]:
    """The prepositions and particles a trigger governs, less those that only give a time
    ("called the plan a disgrace on Monday" is no call on anyone)."""
    out: set[str] = set()
    for c in tok.children:
        if c.dep_ == "advmod" and c.lower_ == "together":  # "worked together": a particle in all but name
            out.add(c.lower_)
            continue
        if c.dep_ not in ("prep", "prt", "agent"):
            continue
        objs = [o for o in c.children if o.dep_ == "pobj"]
        if objs and all(o.ent_type_ in ("DATE", "TIME") for o in objs):
            continue
        out.add(c.lower_)
    return out


WARNING_VERBS = {"warn", "caution"}


def _third_party_forecast(tok: Any, actors: list[Actor], ctx: Any) -> bool:
    """Whether a warning foretells what another named party may do ("officials warned that
    Iran could retaliate"): the warned-of clause has an active subject naming a state or
    group other than the warner's own, so the warner threatens nothing. "Moscow warned that
    Russian forces would respond" (the warner's own side) and "warned that protesters would
    be arrested" (a passive: the target) stay threats."""
    if tok.lemma_.lower() not in WARNING_VERBS:
        return False
    own = {a.code for a in actors if a.code}
    for c in tok.children:
        if c.dep_ != "ccomp":
            continue
        subj = next((x for x in c.children if x.dep_ == "nsubj"), None)
        if subj is None or subj.pos_ == "PRON":
            continue
        named = [a for a in ctx.actors_in(_phrase(subj)) if a.code]
        if named and not any(a.code in own for a in named):
            return True
    return False


def _is_question(tok: Any) -> bool:
    """"asked about X", "was asked whether/if/when ...": a question put, not a request."""
    if tok.lemma_.lower() not in QUESTION_VERBS:
        return False
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "about":
            return True
        if c.dep_ in ("ccomp", "advcl") and (
                any(m.dep_ == "mark" and m.lower_ in ("whether", "if") for m in c.children)
                or c.doc[c.left_edge.i].tag_ in ("WP", "WRB", "WDT")):
            return True
    return False


def _is_reaction(tok: Any) -> bool:
    """"was met with protests": how something was received, not a meeting."""
    return (tok.lemma_.lower() == "meet" and any(c.dep_ == "auxpass" for c in tok.children)
            and any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children))


def _is_noun(tok: Any) -> bool:
    return tok.pos_ in ("NOUN", "PROPN")


def _parties(actors: list[Actor], text: str) -> int:
    """How many parties the actors are: mentions that only a space separates
    ("Estonian" + "cabinet") are one noun phrase, one party."""
    spans = sorted((a.start, a.end) for a in actors if a.start is not None and a.end is not None)
    parties = sum(1 for a in actors if a.start is None or a.end is None)
    last_end: int | None = None
    for start, end in spans:
        if last_end is None or text[last_end:start].strip():
            parties += 1
        last_end = max(end, last_end or end)
    return parties


def _object_lemmas(tok: Any, direct_only: bool = False) -> set[str]:
    """Lemmas of what a trigger governs: objects, prepositional objects, particles' objects
    (with `direct_only`, its own objects and particles only). A place after "to" or "into"
    is where the verb's own object goes ("were taken to a hospital"), not what it governs."""
    out: set[str] = set()
    has_object = any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children)
    for c in tok.children:
        if direct_only and c.dep_ in ("prep", "agent", "advmod", "advcl", "ccomp"):
            continue
        if has_object and c.dep_ == "prep" and c.lower_ in DESTINATION_PREPS:
            continue
        if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "xcomp", "compound", "acomp"):
            if c.dep_ in ("dobj", "nsubjpass") and c.ent_type_ in PLACE_ENTS:
                out.add("@place")  # "captured Goma", "Kherson was retaken"
            out.add(c.lemma_.lower())
            out.add(c.lower_)
            out.update(_stems(c.lower_))
            for cc in c.children:
                if cc.dep_ in ("conj", "compound"):
                    out.add(cc.lemma_.lower())
            if c.dep_ in ("dobj", "nsubjpass"):  # "imposed a new round of sanctions"
                for p in c.children:
                    if p.dep_ == "prep" and p.lower_ == "of":
                        for o in p.children:
                            if o.dep_ == "pobj":
                                out.add(o.lemma_.lower())
        elif c.dep_ in ("prep", "prt", "agent"):
            for o in c.children:
                if o.dep_ == "pobj":
                    out.add(o.lemma_.lower())
                    out.add(o.lower_)
                elif o.dep_ == "prep" and not any(x.dep_ == "pobj" for x in c.children):
                    # a two-word preposition: "pulled out of the talks", "away from the front"
                    out.update(x.lemma_.lower() for x in o.children if x.dep_ == "pobj")
            if c.dep_ == "prt" or c.lower_ in PARTICLES:
                out.add(c.lower_)
        elif c.dep_ == "advmod":
            out.add(c.lower_)  # "set ablaze"
        elif c.dep_ == "ccomp" and c.pos_ == "ADJ":
            out.add(c.lemma_.lower())  # a small clause: "found the commander guilty"
        elif c.dep_ in ("advcl", "ccomp") and any(cc.tag_ == "TO" for cc in c.children):
            # "vowed to fight" parsed as a purpose clause, "allowed them to hold" as a ccomp
            out.add(c.lemma_.lower())
    if _is_noun(tok) and tok.dep_ == "compound":
        out.add(tok.head.lemma_.lower())
    return out


def _stems(word: str) -> tuple[str, ...]:
    """Crude base forms of an inflected word, for when the tagger's lemma is wrong."""
    out: list[str] = []
    if word.endswith("ing") and len(word) > 5:
        out += [word[:-3], word[:-3] + "e"]
    elif word.endswith("ed") and len(word) > 4:
        out += [word[:-1], word[:-2]]
    elif word.endswith("es") and len(word) > 4:
        out += [word[:-1], word[:-2]]
    elif word.endswith("s") and len(word) > 3:
        out.append(word[:-1])
    return tuple(out)


def _modifier_lemmas(tok: Any) -> set[str]:
    out: set[str] = set()
    targets = [tok] + [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr", "pobj")]
    for c in tok.children:
        if c.dep_ == "prep":
            targets += [o for o in c.children if o.dep_ == "pobj"]
    for t in targets:
        for c in t.children:
            if c.dep_ in ("amod", "compound", "nmod", "npadvmod"):
                out.add(c.lemma_.lower())
                out.add(c.lower_)
                for cc in c.children:
                    if cc.dep_ in ("conj", "amod", "compound"):
                        out.add(cc.lower_)
    return out


def _verb_subjects(verb: Any) -> tuple[Any | None, Any | None, Any | None]:
    subj = passive = agent = None
    for c in verb.children:
        if c.dep_ in SUBJ:
            subj = c
        elif c.dep_ in ("nsubjpass", "csubjpass"):
            passive = c
        elif c.dep_ == "agent":
            agent = next((o for o in c.children if o.dep_ == "pobj"), None)
    if subj is None and passive is None and verb.dep_ == "conj":
        # "Poland and Lithuania condemned X and called for Y": share the first verb's subject
        s, p, a = _verb_subjects(verb.head)
        own_aux = {c.dep_ for c in verb.children} & {"aux", "auxpass"}
        active = own_aux == {"aux"} or (not own_aux and verb.tag_ in ("VBZ", "VBP"))
        if s is None and p is not None and agent is None and active:
            # "was indicted by the court and will resign": the one indicted resigns (an
            # active verb by its own auxiliary or tense; a bare past form may be a
            # passive participle: "was detained by police and charged with ...")
            return p, None, None
        subj, passive, agent = subj or s, passive, agent or a
    return subj, passive, agent


def _phrase(tok: Any) -> list[Any]:
    """A noun phrase without its relative clauses and sentential tails."""
    out = [tok]
    stack = [c for c in tok.children if c.dep_ not in ("relcl", "acl", "advcl", "ccomp", "punct", "cc", "appos", "prep")
             or (c.dep_ == "prep" and c.lower_ in ("of", "by", "from"))]
    conj_heads = [c for c in tok.children if c.dep_ == "conj"]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in ("relcl", "acl", "advcl", "ccomp", "punct"))
    for c in conj_heads:
        if c not in out:
            out.extend(_phrase(c))
    return out


def _place_of(tok: Any, *, any_head: bool = False) -> list[Any]:
    """The place a group is tied to in its own phrase: "rebels in the Ivory Coast",
    "students throughout Indonesia", "security forces in Guinea" (CAMEO codes such
    groups by that country). Only for a common-noun head: a named actor keeps its code
    (`any_head` for a head already known to carry no code)."""
    if not any_head and not (tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and not tok.ent_type_)):
        return []
    out: list[Any] = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "throughout", "across", "from", "inside"):
            for o in c.children:
                if o.dep_ == "pobj":
                    out.extend(_phrase(o))
    return out


def _clause_scope(tok: Any) -> list[Any]:
    """The tokens of the clause the trigger belongs to (nouns: their governing verb's clause)."""
    head = tok
    if _is_noun(tok):
        cur = tok
        for _ in range(6):
            if cur.pos_ in ("VERB", "AUX") and cur.dep_ in CLAUSE_DEPS:
                break
            if cur.head == cur:
                break
            cur = cur.head
        head = cur
    return list(head.subtree)


def _tok_range(doc: Any, start: int, end: int | None) -> range:
    span = doc.char_span(start, end, alignment_mode="expand") if end is not None else None
    return range(span.start, span.end) if span is not None else range(0)


def _quote_covering(quotes: list[Quote], offset: int) -> Quote | None:
    """The shortest quote whose content holds `offset` (in one of its pieces: the narrator's
    words between the pieces of '"A," she said after the strike, "B."' are nobody's claim)."""
    best = None
    for q in quotes:
        if any(a <= offset < b for a, b in q.spans) and (best is None or q.end - q.start < best.end - best.start):
            best = q
    return best


def _trigger_text(tok: Any, rule: Rule) -> str:
    parts = [tok.text]
    preps = _prep_words(tok)
    for c in tok.children:
        if c.dep_ in ("prt",) or (c.dep_ == "prep" and c.lower_ in rule.prep and c.lower_ in preps):
            parts.append(c.text)
    if rule.object:
        for c in tok.children:
            if c.dep_ in ("dobj", "nsubjpass", "attr") and c.lemma_.lower() in rule.object:
                parts.append(c.text)
    return " ".join(parts)


def _governors(tok: Any) -> list[Any]:
    """The trigger and the verbs above it up to the sentence root."""
    chain = [tok]
    cur = tok
    while cur.head != cur:
        cur = cur.head
        chain.append(cur)
    return chain


def _modality(tok: Any, quote: Quote | None) -> str:
    chain = _governors(tok)
    # the part of the chain inside the trigger's own clause, plus the verb that governs it
    local: list[Any] = []
    for t in chain:
        local.append(t)
        if t is not tok and t.pos_ in ("VERB", "AUX") and t.dep_ in ("ccomp", "ROOT", "advcl", "relcl", "conj", "parataxis"):
            break
    aux = {c.lower_ for t in local for c in t.children if c.dep_ in ("aux", "auxpass")}
    if any(c.dep_ == "neg" for t in local for c in t.children) or any(
        t.lemma_.lower() in NEGATING_VERBS for t in chain[1:]
    ):
        return "negated"
    if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        return "negated"
    if aux & HYPOTHETICAL_AUX or any(c.dep_ == "mark" and c.lower_ in HYPO_MARKS for t in local for c in t.children):
        return "hypothetical"
    if aux & FUTURE_AUX:
        return "planned"
    if any(t.lemma_.lower() in CAPABILITY_HEADS for t in local[1:3]) and tok.dep_ in ("acl", "xcomp", "pcomp"):
        return "hypothetical"  # "its ability to strike", "designed to intercept"
    if any(t.lemma_.lower() in PLAN_VERBS for t in local[1:]):
        return "planned"
    if any(t.lower_ in PLAN_NOUNS for t in chain[1:3]) or any(
        c.lower_ in ("planned", "proposed", "future", "upcoming", "prospective") for c in tok.children):
        return "planned"
    if tok.tag_ == "VB" and any(c.tag_ == "TO" for c in tok.children) and tok.dep_ in ("ROOT", "relcl", "acl"):
        return "planned"  # headline infinitive: "Belarus and Russia to establish ..."
    if any(c.lower_ in HEDGE_ADVERBS for t in local for c in t.children if c.dep_ == "advmod") \
            or any(c.lower_ in HEDGE_ADJECTIVES for c in tok.children if c.dep_ == "amod") \
            or any(t.lemma_.lower() in ALLEGE_VERBS for t in chain[1:]):
        return "alleged"
    if any(t.lemma_.lower() in ANNOUNCE_VERBS for t in chain[1:]):
        return "announced"
    if quote is not None and tok.tag_ in ("VBD", "VBN"):
        return "reported_past"
    return "asserted"


def _unique(actors: list[Actor]) -> list[Actor]:
    out: list[Actor] = []
    seen: set[tuple[str | None, str | None]] = set()
    for a in actors:
        key = (a.code, a.text.lower() if a.code is None else None)
        if key in seen:
            continue
        seen.add(key)
        out.append(a)
    return out


def _is_background(tok: Any, triggers: set[int]) -> bool:
    """Background to the sentence's news rather than the news itself: a participle or
    past-perfect relative clause describing a noun ("equipment seized last year",
    "the officials whom they had taken hostage", "Serbia, where 24 people were
    killed"), or the cause or time frame of the main event ("after 12 days of
    battles", "following the shooting of two soldiers")."""
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        return True
    if tok.dep_ == "relcl" and (any(c.dep_ == "aux" and c.lower_ == "had" for c in tok.children)
                                or any(c.dep_ == "advmod" and c.lower_ in ("where", "when") for c in tok.children)):
        return True
    cur = tok
    for _ in range(4):
        if cur.dep_ not in ("pobj", "compound", "prep") or cur.head is cur:
            return False
        if cur.dep_ == "prep" and cur.lower_ in BACKGROUND_PREPS:
            return cur.head.i in triggers
        if cur.dep_ == "prep" and cur.lower_ != "of":
            return False
        cur = cur.head
    return False


def _is_participle_modifier(tok: Any) -> bool:
    """A participle or adjective describing the noun after it ("the seized tanker",
    "the destroyed bridge", "wounded soldiers"): it names a state the thing is in,
    not a happening the sentence reports. A noun that the parser joined to a verb
    ("ordered conscription, and jailed dissidents") is the verb's misread object:
    its "modifier" is the second verb."""
    head = tok.head
    return (tok.dep_ == "amod" and tok.tag_ in ("VBN", "JJ") and tok.i < head.i and _is_noun(head)
            and not (head.dep_ == "conj" and head.head.pos_ in ("VERB", "AUX")))


def _is_future(tok: Any) -> bool:
    """"will X", "would X", "plans to X": the actor states what it is going to do."""
    local = [tok] + ([tok.head] if tok.dep_ in ("xcomp", "conj") and tok.head is not tok else [])
    if any(c.dep_ == "neg" for t in local for c in t.children):
        return False
    aux = {c.lower_ for t in local for c in t.children if c.dep_ == "aux"}
    if aux & {"will", "'ll", "shall", "would"}:
        return True
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ("plan", "intend")


def _is_refusal(tok: Any) -> bool:
    """"will not / would not / cannot X", "failed to X": a stated refusal of X."""
    chain = _governors(tok)[:3]
    if any(t.lemma_.lower() == "fail" for t in chain[1:]):
        return True
    local = chain[:2] if tok.dep_ == "xcomp" else chain[:1]
    neg = any(c.dep_ == "neg" for t in local for c in t.children)
    aux = {c.lower_ for t in local for c in t.children if c.dep_ == "aux"}
    return neg and bool(aux & (FUTURE_AUX | {"would", "can", "could", "ca"}))


def _drop_embedded(found: list[tuple[Any, Rule, Event]]) -> list[tuple[Any, Rule, Event]]:
    """Leave out events whose trigger is the content of a verbal event's trigger in the
    same sentence ("demanded a truce", "threatened to impose sanctions", "rejected an
    offer of talks", "blamed Israel for the bombing")."""
    governing = {tok.i: ev.type for tok, _, ev in found if ev.type in GOVERNING_TYPES}
    triggers = {tok.i for tok, _, _ in found}
    triggers |= {tok.head.i for tok, _, _ in found if _is_noun(tok) and tok.dep_ in ("dobj", "nsubjpass")}
    protests = {tok.i for tok, _, ev in found if ev.type == "PROTEST"}
    # "staged demonstrations to demand ...": the verb that governs a protest noun counts too
    protests |= {tok.head.i for tok, _, ev in found if ev.type == "PROTEST" and _is_noun(tok)
                 and tok.dep_ in ("dobj", "nsubj", "pobj")}
    if len(found) < 2:
        return found
    keep = []
    for tok, rule, ev in found:
        cur = tok
        embedded = False
        for _ in range(5):
            if cur.head is cur or cur.dep_ not in EMBED_DEPS:
                break
            if cur.dep_ == "prep" and cur.lower_ not in EMBED_PREPS:
                break
            if cur.dep_ == "pcomp" and any(c.dep_ in SUBJ for c in cur.children):
                break  # "..., with some calling for ...": a clause with its own subject
            cur = cur.head
            if cur.i in governing:
                embedded = governing[cur.i] != ev.type
                break
        if not embedded and len(found) > 1 and _is_background(tok, triggers):
            embedded = True
        if not embedded and tok.dep_ == "acl" and any(c.tag_ == "TO" for c in tok.children) \
                and ev.type in COOPERATIVE:
            # "an offer to host a summit", "efforts to forge a settlement": a purpose, not a happening
            embedded = True
        if not embedded and ev.type in PROTEST_PURPOSES:
            # "staged demonstrations to demand reforms", "marched, calling for ...":
            # the demand is what the protest is about
            cur = tok
            for _ in range(4):
                if cur.head is cur or cur.dep_ not in PURPOSE_DEPS:
                    break
                cur = cur.head
                if cur.i in protests:
                    embedded = True
                    break
        if not embedded:
            keep.append((tok, rule, ev))
    return _drop_subordinate(keep)


def _subordinate_edge(tok: Any) -> Any | None:
    """The token above the first subordinating edge on the path from `tok` to the root
    of its sentence, or None when the path has none."""
    cur = tok
    for _ in range(12):
        if cur.head is cur:
            return None
        dep = cur.dep_
        if dep in ("relcl", "acl") and _is_noun(cur.head):
            return cur.head
        if dep == "amod" and cur.tag_ == "VBN":
            return cur.head  # "the Syrian-backed militia", "its long-threatened invasion"
        if dep == "advcl":
            marks = {c.lower_ for c in cur.children if c.dep_ == "mark"}
            if marks & SUBORDINATE_MARKS or any(c.tag_ == "TO" for c in cur.children):
                return cur.head
            if SUBORDINATE_ADJUNCTS and cur.tag_ == "VBG" and not marks:
                return cur.head
        if dep in ("pobj", "pcomp") and cur.head.dep_ == "prep" and cur.head.lower_ in CAUSE_PREPS:
            return cur.head.head
        cur = cur.head
    return None


def _hangs_on(top: Any, main: Any) -> bool:
    """Whether the clause attached at `top` qualifies the event triggered by `main`:
    `main`, or the verb that `main` is a noun argument of ("put under investigation",
    "declared a ceasefire"), is `top` or governs it."""
    cur = main
    for _ in range(5):
        if cur.i == top.i or any(a.i == cur.i for a in top.ancestors):
            return True
        if cur.head is cur or cur.dep_ not in NOUN_ARG_DEPS:
            return False
        cur = cur.head
    return False


def _drop_subordinate(found: list[tuple[Any, Rule, Event]]) -> list[tuple[Any, Rule, Event]]:
    """One report, one main event: an event whose trigger sits in a clause that only
    qualifies the sentence's main event -- a condition or time limit ("if it is
    attacked", "until their demands are met"), a purpose ("opened fire to disperse
    the crowd"), a cause ("arrested for spying", "because of fighting"), or a clause
    describing one of its participants ("inspectors probing the sites") -- is left out
    when the main clause already carries an event."""
    if len(found) < 2:
        return found
    sub = {tok.i: _subordinate_edge(tok) for tok, _, _ in found}
    main = [tok for tok, _, _ in found if sub[tok.i] is None]
    if not main:
        return found
    keep = []
    for tok, rule, ev in found:
        top = sub[tok.i]
        if top is not None and any(_hangs_on(top, m) for m in main):
            continue
        keep.append((tok, rule, ev))
    return keep


def _separate_verbs(a: Any, b: Any) -> bool:
    """Two coordinated verbs that are separate happenings ("captured and deported to X"):
    the place of one is not the other's, unless the second is an outcome ("shot and killed")."""
    from sitrep.geo import load_location_cues

    first, second = (a, b) if a.i < b.i else (b, a)
    return (second.dep_ == "conj" and second.head.i == first.i and first.pos_ == "VERB" and second.pos_ == "VERB"
            and second.lemma_.lower() not in load_location_cues().outcome_verbs)


def _dedupe(found: list[tuple[Any, Rule, Event]]) -> list[tuple[Any, Rule, Event]]:
    """One event per happening: a noun trigger governed by a verb trigger of the
    same type merges into it (the verb keeps roles the noun adds)."""
    keep: list[tuple[Any, Rule, Event]] = []
    for tok, rule, ev in found:
        merged = False
        for k_tok, k_rule, k_ev in keep:
            if k_ev.type != ev.type:
                continue
            roleless = not (ev.actor or ev.recipient) or not (k_ev.actor or k_ev.recipient)
            related = roleless or tok.head.i == k_tok.i or k_tok.head.i == tok.i or (
                tok.head.head.i == k_tok.i and tok.head.dep_ == "prep") or (
                k_tok.head.head.i == tok.i and k_tok.head.dep_ == "prep") or (
                # one crowd protesting twice in a sentence is one protest ("gathered for a
                # rally to protest ...")
                ev.type == "PROTEST" and ev.actor and {a.code for a in ev.actor} == {a.code for a in k_ev.actor})
            if related:
                if not k_ev.actor and ev.actor:
                    k_ev.actor = ev.actor
                if not k_ev.recipient and ev.recipient:
                    k_ev.recipient = [r for r in ev.recipient if r.code not in {a.code for a in k_ev.actor}]
                if k_ev.location is None and ev.location is not None and not _separate_verbs(k_tok, tok):
                    k_ev.location = ev.location
                if k_ev.attribution is None and ev.attribution is not None:
                    k_ev.attribution = ev.attribution
                if not k_ev.weapons and ev.weapons:
                    k_ev.weapons = ev.weapons
                merged = True
                break
        if not merged:
            keep.append((tok, rule, ev))
    return keep
