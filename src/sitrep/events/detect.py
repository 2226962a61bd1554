"""Trigger matching: which lexicon entry fires for a token (objects, prepositions, modifiers, context
words).
"""

from __future__ import annotations

from typing import Any

from sitrep.lexicon import Rule
from sitrep.events.syntax import FEELING_PARTICIPLES, is_noun


PARTICLES = {"up", "down", "off", "out"}
DESTINATION_PREPS = {"to", "into", "toward", "towards", "onto"}
# words inside these named entities are not triggers ("in March", "Strike" in a name)
NON_TRIGGER_ENTS = {"DATE", "TIME", "PERSON", "GPE", "LOC", "NORP", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
PLACE_ENTS = {"GPE", "LOC", "FAC"}
# a direct object that is a party (see `event_lexicon.yaml` party_nouns for nouns of people)
PARTY_ENTS = {"PERSON", "ORG", "NORP", "GPE"}
PARTY_PRONOUNS = {"him", "her", "them", "us", "me", "you"}


# adverbs the parser gives where a particle is meant
ADVERB_PARTICLES = frozenset({"together", "back", "away"})


def prep_words(tok: Any) -> set[str]:
    """The prepositions and particles a trigger governs, less those that only give a time
    ("called the plan a disgrace on Monday" is no call on anyone) and those before it (a frame)."""
    out: set[str] = set()
    for c in tok.children:
        if c.dep_ == "advmod" and c.lower_ in ADVERB_PARTICLES:  # "worked together", "pull back": particles in all but name
            out.add(c.lower_)
            continue
        if c.dep_ in ("advcl", "ccomp", "xcomp") and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children):
            out.add("for")  # "called for rescuers to reach the villages": the parser's "for" is a mark
            continue
        if c.dep_ not in ("prep", "prt", "agent"):
            continue
        if c.dep_ == "prep" and c.i < tok.i:
            continue  # "On the way to the plane, she called me": a frame before the verb, no "call on"
        objs = [o for o in c.children if o.dep_ == "pobj"]
        if objs and all(o.ent_type_ in ("DATE", "TIME") for o in objs):
            continue
        out.add(c.lower_)
    return out


PLACE_TOKENS = "sitrep.place_tokens"
"""Key of `doc.user_data` holding the indices of tokens inside sitrep's LOCATION entities
(set by the `events` stage): "at Odesa" is a place even where the tagger took it for a time."""

WEAPON_TOKENS = "sitrep.weapon_tokens"
"""Key of `doc.user_data` holding the indices of tokens inside named weapon systems (set by
the `events` stage from the entities), which `object_lemmas` reports as the pseudo-lemma
"@weapon"."""


def in_named_entity(tok: Any) -> bool:
    """Whether a word lies inside a named entity that no trigger comes from, less the tagger's
    slips: a lower-case verb with a subject of its own ("minister slammed the rules" read as a
    PERSON "slammed the") is the clause's verb, not part of a name."""
    if tok.ent_type_ not in NON_TRIGGER_ENTS:
        return False
    return not (tok.is_lower and tok.pos_ == "VERB" and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children))


RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom"})


def participle_noun(tok: Any) -> set[str]:
    """The noun a passive participle with no object of its own hangs on ("atrocities being
    committed by the militants", "the remarks seized on by critics"), or the noun a relative
    clause's pronoun stands for as its object ("the results, which were hit by costs", "the
    plan that they killed"): read as its object when ruling an entry out (not as one that makes
    an entry match)."""
    if tok.dep_ == "relcl":
        if any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ in RELATIVE_PRONOUNS for c in tok.children):
            return {tok.head.lemma_.lower(), tok.head.lower_}
        return set()
    if tok.dep_ != "acl" or tok.tag_ != "VBN" or any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children):
        return set()
    return {tok.head.lemma_.lower(), tok.head.lower_}


