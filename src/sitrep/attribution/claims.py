"""Indirect (reported) claims: a cue verb and its content by the kind of verb (speech and belief verbs
their clause, intent verbs their infinitive, stance verbs their object, phrasal cues their
preposition), passive and unsourced cues, stance adjectives, hearsay adverbs and 'according to'.
"""

from __future__ import annotations

from typing import Any

from sitrep.attribution.nesting import CLOSE_SLACK
from sitrep.attribution.speakers import NO_SPEAKER, RELATIVE_PRONOUNS, by_agent, unsourced
from sitrep.attribution.words import lemma_of, one_word_claim, sentence_minus, trim
from sitrep.model import Article, Quote


FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
QUESTION_VERBS = {"ask", "wonder", "question", "inquire", "enquire"}  # 'asked if ...': the question
CLAUSE_MARKS = {"that", "as", "because", "while", "if", "when", "although", "though", "since", "after", "before", "until"}
# passive verbs of news reports: "X was reported by the Post" names the outlet as the source of X
REPORTED_BY_VERBS = {"report"}
# written records that show things ('..., court records show'): sources even with no article or name
RECORD_NOUNS = {"record", "document", "data", "filing", "figure", "statistic", "poll", "survey", "log", "transcript"}
# adverbs of hearsay: "the plant is reportedly for sale" is a claim others made, no source named
HEARSAY_ADVERBS = {"reportedly"}
# speech verbs whose object is the listener, not what was said ("told reporters")
ADDRESSEE_VERBS = {"tell", "inform", "brief", "quote", "answer", "reply", "respond", "ask", "urge", "assure",
                   "remind", "warn", "promise", "caution", "thank", "cite", "counter", "point", "agree"}
# objects that stand for what was said without saying it ("said it", "said so")
VAGUE_OBJECTS = {"it", "this", "that", "so", "what", "something", "anything", "nothing", "things", "much",
                 "little", "more", "less", "which", "all", "everything"}  # 'Oreshnik' in quote marks is a name, not a quote


def _hearsay_claims(article: Article, words: list[Any], in_quote: Any, quotes: list[Quote],
                    found: list[Quote]) -> list[Quote]:
    """"The council is reportedly weighing a new levy": an adverb of hearsay marks its clause as
    a claim others made, with no source named; the clause (its subject included) is the content."""
    out: list[Quote] = []
    for adv in words:
        if adv.lower_ not in HEARSAY_ADVERBS or adv.dep_ != "advmod" or in_quote(adv):
            continue
        verb = adv.head
        if verb.pos_ not in ("VERB", "AUX") or not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
            continue
        # the clause, less any later clause with a subject of its own ('..., and the mayor said ...')
        cut = {t.i for c in verb.children if c.i > verb.i and c.dep_ in ("conj", "parataxis") and any(
            x.dep_ in ("nsubj", "nsubjpass") for x in c.children) for t in c.subtree}
        toks = trim([t for t in verb.subtree if t.i not in cut])
        if len(toks) < 3:
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        if any(q.start <= start and end <= q.end + CLOSE_SLACK for q in list(quotes) + found):
            continue  # inside a claim or quote already
        out.append(unsourced(article, (start, end), adv, rule="unsourced-cue"))
    return out


def _split_host(cue: Any, kids: list[Any]) -> tuple[tuple[int, int], Any, bool] | None:
    """'The convoy, the colonel told reporters, would leave at dawn', parsed with the speech verb
    as the root, two subjects before it and the rest of the host clause hung after it: the
    host clause around the aside is the claim (as for 'The talks, she said, are over'), the
    subject nearest the verb its speaker. None when the sentence has not that shape."""
    doc = cue.doc
    before = [c for c in kids if c.i < cue.i and c.dep_ in ("nsubj", "nsubjpass", "npadvmod", "dep")]
    if len(before) < 2 or before[-1].dep_ != "nsubj":
        return None
    host, speaker = before[0], before[-1]
    if host.pos_ not in ("NOUN", "PROPN", "PRON") or host.ent_type_ in ("DATE", "TIME") \
            or host.left_edge.i != cue.sent.start:
        return None  # 'Early this week, the ministry wrote ...': a time, not the host's subject
    comma = host.right_edge.i + 1
    if comma >= speaker.left_edge.i or doc[comma].text != "," or speaker.left_edge.i != comma + 1:
        return None
    rest = next((c for c in kids if c.i > cue.i and c.dep_ in ("ccomp", "conj", "advcl")
                 and c.pos_ in ("VERB", "AUX") and c.left_edge.i > cue.i
                 and doc[c.left_edge.i - 1].text == ","), None)
    if rest is None:
        return None
    toks = list(doc[host.left_edge.i: rest.right_edge.i + 1])
    return _finish(trim(toks), speaker, True, inside_ok=True)


