"""Readings of a trigger that change or cancel its event: natural causes, questions, reactions,
forecasts, stated intent and refusal (PLOVER's AGREE / THREATEN / REJECT reframing).
"""

from __future__ import annotations

import re
from typing import Any

from sitrep.events.detect import PLACE_TOKENS, RELATIVE_PRONOUNS, prep_words
from sitrep.events.evidence import quote_covering
from sitrep.events.modality import FUTURE_AUX
from sitrep.events.syntax import governors, is_noun, phrase, verb_subjects
from sitrep.model import Actor, Event


REFLEXIVE = {"itself", "themselves", "himself", "herself", "ourselves", "oneself"}
FUTURE_AGREE = {"SUPPORT", "AID", "CONSULT", "RETREAT", "CONCEDE", "COOPERATE"}
FUTURE_THREATEN = {"SANCTION", "PROTEST"}
COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
INTENT_HEADS = {"willing", "prepared", "ready", "poised", "eager", "keen", "determined"}
# the marks a reframing leaves on an event's rule id ("lexicon:assault-fire-weapon+launch"): the
# rules read the sentence for its type, and the `detect` stage does not veto what they reframed
REFRAME_MARKS = tuple(f"+{how}" for how in ("intent", "refusal", "use", "launch", "strike", "sanction", "drill",
                                           "words", "own-threat"))
REFRAMED_CAMEO = {"AGREE": "030", "THREATEN": "130", "REJECT": "120", "MOBILIZE": "150", "ASSAULT": "194", "ACCUSE": "111",
                  "SANCTION": "163"}
# what bans by way of a sanctions regime: "the resolution bars imports of ...", "the sanctions ban ..."
SANCTION_INSTRUMENTS = frozenset({"resolution", "sanction", "embargo", "regime"})
# a vehicle striking a structure is an accident ("a barge struck the quay wall"), a vehicle
# driven into people is not (no structure)
VEHICLES = frozenset({"ship", "vessel", "boat", "ferry", "barge", "train", "tram", "bus", "car", "truck", "lorry",
                      "van", "tanker", "freighter"})
STRUCTURES = frozenset({"bridge", "pillar", "pier", "jetty", "dock", "wall", "barrier", "pole", "post", "tree", "rock",
                        "reef", "iceberg", "embankment", "lock", "quay", "bank", "sandbank", "building", "house"})
# coercion by rule-making ("would ban"): a policy announced, not force held over anyone (a blockade
# tightened is force: PLOVER codes it THREATEN, mode restrict)
POLICY_MODES = frozenset({"ban"})
# a missile fired with no target struck is a launch (PLOVER MOBILIZE, weapons), not an attack
LAUNCH_LEMMAS = {"fire", "launch", "shoot", "test-fire"}
PROJECTILES = {"missile", "missiles", "rocket", "rockets", "projectile", "projectiles", "icbm", "icbms", "irbm",
               "slbm", "satellite"}
TARGET_PREPS = {"at", "on", "against", "toward", "towards"}
HARM_WORDS = {"kill", "killed", "killing", "wound", "wounded", "injure", "injured", "damage", "damaged",
              "destroy", "destroyed", "hit", "struck", "casualties", "dead", "died", "intercept", "intercepted",
              "target", "targeting", "targeted", "aim", "aimed", "attack", "attacks", "impact", "explode",
              "exploded", "explosion", "explosions", "strike", "strikes"}
QUESTION_VERBS = {"ask", "inquire", "enquire", "query"}
WARNING_VERBS = {"warn", "caution"}


# what a warned party is told it will undergo: the warner's threat, not a forecast of the party's act
SUFFERING_VERBS = frozenset({"face", "pay", "suffer", "bear", "incur", "regret", "feel", "receive", "meet"})


def third_party_forecast(tok: Any, actors: list[Actor], ctx: Any) -> bool:
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
        if c.lemma_.lower() in SUFFERING_VERBS:
            continue  # "warned that Serbia would face consequences": the party is the one threatened
        named = [a for a in ctx.actors_in(phrase(subj)) if a.code]
        if named and not any(a.code in own for a in named):
            return True
    return False


