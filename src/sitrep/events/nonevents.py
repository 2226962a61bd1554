"""Readings of a trigger word that report no event of its type, and the word lists they use.

Each check reads one token of spaCy's parse and says whether the lexicon's entry for it
should give way: a question asked ("asked about the raid"), an option weighed ("debating
whether to strike"), a view shared ("most lawmakers agree that ..."), a claim held to
("insisted the loan was never in the bargain"), a discussion with nobody ("granted anonymity
to discuss"), a name given ("calls the railway a white elephant"), a stance taken ("a hard
line"), an argument handed over ("ammunition for critics"), a private visit, a campaign
rally, a point of reference ("quiet since the test"). `events.code` calls them from
`Code._build`; the sense checks that need the lexicon live in `events.senses`.
"""

from __future__ import annotations

from typing import Any

from sitrep.events.detect import prep_words


WH_OPTIONS = frozenset({"whether", "how", "when", "where"})
GENERIC_DETS = frozenset({"any", "every"})
# people whose visits are private: no party consults anyone by travelling as one of them
PRIVATE_VISITORS = frozenset({"tourist", "holidaymaker", "vacationer", "traveller", "traveler", "backpacker", "pilgrim",
                              "fan", "journalist", "reporter", "photographer", "student", "family", "man", "woman",
                              "couple", "child", "resident", "people", "visitor", "shopper", "worshipper"})


# verbs that bring parties together: "flew to Cairo to discuss", "met the envoy to discuss"
GATHERING_VERBS = frozenset({"meet", "speak", "talk", "call", "phone", "telephone", "visit", "travel", "fly", "go",
                             "come", "arrive", "head", "gather", "convene", "host", "receive", "welcome", "invite",
                             "sit", "join", "hold"})
RELATIVE_WORDS = frozenset({"who", "that", "which"})
# leave to speak to the press: "not authorised to discuss", "was not permitted to discuss"
LEAVE_VERBS = frozenset({"authorize", "authorise", "permit", "allow", "clear", "empower"})