# "at the request / invitation / behest of X": on whose word something is done, never its object
ON_WHOSE_WORD = frozenset({"request", "invitation", "behest", "urging", "suggestion", "initiative"})


# nouns of people and bodies: a compound before them says whom they serve, not what is acted on
PEOPLE_HEADS = frozenset({"worker", "staff", "staffer", "volunteer", "employee", "official", "agency", "group",
                          "organisation", "organization"})


def object_lemmas(tok: Any, direct_only: bool = False) -> set[str]:
    """Lemmas of what a trigger governs: objects, prepositional objects, particles' objects
    (with `direct_only`, its own objects and particles only). A place after "to" or "into"
    is where the verb's own object goes ("were taken to a hospital"), not what it governs."""
    out: set[str] = set()
    weapons = tok.doc.user_data.get(WEAPON_TOKENS, ())
    has_object = any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children)
    for c in tok.children:
        if direct_only and c.dep_ in ("prep", "agent", "advmod", "advcl", "ccomp"):
            continue
        if has_object and c.dep_ == "prep" and c.lower_ in DESTINATION_PREPS:
            continue
        if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "xcomp", "compound", "acomp"):
            if c.dep_ in ("dobj", "nsubjpass") and c.ent_type_ in PLACE_ENTS:
                out.add("@place")  # "captured Goma", "Kherson was retaken"
            if c.dep_ in ("dobj", "nsubjpass") and c.ent_type_ == "PERSON":
                out.add("@person")  # "fired Comey": a person dismissed
            if c.i in weapons:
                out.add("@weapon")  # a named weapon system: "use the Oreshnik"
            if c.dep_ in ("dobj", "nsubjpass") and c.like_num and not any(x.dep_ == "pobj" for x in c.subtree):
                out.add("@count")  # a bare number standing for those counted before: "the 14 were freed"
            out.add(c.lemma_.lower())
            out.add(c.lower_)
            out.update(stems(c.lower_))
            for cc in c.children:
                if cc.dep_ == "compound" and c.lemma_.lower() in PEOPLE_HEADS:
                    continue  # "aid workers", "relief agencies" are people, not aid
                if cc.dep_ in ("conj", "compound"):
                    out.add(cc.lemma_.lower())
                    if cc.i in weapons:
                        out.add("@weapon")  # "Oreshnik systems"
                elif cc.dep_ == "amod" and cc.i > c.i and c.dep_ in ("dobj", "oprd"):
                    # an adjective after the object is what it is called or found ("called the
                    # strike unacceptable and reckless", parsed as the object's modifier)
                    out.update(x.lemma_.lower() for x in (cc, *(y for y in cc.children if y.dep_ == "conj")))
                elif c.dep_ == "xcomp" and cc.dep_ == "advmod":
                    out.add(cc.lower_)  # how a pledged act is done: "vowed to deal harshly with"
            if c.dep_ == "xcomp" and any(cc.dep_ == "neg" for cc in c.children):
                out.add("not-" + c.lemma_.lower())  # a pledge not to do it: "vowed not to let ..."
            if c.dep_ in ("dobj", "nsubjpass"):  # "imposed a new round of sanctions"
                for p in c.children:
                    if p.dep_ == "prep" and p.lower_ == "of":
                        for o in p.children:
                            if o.dep_ == "pobj":
                                out.add(o.lemma_.lower())
        elif c.dep_ in ("prep", "prt", "agent"):
            for o in c.children:
                if o.dep_ == "pobj" and c.lower_ == "at" and o.lemma_.lower() in ON_WHOSE_WORD:
                    continue  # "will meet at the request of France": whose word, not what is met
                if o.dep_ == "pobj":
                    out.add(o.lemma_.lower())
                    out.add(o.lower_)
                    if o.i in weapons:
                        out.add("@weapon")  # "the launch of the Hwasong-18"
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
    if is_noun(tok) and tok.dep_ == "compound":
        out.add(tok.head.lemma_.lower())
    return out