def _ends_before(doc: Any, i: int, strip: str) -> str:
    """The last character of the doc's text before token `i` once `strip`'s characters are
    stripped from its end ("" for none): `doc.text[:doc[i].idx].rstrip(strip)[-1:]` without
    rebuilding the doc's text from its tokens."""
    for k in range(i - 1, -1, -1):
        part = doc[k].text_with_ws.rstrip(strip)
        if part:
            return part[-1]
    return ""


# a quoted question closed, then a speaker of a few words: '"Why now?" the reporter' before "asked"
QUESTION_THEN_SPEAKER = re.compile(r"\?\s*[\"'”’]\s*,?\s*(?:[\w.'’-]+\s+){0,5}[\w.'’-]+\s*$")


def is_question(tok: Any) -> bool:
    """"asked about X", "was asked whether/if/when ...": a question put, not a request."""
    if tok.lemma_.lower() not in QUESTION_VERBS:
        return False
    # '"Will they come?" she asked': the quoted question just before is what was asked
    sent, closing = tok.sent, ' ,"\'”’'
    before = tok.doc[sent.start:tok.i].text
    if before.rstrip(closing).endswith("?") or QUESTION_THEN_SPEAKER.search(before):
        return True  # ('"But why?" reporter Jane Doe asked him': the speaker between question and verb)
    if tok.i - sent.start <= 5 and _ends_before(tok.doc, sent.start, closing) == "?":
        return True  # the parser split the attribution off as a sentence of its own
    if tok.tag_ == "VBN" and tok.dep_ == "advcl" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return True  # "Asked at a briefing about the vote, the spokesman said ...": a question put to him
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "about":
            return True
        if c.dep_ in ("ccomp", "advcl") and (
                any(m.dep_ == "mark" and m.lower_ in ("whether", "if") for m in c.children)
                or c.doc[c.left_edge.i].tag_ in ("WP", "WRB", "WDT")):
            return True
    return False


def is_reaction(tok: Any) -> bool:
    """"was met with protests": how something was received, not a meeting."""
    return (tok.lemma_.lower() == "meet" and any(c.dep_ == "auxpass" for c in tok.children)
            and any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children))


MODALS = {"could", "would", "will", "'ll", "may", "might", "can", "shall"}


def _modal(tok: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in MODALS for c in tok.children)


def _has_target(tok: Any) -> bool:
    """Whether a verb of firing (or its object) has a target: "at Kyiv", "on the port" (not "on
    Friday"), "a missile barrage on Kyiv"."""
    places = tok.doc.user_data.get(PLACE_TOKENS, ())
    # the target may hang on an object that names a volley: "launched a missile barrage on Kyiv"
    heads = [tok, *(c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in VOLLEYS)]
    # "fired rockets, shells and gunfire against the trenches": the phrase on the list's last item
    heads += [x for c in tok.children if c.dep_ == "dobj" for x in conjuncts(c)]
    for c in (c for h in heads for c in h.children):
        if c.dep_ == "prep" and c.lower_ in TARGET_PREPS:
            if any((o.i in places or not _time_phrase(o)) and o.lemma_.lower() not in TEST_GROUNDS
                   for o in c.children if o.dep_ == "pobj"):
                return True
        if c.dep_ == "prep" and c.lower_ == "into":
            # "fired rockets into Lebanon" strikes a country; "into the sea" does not
            if any(o.ent_type_ in ("GPE", "LOC") and o.lower_ not in OPEN_WATERS
                   for o in c.children if o.dep_ == "pobj"):
                return True
    return False


def conjuncts(tok: Any) -> list[Any]:
    """The items listed after `tok` ("rockets, shells and gunfire": shells, gunfire)."""
    out: list[Any] = []
    stack = [c for c in tok.children if c.dep_ == "conj"]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ == "conj")
    return out


