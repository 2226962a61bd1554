"""Recipients the trigger's own arguments do not give.

- A launch "over Japan" (or "over the Japanese island of Kyushu") is
  aimed at the state overflown: the recipient of the MOBILIZE event.
- A threat "to sink Japan" or "to strike Israeli cities" is aimed at whoever the
  threatened act would hit: the object of the verb after "threatened to".
- A verbal or cooperative act about another party's proposal or an act of its own has that
  party as recipient: the maker of a proposal refused, accepted or opposed ("rejected a U.S.
  request", "an offer from Kabul"), the party a pledged, refused or threatened act is done to or
  with ("threatened to cut off power to Azerbaijan", "refused to meet Jordan's king").
- A protest that names no one it is aimed at, held in the protesters' own country (or by
  protesters of no named country), is aimed at that country's government, as CAMEO codes it.
- Captives released go to someone: a party the released belong to ("released Israeli hostages",
  "freed detained Taliban fighters"), the one they are handed to, else, when an armed group
  frees them, the government of its country.
- Force or coercion that names no one it is done to, at a place of a known country, is done to
  that country ("killed three villagers in southern Serbia", "lifted the curfew in Montenegro"),
  as CAMEO codes a target from the place when the victims carry no country of their own; a visit
  to a place abroad is received by its host ("arrived in Amman on a visit").
- A reaction to an earlier act ("condemned the launch", "the test was denounced")
  is aimed at whoever did that act. The sentence names only the act; the
  article named its doer before. Such an event is marked `+reaction` here and
  takes its recipient in `sitrep.events.inherit`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sitrep.events.syntax import is_noun, phrase
from sitrep.model import Actor, Event

OVER_PREPS = frozenset({"over", "above", "across"})
FLIGHT_VERBS = frozenset({"fly", "pass", "travel", "cross", "soar", "overfly", "streak"})
# nouns that name an act someone did: as the object of a reaction, that act's doer is its recipient
ACT_NOUNS = frozenset({
    "launch", "launches", "test", "tests", "firing", "attack", "attacks", "strike", "strikes", "bombing",
    "shelling", "incursion", "invasion", "offensive", "provocation", "provocations", "move", "act", "action",
    "actions", "deployment", "detonation", "explosion", "blast", "seizure", "annexation", "crackdown",
    "execution", "executions", "killing", "killings", "shootdown", "downing",
})
REACTION_TYPES = frozenset({"ACCUSE", "REJECT", "PROTEST", "SANCTION", "THREATEN", "REQUEST"})
REACTION = "+reaction"


def _codes(actors: list[Actor]) -> set[str]:
    return {a.code for a in actors if a.code}


def _give(event: Event, found: list[Actor], mark: str) -> bool:
    """Make `found` the event's recipients, marking the rule id with how they were found; False
    (nothing done) when nothing was found."""
    if not found:
        return False
    event.recipient = found
    event.evidence.rule += mark
    return True


def _party_after(heads: list[Any], preps: frozenset[str], ctx: Any, own: set[str],
                 skip: frozenset[str] = frozenset(), after: int = -1) -> list[Actor]:
    """The first coded party (a place standing for its state) in a phrase after one of
    `preps` governed by one of `heads` (and placed after token `after`), other than the
    event's own actors (none in a phrase whose noun is one of `skip`)."""
    for h in heads:
        for prep in h.children:
            if prep.dep_ != "prep" or prep.lower_ not in preps or prep.i <= after:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj" or obj.lemma_.lower() in skip:
                    continue
                found = [a for a in ctx.actors_in(phrase(obj), places=True) if a.code and a.code not in own]
                if found:
                    return found[:1]
    return []


