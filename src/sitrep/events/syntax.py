"""Small helpers over the dependency parse shared by the event rules: subjects, phrases, clauses."""

from __future__ import annotations

from typing import Any



SUBJ = {"nsubj", "csubj"}
CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "conj", "relcl", "xcomp", "acl", "pcomp", "parataxis"}


def lemma_of(tok: Any) -> str:
    return tok.lemma_.lower()


def is_noun(tok: Any) -> bool:
    return tok.pos_ in ("NOUN", "PROPN")


# participles that name a state of their subject ("is opposed to", "was alarmed by"): read as
# adjectives, by the lexicon's adjective entries and by the roles
# feelings, whose "by" names the cause ("alarmed by the drills"), not a doer
FEELING_PARTICIPLES = frozenset({"concerned", "alarmed", "worried", "disappointed", "dismayed", "outraged", "troubled",
                                 "appalled"})
STATIVE_PARTICIPLES = FEELING_PARTICIPLES | {"opposed", "committed", "prepared", "determined", "resolved"}


def verb_subjects(verb: Any) -> tuple[Any | None, Any | None, Any | None]:
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
        s, p, a = verb_subjects(verb.head)
        own_aux = {c.dep_ for c in verb.children} & {"aux", "auxpass"}
        active = own_aux == {"aux"} or (not own_aux and verb.tag_ in ("VBZ", "VBP"))
        if s is None and p is not None and agent is None and active:
            # "was indicted by the court and will resign": the one indicted resigns (an
            # active verb by its own auxiliary or tense; a bare past form may be a
            # passive participle: "was detained by police and charged with ...")
            return p, None, None
        subj, passive, agent = subj or s, passive, agent or a
    return subj, passive, agent


# a person named by whom they speak or act for: "a spokesman for the UN chief"
SPEAKS_FOR = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative", "envoy", "negotiator",
                        "advocate", "lawyer", "adviser", "advisor", "emissary"})


def phrase(tok: Any) -> list[Any]:
    """A noun phrase without its relative clauses and sentential tails."""
    out = [tok]
    stack = [c for c in tok.children if c.dep_ not in ("relcl", "acl", "advcl", "ccomp", "punct", "cc", "appos", "prep")
             or (c.dep_ == "prep" and c.lower_ in ("of", "by", "from"))
             or (c.dep_ == "prep" and c.lower_ == "for" and tok.lemma_.lower() in SPEAKS_FOR)]
    conj_heads = [c for c in tok.children if c.dep_ == "conj"]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in ("relcl", "acl", "advcl", "ccomp", "punct"))
    for c in conj_heads:
        if c not in out:
            out.extend(phrase(c))
    return out


def place_of(tok: Any, *, any_head: bool = False) -> list[Any]:
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
                    out.extend(phrase(o))
    return out


def clause_scope(tok: Any) -> list[Any]:
    """The tokens of the clause the trigger belongs to (nouns: their governing verb's clause)."""
    head = tok
    if is_noun(tok):
        cur = tok
        for _ in range(6):
            if cur.pos_ in ("VERB", "AUX") and cur.dep_ in CLAUSE_DEPS:
                break
            if cur.head == cur:
                break
            cur = cur.head
        head = cur
    return list(head.subtree)


def tok_range(doc: Any, start: int, end: int | None) -> range:
    span = doc.char_span(start, end, alignment_mode="expand") if end is not None else None
    return range(span.start, span.end) if span is not None else range(0)


def governors(tok: Any) -> list[Any]:
    """The trigger and the verbs above it up to the sentence root."""
    chain = [tok]
    cur = tok
    while cur.head != cur:
        cur = cur.head
        chain.append(cur)
    return chain


def is_question_text(text: str) -> bool:
    """A sentence that asks ("Why does the North keep launching missiles?"): it reports nothing."""
    return text.rstrip(' "\'”’)').endswith("?")