def _time_phrase(noun: Any) -> bool:
    """Whether a prepositional object says when, not where or at whom: "at 6am local time",
    "at dawn", "on Friday"."""
    return noun.ent_type_ in ("DATE", "TIME") or noun.lemma_.lower() in TIME_NOUNS \
        or any(t.ent_type_ in ("DATE", "TIME") for t in noun.subtree if t.i < noun.i)


# nouns of a time of day
TIME_NOUNS = frozenset({"time", "hour", "dawn", "dusk", "daybreak", "night", "nightfall", "noon", "midnight",
                        "morning", "evening", "afternoon", "moment", "minute", "o'clock", "sunrise", "sunset"})

# objects of a launch that are themselves an attack, with the target hanging on them
VOLLEYS = frozenset({"barrage", "salvo", "volley", "wave", "strike", "attack", "assault"})

# where a test shot lands: "test-fired a missile at the Kapustin Yar range" hits no one
TEST_GROUNDS = frozenset({"range", "polygon"})

# what a drill strikes: "jets bombed a firing range", "fired at targets on a training ground"
PRACTICE_GROUNDS = ("firing range", "shooting range", "bombing range", "test range", "testing range",
                    "training ground", "training range", "proving ground", "practice range", "target range",
                    "mock target", "dummy target", "target barge", "target ship", "target drone")


def _at_practice_ground(tok: Any) -> bool:
    """Whether what a strike verb hits is a range or a mock target, so the strike is a drill:
    its object, its passive subject, or the object of a target preposition."""
    heads = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    heads += [o for c in tok.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS | {"in"}
              for o in c.children if o.dep_ == "pobj"]
    for h in heads:
        words = " ".join(t.lower_ for t in h.subtree)
        if any(g in words for g in PRACTICE_GROUNDS):
            return True
    return False


# words of armed force: a sentence holding none of them tells of an attack in words, when what is
# attacked is a person or what they said or did ("Trump attacked Clinton over her emails",
# "sustained attacks on her credibility"): PLOVER's ACCUSE (CAMEO 111, criticise or denounce)
VERBAL_ATTACK_LEMMAS = frozenset({"attack", "assail"})
# verbs that carry an attack noun ("launched an attack on ...")
ATTACK_SUPPORT_VERBS = frozenset({"launch", "mount", "unleash", "make", "stage"})
# striking "back" (a retort) and striking someone "for" a fault
RETORT_LEMMAS = frozenset({"fire", "shoot", "hit", "strike"})
FAULT_LEMMAS = frozenset({"hit", "hammer", "blast"})
BODY_PARTS = frozenset({"head", "face", "back", "neck", "chest", "arm", "arms", "leg", "legs", "hand", "hands",
                        "shoulder", "stomach", "body", "eye", "nose", "mouth", "jaw"})
FORCE_WORDS = frozenset({
    "missile", "missiles", "rocket", "rockets", "drone", "drones", "bomb", "bombs", "bombing", "airstrike",
    "airstrikes", "strike", "strikes", "shell", "shells", "shelling", "artillery", "mortar", "mortars", "troops",
    "forces", "fighters", "militants", "militant", "gunmen", "gunman", "assailants", "attackers", "armed", "soldiers",
    "soldier", "police", "rebels", "insurgents", "explosive", "explosives", "grenade", "grenades", "suicide", "gunfire",
    "shooting", "shot", "ambush", "killed", "kill", "killing", "wounded", "injured", "dead", "died", "military",
    "army", "jets", "warplanes", "aircraft", "knife", "stabbed", "terrorist", "terrorists", "terror", "mob",
    "beaten", "weapon", "weapons", "gun", "guns", "fire", "fired", "cyber", "hackers", "hacked", "hospital",
    "victims", "casualties", "convoy", "base", "checkpoint", "village", "town", "city", "positions"})
