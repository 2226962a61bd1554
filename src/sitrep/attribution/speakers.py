"""Speakers: the subject of a cue, the people of the article (names, surnames, titles), the quote
record made for a speaker with its type and title, and 'the minister said' resolved to the last
speaker so described.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sitrep.attribution.marks import TITLE_WORDS
from sitrep.attribution.nesting import CLOSE_SLACK
from sitrep.attribution.titles import is_title_phrase, title_person, year_of
from sitrep.attribution.words import lemma_of
from sitrep.model import Article, Entity, Quote


PRONOUNS_PERSON = {"he", "she", "him", "her", "his"}
PRONOUNS_GROUP = {"they", "it", "we"}
NICKNAME_SURNAME = re.compile(r' ["“][A-Z][\w.\'-]*["”] ([A-Z][\w\'-]+)')  # 'Anna "Annie" Lowe': Lowe
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
# subjects that name no speaker: the reader addressed ('would you vote for her?') or no one
NO_SPEAKER = {"you", "nobody"}


def by_agent(tok: Any) -> Any:
    """'an announcement by Andrei Bogdan' -> Bogdan; 'TASS' -> TASS."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "by":
            objs = [o for o in c.children if o.dep_ == "pobj"]
            if objs:
                return objs[0]
        if c.dep_ == "poss":
            return c
    return tok


@dataclass(slots=True)
class Person:
    name: str
    start: int
    end: int
    title: str | None


class PersonIndex:
    """People named in the article, with full names and titles, in order."""

    def __init__(self, entities: list[Entity], doc: Any, text: str | None = None) -> None:
        """`text` is the doc's text when the caller has it (`article.text`): `doc.text` is
        rebuilt from the tokens on each access."""
        self.mentions: list[Person] = []
        full: dict[str, str] = {}
        titles: dict[str, str] = {}
        if text is None:
            text = doc.text if doc is not None else None
        for e in entities:
            if e.type != "PERSON":
                continue
            name = " ".join(e.text.split())
            nick = NICKNAME_SURNAME.match(text, e.end) if text is not None else None
            if nick is not None and " " not in name:
                name = f"{name} {nick.group(1)}"  # 'Anna "Annie" Lowe', the tagger's person cut at the quote mark
            parts = name.split()
            if not parts:
                continue
            key = parts[-1].lower()
            if len(parts) > 1:
                full.setdefault(key, name)
            canon = full.get(key, name)
            title = _title_for(doc, e)
            if title and canon not in titles:
                titles[canon] = title
            self.mentions.append(Person(canon, e.start, e.end, None))
        for p in self.mentions:
            p.title = titles.get(p.name)

    def person_in(self, start: int, end: int) -> Person | None:
        for p in self.mentions:
            if start <= p.start and p.end <= end:
                return p
        return None

    def last_with_title(self, noun: str, before: int) -> Person | None:
        for p in reversed(self.mentions):
            if p.end <= before and p.title and noun in p.title.lower().replace("-", " ").split():
                return p
        return None

    def by_surname(self, word: str) -> Person | None:
        """A person named earlier in full, referred to by surname (which NER may mislabel)."""
        w = word.lower()
        for p in self.mentions:
            if p.name.split()[-1].lower() == w and len(p.name.split()) > 1:
                return p
        return None

    def last_person_before(self, offset: int) -> Person | None:
        before = [p for p in self.mentions if p.end <= offset]
        return before[-1] if before else None


