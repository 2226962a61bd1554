"""The `events` stage itself: runs trigger matching over each sentence and builds the events."""

from __future__ import annotations

from datetime import date
from typing import Any

from sitrep.data.leaders import load_leaders
from sitrep.dates import parse_iso
from sitrep.events.acled import AcledTyping, CueText
from sitrep.events.actors import ArticleContext
from sitrep.events.dates import event_date
from sitrep.events.detect import (
    NON_TRIGGER_ENTS, PLACE_TOKENS, WEAPON_TOKENS, TriggerMatching, is_name_part, is_noun_modifier, is_participle_modifier, modifier_lemmas, object_lemmas, prep_words, stems,
)
from sitrep.events.evidence import quote_covering, trigger_text
from sitrep.lexicon import Rule, load_lexicon
from sitrep.events.inherit import BARE_NOUN, ELIDED_ACTOR_TYPES, actor_from_speaker, inherit_actors
from sitrep.events.modality import CAPABILITY_HEADS, modality_of
from sitrep.events.places import event_location
from sitrep.events.pruning import dedupe, drop_embedded
from sitrep.events.recipients import (
    mark_reaction, overflown, request_addressee, struck_target, threatened_target,
)
from sitrep.events.roles import count_parties, roles
from sitrep.events.stance import load_stance, stance_events
from sitrep.events.senses import (
    COOPERATIVE, REFLEXIVE, UNDONE_NOUNS, Senses, is_question, is_reaction, seized_on, struck_down, third_party_forecast,
)
from sitrep.events.syntax import clause_scope, is_noun, is_question_text, tok_range
from sitrep.events.weapons import mode_of, weapons_in
from sitrep.gazetteers import SectorCues, load_actor_gazetteer
from sitrep.model import Actor, Article, Attribution, Event, Evidence


# sectors of private actors: a coded company ("SpaceX" -> USA, BUS) is not the state acting
PRIVATE_SECTORS = frozenset({"BUS", "CVL", "MED", "EDU", "HLH", "REL"})
# acts of force and coercion as PLOVER means them: a company's ban, sanction or launch is none
BINDING_TYPES = frozenset({"MOBILIZE", "COERCE", "SANCTION"})
# acts of armed force: done by states and armed groups, not by bodies that hold no forces
FORCE_TYPES = frozenset({"MOBILIZE", "ASSAULT"})


