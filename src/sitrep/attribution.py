"""The `attribution` stage: quotes and reported claims, and who makes them.

Rules over the dependency parse, with cue words kept as data
(`data/attribution.yaml`):

- `quote-cue`: a quoted span and its cue: a speech verb in the sentence
  ("'...,' said one defense commentator"), in the next sentence piece when the
  quote ends in a comma, in the lead-in sentence before a colon, the verb whose
  clause holds the quote, "according to X", 'Name: "..."' and '"..." ― Name'.
  Quoted pieces that share one cue ('"A," he said, "B."') make one quote; a
  quoted phrase inside reported speech belongs to the indirect claim. A one- or
  two-word quote that ends like an utterance ('"Never," the colonel said') is a
  quote only right beside its speech verb.
- `verb-cue`: a cue verb and its content, by the kind of verb: speech and
  belief verbs take their clause ("Bogdan confirmed that ...", "the poll shows
  that ..."; parenthetical "X, he said, Y" takes the host clause; a pro-form
  stands for the clause: "said so", "does not think so", "said as much"), intent verbs
  their to-infinitive ("wants to ..."), stance verbs their object ("criticized
  the plan"), phrasal cues their preposition ("called for ...", "asked the envoy
  about ..."), a verb of asking its question ("asked them if ..."), light verbs
  a speech noun's complement ("made allegations against ...").
- `unsourced-cue`: "X seemed to ...", "X is expected to ...": no source.
- `noun-cue`: "Trump's claim that ...", "her criticism of ...", "the decision by
  the board to ...", "the mayor launched an attack on ..." (the owner: possessor,
  agent, or the subject of the verb that takes the noun, unless that verb makes it
  the target: "faced criticism"); nouns of speech and opinion with no owner give a
  claim with no source ("charges that he lied"); role nouns ("Ms. Varga, a critic
  of the project") and backing ("the mayor won the endorsement of the union").
- `headline-cue`: a cue verb the tagger reads as a noun, in headlines and short
  sentences ("Governor Slams Harbour Budget", "Farmers fear drought", "...,
  the engineer maintains."): the name before it speaks, what follows (or the
  clause before a closing cue) is the content; a second such verb after 'and'
  or a comma has the same speaker. Not when the sentence has its own finite
  verb before it, the word has a determiner of its own, or it is part of a name.
- `according-to`: "according to X" / "as reported by X": indirect, the rest of
  the sentence is the content.
- `continuation`: a quoted sentence with no cue of its own goes to the speaker
  of the quote just before it (in the same paragraph it extends that quote). A
  short quoted phrase with no cue that is no sentence ('a "child of the steppe"
  who ...') is a scare quote or a name, not a quote; nor is a quoted title with its
  author ('"Ports reopen as talks resume," by the Courier's Ana Ruiz').

A thought, plan or stance reported inside someone's words ("she said she plans
to ...", "the general's promise that the brigade would defend ...", an interview
answer) is part of that content, not a claim of its own.

Speakers are resolved within the article: a surname or pronoun goes back to the
full name seen earlier, with the title given in an apposition or before the name
("Andrei Bogdan, Deputy Head of ..."; "Defence Minister Viktor Khrenin"); a
relative pronoun ("voters who said") names its antecedent, keeping the
pronoun's offsets. All bookkeeping is linear in the article's length.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from sitrep import data
from sitrep.model import Article, Entity, Quote

OPEN_CLOSE = {"“": "”", "«": "»", "„": "“", "‘": "’", '"': '"', "‹": "›"}
PRONOUNS_PERSON = {"he", "she", "him", "her", "his"}
PRONOUNS_GROUP = {"they", "it", "we"}
MIN_QUOTE_TOKENS = 3
MERGE_GAP = 300  # at most this many characters between a quote and its continuation ('," she said. "')
# a claim's content stops before the closing quote mark and stop of a quote it ends with
# ('said she knows that "X is king."'): a claim holds a quote that ends this many characters later
CLOSE_SLACK = 3
NICKNAME_SURNAME = re.compile(r' ["“][A-Z][\w.\'-]*["”] ([A-Z][\w\'-]+)')  # 'Anna "Annie" Lowe': Lowe
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
QUESTION_VERBS = {"ask", "wonder", "question", "inquire", "enquire"}  # 'asked if ...': the question
CLAUSE_MARKS = {"that", "as", "because", "while", "if", "when", "although", "though", "since", "after", "before", "until"}
# cue verbs whose bare or -s form is far more often a noun in names and compounds ("Ohio State",
# "Washington Post", "interest rates"): never read as a headline verb
HEADLINE_NOUNS = {"state", "post", "care", "direct", "suspect", "score", "rank", "rate", "grade", "judge",
                  "name", "list", "tie", "link", "order", "count", "text", "email", "campaign", "lobby",
                  "run", "sign", "root", "pan", "cheer", "post", "blog", "project", "figure", "look", "boost", "hear"}
# passive verbs of news reports: "X was reported by the Post" names the outlet as the source of X
REPORTED_BY_VERBS = {"report"}
# written records that show things ('..., court records show'): sources even with no article or name
RECORD_NOUNS = {"record", "document", "data", "filing", "figure", "statistic", "poll", "survey", "log", "transcript"}
# adverbs of hearsay: "the plant is reportedly for sale" is a claim others made, no source named
HEARSAY_ADVERBS = {"reportedly"}
AGENT_OF_NOUNS = {"support", "backing", "endorsement"}  # 'the support of X': X supports
# speech verbs whose object is the listener, not what was said ("told reporters")
ADDRESSEE_VERBS = {"tell", "inform", "brief", "quote", "answer", "reply", "respond", "ask", "urge", "assure",
                   "remind", "warn", "promise", "caution", "thank", "cite", "counter", "point", "agree"}
# subjects that name no speaker: the reader addressed ('would you vote for her?') or no one
NO_SPEAKER = {"you", "nobody"}
# objects that stand for what was said without saying it ("said it", "said so")
VAGUE_OBJECTS = {"it", "this", "that", "so", "what", "something", "anything", "nothing", "things", "much",
                 "little", "more", "less", "which", "all", "everything"}  # 'Oreshnik' in quote marks is a name, not a quote


@dataclass(slots=True)
class _Mark:
    start: int  # offset of the content (after the opening mark)
    end: int  # offset after the content (before the closing mark)


def find_quoted_spans(text: str) -> list[_Mark]:
    """Quoted spans (content offsets, marks excluded), paragraph by paragraph.

    A straight or curly double quote opens and closes; a single curly quote
    opens only after a space or line start, and closes only before a space,
    punctuation or the line end, so apostrophes (Belarus’s, It’s) are skipped.
    A quote left open at a paragraph end closes there (news style for quotes
    that run over paragraphs). A closing curly mark typed as the opening one
    (after a space or line start, before a word) opens a quote too.
    """
    spans: list[_Mark] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if text.startswith(("''", "``"), i) and (i == 0 or not text[i - 1].isalnum()) \
                and i + 2 < n and not text[i + 2].isspace():
            # ''...'' and ``...'' (newswire and typewriter style)
            end = text.find("''", i + 2)
            para = text.find("\n\n", i + 2)
            if end < 0 or (0 <= para < end):
                end = para if para >= 0 else n
            cs, ce = _strip_span(text, i + 2, end)
            if ce > cs:
                spans.append(_Mark(cs, ce))
            i = end + 2
            continue
        if ch in OPEN_CLOSE and _can_open(text, i) or _misturned_open(text, i):
            close = OPEN_CLOSE.get(ch, "”")
            j = i + 1
            end = None
            while j < n:
                c = text[j]
                if c == "\n" and j + 1 < n and text[j + 1] == "\n":
                    end = j
                    break
                if c == ch == "“" and text[j - 1].isspace() and _can_open(text, j):
                    inner_end = _inner_quote_end(text, j)
                    if inner_end is not None:
                        j = inner_end + 1
                        continue
                if c == close and (close != "’" or _can_close(text, j)):
                    end = j
                    break
                if ch in ("“", "”") and c == '"':  # mixed marks
                    end = j
                    break
                j += 1
            if end is None:
                end = n
            content_start, content_end = _strip_span(text, i + 1, end)
            if content_end > content_start:
                spans.append(_Mark(content_start, content_end))
            i = end + 1
            continue
        i += 1
    return spans


def _inner_quote_end(text: str, j: int) -> int | None:
    """Where a curly quote opened at `j` inside another curly quote closes ('“I would rather
    live in what he calls “hell” than see him win.”'), when the outer one closes after it on the
    same line; else None (an opening mark left unclosed or a new quote: not nested)."""
    inner = text.find("”", j + 1)
    if inner < 0:
        return None
    outer = text.find("”", inner + 1)
    if outer < 0 or "\n" in text[j:outer] or "“" in text[j + 1:outer]:
        return None
    return inner


def _flag_tokens(doc: Any, m: _Mark, flags: bytearray) -> None:
    """Set `flags[i]` for the tokens of `doc` that start inside the quoted span `m`."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is not None:
        for i in range(span.start, span.end):
            if m.start <= doc[i].idx < m.end:
                flags[i] = 1


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """`start`, `end` moved inwards past whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _can_open(text: str, i: int) -> bool:
    ch = text[i]
    nxt = text[i + 1] if i + 1 < len(text) else " "
    prev = text[i - 1] if i > 0 else " "
    if nxt.isspace():
        return False
    if ch in ("‘", "'"):
        return not prev.isalnum()
    if ch == '"':
        return not prev.isalnum()
    return True


def _misturned_open(text: str, i: int) -> bool:
    """A closing curly mark typed where an opening one belongs: '”' after a space or line start
    and before a word ('”We will win,” she said', a slip common in pasted social-media text)."""
    return text[i] == "”" and (i == 0 or text[i - 1].isspace()) and i + 1 < len(text) \
        and not text[i + 1].isspace() and text[i + 1] not in "”\"'’"


def _can_close(text: str, j: int) -> bool:
    nxt = text[j + 1] if j + 1 < len(text) else " "
    return not nxt.isalnum()


class Attribute:
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

    # ------------------------------------------------------------------
    def __call__(self, article: Article) -> Article:
        doc = article.doc
        text = article.text
        all_marks = find_quoted_spans(text)
        # a one- or two-word quote that ends like an utterance ('"Never," he said.') is a quote
        # only beside its speech verb; other short quoted words are names or scare quotes
        short = {id(m) for m in all_marks if not self._long_enough(doc, m) and _utterance(doc, m, text)}
        marks = [m for m in all_marks if (id(m) in short or self._long_enough(doc, m)) and not _is_title(doc, m, text)]
        people = _PersonIndex(article.entities, doc)
        quoted_tok = bytearray(len(doc))  # 1 for tokens inside a quoted span: one pass, O(1) lookups
        for m in marks:
            _flag_tokens(doc, m, quoted_tok)
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
                    or cue is None and last is quotes[-1] and _goes_on(text, last.end, m.start)):
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
                _add_piece(quotes[-1], text, m)
                continue
            if cue is not None and subj is not None and self._inside_complement(cue, m, in_quote):
                # 'said that Melania would discuss it "in a few weeks"': a quoted phrase inside
                # reported speech belongs to the claim the indirect pass makes
                partial_cues.add(cue.i)
                _flag_tokens(doc, m, partial_tok)
                continue
            if cue is not None and subj is not None:
                used_cues.add(cue.i)
                q = self._make(article, subj, (m.start, m.end), cue.text, cue, people, touched[-1],
                               direct=True, rule="quote-cue")
            elif last is not None and last.direct and last.speaker and last is quotes[-1] \
                    and _goes_on(text, last.end, m.start):
                # '"...," he said. "..."': the same statement goes on in the same paragraph (or in
                # the next one, when the quote was left open at the paragraph's end)
                _add_piece(last, text, m)
                continue
            elif quotes and quotes[-1].rule == "quote-no-cue" and not _is_phrase(quotes[-1].content) \
                    and _goes_on(text, quotes[-1].end, m.start) and not _byline(doc, m, text):
                # '"A." The crowd cheered. "B."' with no cue for either: one unattributed statement in pieces
                _add_piece(quotes[-1], text, m)
                continue
            elif last is not None and last.direct and last.speaker and _close_paragraph(text, last.end, m.start):
                q = Quote(
                    content=text[m.start:m.end], start=m.start, end=m.end, speaker=last.speaker,
                    speaker_start=last.speaker_start, speaker_end=last.speaker_end,
                    speaker_type=last.speaker_type, speaker_title=last.speaker_title, cue=None,
                    direct=True, rule="continuation",
                )
            elif _byline(doc, m, text):
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
        quotes = _drop_quotes_in_sourced_claims(self._drop_nested_claims(_drop_nested(quotes)))
        _lead_in_speakers(text, quotes)
        # a short quoted phrase with no cue of its own that is no sentence ('a "child of the
        # frontier" who ...', 'the "Iron Wall" doctrine') is a scare quote or a name, not a statement
        quotes = [q for q in quotes if not (q.rule in ("quote-no-cue", "continuation", "lead-in")
                                            and _is_phrase(q.content))]
        self._resolve_anaphora(article, quotes, people)
        quotes.sort(key=lambda q: (q.start, q.end))
        article.quotes = quotes
        return article

    def _own_cue_between(self, doc: Any, prev: Quote, m: _Mark, in_quote: Any) -> Any:
        """A speech verb of its own between a quote and the next quoted piece of the same speaker
        ('"A," she sang to him before asking, "B?"', '"A," he said, going on to insist: "B."'):
        the narrator reports a second act of speech, so the piece is a statement of its own, not
        the next piece of the last one. The verb nearest to the piece, outside quotes, other than
        the last quote's cue, and whose clause takes in the piece or that stands just before it in
        its sentence with at most its addressee between ('asking her, "B?"'; not a piece that goes
        on the sentence in lower case: '"A," he said as the crowd cheered, "and B."'). In '"A,"
        she said, referring to the bill. "B."' the verb has its own object and B goes on A. Any verb will
        do when a second speaker, named, comes in right before a piece that opens a sentence
        ('Lee shot back, "B."'). None when there is none."""
        span = doc.char_span(prev.end, m.start, alignment_mode="contract")
        if span is None:
            return None
        for t in reversed(list(span)):
            if in_quote(t) or t.idx == prev.cue_start or t.pos_ != "VERB":
                continue
            words = [x for x in span if x.i > t.i and not x.is_punct and not x.is_space]
            if not (t.lemma_.lower() in self.quote_verbs or self._is_cue(_lemma(t))):
                # 'Lee shot back, "B"': any verb with a named subject of its own right before the piece
                subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
                if subj is not None and subj.pos_ in ("PROPN", "NOUN") and not in_quote(subj) and t.text.islower() \
                        and len(words) <= 1 and all(x.dep_ in ("prt", "advmod") for x in words) \
                        and doc.text[m.start:m.start + 1].isupper() \
                        and not any(x.text in (".", "!", "?") for x in span if x.i > t.i):
                    return t
                continue
            if any(m.start <= x.idx < m.end for x in t.subtree) or (
                    len(words) <= 2 and all(x.pos_ in ("PRON", "PROPN", "NOUN", "DET") for x in words)
                    and not any(x.text in (".", "!", "?") for x in span if x.i > t.i)
                    and not doc.text[m.start:m.start + 1].islower()):
                return t
        return self._colon_lead_in(span, in_quote)

    @staticmethod
    def _colon_lead_in(span: Any, in_quote: Any) -> Any:
        """'"A," she told us. Later she went further: "B."': a sentence of its own between two
        quoted pieces that ends in a colon right before the second one leads in a new statement.
        Its verb nearest to the colon; None when the gap has no such sentence."""
        toks = [t for t in span if not t.is_space and t.text not in OPEN_CLOSE and t.text not in ("``", "''")]
        if not toks or toks[-1].text != ":":
            return None
        colon = toks[-1]
        if colon.sent.start < span.start or in_quote(colon):
            return None  # '"A," he said: "B."': no sentence of its own
        for t in reversed(toks[:-1]):
            if t.sent.start != colon.sent.start or in_quote(t):
                break
            if t.pos_ == "VERB":
                return t
        return None

    def _next_statement(self, article: Article, prev: Quote, cue: Any, m: _Mark, people: "_PersonIndex",
                        in_quote: Any) -> Quote:
        """The quoted piece `m` as a statement of its own with the speech verb `cue`: its subject
        speaks when it has one outside quotes; a verb without one ('..., before asking') shares
        the last quote's speaker."""
        subj, head = self._speaker_of(cue), cue
        while subj is None and head.dep_ in ("xcomp", "conj") and head.head is not head:
            head = head.head  # 'I had to take it back: "B"': the subject of the verb it hangs on
            subj = self._speaker_of(head)
        if subj is not None and not in_quote(subj) and subj.lower_ not in ("it", "there"):
            return self._make(article, subj, (m.start, m.end), cue.text, cue, people, cue.sent,
                              direct=True, rule="quote-cue")
        return Quote(content=article.text[m.start:m.end], start=m.start, end=m.end, speaker=prev.speaker,
                     speaker_start=prev.speaker_start, speaker_end=prev.speaker_end, speaker_type=prev.speaker_type,
                     speaker_title=prev.speaker_title, cue=cue.text, direct=True, cue_start=cue.idx,
                     cue_end=cue.idx + len(cue.text), rule="quote-cue")

    def _line_leads(self, article: Article, quotes: list[Quote], people: "_PersonIndex") -> list[Quote]:
        """Transcript and interview lines ('WALLACE: ...', '"PENCE: ...', 'Q: ...'), headlines led by
        their source ('Poll: Voters ...'), and a paragraph set off as a block quote after a
        lead-in that ends in a colon ('The governor added:'). A quoted line led by a name
        loses the name from its content and takes it as its speaker."""
        text, doc = article.text, article.doc
        out: list[Quote] = []
        by_start = {q.start: q for q in quotes}
        lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
        for k, (ls, le) in enumerate(lines):
            m = LINE_LEAD.match(text, ls, le)
            if m is not None and self._lead_ok(doc, m):
                cs, ce = _strip_span(text, m.end(), le)
                while ce > cs and text[ce - 1] in "\"”":
                    ce -= 1
                old = by_start.get(m.start(2))
                if old is not None and old.rule not in ("quote-no-cue", "continuation"):
                    continue
                if old is None and (any(q.start < ce and q.end > cs and q.speaker for q in quotes)
                                    or len(text[cs:ce].split()) < 3):
                    continue
                lead = doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
                colon = doc.char_span(m.end(2), m.end(2) + 1, alignment_mode="expand")
                body = doc.char_span(cs, ce, alignment_mode="expand")
                if lead is None or colon is None or body is None or not any(
                        t.pos_ in ("VERB", "AUX") for t in body):
                    continue  # 'Iowa: Ann Lee, Bob Roe, ...' is a list, not a statement
                q = self._make(article, lead.root, (cs, ce), ":", colon[0], people, lead.sent,
                               direct=bool(m.group(1)) or old is not None, rule="line-lead")
                if old is not None:
                    quotes.remove(old)
                out.append(q)
                continue
            # block quote: the previous line is a lead-in ending in a colon
            if k == 0 or text[ls] in OPEN_CLOSE:
                continue
            ps, pe = lines[k - 1]
            if not text[ps:pe].rstrip().endswith(":") or any(ls <= q.start < le for q in quotes):
                continue
            colon_at = text.rindex(":", ps, pe)
            colon = doc.char_span(colon_at, colon_at + 1, alignment_mode="expand")
            if colon is None:
                continue
            root = colon[0].sent.root
            subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
            if subj is None or subj.lower_ in ("it", "there", "this") or root.pos_ not in ("VERB", "AUX") or not (
                    self._is_cue(_lemma(root)) or root.lemma_.lower() in self.quote_verbs
                    or any(t.lemma_.lower() in self.speech_nouns for t in colon[0].sent)):
                continue
            if any(c.dep_ == "ccomp" and c.i < colon[0].i for c in root.children):
                continue  # 'X suggested that she has these tasks:' the claim is made; a list follows
            cs, ce = _strip_span(text, ls, le)
            if len(text[cs:ce].split()) < 3:
                continue
            out.append(self._make(article, subj, (cs, ce), root.text, root, people, colon[0].sent,
                                  direct=True, rule="block-quote"))
        return out

    def _lead_ok(self, doc: Any, m: re.Match) -> bool:
        lead = m.group(2)
        words = lead.split()
        if words[0].lower().strip(".") in LEAD_STOP or " ".join(words[:2]).lower() in LEAD_STOP:
            return False
        if any(ch.isdigit() for ch in lead):
            return False
        span = doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
        if span is None or any(t.pos_ in ("VERB", "AUX") and not t.is_upper for t in span):
            return False
        if span[0].pos_ in ("ADP", "ADV", "CCONJ", "SCONJ", "INTJ") and not span[0].is_upper:
            return False  # 'For instance: ...', 'Among the votes: ...', 'So: ...': the writer's own lead-in
        return True

    def _drop_nested_claims(self, quotes: list[Quote]) -> list[Quote]:
        """'She said she plans to join the protest': one claim, the saying. A thought, plan or
        stance reported inside what someone said (or inside a quote, a claim noun's content, an
        'it seemed that ...', an interview answer) is part of that content, not a claim of its
        own. (Keeping reports inside reports, 'X said Y told him', scored lower.)"""
        cover = _Cover([(a, b, id(o)) for o in quotes for a, b in o.spans
                        if o.direct or (o.cue and o.rule in ("verb-cue", "according-to", "quote-cue", "noun-cue",
                                                             "unsourced-cue", "adjective-cue", "line-lead", "block-quote"))])
        claims = _Cover([(o.start, o.end + CLOSE_SLACK, id(o)) for o in quotes
                         if not o.direct and o.cue and o.rule in ("verb-cue", "according-to")])
        return [q for q in quotes if not (q.rule in ("verb-cue", "unsourced-cue", "noun-cue", "adjective-cue")
                                          and q.cue_start is not None
                                          and cover.covers(q.cue_start, q.cue_start + 1, id(q)))
                and not (q.rule == "quote-cue" and q.cue_start is not None
                         and claims.covers(min(q.cue_start, q.start), max(q.cue_end or q.end, q.end), id(q)))]

    def _resolve_anaphora(self, article: Article, quotes: list[Quote], people: "_PersonIndex") -> None:
        """'the minister', 'the official', 'the committee' said: the last speaker, person
        or organisation so described, in document order."""
        ordered = sorted(quotes, key=lambda q: (q.speaker_start if q.speaker_start is not None else q.start))
        for k, q in enumerate(ordered):
            subj = self._subjects.get(id(q))
            if subj is None or q.speaker_start is None:
                if q.rule == "continuation":  # a continuation follows its (possibly resolved) speaker
                    prev = [p for p in ordered[:k] if p.speaker and p.end <= q.start and p.direct]
                    # '... Lee said the plan was dead. "We tried."': a reported claim just before the
                    # quote, in its paragraph, names the speaker more surely than an earlier quote
                    near = [p for p in quotes if p.speaker and not p.direct and p.end <= q.start
                            and p.cue is not None and q.start - p.end <= CLOSE_SLACK + 2
                            and "\n" not in article.text[p.end:q.start]]
                    if near:
                        prev = [max(near, key=lambda p: p.end)]
                    if prev:
                        _copy_speaker(prev[-1], q)
                continue
            if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subj.children):
                continue
            if any(c.dep_ in ("amod", "compound", "poss") for c in subj.children):
                continue  # "the Russian Defence Ministry" names itself
            noun = subj.lemma_.lower()
            found = None
            for p in reversed(ordered[:k]):
                if not p.speaker or p.speaker_start is None or p.speaker_start >= q.speaker_start:
                    continue
                desc = " ".join(x for x in (p.speaker, p.speaker_title) if x).lower().replace("-", " ").split()
                span_text = article.text[p.speaker_start:p.speaker_end].lower().split()
                if noun in desc or noun in span_text or noun + "s" in span_text:
                    found = p
                    break
            if found is not None:
                _copy_speaker(found, q)
                continue
            person = people.last_with_title(noun, q.speaker_start)
            if person is not None:
                q.speaker, q.speaker_type, q.speaker_title = person.name, "named_person", person.title
                continue
            for e in reversed(article.entities):
                if e.type == "ORG" and e.end <= q.speaker_start and noun in e.text.lower().split():
                    q.speaker = e.text
                    q.speaker_type = "media" if e.sector == "MED" else "organisation"
                    break

    # ------------------------------------------------------------------
    def _long_enough(self, doc: Any, m: _Mark) -> bool:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return False
        words = [t for t in span if not t.is_punct]
        return len(words) >= MIN_QUOTE_TOKENS

    def _cue_for_quote(self, m: _Mark, touched: list[Any], in_quote: Any, sents: list[Any] | None = None,
                       text: str = "") -> tuple[Any, Any]:
        """The cue that introduces a quoted span, and its speaker token.

        Looks in the sentences the quote touches, outside the quote: first after
        the quote ("...," said X), then before it (X said: "..."). A quote that
        ends in a comma runs on into the next sentence ('"...," Flynn, a top
        surrogate, said'); a quote after a colon at a sentence start takes its
        cue from the sentence before ("The Times reports:"). Without a verb:
        "according to X", 'Name: "..."' and '"..." ― Name'."""
        if not touched:
            return None, None
        after = [t for t in touched[-1] if t.idx >= m.end and not in_quote(t)]
        before = [t for t in reversed(list(touched[0])) if t.idx < m.start and not in_quote(t)]
        if sents is not None and text:
            index = {x.start: i for i, x in enumerate(sents)} if self._sent_index is None else self._sent_index
            self._sent_index = index
            k = index.get(touched[-1].start)
            close = text[m.end - 1: m.end] if m.end > 0 else ""
            if k is not None and k + 1 < len(sents) and all(t.is_punct or t.is_space for t in after) \
                    and close in (",", "?", "!", "—", "-"):
                nxt = sents[k + 1]
                if nxt.start_char - m.end <= 3 and "\n" not in text[m.end:nxt.start_char]:
                    run = []
                    for t in nxt:
                        # (words only: a nickname in quote marks or a party in brackets, 'Anna "Annie"
                        # Lowe (D-Ohio)', does not push the verb out of reach)
                        if in_quote(t) or sum(1 for x in run if not x.is_punct) >= 15:
                            break
                        run.append(t)
                    after = run
            k0 = index.get(touched[0].start)
            lead = text[:m.start - 1].rstrip()
            if k0 and lead.endswith(":") and all(t.is_punct or t.is_space for t in before):
                before = [t for t in reversed(list(sents[k0 - 1])) if not in_quote(t)]
        # 'X emphasized that the division would be "a key component"': the verb whose clause holds the quote
        first = next((t for t in touched[0] if t.idx >= m.start), None)
        if first is not None and first.idx < m.end:
            for anc in first.ancestors:
                if in_quote(anc):
                    continue
                if anc.idx < m.start and anc.pos_ in ("VERB", "AUX") and (
                        anc.lemma_.lower() in self.quote_verbs or self._is_cue(_lemma(anc))):
                    subj = self._speaker_of(anc)
                    if subj is not None and not in_quote(subj):
                        return anc, subj
        # '"..." ― Name' (a signature dash after the quote, on the same line)
        sig = SIGNATURE.match(text, m.end) if text else None
        if sig is not None and touched:
            doc = touched[-1].doc
            dash = doc.char_span(sig.start(1), sig.end(1), alignment_mode="expand")
            name = doc.char_span(sig.start(2), sig.end(2), alignment_mode="expand")
            last = [t for t in name if not t.is_punct and not t.is_space] if name is not None else []
            if dash is not None and last and last[-1].pos_ == "PROPN":
                return dash[0], last[-1]
        for side in (after, before):
            for t in side:
                if t.lemma_.lower() in self.quote_verbs and t.pos_ in ("VERB", "AUX"):
                    subj = self._speaker_of(t)
                    if subj is not None and not in_quote(subj):
                        return t, subj
                    if side is after and t.i > after[0].i:
                        # '"...," Flynn, a surrogate, said' parsed with a wrong subject: the name after the quote
                        lead = [x for x in after if x.i < t.i and not x.is_punct]
                        if lead and lead[0].pos_ in ("PROPN", "PRON", "NOUN"):
                            run = [lead[0]]
                            for x in lead[1:]:
                                if x.pos_ != "PROPN" or lead[0].pos_ != "PROPN":
                                    break
                                run.append(x)
                            return t, run[-1]
        for side in (after, before):
            for t in side:
                if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
                    objs = [c for c in t.doc[t.i + 1].children if c.dep_ == "pobj"]
                    if objs and not in_quote(objs[0]):
                        return t, self._by_agent(objs[0])
        # 'Clinton: "Our goal is ..."'
        if len(before) >= 2 and before[0].text == ":" and before[1].pos_ == "PROPN":
            names = before[1:]
            if len(names) <= 5 and all(t.pos_ == "PROPN" or t.is_punct for t in names):
                return before[0], before[1]
        # 'Graham: Trump's "hateful rhetoric" ...' (a headline or transcript line led by a name)
        lead_toks = [t for t in touched[0] if t.idx < m.start]
        colon = next((k for k, t in enumerate(lead_toks[:6]) if t.text == ":"), None)
        if colon and all(t.pos_ == "PROPN" or t.is_punct for t in lead_toks[:colon]):
            return lead_toks[colon], lead_toks[colon - 1]
        # 'Cruz called them on it:' / 'the president released the following statement:' — the
        # sentence that ends in the colon before the quote, whatever its verb
        lead_in = [t for t in before if not t.is_space]
        if lead_in and lead_in[0].text == ":":
            root = lead_in[0].sent.root
            subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
            if root.pos_ in ("VERB", "AUX") and subj is not None and not in_quote(subj) and subj.lower_ not in ("it", "there"):
                return root, subj
        return None, None

    @staticmethod
    def _inside_complement(cue: Any, m: _Mark, in_quote: Any) -> bool:
        """Whether a quoted span sits inside the clause its cue introduces, after words of the
        reporter's own ('said that voting fraud is "a big problem"')."""
        comp = [c for c in cue.children if c.dep_ in ("ccomp", "xcomp", "dobj", "oprd") and c.i > cue.i]
        if not comp:
            return False
        toks = [t for c in comp for t in c.subtree]
        if not any(t.idx >= m.start and t.idx < m.end for t in toks):
            return False
        own = [t for t in toks if t.idx < m.start and not t.is_punct and not in_quote(t)
               and not (t.dep_ == "mark" and t.lower_ in ("that", "whether", "if"))]
        return len(own) >= 2

    def _speaker_of(self, cue: Any) -> Any:
        """The speaker of a speech verb: its subject; for 'X quoted Y as saying', Y."""
        if cue.lemma_.lower() == "quote":
            objs = [c for c in cue.children if c.dep_ == "dobj"]
            if objs:  # prefer the name when the parser splits role and name
                return next((o for o in objs if o.pos_ == "PROPN"), objs[0])
        subj = next((c for c in cue.children if c.dep_ == "nsubj"), None)
        if subj is None and self._second_report(cue):
            # 'China said the test was reckless and warned of sanctions': the speaker of 'said'
            subj = self._speaker_of(cue.head.head)
        if subj is None and cue.dep_ in ("advcl", "conj", "xcomp", "pcomp"):
            subj = next((c for c in cue.head.children if c.dep_ == "nsubj"), None)
        if subj is None and cue.dep_ == "xcomp":  # "X is expected to endorse"
            subj = next((c for c in cue.head.children if c.dep_ == "nsubjpass"), None)
        if subj is None and cue.dep_ == "pcomp" and cue.head.dep_ == "prep":  # "ended by saying that"
            subj = next((c for c in cue.head.head.children if c.dep_ == "nsubj"), None)
        if subj is None and cue.dep_ == "acl" and cue.tag_ == "VBG" and cue.head.pos_ in ("NOUN", "PROPN"):
            # "released a statement saying ...": whoever released it; "signs saying ...": the signs
            noun = cue.head
            if noun.lemma_.lower() in self.speech_nouns and noun.dep_ in ("dobj", "pobj"):
                verb = noun.head if noun.dep_ == "dobj" else noun.head.head
                subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            subj = subj or noun
        if subj is None and cue.dep_ == "prep":  # "as saying"
            return None
        up = cue
        for _ in range(4):  # 'appeared on the radio and began by saying ...': the subject of the verb it hangs on
            if subj is not None or up.dep_ not in ("conj", "pcomp", "prep") or up.head.i == up.i:
                break
            up = up.head
            subj = next((c for c in up.children if c.dep_ == "nsubj"), None)
        if subj is None and cue.dep_ == "ROOT" and _lemma(cue) in self.verbs and cue.i > 0:
            # 'In a meeting with the board of the Post Smith said ...': the parser took the name into
            # the phrase before it; the name right before the verb ('also', 'later' aside) speaks
            prev = cue.doc[cue.i - 1]
            while prev.dep_ == "advmod" and prev.i > 0 and prev.head.i == cue.i:
                prev = cue.doc[prev.i - 1]
            if prev.pos_ in ("PROPN", "PRON") and prev.dep_ in ("pobj", "compound", "appos", "npadvmod") \
                    and prev.sent.start == cue.sent.start:
                subj = prev
        if subj is not None and subj.lower_ in ("that", "this") and subj.i == cue.i - 1 and cue.i + 1 < len(cue.doc) \
                and cue.doc[cue.i + 1].text == ",":
            return None  # "That said, ..."
        return subj

    def _indirect(self, article: Article, sent: Any, people: "_PersonIndex", in_quote: Any,
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
            if objs and (all(t.i in run_ids for t in objs[0].subtree) or _sentence_minus(
                    sent, tok.i, max(t.i for t in objs[0].subtree) + 1) is not None):
                speaker_tok = self._by_agent(objs[0])
                cut = max(t.i for t in objs[0].subtree) + 1
            else:
                heads = [t for t in run if t.head.i not in run_ids and t.pos_ in ("NOUN", "PROPN", "PRON")]
                nouns = [t for t in run if t.pos_ in ("NOUN", "PROPN", "PRON")]
                if not (heads or nouns):
                    continue
                speaker_tok = heads[0] if heads else nouns[-1]
                cut = run[-1].i + 1
            content = _sentence_minus(sent, tok.i, cut)
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
                out.append(Quote(
                    content=article.text[start:end], start=start, end=end, speaker=None, speaker_start=None,
                    speaker_end=None, speaker_type="unattributed", cue=cue.text, direct=False,
                    cue_start=cue.idx, cue_end=cue.idx + len(cue.text), rule="unsourced-cue"))
                continue
            out.append(self._make(article, subj, (start, end), cue.text, cue, people, sent,
                                  direct=False, rule="verb-cue"))
        out.extend(self._hearsay_claims(article, words, in_quote, quotes, out))
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
                content = _sentence_minus(sent, prep.i, max(t.i for t in obj.subtree) + 1)
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
            (start, end), subj = found
            if subj is None:
                out.append(Quote(
                    content=article.text[start:end], start=start, end=end, speaker=None, speaker_start=None,
                    speaker_end=None, speaker_type="unattributed", cue=adj.text, direct=False,
                    cue_start=adj.idx, cue_end=adj.idx + len(adj.text), rule="adjective-cue"))
            else:
                out.append(self._make(article, subj, (start, end), adj.text, adj, people, sent,
                                      direct=False, rule="adjective-cue"))
        return out

    @staticmethod
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
            toks = _trim([t for t in verb.subtree if t.i not in cut])
            if len(toks) < 3:
                continue
            start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            if any(q.start <= start and end <= q.end + CLOSE_SLACK for q in list(quotes) + found):
                continue  # inside a claim or quote already
            out.append(Quote(
                content=article.text[start:end], start=start, end=end, speaker=None, speaker_start=None,
                speaker_end=None, speaker_type="unattributed", cue=adv.text, direct=False,
                cue_start=adv.idx, cue_end=adv.idx + len(adv.text), rule="unsourced-cue"))
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
        toks = _trim([t for c in parts for t in c.subtree])
        if len(toks) < 2 or toks[0].i <= subj.i <= toks[-1].i:
            return None
        speaker = None if subj.lower_ in ("it", "there") else subj
        return (toks[0].idx, toks[-1].idx + len(toks[-1].text)), speaker

    # ------------------------------------------------------------------
    def _claim_of_verb(self, cue: Any, sent: Any, in_quote: Any) -> tuple[tuple[int, int], Any, bool] | None:
        """(content range, speaker token, has a source) of a cue verb, or None.

        By the kind of verb (data/attribution.yaml): speech and belief verbs
        take a clause ("said that ..."; "The talks, she said, are over");
        intent verbs a to-infinitive ("wants to ..."); stance verbs their
        object ("criticized the president for ..."); phrasal cues their
        preposition ("called for ..."). "X seemed to", "X is expected to" have
        no source."""
        lemma = _lemma(cue)
        kids = list(cue.children)
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in kids)
        parts: list[Any] = []
        if passive and (lemma in REPORTED_BY_VERBS or lemma in self.passive_verbs) and any(
                c.dep_ == "agent" and c.i > cue.i for c in kids):
            # "The meeting was first reported by Politico": what a named outlet made known first;
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
            return self._finish(_trim(toks), None, False)
        if passive and lemma in self.stimulus_verbs:
            # 'the growers were dismayed by the ruling': the ones moved are the source, the cause
            # after 'by' the content
            subj = next((c for c in kids if c.dep_ == "nsubjpass" and c.i < cue.i), None)
            cause = next((o for c in kids if c.dep_ == "agent" and c.i > cue.i
                          for o in c.children if o.dep_ == "pobj"), None)
            if subj is not None and cause is not None and subj.tag_ not in ("WDT", "WP") \
                    and subj.lower_ not in ("it", "this", "that"):
                return self._finish(_trim(list(cause.subtree)), subj, True)
        if lemma in ("title", "entitle") and cue.tag_ == "VBN" and cue.dep_ == "acl":
            # 'an advert titled "Our Harbour"': the name a work is given, the message it carries
            named = [c for c in kids if c.dep_ in ("oprd", "dobj", "attr", "xcomp", "ccomp") and c.i > cue.i]
            if not named:
                return None
            return self._finish(_trim([t for c in named[:1] for t in c.subtree]), None, False)
        if lemma in self.stimulus_verbs and not passive:
            # 'The new levy angered farmers', 'that worries environmentalists': the ones moved are the
            # source, what moves them (the subject, or the clause of an 'it ... that') the content
            found = self._stimulus_claim(cue, kids)
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
                return self._finish(_trim(toks), self._speaker_of(cue), True, inside_ok=True)
            if lemma in self.verbs and not passive:
                split = self._split_host(cue, kids)
                if split is not None:
                    return split
            if not parts and cue.dep_ == "parataxis" and lemma in self.verbs and not passive:
                # "The talks, the minister said, are over": the host clause
                host = cue.head
                own = {t.i for t in cue.subtree}
                toks = [t for t in host.subtree if t.i not in own]
                return self._finish(_trim(toks), self._speaker_of(cue), True, inside_ok=True)
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
            return self._finish(_trim(toks), None, False)
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
                    and self._is_cue(_lemma(c)) and any(x.dep_ == "nsubj" and x.pos_ in ("NOUN", "PROPN")
                                                         for x in c.children)]
            if late and any(c.i < late[0].i and c.i > cue.i for c in parts):
                toks = [t for t in toks if t.i < min(late[0].left_edge.i, late[0].i)]
                while toks and (toks[-1].dep_ == "cc" or toks[-1].is_punct):
                    toks = toks[:-1]
        rel = [t for t in toks if t.dep_ == "relcl" and t.i > cue.i and t.pos_ == "VERB" and self._is_cue(_lemma(t))
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
            speaker = self._lost_speaker(cue)
        said = [c for c in parts if c.i > cue.i]
        if speaker is None and lemma in self.verbs and said and all(
                c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") for c in said) and not (
                cue.i + 1 < len(cue.doc) and cue.doc[cue.i + 1].text == ","):
            # a clause said where the parse found no subject for the verb: 'she is quick to point
            # out that ...' (the subject of the clause the verb hangs on), 'X, a rabbi leading the
            # boycott, said ...' (the name read into a clause before the verb); else no source named
            toks = _trim([t for c in said for t in c.subtree])
            return self._finish(toks, self._lost_speaker(cue), True) or self._finish(toks, None, False)
        return self._finish(_trim(toks), speaker, True)

    def _split_host(self, cue: Any, kids: list[Any]) -> tuple[tuple[int, int], Any, bool] | None:
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
            return None  # 'Late last month, the company wrote ...': a time, not the host's subject
        comma = host.right_edge.i + 1
        if comma >= speaker.left_edge.i or doc[comma].text != "," or speaker.left_edge.i != comma + 1:
            return None
        rest = next((c for c in kids if c.i > cue.i and c.dep_ in ("ccomp", "conj", "advcl")
                     and c.pos_ in ("VERB", "AUX") and c.left_edge.i > cue.i
                     and doc[c.left_edge.i - 1].text == ","), None)
        if rest is None:
            return None
        toks = list(doc[host.left_edge.i: rest.right_edge.i + 1])
        return self._finish(_trim(toks), speaker, True, inside_ok=True)

    @staticmethod
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

    def _conj_cue_at(self, toks: list[Any]) -> int | None:
        """Where a second speech verb without a subject of its own joins a claim ('she said the
        port would reopen and warned of delays'): the index of its 'and', or None. The parser
        hangs such a verb on the reported clause; it is a second report by the same speaker."""
        ids = {t.i for t in toks}
        for x in toks:
            if x.head.i in ids and x.i > x.head.i and self._second_report(x):
                seps = [c.i for c in x.head.children if x.head.i < c.i < x.i and (
                    c.dep_ == "cc" or c.dep_ == "punct" and c.text in (",", ";", "—", "--"))]
                return seps[-1] if seps else x.i
        return None

    def _second_report(self, x: Any) -> bool:
        """'... and warned ...', '..., adding that ...': a speech verb without a subject of its own
        hung on the clause a speech verb reports."""
        if x.pos_ == "VERB" and x.dep_ == "conj" and x.head.dep_ == "ccomp" and _lemma(x.head.head) in self.verbs \
                and x.tag_ in ("VBD", "VBZ", "VBP") and self._is_cue(_lemma(x)) and any(
                c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN") for c in x.children):
            return True  # 'said the port would reopen, and the union warned of delays': another speaker's report
        return x.pos_ == "VERB" and x.head.dep_ == "ccomp" and _lemma(x) in self.verbs \
            and _lemma(x.head.head) in self.verbs \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in x.children) and (
                x.dep_ == "conj" and x.tag_ in ("VBD", "VBZ", "VBP")
                or x.dep_ == "advcl" and x.tag_ == "VBG" and not any(c.dep_ in ("mark", "prep") for c in x.children))

    @staticmethod
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
        return Attribute._finish(_trim(toks), obj, True)

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
            speaker = self._by_agent(agent)
            # 'the mayor was criticized by the council for the delays': the agent stands between
            # the subject and the grounds; the whole clause is what the source said of the subject
            inside = speaker is not None and subj is not None and any(c.i > agent.i for c in parts)
            return self._finish(_trim(toks), speaker, True, inside_ok=inside)
        return self._finish(_trim(toks), None, False)

    def _is_cue(self, lemma: str) -> bool:
        return (lemma in self.verbs or lemma in self.belief_verbs or lemma in self.intent_verbs
                or lemma in self.object_verbs or lemma in self.prep_verbs or lemma in self.as_verbs)

    @staticmethod
    def _finish(toks: list[Any], subj: Any, sourced: bool, *, inside_ok: bool = False,
                ) -> tuple[tuple[int, int], Any, bool] | None:
        if not toks or (sourced and subj is None):
            return None
        if len(toks) == 1 and not _one_word_claim(toks[0]):
            return None
        if subj is not None and not inside_ok and toks[0].i <= subj.i <= toks[-1].i:
            return None  # the speaker inside its own claim: a parse gone wrong
        return (toks[0].idx, toks[-1].idx + len(toks[-1].text)), subj, sourced

    def _noun_claims(self, article: Article, sent: Any, words: list[Any], people: "_PersonIndex",
                     in_quote: Any) -> list[Quote]:
        """Claims of the claim and stance nouns of a sentence ("Trump's claim that ...", "the
        decision by the board to ...", "worries that ..."); a claim noun with no owner gives a
        claim with no source."""
        out: list[Quote] = []
        for noun in words:
            lemma = noun.lemma_.lower()
            if noun.pos_ != "NOUN" or in_quote(noun):
                continue
            if lemma in self.role_nouns:
                found = self._claim_of_role(noun)
                if found is not None:
                    out.append(self._make(article, found[1], found[0], noun.text, noun, people, sent,
                                          direct=False, rule="noun-cue"))
                continue
            if lemma not in self.claim_nouns and lemma not in self.stance_nouns and lemma not in self.reception_nouns:
                continue
            if noun.dep_ == "dobj" and lemma in self.speech_nouns and _lemma(noun.head) in self.light_verbs:
                continue  # "expressed concern about ...": the light verb's claim
            found = self._backing_of(noun) if lemma in AGENT_OF_NOUNS else None
            if lemma in self.claim_nouns or lemma in self.stance_nouns:
                found = found or self._claim_of_noun(noun)
            if found is None and lemma in self.reception_nouns:
                found = self._target_of(noun)
            if found is None:
                continue
            (start, end), subj = found
            if subj is None:
                out.append(Quote(
                    content=article.text[start:end], start=start, end=end, speaker=None, speaker_start=None,
                    speaker_end=None, speaker_type="unattributed", cue=noun.text, direct=False,
                    cue_start=noun.idx, cue_end=noun.idx + len(noun.text), rule="noun-cue"))
            else:
                out.append(self._make(article, subj, (start, end), noun.text, noun, people, sent,
                                      direct=False, rule="noun-cue"))
        return out

    def _target_of(self, noun: Any) -> tuple[tuple[int, int], Any] | None:
        """"The proposal has drawn sharp criticism from farmers", "the ad came under fire": a noun of
        how others judge a thing, taken by a target verb (or 'came under'), with no clause or object of
        its own; the subject (a thing, not a person) is what is judged, the one after 'from' the source."""
        verb = noun.head if noun.dep_ == "dobj" else None
        if noun.dep_ == "pobj" and noun.head.lower_ == "under" and _lemma(noun.head.head) == "come":
            verb = noun.head.head  # 'came under scrutiny'
        if verb is None or verb.pos_ not in ("VERB", "AUX") or (
                _lemma(verb) not in self.target_verbs and _lemma(verb) != "come"):
            return None
        if any(c.dep_ in ("compound", "poss") or c.dep_ == "amod" and c.tag_ == "NN" for c in noun.children):
            return None  # 'came under mortar fire', 'drew the mayor's praise'
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.pos_ in ("PRON", "DET") or subj.ent_type_ in ("PERSON", "NORP") \
                or subj.lower_ in RELATIVE_PRONOUNS:
            return None  # a person under fire is not a reported claim; a thing said or done is
        toks = _trim([t for t in subj.subtree if t.i < verb.i])
        if not toks:
            return None
        source = next((o for c in noun.children if c.dep_ == "prep" and c.lower_ == "from" and c.i > noun.i
                       for o in c.children if o.dep_ == "pobj"), None) or next(
            (o for c in verb.children if c.dep_ == "prep" and c.lower_ == "from" and c.i > noun.i
             for o in c.children if o.dep_ == "pobj"), None)
        return (toks[0].idx, toks[-1].idx + len(toks[-1].text)), source

    def _claim_of_role(self, noun: Any) -> tuple[tuple[int, int], Any] | None:
        """"Ryan, a vocal advocate of free trade", "Clinton is a staunch supporter of the treaty",
        "as a backer of the plan": the object of the preposition, and the one the role is said of."""
        preps = self.role_nouns[noun.lemma_.lower()]
        parts = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in preps and c.i > noun.i
                 and any(x.dep_ in ("pobj", "pcomp") for x in c.children)]
        if not parts:
            return None
        node = noun.head if noun.dep_ == "conj" and noun.head.pos_ == "NOUN" else noun
        holder = None
        if node.dep_ == "appos":  # "Adelson, a fierce supporter of ..."
            holder = node.head
        elif node.dep_ in ("attr", "oprd"):  # "she is / has become a supporter of ..."
            holder = next((c for c in node.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        elif node.dep_ == "pobj" and node.head.lower_ == "as":  # "Graham, as a backer of ..., is"
            host = node.head.head
            holder = host if host.pos_ in ("PROPN", "NOUN") else next(
                (c for c in host.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if holder is None or holder.lower_ in ("it", "there", "this", "that", "what"):
            return None
        toks = _trim([t for c in parts for t in c.subtree][1:])  # without the preposition
        if not toks or toks[0].i <= holder.i <= toks[-1].i:
            return None
        return (toks[0].idx, toks[-1].idx + len(toks[-1].text)), holder

    @staticmethod
    def _backing_of(noun: Any) -> tuple[tuple[int, int], Any] | None:
        """"Cruz won the endorsement of the governor", "the bill has the backing of the unions":
        the one after 'of' backs the subject; the subject is the content."""
        if noun.dep_ != "dobj" or any(c.dep_ == "poss" for c in noun.children) or \
                _lemma(noun.head) in ("withhold", "withdraw", "pull", "express", "voice", "offer", "give", "lend", "pledge"):
            return None
        backer = next((o for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "from") and c.i > noun.i
                       for o in c.children if o.dep_ == "pobj"), None)
        verb = noun.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and verb.dep_ in ("conj", "xcomp"):
            subj = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if backer is None or subj is None or subj.lower_ in ("it", "there", "this", "that"):
            return None
        toks = list(subj.subtree)
        if subj.lower_ not in RELATIVE_PRONOUNS and subj.pos_ != "PRON":
            toks = [t for t in toks if t.i < verb.i]
        toks = _trim(toks)
        if not toks:
            return None
        return (toks[0].idx, toks[-1].idx + len(toks[-1].text)), backer

    def _claim_of_noun(self, noun: Any) -> tuple[tuple[int, int], Any] | None:
        """"Trump's claim that ...", "her criticism of Sanders", "the decision by the FBI to ...":
        the clause or object, and the owner (the possessor, or the agent after 'by' or
        'from'); None for the owner when none is named ("charges that he lied")."""
        owner = self._noun_owner(noun)
        if owner is not None and owner.lower_ == "your":
            return None
        parts = self._noun_complements(noun)
        if not parts and noun.dep_ == "nsubj" and _lemma(noun.head) == "be" and noun.lemma_.lower() in self.claim_nouns:
            # "Her argument is that ...", "the fear was that ...": the clause after the copula
            parts = [c for c in noun.head.children if c.dep_ == "ccomp" and c.i > noun.head.i and any(
                m.dep_ == "mark" and m.lower_ in ("that", "whether", "if") for m in c.children)]
        if not parts:
            return None
        toks = _trim([t for c in parts for t in c.subtree])
        if len(toks) < 2 and not (len(toks) == 1 and _one_word_claim(toks[0])):
            return None
        if owner is not None and toks[0].i <= owner.i <= toks[-1].i:
            owner = None
        if owner is None and not self._ownerless_ok(noun, parts):
            return None
        return (toks[0].idx, toks[-1].idx + len(toks[-1].text)), owner

    def _noun_owner(self, noun: Any) -> Any:
        """Whose claim a claim noun is: "Trump's claim", "the decision by the FBI", "criticism
        from Democrats"; None when not named."""
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is not None:
            return owner
        names = [c for c in noun.children if c.dep_ == "compound" and c.i < noun.i and c.pos_ == "PROPN"]
        if names:  # "a New York Times report that ...", "Trump claims that ..." read as a noun phrase
            return names[-1]
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "from") and c.i > noun.i:
                obj = next((o for o in c.children if o.dep_ == "pobj"), None)
                if obj is not None and obj.ent_type_ not in ("DATE", "TIME", "CARDINAL", "GPE") \
                        and obj.pos_ in ("PROPN", "NOUN", "PRON"):
                    return obj
        # "Christie unleashed attacks on Rubio", "Graham came out in support of Cruz", "the campaign
        # has plans to ...": the subject of the verb that takes the noun (or its phrase)
        verb = noun.head if noun.dep_ == "dobj" else None
        if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("VERB", "AUX"):
            verb = noun.head.head
        if verb is None or verb.pos_ not in ("VERB", "AUX") or _lemma(verb) in self.target_verbs:
            return None  # "faced criticism", "drew questions": the subject is the target
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
            return None
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "expl")), None)
        if subj is None and verb.dep_ in ("xcomp", "conj", "advcl"):  # "tried to launch an attack", "... and made ..."
            subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.dep_ == "expl" or subj.lower_ in ("it", "there", "this", "that", "what"):
            return None
        return subj

    def _ownerless_ok(self, noun: Any, parts: list[Any]) -> bool:
        """A noun of speech or opinion with no owner still marks a claim ("charges that he lied",
        "worries that the deal would fail", "questions about his health"); a noun of an act
        ("the attack on ...", "the decision to ...") needs its owner."""
        if noun.lemma_.lower() not in self.open_claim_nouns:
            return False
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head
        # "won the support of the unions": the object of 'of' is the source, the content unsaid
        return not (_lemma(verb) in self.target_verbs and any(c.lower_ == "of" for c in parts))

    def _noun_complements(self, noun: Any) -> list[Any]:
        """What a claim noun is about: its that/to clause, or for a stance noun the object of
        its preposition ("support for X", "criticism of Y")."""
        lemma = noun.lemma_.lower()
        # "the support of the unions" names who supports; "in support of X", "her support of X" what
        agent_of = lemma in AGENT_OF_NOUNS and not (noun.dep_ == "pobj" and noun.head.lower_ == "in") and not any(
            c.dep_ == "poss" for c in noun.children)
        return [c for c in noun.children if c.i > noun.i and (
            c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX") and
            any(m.dep_ in ("mark", "aux") and m.lower_ in ("that", "to") for m in c.children)
            or c.dep_ == "prep" and lemma in self.stance_nouns and c.lower_ in self.stance_nouns[lemma]
            and not (agent_of and c.lower_ == "of")
            and not any(o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME") for o in c.children))]  # "remarks on Monday"

    def _light_verb_claim(self, cue: Any, kids: list[Any]) -> list[Any]:
        """"made allegations against the NRA", "took a shot at Clinton", "expressed support for
        Trump": a light verb with a speech noun object; the noun's complement is the content."""
        for c in kids:
            if c.dep_ == "dobj" and c.lemma_.lower() in self.speech_nouns:
                comp = self._noun_complements(c) or [
                    x for x in c.children if x.i > c.i and x.dep_ in ("prep", "acl", "relcl")] or [
                    # 'threw its support behind the mayor': the preposition hung on the verb
                    x for x in kids if x.i > c.i and x.dep_ == "prep" and x.lower_ in ("behind", "for", "on", "against")
                    and any(o.dep_ == "pobj" and o.ent_type_ not in ("DATE", "TIME") for o in x.children)][:1]
                return comp
        return []

    def _headline_claims(self, article: Article, sent: Any, words: list[Any], people: "_PersonIndex",
                         in_quote: Any, used_cues: set[int], taken: list[Quote]) -> list[Quote]:
        """Cue verbs the tagger reads as nouns, mostly in headlines and short sentences: "Mayor
        Slams Budget Plan", "Rivera vows to fight on", "Farmers fear drought": the name before
        the word speaks, what follows is the content."""
        out: list[Quote] = []
        cues = {q.cue_start for q in taken}
        for tok in words:
            if tok.pos_ not in ("NOUN", "PROPN", "ADJ") or tok.idx in cues or tok.i in used_cues or in_quote(tok) \
                    or any(q.start <= tok.idx < q.end for q in out):
                continue
            found = self._headline_cue(sent, tok) or self._second_cue(article, sent, tok, taken + out)
            if found is None:
                continue
            subj, (start, end) = found
            out.append(self._make(article, subj, (start, end), tok.text, tok, people, sent,
                                  direct=False, rule="headline-cue"))
        return out

    def _second_cue(self, article: Article, sent: Any, tok: Any, quotes: list[Quote]) -> tuple[Any, tuple[int, int]] | None:
        """"The mayor chides the board and praises the unions", "Senator Backs Plan, Slams Critics":
        a second cue verb of the same form after 'and' or a comma right behind the first claim
        has the same speaker; the first claim ends before it."""
        doc = sent.doc
        form = _verb_form(tok, self._is_cue)
        if form is None or form[1] == "base" or form[0] in HEADLINE_NOUNS or tok.i == sent.start or tok.is_upper \
                or form[1] == "ed" and not tok.is_title:  # "his claims and alleged lies"
            return None
        prev = doc[tok.i - 1]
        if prev.lower_ not in ("and", ",") or tok.i + 1 >= sent.end:
            return None
        first = None
        for q in quotes:
            if q.speaker and q.rule in ("verb-cue", "headline-cue") and sent.start_char <= q.cue_start and \
                    q.cue_end <= prev.idx and prev.idx - 2 <= q.end and id(q) in self._subjects:
                first = q
        if first is None:
            return None
        cue = doc.char_span(first.cue_start, first.cue_end)
        if cue is None or len(cue) != 1 or (_verb_form(cue[0], self._is_cue) or ("", ""))[1] != form[1]:
            return None  # "Mayor Backs ... And Denounces ...": the two verbs in the same form
        run = []
        for t in doc[tok.i + 1: sent.end]:
            if t.text in (",", ";", ":", "—", "–", "--", "(", "?", "!") or t.is_space or "\n" in t.text:
                break
            run.append(t)
        lemma = form[0]
        if not (lemma in self.verbs or lemma in self.belief_verbs) and any(
                t.tag_ in FINITE_TAGS and t.pos_ in ("VERB", "AUX") and not t.ent_type_ for t in run):
            return None
        toks = _trim(run)
        if not toks or (len(toks) == 1 and not _one_word_claim(toks[0])):
            return None
        if first.end > prev.idx:  # the first claim took the second verb in: it ends before 'and'
            head = _trim([t for t in doc[sent.start: prev.i] if t.idx >= first.start])
            if not head:
                return None
            first.end = head[-1].idx + len(head[-1].text)
            first.content = article.text[first.start:first.end]
        return self._subjects[id(first)], (toks[0].idx, toks[-1].idx + len(toks[-1].text))

    def _headline_cue(self, sent: Any, tok: Any) -> tuple[Any, tuple[int, int]] | None:
        """(speaker token, content range) when `tok` is a cue verb mis-tagged as a noun: a verb
        form right after a name or noun, no finite verb before it in the sentence (else the
        sentence has its own verb and the word is an ordinary noun: "rejected the plans"), and
        no determiner or possessive of its own ("his plans")."""
        form = _verb_form(tok, self._is_cue)
        if form is None or form[0] in HEADLINE_NOUNS or tok.is_upper:
            return None
        lemma, kind = form
        doc = sent.doc
        if tok.i == sent.start or tok.i + 1 >= sent.end:
            return None
        prev, nxt = doc[tok.i - 1], doc[tok.i + 1]
        if prev.is_title and prev.lower_.endswith("ly") and prev.i > sent.start:
            prev = doc[prev.i - 1]  # "Mayor Finally Backs ..."
        if tok.ent_iob_ == "I" and tok.ent_type_ != "PERSON" or nxt.ent_iob_ == "I" and nxt.ent_type_ == tok.ent_type_ \
                and tok.ent_type_ not in ("", "PERSON") or prev.dep_ == "pobj":
            return None  # a name's part: "the Ohio State campus", "Rasmussen Reports"
        if TITLE_WORDS.search(tok.text) or nxt.is_title and TITLE_WORDS.fullmatch(nxt.text) or (
                _verb_form(prev, self._is_cue) or ("", ""))[1] in ("s", "ed"):
            return None  # "District Judge ...", "Campaign Manager", "Aims Insult At"
        if prev.pos_ not in ("PROPN", "NOUN") or prev.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"):
            if not (kind == "base" and prev.lower_ in ("many", "some", "most", "others", "they", "we")):
                return None
        if kind == "base" and prev.tag_ not in ("NNS", "NNPS") and prev.pos_ != "PRON" and prev.lower_ not in (
                "many", "some", "most", "others"):
            return None  # "the wage freeze", "a Senate vote": a bare noun after a singular noun
        if kind == "s" and prev.tag_ in ("NNS", "NNPS"):
            return None  # "the party leaders' plans", "voter fears": a plural noun before an -s word
        if kind == "ed" and not tok.is_title:
            return None
        speech = lemma in self.verbs or lemma in self.belief_verbs
        if speech and nxt.text in (".", ";") and nxt.i >= sent.end - 2 or nxt.text == "," and lemma == "show":
            return self._closing_cue(sent, tok, prev)
        if any(c.dep_ in ("det", "poss", "amod", "nummod", "predet") and c.i < tok.i and c.i != prev.i for c in tok.children):
            return None
        to_verb = lemma in self.intent_verbs and nxt.lower_ == "to" and tok.i + 2 < sent.end \
            and doc[tok.i + 2].tag_ == "VB"  # "the city council plans to build ...": a verb
        named_object = kind == "s" and nxt.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") and nxt.ent_iob_ == "B"
        if any(c.dep_ in ("det", "poss") and c.i < prev.i for c in prev.children) and prev.dep_ in ("compound", "nmod") \
                and not (to_verb or named_object or kind == "ed"):  # but "the city's mayor rebuffs Smith"
            return None  # "the city plans": the noun's phrase ends in the cue word
        # the clause the word stands in: after the last 'that', 'as', 'because' ... before it
        start = next((x.i + 1 for x in reversed(doc[sent.start: prev.i]) if x.tag_ == "IN" and x.lower_ in CLAUSE_MARKS
                      or x.text in (";", ":")), sent.start)
        if any(x.pos_ in ("VERB", "AUX") and x.tag_ in FINITE_TAGS for x in doc[start: tok.i]):
            return None
        if nxt.is_punct or nxt.is_lower and nxt.tag_ in FINITE_TAGS or nxt.pos_ == "AUX" or nxt.tag_ == "POS":
            return None  # "the plans were shelved", "the talks' failure"
        run = []
        for t in doc[tok.i + 1: sent.end]:
            if t.text in (",", ";", ":", "—", "–", "--", "(", "?", "!") or t.is_space or "\n" in t.text:
                break
            run.append(t)
        if tok.dep_ == "compound" and tok.head.dep_ in ("nsubj", "nsubjpass") and tok.head.head.tag_ in FINITE_TAGS:
            return None  # "the Gallup Reports survey shows ...": part of the subject of a verb
        if not speech and any(t.tag_ in FINITE_TAGS and t.pos_ in ("VERB", "AUX") and not t.ent_type_ for t in run):
            return None  # "the vote counts were ...": the sentence's own verb comes after
        if tok.is_lower and prev.is_lower and not (speech and nxt.lower_ == "that" or to_verb) and any(
                t.tag_ in FINITE_TAGS and t.pos_ in ("VERB", "AUX") for t in doc[tok.i + 1: sent.end]):
            return None  # "In swing states like Ohio, voters ...": a compound noun in a sentence with a verb
        if lemma in self.prep_verbs and not (speech or lemma in self.intent_verbs or lemma in self.object_verbs):
            preps = self.prep_verbs[lemma]
            k = next((n for n, t in enumerate(run) if t.lower_ in preps), None)
            if k is None:
                return None
            run = run[k:]
        toks = _trim(run)
        if toks and (speech or to_verb):  # a clause the parse did hang on the word runs on past commas
            last = max((t.i for c in tok.children if c.i > tok.i and c.dep_ in ("xcomp", "ccomp", "acl", "relcl")
                        and c.pos_ in ("VERB", "AUX") for t in c.subtree), default=-1)
            if last > toks[-1].i:
                toks = _trim(list(doc[toks[0].i: last + 1]))
        if not toks or (len(toks) == 1 and not _one_word_claim(toks[0])):
            return None
        return prev, (toks[0].idx, toks[-1].idx + len(toks[-1].text))

    @staticmethod
    def _closing_cue(sent: Any, tok: Any, prev: Any) -> tuple[Any, tuple[int, int]] | None:
        """"The bridge will reopen in May, the city's engineer maintains.", "..., records show,
        ...": a cue after a comma that closes or interrupts the claim; the rest of the
        sentence is the content."""
        doc = sent.doc
        i = prev.i
        while i > sent.start and (doc[i - 1].pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM") or doc[i - 1].tag_ == "POS"):
            i -= 1
        if i == sent.start or doc[i - 1].text != "," or prev.i - i > 6 or doc[i].pos_ not in ("DET", "PROPN") and \
                prev.lemma_.lower() not in RECORD_NOUNS:
            return None  # "..., the state auditor maintains.", "..., port records show.", not "..., big personal promises."
        after = doc[tok.i + 2] if tok.i + 2 < sent.end else None
        if after is not None and after.pos_ != "CCONJ":
            content = _sentence_minus(sent, i - 1, tok.i + 2)
            return None if content is None else (prev, content)
        toks = _trim(list(doc[sent.start: i - 1]))
        if len(toks) < 3:
            return None
        return prev, (toks[0].idx, toks[-1].idx + len(toks[-1].text))

    def _phrase_at(self, sent: Any, i: int) -> int:
        doc = sent.doc
        for words in self._phrases_by_first.get(doc[i].lower_, ()):
            if i + len(words) <= sent.end and all(doc[i + k].lower_ == w for k, w in enumerate(words)):
                return len(words)
        return 0

    @staticmethod
    def _by_agent(tok: Any) -> Any:
        """'an announcement by Andrei Bogdan' -> Bogdan; 'TASS' -> TASS."""
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "by":
                objs = [o for o in c.children if o.dep_ == "pobj"]
                if objs:
                    return objs[0]
            if c.dep_ == "poss":
                return c
        return tok

    # ------------------------------------------------------------------
    def _make(self, article: Article, subj: Any, content: tuple[int, int], cue: str, cue_tok: Any,
              people: "_PersonIndex", sent: Any, *, direct: bool, rule: str) -> Quote:
        text = article.text
        head_span = _noun_phrase(subj)
        s_start, s_end = head_span[0].idx, head_span[-1].idx + len(head_span[-1].text)
        speaker_text = text[s_start:s_end]
        if subj.lower_ in RELATIVE_PRONOUNS and subj.head.dep_ in ("relcl", "acl") and subj.head.head.i != subj.head.i:
            # "voters who said ...": the voters speak; the span stays on "who"
            ant = subj.head.head
            ant_span = _noun_phrase(ant)
            stype, speaker, title = self._classify(article, ant, ant_span, sent, people)
            speaker = speaker or text[ant_span[0].idx: ant_span[-1].idx + len(ant_span[-1].text)]
        else:
            stype, speaker, title = self._classify(article, subj, head_span, sent, people)
        q = Quote(
            content=text[content[0]:content[1]], start=content[0], end=content[1],
            speaker=speaker or speaker_text, speaker_start=s_start, speaker_end=s_end,
            speaker_type=stype, speaker_title=title, cue=cue, direct=direct,
            cue_start=cue_tok.idx, cue_end=cue_tok.idx + len(cue_tok.text), rule=rule,
        )
        self._subjects[id(q)] = subj
        return q

    def _classify(self, article: Article, subj: Any, span: list[Any], sent: Any,
                  people: "_PersonIndex") -> tuple[str, str | None, str | None]:
        """(speaker type, canonical speaker, title) of a speaker phrase."""
        head = subj
        low = head.lower_
        lemma = head.lemma_.lower()
        s_start, s_end = span[0].idx, span[-1].idx + len(span[-1].text)
        if low in PRONOUNS_PERSON:
            prev = people.last_person_before(head.idx)
            if prev is not None:
                return "named_person", prev.name, prev.title
            return "unattributed", None, None
        if low in PRONOUNS_GROUP:
            return "unattributed", None, None
        person = people.person_in(s_start, s_end)
        owner = None
        if person is not None and head.pos_ == "NOUN" and _in_possessor(head, person):
            # "the mayor's cousin, Rep. Ana Ruiz, said": the cousin speaks, named in apposition
            owner, person = person, None
        if person is None:
            for c in head.children:  # "the deputy director, Colonel Arunas Petraitis, told"
                if c.dep_ == "appos":
                    toks = list(c.subtree)
                    person = people.person_in(toks[0].idx, toks[-1].idx + len(toks[-1].text))
                    if person is not None:
                        t = " ".join(x.text for x in span if x.dep_ != "det")
                        return "named_person", person.name, person.title or t
        if person is None:
            for t in head.subtree:  # "the head of the Lviv administration, Maksym Hnatyuk, said"
                if t.dep_ == "appos" and t.i > head.i:
                    toks = list(t.subtree)
                    person = people.person_in(toks[0].idx, toks[-1].idx + len(toks[-1].text))
                    if person is not None:
                        t_text = " ".join(x.text for x in span if x.dep_ != "det")
                        return "named_person", person.name, person.title or t_text
        person = person or owner
        if person is None and head.pos_ == "PROPN":
            person = people.by_surname(head.text)
        if person is None and TITLE_WORDS.search(head.text):
            # a role with a name in apposition that NER did not take for a person
            for t in head.children:
                if t.dep_ == "appos" and t.pos_ == "PROPN" and t.i > head.i:
                    name_toks = [x for x in t.subtree if x.pos_ == "PROPN"]
                    if 2 <= len(name_toks) <= 4:
                        name = " ".join(x.text for x in name_toks)
                        t_text = " ".join(x.text for x in span if x.dep_ != "det")
                        return "named_person", name, t_text
        if person is not None:
            return "named_person", person.name, person.title or _title_in(span, person)
        ents = [e for e in article.entities if s_start <= e.start and e.end <= s_end]
        sent_low = sent.text.lower()
        anon = any(m in sent_low for m in self.anon_markers)
        if lemma in self.media or low in self.media or any(e.sector == "MED" for e in ents):
            return "media", None, None
        if lemma in self.experts or low in self.experts:
            return "unnamed_expert", None, None
        if lemma in self.anonymous or low in self.anonymous or (anon and lemma not in self.orgs):
            return "anonymous_official", None, _anon_title(span)
        if lemma in self.orgs or any(e.type in ("ORG", "LOCATION", "NATIONALITY") for e in ents):
            return "organisation", None, None
        return "unattributed", None, None


# ----------------------------------------------------------------------
@dataclass(slots=True)
class _Person:
    name: str
    start: int
    end: int
    title: str | None


class _PersonIndex:
    """People named in the article, with full names and titles, in order."""

    def __init__(self, entities: list[Entity], doc: Any) -> None:
        self.mentions: list[_Person] = []
        full: dict[str, str] = {}
        titles: dict[str, str] = {}
        for e in entities:
            if e.type != "PERSON":
                continue
            name = " ".join(e.text.split())
            nick = NICKNAME_SURNAME.match(doc.text, e.end) if doc is not None else None
            if nick is not None and " " not in name:
                name = f"{name} {nick.group(1)}"  # 'Anna "Annie" Lowe', the tagger's person cut at the quote mark
            parts = name.split()
            if not parts:
                continue
            key = parts[-1].lower()
            if len(parts) > 1:
                full.setdefault(key, name)
            canon = full.get(key, name)
            title = _title_for(doc, e)
            if title and canon not in titles:
                titles[canon] = title
            self.mentions.append(_Person(canon, e.start, e.end, None))
        for p in self.mentions:
            p.title = titles.get(p.name)

    def person_in(self, start: int, end: int) -> _Person | None:
        for p in self.mentions:
            if start <= p.start and p.end <= end:
                return p
        return None

    def last_with_title(self, noun: str, before: int) -> _Person | None:
        for p in reversed(self.mentions):
            if p.end <= before and p.title and noun in p.title.lower().replace("-", " ").split():
                return p
        return None

    def by_surname(self, word: str) -> _Person | None:
        """A person named earlier in full, referred to by surname (which NER may mislabel)."""
        w = word.lower()
        for p in self.mentions:
            if p.name.split()[-1].lower() == w and len(p.name.split()) > 1:
                return p
        return None

    def last_person_before(self, offset: int) -> _Person | None:
        before = [p for p in self.mentions if p.end <= offset]
        return before[-1] if before else None


# '"..." ― Jane Doe': a dash after the closing mark, then a capitalised name on the same line
SIGNATURE = re.compile(
    r"[”\"’»']{0,2}[ \t\xa0]*(―|—|–|--)[ \t\xa0]*"
    r"([A-Z][\w.'’-]*(?:[ \t\xa0]+(?:[A-Z][\w.'’-]*|de|da|del|van|von|la|y)){0,5})[ \t\xa0]*[.,]?[ \t\xa0]*(?:\n|$)")

# a line led by its speaker: 'WALLACE: ...', '"PENCE: ...', 'Q: ...', 'Poll: ...'
LINE_LEAD = re.compile(r"[ \t]*([\"“]?)([A-Z][\w.’'&-]*(?:[ \t]+[\w.’'&-]+){0,5}?)[ \t]*:[ \t]+(?=\S)")
LEAD_STOP = {"note", "editor's note", "editor’s note", "update", "updated", "correction", "corrections", "clarification",
             "clarifications", "related",
             "read", "photo", "photos", "video", "watch", "caption", "credit", "credits", "image", "click", "follow",
             "listen", "subscribe", "advertisement", "transcript", "excerpt", "abstract", "summary", "disclaimer",
             "tags", "filed", "posted", "published", "date", "by", "see", "also", "contact", "email", "phone",
             "twitter", "facebook", "source", "sources", "map", "chart", "graphic", "table", "figure", "warning",
             "breaking", "exclusive", "live", "opinion", "analysis", "review", "editorial", "commentary", "sign",
             "latest", "the latest", "reminder", "a reminder", "stat", "quote", "question", "fact", "bottom",
             "the bottom", "why", "what", "how", "who", "where", "when", "here", "this", "today", "tonight"}

TITLE_WORDS = re.compile(
    r"(minister|president|premier|chancellor|secretary|spokes\w+|head|chief|commander|general|"
    r"colonel|ambassador|envoy|director|adviser|advisor|chairman|chair|leader|officer|official|"
    r"governor|mayor|deputy|lieutenant|admiral|major|captain|analyst|expert|professor|senator)",
    re.I,
)


def _title_for(doc: Any, ent: Entity) -> str | None:
    """The title of a person mention: an apposition after it, or title words before it."""
    span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    for c in root.children:
        if c.dep_ == "appos" and c.i > root.i:
            toks = list(c.subtree)
            t = doc[toks[0].i: toks[-1].i + 1].text.strip(" ,")  # doc.text would rebuild the whole text
            if TITLE_WORDS.search(t) and len(t) < 200:
                return t
    # "Defence Minister Viktor Khrenin": compounds before the name
    before = [c for c in root.children if c.i < span.start and c.dep_ in ("compound", "amod", "nmod")]
    if before:
        first = min(t.i for c in before for t in c.subtree)
        t = doc[first:span.start].text.strip(" ,")
        if TITLE_WORDS.search(t):
            return t
    # "Poland's foreign minister, Radoslaw Sikorski": the name is the apposition
    if root.dep_ == "appos" and root.head.i < root.i:
        head = root.head
        toks = [t for t in head.subtree if t.i < span.start]
        if toks:
            t = doc[toks[0].i: toks[-1].i + 1].text.strip(" ,")  # doc.text would rebuild the whole text
            if TITLE_WORDS.search(t):
                return t
    return None


TITLE_SMALL = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "vs", "is"}


def _is_title(doc: Any, m: _Mark, text: str) -> bool:
    """A quoted name in running text (a show, a book, a slogan in Title Case: 'on CBS's "Face
    the Nation"'), not a quote: short, every word capitalised, in a sentence that is not
    itself a Title-Case headline, and not ending in sentence punctuation."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if t.is_alpha]
    if not 2 <= len(words) <= 8 or text[m.end - 1: m.end] in (".", "?", "!"):
        return False
    if not words[0].text[0].isupper() or any(
            not t.text[0].isupper() and t.lower_ not in TITLE_SMALL for t in words):
        return False
    outside = [t for t in span.sent if t.is_alpha and not (m.start <= t.idx < m.end)]
    lower = [t for t in outside if t.text[0].islower() and t.lower_ not in TITLE_SMALL]
    return len(lower) >= 3


BYLINE = re.compile(r"[\"”’'»]*\s*,?\s*by\s+")


def _byline(doc: Any, m: _Mark, text: str) -> bool:
    """A quoted piece with no cue followed by 'by' and a name ('"Ports reopen as talks
    resume," by Reuters' Ana Ruiz'; 'by the Daily Courier's ...') is the title of a piece of
    writing with its author, not a quote; not 'by Friday', 'by contrast'."""
    after = BYLINE.match(text, m.end, m.end + 12)
    if after is None:
        return False
    span = doc.char_span(after.end(), min(len(text), after.end() + 60), alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span[0]
    if tok.lower_ == "the" and len(span) > 1:
        tok = span[1]
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.ent_type_ not in ("DATE", "TIME")


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


def _utterance(doc: Any, m: _Mark, text: str) -> bool:
    """One or two words ending in sentence punctuation or a comma inside the marks ('"Never,"')."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and 1 <= sum(1 for t in span if not t.is_punct) <= 2 \
        and text[m.end - 1: m.end] in (".", ",", "!", "?")


def _is_phrase(content: str) -> bool:
    """Fewer than eight words and no sentence punctuation (nor a comma before a cue) at the end."""
    return len(content.split()) < 8 and content.rstrip("\"”’'» )]")[-1:] not in (".", "?", "!", ",", "…", ";", ":")


def _one_word_claim(tok: Any) -> bool:
    """One word is a claim only as a name, a group or a person ('endorsed Clinton', 'praised
    veterans', 'backed him'), not 'said it' or 'wants more'."""
    return tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and tok.tag_ in ("NNS", "NNPS")) or tok.lower_ in ("him", "her", "them")


def _verb_form(tok: Any, is_cue: Any) -> tuple[str, str] | None:
    """(cue verb lemma, form) of a word read as a verb: "slams" -> (slam, s), "Denied" ->
    (deny, ed), "fear" -> (fear, base); None when no form of the word is a cue verb."""
    w = tok.lower_
    if not w.isalpha() or len(w) < 3:
        return None
    cands: list[tuple[str, str]] = []
    if w.endswith("ies"):
        cands.append((w[:-3] + "y", "s"))
    if w.endswith("es"):
        cands.append((w[:-2], "s"))
    if w.endswith("s") and not w.endswith("ss"):
        cands.append((w[:-1], "s"))
    if w.endswith("ied"):
        cands.append((w[:-3] + "y", "ed"))
    if w.endswith("ed"):
        cands += [(w[:-2], "ed"), (w[:-1], "ed")]
        if len(w) > 4 and w[-3] == w[-4]:
            cands.append((w[:-3], "ed"))  # "slammed"
    cands.append((w, "base"))
    return next((c for c in cands if is_cue(c[0])), None)


def _lead_in_speakers(text: str, quotes: list[Quote]) -> None:
    """'Okafor said the port would reopen. "We are ready," ...': a quote without a cue right after a
    reported claim (same or next paragraph, nothing between) is the same speaker's."""
    ordered = sorted(quotes, key=lambda q: q.start)
    for k, q in enumerate(ordered):
        if q.rule != "quote-no-cue" or k == 0:
            continue
        prev = ordered[k - 1]
        if prev.direct or not prev.speaker or prev.speaker_type == "unattributed" or prev.end > q.start:
            continue
        if text.count("\n\n", prev.end, q.start) > 1 or q.start - prev.end > 400:
            continue
        _copy_speaker(prev, q)
        q.speaker_start, q.speaker_end, q.rule = prev.speaker_start, prev.speaker_end, "lead-in"


def _in_possessor(head: Any, person: _Person) -> bool:
    """Whether a person named in a noun phrase is its possessor ("the mayor's cousin")."""
    for c in head.children:
        if c.dep_ == "poss":
            toks = list(c.subtree)
            if toks[0].idx <= person.start and person.end <= toks[-1].idx + len(toks[-1].text) + 2:
                return True
    return False


def _copy_speaker(src: Quote, dst: Quote) -> None:
    dst.speaker, dst.speaker_type, dst.speaker_title = src.speaker, src.speaker_type, src.speaker_title


def _title_in(span: list[Any], person: _Person) -> str | None:
    words = [t.text for t in span if t.idx < person.start and not t.is_punct and t.dep_ != "det"]
    t = " ".join(words)
    return t if t and TITLE_WORDS.search(t) else None


def _anon_title(span: list[Any]) -> str | None:
    words = [t.text for t in span if t.dep_ != "det"]
    return " ".join(words) or None


def _noun_phrase(tok: Any) -> list[Any]:
    """The head noun with its left modifiers and name parts (not clauses)."""
    keep = {"det", "amod", "compound", "nummod", "poss", "case", "nmod", "quantmod", "advmod"}
    left = [t for t in tok.subtree if t.i < tok.i]
    # only the contiguous run of modifier tokens directly before the head
    toks = [tok]
    for t in reversed(left):
        if t.i == toks[0].i - 1 and (t.dep_ in keep or t.head.i >= t.i and t.dep_ in keep | {"punct"}):
            toks.insert(0, t)
        else:
            break
    # "of the ministry", "for NATO" after the head: short prepositional tails
    right = tok.i + 1
    doc = tok.doc
    while right < len(doc) and doc[right].head == tok and (
            doc[right].dep_ in ("compound", "flat") or (doc[right].dep_ == "appos" and doc[right].pos_ == "PROPN"
                                                      and len(list(doc[right].subtree)) <= 3)):
        toks.append(doc[right])
        right += 1
    if right < len(doc) and doc[right].dep_ == "prep" and doc[right].head == tok and doc[right].lower_ in ("of", "for", "at", "from", "with", "in"):
        tail = list(doc[right].subtree)
        if len(tail) <= 8 and all(t.dep_ not in ("relcl", "acl") for t in tail):
            toks.extend(tail)
    while toks and toks[0].is_punct:
        toks = toks[1:]
    while len(toks) > 1 and toks[-1].is_punct:
        toks = toks[:-1]
    return toks or [tok]


def _sentence_minus(sent: Any, cut_start: int, cut_end: int) -> tuple[int, int] | None:
    """Character range of the sentence without tokens [cut_start, cut_end) and edge punctuation."""
    before = [t for t in sent if t.i < cut_start]
    after = [t for t in sent if t.i >= cut_end]
    part = after if len(after) >= len(before) else before
    part = [t for t in part if not t.is_punct or (part and t.i not in (part[0].i, part[-1].i))]
    while part and part[0].is_punct:
        part = part[1:]
    while part and part[-1].is_punct:
        part = part[:-1]
    if len(part) < 3:
        return None
    return part[0].idx, part[-1].idx + len(part[-1].text)


# forms the small English model lemmatises wrongly ("hop", "retweete", "lambast", "grip")
_LEMMA_FIXES = {"hoping": "hope", "hoped": "hope", "hopes": "hope", "retweeted": "retweet", "texted": "text",
                "blogged": "blog", "lambasted": "lambaste", "gripes": "gripe", "griped": "gripe"}


def _lemma(tok: Any) -> str:
    return _LEMMA_FIXES.get(tok.lower_) or tok.lemma_.lower()


def _drop_nested(quotes: list[Quote]) -> list[Quote]:
    """A quoted phrase without a cue of its own inside a claim's content ('Peru called
    the deal a "betrayal of farmers"') is part of that claim, not a second one."""
    cover = _Cover([(c.start, c.end + 2, id(c)) for c in quotes if not c.direct and c.speaker])
    return [q for q in quotes if not (q.direct and q.rule in ("quote-no-cue", "continuation")
                                      and cover.covers(q.start, q.end, id(q)))]


def _drop_quotes_in_sourced_claims(quotes: list[Quote]) -> list[Quote]:
    """'She said in a statement that the plan was "dead on arrival."', 'According to the report,
    the firm ran "a massive scheme"': the quoted words are part of the claim that the speech noun
    or 'according to' makes, whose cue lies between the quote's own cue and the quote (or is
    that cue), and whose content holds the quote (up to its closing mark and stop); not a second
    statement."""
    by_speaker: dict[int, list[Quote]] = {}
    for c in quotes:
        if c.rule in ("noun-cue", "according-to") and c.speaker_start is not None and c.cue_start is not None:
            by_speaker.setdefault(c.speaker_start, []).append(c)
    return [q for q in quotes if not (
        q.rule == "quote-cue" and q.cue_start is not None and q.cue_start < q.start and any(
            q.cue_start <= c.cue_start <= q.start and c.start <= q.start and q.end <= c.end + CLOSE_SLACK
            for c in by_speaker.get(q.speaker_start, ())))]


class _Cover:
    """Intervals (start, end, key); `covers(a, b, key)`: whether one interval other than `key`
    holds [a, b). Sorted starts with a running top-two of ends: O(log n) a question."""

    def __init__(self, intervals: list[tuple[int, int, int]]) -> None:
        intervals = sorted(intervals)
        self.starts = [iv[0] for iv in intervals]
        self.best: list[tuple[int, int, int]] = []  # (best end, its key, second best end)
        b_end, b_key, second = -1, -1, -1
        for _, end, key in intervals:
            if end > b_end:
                b_end, b_key, second = end, key, b_end
            elif end > second:
                second = end
            self.best.append((b_end, b_key, second))

    def covers(self, a: int, b: int, key: int) -> bool:
        k = bisect.bisect_right(self.starts, a) - 1
        if k < 0:
            return False
        b_end, b_key, second = self.best[k]
        return (second if b_key == key else b_end) >= b


def _trim(toks: list[Any]) -> list[Any]:
    """Tokens in order, contiguous from the first to the last, without edge punctuation."""
    if not toks:
        return []
    doc = toks[0].doc
    lo, hi = min(t.i for t in toks), max(t.i for t in toks)
    out = [doc[i] for i in range(lo, hi + 1)]
    while out and (out[0].is_punct or out[0].is_space):
        out = out[1:]
    while out and (out[-1].is_punct or out[-1].is_space):
        out = out[:-1]
    return out


def _add_piece(q: Quote, text: str, m: _Mark) -> None:
    """Add the quoted span `m` to `q` as its next piece ('"A," he said. "B."')."""
    q.content = f"{q.content} {text[m.start:m.end]}"
    q.parts = q.spans + ((m.start, m.end),)
    q.end = m.end


def _goes_on(text: str, prev_end: int, start: int) -> bool:
    """Whether a quote starting at `start` can go on the one ending at `prev_end`: in the same
    paragraph and near it, or run over into the next paragraph (`_runs_over`)."""
    return "\n\n" not in text[prev_end:start] and start - prev_end <= MERGE_GAP or _runs_over(text, prev_end, start)


def _runs_over(text: str, prev_end: int, start: int) -> bool:
    """A quote left open at its paragraph's end that reopens at the next one's start (news
    style for one quote over several paragraphs): nothing but the break and the opening mark
    between them."""
    gap = text[prev_end:start]
    return gap.count("\n\n") == 1 and gap.strip() in OPEN_CLOSE


def _close_paragraph(text: str, prev_end: int, start: int) -> bool:
    """True when at most one paragraph break lies between the last quote and this one."""
    if prev_end < 0:
        return False
    return text.count("\n\n", prev_end, start) <= 1 and start - prev_end < 1500
