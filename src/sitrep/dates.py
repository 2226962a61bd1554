"""Event dates: the article date, moved by what the sentence says.

`resolve(expression, article_date)` understands what news uses most: explicit
dates ("28 November 2024", "Nov. 28", "2024-11-28"), weekdays ("on Tuesday":
the last such day on or before the article date, "next Tuesday" after it),
"today", "yesterday", "tomorrow", "last week/month/year", "earlier this
month", "N days ago", "this week". It returns the date and its precision
(day, week, month, year); an expression it cannot place returns None.

`resolve_in_context(expression, article_date, tense)` does the same with the
time of the verb that governs the expression (`verb_time`, `verb_time_of`):
"will meet on Monday" looks forwards, "met on Monday" backwards, and a year
named alone ("in 2021, Moscow offered ...") gives that year at year precision.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

MONTHS = {
    m: i + 1
    for i, names in enumerate([
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
        ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
        ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
    ])
    for m in names
}
WEEKDAYS = {d: i for i, d in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "a": 1}

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\.?,?(?:\s+(\d{4}))?\b")
_MDY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b")
_MY = re.compile(r"\b(?:in\s+)?([A-Za-z]{3,9})\s+(\d{4})\b")
_AGO = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|a)\s+(day|week|month|year)s?\s+ago\b")


def parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    m = _ISO.search(value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year_for(month: int, day: int, ref: date | None, year: str | None) -> int | None:
    if year:
        return int(year)
    if ref is None:
        return None
    # a month-day without year: the nearest such date not far after the article date
    y = ref.year
    cand = _safe(y, month, day)
    if cand and (cand - ref).days > 60:
        y -= 1
    elif cand and (ref - cand).days > 300:
        y += 1
    return y


def resolve(expression: str, ref: date | None) -> tuple[date, str] | None:
    """(date, precision) of a date expression relative to the article date `ref`."""
    low = expression.lower().strip()
    m = _ISO.search(low)
    if m:
        d = _safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return (d, "day") if d else None
    m = _DMY.search(low)
    if m and m.group(2) in MONTHS:
        month, day = MONTHS[m.group(2)], int(m.group(1))
        y = _year_for(month, day, ref, m.group(3))
        d = _safe(y, month, day) if y else None
        if d:
            return d, "day"
    m = _MDY.search(low)
    if m and m.group(1) in MONTHS:
        month, day = MONTHS[m.group(1)], int(m.group(2))
        if 1 <= day <= 31:
            y = _year_for(month, day, ref, m.group(3))
            d = _safe(y, month, day) if y else None
            if d:
                return d, "day"
    m = _MY.search(low)
    if m and m.group(1) in MONTHS:
        return date(int(m.group(2)), MONTHS[m.group(1)], 1), "month"
    if ref is None:
        return None
    if re.search(r"\b(today|tonight|this morning|this afternoon|this evening)\b", low):
        return ref, "day"
    if re.search(r"\b(yesterday|last night)\b", low):
        return ref - timedelta(days=1), "day"
    if "tomorrow" in low:
        return ref + timedelta(days=1), "day"
    m = _AGO.search(low)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else NUMBER_WORDS[m.group(1)]
        unit = m.group(2)
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * n
        return ref - timedelta(days=days), {"day": "day", "week": "week", "month": "month", "year": "year"}[unit]
    for name, wd in WEEKDAYS.items():
        if re.search(rf"\b{name}\b", low):
            if re.search(rf"\bnext\s+{name}\b", low):
                delta = (wd - ref.weekday()) % 7 or 7
                return ref + timedelta(days=delta), "day"
            delta = (ref.weekday() - wd) % 7
            return ref - timedelta(days=delta), "day"
    if re.search(r"\blast week\b", low):
        return ref - timedelta(days=7), "week"
    if re.search(r"\bthis week\b|\bearlier this week\b", low):
        return ref, "week"
    if re.search(r"\blast month\b", low):
        first = ref.replace(day=1) - timedelta(days=1)
        return first.replace(day=1), "month"
    if re.search(r"\b(this|earlier this) month\b", low):
        return ref.replace(day=1), "month"
    if re.search(r"\blast year\b", low):
        return date(ref.year - 1, 1, 1), "year"
    if re.search(r"\bthis year\b", low):
        return date(ref.year, 1, 1), "year"
    return None


# ----------------------------------------------------------------------
# Tense-aware weekdays and dates in other years.
#
# `resolve` reads a weekday backwards from the article date whatever the verb says;
# "will meet on Monday" then lands on the Monday before the article. The functions
# below take what decides the direction: the time of the verb that governs the date
# expression (`verb_time`, from its tag, auxiliaries and the verbs it is the infinitive
# of), and `resolve_in_context` resolves the expression with it. A bare year ("in 2021,
# Moscow offered ...") is a claim about that year: year precision, not the article day.

FUTURE_AUX = frozenset({"will", "'ll", "wo", "shall", "would", "may", "might", "could", "can", "ca",
                        "should", "must"})
"""Auxiliaries that put the verb after the time of speaking ("wo" and "ca" are spaCy's
halves of "won't" and "can't")."""
PAST_BE = frozenset({"was", "were"})
PRESENT_BE = frozenset({"is", "are", "am", "'s", "'re", "'m"})
HAVE = frozenset({"has", "have", "'ve", "had", "'d"})
INTENT_HEADS = frozenset({"plan", "intend", "expect", "due", "set", "schedule", "go", "hope", "want",
                          "aim", "prepare", "promise", "pledge", "vow", "threaten", "agree", "seek",
                          "poised", "slate", "likely", "ready", "about"})
"""Words whose infinitive is a plan: "plans to meet", "is due to meet", "is set to sign"."""
PLAN_WAS = frozenset({"due", "set", "schedule", "expect", "suppose", "slate", "poised", "likely", "go"})
"""With "was"/"were" these report a plan that was ("the vote was due to take place on Sunday
but ..."): read backwards."""
FUTURE_LOOKING = frozenset({"meet", "visit", "travel", "hold", "host", "attend", "fly", "go", "head",
                            "leave", "arrive", "sign", "vote", "convene", "return", "begin", "start",
                            "open", "join", "speak", "address", "testify", "hold", "chair", "lead",
                            "take", "hand", "present", "unveil", "announce", "release", "publish",
                            "launch", "stage", "resume", "end", "close", "receive", "welcome"})
"""Verbs whose present progressive with a weekday names an arrangement ("is meeting Xi on
Monday", "is travelling to Kyiv on Friday") rather than what is going on now."""

TENSES = ("future", "past", "present", "unknown")


@dataclass(frozen=True, slots=True)
class VerbForm:
    """What tense reading needs of one verb (or predicative adjective, "due"): its lemma,
    its Penn tag (VB, VBD, VBG, VBN, VBP, VBZ, JJ, MD, ...) and its auxiliaries, lower-cased
    (for an adjective, the copula: "is" of "is due to")."""

    lemma: str
    tag: str | None = None
    aux: tuple[str, ...] = ()


def verb_time(verb: VerbForm, governors: Sequence[VerbForm] = ()) -> str:
    """When `verb` happens relative to the article: "future", "past", "present" or
    "unknown". `governors` are the words `verb` is the infinitive of, nearest first
    ("meet" in "says it plans to meet": [plan, say]).

    - a future or modal auxiliary: future ("will meet", "would visit", "could strike");
      "would have met": past;
    - the infinitive of a plan word: future ("plans to", "is due to", "is set to",
      "is expected to", "is going to", "is to"); a plan reported with "was"/"were"
      ("was due to", "was expected to", "was to") is past; the infinitive of another
      verb takes that verb's time ("said it would try to meet": future);
    - the past tense or a perfect: past ("met", "has met", "was attacked", "was meeting");
    - the present progressive: future for verbs of arrangements ("is meeting Xi on
      Monday", see FUTURE_LOOKING), else present ("is shelling the city");
    - the simple present: present; anything else: unknown.
    """
    aux = {a.lower() for a in verb.aux}
    tag = verb.tag or ""
    lemma = verb.lemma.lower()
    if aux & FUTURE_AUX:
        return "past" if aux & {"have", "'ve"} else "future"
    if "to" in aux and governors:
        head, rest = governors[0], governors[1:]
        head_aux = {a.lower() for a in head.aux}
        head_lemma = head.lemma.lower()
        if head_lemma in INTENT_HEADS or head_lemma == "be":
            if head_aux & FUTURE_AUX:
                return "future"
            if head_aux & PAST_BE and (head_lemma in PLAN_WAS or head_lemma == "be"):
                return "past"  # "was due to", "was going to", "was to"
            if head_lemma == "be" and head.tag == "VBD" and not head_aux:
                return "past"  # "was to"
            return "future"
        return verb_time(head, rest)
    if aux & HAVE:
        return "past"
    if tag == "VBD":
        return "past"
    if tag == "VBG":
        if aux & PAST_BE:
            return "past"
        if aux & PRESENT_BE:
            return "future" if lemma in FUTURE_LOOKING else "present"
        return "unknown"
    if tag == "VBN":
        if aux & PAST_BE:
            return "past"
        if aux & PRESENT_BE:
            return "present"
        return "past"
    if tag in ("VBZ", "VBP"):
        return "present"
    return "unknown"


def governing_verb(tok: Any) -> Any:
    """The verb a token hangs from: `tok` itself when it is a verb, else the first verb
    (or auxiliary) among its heads; the sentence root when there is none ("Monday" in
    "will meet on Monday": "meet")."""
    cur = tok
    for _ in range(64):
        if cur.pos_ in ("VERB", "AUX"):
            return cur
        if cur.head is cur:
            return cur
        cur = cur.head
    return cur


def verb_form(tok: Any) -> VerbForm:
    """The `VerbForm` of a spaCy token: its auxiliaries (and, for a predicative adjective,
    the copula it depends on). A verb joined to another by "and" without auxiliaries of
    its own takes that verb's ("will meet on Monday and sign a deal")."""
    aux = tuple(c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass"))
    if tok.pos_ == "ADJ" and tok.head is not tok and tok.head.lemma_.lower() == "be":
        aux = aux + (tok.head.lower_,)
    if not aux and tok.dep_ == "conj" and tok.head is not tok and tok.head.pos_ in ("VERB", "AUX"):
        head = verb_form(tok.head)
        return VerbForm(tok.lemma_.lower(), head.tag, head.aux)
    return VerbForm(tok.lemma_.lower(), tok.tag_ or None, aux)


def verb_time_of(tok: Any) -> str:
    """`verb_time` read off the parse, for the verb governing `tok` (any token: the
    root of a date expression, or the event's trigger)."""
    verb = governing_verb(tok)
    chain: list[VerbForm] = []
    cur = verb
    while cur.dep_ in ("xcomp", "conj") and cur.head is not cur and len(chain) < 8:
        if cur.dep_ == "conj":
            cur = cur.head
            continue
        cur = cur.head
        chain.append(verb_form(cur))
    return verb_time(verb_form(verb), chain)


_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")
_YEAR = re.compile(
    r"^(?:(?:in|during|back in|earlier in|later in|early|late|mid|mid-|the|of|"
    r"spring|summer|autumn|fall|winter|end|start|beginning|middle|first half|second half|"
    r"course)\s*-?\s*)*((?:19|20)\d{2})(?:'s)?$")
_BOUND = re.compile(r"\b(since|until|till|by|through|before|after|from|between|to)\b|\d{4}\s*[-–/]\s*\d{2,4}")


def resolve_weekday(expression: str, ref: date, tense: str) -> tuple[date, str] | None:
    """A weekday named without a calendar date, read with the governing verb's `tense`:
    "next"/"coming" Monday: the first after the article date; "last"/"past" Monday: the
    last before it; else forwards within six days for a future verb ("will meet on
    Monday", "is due to meet on Monday", "is meeting on Monday"; the article's own day when
    it is that day, as agencies name today by its weekday), backwards within six days for
    any other ("met on Monday"). None when the expression names no weekday or has digits."""
    low = expression.lower()
    m = _WEEKDAY.search(low)
    if not m or any(c.isdigit() for c in low):
        return None
    wd = WEEKDAYS[m.group(1)]
    if re.search(r"\b(next|coming)\b", low):
        return ref + timedelta(days=(wd - ref.weekday()) % 7 or 7), "day"
    if re.search(r"\b(last|past|previous)\b", low):
        return ref - timedelta(days=(ref.weekday() - wd) % 7 or 7), "day"
    if tense == "future":
        return ref + timedelta(days=(wd - ref.weekday()) % 7), "day"
    return ref - timedelta(days=(ref.weekday() - wd) % 7), "day"


def resolve_year(expression: str) -> tuple[date, str] | None:
    """A year named alone ("2021", "in 2021", "early 2019", "the summer of 2021"): its
    first day at year precision. A bound ("since 2014", "by 2030", "2014-2016") is not
    the time of an event: None."""
    low = " ".join(expression.lower().replace(",", " ").split())
    if _BOUND.search(low):
        return None
    m = _YEAR.match(low)
    if not m:
        return None
    return date(int(m.group(1)), 1, 1), "year"


def resolve_in_context(expression: str, ref: date | None, tense: str = "unknown") -> tuple[date, str] | None:
    """`resolve`, with a weekday read in the direction of the governing verb's `tense`
    (see `verb_time`) and a bare year resolved to that year."""
    if ref is not None:
        got = resolve_weekday(expression, ref, tense)
        if got is not None:
            return got
    got = resolve(expression, ref)
    if got is not None:
        return got
    return resolve_year(expression)