class Code(TriggerMatching, Senses, AcledTyping):
    """Fills `article.events`."""

    def __init__(self, *, data_dir: str | None = None, default_date: str | None = None) -> None:
        self.lexicon = load_lexicon(data_dir)
        gaz = load_actor_gazetteer(data_dir)
        self.org_country = {o.code: o.country for o in gaz.organisations if o.country}
        # bodies that hold no forces (the UN and its organs, the EU's institutions): never the
        # doer of a launch or an attack ("the Council acted after the test": the test is not its)
        self.unarmed_bodies = frozenset(o.code for o in gaz.organisations if o.kind == "igo")
        self.leaders = load_leaders(data_dir)
        self.default_date = default_date
        self.data_dir = data_dir
        self.sector_of = SectorCues(gaz.sector_cues())

    def reference_date(self, article: Article) -> date | None:
        """The date relative expressions are read from: the article's, else the default."""
        return parse_iso(article.date) or parse_iso(self.default_date)

    def context(self, article: Article) -> ArticleContext:
        """The per-article actor lookups the rules use (also used by the `detect` stage)."""
        ref_date = self.reference_date(article)
        return ArticleContext(article, self.sector_of, self.org_country, self.leaders,
                              ref_date.year if ref_date is not None else None)

    def __call__(self, article: Article) -> Article:
        doc = article.doc
        ref_date = self.reference_date(article)
        ctx = self.context(article)
        doc.user_data[WEAPON_TOKENS] = {i for i, e in ctx.tok_ent.items() if e.type in ("WEAPON", "MILITARY_PLATFORM")}
        doc.user_data[PLACE_TOKENS] = {i for i, e in ctx.tok_ent.items() if e.type == "LOCATION"}
        events: list[Event] = []
        sents = list(doc.sents)
        texts = [ctx.text[s.start_char:s.end_char] for s in sents]  # Span.text rebuilds from tokens
        for si, sent in enumerate(sents):
            if is_question_text(texts[si]):
                continue  # a question ("Why does the North keep launching missiles?") reports nothing
            sent_cues: CueText | None = None
            window_cues: CueText | None = None
            words = list(sent)
            lemmas = {t.lemma_.lower() for t in words} | {t.lower_ for t in words}
            sent_events: list[tuple[Any, Rule, Event]] = []
            for tok in words:
                if tok.ent_type_ in NON_TRIGGER_ENTS or is_participle_modifier(tok) or is_noun_modifier(tok) \
                        or is_name_part(tok):
                    continue
                rules = self.lexicon.by_lemma.get(tok.lemma_.lower()) or self.lexicon.by_lemma.get(tok.lower_)
                if not rules and tok.pos_ in ("VERB", "NOUN"):
                    # the tagger's lemma is sometimes wrong ("raped" -> "rap", "staged" -> "stag")
                    for key in stems(tok.lower_):
                        rules = self.lexicon.by_lemma.get(key)
                        if rules:
                            break
                if not rules:
                    continue
                rule = self._best_rule(tok, rules, lemmas)
                if rule is None:
                    continue
                event = self._build(tok, rule, sent, ctx, ref_date, lemmas)
                if event is None and rule.min_parties:
                    # "drills with live ammunition": no partner, so the next best entry
                    rule = self._best_rule(tok, tuple(r for r in rules if r is not rule), lemmas)
                    event = None if rule is None else self._build(tok, rule, sent, ctx, ref_date, lemmas)
                if event is not None:
                    self._reframe(event, tok)
                    self._own_threat(event, ctx, tok)
                    overflown(event, tok, ctx)
                    threatened_target(event, tok, ctx)
                    request_addressee(event, tok, ctx)
                    struck_target(event, tok, ctx)
                    mark_reaction(event, tok)
                    if sent_cues is None:
                        sent_cues = CueText(texts[si])
                        window_cues = CueText(" ".join(texts[max(0, si - 1):si + 2]))
                    event.acled = self._acled(event, rule, sent_cues, window_cues)
                    sent_events.append((tok, rule, event))
            if any(BARE_NOUN not in ev.evidence.rule for _, _, ev in sent_events):
                # a bare noun counts only where nothing else in the sentence was coded
                sent_events = [x for x in sent_events if BARE_NOUN not in x[2].evidence.rule]
            for _, _, ev in drop_embedded(dedupe(sent_events)):
                ctx.fill_home_country(ev)
                events.append(ev)
                ctx.remember(ev.actor)
        events = inherit_actors(events)
        actor_from_speaker(events, ctx)
        # stance in quotes: a political speaker's condemnation or threat in their own words
        events = stance_events(ctx, events, load_stance(self.data_dir), self.lexicon.quads, self.lexicon.cameo,
                                ref_date)
        article.events = events
        return article

    # ------------------------------------------------------------------

    def _build(self, tok: Any, rule: Rule, sent: Any, ctx: ArticleContext,
               ref_date: date | None, lemmas: set[str]) -> Event | None:
        doc = sent.doc
        if any(c.dep_ == "dobj" and c.lower_ in REFLEXIVE for c in tok.children) and rule.object_role == "theme":
            return None  # "positioning itself as", "establishing itself"
        if tok.dep_ in ("acl", "xcomp", "relcl") and tok.head.lemma_.lower() in CAPABILITY_HEADS:
            return None  # "its ability to strike targets": a capability, not a happening
        if not is_noun(tok) and self._natural_cause(tok):
            return None  # "an earthquake destroyed homes", "homes were swept away by floods"
        if rule.type == "COERCE" and seized_on(tok):
            return None  # "seized on the leaked emails", "seized upon the chaos": taken up, nothing taken
        if rule.type in ("COERCE", "REQUEST", "CONSULT") and self._electoral(tok):
            return None  # "captured four states in the contests", "Ohio was called for the governor as polls shut"
        if rule.type == "ASSAULT" and struck_down(tok):
            return None  # "the court struck down the ban": annulled, not attacked
        if rule.type == "ASSAULT" and self._not_political_violence(tok):
            return None  # "a bear was shot by rangers", "the Blue Jays beat the Orioles 6-2"
        if _deliberated(tok):
            return None  # "debating whether to strike", "how hard to hit China": an option weighed
        if is_noun(tok) and any(c.dep_ == "det" and c.lower_ in GENERIC_DETS for c in tok.children):
            return None  # "any attack on a member", "every deployment needs approval": no one happening
        if tok.head.lemma_.lower() in CANCELLING_VERBS and (
                is_noun(tok) and tok.dep_ in ("dobj", "nsubjpass") or tok.dep_ == "xcomp" and tok.tag_ == "VBG"):
            return None  # "Ankara cancelled the meeting", "the summit was postponed": nothing took place
        if is_noun(tok) and _asked_about(tok):
            return None  # "Asked about the drone strike, the spokesman said ...": the topic of a question
        if is_noun(tok) and tok.dep_ in ("dobj", "pobj") and _observed(tok):
            return None  # "officials are assessing the launch", "monitored the launch of the rocket": watched, not done
        if rule.type == "PROTEST" and tok.lemma_.lower() == "rally" and _campaign_rally(tok):
            return None  # "both candidates held rallies in Ohio", "a campaign rally": electioneering, no protest
        if is_noun(tok) and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in CONSEQUENCE_VERBS:
            return None  # "the abduction drew protests": what followed from it is the news
        if is_noun(tok) and _since(tok):
            return None  # "quiet since Iran's test in March": a point of reference
        if tok.lemma_.lower() in STATIVE_POSTS and any(
                c.dep_ == "auxpass" and c.lower_ in ("is", "are", "'re") for c in tok.children):
            return None  # "2,000 troops are stationed there": a standing posting, no move
        if tok.head.lemma_.lower() in WANTING_VERBS and (
                tok.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in tok.head.children)
                or tok.dep_ == "ccomp" and any(c.tag_ == "TO" for c in tok.children)):
            return None  # "wants Minsk to shut the crossing", "pressed the junta to step aside": what one wants of another
        if tok.dep_ in ("xcomp", "pcomp") and _avoided(tok):
            return None  # "avoided meeting the envoy", "refrained from criticising Berlin": not done
        if tok.dep_ == "acl" and tok.head.lemma_.lower() in UNDONE_NOUNS and rule.type not in COOPERATIVE:
            return None  # "his failure to denounce the group", "their refusal to condemn it": not done
        if rule.type == "COERCE" and _a_stance_line(tok):
            return None  # "took a harsher line with lenders", "toed the party line": a stance, no ground taken
        if rule.type == "AGREE" and _shares_a_view(tok):
            return None  # "most lawmakers agree that the waiver is wrong": an opinion shared, nothing agreed to
        if rule.type == "AID" and _ammunition_for_critics(tok):
            return None  # "the release gave fresh ammunition to critics of the deal": an argument handed over
        if rule.type == "REQUEST" and tok.lemma_.lower() == "insist" and _insisted_fact(tok):
            return None  # "insisted the loan was never in the bargain": a claim held to, nothing asked
        if rule.type == "REQUEST" and is_question(tok):
            return None  # "asked about the dispute", "was asked whether ...": a question
        if rule.type == "CONSULT" and rule.mode == "visit" and _private_visitor(tok):
            return None  # "tourists visited the dam", "a photographer visiting Lisbon on holiday": no consultation
        if rule.type == "CONSULT" and tok.lemma_.lower() == "discuss" and _discussed_alone(tok):
            return None  # "granted anonymity to discuss it", "we discussed it in our column": no partner
        if rule.type == "CONSULT" and rule.mode == "phone" and _named_as(tok):
            return None  # "calls the new railway a costly error": a name given, no phone call
        if rule.type == "CONSULT" and is_reaction(tok):
            return None  # "the plan was met with protests": a reaction, not a meeting
        actors, recipients = roles(tok, rule, ctx)
        if rule.object_role == "experiencer" and not actors:
            return None  # "the ruling angered fans": nobody coded who could disapprove
        if rule.type in VERBAL_TYPES and not is_noun(tok) and not any(a.code for a in actors) \
                and (subj := next((c for c in tok.children if c.dep_ == "nsubj"), None)) is not None \
                and (subj.lemma_.lower() in NON_PARTY_SUBJECTS or subj.lower_ in ("which", "that")
                     and tok.dep_ == "relcl" and tok.head.lemma_.lower() in NON_PARTY_SUBJECTS):
            return None  # "the figures support the claim", "a rocket that can threaten ships": no party speaks
        if rule.type in FORCE_TYPES and actors and all(a.code in self.unarmed_bodies for a in actors):
            actors = []  # left for the article's context to fill (`inherit_actors`)
        if rule.type == "THREATEN" and third_party_forecast(tok, actors, ctx):
            return None  # "officials warned that Iran could retaliate": no threat of the officials'
        if rule.min_parties and count_parties(actors + recipients, ctx.text) < rule.min_parties:
            return None
        if rule.state_actor and not any(a.code and a.sector not in PRIVATE_SECTORS for a in actors):
            return None  # "SpaceX launched a satellite": not a state's act
        if rule.type in BINDING_TYPES and actors and all(a.sector == "BUS" for a in actors):
            return None  # "Facebook banned the adverts", "the company's rocket blasted off": no state's act
        if is_noun(tok) and not actors and not recipients and not rule.bare_noun \
                and rule.type in ("REQUEST", "ACCUSE", "THREATEN", "SUPPORT", "REJECT"):
            return None  # a bare noun ("a threat") is not a verbal event
        scope = clause_scope(tok)
        weapons, classes = weapons_in(scope, ctx)
        mode = mode_of(rule, tok, classes, weapons)
        context = list(rule.context)
        for obj in object_lemmas(tok):
            if obj in rule.context_by_object and rule.context_by_object[obj] not in context:
                context.append(rule.context_by_object[obj])
        for mod in modifier_lemmas(tok):
            if mod in rule.context_by_modifier and rule.context_by_modifier[mod] not in context:
                context.append(rule.context_by_modifier[mod])
        for ctx_name, words in rule.context_from_sentence.items():
            if words & lemmas and ctx_name not in context:
                context.append(ctx_name)
        if weapons and "military" not in context:
            context.append("military")
        cameo = rule.cameo
        if mode and mode in rule.cameo_by_mode:
            cameo = rule.cameo_by_mode[mode]
        for c in context:
            if c in rule.cameo_by_context:
                cameo = rule.cameo_by_context[c]
                break
        used = {i for a in actors + recipients if a.start is not None for i in tok_range(doc, a.start, a.end)}
        location = event_location(scope, ctx, used)
        if location is None:
            used_actors = {i for a in actors if a.start is not None for i in tok_range(doc, a.start, a.end)}
            location = event_location(scope, ctx, used_actors)
        if rule.type in ("ASSAULT", "COERCE") and not recipients and location is not None and location.country \
                and location.country not in {a.code for a in actors}:
            recipients = [Actor(location.text, location.country, None, location.start, location.end)]
        if rule.type == "PROTEST" and location is not None and location.country \
                and not any(a.code for a in actors):
            # protesters named only as a crowd ("thousands of students") are taken to
            # be of the country where they protest; the crowd keeps its sector
            actors = [Actor(a.text, location.country, a.sector, a.start, a.end) for a in actors] \
                or [Actor(location.text, location.country, None, location.start, location.end)]
        bare = is_noun(tok) and not (actors or recipients or weapons or location) and not rule.bare_noun \
            or rule.restates and not any(a.code for a in actors)  # kept only if an earlier event gives its doer
        if bare and rule.type not in ELIDED_ACTOR_TYPES:
            return None
        if rule.type == "CONSULT" and not is_noun(tok) and count_parties(actors + recipients, ctx.text) < 2 \
                and not any(c.dep_ in ("dobj", "nsubjpass") or (c.dep_ == "prep" and c.lower_ in ("with", "between"))
                            for c in tok.children) \
                and not any(a.code in self.unarmed_bodies for a in actors):  # "the Security Council will meet": its members
            return None  # "the cabinet met": a meeting needs a second party  # "such a deployment": a reference, not a report of who did what
        ev_date, precision = event_date(scope, sent, ctx, ref_date)
        quote = quote_covering(ctx.article.quotes, tok.idx)
        attribution = None
        if quote is not None:
            attribution = Attribution(quote.speaker, quote.speaker_type, quote.direct, quote.cue,
                                      quote.speaker_title)
        modality = modality_of(tok, quote)
        event = Event(
            type=rule.type, mode=mode, context=context, cameo=cameo,
            quad_class=self.lexicon.quads.get(rule.type),
            intensity=self.lexicon.cameo.get(cameo, {}).get("intensity"),
            actor=actors, recipient=recipients, weapons=weapons, location=location,
            date=ev_date, date_precision=precision, modality=modality, attribution=attribution,
            acled=None,
            evidence=Evidence(
                sentence=sent.text, start=sent.start_char, end=sent.end_char,
                trigger=trigger_text(tok, rule), trigger_start=tok.idx,
                trigger_end=tok.idx + len(tok.text), rule=f"lexicon:{rule.id}" + (BARE_NOUN if bare else ""),
            ),
        )
        return event


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


