"""The `events` stage itself: runs trigger matching over each sentence and builds the events."""

from __future__ import annotations

from datetime import date
from typing import Any

from sitrep.data.leaders import load_leaders
from sitrep.dates import parse_iso
from sitrep.events.acled import AcledTyping, CueText
from sitrep.events.actors import PRIVATE_SECTORS, ArticleContext
from sitrep.events.dates import event_date
from sitrep.events.detect import (
    PLACE_TOKENS, in_named_entity, WEAPON_TOKENS, TriggerMatching, is_name_part, is_noun_modifier, is_participle_modifier, modifier_lemmas, object_lemmas, stems,
)
from sitrep.events.evidence import quote_covering, trigger_text
from sitrep.lexicon import Rule, load_lexicon
from sitrep.events.inherit import BARE_NOUN, ELIDED_ACTOR_TYPES, actor_from_speaker, inherit_actors, launched_from, speaker_as_doer
from sitrep.events.modality import CAPABILITY_HEADS, modality_of
from sitrep.events.places import event_location
from sitrep.events.nonevents import (
    CANCELLING_VERBS, CONSEQUENCE_VERBS, GENERIC_DETS, NON_PARTY_SUBJECTS, STATIVE_POSTS, VERBAL_TYPES, WANTING_VERBS, a_stance_line, ammunition_for_critics, casualty_words, hoped_for, asked_about, avoided, done_without, campaign_rally, deliberated, discussed_alone, insisted_fact, named_as, observed, private_visitor, shares_a_view, since,
)
from sitrep.events.pruning import dedupe, drop_embedded
from sitrep.events.recipients import (
    content_recipient, defied_party, mark_reaction, overflown, home_enforcement, place_target, protested_government, released_to,
    request_addressee, struck_target, threatened_target,
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
        self.countries = {c.code: c for c in gaz.countries}
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
        reactions: dict[int, frozenset[str]] = {}  # a reaction event -> the types of act it answers
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
                if in_named_entity(tok) or is_participle_modifier(tok) or is_noun_modifier(tok) \
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
                    speaker_as_doer(event, tok, ctx)
                    launched_from(event, tok, ctx)
                    overflown(event, tok, ctx)
                    threatened_target(event, tok, ctx)
                    request_addressee(event, tok, ctx)
                    struck_target(event, tok, ctx)
                    released_to(event, tok, ctx, self.countries)
                    defied_party(event, tok, ctx)
                    content_recipient(event, tok, ctx)
                    protested_government(event, self.countries)
                    place_target(event, self.countries)
                    home_enforcement(event, self.countries)
                    answers = mark_reaction(event, tok)
                    if answers:
                        reactions[id(event)] = answers
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
        events = inherit_actors(events, reactions)
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
        if _capability(tok):
            return None  # "its ability to strike targets": a capability, not a happening
        if casualty_words(tok):
            return None  # "lost 2,000 dead and wounded": a count of casualties
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
        if deliberated(tok):
            return None  # "debating whether to strike", "how hard to hit China": an option weighed
        if is_noun(tok) and any(c.dep_ == "det" and c.lower_ in GENERIC_DETS for c in tok.children):
            return None  # "any attack on a member", "every deployment needs approval": no one happening
        if tok.head.lemma_.lower() in CANCELLING_VERBS and (
                is_noun(tok) and tok.dep_ in ("dobj", "nsubjpass") or tok.dep_ == "xcomp" and tok.tag_ == "VBG"):
            return None  # "Ankara cancelled the meeting", "the summit was postponed": nothing took place
        if is_noun(tok) and asked_about(tok):
            return None  # "Asked about the drone strike, the spokesman said ...": the topic of a question
        if is_noun(tok) and tok.dep_ in ("dobj", "pobj") and observed(tok):
            return None  # "officials are assessing the launch", "monitored the launch of the rocket": watched, not done
        if rule.type == "PROTEST" and tok.lemma_.lower() == "rally" and campaign_rally(tok):
            return None  # "both candidates held rallies in Ohio", "a campaign rally": electioneering, no protest
        if is_noun(tok) and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in CONSEQUENCE_VERBS:
            return None  # "the abduction drew protests": what followed from it is the news
        if is_noun(tok) and since(tok):
            return None  # "quiet since Iran's test in March": a point of reference
        if tok.lemma_.lower() in STATIVE_POSTS and any(
                c.dep_ == "auxpass" and c.lower_ in ("is", "are", "'re") for c in tok.children):
            return None  # "2,000 troops are stationed there": a standing posting, no move
        if tok.head.lemma_.lower() in WANTING_VERBS and (
                tok.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in tok.head.children)
                or tok.dep_ == "ccomp" and any(c.tag_ == "TO" for c in tok.children)):
            return None  # "wants Minsk to shut the crossing", "pressed the junta to step aside": what one wants of another
        if done_without(tok):
            return None  # "took the town without firing a shot": what did not happen
        if tok.dep_ in ("xcomp", "pcomp") and avoided(tok):
            return None  # "avoided meeting the envoy", "refrained from criticising Berlin": not done
        if tok.dep_ == "acl" and tok.head.lemma_.lower() in UNDONE_NOUNS and rule.type not in COOPERATIVE:
            return None  # "his failure to denounce the group", "their refusal to condemn it": not done
        if rule.type == "COERCE" and a_stance_line(tok):
            return None  # "took a harsher line with lenders", "toed the party line": a stance, no ground taken
        if rule.type == "AGREE" and shares_a_view(tok):
            return None  # "most lawmakers agree that the waiver is wrong": an opinion shared, nothing agreed to
        if rule.type == "AID" and ammunition_for_critics(tok):
            return None  # "the release gave fresh ammunition to critics of the deal": an argument handed over
        if rule.type == "REQUEST" and tok.lemma_.lower() == "insist" and insisted_fact(tok):
            return None  # "insisted the loan was never in the bargain": a claim held to, nothing asked
        if hoped_for(tok):
            return None  # "she hopes her son is free by now": a wish, nothing reported
        if rule.type == "REQUEST" and is_question(tok):
            return None  # "asked about the dispute", "was asked whether ...": a question
        if rule.type == "CONSULT" and rule.mode == "visit" and private_visitor(tok):
            return None  # "tourists visited the dam", "a photographer visiting Lisbon on holiday": no consultation
        if rule.type == "CONSULT" and tok.lemma_.lower() == "discuss" and discussed_alone(tok):
            return None  # "granted anonymity to discuss it", "we discussed it in our column": no partner
        if rule.type == "CONSULT" and rule.mode == "phone" and named_as(tok):
            return None  # "calls the new railway a costly error": a name given, no phone call
        if rule.type == "CONSULT" and is_reaction(tok):
            return None  # "the plan was met with protests": a reaction, not a meeting
        actors, recipients = roles(tok, rule, ctx)
        if rule.object_role == "experiencer" and not actors:
            return None  # "the ruling angered fans": nobody coded who could disapprove
        # the clause whose subject does it: its own, or the one above a raising verb ("appeared to support")
        clause = tok.head if tok.dep_ == "xcomp" and not any(c.dep_ == "nsubj" for c in tok.children) else tok
        if rule.type in VERBAL_TYPES and not is_noun(tok) and not any(a.code for a in actors) \
                and (subj := next((c for c in clause.children if c.dep_ == "nsubj"), None)) is not None \
                and (subj.lemma_.lower() in NON_PARTY_SUBJECTS or subj.lower_ in ("which", "that")
                     and clause.dep_ == "relcl" and clause.head.lemma_.lower() in NON_PARTY_SUBJECTS):
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


def _capability(tok: Any) -> bool:
    """Whether a trigger tells what someone can do, not what happened: under a capability word
    through infinitives, gerunds and their prepositions ("its ability to strike", "capable of
    striking targets", "able to deliver warheads by dropping bombs")."""
    cur = tok
    for _ in range(4):
        if cur.dep_ not in ("acl", "xcomp", "relcl", "pcomp", "pobj", "prep", "advcl") or cur.head.i == cur.i:
            return False
        if cur.dep_ == "advcl" and cur.tag_ not in ("VBG", "VB"):
            return False  # a finite clause of its own
        if cur.head.lemma_.lower() in CAPABILITY_HEADS:
            return cur.dep_ in ("acl", "xcomp", "relcl", "prep") or cur.i != tok.i
        cur = cur.head
    return False