WORD_TARGETS = frozenset({"voter", "voters", "lawmaker", "lawmakers", "politician",
                          "politicians", "establishment", "elite", "elites", "thinker", "thinkers",
                          "record", "credibility", "policy", "policies", "plan", "plans", "remarks", "remark",
                          "comments", "comment", "statement", "statements", "proposal", "proposals", "character",
                          "integrity", "honesty", "judgment", "judgement", "scandal", "scandals", "campaign",
                          "media", "press", "critics", "critic", "rival", "rivals", "opponent", "opponents",
                          "candidate", "candidates", "nominee", "stance", "position", "positions", "decision",
                          "handling", "leadership", "speech", "views", "idea", "ideas", "bill", "law", "ruling",
                          "incumbent", "challenger", "administration", "government"})


def _force_beside(tok: Any) -> bool:
    """Whether the trigger's sentence has a word of armed force (`FORCE_WORDS`) besides the
    trigger itself."""
    return any((t.lower_ in FORCE_WORDS or t.lemma_.lower() in FORCE_WORDS) and t.i != tok.i for t in tok.sent)


def _verbal_attack(tok: Any, event: Event) -> bool:
    """Whether an "attack" is one in words: no weapon and no word of armed force in its sentence,
    and what is attacked is a person, a pronoun for one, or what people say and do. So is a
    retort ("fired back at the auditors", "'Nonsense,' the mayor shot back", "hit back at
    critics of the deal") and a blow struck for a fault ("hit the incumbent for raising taxes",
    "... on immigration"), on the same conditions."""
    lemma = tok.lemma_.lower()
    if lemma in ATTACK_SUPPORT_VERBS:
        # "launched a blistering attack on his rival": the attack noun says what is attacked
        noun = next((c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in VERBAL_ATTACK_LEMMAS), None)
        if noun is not None:
            tok, lemma = noun, noun.lemma_.lower()
    retort = lemma in RETORT_LEMMAS and any(c.lower_ == "back" and c.dep_ in ("prt", "advmod")
                                            for c in tok.children)
    preps = [c for c in tok.children if c.dep_ == "prep"]
    for_fault = lemma in FAULT_LEMMAS and any(
        c.lower_ in ("for", "over") or (c.lower_ == "on" and not any(
            o.lower_ in BODY_PARTS or o.ent_type_ in ("DATE", "TIME") for o in c.children))
        for c in preps)
    if (lemma not in VERBAL_ATTACK_LEMMAS and not retort and not for_fault) or event.weapons:
        return False
    if _force_beside(tok):
        return False
    targets = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    targets += [o for c in preps if c.lower_ in ("on", "against", "at") for o in c.children if o.dep_ == "pobj"]
    places = tok.doc.user_data.get(PLACE_TOKENS, ())
    if any(t.i in places or t.ent_type_ in ("GPE", "LOC", "FAC", "NORP") for t in targets):
        return False  # "Russia attacked Kharkiv": a place is attacked by force
    if retort:
        return True
    return any(t.ent_type_ == "PERSON" or t.lower_ in ("him", "her", "them", "me", "us", "he", "she")
               or t.lemma_.lower() in WORD_TARGETS or t.lemma_.lower() in CONTENDERS for t in targets)


HYPHENED = re.compile(r"\b\w+(?:-\w+)+\b")
# verbs of beating that, among words of a vote, tell a vote won
ELECTORAL_WINS = frozenset({"beat", "trounce", "rout"})
# words of a fight that, among words of a vote, tell a race ("a close fight for the party's nomination")
ELECTORAL_FIGHTS = frozenset({"battle", "fight", "duel", "tussle", "joust"})
# verbs that, with a state as object among words of a vote, tell a vote's result
ELECTORAL_VERBS = frozenset({"capture", "take", "win", "carry", "sweep", "seize", "call"})
# whom or what a vote is won over
CONTENDERS = frozenset({"rival", "challenger", "incumbent", "opponent", "candidate", "nominee", "poll", "expectation",
                        "odd", "forecast", "prediction", "favourite", "favorite", "frontrunner", "front-runner", "party",
                        "governor", "senator", "mayor", "president", "congressman", "congresswoman", "premier"})