def subject_lemmas(tok: Any) -> set[str]:
    """Lemmas of a trigger verb's own active subject (and its conjuncts); "@weapon" when
    it is a named weapon system ("the Hwasong-12 flew 3,700 km")."""
    out: set[str] = set()
    weapons = tok.doc.user_data.get(WEAPON_TOKENS, ())
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    if not subjects and tok.dep_ == "conj":  # "the missile climbed and flew east"
        subjects = [c for c in tok.head.children if c.dep_ == "nsubj"]
    for s in subjects:
        for t in (s, *(c for c in s.children if c.dep_ in ("conj", "compound"))):
            out.add(t.lemma_.lower())
            out.add(t.lower_)
            if t.i in weapons:
                out.add("@weapon")
    return out


def stems(word: str) -> tuple[str, ...]:
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


def own_modifiers(tok: Any) -> set[str]:
    """The words before a trigger noun that say what kind it is ("legal" battle, "charm" offensive,
    "ad" attack), and an adverb right before a trigger (the tagger's "long" in "a long shot"),
    lower-cased and lemmatised."""
    return {x for c in tok.children
            if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i or c.dep_ == "advmod" and c.i == tok.i - 1
            for x in (c.lower_, c.lemma_.lower())}


def modifier_lemmas(tok: Any) -> set[str]:
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


# nouns of quantity or grouping that a partitive "of" hangs the real noun from
QUANTITY_NOUNS = frozenset({
    "hundred", "hundreds", "thousand", "thousands", "dozen", "dozens", "score", "scores", "million",
    "millions", "group", "groups", "crowd", "crowds", "number", "lot", "lots", "band", "bands", "mob",
    "throng", "handful", "wave", "waves", "column", "columns", "contingent", "busload", "busloads",
})