def _discussed_alone(tok: Any) -> bool:
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


def _named_as(tok: Any) -> bool:
    """Whether a verb of calling gives its object a description ("calls the plan a blunder",
    parsed as the object's apposition): a common noun in apposition to the object, where a
    call to someone would name them ("called his counterpart, Xi Jinping")."""
    return any(a.dep_ == "appos" and a.pos_ in ("NOUN", "ADJ")
               for c in tok.children if c.dep_ == "dobj" for a in c.children)


def _private_visitor(tok: Any) -> bool:
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


def _campaign_rally(tok: Any) -> bool:
    """Whether a rally is a campaign's: a campaign word among its modifiers, or as (part of) the
    subject of the verb that holds it ("the candidates held rallies")."""
    words = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "poss")}
    if tok.dep_ in ("dobj", "pobj"):
        verb = tok.head if tok.dep_ == "dobj" else tok.head.head
        words |= {t.lemma_.lower() for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    return bool(words & CAMPAIGN_WORDS)


def _since(tok: Any) -> bool:
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


def _avoided(tok: Any) -> bool:
    """Whether a gerund is what someone avoids or refrains from ("avoids discussing", "refrained
    from criticising")."""
    head = tok.head
    if tok.dep_ == "pcomp" and head.lower_ == "from":
        head = head.head
    return head.lemma_.lower() in AVOIDING_VERBS


# a clause in the indicative or with one of these auxiliaries states a fact; a demand takes the
# subjunctive ("insisted that the troops leave") or "must", "should"
FACT_AUXILIARIES = frozenset({"was", "were", "is", "are", "'s", "had", "has", "have", "'d", "did", "does", "do",
                              "would", "will", "could", "can", "'ll", "wo", "ca"})


def _insisted_fact(tok: Any) -> bool:
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


def _a_stance_line(tok: Any) -> bool:
    """Whether what a taking verb takes is a stance: a "line" with a word of how hard or whose
    ("took a harsher line with lenders", "toe the party line")."""
    return any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() == "line"
               and any(m.dep_ in ("amod", "compound", "nmod") and m.lower_ in STANCE_LINES for m in c.children)
               for c in tok.children)