# a game's score: "6-2", "3 - 1" (not a year span such as "1998-2001")
SCORE = re.compile(r"(?<![\d/.,-])\d{1,2}\s?[-–]\s?\d{1,2}(?!\d|[/.,-]\d|\s?(?:year|month|week|day|hour|minute|percent|per cent|%))")

# waters a missile is fired "into" without striking anyone ("into the Pacific")
OPEN_WATERS = frozenset({"pacific", "atlantic", "sea", "ocean", "waters", "gulf", "bay", "strait"})


# what is launched when an attack is: never a missile flight
ATTACK_THEMES = frozenset({"offensive", "counteroffensive", "counter-offensive", "operation", "attack", "assault",
                           "raid", "campaign", "strike", "airstrike", "bombardment", "incursion", "invasion", "war"})


def _is_launch(tok: Any, event: Event) -> bool:
    """Whether a strike verb tells a launch with nothing struck: a missile or rocket
    fired (its object, or its passive subject) with no target ("at", "on", "against")
    and no harm or interception said in the sentence ("fired a missile over Japan
    into the Pacific", "a rocket was launched from the west coast")."""
    if tok.lemma_.lower() not in LAUNCH_LEMMAS:
        return False
    if any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children):
        return False  # "shot down the drone", "chose not to shoot the missile down": an interception, not a launch
    theme = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if any(c.lemma_.lower() in ATTACK_THEMES for c in theme):
        return False  # "launched an offensive, backed by missiles": the attack was launched, not a missile
    named = any(w.weapon_class and "missile" in w.weapon_class.lower() for w in event.weapons)
    if not named and not any(c.lower_ in PROJECTILES or any(t.dep_ == "compound" and t.lower_ in PROJECTILES
                                                            for t in c.children) for c in theme):
        return False
    if _has_target(tok):
        return False
    return not any(t.lower_ in HARM_WORDS or t.lemma_.lower() in HARM_WORDS for t in tok.sent)


FORECAST_VERBS = frozenset({"think", "believe", "expect", "predict", "suspect", "doubt", "guess", "assume", "reckon",
                            "anticipate", "foresee", "estimate", "forecast", "speculate"})


def _is_future(tok: Any) -> bool:
    """"will X", "would X", "plans to X": the actor states what it is going to do."""
    local = [tok] + ([tok.head] if tok.dep_ in ("xcomp", "conj") and tok.head is not tok else [])
    if any(c.dep_ == "neg" for t in local for c in t.children):
        return False
    aux = {c.lower_ for t in local for c in t.children if c.dep_ == "aux"}
    if aux & {"will", "'ll", "shall", "would"}:
        # "we believe a summit will take place", "analysts expect it would strike": a forecast, no one's intention
        return not any(t.dep_ == "ccomp" and t.head.lemma_.lower() in FORECAST_VERBS for t in local)
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ("plan", "intend")


def _is_refusal(tok: Any) -> bool:
    """"will not / would not / cannot X", "failed to X": a stated refusal of X."""
    chain = governors(tok)[:3]
    if any(t.lemma_.lower() == "fail" for t in chain[1:]):
        return True  # "failed to reach a deal"
    if tok.dep_ == "acl" and tok.head.lemma_.lower() in UNDONE_NOUNS:
        return True  # "its refusal to accept the ruling"
    local = chain[:2] if tok.dep_ == "xcomp" else chain[:1]
    neg = any(c.dep_ == "neg" for t in local for c in t.children)
    if neg and tok.lemma_.lower() in STANCE_VERBS:
        return True  # "does not recognise the ruling", "did not accept the result": a refusal now
    aux = {c.lower_ for t in local for c in t.children if c.dep_ == "aux"}
    return neg and bool(aux & (FUTURE_AUX | {"would", "can", "could", "ca"}))


# what a court or a legislature "strikes down": annulled, not attacked
ANNULLED = frozenset({"law", "statute", "provision", "regulation", "mandate", "ban", "limit", "rule", "ruling", "measure",
                      "order", "policy", "requirement", "restriction", "cap", "tax", "tariff", "decree", "act", "bill"})