def _title_for(doc: Any, ent: Entity) -> str | None:
    """The title of a person mention: an apposition after it, or title words before it."""
    span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    for c in root.children:
        if c.dep_ == "appos" and c.i > root.i:
            toks = list(c.subtree)
            t = doc[toks[0].i: toks[-1].i + 1].text.strip(" ,")  # doc.text would rebuild the whole text
            if TITLE_WORDS.search(t) and len(t) < 200:
                return t
    # "Defence Minister Viktor Khrenin": compounds before the name
    before = [c for c in root.children if c.i < span.start and c.dep_ in ("compound", "amod", "nmod")]
    if before:
        first = min(t.i for c in before for t in c.subtree)
        t = doc[first:span.start].text.strip(" ,")
        if TITLE_WORDS.search(t):
            return t
    # "Poland's foreign minister, Radoslaw Sikorski": the name is the apposition
    if root.dep_ == "appos" and root.head.i < root.i:
        head = root.head
        toks = [t for t in head.subtree if t.i < span.start]
        if toks:
            t = doc[toks[0].i: toks[-1].i + 1].text.strip(" ,")  # doc.text would rebuild the whole text
            if TITLE_WORDS.search(t):
                return t
    return None


def lead_in_speakers(text: str, quotes: list[Quote]) -> None:
    """'Okafor said the port would reopen. "We are ready," ...': a quote without a cue right after a
    reported claim (same or next paragraph, nothing between) is the same speaker's."""
    ordered = sorted(quotes, key=lambda q: q.start)
    for k, q in enumerate(ordered):
        if q.rule != "quote-no-cue" or k == 0:
            continue
        prev = ordered[k - 1]
        if prev.direct or not prev.speaker or prev.speaker_type == "unattributed" or prev.end > q.start:
            continue
        if text.count("\n\n", prev.end, q.start) > 1 or q.start - prev.end > 400:
            continue
        _copy_speaker(prev, q)
        q.speaker_start, q.speaker_end, q.rule = prev.speaker_start, prev.speaker_end, "lead-in"


def _in_possessor(head: Any, person: Person) -> bool:
    """Whether a person named in a noun phrase is its possessor ("the mayor's cousin")."""
    for c in head.children:
        if c.dep_ == "poss":
            toks = list(c.subtree)
            if toks[0].idx <= person.start and person.end <= toks[-1].idx + len(toks[-1].text) + 2:
                return True
    return False


def _copy_speaker(src: Quote, dst: Quote) -> None:
    dst.speaker, dst.speaker_type, dst.speaker_title = src.speaker, src.speaker_type, src.speaker_title


def _title_in(span: list[Any], person: Person) -> str | None:
    words = [t.text for t in span if t.idx < person.start and not t.is_punct and t.dep_ != "det"]
    t = " ".join(words)
    return t if t and TITLE_WORDS.search(t) else None


def _anon_title(span: list[Any]) -> str | None:
    words = [t.text for t in span if t.dep_ != "det"]
    return " ".join(words) or None


def _noun_phrase(tok: Any) -> list[Any]:
    """The head noun with its left modifiers and name parts (not clauses)."""
    keep = {"det", "amod", "compound", "nummod", "poss", "case", "nmod", "quantmod", "advmod"}
    left = [t for t in tok.subtree if t.i < tok.i]
    # only the contiguous run of modifier tokens directly before the head
    toks = [tok]
    for t in reversed(left):
        if t.i == toks[0].i - 1 and (t.dep_ in keep or t.head.i >= t.i and t.dep_ in keep | {"punct"}):
            toks.insert(0, t)
        else:
            break
    # "of the ministry", "for NATO" after the head: short prepositional tails
    right = tok.i + 1
    doc = tok.doc
    while right < len(doc) and doc[right].head == tok and (
            doc[right].dep_ in ("compound", "flat") or (doc[right].dep_ == "appos" and doc[right].pos_ == "PROPN"
                                                        and len(list(doc[right].subtree)) <= 3)):
        toks.append(doc[right])
        right += 1
    if right < len(doc) and doc[right].dep_ == "prep" and doc[right].head == tok and doc[right].lower_ in ("of", "for", "at", "from", "with", "in"):
        tail = list(doc[right].subtree)
        if len(tail) <= 8 and all(t.dep_ not in ("relcl", "acl") for t in tail):
            toks.extend(tail)
    while toks and toks[0].is_punct:
        toks = toks[1:]
    while len(toks) > 1 and toks[-1].is_punct:
        toks = toks[:-1]
    return toks or [tok]


