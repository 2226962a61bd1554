"""Roles of an event: actors (subject, passive agent, possessor, "by" phrase, "between X and Y") and
recipients (objects, certain prepositional objects).
"""

from __future__ import annotations

from typing import Any

from sitrep.events.actors import ArticleContext
from sitrep.lexicon import Rule
from sitrep.events.modality import PLAN_VERBS
from sitrep.events.syntax import FEELING_PARTICIPLES, STATIVE_PARTICIPLES, is_noun, lemma_of, phrase, place_of, verb_subjects
from sitrep.geo import load_location_cues
from sitrep.model import Actor


LIGHT_VERBS = {"issue", "deliver", "lodge", "file", "give", "send", "declare", "organise", "organize", "observe",
               "hold", "conduct", "stage", "launch", "begin", "start", "carry", "complete", "continue",
               "announce", "order", "approve", "plan", "make", "undertake", "mount", "step", "expand",
               "impose", "adopt", "unveil", "resume", "finish", "end", "confirm", "justify", "intensify",
               "escalate", "wage", "authorize", "authorise", "halt", "suspend", "pause", "fly"}
# nouns of a message whose content verb ("a statement demanding ...") is the sender's act
STATEMENT_NOUNS = {"statement", "declaration", "communique", "communiqué", "letter", "message", "resolution",
                   "appeal", "announcement", "note", "memorandum", "ultimatum", "video", "speech", "address",
                   "decree", "order", "proclamation", "manifesto", "petition", "report", "notice",
                   # instruments whose maker acts through them: "passed a law banning ..."
                   "law", "bill", "legislation", "measure", "motion", "amendment", "directive",
                   "regulation", "ruling", "edict", "ordinance", "mandate"}
# verbs whose subject takes part in the protest named as their object ("students joined
# the march", "thousands converged for a rally", "workers participated in the strike")
JOIN_VERBS = {"join", "converge", "gather", "participate", "attend", "assemble", "flock"}
# verbs of holding someone captive: "the girls abducted by X were released" names who held them
# people a state holds: freed with no releaser named, they were not an armed group's captives
STATE_HELD = {"prisoner", "detainee", "inmate", "convict", "suspect", "protester", "protestor", "activist", "dissident"}
# nouns of what is done to someone: their possessor is the one it was done to, unless an "of"
# phrase names that one ("the group's kidnapping of the girls")
PATIENT_NOUNS = frozenset({"assassination", "killing", "murder", "execution", "abduction", "kidnapping",
                           "arrest", "detention", "imprisonment", "torture", "beating", "capture"})
REPORT_VERBS = frozenset({"say", "announce", "confirm", "report", "state", "disclose", "reveal", "tell"})
# bodies that arrest and seize: reporting a passive arrest or seizure, they report their own
ENFORCERS = frozenset({"police", "policeman", "authority", "official", "prosecutor", "ministry", "guard",
                       "coastguard", "customs", "army", "military", "force", "service", "agency", "spokesman",
                       "spokeswoman", "spokesperson"})
CAPTIVITY_VERBS = {"abduct", "kidnap", "hold", "capture", "seize", "take", "detain", "imprison", "snatch",
                   "keep", "jail", "arrest"}


