"""Quote marks: quoted spans found in the text and paired (straight, curly, guillemets, newswire
''...''), pieces joined, titles, bylines and scare quotes told from statements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sitrep.model import Quote


OPEN_CLOSE = {"“": "”", "«": "»", "„": "“", "‘": "’", '"': '"', "‹": "›"}
MIN_QUOTE_TOKENS = 3
MERGE_GAP = 300  # at most this many characters between a quote and its continuation ('," she said. "')


@dataclass(slots=True)
class Mark:
    start: int  # offset of the content (after the opening mark)
    end: int  # offset after the content (before the closing mark)


def find_quoted_spans(text: str) -> list[Mark]:
    """Quoted spans (content offsets, marks excluded), paragraph by paragraph.

    A straight or curly double quote opens and closes; a single curly quote
    opens only after a space or line start, and closes only before a space,
    punctuation or the line end, so apostrophes (Belarus’s, It’s) are skipped.
    A quote left open at a paragraph end closes there (news style for quotes
    that run over paragraphs). A closing curly mark typed as the opening one
    (after a space or line start, before a word) opens a quote too.
    """
    spans: list[Mark] = []
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
            cs, ce = strip_span(text, i + 2, end)
            if ce > cs:
                spans.append(Mark(cs, ce))
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
            content_start, content_end = strip_span(text, i + 1, end)
            if content_end > content_start:
                spans.append(Mark(content_start, content_end))
            i = end + 1
            continue
        i += 1
    return spans


def _inner_quote_end(text: str, j: int) -> int | None:
    """Where a curly quote opened at `j` inside another curly quote closes ('“She would sooner
    walk to what they call “the end of the line” than pay the fare.”'), when the outer one closes after it on the
    same line; else None (an opening mark left unclosed or a new quote: not nested)."""
    inner = text.find("”", j + 1)
    if inner < 0:
        return None
    outer = text.find("”", inner + 1)
    if outer < 0 or "\n" in text[j:outer] or "“" in text[j + 1:outer]:
        return None
    return inner


def flag_tokens(doc: Any, m: Mark, flags: bytearray) -> None:
    """Set `flags[i]` for the tokens of `doc` that start inside the quoted span `m`."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is not None:
        for i in range(span.start, span.end):
            if m.start <= doc[i].idx < m.end:
                flags[i] = 1


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
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


def long_enough(doc: Any, m: Mark) -> bool:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if not t.is_punct]
    return len(words) >= MIN_QUOTE_TOKENS


TITLE_WORDS = re.compile(
    r"(minister|president|premier|chancellor|secretary|spokes\w+|head|chief|commander|general|"
    r"colonel|ambassador|envoy|director|adviser|advisor|chairman|chair|leader|officer|official|"
    r"governor|mayor|deputy|lieutenant|admiral|major|captain|analyst|expert|professor|senator)",
    re.I,
)
TITLE_SMALL = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "vs", "is"}


def is_quoted_title(doc: Any, m: Mark, text: str) -> bool:
    """A quoted name in running text (a show, a book, a slogan in Title Case: 'on the BBC's "Any
    Questions"'), not a quote: short, every word capitalised, in a sentence that is not
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


def byline(doc: Any, m: Mark, text: str) -> bool:
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


def utterance(doc: Any, m: Mark, text: str) -> bool:
    """One or two words ending in sentence punctuation or a comma inside the marks ('"Never,"')."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and 1 <= sum(1 for t in span if not t.is_punct) <= 2 \
        and text[m.end - 1: m.end] in (".", ",", "!", "?")


def is_phrase(content: str) -> bool:
    """Fewer than eight words and no sentence punctuation (nor a comma before a cue) at the end."""
    return len(content.split()) < 8 and content.rstrip("\"”’'» )]")[-1:] not in (".", "?", "!", ",", "…", ";", ":")


def add_piece(q: Quote, text: str, m: Mark) -> None:
    """Add the quoted span `m` to `q` as its next piece ('"A," he said. "B."')."""
    q.content = f"{q.content} {text[m.start:m.end]}"
    q.parts = q.spans + ((m.start, m.end),)
    q.end = m.end


def goes_on(text: str, prev_end: int, start: int) -> bool:
    """Whether a quote starting at `start` can go on the one ending at `prev_end`: in the same
    paragraph and near it, or run over into the next paragraph (`_runs_over`)."""
    return "\n\n" not in text[prev_end:start] and start - prev_end <= MERGE_GAP or _runs_over(text, prev_end, start)


def _runs_over(text: str, prev_end: int, start: int) -> bool:
    """A quote left open at its paragraph's end that reopens at the next one's start (news
    style for one quote over several paragraphs): nothing but the break and the opening mark
    between them."""
    gap = text[prev_end:start]
    return gap.count("\n\n") == 1 and gap.strip() in OPEN_CLOSE


def close_paragraph(text: str, prev_end: int, start: int) -> bool:
    """True when at most one paragraph break lies between the last quote and this one."""
    if prev_end < 0:
        return False
    return text.count("\n\n", prev_end, start) <= 1 and start - prev_end < 1500