class Speakers:
    """Speaker of a cue, the quote record for it, and anaphora over speakers."""

    def _resolve_anaphora(self, article: Article, quotes: list[Quote], people: "PersonIndex") -> None:
        """'the minister', 'the official', 'the committee' said: the last speaker, person
        or organisation so described, in document order."""
        ordered = sorted(quotes, key=lambda q: (q.speaker_start if q.speaker_start is not None else q.start))
        for k, q in enumerate(ordered):
            subj = self._subjects.get(id(q))
            if subj is None or q.speaker_start is None:
                if q.rule == "continuation":  # a continuation follows its (possibly resolved) speaker
                    prev = [p for p in ordered[:k] if p.speaker and p.end <= q.start and p.direct]
                    # '... Lee said the plan was dead. "We tried."': a reported claim just before the
                    # quote, in its paragraph, names the speaker more surely than an earlier quote
                    near = [p for p in quotes if p.speaker and not p.direct and p.end <= q.start
                            and p.cue is not None and q.start - p.end <= CLOSE_SLACK + 2
                            and "\n" not in article.text[p.end:q.start]]
                    if near:
                        prev = [max(near, key=lambda p: p.end)]
                    if prev:
                        _copy_speaker(prev[-1], q)
                continue
            if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subj.children):
                continue
            phrase = article.text[q.speaker_start:q.speaker_end or q.speaker_start]
            if subj.pos_ == "NOUN" and is_title_phrase(phrase) and people.person_in(
                    q.speaker_start, q.speaker_end or q.speaker_start) is None:
                # 'Lukashenko ... the head of state said', 'the foreign minister said': the person
                # last named whose role (gazetteer, or the title written with the name) is the title's
                nat = next((e.code for e in article.entities if e.type in ("NATIONALITY", "LOCATION") and e.code
                            and q.speaker_start <= e.start and e.end <= (q.speaker_end or 0)), None)
                person = title_person(phrase, people.mentions, q.speaker_start, getattr(self, "leaders", None),
                                      year_of(article.date), nat)
                if person is not None:
                    q.speaker, q.speaker_type, q.speaker_title = person.name, "named_person", person.title or phrase
                    continue
            if any(c.dep_ in ("amod", "compound", "poss") for c in subj.children):
                continue  # "the Russian Defence Ministry" names itself
            noun = subj.lemma_.lower()
            found = None
            for p in reversed(ordered[:k]):
                if not p.speaker or p.speaker_start is None or p.speaker_start >= q.speaker_start:
                    continue
                desc = " ".join(x for x in (p.speaker, p.speaker_title) if x).lower().replace("-", " ").split()
                span_text = article.text[p.speaker_start:p.speaker_end].lower().split()
                if noun in desc or noun in span_text or noun + "s" in span_text:
                    found = p
                    break
            if found is not None:
                _copy_speaker(found, q)
                continue
            person = people.last_with_title(noun, q.speaker_start)
            if person is not None:
                q.speaker, q.speaker_type, q.speaker_title = person.name, "named_person", person.title
                continue
            for e in reversed(article.entities):
                if e.type == "ORG" and e.end <= q.speaker_start and noun in e.text.lower().split():
                    q.speaker = e.text
                    q.speaker_type = "media" if e.sector == "MED" else "organisation"
                    break

    def _speaker_of(self, cue: Any) -> Any:
        """The speaker of a speech verb: its subject; for 'X quoted Y as saying', Y."""
        if cue.lemma_.lower() == "quote":
            objs = [c for c in cue.children if c.dep_ == "dobj"]
            if objs:  # prefer the name when the parser splits role and name
                return next((o for o in objs if o.pos_ == "PROPN"), objs[0])
        subj = next((c for c in cue.children if c.dep_ == "nsubj"), None)
        if subj is None and self._second_report(cue):
            # 'China said the test was reckless and warned of sanctions': the speaker of 'said'
            subj = self._speaker_of(cue.head.head)
        if subj is None and cue.dep_ in ("advcl", "conj", "xcomp", "pcomp"):
            subj = next((c for c in cue.head.children if c.dep_ == "nsubj"), None)
        if subj is None and cue.dep_ == "xcomp":  # "X is expected to endorse"
            subj = next((c for c in cue.head.children if c.dep_ == "nsubjpass"), None)
        if subj is None and cue.dep_ == "pcomp" and cue.head.dep_ == "prep":  # "ended by saying that"
            subj = next((c for c in cue.head.head.children if c.dep_ == "nsubj"), None)
        if subj is None and cue.dep_ == "acl" and cue.tag_ == "VBG" and cue.head.pos_ in ("NOUN", "PROPN"):
            # "released a statement saying ...": whoever released it; "signs saying ...": the signs
            noun = cue.head
            if noun.lemma_.lower() in self.speech_nouns and noun.dep_ in ("dobj", "pobj"):
                verb = noun.head if noun.dep_ == "dobj" else noun.head.head
                subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            subj = subj or noun
        if subj is None and cue.dep_ == "prep":  # "as saying"
            return None
        up = cue
        for _ in range(4):  # 'appeared on the radio and began by saying ...': the subject of the verb it hangs on
            if subj is not None or up.dep_ not in ("conj", "pcomp", "prep") or up.head.i == up.i:
                break
            up = up.head
            subj = next((c for c in up.children if c.dep_ == "nsubj"), None)
        if subj is None and cue.dep_ == "ROOT" and lemma_of(cue) in self.verbs and cue.i > 0:
            # 'In a meeting with the board of the Post Smith said ...': the parser took the name into
            # the phrase before it; the name right before the verb ('also', 'later' aside) speaks
            prev = cue.doc[cue.i - 1]
            while prev.dep_ == "advmod" and prev.i > 0 and prev.head.i == cue.i:
                prev = cue.doc[prev.i - 1]
            if prev.pos_ in ("PROPN", "PRON") and prev.dep_ in ("pobj", "compound", "appos", "npadvmod") \
                    and prev.sent.start == cue.sent.start:
                subj = prev
        if subj is not None and subj.lower_ in ("that", "this") and subj.i == cue.i - 1 and cue.i + 1 < len(cue.doc) \
                and cue.doc[cue.i + 1].text == ",":
            return None  # "That said, ..."
        return subj

    def _make(self, article: Article, subj: Any, content: tuple[int, int], cue: str, cue_tok: Any,
              people: "PersonIndex", sent: Any, *, direct: bool, rule: str) -> Quote:
        text = article.text
        head_span = _noun_phrase(subj)
        s_start, s_end = head_span[0].idx, head_span[-1].idx + len(head_span[-1].text)
        speaker_text = text[s_start:s_end]
        if subj.lower_ in RELATIVE_PRONOUNS and subj.head.dep_ in ("relcl", "acl") and subj.head.head.i != subj.head.i:
            # "voters who said ...": the voters speak; the span stays on "who"
            ant = subj.head.head
            ant_span = _noun_phrase(ant)
            stype, speaker, title = self._classify(article, ant, ant_span, sent, people)
            speaker = speaker or text[ant_span[0].idx: ant_span[-1].idx + len(ant_span[-1].text)]
        else:
            stype, speaker, title = self._classify(article, subj, head_span, sent, people)
        q = Quote(
            content=text[content[0]:content[1]], start=content[0], end=content[1],
            speaker=speaker or speaker_text, speaker_start=s_start, speaker_end=s_end,
            speaker_type=stype, speaker_title=title, cue=cue, direct=direct,
            cue_start=cue_tok.idx, cue_end=cue_tok.idx + len(cue_tok.text), rule=rule,
        )
        self._subjects[id(q)] = subj
        return q

    def _claim(self, article: Article, content: tuple[int, int], subj: Any | None, cue_tok: Any,
               people: "PersonIndex", sent: Any, *, rule: str) -> Quote:
        """A reported claim cued by `cue_tok`: its subject's (`_make`), or nobody's when none."""
        if subj is None:
            return unsourced(article, content, cue_tok, rule=rule)
        return self._make(article, subj, content, cue_tok.text, cue_tok, people, sent, direct=False, rule=rule)

    def _classify(self, article: Article, subj: Any, span: list[Any], sent: Any,
                  people: "PersonIndex") -> tuple[str, str | None, str | None]:
        """(speaker type, canonical speaker, title) of a speaker phrase."""
        head = subj
        low = head.lower_
        lemma = head.lemma_.lower()
        s_start, s_end = span[0].idx, span[-1].idx + len(span[-1].text)
        if low in PRONOUNS_PERSON:
            prev = people.last_person_before(head.idx)
            if prev is not None:
                return "named_person", prev.name, prev.title
            return "unattributed", None, None
        if low in PRONOUNS_GROUP:
            return "unattributed", None, None
        person = people.person_in(s_start, s_end)
        owner = None
        if person is not None and head.pos_ == "NOUN" and _in_possessor(head, person):
            # "the mayor's cousin, Rep. Ana Ruiz, said": the cousin speaks, named in apposition
            owner, person = person, None
        if person is None:
            for c in head.children:  # "the deputy director, Colonel Arunas Petraitis, told"
                if c.dep_ == "appos":
                    toks = list(c.subtree)
                    person = people.person_in(toks[0].idx, toks[-1].idx + len(toks[-1].text))
                    if person is not None:
                        t = " ".join(x.text for x in span if x.dep_ != "det")
                        return "named_person", person.name, person.title or t
        if person is None:
            for t in head.subtree:  # "the head of the Lviv administration, Maksym Hnatyuk, said"
                if t.dep_ == "appos" and t.i > head.i:
                    toks = list(t.subtree)
                    person = people.person_in(toks[0].idx, toks[-1].idx + len(toks[-1].text))
                    if person is not None:
                        t_text = " ".join(x.text for x in span if x.dep_ != "det")
                        return "named_person", person.name, person.title or t_text
        person = person or owner
        if person is None and head.pos_ == "PROPN":
            person = people.by_surname(head.text)
        if person is None and TITLE_WORDS.search(head.text):
            # a role with a name in apposition that NER did not take for a person
            for t in head.children:
                if t.dep_ == "appos" and t.pos_ == "PROPN" and t.i > head.i:
                    name_toks = [x for x in t.subtree if x.pos_ == "PROPN"]
                    if 2 <= len(name_toks) <= 4:
                        name = " ".join(x.text for x in name_toks)
                        t_text = " ".join(x.text for x in span if x.dep_ != "det")
                        return "named_person", name, t_text
        if person is not None:
            return "named_person", person.name, person.title or _title_in(span, person)
        ents = [e for e in article.entities if s_start <= e.start and e.end <= s_end]
        sent_low = sent.text.lower()
        anon = any(m in sent_low for m in self.anon_markers)
        if lemma in self.media or low in self.media or any(e.sector == "MED" for e in ents):
            return "media", None, None
        if lemma in self.experts or low in self.experts:
            return "unnamed_expert", None, None
        if lemma in self.anonymous or low in self.anonymous or (anon and lemma not in self.orgs):
            return "anonymous_official", None, _anon_title(span)
        if lemma in self.orgs or any(e.type in ("ORG", "LOCATION", "NATIONALITY") for e in ents):
            return "organisation", None, None
        return "unattributed", None, None


def unsourced(article: Article, content: tuple[int, int], cue_tok: Any, *, rule: str) -> Quote:
    """A claim that names no source ("it is clear that ...", "reportedly ..."), cued by `cue_tok`."""
    start, end = content
    return Quote(content=article.text[start:end], start=start, end=end, speaker=None, speaker_start=None,
                 speaker_end=None, speaker_type="unattributed", cue=cue_tok.text, direct=False,
                 cue_start=cue_tok.idx, cue_end=cue_tok.idx + len(cue_tok.text), rule=rule)