def overflown(event: Event, tok: Any, ctx: Any) -> None:
    """A weapons launch "over" a place: the state it belongs to is the recipient."""
    if event.type != "MOBILIZE" or event.mode != "weapons" or _codes(event.recipient):
        return
    heads = [tok] + [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")]
    # "the test was the second this year to fly over Japan", "fired a missile that passed over Hokkaido":
    # a verb of flight the launch or its missile governs
    heads += [t for h in list(heads) for t in h.subtree if t.i != h.i and t.pos_ == "VERB"
              and t.lemma_.lower() in FLIGHT_VERBS]
    if tok.dep_ in ("nsubj", "nsubjpass"):
        heads += [t for t in tok.head.subtree if t.pos_ == "VERB" and t.lemma_.lower() in FLIGHT_VERBS]
    found = _party_after(heads, OVER_PREPS, ctx, _codes(event.actor))
    if found:
        event.recipient = found
        event.evidence.rule += "+overflown"


# the kinds of act an act noun names, as TYPE or TYPE/mode: "condemned the launch" answers a
# weapons launch, not the drill or bombing reported since (nouns not here answer any act)
ACT_NOUN_TYPES: dict[str, frozenset[str]] = {
    **dict.fromkeys(("launch", "launches", "test", "tests", "firing", "detonation"),
                    frozenset({"MOBILIZE/weapons", "ASSAULT"})),
    "deployment": frozenset({"MOBILIZE"}),
    **dict.fromkeys(("attack", "attacks", "strike", "strikes", "bombing", "shelling", "incursion", "invasion",
                     "offensive", "killing", "killings", "execution", "executions", "shootdown", "downing",
                     "explosion", "blast"), frozenset({"ASSAULT"})),
    **dict.fromkeys(("seizure", "annexation", "crackdown"), frozenset({"COERCE", "ASSAULT"})),
}


def mark_reaction(event: Event, tok: Any) -> frozenset[str] | None:
    """Mark a verbal reaction with no recipient whose object is an act ("condemned the launch");
    returns the types of act it answers (empty: any), None when it is no such reaction."""
    if event.type not in REACTION_TYPES or _codes(event.recipient):
        return None
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass") and c.lower_ in ACT_NOUNS:
            if any(a.dep_ == "poss" or a.ent_type_ for a in c.children):
                return None  # "North Korea's launch": the phrase names the doer itself
            event.evidence.rule += REACTION
            return ACT_NOUN_TYPES.get(c.lower_, frozenset())
    return None


TARGET_PREPS = frozenset({"at", "on", "against", "into"})
CONDITION_MARKS = frozenset({"if", "unless"})
STRIKE_PREPS = TARGET_PREPS | {"toward", "towards"}


def threatened_target(event: Event, tok: Any, ctx: Any) -> None:
    """A threat to do something to someone: that someone is the recipient."""
    if event.type != "THREATEN" or _codes(event.recipient):
        return
    own = _codes(event.actor)
    for act in (c for c in tok.children if c.dep_ == "xcomp"):
        targets = [c for c in act.children if c.dep_ == "dobj"]
        targets += [o for p in act.children if p.dep_ == "prep" and p.lower_ in TARGET_PREPS
                    for o in p.children if o.dep_ == "pobj"]
        for t in targets:
            found = [a for a in ctx.actors_in(phrase(t), places=True) if a.code and a.code not in own]
            if found:
                event.recipient = found
                event.evidence.rule += "+threatened-target"
                return
    # a threat with a condition is aimed at whoever must meet it: "threatened to walk out of the
    # talks unless Moscow withdraws", "warned it would strike back if Israel attacks" (Moscow, Israel)
    heads = [tok, *(c for c in tok.children if c.dep_ in ("xcomp", "ccomp"))]
    for clause in (c for h in heads for c in h.children if c.dep_ == "advcl"):
        if not any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in clause.children):
            continue
        for subj in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
            if _give(event, [a for a in ctx.actors_in(phrase(subj), places=True) if a.code and a.code not in own],
                     "+condition-party"):
                return