def roles(tok: Any, rule: Rule, ctx: ArticleContext) -> tuple[list[Actor], list[Actor]]:
    actors: list[Actor] = []
    recipients: list[Actor] = []
    passive_subj = None
    if is_noun(tok):
        actors = _noun_actors(tok, rule, ctx)
        if _own_patient(tok):  # "Kennedy's assassination": the one it was done to
            recipients += [a for c in tok.children if c.dep_ == "poss" for a in ctx.actors_in(phrase(c))]
    else:
        subj, passive_subj, agent = verb_subjects(tok)
        if subj is None and passive_subj is not None and tok.lower_ in STATIVE_PARTICIPLES \
                and (agent is None or tok.lower_ in FEELING_PARTICIPLES):
            # "Israel is opposed to ...", "Japan is alarmed by the drills": a state of the subject,
            # and what causes a feeling ("by the drills") is no doer ("opposed by France" has one)
            subj, passive_subj, agent = passive_subj, None, None
        if agent is not None and tok.pos_ == "ADJ":
            agent = None  # "concerned by the escalation": what concerns them, not who acts
        if agent is not None:
            actors = ctx.actors_in(list(agent.subtree))
        elif (noun := _misparsed_relative(tok)) is not None:
            # "seized a vessel that transferred oil ...", parsed as a that-clause or a second verb
            # with no subject of its own: a relative clause, whose doer is the noun before it
            actors = ctx.placed(ctx.actors_in(phrase(noun)), noun)
        elif subj is not None and _is_act(subj):
            # "the Paris attack killed four": the act is the subject; the town before it is where
            where = {t.i for c in subj.children if c.dep_ in ("compound", "amod", "nmod") and c.i < subj.i
                     and ctx.is_place(c) for t in c.subtree}
            actors = ctx.actors_in([t for t in phrase(subj) if t.i not in where])
        elif subj is not None:
            actors = ctx.placed(ctx.actors_in(phrase(subj)), subj) or ctx.actors_in(place_of(subj), places=True)
            if not actors and subj.lower_ in ("some", "others", "many", "several", "both", "all", "who", "which", "that"):
                actors = _climb_subject(tok, ctx)
        elif not any(c.dep_ == "auxpass" for c in tok.children):
            actors = _climb_subject(tok, ctx)
        # (a passive with no subject of its own, "... after four students were shot at a college": the
        # subject above is who underwent it, or a reporter, never its doer)
        if not actors and rule.type == "RETREAT" and rule.mode == "release":
            actors = _captor(tok, passive_subj, ctx)
            if not actors and passive_subj is not None and passive_subj.lemma_.lower() not in STATE_HELD:
                actors = ctx.captor_group(tok.idx)  # freed, no releaser named: the group that held them
        if not actors and rule.type == "COERCE" and passive_subj is not None:
            actors = _announcer(tok, ctx)  # "police said 20 people were arrested": the police arrested them
        if passive_subj is not None and rule.object_role == "recipient":
            recipients = ctx.actors_in(phrase(passive_subj))
        for c in tok.children:
            if c.dep_ in ("dobj", "iobj", "dative") and rule.object_role == "recipient":
                recipients += ctx.actors_in(phrase(c), places=True)
            elif c.dep_ in ("iobj", "dative") and rule.object_role == "theme" and c.pos_ in ("PROPN", "NOUN", "PRON"):
                # "will give Tanzania a grant", "sent Kyiv more shells": the one given to
                recipients += ctx.actors_in(phrase(c), places=True)
    if not actors and rule.type == "ASSAULT" and rule.mode == "abduct":
        actors = ctx.captor_group(tok.idx)  # "the girls were kidnapped in 2014": by the group the report is about
    heads = [tok] + [c for c in tok.children if c.dep_ in ("dobj", "attr", "nsubjpass") and is_noun(c)]
    if is_noun(tok) and tok.dep_ == "dobj" and tok.head.lemma_.lower() in LIGHT_VERBS:
        heads.append(tok.head)  # "made several transfers of fuel to Syrian vessels": the phrase the verb took
    prep_children = [c for h in heads for c in h.children]
    for c in prep_children:
        if c.dep_ in ("prep", "dative", "agent") and c.lower_ in rule.recipient_preps:
            for o in c.children:
                if o.dep_ == "pobj":
                    found = ctx.actors_in(phrase(o), places=True)
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
                    recipients += ctx.actors_in(phrase(s2))
    if rule.object_role == "undergoer" and is_noun(tok):
        actors, recipients = _undergone(tok, ctx)
    if rule.object_role == "experiencer":
        # "the drills angered Pyongyang", "Beijing was angered by the test": the one who feels it
        # disapproves, of whoever did what angered them
        felt = passive_subj if passive_subj is not None else next((c for c in tok.children if c.dep_ == "dobj"), None)
        found = [a for a in ctx.actors_in(phrase(felt)) if a.code] if felt is not None else []
        actors, recipients = (found, actors) if found else ([], [])
    actor_codes = {(a.code, a.text) for a in actors}
    # a recipient of the actor's own state is the actor itself, unless both name their
    # sector and the sectors differ ("Kagame barred Rwandan opposition parties")
    recipients = [r for r in unique_actors(recipients) if (r.code, r.text) not in actor_codes
                  and (r.code is None or not any(a.code == r.code and a.sector == r.sector for a in actors))]
    return unique_actors(actors), recipients


