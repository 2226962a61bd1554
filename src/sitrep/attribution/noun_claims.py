"""Claims of nouns: 'Trump's claim that ...', 'her criticism of ...', role nouns ('a critic of the
project'), backing ('the endorsement of the union') and speech nouns taken by light verbs ('made
allegations against ...').
"""

from __future__ import annotations

from typing import Any

from sitrep.attribution.speakers import RELATIVE_PRONOUNS
from sitrep.attribution.words import lemma_of, one_word_claim, trim
from sitrep.model import Article, Quote


AGENT_OF_NOUNS = {"support", "backing", "endorsement"}  # 'the support of X': X supports


def _backing_of(noun: Any) -> tuple[tuple[int, int], Any] | None:
    """"The mayor won the endorsement of the farmers' union", "the plan has the support of the navy":
    the one after 'of' backs the subject; the subject is the content."""
    if noun.dep_ != "dobj" or any(c.dep_ == "poss" for c in noun.children) or \
            lemma_of(noun.head) in ("withhold", "withdraw", "pull", "express", "voice", "offer", "give", "lend", "pledge"):
        return None
    backer = next((o for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "from") and c.i > noun.i
                   for o in c.children if o.dep_ == "pobj"), None)
    verb = noun.head
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and verb.dep_ in ("conj", "xcomp"):
        subj = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if backer is None or subj is None or subj.lower_ in ("it", "there", "this", "that"):
        return None
    toks = list(subj.subtree)
    if subj.lower_ not in RELATIVE_PRONOUNS and subj.pos_ != "PRON":
        toks = [t for t in toks if t.i < verb.i]
    toks = trim(toks)
    if not toks:
        return None
    return (toks[0].idx, toks[-1].idx + len(toks[-1].text)), backer