def _lost_speaker(cue: Any) -> Any:
    """The speaker of a speech verb the parse left without a subject, or None."""
    subj = None
    up = cue
    for _ in range(4):
        if up.dep_ not in ("xcomp", "acomp", "advcl", "conj", "pcomp", "prep", "ccomp") or up.head.i == up.i:
            break
        up = up.head
        subj = next((c for c in up.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            break
    if subj is None:
        before = next((c for c in cue.children if c.dep_ == "ccomp" and c.i < cue.i), None)
        subj = None if before is None else next(
            (c for c in before.children if c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN")), None)
    if subj is None or subj.lower_ in ("it", "there", "this", "that", "what", "which") or subj.lower_ in NO_SPEAKER:
        return None
    return subj


def _stimulus_claim(cue: Any, kids: list[Any]) -> tuple[tuple[int, int], Any, bool] | None:
    """A verb of feeling caused ('the ruling dismayed the growers'): the object, people, is the
    source; the subject, or for 'it worries me that ...' the clause, is the content."""
    obj = next((c for c in kids if c.dep_ == "dobj" and c.i > cue.i), None)
    subj = next((c for c in kids if c.dep_ == "nsubj" and c.i < cue.i), None)
    if obj is None or subj is None or cue.tag_ == "VBG" and cue.dep_ in ("amod", "acl"):
        return None
    people = obj.ent_type_ in ("PERSON", "NORP", "ORG") or obj.tag_ in ("NNS", "NNPS") and not obj.ent_type_ \
        or obj.lower_ in ("him", "her", "them", "us", "me")
    if not people:
        return None
    if subj.lower_ == "it":
        clause = [c for c in kids if c.dep_ == "ccomp" and c.i > obj.i]
        toks = [t for c in clause for t in c.subtree]
    elif subj.tag_ in ("WDT", "WP") or subj.pos_ == "PRON" and subj.lower_ not in ("that", "this"):
        return None  # a person moving others, or a thing named elsewhere
    elif any(c.dep_ in ("ccomp", "xcomp") for c in kids):
        return None  # 'she worried voters would stay home': a clause of her own
    else:
        toks = list(subj.subtree)
    return _finish(trim(toks), obj, True)


def _finish(toks: list[Any], subj: Any, sourced: bool, *, inside_ok: bool = False,
            ) -> tuple[tuple[int, int], Any, bool] | None:
    if not toks or (sourced and subj is None):
        return None
    if len(toks) == 1 and not one_word_claim(toks[0]):
        return None
    if subj is not None and not inside_ok and toks[0].i <= subj.i <= toks[-1].i:
        return None  # the speaker inside its own claim: a parse gone wrong
    return (toks[0].idx, toks[-1].idx + len(toks[-1].text)), subj, sourced


def _pro_form(cue: Any, kids: list[Any]) -> list[Any] | None:
    """The tokens of a pro-form right after a verb of saying or thinking that stands for its
    clause: 'so', 'otherwise', 'as much', 'the same (thing)'; None when there is none."""
    doc = cue.doc
    if cue.i + 1 >= cue.sent.end or any(c.dep_ in ("ccomp", "xcomp", "dobj") and c.lower_ not in ("same", "thing", "yes", "no")
                                        for c in kids):
        return None
    nxt = doc[cue.i + 1]
    if nxt.lower_ in ("yes", "no") and nxt.head.i == cue.i:
        # 'said yes', 'answered no', 'said no to the merger': the answer stands for the clause
        to = doc[nxt.i + 1] if nxt.lower_ == "no" and nxt.i + 1 < cue.sent.end else None
        if to is not None and to.lower_ == "to" and to.head.i in (cue.i, nxt.i):
            return list(doc[nxt.i: to.right_edge.i + 1])
        return [nxt]
    if nxt.lower_ in ("so", "otherwise") and nxt.head.i == cue.i and nxt.dep_ == "advmod":
        after = doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None
        if after is None or after.is_punct or after.pos_ in ("ADP", "ADV", "CCONJ"):  # not 'said so many'
            return [nxt]
    if nxt.lower_ == "as" and cue.i + 2 < cue.sent.end and doc[cue.i + 2].lower_ == "much" \
            and doc[cue.i + 2].head.i == cue.i and (cue.i + 3 >= len(doc) or doc[cue.i + 3].lower_ != "as"):
        return [nxt, doc[cue.i + 2]]  # not 'said as much as 40 percent'
    if nxt.lower_ == "the" and cue.i + 2 < cue.sent.end and doc[cue.i + 2].lower_ == "same":
        end = cue.i + 3 if cue.i + 3 < cue.sent.end and doc[cue.i + 3].lower_ == "thing" else cue.i + 2
        if any(c.i == end and c.dep_ == "dobj" for c in kids):
            return list(doc[cue.i + 1: end + 1])
    return None


class IndirectClaims:
    """Reported claims of a sentence, cue by cue."""

    def _indirect(self, article: Article, sent: Any, people: "PersonIndex", in_quote: Any,
                  used_cues: set[int], quotes: list[Quote], partial_cues: set[int], taken: Any) -> list[Quote]:
        out: list[Quote] = []
        words = list(sent)  # iterated several times below: make the tokens once
        # "according to X": the rest of the sentence is X's claim (unless it is a quote)
        for tok in words:
            cue_len = self._phrase_at(sent, tok.i)
            if not cue_len or in_quote(tok):
                continue
            last_cue_tok = sent.doc[tok.i + cue_len - 1]
            objs = [c for c in last_cue_tok.children if c.dep_ == "pobj"]
            # the source as written: up to the next comma or the sentence end (the parse may hang
            # the rest of the sentence on it, or read 'according to show insiders' as a verb)
            run = []
            for t in sent.doc[last_cue_tok.i + 1: sent.end]:
                if t.text in (",", ";", ":", "—", "–", "--", ".", "?", "!") or t.is_space or len(run) >= 15:
                    break
                run.append(t)
            if not run:
                continue
            run_ids = {t.i for t in run}
            if objs and (all(t.i in run_ids for t in objs[0].subtree) or sentence_minus(
                    sent, tok.i, max(t.i for t in objs[0].subtree) + 1) is not None):
                speaker_tok = by_agent(objs[0])
                cut = max(t.i for t in objs[0].subtree) + 1
            else:
                heads = [t for t in run if t.head.i not in run_ids and t.pos_ in ("NOUN", "PROPN", "PRON")]
                nouns = [t for t in run if t.pos_ in ("NOUN", "PROPN", "PRON")]
                if not (heads or nouns):
                    continue
                speaker_tok = heads[0] if heads else nouns[-1]
                cut = run[-1].i + 1
            content = sentence_minus(sent, tok.i, cut)
            if content is None or any(q.start <= content[0] < q.end for q in quotes if q.direct):
                continue
            cue = sent.doc[tok.i: tok.i + cue_len].text
            out.append(self._make(article, speaker_tok, content, cue, tok, people, sent, direct=False,
                                  rule="according-to"))
            return out
        for cue in words:
            if cue.i in used_cues or cue.pos_ not in ("VERB", "AUX") or in_quote(cue):
                continue
            found = self._claim_of_verb(cue, sent, in_quote)
            if found is None:
                continue
            (start, end), subj, sourced = found
            if sourced and subj.lower_ in NO_SPEAKER:
                continue  # 'you know where ...', 'nobody expects ...': the reader or no one, not a source
            if cue.i not in partial_cues and sum(1 for t in words if start <= t.idx < end and taken(t)) > \
                    sum(1 for t in words if start <= t.idx < end) / 2:
                continue  # mostly a quote already taken
            if not sourced:
                out.append(unsourced(article, (start, end), cue, rule="unsourced-cue"))
                continue
            out.append(self._make(article, subj, (start, end), cue.text, cue, people, sent,
                                  direct=False, rule="verb-cue"))
        out.extend(_hearsay_claims(article, words, in_quote, quotes, out))
        out.extend(self._noun_claims(article, sent, words, people, in_quote))
        out.extend(self._headline_claims(article, sent, words, people, in_quote, used_cues, out))
        if not out and not any(q.start < sent.end_char and q.end > sent.start_char for q in quotes):
            # "Trump leads by 9 points in a new CNN poll": a source of figures in a prepositional phrase
            for prep in words:
                if prep.dep_ != "prep" or prep.lower_ != "in" or in_quote(prep):
                    continue
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is None or obj.lemma_.lower() not in self.source_nouns or obj.tag_ != "NN":
                    continue  # 'leads in the polls' is the standing, not a source
                content = sentence_minus(sent, prep.i, max(t.i for t in obj.subtree) + 1)
                if content is None or len(article.text[content[0]:content[1]].split()) < 4:
                    continue
                out.append(self._make(article, obj, content, prep.text, prep, people, sent,
                                      direct=False, rule="source-prep"))
                break
        verb_cues = {q.cue_start for q in out}  # 'were worried that ...' read as a verb already: one claim
        for adj in words:
            if adj.lower_ not in self.stance_adjectives or in_quote(adj) or adj.i in used_cues \
                    or adj.idx in verb_cues:
                continue
            found = self._claim_of_adjective(adj)
            if found is None:
                continue
            content, subj = found
            out.append(self._claim(article, content, subj, adj, people, sent, rule="adjective-cue"))
        return out

    def _claim_of_adjective(self, adj: Any) -> tuple[tuple[int, int], Any] | None:
        """"Republicans were concerned about the shift", "she is confident that ...", "he was
        eager to ...": an adjective of stance or feeling; its preposition's object or its clause
        is the content, the subject of its clause the source ('it is clear that': none)."""
        if adj.dep_ not in ("acomp", "ROOT", "xcomp", "ccomp", "conj", "advcl") or adj.pos_ not in ("ADJ", "VERB"):
            return None
        if adj.dep_ == "conj" and adj.head.dep_ not in ("acomp", "ROOT"):
            return None
        preps = self.stance_adjectives[adj.lower_]
        parts = [c for c in adj.children if c.i > adj.i and (
            c.dep_ in ("prep", "agent") and c.lower_ in preps and any(x.dep_ in ("pobj", "pcomp") for x in c.children)
            or c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX", "ADJ"))]
        host = adj.head if adj.dep_ in ("acomp", "xcomp", "conj") else adj
        if not parts and adj.dep_ == "acomp":  # 'it is not clear whether ...': the clause hangs on the copula
            parts = [c for c in host.children if c.dep_ == "ccomp" and c.i > adj.i]
        if not parts:
            return None
        subj = next((c for c in adj.children if c.dep_ in ("nsubj", "nsubjpass")), None) or next(
            (c for c in host.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and host.dep_ == "conj":
            subj = next((c for c in host.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            return None
        toks = trim([t for c in parts for t in c.subtree])
        if len(toks) < 2 or toks[0].i <= subj.i <= toks[-1].i:
            return None
        speaker = None if subj.lower_ in ("it", "there") else subj
        return (toks[0].idx, toks[-1].idx + len(toks[-1].text)), speaker

    def _claim_of_verb(self, cue: Any, sent: Any, in_quote: Any) -> tuple[tuple[int, int], Any, bool] | None:
        """(content range, speaker token, has a source) of a cue verb, or None.

        By the kind of verb (data/attribution.yaml): speech and belief verbs
        take a clause ("said that ..."; "The talks, she said, are over");
        intent verbs a to-infinitive ("wants to ..."); stance verbs their
        object ("criticized the president for ..."); phrasal cues their
        preposition ("called for ..."). "X seemed to", "X is expected to" have
        no source."""
        lemma = lemma_of(cue)
        kids = list(cue.children)
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in kids)
        parts: list[Any] = []
        if passive and (lemma in REPORTED_BY_VERBS or lemma in self.passive_verbs) and any(
                c.dep_ == "agent" and c.i > cue.i for c in kids):
            # "The visit was first reported by a local broadcaster": what a named outlet made known first;
            # "the senator is seen by many farmers as an ally": the agent holds the view
            found = self._passive_claim(cue, lemma, kids)
            if found is not None or lemma in REPORTED_BY_VERBS:
                return found
        if passive and lemma not in self.passive_verbs and (
                lemma in self.verbs or lemma in self.belief_verbs or lemma in self.object_verbs or lemma in self.prep_verbs):
            # "was asked about the war", "has been branded a fraud by rival experts", "was accused
            # of fraud", "known as Super Tuesday": the complement; the agent is the source, if named
            return self._passive_claim(cue, lemma, kids)
        as_what = [c for c in kids if c.dep_ == "prep" and c.i > cue.i and (
            c.lower_ == "as" or c.lower_ == "for" and lemma == "know") and any(x.dep_ == "pobj" for x in c.children)]
        if as_what and cue.tag_ == "VBN" and cue.dep_ == "acl" and cue.head.pos_ in ("NOUN", "PROPN") and (
                lemma in self.passive_verbs or lemma in self.object_verbs):
            # 'the cartel, known as the Syndicate', 'a plan seen as a gamble': what the thing is
            # called or taken for, said of it by no one named
            toks = list(cue.doc[cue.head.left_edge.i: cue.right_edge.i + 1])
            return _finish(trim(toks), None, False)
        if passive and lemma in self.stimulus_verbs:
            # 'the growers were dismayed by the ruling': the ones moved are the source, the cause
            # after 'by' the content
            subj = next((c for c in kids if c.dep_ == "nsubjpass" and c.i < cue.i), None)
            cause = next((o for c in kids if c.dep_ == "agent" and c.i > cue.i
                          for o in c.children if o.dep_ == "pobj"), None)
            if subj is not None and cause is not None and subj.tag_ not in ("WDT", "WP") \
                    and subj.lower_ not in ("it", "this", "that"):
                return _finish(trim(list(cause.subtree)), subj, True)
        if lemma in ("title", "entitle") and cue.tag_ == "VBN" and cue.dep_ == "acl":
            # 'an advert titled "Our Harbour"': the name a work is given, the message it carries
            named = [c for c in kids if c.dep_ in ("oprd", "dobj", "attr", "xcomp", "ccomp") and c.i > cue.i]
            if not named:
                return None
            return _finish(trim([t for c in named[:1] for t in c.subtree]), None, False)
        if lemma in self.stimulus_verbs and not passive:
            # 'The new levy angered farmers', 'that worries environmentalists': the ones moved are the
            # source, what moves them (the subject, or the clause of an 'it ... that') the content
            found = _stimulus_claim(cue, kids)
            if found is not None:
                return found
        if lemma in self.verbs or lemma in self.belief_verbs:
            parts = [c for c in kids if c.dep_ == "ccomp" and not c.is_punct
                     or c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX", "ADJ") and lemma in self.verbs]
            if not parts and lemma in QUESTION_VERBS and not passive:
                # 'asked the cadets if they were ready', the question parsed as a clause of condition
                parts = [c for c in kids if c.dep_ == "advcl" and c.i > cue.i and any(
                    m.dep_ == "mark" and m.lower_ in ("if", "whether") and m.i < c.i for m in c.children)]
            if not parts and lemma in ADDRESSEE_VERBS and not passive:
                # 'told a meeting of farmers that prices would rise', parsed as a relative clause on
                # the listener: a clause led by the conjunction 'that' is what was said
                parts = [x for c in kids if c.dep_ == "dobj" and c.i > cue.i for x in c.subtree
                         if x.dep_ in ("relcl", "acl") and x.pos_ in ("VERB", "AUX") and any(
                             m.dep_ == "mark" and m.lower_ == "that" and m.i < x.i for m in x.children)][:1]
            if not parts and cue.dep_ == "advcl" and lemma in self.verbs and not passive and any(
                    m.dep_ == "mark" and m.lower_ == "as" for m in cue.children) and not any(
                    c.dep_ in ("dobj", "ccomp") for c in kids):
                # "As the mayor said, the bridge will open in May": the host clause
                host = cue.head
                own = {t.i for t in cue.subtree}
                toks = [t for t in host.subtree if t.i not in own]
                return _finish(trim(toks), self._speaker_of(cue), True, inside_ok=True)
            if lemma in self.verbs and not passive:
                split = _split_host(cue, kids)
                if split is not None:
                    return split
            if not parts and cue.dep_ == "parataxis" and lemma in self.verbs and not passive:
                # "The talks, the minister said, are over": the host clause
                host = cue.head
                own = {t.i for t in cue.subtree}
                toks = [t for t in host.subtree if t.i not in own]
                return _finish(trim(toks), self._speaker_of(cue), True, inside_ok=True)
            if not parts and lemma in self.verbs and not passive and cue.i > cue.sent.start:
                # 'Rules unclear on who may vote, experts say': a fronted phrase the parser left loose
                subj = next((c for c in kids if c.dep_ == "nsubj"), None)
                comma = cue.doc[subj.i - 1] if subj is not None and subj.i > cue.sent.start else None
                if comma is not None and comma.text == "," and subj.i < cue.i:
                    parts = [c for c in kids if c.dep_ == "dep" and c.i < comma.i
                             and c.pos_ in ("NOUN", "PROPN", "VERB", "ADJ")]
            if not parts and lemma in self.verbs and lemma not in ADDRESSEE_VERBS and not passive:
                # "Stone says the increase ... makes his election less likely"; "he said Ryan"
                parts = [c for c in kids if c.dep_ == "dobj" and c.i > cue.i and c.lower_ not in VAGUE_OBJECTS
                         and c.lower_ not in ("yes", "no")]
            if not parts and lemma in self.belief_verbs and not passive and any(
                    c.dep_ == "nsubj" and c.lemma_.lower() in self.source_nouns for c in kids):
                # "a 2014 study found 31 cases of fraud": what a study or poll finds is its claim
                parts = [c for c in kids if c.dep_ in ("dobj", "oprd") and c.i > cue.i and c.lower_ not in VAGUE_OBJECTS]
            if not parts and not passive:
                # 'said so', 'does not think so', 'said as much', 'have said the same thing': a pro-form
                # standing for the clause said or thought (a claim of one or two words)
                pro = _pro_form(cue, kids)
                if pro is not None:
                    speaker = self._speaker_of(cue)
                    if speaker is None:
                        return None
                    return (pro[0].idx, pro[-1].idx + len(pro[-1].text)), speaker, True
        if not parts and passive and lemma in self.passive_verbs:
            parts = as_what  # 'the senator is seen as a moderate', 'is best known for his ads'
        if not parts and lemma in self.intent_verbs:
            parts = [c for c in kids if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
            if parts:
                parts = [c for c in kids if c.dep_ in ("dobj", "dative") and c.i < parts[0].i] + parts
        if not parts and lemma in self.object_verbs and not passive:
            parts = [c for c in kids if c.dep_ in ("dobj", "ccomp", "oprd") or
                     c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i > cue.i or  # 'supports keeping troops there'
                     c.dep_ == "prep" and c.lower_ in ("as", "for", "of", "over", "to") and c.i > cue.i]
            if not any(c.dep_ in ("dobj", "ccomp", "xcomp", "oprd") for c in parts):
                parts = []  # ('oprd' alone: 'called Smith a liar' parsed as one predicate)
        if not parts and lemma in self.as_verbs and not passive:
            # 'painted his rival as a career politician', 'framed the vote as a test of loyalty':
            # the object and what it is made out to be
            obj = next((c for c in kids if c.dep_ == "dobj" and c.i > cue.i), None)
            as_ = [c for c in kids if obj is not None and c.dep_ == "prep" and c.lower_ == "as" and c.i > obj.i
                   and any(x.dep_ in ("pobj", "pcomp") for x in c.children)]
            if as_:
                parts = [obj] + as_[:1]
        if not parts and lemma in self.person_object_verbs and not passive:
            # 'attacked Clinton over her emails': a named person (or him, her) under attack in words
            obj = next((c for c in kids if c.dep_ == "dobj" and c.i > cue.i), None)
            grounds = [c for c in kids if obj is not None and c.dep_ == "prep" and c.i > obj.i
                       and c.lower_ in ("for", "over", "as")]  # 'attacked him for his votes'
            if obj is not None and (obj.ent_type_ == "PERSON" or obj.lower_ in ("him", "her") and grounds
                                    or any(c.lower_ == "as" for c in grounds)):  # 'attacked the plan as a giveaway'
                parts = [obj] + grounds
        if not parts and lemma in self.prep_verbs:
            preps = self.prep_verbs[lemma]
            marker = [c for c in kids if c.dep_ in ("prep", "prt") and c.lower_ in preps and c.i > cue.i]
            if not marker and lemma in ADDRESSEE_VERBS:
                # 'asked the minister about the convoy', the preposition hung on the listener
                marker = [x for c in kids if c.dep_ == "dobj" and c.i > cue.i for x in c.children
                          if x.dep_ == "prep" and x.lower_ in preps and x.i > c.i][:1]
            if not marker:  # "calling for the council to act": 'for' marks a clause
                marker = [c for c in kids if c.i > cue.i and c.dep_ in ("ccomp", "advcl", "xcomp") and any(
                    m.dep_ == "mark" and m.lower_ in preps and m.i < c.i for m in c.children)]
                parts = marker
            if marker and not parts:
                if marker[0].dep_ == "prt":  # 'weighed in about the vote': the preposition after the particle
                    marker += [c for c in kids if c.dep_ == "prep" and c.i > marker[0].i and c.lower_ in preps
                               and c not in marker]
                parts = [c for c in marker if c.dep_ == "prep" and any(x.dep_ in ("pobj", "pcomp") for x in c.children)]
                parts += [c for c in kids if c.i > marker[0].i and c.dep_ in ("dobj", "xcomp", "ccomp")]
        if not parts and lemma in self.light_verbs and not passive:
            parts = self._light_verb_claim(cue, kids)
        if not parts and lemma in self.unsourced_verbs:
            parts = [c for c in kids if c.dep_ in ("xcomp", "ccomp", "acomp", "attr", "oprd") and c.i > cue.i]
        if not parts:
            return None
        unsourced = lemma in self.unsourced_verbs or (passive and lemma in self.passive_verbs)
        toks = [t for c in parts for t in c.subtree]
        if unsourced:
            if any(c.dep_ == "xcomp" and self._is_cue(c.lemma_.lower())
                   and self._claim_of_verb(c, sent, in_quote) is not None for c in parts):
                return None  # "seemed to blame X": the inner verb's claim, with the subject as source
            subj = next((c for c in kids if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                toks += list(subj.subtree)
            return _finish(trim(toks), None, False)
        if passive:
            return None
        if cue.dep_ == "relcl":  # 'the rules, which officials said will take effect in May': after the cue
            toks = [t for t in toks if t.i > cue.i]
        elif any(t.i < cue.i for t in toks) and all(t.tag_ in ("WP", "WDT") for t in toks if t.i < cue.i):
            # 'what the senators said was a land grab': the wh-word moved before the speaker
            toks = [t for t in toks if t.i > cue.i]
        if lemma in self.verbs and len(parts) > 1:
            # 'said the bridge would reopen and union leaders warned of delays', the second report
            # parsed as a second clause of the first verb: it is a claim of its own
            late = [c for c in parts[1:] if c.dep_ == "ccomp" and c.i > cue.i and c.pos_ == "VERB"
                    and self._is_cue(lemma_of(c)) and any(x.dep_ == "nsubj" and x.pos_ in ("NOUN", "PROPN")
                                                          for x in c.children)]
            if late and any(c.i < late[0].i and c.i > cue.i for c in parts):
                toks = [t for t in toks if t.i < min(late[0].left_edge.i, late[0].i)]
                while toks and (toks[-1].dep_ == "cc" or toks[-1].is_punct):
                    toks = toks[:-1]
        rel = [t for t in toks if t.dep_ == "relcl" and t.i > cue.i and t.pos_ == "VERB" and self._is_cue(lemma_of(t))
               and t.left_edge.i > 0 and cue.doc[t.left_edge.i - 1].text == ","
               and t.left_edge.lower_ in ("who", "which") and t.right_edge.i >= toks[-1].i]
        if rel and rel[0].left_edge.i - 1 > toks[0].i:
            # 'praised the senator, who says the bill will pass': the relative clause is the
            # named person's own report, not part of the first claim
            toks = [t for t in toks if t.i < rel[0].left_edge.i - 1]
        if lemma in self.verbs:
            cut = self._conj_cue_at(toks)
            if cut is not None:  # 'said the port would reopen and warned of delays': two claims
                toks = [t for t in toks if t.i < cut]
        speaker = self._speaker_of(cue)
        if speaker is not None and len(parts) > 1 and any(c.i > cue.i for c in parts) and any(
                c.i < speaker.i for c in parts):
            # 'The race is close; her team says she will win': the clause before the speaker is
            # the writer's own (or a claim of its own), the clause after the cue is what was said
            toks = [t for c in parts if c.i > cue.i for t in c.subtree]
        if speaker is None and cue.dep_ in ("pcomp", "xcomp", "advcl", "conj"):
            # 'won the seat by denouncing the deal', 'started out praising the plan': whoever the
            # clause the verb hangs on is about (up to four heads)
            speaker = _lost_speaker(cue)
        said = [c for c in parts if c.i > cue.i]
        if speaker is None and lemma in self.verbs and said and all(
                c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") for c in said) and not (
                cue.i + 1 < len(cue.doc) and cue.doc[cue.i + 1].text == ","):
            # a clause said where the parse found no subject for the verb: 'she is quick to point
            # out that ...' (the subject of the clause the verb hangs on), 'X, a rabbi leading the
            # boycott, said ...' (the name read into a clause before the verb); else no source named
            toks = trim([t for c in said for t in c.subtree])
            return _finish(toks, _lost_speaker(cue), True) or _finish(toks, None, False)
        return _finish(trim(toks), speaker, True)

    def _passive_claim(self, cue: Any, lemma: str, kids: list[Any]) -> tuple[tuple[int, int], Any, bool] | None:
        agent = None
        parts = []
        for c in kids:
            if c.i < cue.i:
                continue
            if c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ == "by":
                agent = next((o for o in c.children if o.dep_ == "pobj"), None)
            elif c.dep_ in ("ccomp", "xcomp", "oprd", "attr") or c.dep_ == "advcl" and any(
                    m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.children):
                parts.append(c)
            elif c.dep_ == "prep" and c.lower_ in ("about", "as", "of", "for", "on", "to") and any(
                    x.dep_ in ("pobj", "pcomp") and x.ent_type_ not in ("DATE", "TIME") for x in c.children):
                parts.append(c)
        subj = next((c for c in kids if c.dep_ == "nsubjpass"), None)
        if not parts and lemma in self.passive_verbs and lemma not in REPORTED_BY_VERBS:
            return None  # 'the ad was seen by millions': no view held, only an act
        if not parts and not ((lemma in self.object_verbs or lemma in REPORTED_BY_VERBS)
                              and subj is not None and subj.pos_ != "PRON"):
            return None  # 'the plan was criticized (by X)': the subject alone is the content
        toks = [t for c in parts for t in c.subtree]
        if subj is not None and lemma not in ADDRESSEE_VERBS and lemma not in ("ask", "question", "press", "pressure"):
            if subj.lower_ in RELATIVE_PRONOUNS or subj.pos_ == "PRON":
                return None  # the claim is about someone named elsewhere
            toks += list(subj.subtree)
        if agent is not None:
            speaker = by_agent(agent)
            # 'the mayor was criticized by the council for the delays': the agent stands between
            # the subject and the grounds; the whole clause is what the source said of the subject
            inside = speaker is not None and subj is not None and any(c.i > agent.i for c in parts)
            return _finish(trim(toks), speaker, True, inside_ok=inside)
        return _finish(trim(toks), None, False)