def _undergone(noun: Any, ctx: ArticleContext) -> tuple[list[Actor], list[Actor]]:
    """Doers and undergoers of a noun that one suffers ("Seoul faced sharp criticism from Tokyo",
    "the ministry came under fire", "tested a missile, drawing Beijing's condemnation"): the one it
    falls on is the subject of the verb the noun hangs on (through "under"); the doer is the noun's
    possessor, an adjective of state on it or a "from" phrase."""
    doers = [a for c in noun.children if c.dep_ == "poss" for a in ctx.actors_in(phrase(c))]
    doers += [a for c in noun.children if c.dep_ in ("amod", "compound") and c.i < noun.i for a in ctx.actors_in([c])]
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else noun.head
    for c in (*noun.children, *verb.children):
        if c.dep_ == "prep" and c.lower_ == "from":
            doers += [a for o in c.children if o.dep_ == "pobj" for a in ctx.actors_in(phrase(o))]
    subj, _, _ = verb_subjects(verb)
    undergoers = ctx.actors_in(phrase(subj)) if subj is not None else _climb_subject(verb, ctx)
    return unique_actors(doers), undergoers


def _is_act(noun: Any) -> bool:
    """Whether a noun names an act of force ("attack", "bombing", "strike"), by the location cues'
    list of event nouns."""
    return is_noun(noun) and noun.lemma_.lower() in load_location_cues().event_nouns


def _announcer(tok: Any, ctx: ArticleContext) -> list[Actor]:
    """Who arrested, seized or detained, when a passive leaves it out and an enforcing body
    reports it ("police said 20 people were arrested", "Greek authorities announced the tanker
    was seized"); empty when the clause names another state ("officials said two citizens were
    detained in Russia": Russia holds them) or the reporter is no such body."""
    if tok.dep_ != "ccomp" or tok.head.lemma_.lower() not in REPORT_VERBS:
        return []
    subj = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lemma_.lower() not in ENFORCERS:
        return []
    found = [a for a in ctx.actors_in(phrase(subj)) if a.code]
    codes = {a.code for a in found}
    held = {t.i for c in tok.children if c.dep_ == "nsubjpass" for t in c.subtree}  # the ship's flag is no state's act
    named = {a.code for a in ctx.actors_in([t for t in tok.subtree if t.i not in held], places=True) if a.code}
    return found if found and not named - codes else []


def _captor(tok: Any, passive_subj: Any, ctx: ArticleContext) -> list[Actor]:
    """Who released the captives, when only the captives' description names who held them:
    "twelve teachers abducted by al-Shabaab were freed", "freed the hostages held by the group"."""
    held = [passive_subj] if passive_subj is not None else []
    held += [c for c in tok.children if c.dep_ == "dobj"]
    for noun in held:
        for t in noun.subtree:
            if t.dep_ in ("acl", "relcl") and t.lemma_.lower() in CAPTIVITY_VERBS:
                _, _, agent = verb_subjects(t)
                if agent is not None:
                    found = [a for a in ctx.actors_in(list(agent.subtree)) if a.code]
                    if found:
                        return found
    return []


