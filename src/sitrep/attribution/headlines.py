"""Headline cues: a cue verb the tagger reads as a noun in headlines and short sentences ('Governor
Slams Harbour Budget'), a second such verb, and closing cues ('..., the engineer maintains.').
"""

from __future__ import annotations

from typing import Any

from sitrep.attribution.claims import CLAUSE_MARKS, FINITE_TAGS, RECORD_NOUNS
from sitrep.attribution.marks import TITLE_WORDS
from sitrep.attribution.words import one_word_claim, sentence_minus, trim, verb_form
from sitrep.model import Article, Quote


# cue verbs whose bare or -s form is far more often a noun in names and compounds ("Ohio State",
# "Washington Post", "interest rates"): never read as a headline verb
HEADLINE_NOUNS = {"state", "post", "care", "direct", "suspect", "score", "rank", "rate", "grade", "judge",
                  "name", "list", "tie", "link", "order", "count", "text", "email", "campaign", "lobby",
                  "run", "sign", "root", "pan", "cheer", "post", "blog", "project", "figure", "look", "boost", "hear"}


def _closing_cue(sent: Any, tok: Any, prev: Any) -> tuple[Any, tuple[int, int]] | None:
    """"The bridge will reopen in May, the city's engineer maintains.", "..., records show,
    ...": a cue after a comma that closes or interrupts the claim; the rest of the
    sentence is the content."""
    doc = sent.doc
    i = prev.i
    while i > sent.start and (doc[i - 1].pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM") or doc[i - 1].tag_ == "POS"):
        i -= 1
    if i == sent.start or doc[i - 1].text != "," or prev.i - i > 6 or doc[i].pos_ not in ("DET", "PROPN") and \
            prev.lemma_.lower() not in RECORD_NOUNS:
        return None  # "..., the state auditor maintains.", "..., port records show.", not "..., big personal promises."
    after = doc[tok.i + 2] if tok.i + 2 < sent.end else None
    if after is not None and after.pos_ != "CCONJ":
        content = sentence_minus(sent, i - 1, tok.i + 2)
        return None if content is None else (prev, content)
    toks = trim(list(doc[sent.start: i - 1]))
    if len(toks) < 3:
        return None
    return prev, (toks[0].idx, toks[-1].idx + len(toks[-1].text))


class HeadlineClaims:
    """Claims of headline-style sentences."""

    def _headline_claims(self, article: Article, sent: Any, words: list[Any], people: "PersonIndex",
                         in_quote: Any, used_cues: set[int], taken: list[Quote]) -> list[Quote]:
        """Cue verbs the tagger reads as nouns, mostly in headlines and short sentences: "Mayor
        Slams Budget Plan", "Rivera vows to fight on", "Farmers fear drought": the name before
        the word speaks, what follows is the content."""
        out: list[Quote] = []
        cues = {q.cue_start for q in taken}
        for tok in words:
            if tok.pos_ not in ("NOUN", "PROPN", "ADJ") or tok.idx in cues or tok.i in used_cues or in_quote(tok) \
                    or any(q.start <= tok.idx < q.end for q in out):
                continue
            found = self._headline_cue(sent, tok) or self._second_cue(article, sent, tok, taken + out)
            if found is None:
                continue
            subj, (start, end) = found
            out.append(self._make(article, subj, (start, end), tok.text, tok, people, sent,
                                  direct=False, rule="headline-cue"))
        return out

    def _second_cue(self, article: Article, sent: Any, tok: Any, quotes: list[Quote]) -> tuple[Any, tuple[int, int]] | None:
        """"The mayor chides the board and praises the unions", "Senator Backs Plan, Slams Critics":
        a second cue verb of the same form after 'and' or a comma right behind the first claim
        has the same speaker; the first claim ends before it."""
        doc = sent.doc
        form = verb_form(tok, self._is_cue)
        if form is None or form[1] == "base" or form[0] in HEADLINE_NOUNS or tok.i == sent.start or tok.is_upper \
                or form[1] == "ed" and not tok.is_title:  # "his claims and alleged lies"
            return None
        prev = doc[tok.i - 1]
        if prev.lower_ not in ("and", ",") or tok.i + 1 >= sent.end:
            return None
        first = None
        for q in quotes:
            if q.speaker and q.rule in ("verb-cue", "headline-cue") and sent.start_char <= q.cue_start and \
                    q.cue_end <= prev.idx and prev.idx - 2 <= q.end and id(q) in self._subjects:
                first = q
        if first is None:
            return None
        cue = doc.char_span(first.cue_start, first.cue_end)
        if cue is None or len(cue) != 1 or (verb_form(cue[0], self._is_cue) or ("", ""))[1] != form[1]:
            return None  # "Mayor Backs ... And Denounces ...": the two verbs in the same form
        run = []
        for t in doc[tok.i + 1: sent.end]:
            if t.text in (",", ";", ":", "—", "–", "--", "(", "?", "!") or t.is_space or "\n" in t.text:
                break
            run.append(t)
        lemma = form[0]
        if not (lemma in self.verbs or lemma in self.belief_verbs) and any(
                t.tag_ in FINITE_TAGS and t.pos_ in ("VERB", "AUX") and not t.ent_type_ for t in run):
            return None
        toks = trim(run)
        if not toks or (len(toks) == 1 and not one_word_claim(toks[0])):
            return None
        if first.end > prev.idx:  # the first claim took the second verb in: it ends before 'and'
            head = trim([t for t in doc[sent.start: prev.i] if t.idx >= first.start])
            if not head:
                return None
            first.end = head[-1].idx + len(head[-1].text)
            first.content = article.text[first.start:first.end]
        return self._subjects[id(first)], (toks[0].idx, toks[-1].idx + len(toks[-1].text))

    def _headline_cue(self, sent: Any, tok: Any) -> tuple[Any, tuple[int, int]] | None:
        """(speaker token, content range) when `tok` is a cue verb mis-tagged as a noun: a verb
        form right after a name or noun, no finite verb before it in the sentence (else the
        sentence has its own verb and the word is an ordinary noun: "rejected the plans"), and
        no determiner or possessive of its own ("his plans")."""
        form = verb_form(tok, self._is_cue)
        if form is None or form[0] in HEADLINE_NOUNS or tok.is_upper:
            return None
        lemma, kind = form
        doc = sent.doc
        if tok.i == sent.start or tok.i + 1 >= sent.end:
            return None
        prev, nxt = doc[tok.i - 1], doc[tok.i + 1]
        if prev.is_title and prev.lower_.endswith("ly") and prev.i > sent.start:
            prev = doc[prev.i - 1]  # "Mayor Finally Backs ..."
        if tok.ent_iob_ == "I" and tok.ent_type_ != "PERSON" or nxt.ent_iob_ == "I" and nxt.ent_type_ == tok.ent_type_ \
                and tok.ent_type_ not in ("", "PERSON") or prev.dep_ == "pobj":
            return None  # a name's part: "the Ohio State campus", "Rasmussen Reports"
        if TITLE_WORDS.search(tok.text) or nxt.is_title and TITLE_WORDS.fullmatch(nxt.text) or (
                verb_form(prev, self._is_cue) or ("", ""))[1] in ("s", "ed"):
            return None  # "District Judge ...", "Campaign Manager", "Aims Insult At"
        if prev.pos_ not in ("PROPN", "NOUN") or prev.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"):
            if not (kind == "base" and prev.lower_ in ("many", "some", "most", "others", "they", "we")):
                return None
        if kind == "base" and prev.tag_ not in ("NNS", "NNPS") and prev.pos_ != "PRON" and prev.lower_ not in (
                "many", "some", "most", "others"):
            return None  # "the wage freeze", "a Senate vote": a bare noun after a singular noun
        if kind == "s" and prev.tag_ in ("NNS", "NNPS"):
            return None  # "the party leaders' plans", "voter fears": a plural noun before an -s word
        if kind == "ed" and not tok.is_title:
            return None
        speech = lemma in self.verbs or lemma in self.belief_verbs
        if speech and nxt.text in (".", ";") and nxt.i >= sent.end - 2 or nxt.text == "," and lemma == "show":
            return _closing_cue(sent, tok, prev)
        if any(c.dep_ in ("det", "poss", "amod", "nummod", "predet") and c.i < tok.i and c.i != prev.i for c in tok.children):
            return None
        to_verb = lemma in self.intent_verbs and nxt.lower_ == "to" and tok.i + 2 < sent.end \
            and doc[tok.i + 2].tag_ == "VB"  # "the city council plans to build ...": a verb
        named_object = kind == "s" and nxt.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") and nxt.ent_iob_ == "B"
        if any(c.dep_ in ("det", "poss") and c.i < prev.i for c in prev.children) and prev.dep_ in ("compound", "nmod") \
                and not (to_verb or named_object or kind == "ed"):  # but "the city's mayor rebuffs Smith"
            return None  # "the city plans": the noun's phrase ends in the cue word
        # the clause the word stands in: after the last 'that', 'as', 'because' ... before it
        start = next((x.i + 1 for x in reversed(doc[sent.start: prev.i]) if x.tag_ == "IN" and x.lower_ in CLAUSE_MARKS
                      or x.text in (";", ":")), sent.start)
        if any(x.pos_ in ("VERB", "AUX") and x.tag_ in FINITE_TAGS for x in doc[start: tok.i]):
            return None
        if nxt.is_punct or nxt.is_lower and nxt.tag_ in FINITE_TAGS or nxt.pos_ == "AUX" or nxt.tag_ == "POS":
            return None  # "the plans were shelved", "the talks' failure"
        run = []
        for t in doc[tok.i + 1: sent.end]:
            if t.text in (",", ";", ":", "—", "–", "--", "(", "?", "!") or t.is_space or "\n" in t.text:
                break
            run.append(t)
        if tok.dep_ == "compound" and tok.head.dep_ in ("nsubj", "nsubjpass") and tok.head.head.tag_ in FINITE_TAGS:
            return None  # "the Gallup Reports survey shows ...": part of the subject of a verb
        if not speech and any(t.tag_ in FINITE_TAGS and t.pos_ in ("VERB", "AUX") and not t.ent_type_ for t in run):
            return None  # "the vote counts were ...": the sentence's own verb comes after
        if tok.is_lower and prev.is_lower and not (speech and nxt.lower_ == "that" or to_verb) and any(
                t.tag_ in FINITE_TAGS and t.pos_ in ("VERB", "AUX") for t in doc[tok.i + 1: sent.end]):
            return None  # "In swing states like Ohio, voters ...": a compound noun in a sentence with a verb
        if lemma in self.prep_verbs and not (speech or lemma in self.intent_verbs or lemma in self.object_verbs):
            preps = self.prep_verbs[lemma]
            k = next((n for n, t in enumerate(run) if t.lower_ in preps), None)
            if k is None:
                return None
            run = run[k:]
        toks = trim(run)
        if toks and (speech or to_verb):  # a clause the parse did hang on the word runs on past commas
            last = max((t.i for c in tok.children if c.i > tok.i and c.dep_ in ("xcomp", "ccomp", "acl", "relcl")
                        and c.pos_ in ("VERB", "AUX") for t in c.subtree), default=-1)
            if last > toks[-1].i:
                toks = trim(list(doc[toks[0].i: last + 1]))
        if not toks or (len(toks) == 1 and not one_word_claim(toks[0])):
            return None
        return prev, (toks[0].idx, toks[-1].idx + len(toks[-1].text))