def struck_down(tok: Any) -> bool:
    """Whether a blow is a law or a ban "struck down": the particle "down" and an annulled
    thing (`ANNULLED`) as object ("the court struck down the ban")."""
    return any(c.lower_ == "down" and c.dep_ in ("prt", "advmod") for c in tok.children) and \
        any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in ANNULLED for c in tok.children)


def seized_on(tok: Any) -> bool:
    """Whether a seizing verb takes nothing but is "seized on" or "upon" something ("seized on the
    leaked emails", "seized upon the chaos"): taken up in argument or as a chance."""
    return tok.lemma_.lower() == "seize" and bool({"on", "upon"} & prep_words(tok)) and \
        not any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children)

# nouns whose infinitive tells an act not done: "his failure to denounce", "their refusal to attend"
UNDONE_NOUNS = frozenset({"failure", "refusal", "unwillingness", "reluctance"})

# verbs whose negation in any tense is a refusal: not recognising or accepting something
STANCE_VERBS = frozenset({"recognise", "recognize", "accept", "acknowledge"})


class Senses:
    """The lexicon-dependent sense checks and the intent/refusal reframing."""

    def _reframe(self, event: Event, tok: Any) -> None:
        """PLOVER codes stated intent and refusal as events of their own: an action
        the actor says it is willing, prepared or ready to take is AGREE (when
        cooperative) or THREATEN (when conflictual); a cooperative action the actor
        says it will not take ("will not accept", "would not meet their demands",
        "failed to reach agreement") is REJECT. The rule id records the reframing."""
        new_type = None
        how = ""
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in INTENT_HEADS and event.type != "MOBILIZE":
            # "ready to retaliate" threatens; "ready to launch satellites" is a launch planned
            new_type = "AGREE" if event.type in COOPERATIVE else "THREATEN"
            how = "intent"
        elif event.type in COOPERATIVE and event.type != "REJECT" and _is_refusal(tok):
            new_type = "REJECT"
            how = "refusal"
        elif event.evidence.rule == "lexicon:assault-use-weapon" and _modal(tok):
            new_type, how = "THREATEN", "use"  # "could use the Oreshnik again": a threat to use it
        elif event.type == "ASSAULT" and _is_launch(tok, event):
            new_type, how = "MOBILIZE", "launch"
        elif event.type == "ASSAULT" and _at_practice_ground(tok):
            new_type, how = "MOBILIZE", "drill"  # "jets bombed a target range": an exercise
        elif event.type == "ASSAULT" and _verbal_attack(tok, event):
            new_type, how = "ACCUSE", "words"  # "the senator attacked her rival's record": criticism
        elif event.type == "MOBILIZE" and tok.lemma_.lower() in LAUNCH_LEMMAS and _has_target(tok):
            new_type, how = "ASSAULT", "strike"  # "launched an Oreshnik at Dnipro": a strike
        elif event.type == "COERCE" and event.mode == "ban" and _by_sanctions(tok, event):
            new_type, how = "SANCTION", "sanction"  # a ban a UN resolution or an IGO lays on a state
        elif _is_future(tok) and "military" not in event.context and not event.weapons:
            # "Portugal will support ...", "they would boycott ...": a stated intention.
            # Military moves ("will deploy a battery") keep their own type, modality planned.
            if event.type in FUTURE_AGREE and event.mode != "resign":
                new_type, how = "AGREE", "intent"
            elif event.type in FUTURE_THREATEN:
                new_type, how = "THREATEN", "intent"
        elif event.type in FUTURE_THREATEN and _conditional_modal(tok):
            new_type, how = "THREATEN", "intent"  # "may halt its mediation if the truce fails": a threat
        if new_type is None or new_type == event.type:
            return
        event.type = new_type
        event.cameo = REFRAMED_CAMEO[new_type]
        event.quad_class = self.lexicon.quads.get(new_type)
        event.intensity = self.lexicon.cameo.get(event.cameo, {}).get("intensity")
        event.mode = {"launch": "weapons", "use": "violence", "strike": "heavy-weapons", "drill": "troops",
                      "words": "disapprove"}.get(how)
        event.evidence.rule = f"{event.evidence.rule}+{how}"
        if how == "launch" and not any(a.code for a in event.actor):
            # "North Korea's missile was fired ...": whoever the passive subject belongs
            # to, read as the one struck, is the one who launched it
            subject = {t.idx for c in tok.children if c.dep_ == "nsubjpass" for t in c.subtree}
            owners = [a for a in event.recipient if a.start in subject]
            if owners:
                event.actor = owners
                event.recipient = [a for a in event.recipient if a not in owners]

    def _own_threat(self, event: Event, ctx: Any, tok: Any) -> None:
        """Force a speaker says their own side would or will use ("Russia could strike Western
        capitals," Medvedev said; "we will close the strait if attacked") is a threat
        (THREATEN), not an attack; an analyst's forecast of another's attack stays what it is."""
        if event.type not in ("ASSAULT", "COERCE") or event.modality not in ("hypothetical", "planned"):
            return
        if event.mode in POLICY_MODES and not _conditional(tok):
            return  # "it would ban anonymous trading": a policy it announces ("... if X goes on" threatens)
        quote = quote_covering(ctx.article.quotes, event.evidence.trigger_start)
        if quote is None:
            return
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("he", "she") for c in tok.children):
            return  # "if he has killed reporters, that's terrible": someone else, whoever "he" resolved to
        own = {a.code for a in ctx.speaker_actors(quote)}
        if not own & {a.code for a in event.actor if a.code}:
            return
        event.type = "THREATEN"
        event.cameo = REFRAMED_CAMEO["THREATEN"]
        event.quad_class = self.lexicon.quads.get("THREATEN")
        event.intensity = self.lexicon.cameo.get(event.cameo, {}).get("intensity")
        event.mode = "violence"
        event.evidence.rule += "+own-threat"

    def _natural_cause(self, verb: Any) -> bool:
        """Whether the doer of `verb` is a natural force or an accident (an earthquake, a
        flood, a fire, a crash), not an actor: as its subject, its passive agent ("destroyed
        by a storm"), or the cause of a passive without agent ("killed in a landslide").
        Fire from weapons or a party ("artillery fire", "Israeli fire") is an actor's."""
        subj, passive, agent = verb_subjects(verb)
        cause = agent if agent is not None else subj
        if cause is None and passive is not None:
            for c in verb.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "during", "after"):
                    cause = next((o for o in c.children if o.dep_ == "pobj"), None)
                    if cause is not None and self._natural(cause):
                        return True
            return False
        if cause is not None and cause.lemma_.lower() in VEHICLES and any(
                c.dep_ == "dobj" and c.lemma_.lower() in STRUCTURES for c in verb.children):
            return True  # "a barge struck the quay wall": an accident
        return cause is not None and self._natural(cause)

    def _not_political_violence(self, tok: Any) -> bool:
        """Whether an attack or killing is done to or by an animal ("a bear was shot", "poachers
        killed three rhinos", "a bear killed two hikers"), is a game's result with its score
        ("beat the Orioles 6-2 to win the series", "hit a home run as the Jays won 4-1"), a game
        named in it (`sport_events`: "beat Madrid in the Champions League") or a vote won ("beat
        the incumbent in the primary": `election_words`)."""
        patients = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        patients += [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children
                     if o.dep_ == "pobj"]
        if tok.dep_ == "acl" and is_noun(tok.head):  # "the bear killed near the campsite"
            patients.append(tok.head)
        if tok.dep_ == "relcl" and any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ in RELATIVE_PRONOUNS
                                       for c in tok.children):
            patients.append(tok.head)  # "the gorilla that was shot"
        if not any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children):
            # the object of a verb joined to it: "shot and killed a bear"
            patients += [o for v in conjuncts(tok) if v.pos_ == "VERB" for o in v.children if o.dep_ == "dobj"]
        # an animal that kills or attacks ("a bear killed two hikers", "mauled by a tiger"), and a
        # headline's passive read as active ("Gorilla Killed To Save Boy")
        # (a capitalised name inside a sentence is a group: "the Tigers killed 12 soldiers")
        doers = [c for c in tok.children if c.dep_ == "nsubj"]
        doers += [o for c in tok.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
        patients += [d for d in doers if not d.ent_type_ and (d.is_lower or d.i == d.sent.start)]
        if any(p.lemma_.lower() in self.lexicon.animals or p.lower_ in self.lexicon.animals for p in patients):
            return True
        sent = tok.sent
        if tok.lemma_.lower() in ELECTORAL_FIGHTS and self._among_vote_words(tok):
            return True  # "battling with the senator for second place in the primary": a race
        if tok.lemma_.lower() in ELECTORAL_WINS and self._among_vote_words(tok) \
                and (not patients or any(p.ent_type_ in ("PERSON", "ORG", "NORP") or p.lemma_.lower() in CONTENDERS
                                         or p.lower_ in ("him", "her", "them") for p in patients)):
            # "beat her challenger in the runoff", "beating the polls", "would beat her in the runoff",
            # "a campaign that has beaten the favourite before": a vote won
            return True
        if self.lexicon.sport_events and any(name in sent.text.lower() for name in self.lexicon.sport_events):
            return True  # "beat San Francisco on the way to the World Series": no score needed
        return bool(SCORE.search(sent.text)) and any(t.lower_ in self.lexicon.sport_words for t in sent)

    def _electoral(self, tok: Any) -> bool:
        """Whether a capture or a call is a vote's result: "Mendez captured four states in the
        contests", "Ohio was called for the governor as polls shut": a capturing or calling verb
        with a state as its object or passive subject, in a sentence with words of a vote
        (`election_words`) and none of force."""
        if tok.lemma_.lower() not in ELECTORAL_VERBS:
            return False
        if not any(c.dep_ in ("dobj", "nsubjpass") and (c.ent_type_ == "GPE" or c.lemma_.lower() in ("state", "county"))
                   for c in tok.children):
            return False
        return self._among_vote_words(tok)

    def _among_vote_words(self, tok: Any) -> bool:
        """Whether the trigger's sentence has words of a vote (`election_words`) and no word of
        armed force besides the trigger."""
        words = {t.lower_ for t in tok.sent}
        # hyphened words come apart in tokens ("match", "-", "ups"): read them whole too
        words |= {m.group(0).lower() for m in HYPHENED.finditer(tok.sent.text)}
        return bool(words & self.lexicon.election_words) and not _force_beside(tok)

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


def _by_sanctions(tok: Any, event: Event) -> bool:
    """Whether a ban is laid by an international body ("the Security Council banned ...") or
    by a sanctions instrument named as its subject or agent ("a UN resolution bars ...")."""
    if any(a.sector == "IGO" for a in event.actor):
        return True
    subj, _, agent = verb_subjects(tok)
    doer = agent if agent is not None else subj
    if doer is None:  # "banned under a UN resolution": the instrument in an "under" phrase
        doer = next((o for c in tok.children if c.dep_ == "prep" and c.lower_ == "under"
                     for o in c.children if o.dep_ == "pobj"), None)
    return doer is not None and doer.lemma_.lower() in SANCTION_INSTRUMENTS


def _conditional_modal(tok: Any) -> bool:
    """"may / might / could X if (unless) ...": what the actor says it may do on a condition."""
    if any(c.dep_ == "neg" for c in tok.children):
        return False
    return any(c.dep_ == "aux" and c.lower_ in ("may", "might", "could") for c in tok.children) and _conditional(tok)


def _conditional(tok: Any) -> bool:
    """Whether `tok` carries a condition clause ("will ban their trucks if ...", "unless ...")."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
               for c in tok.children)