def _noun_actors(tok: Any, rule: Rule, ctx: ArticleContext) -> list[Actor]:
    found: list[Actor] = []
    partners: list[Actor] = []  # "talks with X": X and whoever holds them
    own_patient = _own_patient(tok)
    for c in tok.children:
        if c.dep_ == "poss":
            if own_patient:
                continue  # "Kennedy's assassination", "their kidnapping": who suffered it, not who did it
            found += ctx.actors_in(phrase(c))
        elif c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i:
            if rule.type in ("ASSAULT", "COERCE") and ctx.is_place(c):
                continue  # "the Paris attacks", "the Gaza strikes": where, not who
            found += ctx.actors_in([c])
            if c.dep_ == "compound":  # "North Korean missile tests": the maker on the compound
                found += ctx.actors_in([g for g in c.children if g.dep_ in ("amod", "compound", "poss")])
        elif c.dep_ == "prep" and c.lower_ == "of" and rule.type in ("MOBILIZE", "ASSAULT"):
            # "the launch of a North Korean missile": whose weapon it is says who launched it
            for o in c.children:
                if o.dep_ == "pobj":
                    found += ctx.actors_in([g for g in o.children if g.dep_ in ("amod", "compound", "poss")])
        elif c.dep_ == "prep" and c.lower_ == "by":
            for o in c.children:
                if o.dep_ == "pobj":
                    found += ctx.actors_in(phrase(o))
        elif c.dep_ == "prep" and c.lower_ in ("between", "among") and rule.reciprocal:
            for o in c.children:
                if o.dep_ == "pobj":
                    found += ctx.actors_in(list(o.subtree))
        elif c.dep_ == "prep" and c.lower_ in ("with", "alongside") and rule.reciprocal:
            for o in c.children:
                if o.dep_ == "pobj":
                    partners += ctx.actors_in(phrase(o))
    if not found:
        found = _clause_doer(tok, ctx)
    arg = tok
    for _ in range(2):  # "conducted dozens of missile tests", "staged a series of raids": the quantity's verb
        if arg.dep_ == "pobj" and arg.head.lower_ == "of" and is_noun(arg.head.head) \
                and arg.head.head.dep_ in ("dobj", "nsubjpass", "pobj"):
            arg = arg.head.head
    if not found and arg.dep_ in ("dobj", "pobj", "nsubjpass"):
        verb = arg.head if arg.dep_ != "pobj" else arg.head.head
        in_protest = rule.type == "PROTEST" and arg.dep_ == "pobj" and arg.head.lower_ == "in" \
            and not any(c.dep_ == "det" for c in arg.children)  # "resigned in protest"
        # "warships fired missiles during the exercise": who acts in it takes part in it
        during = arg.dep_ == "pobj" and arg.head.lower_ == "during" and rule.type == "MOBILIZE"
        if verb.lemma_.lower() in LIGHT_VERBS or verb.lemma_.lower() in rule.head \
                or (rule.type == "PROTEST" and verb.lemma_.lower() in JOIN_VERBS) or in_protest or during:
            subj, _, agent = verb_subjects(verb)
            target = agent or subj
            if target is not None:
                found = ctx.actors_in(phrase(target) if agent is None else list(target.subtree))
                if agent is None:
                    found = ctx.placed(found, target) or ctx.actors_in(place_of(target), places=True)
            elif verb.dep_ in ("xcomp", "conj", "advcl"):
                found = _climb_subject(verb, ctx)  # "used the unrest to justify airstrikes"
    if not found and rule.reciprocal and tok.dep_ in ("nsubj", "nsubjpass"):
        # "Belarusian-Russian cooperation": adjectives on the head noun
        found = ctx.actors_in([t for t in tok.lefts])
    return unique_actors(found + partners)


def _own_patient(noun: Any) -> bool:
    """Whether a noun of what is done to someone has its possessor as that someone
    ("Kennedy's assassination"), with no "of" phrase naming another ("the group's kidnapping
    of the girls")."""
    return noun.lemma_.lower() in PATIENT_NOUNS and not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)


def _clause_doer(noun: Any, ctx: ArticleContext) -> list[Actor]:
    """The doer a clause on an event noun names: "the test that Iran carried out", "the drill
    announced by Minsk", "the strikes Israel conducted" (a verb of carrying out or announcing,
    with its subject or "by" agent)."""
    for c in noun.children:
        if c.dep_ not in ("relcl", "acl") or c.lemma_.lower() not in LIGHT_VERBS:
            continue
        subj, _, agent = verb_subjects(c)
        target = agent or subj
        if target is None or target.lower_ in ("that", "which", "who"):
            continue
        found = ctx.actors_in(list(target.subtree) if agent is not None else phrase(target))
        if found:
            return found
    return []