def _shares_a_view(tok: Any) -> bool:
    """Whether "agree" in the present tense takes a that-clause and nothing agreed to or on
    ("most lawmakers agree that ...", "I agree we need a stronger navy"): a view held in common.
    "Agreed that talks would resume" (past) and "agree to reopen the crossing" stay agreements."""
    return tok.lemma_.lower() == "agree" and tok.tag_ in ("VBP", "VBZ") \
        and any(c.dep_ == "ccomp" for c in tok.children) \
        and not any(c.dep_ == "xcomp" or c.dep_ == "prep" and c.lower_ in ("to", "on", "upon") for c in tok.children)


# who gets "ammunition" in a war of words
CRITICS = frozenset({"critic", "opponent", "rival", "detractor", "sceptic", "skeptic", "naysayer", "hawk", "foe"})


def _ammunition_for_critics(tok: Any) -> bool:
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


def _asked_about(tok: Any) -> bool:
    """Whether an event noun is what someone was asked about ("Asked about the raid, the
    minister said ...", "when questioned about the shelling"): a topic put to a speaker."""
    prep = tok.head
    return tok.dep_ == "pobj" and prep.lower_ == "about" and prep.head.lemma_.lower() in QUESTIONING_VERBS


def _observed(tok: Any) -> bool:
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


def _deliberated(tok: Any) -> bool:
    """Whether a verb is an option under discussion: a to-infinitive with "whether" or "how"
    ("debating whether to strike", "discussed how to respond", "how hard to hit China")."""
    if not any(c.tag_ == "TO" for c in tok.children):
        return False
    if any(c.lower_ in WH_OPTIONS and c.dep_ in ("mark", "advmod") for c in tok.children):
        return True
    return tok.dep_ == "xcomp" and any(c.lower_ == "how" and c.dep_ == "advmod" for c in tok.head.children)