class NounClaims:
    """Claims carried by speech, stance and role nouns, and their owners."""

    def _noun_claims(self, article: Article, sent: Any, words: list[Any], people: "PersonIndex",
                     in_quote: Any) -> list[Quote]:
        """Claims of the claim and stance nouns of a sentence ("Trump's claim that ...", "the
        decision by the board to ...", "worries that ..."); a claim noun with no owner gives a
        claim with no source."""
        out: list[Quote] = []
        for noun in words:
            lemma = noun.lemma_.lower()
            if noun.pos_ != "NOUN" or in_quote(noun):
                continue
            if lemma in self.role_nouns:
                found = self._claim_of_role(noun)
                if found is not None:
                    out.append(self._make(article, found[1], found[0], noun.text, noun, people, sent,
                                          direct=False, rule="noun-cue"))
                continue
            if lemma not in self.claim_nouns and lemma not in self.stance_nouns and lemma not in self.reception_nouns:
                continue
            if noun.dep_ == "dobj" and lemma in self.speech_nouns and lemma_of(noun.head) in self.light_verbs:
                continue  # "expressed concern about ...": the light verb's claim
            found = _backing_of(noun) if lemma in AGENT_OF_NOUNS else None
            if lemma in self.claim_nouns or lemma in self.stance_nouns:
                found = found or self._claim_of_noun(noun)
            if found is None and lemma in self.reception_nouns:
                found = self._target_of(noun)
            if found is None:
                continue
            content, subj = found
            out.append(self._claim(article, content, subj, noun, people, sent, rule="noun-cue"))
        return out

    def _target_of(self, noun: Any) -> tuple[tuple[int, int], Any] | None:
        """"The proposal has drawn sharp criticism from farmers", "the ad came under fire": a noun of
        how others judge a thing, taken by a target verb (or 'came under'), with no clause or object of
        its own; the subject (a thing, not a person) is what is judged, the one after 'from' the source."""
        verb = noun.head if noun.dep_ == "dobj" else None
        if noun.dep_ == "pobj" and noun.head.lower_ == "under" and lemma_of(noun.head.head) == "come":
            verb = noun.head.head  # 'came under scrutiny'
        if verb is None or verb.pos_ not in ("VERB", "AUX") or (
                lemma_of(verb) not in self.target_verbs and lemma_of(verb) != "come"):
            return None
        if any(c.dep_ in ("compound", "poss") or c.dep_ == "amod" and c.tag_ == "NN" for c in noun.children):
            return None  # 'came under mortar fire', 'drew the mayor's praise'
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.pos_ in ("PRON", "DET") or subj.ent_type_ in ("PERSON", "NORP") \
                or subj.lower_ in RELATIVE_PRONOUNS:
            return None  # a person under fire is not a reported claim; a thing said or done is
        toks = trim([t for t in subj.subtree if t.i < verb.i])
        if not toks:
            return None
        source = next((o for c in noun.children if c.dep_ == "prep" and c.lower_ == "from" and c.i > noun.i
                       for o in c.children if o.dep_ == "pobj"), None) or next(
            (o for c in verb.children if c.dep_ == "prep" and c.lower_ == "from" and c.i > noun.i
             for o in c.children if o.dep_ == "pobj"), None)
        return (toks[0].idx, toks[-1].idx + len(toks[-1].text)), source

    def _claim_of_role(self, noun: Any) -> tuple[tuple[int, int], Any] | None:
        """"Ryan, a vocal advocate of free trade", "Clinton is a staunch supporter of the treaty",
        "as a backer of the plan": the object of the preposition, and the one the role is said of."""
        preps = self.role_nouns[noun.lemma_.lower()]
        parts = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in preps and c.i > noun.i
                 and any(x.dep_ in ("pobj", "pcomp") for x in c.children)]
        if not parts:
            return None
        node = noun.head if noun.dep_ == "conj" and noun.head.pos_ == "NOUN" else noun
        holder = None
        if node.dep_ == "appos":  # "Adelson, a fierce supporter of ..."
            holder = node.head
        elif node.dep_ in ("attr", "oprd"):  # "she is / has become a supporter of ..."
            holder = next((c for c in node.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        elif node.dep_ == "pobj" and node.head.lower_ == "as":  # "Graham, as a backer of ..., is"
            host = node.head.head
            holder = host if host.pos_ in ("PROPN", "NOUN") else next(
                (c for c in host.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if holder is None or holder.lower_ in ("it", "there", "this", "that", "what"):
            return None
        toks = trim([t for c in parts for t in c.subtree][1:])  # without the preposition
        if not toks or toks[0].i <= holder.i <= toks[-1].i:
            return None
        return (toks[0].idx, toks[-1].idx + len(toks[-1].text)), holder

    def _claim_of_noun(self, noun: Any) -> tuple[tuple[int, int], Any] | None:
        """"Trump's claim that ...", "her criticism of Sanders", "the decision by the regulator to ...":
        the clause or object, and the owner (the possessor, or the agent after 'by' or
        'from'); None for the owner when none is named ("charges that he lied")."""
        owner = self._noun_owner(noun)
        if owner is not None and owner.lower_ == "your":
            return None
        parts = self._noun_complements(noun)
        if not parts and noun.dep_ == "nsubj" and lemma_of(noun.head) == "be" and noun.lemma_.lower() in self.claim_nouns:
            # "Her argument is that ...", "the fear was that ...": the clause after the copula
            parts = [c for c in noun.head.children if c.dep_ == "ccomp" and c.i > noun.head.i and any(
                m.dep_ == "mark" and m.lower_ in ("that", "whether", "if") for m in c.children)]
        if not parts:
            return None
        toks = trim([t for c in parts for t in c.subtree])
        if len(toks) < 2 and not (len(toks) == 1 and one_word_claim(toks[0])):
            return None
        if owner is not None and toks[0].i <= owner.i <= toks[-1].i:
            owner = None
        if owner is None and not self._ownerless_ok(noun, parts):
            return None
        return (toks[0].idx, toks[-1].idx + len(toks[-1].text)), owner

    def _noun_owner(self, noun: Any) -> Any:
        """Whose claim a claim noun is: "Trump's claim", "the decision by the regulator", "criticism
        from Democrats"; None when not named."""
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is not None:
            return owner
        names = [c for c in noun.children if c.dep_ == "compound" and c.i < noun.i and c.pos_ == "PROPN"]
        if names:  # "a Le Monde report that ...", "Trump claims that ..." read as a noun phrase
            return names[-1]
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "from") and c.i > noun.i:
                obj = next((o for o in c.children if o.dep_ == "pobj"), None)
                if obj is not None and obj.ent_type_ not in ("DATE", "TIME", "CARDINAL", "GPE") \
                        and obj.pos_ in ("PROPN", "NOUN", "PRON"):
                    return obj
        # "the governor unleashed attacks on her rival", "the senator came out in support of the mayor", "the campaign
        # has plans to ...": the subject of the verb that takes the noun (or its phrase)
        verb = noun.head if noun.dep_ == "dobj" else None
        if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("VERB", "AUX"):
            verb = noun.head.head
        if verb is None or verb.pos_ not in ("VERB", "AUX") or lemma_of(verb) in self.target_verbs:
            return None  # "faced criticism", "drew questions": the subject is the target
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
            return None
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "expl")), None)
        if subj is None and verb.dep_ in ("xcomp", "conj", "advcl"):  # "tried to launch an attack", "... and made ..."
            subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.dep_ == "expl" or subj.lower_ in ("it", "there", "this", "that", "what"):
            return None
        return subj

    def _ownerless_ok(self, noun: Any, parts: list[Any]) -> bool:
        """A noun of speech or opinion with no owner still marks a claim ("charges that he lied",
        "worries that the deal would fail", "questions about his health"); a noun of an act
        ("the attack on ...", "the decision to ...") needs its owner."""
        if noun.lemma_.lower() not in self.open_claim_nouns:
            return False
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head
        # "won the support of the unions": the object of 'of' is the source, the content unsaid
        return not (lemma_of(verb) in self.target_verbs and any(c.lower_ == "of" for c in parts))

    def _noun_complements(self, noun: Any) -> list[Any]:
        """What a claim noun is about: its that/to clause, or for a stance noun the object of
        its preposition ("support for X", "criticism of Y")."""
        lemma = noun.lemma_.lower()
        # "the support of the unions" names who supports; "in support of X", "her support of X" what
        agent_of = lemma in AGENT_OF_NOUNS and not (noun.dep_ == "pobj" and noun.head.lower_ == "in") and not any(
            c.dep_ == "poss" for c in noun.children)
        return [c for c in noun.children if c.i > noun.i and (
            c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX") and
            any(m.dep_ in ("mark", "aux") and m.lower_ in ("that", "to") for m in c.children)
            or c.dep_ == "prep" and lemma in self.stance_nouns and c.lower_ in self.stance_nouns[lemma]
            and not (agent_of and c.lower_ == "of")
            and not any(o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME") for o in c.children))]  # "remarks on Monday"

    def _light_verb_claim(self, cue: Any, kids: list[Any]) -> list[Any]:
        """"made allegations against the NRA", "took a shot at Clinton", "expressed support for
        Trump": a light verb with a speech noun object; the noun's complement is the content."""
        for c in kids:
            if c.dep_ == "dobj" and c.lemma_.lower() in self.speech_nouns:
                comp = self._noun_complements(c) or [
                    x for x in c.children if x.i > c.i and x.dep_ in ("prep", "acl", "relcl")] or [
                    # 'threw its support behind the mayor': the preposition hung on the verb
                    x for x in kids if x.i > c.i and x.dep_ == "prep" and x.lower_ in ("behind", "for", "on", "against")
                    and any(o.dep_ == "pobj" and o.ent_type_ not in ("DATE", "TIME") for o in x.children)][:1]
                return comp
        return []