def request_addressee(event: Event, tok: Any, ctx: Any) -> None:
    """A call for someone to act ("called for Russia to withdraw"): that someone is asked."""
    if event.type != "REQUEST" or _codes(event.recipient):
        return
    own = _codes(event.actor)
    for clause in tok.children:
        if clause.dep_ not in ("advcl", "ccomp", "xcomp"):
            continue
        if not any(m.dep_ == "mark" and m.lower_ == "for" for m in clause.children):
            continue
        for subj in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
            found = [a for a in ctx.actors_in(phrase(subj)) if a.code and a.code not in own]
            if found:
                event.recipient = found
                event.evidence.rule += "+addressee"
                return


def struck_target(event: Event, tok: Any, ctx: Any) -> None:
    """A strike "at", "on" or "against" a place or party: its state is the recipient
    ("launched Kalibr missiles at Odesa" -> UKR), where the rule's roles gave none."""
    if event.type != "ASSAULT" or _codes(event.recipient):
        return
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    found = _party_after([tok, *objects], STRIKE_PREPS, ctx, _codes(event.actor))
    if not found:
        # "raided a shelter for Syrian refugees": whom the place struck is for
        found = _party_after(objects, frozenset({"for"}), ctx, _codes(event.actor))
    if found:
        event.recipient = found
        event.evidence.rule += "+target"


# what one party puts to another: refusing, accepting or opposing it answers its maker
PROPOSAL_NOUNS = frozenset({
    "request", "offer", "proposal", "plan", "demand", "call", "appeal", "mediation", "initiative", "bid",
    "ultimatum", "invitation", "overture", "suggestion", "resolution", "draft", "formula", "terms",
})
CONTENT_TYPES = frozenset({"THREATEN", "REJECT", "AGREE", "REQUEST", "SUPPORT", "ACCUSE", "CONSULT", "COOPERATE",
                           "AID", "CONCEDE", "RETREAT", "SANCTION"})
# prepositions that name the party a pledged or refused act is done to or with
CONTENT_PREPS = frozenset({"to", "against", "with", "from", "on", "at"})
MAKER_PREPS = frozenset({"from", "by"})
# what is offered, held or halted between parties: the parties are the act's recipients
MEDIATION_NOUNS = frozenset({"mediation", "talks", "negotiation", "negotiations", "dialogue", "effort", "efforts",
                             "contacts", "contact", "peacemaking"})
# where or on whose account an act happens, not whom it is done to: "talks held on the sidelines of
# the General Assembly", "signed on behalf of the union"
OCCASION_NOUNS = frozenset({"sideline", "sidelines", "margin", "margins", "side", "eve", "occasion", "behalf",
                            "basis", "condition", "ground", "grounds", "anniversary", "day"})


