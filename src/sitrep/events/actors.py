"""Per-article actor resolution: entity by token, people's affiliations, pronouns back to the last
actor.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property, lru_cache
from typing import Any

from sitrep import geo
from sitrep.data.leaders import LeaderIndex
from sitrep.gazetteers import load_actor_gazetteer
from sitrep.events.syntax import SUBJ, phrase, place_of
from sitrep.events.evidence import quote_covering
from sitrep.model import Actor, Article, Entity, Quote, doc_text


PRONOUNS = {"he", "she", "it", "they", "we", "his", "her", "its", "their", "our"}
# sectors of private parties: a company's, a hospital's or a church's country code makes it no
# state's organ and no political actor ("Equifax" is USA, sector BUS)
PRIVATE_SECTORS = frozenset({"BUS", "CVL", "MED", "EDU", "HLH", "REL"})
# sectors of fighters not under a state's command: with one of their cues ("militants", "fighters"),
# an organisation whose default sector is a government acts as an armed group
FIGHTER_SECTORS = frozenset({"REB", "UAF"})
FIRST_PERSON = {"we", "our", "us", "ours", "i", "my", "me"}
# sectors of a state's own organs: named without their state ("police", "prosecutors", "the
# ministry"), they act for the country the story is about
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
HOME_SHARE = 0.4  # the share of country mentions one country needs to be the story's country
# "both countries", "the two sides": the parties named last, when they were two or more
PAIR_NOUNS = frozenset({"countries", "nations", "states", "sides", "governments", "leaders", "powers", "neighbours",
                        "neighbors", "allies", "parties", "capitals", "presidents"})
PAIR_WORDS = frozenset({"both", "two"})
# "the two Koreas": both Korean states
BOTH_KOREAS = ("KOR", "PRK")
# "the country('s army)": the state named last (`ArticleContext._named_country`)
COUNTRY_NOUNS = frozenset({"country", "nation"})
# "the group", "the militants", "the jihadist group": the armed group the article named last
GROUP_NOUNS = frozenset({"group", "militants", "insurgents", "jihadists", "extremists", "rebels", "fighters",
                         "organisation", "organization", "movement", "faction", "sect", "insurgency"})
ARMED_SECTORS = frozenset({"REB", "UAF"})
# "the Council", "the Commission": the body named before whose name holds the word
BODY_NOUNS = frozenset({"council", "commission", "assembly", "union", "court", "committee", "agency", "parliament"})
GROUP_LOOKBACK = 2000  # characters back to the mention a group or body phrase refers to


# words that make a force or official no organ of the story's country: "Coalition military forces",
# "foreign troops", "allied jets", "international monitors"
FOREIGN_WORDS = frozenset({"coalition", "allied", "foreign", "international", "multinational", "western",
                           "u.s.-led", "us-led", "nato-led", "russian-led", "saudi-led", "peacekeeping", "peacekeepers"})


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    return frozenset(c.code for c in load_actor_gazetteer().countries)


class ArticleContext:
    """Per-article lookups: entity by token, people's affiliations, last actors."""

    def __init__(self, article: Article, sector_of: Any, org_country: dict[str, str | None],
                 leaders: LeaderIndex | None = None, year: int | None = None) -> None:
        doc = article.doc
        self.article = article
        self.doc = doc
        self.text = doc_text(doc, article.text)  # doc.text is built from the tokens on each access
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
    def home_country(self) -> str | None:
        """The country the story is about: the dateline's, else the one named in at least
        `HOME_SHARE` of the article's country mentions (places count for their country,
        organisations for theirs), and at least twice."""
        place = self.story_place
        if place is not None and place.country:
            return place.country
        counts: dict[str, int] = {}
        for e in self.article.entities:
            code = None
            if e.type in ("LOCATION", "NATIONALITY"):
                code = e.code if e.code and len(e.code) == 3 and e.code.isupper() else e.country
            elif e.type == "ORG" and e.code:
                code = self.org_country.get(e.code)
            if code:
                counts[code] = counts.get(code, 0) + 1
        if not counts:
            return None
        best = max(sorted(counts), key=lambda c: counts[c])
        total = sum(counts.values())
        return best if counts[best] >= 2 and counts[best] / total >= HOME_SHARE else None

    def with_home_country(self, actors: list[Actor]) -> tuple[list[Actor], bool]:
        """Actors of a state sector named without a state ("police", "prosecutors") given the
        story's country, unless named as foreign or multinational (`FOREIGN_WORDS`: "Coalition
        military forces" in a report on Iraq are not Iraq's); whether any was."""
        home = self.home_country
        own = [a.code is None and a.sector in STATE_SECTORS and not FOREIGN_WORDS & set(a.text.lower().split())
               for a in actors]
        if home is None or not any(own):
            return actors, False
        return [Actor(a.text, home, a.sector, a.start, a.end) if mine else a for a, mine in zip(actors, own)], True

    def fill_home_country(self, event: Any) -> None:
        """`with_home_country` on an event's actors and recipients; the rule id says so."""
        event.actor, a = self.with_home_country(event.actor)
        event.recipient, r = self.with_home_country(event.recipient)
        if a or r:
            event.evidence.rule += "+home-country"

    @cached_property
    def story_place(self) -> Entity | None:
        """The dateline's place when the story stays in its country (`sitrep.geo.story_place`)."""
        return geo.story_place(self.doc, self.article.entities)

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
            # the person's description: compounds before, appositions after, "of X"; not what is
            # coordinated with them ("President Trump and South Korea": South Korea is no description)
            # nor the places of what a clause says they did ("Senator Reyes, who called for troops
            # in Mali"): a place after a preposition there ("who heads Mali's army" still tells)
            joined = {t.i for c in root.children if c.dep_ in ("conj", "cc") for t in c.subtree}
            joined |= {t.i for c in root.children if c.dep_ == "relcl" for t in c.subtree
                       if t.dep_ in ("pobj", "conj") and t.head.dep_ in ("prep", "pobj")}
            desc: list[Any] = [t for t in root.subtree if (t.i < span.start or t.i >= span.end) and t.i not in joined]
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
                # a family name written first ("Kim Jong Un" -> "Kim", "Hua Chunying" -> "Hua"):
                # the first word finds the person too, unless someone else had it first
                self.people.setdefault(ent.text.split()[0].lower(), self.people[key])

    # ------------------------------------------------------------------
    def actors_in(self, tokens: list[Any], *, exclude: set[int] | None = None, places: bool = False) -> list[Actor]:
        """Actors named in a phrase: one per entity, compound phrases give several.
        With `places`, a town stands for its country (an attack on Kharkiv is one on UKR)."""
        exclude = exclude or set()
        out: list[Actor] = []
        seen: set[tuple[str | None, str]] = set()
        ids = sorted({t.i for t in tokens} - exclude)
        phrase_text = " ".join(self.doc[i].text for i in ids)
        # the sector words of the phrase, place names left out ("the West Bank" is no bank)
        sector_text = " ".join(self.doc[i].text for i in ids
                               if not (i in self.tok_ent and self.tok_ent[i].type == "LOCATION"))
        phrase_sector = self.sector_of(sector_text) if sector_text else None
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
        if not out and ids:
            out = self._pair(ids)
        if ids and not any(a.code for a in out):
            out = self._named_group(ids) or self._named_body(ids) or self._named_country(ids, phrase_sector) or out
        if not any(a.code for a in out):
            # "we", "our forces", "my government" in a quote: the speaker's state or body, in the sector named
            speaker = self._first_person_speaker(ids)
            if speaker:
                return [Actor(a.text, a.code, phrase_sector or a.sector, a.start, a.end) for a in speaker]
        if not out:
            for i in ids:
                tok = self.doc[i]
                if tok.lower_ in PRONOUNS and tok.dep_ in SUBJ | {"poss", "nsubjpass"}:
                    # "Chile says it is ready to ...": the subject of the governing verb
                    found = self._governing_subject(tok)
                    if found:
                        return found
                if tok.lower_ in ("he", "she", "him", "her", "his"):
                    # the person named last before it (in its sentence or the two before), or the
                    # last person who acted in an event, whichever is nearer
                    named = self._last_person_named(tok)
                    if named is not None and (self.last_person is None or self.last_person.start is None
                                              or named.start is not None and named.start > self.last_person.start):
                        return [named]
                    if self.last_person is not None:
                        return [self.last_person]
                if tok.lower_ in ("it", "its") and tok.dep_ in SUBJ | {"poss"}:
                    # "It now holds most of the province": the body or state named last, in this
                    # sentence or the one before (a person is no "it")
                    named = self._last_named(tok)
                    if named:
                        return named
                if tok.lower_ in ("they", "it", "we", "its", "their", "our") and tok.dep_ in SUBJ | {"poss"} and self.last_actors:
                    return list(self.last_actors)
        # a sector phrase with no code ("Western officials" has a code; "officials" does not):
        # a state's own organ ("police", "prosecutors", "the defence ministry") acts for the
        # story's country when the article has one (`home_country`)
        if not out and ids and phrase_sector in STATE_SECTORS and self.home_country is not None \
                and not any(self.doc[i].lower_ in PRONOUNS for i in ids):
            first, last = self.doc[ids[0]], self.doc[ids[-1]]
            out.append(Actor(phrase_text, self.home_country, phrase_sector, first.idx, last.idx + len(last.text)))
        return out

    def _first_person_speaker(self, ids: list[int]) -> list[Actor]:
        """The coded speaker of the quote a first-person word of the phrase stands in ("we", "our
        forces", "my government"); empty when there is none."""
        for i in ids:
            tok = self.doc[i]
            if tok.lower_ in FIRST_PERSON:
                quote = quote_covering(self.article.quotes, tok.idx)
                speaker = self.speaker_actors(quote) if quote is not None else []
                if speaker:
                    return speaker
        return []

    def _pair(self, ids: list[int]) -> list[Actor]:
        """"The two Koreas"; "both countries", "the two sides": the last compound actor."""
        words = {self.doc[i].lower_ for i in ids}
        first, last = self.doc[ids[0]], self.doc[ids[-1]]
        if "koreas" in words:
            return [Actor(last.text, code, None, first.idx, last.idx + len(last.text)) for code in BOTH_KOREAS]
        if words & PAIR_WORDS and words & PAIR_NOUNS and len({a.code for a in self.last_actors if a.code}) >= 2:
            return list(self.last_actors)
        return []

    @cached_property
    def _armed_groups(self) -> list[Entity]:
        return sorted((e for e in self.article.entities if e.type == "ORG" and e.code and e.sector in ARMED_SECTORS),
                      key=lambda e: e.start)

    def _definite(self, ids: list[int], nouns: frozenset[str]) -> tuple[list[Any], str] | None:
        """The phrase's tokens and head word when it is "the ..." with its head word in `nouns`
        ("the militant group", "the Council"), else None."""
        toks = [self.doc[i] for i in ids]
        inside = set(ids)
        head = next((t for t in toks if t.head.i not in inside or t.head is t), toks[-1])
        if head.lower_ not in nouns or not any(t.lower_ == "the" and t.dep_ == "det" for t in toks):
            return None
        return toks, head.lower_

    def _referring(self, toks: list[Any], ent: Entity) -> list[Actor]:
        """The phrase `toks` as an actor standing for the mention `ent` it refers back to."""
        named = self._actor_for(ent, None)
        if named is None or named.code is None:
            return []
        return [Actor(" ".join(t.text for t in toks), named.code, named.sector, toks[0].idx,
                      toks[-1].idx + len(toks[-1].text))]

    def _before(self, ents: Iterable[Entity], start: int) -> list[Entity]:
        return [e for e in ents if e.end <= start and start - e.end <= GROUP_LOOKBACK]

    def _named_group(self, ids: list[int]) -> list[Actor]:
        """"The group", "the militants", "the terror group('s)": the armed group named before
        the phrase, within `GROUP_LOOKBACK` characters."""
        found = self._definite(ids, GROUP_NOUNS)
        if found is None:
            return []
        toks = found[0]
        group = self._main_group(toks[0].idx)
        return self._referring(toks, group) if group is not None else []

    def _main_group(self, start: int) -> Entity | None:
        """The armed group the text is about before `start` (within `GROUP_LOOKBACK` characters):
        one named as a doer (a subject) over one only mentioned ("pledged allegiance to ISIS"),
        then the one named more often, then the one named last."""
        before = self._before(self._armed_groups, start)
        if not before:
            return None
        counts: dict[str, int] = {}
        for e in before:
            counts[e.code or ""] = counts.get(e.code or "", 0) + 1
        return max(before, key=lambda e: (self._as_subject(e), counts[e.code or ""], e.start))

    def captor_group(self, start: int) -> list[Actor]:
        """Who held captives freed with no releaser named ("the hostages were freed on Thursday"):
        the armed group the article is about, named before `start`; empty when it names none."""
        group = self._main_group(start)
        named = self._actor_for(group, None) if group is not None else None
        return [Actor(group.text, named.code, named.sector, None, None)] if named and named.code else []

    def _named_body(self, ids: list[int]) -> list[Actor]:
        """"The Council" after "the UN Security Council", "the Commission" after "the European
        Commission": the coded organisation named last before the phrase, within
        `GROUP_LOOKBACK` characters, whose name holds the phrase's head word."""
        found = self._definite(ids, BODY_NOUNS)
        if found is None:
            return []
        toks, word = found
        orgs = (e for e in self.article.entities if e.type == "ORG" and e.code and word in e.text.lower().split())
        named = self._before(orgs, toks[0].idx)
        return self._referring(toks, max(named, key=lambda e: e.start)) if named else []

    def _named_country(self, ids: list[int], sector: str | None) -> list[Actor]:
        """"The country('s military)", "the nation": the state named last before the phrase, in
        its sentence, else in the sentence before ("Saudi Arabia's defence ministry said the
        country's air force held a drill": the Saudi air force)."""
        noun = next((self.doc[i] for i in ids if self.doc[i].lower_ in COUNTRY_NOUNS
                     and any(c.dep_ == "det" and c.lower_ == "the" for c in self.doc[i].children)), None)
        if noun is None:
            return []
        sent = noun.sent
        earlier = self.doc[sent.start - 1].sent if sent.start > 0 else sent
        states = [e for e in self.article.entities if e.code in _country_codes() and e.end <= noun.idx
                  and e.type in ("LOCATION", "NATIONALITY", "ORG")]
        for lo in (sent.start_char, earlier.start_char):
            named = [e for e in states if e.start >= lo]
            if named:
                last = max(named, key=lambda e: e.start)
                return [Actor(noun.text, last.code, sector, noun.idx, noun.idx + len(noun.text))]
        return []

    def _as_subject(self, ent: Entity) -> bool:
        """Whether a mention is (part of) a clause's subject."""
        span = self.doc.char_span(ent.start, ent.end, alignment_mode="expand")
        if span is None:
            return False
        tok = span.root
        while tok.dep_ in ("compound", "amod", "poss", "nmod") and tok.head is not tok:
            tok = tok.head
        return tok.dep_ in SUBJ or tok.dep_ == "nsubjpass"

    def speaker_actors(self, quote: Quote) -> list[Actor]:
        """A quote's speaker as coded actors (a person stands for the state or body they
        speak for); empty when the speaker is no actor we can code. A pronoun speaker
        ("she told reporters") is read through the name attribution gave it."""
        found: list[Actor] = []
        if quote.speaker_start is not None and quote.speaker_end is not None:
            span = self.doc.char_span(quote.speaker_start, quote.speaker_end, alignment_mode="expand")
            if span is not None and not all(t.lower_ in PRONOUNS for t in span):
                found, _ = self.with_home_country(self.actors_in(list(span)))
        if not any(a.code for a in found) and quote.speaker:
            name = quote.speaker.lower()
            for ent in self.article.entities:
                if ent.type in ("PERSON", "ORG") and ent.start < (quote.speaker_start or len(self.text)) \
                        and (name in ent.text.lower() or ent.text.lower() in name) and ent.text.lower() not in PRONOUNS:
                    span = self.doc.char_span(ent.start, ent.end, alignment_mode="expand")
                    if span is not None:
                        found, _ = self.with_home_country(self.actors_in(list(span)))
                        if any(a.code for a in found):
                            break
        return [a for a in found if a.code]

    def is_place(self, tok: Any) -> bool:
        """Whether a token is part of a town or other point on the map (a LOCATION entity with
        coordinates), not a state, a nationality or an organisation."""
        ent = self.tok_ent.get(tok.i)
        return ent is not None and ent.type == "LOCATION" and ent.lat is not None

    def _window_start(self, tok: Any, sentences_before: int) -> int:
        """The first token of the sentence `sentences_before` sentences before `tok`'s own."""
        start = tok.sent.start
        for _ in range(sentences_before):
            if start > 0:
                start = self.doc[start - 1].sent.start
        return start

    def _last_named(self, pron: Any) -> list[Actor]:
        """The coded organisation or state named last before a pronoun, in its sentence or the
        one before; empty when there is none."""
        for i in range(pron.i - 1, self._window_start(pron, 1) - 1, -1):
            ent = self.tok_ent.get(i)
            if ent is None or ent.type not in ("ORG", "LOCATION") or not ent.code:
                continue
            actor = self._actor_for(ent, None)
            if actor is not None and actor.code:
                return [actor]
        return []

    def _last_person_named(self, pron: Any) -> Actor | None:
        """The person named last before a personal pronoun, in its sentence or the two before,
        the nearest one named as a subject first ("Macron spoke in Paris. He condemned ..."); None
        when that person has no code."""
        subjects: list[Entity] = []
        others: list[Entity] = []
        for i in range(pron.i - 1, self._window_start(pron, 2) - 1, -1):
            ent = self.tok_ent.get(i)
            if ent is None or ent.type != "PERSON" or ent in subjects or ent in others:
                continue
            (subjects if self.doc[i].dep_ in SUBJ | {"nsubjpass"} else others).append(ent)
        pick = subjects[0] if subjects else (others[0] if others else None)
        if pick is None:
            return None
        actor = self._actor_for(pick, None)
        return actor if actor is not None and actor.code else None

    def _governing_subject(self, pron: Any) -> list[Actor]:
        cur = pron.head
        while cur.head is not cur and cur.dep_ in ("poss", "nsubj", "nsubjpass", "dobj", "pobj", "prep"):
            cur = cur.head  # from a possessive or object up to its clause's verb
        if pron.dep_ == "poss":
            # "Iran resumed its tests": a possessive in the clause goes back to the clause's subject
            for c in cur.children:
                if c.dep_ in SUBJ and c.lower_ not in PRONOUNS and pron.i not in {t.i for t in c.subtree}:
                    found = self.actors_in(phrase(c))
                    if found:
                        return found
        for _ in range(4):
            if cur.dep_ == "acl" and cur.head is not cur:
                # "Iran's assertion that it had fired ...": the owner of the claim
                owner = [a for c in cur.head.children if c.dep_ == "poss" and c.lower_ not in PRONOUNS
                         for a in self.actors_in(phrase(c))]
                if owner:
                    return owner
            if cur.head is cur or cur.dep_ not in ("ccomp", "xcomp", "conj", "advcl", "acomp", "relcl"):
                return []
            cur = cur.head
            for c in cur.children:
                if c.dep_ in SUBJ and c.lower_ not in PRONOUNS:
                    found = self.actors_in(phrase(c))
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
            sector = ent.sector or phrase_sector
            if sector == "GOV" and phrase_sector in FIGHTER_SECTORS:
                sector = phrase_sector  # "Taliban militants": a governing movement's fighters, not its government
            return Actor(ent.text, code, sector, ent.start, ent.end)
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
                named = [a for a in self.actors_in(phrase(c)) if a.code]
                if named:
                    return named
        if not found:
            return found
        codes = {a.code for a in self.actors_in(place_of(head, any_head=True), places=True) if a.code}
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
