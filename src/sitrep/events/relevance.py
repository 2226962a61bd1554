"""The `relevance` stage: what in an article's events is not a report of a political event.

1. Commentary. Events stated in the words of a speaker whose title makes them an analyst or
   scholar ("professor at ...", "an expert on ...", "a research fellow"), or of unnamed experts
   ("analysts say", "many experts believe"), are commentary on events and are left out (tune:
   false events 0.237 -> 0.212, 12 events).
2. Articles about no political actor. In an article (of `MIN_SENTENCES` sentences or more) where
   no event has a coded actor and no entity belongs to a political sector (a government, an army,
   the police, a court, a party, an armed group, an international body, an NGO:
   `POLITICAL_SECTORS`),
   the events with neither a coded actor nor a coded recipient are left out, unless they are
   contentious acts anyone can commit (`CONTENTIOUS`: protests, arrests and seizures, attacks).
   A film review ("Marvel has struck back"), a product story ("the Avengers meet the Guardians"),
   a company's breach ("praised by a local paper") code nothing; "students marched"
   and "gunmen attacked a bus" stay.

3. Sports pages. In an article with words only games have (`sport_page_words` of the event
   lexicon: "inning", "touchdown", "quarterback", "playoffs") in at least `SPORT_PAGE_SENTENCES`
   sentences, an act of force (ASSAULT, COERCE, MOBILIZE) with no weapon and no party of a political
   sector is play: "the Hawks beat the Mohawks" (a team named like a people is no state), "the
   shortstop fired to second", "rallied late to kill off the Rays". Police, soldiers or a
   government named in it keep it ("riot police arrested supporters after the game").

A coded actor or recipient is a state, a coded organisation or a person the gazetteers place, not
a private party that carries its country's code (a company, a hospital: `PRIVATE_SECTORS`)
(`sitrep.events.actors`). An article with one event whose actor is coded keeps its events: there,
an event without codes ("the girls were released", "police said") belongs to the political story
around it. Texts shorter than `MIN_SENTENCES` sentences are left alone: one wire line is a report
whatever it names.

Picked on tune parts. Real-events: false events 0.262 -> 0.242, sentence-type F1 0.529 -> 0.535.
Requiring only "no coded actor" (0.538, false events 0.233) dropped the events of 14% of the
plover-synthetic stories, political stories whose actors the coder failed to code (coverage
0.948 -> 0.806); with the political-sector test and the contentious types kept, 0.934.
"""

from __future__ import annotations

import re
from typing import Any

from sitrep.events.actors import PRIVATE_SECTORS
from sitrep.lexicon import load_lexicon
from sitrep.model import Article, Event

# a text shorter than this is a single report (a wire line, a gold sentence): too little to tell
# that it is not about politics, whatever it names
MIN_SENTENCES = 4
# sentences with a word only games have that make an article a sports page
SPORT_PAGE_SENTENCES = 3
# acts of force that sports pages use as figures of speech
PLAY_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
# sectors of political actors (see data/sectors.yaml): one such mention makes an article political
POLITICAL_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "IGO", "REB", "UAF", "PTY", "OPP", "NGO"})
# acts that are events whoever commits them
CONTENTIOUS = frozenset({"PROTEST", "COERCE", "ASSAULT"})
# a speaker described as a scholar or analyst comments on events; what they say is not a report
# of one ("Jim Walsh, a research associate at MIT, said most of the tests had failed")
ANALYST_TITLE = re.compile(r"\b(?:professor|expert|analyst|researcher|research (?:fellow|associate)|scholar|"
                           r"fellow|think[- ]tank|institute|university|academic|lecturer|political scientist|"
                           r"historian|economist)s?\b", re.IGNORECASE)


def commentary(event: Event, analysts: frozenset[str] = frozenset()) -> bool:
    """Whether the event is stated in the words of an analyst or scholar: by their title, by the
    description after their name (`analysts`), or unnamed ("analysts say", "many experts believe")."""
    if event.attribution is None:
        return False
    if event.attribution.speaker_type == "unnamed_expert" or event.attribution.speaker in analysts:
        return True
    title = event.attribution.speaker_title
    return bool(title and ANALYST_TITLE.search(title))


def described_analysts(article: Article) -> frozenset[str]:
    """Speakers whose name is followed by a description that makes them a scholar or analyst
    ("said Anna Nowak, a political scientist at ...")."""
    out: set[str] = set()
    for q in article.quotes:
        if not q.speaker or q.speaker_end is None:
            continue
        after = article.text[q.speaker_end:q.speaker_end + 120]
        if after.startswith(","):
            desc = re.split(r"[.;:!?\n\"“”]|,\s*(?:said|says|told|who)\b", after[1:], maxsplit=1)[0]
            if ANALYST_TITLE.search(desc):
                out.add(q.speaker)
    return frozenset(out)


def _coded(actor: Any) -> bool:
    """A party coded as a state, a coded body or a placed person, not as a private party of a
    country ("Equifax" is USA, sector BUS)."""
    return bool(actor.code) and actor.sector not in PRIVATE_SECTORS


def has_codes(event: Event) -> bool:
    return any(_coded(a) for a in event.actor) or any(_coded(a) for a in event.recipient)


def political(article: Article) -> bool:
    """Whether an article names a political actor: an event's coded actor (not a company of a
    country), or an entity of a political sector."""
    return any(any(_coded(a) for a in ev.actor) for ev in article.events) \
        or any(e.sector in POLITICAL_SECTORS for e in article.entities)


def sport_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regular expression for the words only games have (longest first), None for none."""
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b",
                      re.IGNORECASE)


def sports_page(article: Article, pattern: re.Pattern[str] | None) -> bool:
    """Whether at least `SPORT_PAGE_SENTENCES` sentences of the article have a word only games have."""
    if pattern is None:
        return False
    found = 0
    for sent in article.sentences:
        if pattern.search(sent.text):
            found += 1
            if found >= SPORT_PAGE_SENTENCES:
                return True
    return False


def play(event: Event) -> bool:
    """An act of force with no weapon and no party of a political sector: on a sports page, play."""
    return event.type in PLAY_TYPES and not event.weapons and not any(
        a.sector in POLITICAL_SECTORS for a in event.actor + event.recipient)


class Relevance:
    """Drops the events an analyst's commentary states, the non-contentious events without any
    coded party from an article that names no political actor, and the force a sports page
    describes as play."""

    def __init__(self, *, data_dir: str | None = None) -> None:
        self.sport_words = sport_pattern(load_lexicon(data_dir).sport_page_words)

    def __call__(self, article: Article) -> Article:
        analysts = described_analysts(article)
        said = [ev for ev in article.events if not commentary(ev, analysts)]
        if len(said) < len(article.events):
            article.warnings.append(f"relevance: {len(article.events) - len(said)} event(s) in an analyst's "
                                    "commentary left out")
            article.events = said
        if article.events and sports_page(article, self.sport_words):
            kept = [ev for ev in article.events if not play(ev)]
            if len(kept) < len(article.events):
                article.warnings.append(f"relevance: {len(article.events) - len(kept)} act(s) of force on a "
                                        "sports page left out as play")
                article.events = kept
        if not article.events or len(article.sentences) < MIN_SENTENCES or political(article):
            return article
        kept = [ev for ev in article.events if has_codes(ev) or ev.type in CONTENTIOUS]
        dropped = len(article.events) - len(kept)
        if dropped:
            article.warnings.append(f"relevance: {dropped} event(s) without a coded party left out "
                                    "(the article names no political actor)")
            article.events = kept
        return article