def governor(tok: Any) -> Any:
    """The word a noun depends on, read through a partitive: in "hundreds of demonstrators
    marched" the demonstrators' governor is "marched", not "of"; and through "as": in "sees
    the buildup as a threat" the threat's governor is "sees"."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "as" and head.head is not head:
        return head.head  # "sees the buildup as a threat": the threat's governor is "sees"
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head is not head:
        whole = head.head
        if whole.lemma_.lower() in QUANTITY_NOUNS or whole.lower_ in QUANTITY_NOUNS or whole.like_num:
            return whole.head if whole.head is not whole else tok
    return head


def is_participle_modifier(tok: Any) -> bool:
    """A participle or adjective describing the noun after it ("the seized tanker",
    "the destroyed bridge", "wounded soldiers"): it names a state the thing is in,
    not a happening the sentence reports. A noun that the parser joined to a verb
    ("ordered conscription, and jailed dissidents") is the verb's misread object:
    its "modifier" is the second verb."""
    head = tok.head
    if tok.dep_ == "amod" and tok.i > 0 and tok.doc[tok.i - 1].text == "-" and not tok.doc[tok.i - 1].whitespace_ \
            and tok.i < head.i and is_noun(head):
        return True  # the end of a hyphened adjective: "a life-threatening situation", "war-torn towns"
    return (tok.dep_ == "amod" and tok.tag_ in ("VBN", "JJ") and tok.i < head.i and is_noun(head)
            and not (head.dep_ == "conj" and head.head.pos_ in ("VERB", "AUX")))


def is_noun_modifier(tok: Any) -> bool:
    """A noun that modifies another noun ("attack helicopters", "aid workers", "protest
    leaders", "sanctions regime"): it says what kind of thing the head is, not that a
    happening took place; where the head names the happening ("ceasefire talks") the
    head is the trigger."""
    return tok.dep_ == "compound" and tok.pos_ in ("NOUN", "PROPN") and tok.head.pos_ in ("NOUN", "PROPN") \
        and tok.i < tok.head.i and tok.head.lemma_.lower() not in LIGHT_HEADS \
        and tok.lemma_.lower() not in PROTEST_NOUNS


def is_name_part(tok: Any) -> bool:
    """A capitalised noun after another capitalised name word inside a sentence written in
    lower case ("the Kajaki Barrage supplies power", "a Carrier Strike Group"): part of a name, not
    a happening. A headline's capitals ("Russia Launches Missile Barrage") say nothing."""
    if tok.pos_ not in ("NOUN", "PROPN") or not tok.text[:1].isupper() or tok.i == tok.sent.start:
        return False
    prev = tok.doc[tok.i - 1]
    if prev.i == tok.sent.start or not prev.text[:1].isupper() or prev.pos_ != "PROPN":
        return False
    # a headline capitalises every word of four letters or more; a body sentence has some in lower case
    return any(t.is_alpha and len(t.text) > 3 and t.text.islower() for t in tok.sent)


# "protest leaders were arrested", "the protest movement swelled": a protest took place
PROTEST_NOUNS = frozenset({"protest", "demonstration", "rally", "boycott", "sit-in"})
# heads that carry the modifier's happening ("a mediation effort", "a bombing campaign")
LIGHT_HEADS = frozenset({
    "effort", "process", "campaign", "operation", "mission", "bid", "drive", "attempt", "initiative", "spree",
    "wave", "series", "round", "programme", "program", "activity", "plan", "exercise", "action",
})


class TriggerMatching:
    """Picks the most specific lexicon entry that matches a trigger token."""

    def _best_rule(self, tok: Any, rules: tuple[Rule, ...], lemmas: set[str]) -> Rule | None:
        pos = tok.pos_ if tok.pos_ != "PROPN" else "NOUN"
        if pos == "AUX":
            return None
        if pos == "VERB" and tok.tag_ == "VBN" and tok.lower_ in FEELING_PARTICIPLES \
                and (tok.dep_ == "acomp" or any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)):
            pos = "ADJ"  # "Japan is alarmed by the drills": the tagger's passive is a state
        best: Rule | None = None
        direct = object_lemmas(tok, direct_only=True)
        for r in rules:
            if pos not in r.pos:
                continue
            if r.context_words and not (r.context_words & lemmas):
                continue
            if r.not_context_words and (r.not_context_words & lemmas):
                continue
            if r.object and not (r.object & object_lemmas(tok)):
                continue
            if r.not_object and (r.not_object & (object_lemmas(tok) | participle_noun(tok))):
                continue
            if r.subject and not (r.subject & subject_lemmas(tok)):
                continue
            if r.not_subject and (r.not_subject & subject_lemmas(tok)):
                continue  # "the footage captures the launch": a picture shows it
            if r.head and ((gov := governor(tok)) is tok or not ({gov.lemma_.lower(), *stems(gov.lower_)} & r.head)):
                continue
            if r.not_head and (gov := governor(tok)) is not tok and ({gov.lemma_.lower(), *stems(gov.lower_)} & r.not_head):
                continue
            if r.ccomp_aux and not any(
                (c.dep_ == "ccomp" or c.dep_ == "acl" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children))
                and any(a.dep_ in ("aux", "auxpass") and a.lower_ in r.ccomp_aux for a in c.children)
                for c in tok.children
            ):  # "said that Iran must ...", "a reminder that Iran must ..." (a noun's clause)
                continue
            if r.prep and not (r.prep & prep_words(tok)):
                continue
            if r.not_prep and (r.not_prep & prep_words(tok)):
                continue
            if r.deps and tok.dep_ not in r.deps:
                continue  # "The launch came hours after the drills": only as the subject
            if r.not_child_deps and any(c.dep_ in r.not_child_deps for c in tok.children):
                continue  # "called the plan a disgrace": naming, not phoning
            if r.party_object and not self._party_object(tok):
                continue
            if r.modifier and not (r.modifier & modifier_lemmas(tok)):
                continue
            if r.not_modifier and (r.not_modifier & own_modifiers(tok)):
                continue  # "a legal battle", "a charm offensive"
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