def content_recipient(event: Event, tok: Any, ctx: Any) -> None:
    """The party a verbal or cooperative act answers or is about, where the rule's roles gave
    none: the maker of a proposal it takes as object ("rejected a U.S. request", "accepted an
    offer from Kabul", "opposed to French mediation"), or the party of the act in its complement
    ("threatened to cut off power to Azerbaijan", "refused to meet Jordan's king", "promised to
    continue aid to Mozambique")."""
    if event.type not in CONTENT_TYPES or _codes(event.recipient):
        return
    own = _codes(event.actor)

    def parties(tokens: list[Any]) -> list[Actor]:
        return [a for a in ctx.actors_in(tokens, places=True) if a.code and a.code not in own]

    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "to" for o in p.children if o.dep_ == "pobj"]
    for noun in objects:
        if noun.lemma_.lower() not in PROPOSAL_NOUNS:
            continue
        makers = [t for c in noun.children if c.dep_ in ("poss", "compound", "amod") and c.i < noun.i for t in c.subtree]
        makers += [t for p in noun.children if p.dep_ == "prep" and p.lower_ in MAKER_PREPS
                   for o in p.children if o.dep_ == "pobj" for t in phrase(o)]
        if _give(event, parties(makers), "+proposer"):
            return
    if event.type == "ACCUSE":
        # "is investigating crimes by Serbian police", "condemned abuses by the militia":
        # who did what is charged (of the accuser's own state too, when of another sector)
        own_pairs = {(a.code, a.sector) for a in event.actor}
        doers = [a for c in tok.children if c.dep_ in ("dobj", "nsubjpass")
                 for p in c.children if p.dep_ == "prep" and p.lower_ == "by"
                 for o in p.children if o.dep_ == "pobj" for a in ctx.actors_in(phrase(o), places=True)
                 if a.code and (a.code, a.sector) not in own_pairs and a.sector is not None]
        if _give(event, doers, "+charged"):
            return
    # "threatened further action against Russia", "would boycott all contact with the United States",
    # "the sanctions ban sales of jet fuel to Syrian airlines"
    asked = [c for c in tok.children if c.dep_ == "dobj"]
    if event.type == "REQUEST":
        # "called for talks with Somalia": what a call is for is what is asked
        asked += [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "for" for o in p.children if o.dep_ == "pobj"]
    preps = CONTENT_PREPS
    if any(a.lemma_.lower() in MEDIATION_NOUNS for a in asked):
        preps = CONTENT_PREPS | {"between", "among", "amongst"}  # "halted mediation between Colombia's government and ..."
    found = _party_after(asked, preps, ctx, own, OCCASION_NOUNS)
    found = found or _party_after([tok], CONTENT_PREPS - {"at"}, ctx, own, OCCASION_NOUNS)
    if _give(event, found, "+content"):
        return
    if event.type == "REQUEST":
        return  # "urged him to leave Britain": the one asked is the recipient, not the act's party
    # a threatened act's place abroad is where the threat is aimed: "threatened to resume
    # attacks in Israel"
    preps = CONTENT_PREPS | {"in", "inside"} if event.type == "THREATEN" else CONTENT_PREPS
    for act in (c for c in tok.children if c.dep_ == "xcomp" and c.pos_ == "VERB"):
        heads = [act] + [c for c in act.children if c.dep_ == "dobj"]
        found = [a for c in act.children if c.dep_ in ("dobj", "dative") for a in parties(phrase(c))
                 if c.ent_type_ or any(t.ent_type_ for t in c.children if t.dep_ in ("poss", "compound", "amod"))]
        if _give(event, found or _party_after(heads, preps, ctx, own), "+content"):
            return


DEFIANCE_TYPES = frozenset({"PROTEST", "REJECT", "SANCTION", "ACCUSE"})
# "in defiance of X", "in protest against X": the head noun, then the prepositions before X
DEFIANCE_NOUNS = {"defiance": frozenset({"of"}), "protest": frozenset({"against", "at", "over", "of"})}


def defied_party(event: Event, tok: Any, ctx: Any) -> None:
    """The party an act defies or protests, named in a phrase on the act's clause: "marched in
    defiance of the military government", "held a strike in protest at Greek austerity
    measures", "recalled its envoy in protest at Turkey's decision" (before a protest's own
    government is taken by default)."""
    if event.type not in DEFIANCE_TYPES or _codes(event.recipient):
        return
    own = _codes(event.actor)
    heads = [tok]
    if is_noun(tok) and tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        heads.append(tok.head.head)  # "went out on strike in protest ...": the phrase hangs on the verb
    elif is_noun(tok) and tok.dep_ == "dobj":
        heads.append(tok.head)  # "held a strike in protest at ...": on the verb that takes the noun
    for h in heads:
        for prep in h.children:
            if prep.dep_ != "prep" or prep.lower_ != "in":
                continue
            for noun in prep.children:
                preps = DEFIANCE_NOUNS.get(noun.lemma_.lower()) if noun.dep_ == "pobj" else None
                if not preps:
                    continue
                found = _party_after([noun], preps, ctx, own)
                # the parser may hang the party's phrase on the verb after it ("in protest | at ...")
                found = found or _party_after([v for v in heads if v.i < noun.i], preps - {"of"}, ctx, own,
                                              after=noun.i)
                if _give(event, found, "+defied"):
                    return