def _misparsed_relative(tok: Any) -> Any | None:
    """The noun a subjectless "that"-clause follows, when the parser took a relative clause for a
    complement or a second verb ("a vessel that transferred ..." as ccomp or conj of the verb
    before, "that" as its mark)."""
    if tok.dep_ not in ("ccomp", "conj", "advcl") or any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl")
                                                         for c in tok.children):
        return None
    mark = next((c for c in tok.children if c.dep_ == "mark" and c.lower_ == "that"), None)
    if mark is None or mark.i == 0:
        return None
    before = tok.doc[mark.i - 1]
    if before.pos_ in ("NOUN", "PROPN") and before.dep_ in ("dobj", "pobj", "attr", "conj", "appos"):
        return before
    return None


def _climb_subject(tok: Any, ctx: ArticleContext) -> list[Actor]:
    """The subject of the governing verb, for xcomp/conj/advcl triggers."""
    cur = tok
    for _ in range(6):
        if cur.dep_ in ("ROOT",) and cur.head == cur:
            break
        head = cur.head
        if cur.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in REASON_PREPS:
            found = _faulted(head, ctx)
            if found:
                return found
        if cur.dep_ in ("relcl", "acl") and is_noun(head):
            found = ctx.actors_in(phrase(head))
            if found or head.dep_ not in ("dobj", "pobj") or lemma_of(head) not in STATEMENT_NOUNS:
                return found
            cur = head  # "issued a statement demanding ...": the one who issued it
            continue
        subj, _, agent = verb_subjects(head)
        target = agent or subj
        if cur.dep_ == "xcomp":
            # object control: "the clash prompted Ghana's foreign ministry to summon the envoy": the
            # one made to act is the object (when it names a party), not the subject
            controller = next((c for c in head.children if c.dep_ == "dobj" and c.i < cur.i
                               and c.pos_ in ("PROPN", "NOUN")), None)
            if controller is not None:
                found = [a for a in ctx.actors_in(phrase(controller), places=True) if a.code]
                if found:
                    return found
        if target is not None and cur.dep_ in ("xcomp", "conj", "advcl", "acl", "pcomp", "pobj", "prep", "ccomp", "advmod", "acomp", "dobj"):
            if cur.dep_ == "ccomp" and head.lemma_.lower() not in PLAN_VERBS:
                return []
            found = ctx.actors_in(phrase(target) if agent is None else list(target.subtree))
            if agent is None:
                found = ctx.placed(found, target) or ctx.actors_in(place_of(target), places=True)
            if found:
                return found
            if target.lower_ in ("some", "others", "many"):
                cur = head
                continue
            return found
        cur = head
    return []


REASON_PREPS = frozenset({"for", "of", "over"})
FAULTED_PREPS = frozenset({"in", "with", "at"})


def _faulted(prep: Any, ctx: ArticleContext) -> list[Actor]:
    """Who did what a reaction is for: the party blamed, praised or charged before the
    preposition ("blamed Minsk for sending arms", "accused Iran of arming the rebels",
    "angry with Serbia for ..."); empty when no party is named there."""
    gov = prep.head
    for c in gov.children:
        if c.i >= prep.i:
            break
        if c.dep_ == "dobj":
            found = ctx.actors_in(phrase(c))
        elif c.dep_ == "prep" and c.lower_ in FAULTED_PREPS:
            found = [a for o in c.children if o.dep_ == "pobj" for a in ctx.actors_in(phrase(o))]
        else:
            continue
        if found:
            return found
    return []


def count_parties(actors: list[Actor], text: str) -> int:
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


def unique_actors(actors: list[Actor]) -> list[Actor]:
    """The actors once each: by code, or by text when they have none (first mention kept)."""
    out: list[Actor] = []
    seen: set[tuple[str | None, str | None]] = set()
    for a in actors:
        key = (a.code, a.text.lower() if a.code is None else None)
        if key in seen:
            continue
        seen.add(key)
        out.append(a)
    return out
