"""Whether a reported claim's content is a statement or a fragment.

A reported (indirect) claim says something when its content holds a predicate: a verb or an
auxiliary ('said the port would reopen', 'called the vote a sham', 'denied that ...'). Some cues
yield only a phrase that states nothing. Each kind is a named check; `attribution.yaml`
(`statement_checks`) lists those in force:

- `topic-only`: a speech verb proper with a prepositional phrase only: 'she said of the attack',
  'he told of the raid': the topic of the words, not the words;
- `message-only`: a verb of posting or writing whose content only names the message or where
  it went: 'posted a message', 'posted comments on Facebook', 'wrote notes to the mayor';
- `no-comment`: the act of (not) commenting itself: 'did not respond to a request for comment',
  'declined to comment', 'did not return calls', 'could not be reached for comment', 'sought
  comment from the firm': the content names the request or the comment, never what was said.
  PolNeAR, the attribution gold, annotates these as attributions ('declined' + 'to comment'),
  so the check costs its content F1; it is off unless listed.

Object claims of stance verbs ('condemned the test', 'endorsed the mayor') keep their noun phrase:
PolNeAR annotates them as attributions, and they carry the stance taken.
"""

from __future__ import annotations

from typing import Any

from sitrep.model import Quote

# nouns that name a request for words or a message, not its content
REQUEST_NOUNS = {"comment", "request", "call", "message", "email", "e-mail", "inquiry", "enquiry", "query",
                 "voicemail", "text", "interview", "phone", "question", "note"}
# verbs whose whole act is (not) giving a comment when their content is such a noun or 'comment'
COMMENT_VERBS = {"comment", "respond", "reply", "answer", "return", "decline", "refuse", "seek", "request",
                 "reach", "get", "receive", "provide"}
# speech verbs proper: their content is what was said, so a bare topic ('said of X') is no claim
SAYING_VERBS = {"say", "tell", "add", "state", "remark", "declare", "explain"}
# verbs of putting words out whose object may only name the message
POSTING_VERBS = {"post", "write", "tweet", "send", "retweet", "share", "pen", "publish"}
MESSAGE_NOUNS = {"message", "comment", "note", "post", "tweet", "remark", "letter", "email", "e-mail", "text",
                 "update", "video", "photo", "picture", "image", "link", "thread", "response", "reply"}
CHECKS = ("topic-only", "message-only", "no-comment")


def content_tokens(doc: Any, q: Quote) -> list[Any]:
    """The tokens of a quote's content (all its pieces), punctuation and spaces left out."""
    out: list[Any] = []
    for a, b in q.spans:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None:
            out.extend(t for t in span if not t.is_punct and not t.is_space)
    return out


def has_predicate(toks: list[Any]) -> bool:
    return any(t.pos_ in ("VERB", "AUX") for t in toks)


def _heads(toks: list[Any]) -> list[Any]:
    ids = {t.i for t in toks}
    return [t for t in toks if t.head.i == t.i or t.head.i not in ids]


def about_commenting(toks: list[Any], cue_lemma: str) -> bool:
    """'a request for comment', 'comment', 'calls', 'to comment': the content only names the
    comment asked for or the message left, with a cue of (not) giving one."""
    words = [t for t in toks if t.pos_ not in ("DET", "ADP", "PART", "PRON", "CCONJ", "ADV", "ADJ", "NUM")
             and t.dep_ != "poss"]
    if not words or cue_lemma not in COMMENT_VERBS:
        return False
    if words[0].lemma_.lower() == "comment":
        return True  # 'to comment', 'to comment on the report': the act, not what was said
    if has_predicate(toks):
        return False
    return any(t.lemma_.lower() in REQUEST_NOUNS for t in _heads(words))


def message_only(toks: list[Any], cue_lemma: str) -> bool:
    """'posted a message', 'posted comments on Facebook', 'posted on Facebook': no predicate,
    and the content's head names the message or is a prepositional phrase."""
    if cue_lemma not in POSTING_VERBS or has_predicate(toks):
        return False
    heads = _heads(toks)
    return bool(heads) and all(t.pos_ == "ADP" or t.lemma_.lower() in MESSAGE_NOUNS for t in heads)


def is_fragment(doc: Any, q: Quote, checks: frozenset[str] | set[str] = frozenset(CHECKS)) -> bool:
    """Whether an indirect claim's content is a fragment that states nothing, by the named
    `checks` (see the module)."""
    if q.direct or q.cue_start is None or not checks:
        return False
    cue = doc.char_span(q.cue_start, q.cue_end or q.cue_start + 1, alignment_mode="expand")
    if cue is None or not len(cue) or cue[0].pos_ not in ("VERB", "AUX"):
        return False  # noun and adjective cues ('remarks about', 'critical of') keep their phrase
    toks = content_tokens(doc, q)
    if not toks:
        return True
    cue_lemma = cue[0].lemma_.lower()
    if "no-comment" in checks and about_commenting(toks, cue_lemma):
        return True
    if "message-only" in checks and message_only(toks, cue_lemma):
        return True
    if "topic-only" in checks and cue_lemma in SAYING_VERBS and not has_predicate(toks) \
            and toks[0].pos_ == "ADP" and toks[0].lower_ in ("of", "about", "on"):
        return True  # 'said of the attack': the topic, not the words
    return False