def protested_government(event: Event, countries: Mapping[str, Any]) -> None:
    """A protest with no recipient, held at home: the government of the country it is held in
    ("thousands of Nigerians rallied in Lagos" -> NGA, sector GOV); none when the protesters come
    from another country than the place ("Kenyans marched in London") or neither is known."""
    if event.type != "PROTEST" or _codes(event.recipient):
        return
    own = {c for c in _codes(event.actor) if c in countries}
    where = event.location.country if event.location is not None else None
    state = where if where in countries and (not own or own == {where}) else None
    if state is None and where is None and len(own) == 1:
        state = next(iter(own))
    if state is not None:
        _give(event, [Actor(countries[state].name, state, "GOV")], "+home-government")


# modes of coercion only a state uses on its own ground: martial law, curfews, emergency rule
HOME_RULE_MODES = frozenset({"martial-law"})


def home_enforcement(event: Event, countries: Mapping[str, Any]) -> None:
    """Force or coercion by a state's police with no one named, or martial law imposed: done at
    home, to the state's own country ("Kenyan riot police beat marchers" -> KEN, "imposed martial
    law" -> the state that imposed it), as CAMEO codes domestic repression. Marked
    `+home-target`; never where the event's place is in another country."""
    if event.type not in ("ASSAULT", "COERCE") or _codes(event.recipient):
        return
    police = [a for a in event.actor if a.code in countries and a.sector == "COP"]
    rulers = [a for a in event.actor if a.code in countries] if event.mode in HOME_RULE_MODES else []
    found = police or rulers
    if not found or len({a.code for a in found}) != 1:
        return
    code = found[0].code
    where = event.location.country if event.location is not None else None
    if where is not None and where != code:
        return
    _give(event, [Actor(countries[code].name, code, None)], "+home-target")


ARMED_GROUP_SECTORS = frozenset({"REB", "UAF"})


def released_to(event: Event, tok: Any, ctx: Any, countries: Mapping[str, Any]) -> None:
    """Who a release is made to, where the rule's roles gave none: the party the released belong
    to ("Hamas released two Israeli hostages" -> ISR, "freed 40 Taliban fighters" -> the Taliban),
    the party they are handed to ("handed the crew to Omani officials"), or for captives an armed
    group frees with no one named, the government of the group's country."""
    if event.type != "RETREAT" or event.mode != "release" or _codes(event.recipient):
        return
    own = {(a.code, a.sector) for a in event.actor}
    released = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    found = [a for c in released for a in ctx.actors_in(phrase(c)) if a.code and (a.code, a.sector) not in own]
    found = found or _party_after([tok, *released], frozenset({"to"}), ctx, set())
    if not found:
        groups = [a for a in event.actor if a.code in countries and a.sector in ARMED_GROUP_SECTORS]
        found = [Actor(countries[groups[0].code].name, groups[0].code, "GOV")] if groups else []
    _give(event, found, "+released-to")


PLACE_TARGET_TYPES = frozenset({"ASSAULT", "COERCE"})
# restrictions lifted where they held: the mirror of imposing them ("eased the curfew in X")
PLACE_TARGET_RULES = ("lexicon:concede-ease-restrictions",)


def place_target(event: Event, countries: Mapping[str, Any]) -> None:
    """Force or coercion with no recipient, at a place of a known country: that country, read
    from the place's mention ("killed three villagers in southern Serbia" -> SRB), and restrictions
    lifted there ("eased the curfew in X"); and a visit to
    a place abroad: its host ("arrived in Amman on a visit" -> JOR)."""
    visit = event.type == "CONSULT" and event.mode == "visit"
    lifted = event.evidence.rule.startswith(PLACE_TARGET_RULES)
    if not (event.type in PLACE_TARGET_TYPES or visit or lifted) or _codes(event.recipient) or event.location is None:
        return
    place = event.location
    if place.country not in countries or (visit and place.country in _codes(event.actor)):
        return
    _give(event, [Actor(place.text, place.country, None, place.start, place.end)], "+place-target")
