"""The `coref` stage: personal pronouns and titles standing alone as mentions that carry `refers_to`
(their antecedent), and nationalities joined to titled persons and platforms.
"""

from __future__ import annotations

import bisect
from typing import Any

from sitrep import data
from sitrep.data.leaders import load_leaders
from sitrep.entities.tokens import lower_set
from sitrep.model import Article, Entity
from sitrep.attribution.speakers import PersonIndex
from sitrep.attribution.titles import roles_of, title_person, year_of


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
        self.person = lower_set(pro["person"])
        self.group = lower_set(pro["group"])
        self.plural = lower_set(pro["plural"])
        self.neuter = lower_set(pro["neuter"])
        self.place = lower_set(pro["place"])
        self.person_nouns = lower_set(pro["person_nouns"])
        self.people = lower_set(words["people_nouns"]) | lower_set(words["group_heads"]) | \
            lower_set(words["institution_nouns"])
        self.institutions = lower_set(words["institution_nouns"])
        self.titles = lower_set(words["person_titles"])
        self.leaders = load_leaders(data_dir)  # roles of people named, for titles standing alone

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
        titles = self._titles(doc, ents, at, article.date)
        added.extend(titles)
        gone = self._titled_nationalities(doc, ents, at, titles)
        added.extend(self._national_titles(doc, ents, gone))
        _owned_platforms(doc, ents, gone)
        if added or gone:
            kept = [e for e in article.entities if id(e) not in gone]
            article.entities = sorted([*kept, *added], key=lambda e: (e.start, -e.end))
        return article

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

    def _titles(self, doc: Any, ents: list[Entity], at: dict[int, Entity], date: str | None = None) -> list[Entity]:
        """ "the Foreign Secretary", "the prime minister", "the head of state", "the UN Special
        Envoy for Syria": a person named by a title alone, referring to the person named
        earlier whose role (leaders.yaml, or the title written with the name) is the title's,
        else to the one named earlier with that title word next to the name; a title in
        apposition to a name ("Sergei Lavrov, the foreign minister,") refers to that name."""
        out: list[Entity] = []
        n = len(doc)
        people: PersonIndex | None = None
        for tok in doc:
            if tok.lower_ != "the":
                continue
            j = tok.i + 1
            while j < n and j - tok.i <= 4 and doc[j].lower_ not in self.titles and \
                    (doc[j].text[:1].isupper() or doc[j].lower_ in _TITLE_WORDS) and not doc[j].is_punct:
                j += 1  # "the US Defense", "the UN Special", "the prime"
            if j < n and doc[j].lower_ == "head" and j + 2 < n and doc[j + 1].lower_ == "of" and \
                    doc[j + 2].lower_ in ("state", "government"):
                head, end = doc[j], j + 3  # "the head of state", "the head of government"
                span = doc[tok.i:end]
                if any(i in at and at[i].type == "PERSON" for i in (doc[end].idx,) if end < n):
                    continue
                people = people or PersonIndex([e for e in ents if e.type == "PERSON"], doc)
                out.append(Entity(text=span.text, start=span.start_char, end=span.end_char, type="PERSON",
                                  source="coref", refers_to=self._title_referent(doc, ents, at, span, head,
                                                                                 people, date)))
                continue
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
            people = people or PersonIndex([e for e in ents if e.type == "PERSON"], doc)
            out.append(Entity(text=span.text, start=span.start_char, end=span.end_char, type="PERSON",
                              source="coref", refers_to=self._title_referent(doc, ents, at, span, head,
                                                                             people, date)))
        return out

    def _title_referent(self, doc: Any, ents: list[Entity], at: dict[int, Entity], span: Any, head: Any,
                        people: PersonIndex, date: str | None) -> str | None:
        """Whom a title standing alone (`span`, head word `head`) refers to (see `_titles`)."""
        if head.dep_ == "appos" and head.head.i < head.i:
            # "Sergei Lavrov, the foreign minister, said": the name it stands beside
            named = at.get(head.head.idx)
            if named is not None and named.type == "PERSON":
                p = people.person_in(named.start, named.end)
                return p.name if p is not None else named.text
        country = next((e.code for e in ents if e.type in ("NATIONALITY", "LOCATION") and e.code
                        and span.start_char <= e.start and e.end <= span.end_char), None)
        if roles_of(span.text):
            p = title_person(span.text, people.mentions, span.start_char, self.leaders, year_of(date), country)
            return p.name if p is not None else None
        return _titled_person(doc, ents, head, span.start_char)

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
