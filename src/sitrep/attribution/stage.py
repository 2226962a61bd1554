"""The `attribution` stage itself: loads the cue lists and runs the passes (direct quotes, lines,
indirect claims, nesting, speakers) over an article.
"""

from __future__ import annotations

import bisect
from typing import Any

from sitrep import data
from sitrep.data.leaders import load_leaders
from sitrep.attribution.claims import IndirectClaims
from sitrep.attribution.cues import CueWords
from sitrep.attribution.headlines import HeadlineClaims
from sitrep.attribution.kinds import set_kinds
from sitrep.attribution.marks import (
    add_piece, byline, close_paragraph, find_quoted_spans, flag_tokens, goes_on, is_phrase,
    is_quoted_title, long_enough, utterance,
)
from sitrep.attribution.nesting import drop_nested, drop_nested_claims, drop_quotes_in_sourced_claims
from sitrep.attribution.noun_claims import NounClaims
from sitrep.attribution.quotes import DirectQuotes, inside_complement
from sitrep.attribution.speakers import PersonIndex, Speakers, lead_in_speakers
from sitrep.attribution.statements import is_fragment
from sitrep.model import Article, Quote, doc_text


class Attribute(CueWords, DirectQuotes, Speakers, IndirectClaims, NounClaims, HeadlineClaims):
    """Fills `article.quotes`."""

    def __init__(self, *, data_dir: str | None = None) -> None:
        cues = data.load("attribution", data_dir)
        self.verbs = set(cues["verbs"])
        self.belief_verbs = set(cues["belief_verbs"])
        self.intent_verbs = set(cues["intent_verbs"])
        self.object_verbs = set(cues["object_verbs"])
        self.person_object_verbs = set(cues.get("person_object_verbs", ()))
        self.prep_verbs = {k: set(v) for k, v in cues["prep_verbs"].items()}
        self.unsourced_verbs = set(cues["unsourced_verbs"])
        self.passive_verbs = set(cues["passive_verbs"])
        self.claim_nouns = set(cues["claim_nouns"])
        self.stance_adjectives = {k: set(v) for k, v in cues["stance_adjectives"].items()}
        self.source_nouns = set(cues["source_nouns"])
        self.quote_verbs = self.verbs | set(cues["quote_verbs"])
        self.light_verbs = set(cues["light_verbs"])
        self.speech_nouns = set(cues["speech_nouns"])
        self.stance_nouns = {k: set(v) for k, v in cues["stance_nouns"].items()}
        self.target_verbs = set(cues.get("target_verbs", ()))
        self.open_claim_nouns = set(cues.get("open_claim_nouns", ()))
        self.role_nouns = {k: set(v) for k, v in cues.get("role_nouns", {}).items()}
        self.reception_nouns = set(cues.get("reception_nouns", ()))
        self.as_verbs = set(cues.get("as_verbs", ()))
        self.stimulus_verbs = set(cues.get("stimulus_verbs", ()))
        self._phrases_by_first: dict[str, list[list[str]]] = {}  # first word -> phrases, in file order
        for words in (p.lower().split() for p in cues["phrases"]):
            if words:
                self._phrases_by_first.setdefault(words[0], []).append(words)
        self.anonymous = set(cues["anonymous_nouns"])
        self.experts = set(cues["expert_nouns"])
        self.media = set(cues["media_nouns"])
        self.orgs = set(cues["organisation_nouns"])
        self.anon_markers = [m.lower() for m in cues["anonymity_markers"]]
        self.statement_checks = frozenset(cues.get("statement_checks", ()))
        self.leaders = load_leaders(data_dir)  # roles of people named, for titles standing alone

    # ------------------------------------------------------------------
    def __call__(self, article: Article) -> Article:
        doc = article.doc
        text = article.text
        all_marks = find_quoted_spans(text)
        # a one- or two-word quote that ends like an utterance ('"Never," he said.') is a quote
        # only beside its speech verb; other short quoted words are names or scare quotes
        short = {id(m) for m in all_marks if not long_enough(doc, m) and utterance(doc, m, text)}
        marks = [m for m in all_marks if (id(m) in short or long_enough(doc, m)) and not is_quoted_title(doc, m, text)]
        people = PersonIndex(article.entities, doc, doc_text(doc, text) if doc is not None else None)
        quoted_tok = bytearray(len(doc))  # 1 for tokens inside a quoted span: one pass, O(1) lookups
        for m in marks:
            flag_tokens(doc, m, quoted_tok)
        partial_tok = bytearray(len(doc))  # 1 for quoted phrases left to the claim around them

        def in_quote(tok: Any) -> bool:
            return bool(quoted_tok[tok.i])

        def taken(tok: Any) -> bool:  # inside a quote that is (or goes on) a statement of its own
            return bool(quoted_tok[tok.i]) and not partial_tok[tok.i]

        sents = list(doc.sents)
        sent_starts = [x.start_char for x in sents]
        self._subjects: dict[int, Any] = {}
        self._sent_index: dict[int, int] | None = None
        used_cues: set[int] = set()
        partial_cues: set[int] = set()
        quotes: list[Quote] = []
        # 1. direct quotes: each quoted span with the cue next to it
        last: Quote | None = None
        for m in marks:
            k = max(0, bisect.bisect_right(sent_starts, m.start) - 2)
            touched = []
            while k < len(sents) and sents[k].start_char <= m.end:
                if sents[k].end_char >= m.start:
                    touched.append(sents[k])
                k += 1
            cue, subj = self._cue_for_quote(m, touched, in_quote, sents, text)
            if id(m) in short and not (cue is not None and subj is not None and cue.pos_ == "VERB" and (
                    0 <= cue.idx - m.end <= 40 and "\n" not in text[m.end:cue.idx]
                    or 0 <= m.start - cue.idx - len(cue.text) <= 4)):
                continue
            if quotes and quotes[-1].direct and quotes[-1].speaker and quotes[-1].rule == "quote-cue" and (
                    cue is not None and subj is not None and cue.i in used_cues and quotes[-1].cue_start == cue.idx
                    and "\n\n" not in text[quotes[-1].end:m.start]
                    or cue is None and last is quotes[-1] and goes_on(text, last.end, m.start)):
                # a piece that would go on the last quote, but with a speech verb of its own before it
                own = self._own_cue_between(doc, quotes[-1], m, in_quote)
                if own is not None:
                    q = self._next_statement(article, quotes[-1], own, m, people, in_quote)
                    used_cues.add(own.i)
                    quotes.append(q)
                    last = q
                    continue
            if cue is not None and subj is not None and cue.i in used_cues and quotes \
                    and quotes[-1].cue_start == cue.idx and "\n\n" not in text[quotes[-1].end:m.start]:
                # '"A," he said, "B."' and 'claiming "A" but "B"': one statement in pieces
                add_piece(quotes[-1], text, m)
                continue
            if cue is not None and subj is not None and inside_complement(cue, m, in_quote):
                # 'said that Melania would discuss it "in a few weeks"': a quoted phrase inside
                # reported speech belongs to the claim the indirect pass makes
                partial_cues.add(cue.i)
                flag_tokens(doc, m, partial_tok)
                continue
            if cue is not None and subj is not None:
                used_cues.add(cue.i)
                q = self._make(article, subj, (m.start, m.end), cue.text, cue, people, touched[-1],
                               direct=True, rule="quote-cue")
            elif last is not None and last.direct and last.speaker and last is quotes[-1] \
                    and goes_on(text, last.end, m.start):
                # '"...," he said. "..."': the same statement goes on in the same paragraph (or in
                # the next one, when the quote was left open at the paragraph's end)
                add_piece(last, text, m)
                continue
            elif quotes and quotes[-1].rule == "quote-no-cue" and not is_phrase(quotes[-1].content) \
                    and goes_on(text, quotes[-1].end, m.start) and not byline(doc, m, text):
                # '"A." The crowd cheered. "B."' with no cue for either: one unattributed statement in pieces
                add_piece(quotes[-1], text, m)
                continue
            elif last is not None and last.direct and last.speaker and close_paragraph(text, last.end, m.start):
                q = Quote(
                    content=text[m.start:m.end], start=m.start, end=m.end, speaker=last.speaker,
                    speaker_start=last.speaker_start, speaker_end=last.speaker_end,
                    speaker_type=last.speaker_type, speaker_title=last.speaker_title, cue=None,
                    direct=True, rule="continuation",
                )
            elif byline(doc, m, text):
                continue  # '"Ports reopen as talks resume," by Reuters' Ana Ruiz': a title with its author
            else:
                q = Quote(
                    content=text[m.start:m.end], start=m.start, end=m.end, speaker=None,
                    speaker_start=None, speaker_end=None, speaker_type="unattributed", cue=None,
                    direct=True, rule="quote-no-cue",
                )
            quotes.append(q)
            if q.speaker:
                last = q
        # 2. lines led by a speaker ('PENCE: ...', 'Q: ...', 'Poll: ...') and block quotes after 'X added:'
        quotes.extend(self._line_leads(article, quotes, people))
        # 3. indirect claims: speech verbs with a clausal complement outside quotes; "according to"
        for sent in sents:
            for q in self._indirect(article, sent, people, in_quote, used_cues, quotes, partial_cues, taken):
                quotes.append(q)
        quotes = drop_quotes_in_sourced_claims(drop_nested_claims(drop_nested(quotes)))
        # a reported claim must state something: 'said of the attack', 'posted a message on
        # Facebook' give a fragment, not a claim (the kinds checked: `statement_checks`)
        quotes = [q for q in quotes if not is_fragment(doc, q, self.statement_checks)]
        lead_in_speakers(text, quotes)
        # a short quoted phrase with no cue of its own that is no sentence ('a "child of the
        # frontier" who ...', 'the "Iron Wall" doctrine') is a scare quote or a name, not a statement
        quotes = [q for q in quotes if not (q.rule in ("quote-no-cue", "continuation", "lead-in")
                                            and is_phrase(q.content))]
        self._resolve_anaphora(article, quotes, people)
        quotes.sort(key=lambda q: (q.start, q.end))
        set_kinds(doc, quotes, article.sentences)  # a claim with no verb is a stance ('praised the deal')
        article.quotes = quotes
        return article
    # ------------------------------------------------------------------