def discussed_alone(tok: Any) -> bool:
    """Whether "discuss" has nobody to discuss with: no "with" in its clause, a single party
    or the writer as subject ("we discussed the reasons in our column"), or an infinitive under
    a verb that brings no one together ("granted anonymity to discuss the audit", "ignored
    requests to discuss the contract"). Two parties ("the presidents discussed trade"), a partner
    ("discussed it with Cairo", "in a call with the emir"), a passive ("was discussed at the
    summit") or a verb that gathers parties ("flew to Ankara to discuss") keep the consultation;
    the press routine of anonymous sources and officials "not authorised to discuss" never has one."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
        return False
    if tok.head.lemma_.lower() in LEAVE_VERBS or any(t.lower_ in ("anonymity", "anonymously") for t in tok.sent):
        return True  # "not authorised to discuss", "granted anonymity to discuss": press routine
    node = tok
    for _ in range(3):
        if any(t.lower_ == "with" for t in node.subtree):
            return False
        subj = next((c for c in node.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            if subj.lower_ in RELATIVE_WORDS and node.dep_ == "relcl":
                subj = node.head
            return not (subj.tag_ in ("NNS", "NNPS") or subj.lower_ in ("they", "both")
                        or any(c.dep_ == "conj" for c in subj.children))
        if node.dep_ not in ("xcomp", "advcl", "acl", "relcl", "conj", "pcomp", "pobj", "prep") or node.head is node:
            break
        node = node.head
        if node.lemma_.lower() in GATHERING_VERBS:
            return False
    return True


def named_as(tok: Any) -> bool:
    """Whether a verb of calling gives its object a description ("calls the plan a blunder",
    parsed as the object's apposition): a common noun in apposition to the object, where a
    call to someone would name them ("called his counterpart, Xi Jinping")."""
    return any(a.dep_ == "appos" and a.pos_ in ("NOUN", "ADJ")
               for c in tok.children if c.dep_ == "dobj" for a in c.children)


def private_visitor(tok: Any) -> bool:
    """Whether whoever visits is a private person: the subject of "visit" (the noun a
    "visiting" hangs on, or the subject of the verb that governs "to visit") is a tourist, a
    journalist, a family ... (`PRIVATE_VISITORS`)."""
    if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
        subj = tok.head
    else:
        host = tok.head if tok.dep_ in ("xcomp", "advcl") else tok
        subj = next((c for c in host.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.ent_type_ not in ("PERSON", "ORG", "GPE") and \
        subj.lemma_.lower() in PRIVATE_VISITORS


# verbs whose object is asked or expected to do the xcomp's action, which has not happened
WANTING_VERBS = frozenset({"want", "wish", "expect", "push", "press", "pressure", "pressurise", "pressurize",
                           "encourage", "persuade", "convince", "tell", "advise", "invite", "lobby", "need"})


# verbal acts need a party to do them: with one of these as subject and no coded actor found
# ("the figures support the claim", "a rocket that can threaten ships") nobody supports,
# rejects, accuses or threatens
VERBAL_TYPES = frozenset({"SUPPORT", "REJECT", "ACCUSE", "THREATEN", "REQUEST", "AGREE"})
NON_PARTY_SUBJECTS = frozenset({"evidence", "data", "study", "studies", "finding", "findings",
                                "figure", "figures", "poll", "polls", "survey", "surveys", "result", "results", "fact",
                                "facts", "research", "analysis", "record", "records", "document", "documents",
                                "missile", "missiles", "weapon", "weapons", "rocket", "rockets", "warhead", "warheads",
                                # what is shown: "imagery that seemed to support the account"
                                "imagery", "testimony",
                                # commentators are no party to what they judge ("analysts agree that ...")
                                "analyst", "analysts", "expert", "experts", "economist", "economists", "observer",
                                "observers", "scholar", "scholars", "historian", "historians", "commentator",
                                "commentators", "pundit", "pundits", "researcher", "researchers", "academic",
                                "academics"})
# verbs of the reaction an act led to: with the act's noun as subject the sentence reports the
# reaction ("the abduction drew protests", "the test prompted calls for ..."); what an act
# did ("the attack caused a fire", "the launch triggered alerts") is told of the act itself
CONSEQUENCE_VERBS = frozenset({"prompt", "spur", "spark", "fuel", "provoke", "draw", "raise",
                               "increase", "heighten", "deepen", "renew", "reignite", "galvanize", "galvanise",
                               "shock", "stun", "rattle", "overshadow", "colour", "color", "shape", "inspire"})
# words of an election campaign: its rallies are no protest
CAMPAIGN_WORDS = frozenset({"campaign", "election", "electoral", "presidential", "re-election", "reelection",
                            "primary", "candidate", "nominee", "caucus", "stump", "fundraiser"})
# prepositions that make an act a point of reference in time ("the first since the test")
REFERENCE_PREPS = frozenset({"since"})
# verbs of watching and weighing: an event named as their object is one already reported
OBSERVING_VERBS = frozenset({"track", "monitor", "assess", "analyse", "analyze", "study", "examine", "observe",
                             "watch", "review", "evaluate", "detect"})
# verbs whose gerund was not done: "avoided meeting", "refrained from criticising"
AVOIDING_VERBS = frozenset({"avoid", "refrain", "eschew", "shun"})
# verbs that call a planned happening off: the event noun they take did not happen
CANCELLING_VERBS = frozenset({"cancel", "postpone", "scrap", "shelve", "delay", "defer", "axe", "abort"})
# verbs of a standing posting: "troops are stationed there" says where they are, not that they moved
STATIVE_POSTS = frozenset({"station", "base", "garrison"})


def campaign_rally(tok: Any) -> bool:
    """Whether a rally is a campaign's: a campaign word among its modifiers, or as (part of) the
    subject of the verb that holds it ("the candidates held rallies")."""
    words = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "poss")}
    if tok.dep_ in ("dobj", "pobj"):
        verb = tok.head if tok.dep_ == "dobj" else tok.head.head
        words |= {t.lemma_.lower() for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    return bool(words & CAMPAIGN_WORDS)


def since(tok: Any) -> bool:
    """Whether an event noun is the point of reference of a time phrase: "since X's test",
    "in the wake of X's testing" ("after" and "following" are left out: "died after an air
    strike" tells the strike)."""
    cur = tok
    for _ in range(4):
        head = cur.head
        if head is cur:
            return False
        if cur.dep_ == "pobj" and head.lower_ in REFERENCE_PREPS:
            return True
        if cur.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ == "wake":
            return True
        if cur.dep_ not in ("pobj", "prep", "compound", "amod", "poss"):
            return False
        cur = head
    return False


def avoided(tok: Any) -> bool:
    """Whether a gerund is what someone avoids or refrains from ("avoids discussing", "refrained
    from criticising")."""
    head = tok.head
    if tok.dep_ == "pcomp" and head.lower_ == "from":
        head = head.head
    return head.lemma_.lower() in AVOIDING_VERBS


def done_without(tok: Any) -> bool:
    """Whether an act is what something happened without ("took the ridge without firing a shot",
    "the junta fell without a shot being fired", "left without meeting the president", "captured
    the airport without a fight"): it did not happen, and nobody says it did."""
    return tok.dep_ in ("pcomp", "pobj") and tok.head.dep_ == "prep" and tok.head.lower_ == "without"


# a clause in the indicative or with one of these auxiliaries states a fact; a demand takes the
# subjunctive ("insisted that the troops leave") or "must", "should"
FACT_AUXILIARIES = frozenset({"was", "were", "is", "are", "'s", "had", "has", "have", "'d", "did", "does", "do",
                              "would", "will", "could", "can", "'ll", "wo", "ca"})


def insisted_fact(tok: Any) -> bool:
    """Whether "insist" holds to a claim rather than demanding something: no "on" or "upon"
    and a complement clause that states a fact ("insisted the strike had been peaceful",
    "insists that it was never paid", "insisted it would not pay"), not a subjunctive or a
    must ("insisted that the troops leave", "insisted Iran must halt enrichment")."""
    if prep_words(tok) & {"on", "upon"}:
        return False
    comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    if comp is None:
        return False
    return comp.tag_ in ("VBD", "VBZ") or any(
        c.dep_ in ("aux", "auxpass", "cop") and c.lower_ in FACT_AUXILIARIES for c in comp.children)


# how a "line" is held when it is a stance: "a hard line", "the party line", "a softer line"
STANCE_LINES = frozenset({"hard", "harder", "hardline", "tough", "tougher", "firm", "firmer", "soft", "softer", "strong",
                          "stronger", "uncompromising", "moderate", "hawkish", "dovish", "middle", "party", "official",
                          "government", "similar", "different", "same", "cautious", "harsh", "harsher"})


def a_stance_line(tok: Any) -> bool:
    """Whether what a taking verb takes is a stance: a "line" with a word of how hard or whose
    ("took a harsher line with lenders", "toe the party line")."""
    return any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() == "line"
               and any(m.dep_ in ("amod", "compound", "nmod") and m.lower_ in STANCE_LINES for m in c.children)
               for c in tok.children)


def shares_a_view(tok: Any) -> bool:
    """Whether "agree" in the present tense takes a that-clause and nothing agreed to or on
    ("most lawmakers agree that ...", "I agree we need a stronger navy"): a view held in common.
    "Agreed that talks would resume" (past) and "agree to reopen the crossing" stay agreements."""
    return tok.lemma_.lower() == "agree" and tok.tag_ in ("VBP", "VBZ") \
        and any(c.dep_ == "ccomp" for c in tok.children) \
        and not any(c.dep_ == "xcomp" or c.dep_ == "prep" and c.lower_ in ("to", "on", "upon") for c in tok.children)


# who gets "ammunition" in a war of words
CRITICS = frozenset({"critic", "opponent", "rival", "detractor", "sceptic", "skeptic", "naysayer", "hawk", "foe"})


def ammunition_for_critics(tok: Any) -> bool:
    """Whether a supply verb hands "ammunition" or "fodder" to critics, opponents or rivals:
    an argument, not arms ("gave fresh ammunition to her opponents")."""
    objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if not any(o.lemma_.lower() in ("ammunition", "fodder", "ammo") for o in objs):
        return False
    takers = [c for c in tok.children if c.dep_ == "dative"]
    takers += [g for c in tok.children if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "for")
               for g in c.children if g.dep_ == "pobj"]
    return any(t.lemma_.lower() in CRITICS for t in takers)


