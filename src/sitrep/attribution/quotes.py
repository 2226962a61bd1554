"""Direct quotes: the cue of each quoted span (speech verb before or after, the next sentence piece, a
colon lead-in, 'according to', 'Name: "..."', '"..." ― Name'), a second statement within a run of
pieces, and lines led by a speaker or set off as block quotes.
"""

from __future__ import annotations

import re
from typing import Any

from sitrep.attribution.marks import Mark, OPEN_CLOSE, strip_span
from sitrep.attribution.speakers import by_agent
from sitrep.attribution.words import lemma_of
from sitrep.model import Article, Quote


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


def _lead_ok(doc: Any, m: re.Match) -> bool:
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


def inside_complement(cue: Any, m: Mark, in_quote: Any) -> bool:
    """Whether a quoted span sits inside the clause its cue introduces, after words of the
    reporter's own ('said that the ferry delays are "a real scandal"')."""
    comp = [c for c in cue.children if c.dep_ in ("ccomp", "xcomp", "dobj", "oprd") and c.i > cue.i]
    if not comp:
        return False
    toks = [t for c in comp for t in c.subtree]
    if not any(t.idx >= m.start and t.idx < m.end for t in toks):
        return False
    own = [t for t in toks if t.idx < m.start and not t.is_punct and not in_quote(t)
           and not (t.dep_ == "mark" and t.lower_ in ("that", "whether", "if"))]
    return len(own) >= 2


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


class DirectQuotes:
    """Finds the cue and speaker of quoted spans and lines."""

    def _own_cue_between(self, doc: Any, prev: Quote, m: Mark, in_quote: Any) -> Any:
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
            if not (t.lemma_.lower() in self.quote_verbs or self._is_cue(lemma_of(t))):
                # 'Lee shot back, "B"': any verb with a named subject of its own right before the piece
                subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
                if subj is not None and subj.pos_ in ("PROPN", "NOUN") and not in_quote(subj) and t.text.islower() \
                        and len(words) <= 1 and all(x.dep_ in ("prt", "advmod") for x in words) \
                        and _char_at(doc, m.start).isupper() \
                        and not any(x.text in (".", "!", "?") for x in span if x.i > t.i):
                    return t
                continue
            if any(m.start <= x.idx < m.end for x in t.subtree) or (
                    len(words) <= 2 and all(x.pos_ in ("PRON", "PROPN", "NOUN", "DET") for x in words)
                    and not any(x.text in (".", "!", "?") for x in span if x.i > t.i)
                    and not _char_at(doc, m.start).islower()):
                return t
        return _colon_lead_in(span, in_quote)

    def _next_statement(self, article: Article, prev: Quote, cue: Any, m: Mark, people: "PersonIndex",
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

    def _line_leads(self, article: Article, quotes: list[Quote], people: "PersonIndex") -> list[Quote]:
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
            if m is not None and _lead_ok(doc, m):
                cs, ce = strip_span(text, m.end(), le)
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
                    self._is_cue(lemma_of(root)) or root.lemma_.lower() in self.quote_verbs
                    or any(t.lemma_.lower() in self.speech_nouns for t in colon[0].sent)):
                continue
            if any(c.dep_ == "ccomp" and c.i < colon[0].i for c in root.children):
                continue  # 'X suggested that she has these tasks:' the claim is made; a list follows
            cs, ce = strip_span(text, ls, le)
            if len(text[cs:ce].split()) < 3:
                continue
            out.append(self._make(article, subj, (cs, ce), root.text, root, people, colon[0].sent,
                                  direct=True, rule="block-quote"))
        return out

    def _cue_for_quote(self, m: Mark, touched: list[Any], in_quote: Any, sents: list[Any] | None = None,
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
                        anc.lemma_.lower() in self.quote_verbs or self._is_cue(lemma_of(anc))):
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
                        return t, by_agent(objs[0])
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
        # 'The minister answered them sharply:' / 'the president released the following statement:' — the
        # sentence that ends in the colon before the quote, whatever its verb
        lead_in = [t for t in before if not t.is_space]
        if lead_in and lead_in[0].text == ":":
            root = lead_in[0].sent.root
            subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
            if root.pos_ in ("VERB", "AUX") and subj is not None and not in_quote(subj) and subj.lower_ not in ("it", "there"):
                return root, subj
        return None, None


def _char_at(doc: Any, i: int) -> str:
    """`doc.text[i:i + 1]` without rebuilding the doc's text from its tokens."""
    lo, hi = 0, len(doc)
    while lo < hi:  # the last token that starts at or before i
        mid = (lo + hi) // 2
        if doc[mid].idx <= i:
            lo = mid + 1
        else:
            hi = mid
    if lo == 0:
        return ""
    tok = doc[lo - 1]
    return tok.text_with_ws[i - tok.idx:i - tok.idx + 1]