QUESTIONING_VERBS = frozenset({"ask", "question", "quiz", "query", "press"})


def asked_about(tok: Any) -> bool:
    """Whether an event noun is what someone was asked about ("Asked about the raid, the
    minister said ...", "when questioned about the shelling"): a topic put to a speaker."""
    prep = tok.head
    return tok.dep_ == "pobj" and prep.lower_ == "about" and prep.head.lemma_.lower() in QUESTIONING_VERBS


def observed(tok: Any) -> bool:
    """Whether an event noun is what a verb of watching or weighing takes ("assessing the launch",
    "analysing details of the test")."""
    cur = tok
    for _ in range(3):
        head = cur.head
        if head is cur:
            return False
        if head.pos_ == "VERB":
            return head.lemma_.lower() in OBSERVING_VERBS
        cur = head
    return False


def deliberated(tok: Any) -> bool:
    """Whether a verb is an option under discussion: a to-infinitive with "whether" or "how"
    ("debating whether to strike", "discussed how to respond", "how hard to hit China")."""
    if not any(c.tag_ == "TO" for c in tok.children):
        return False
    if any(c.lower_ in WH_OPTIONS and c.dep_ in ("mark", "advmod") for c in tok.children):
        return True
    return tok.dep_ == "xcomp" and any(c.lower_ == "how" and c.dep_ == "advmod" for c in tok.head.children)


# verbs of wishing: what they take as a clause is wished for, not reported
WISH_VERBS = frozenset({"hope", "wish", "pray", "dream"})


def hoped_for(tok: Any) -> bool:
    """Whether the trigger is in a clause that someone hopes, wishes or prays for ("she hopes her
    son is free by now", "we pray that the hostages will be released"); a plan in an
    infinitive ("hopes to meet the minister") is a stated intention, not a wish of this kind."""
    cur = tok
    for _ in range(4):
        if cur.dep_ not in ("ccomp", "conj", "xcomp", "advcl") or cur.head is cur:
            return False
        head = cur.head
        if cur.dep_ == "ccomp" and head.lemma_.lower() in WISH_VERBS:
            return True
        cur = head
    return False


def casualty_words(tok: Any) -> bool:
    """Whether "wounded" or "injured" names casualties beside the dead ("lost 2,000 dead and
    wounded", "300 dead or injured"): a count, no act of wounding."""
    if tok.lower_ not in ("wounded", "injured") or tok.i < 2:
        return False
    doc = tok.doc
    return doc[tok.i - 1].lower_ in ("and", "or") and doc[tok.i - 2].lower_ == "dead"
