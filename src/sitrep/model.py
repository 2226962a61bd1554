"""The typed records that flow through the pipeline.

One `Article` enters at ingest and every stage fills in more of it:

    ingest -> text -> nlp -> entities -> geo -> attribution -> events -> coref -> store

All offsets are character offsets into `Article.text`. Unknown values are
`None`, never invented.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

EntityType = Literal[
    "PERSON",
    "ORG",
    "LOCATION",
    "NATIONALITY",
    "WEAPON",
    "MILITARY_PLATFORM",
    "DATE",
    "QUANTITY",
    "MONEY",
]
ENTITY_TYPES: tuple[str, ...] = (
    "PERSON",
    "ORG",
    "LOCATION",
    "NATIONALITY",
    "WEAPON",
    "MILITARY_PLATFORM",
    "DATE",
    "QUANTITY",
    "MONEY",
)

SpeakerType = Literal[
    "named_person",
    "organisation",
    "media",
    "anonymous_official",
    "unnamed_expert",
    "unattributed",
]
SPEAKER_TYPES: tuple[str, ...] = (
    "named_person",
    "organisation",
    "media",
    "anonymous_official",
    "unnamed_expert",
    "unattributed",
)

Modality = Literal["asserted", "announced", "planned", "hypothetical", "negated", "reported_past", "alleged"]
MODALITIES: tuple[str, ...] = (
    "asserted",
    "announced",
    "planned",
    "hypothetical",
    "negated",
    "reported_past",
    "alleged",  # hedged by the writer or a claim verb: "allegedly shelled", "the alleged strike", "claimed that ..."
)

QuoteKind = Literal["statement", "stance"]
QUOTE_KINDS: tuple[str, ...] = (
    "statement",  # words someone said or wrote, quoted or reported ('"...," she said', 'said the port would reopen')
    "stance",  # a position taken toward a thing, reported with no verb of its own ('praised the deal', 'called for calm')
)


def content_id(text: str, *, title: str | None = None) -> str:
    """Stable content-hash id of an article: same title and text, same id."""
    h = hashlib.sha256()
    h.update((title or "").strip().encode("utf-8"))
    h.update(b"\x00")
    h.update(" ".join(text.split()).encode("utf-8"))
    return h.hexdigest()[:20]


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    text: str
    depth: str = "parse"  # how much of spaCy's pipeline ran on it (see `Chunk`)


@dataclass(frozen=True, slots=True)
class Chunk:
    """A run of consecutive sentences that the `triage` stage gave one depth:
    "parse" (tagger, parser, lemmas and entities), "names" (entity recogniser
    only) or "tokens" (tokens only). Chunks cover the text end to end."""

    start: int
    end: int
    depth: str


@dataclass(slots=True)
class Entity:
    """A typed mention. `code` is ISO 3166 alpha-3 for states, an org code
    (NATO, EU...) for organisations, a weapon's canonical name for weapons."""

    text: str
    start: int
    end: int
    type: str
    code: str | None = None
    sector: str | None = None
    source: str = "gazetteer"  # "gazetteer" | "ner" | "rule" | "coref"
    # weapon attributes (WEAPON / MILITARY_PLATFORM only)
    weapon_class: str | None = None
    origin: str | None = None
    # place attributes (LOCATION only, filled by geo)
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    # a pronoun or a lone title (source "coref"): the text of what it refers to, None when unresolved
    # or when it is the author ("I", "we" outside a quote)
    refers_to: str | None = None


@dataclass(slots=True)
class Actor:
    text: str
    code: str | None
    sector: str | None
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Weapon:
    text: str
    name: str
    weapon_class: str | None
    origin: str | None
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Place:
    text: str
    start: int
    end: int
    lat: float | None
    lon: float | None
    country: str | None


@dataclass(slots=True)
class Quote:
    """A quote or reported claim and who it is attributed to."""

    content: str
    start: int
    end: int
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_type: str  # one of SPEAKER_TYPES
    cue: str | None
    direct: bool
    speaker_title: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    rule: str = ""
    # the content's character spans when it comes in pieces ('"A," she said, "B."': the
    # narrator's words between them are no content); empty when it is the one span start..end
    parts: tuple[tuple[int, int], ...] = ()
    # one of QUOTE_KINDS: "stance" for an indirect claim whose content has no verb (set by attribution)
    kind: str = "statement"

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        """The content's character spans, in text order."""
        return self.parts or ((self.start, self.end),)


@dataclass(slots=True)
class Attribution:
    speaker: str | None
    speaker_type: str
    direct: bool
    cue: str | None
    speaker_title: str | None = None


@dataclass(slots=True)
class Evidence:
    sentence: str
    start: int
    end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    rule: str  # "lexicon:<rule id>" or "model:<model name>" (an event the detector proposed)
    model: str | None = None  # the learned detector that read the sentence, when one ran
    probability: float | None = None  # the probability it gave the event's type


@dataclass(slots=True)
class AcledType:
    event_type: str
    sub_event_type: str


@dataclass(slots=True)
class Event:
    type: str  # PLOVER 2.0 event type
    mode: str | None
    context: list[str]
    cameo: str | None
    quad_class: int | None
    intensity: float | None
    actor: list[Actor]
    recipient: list[Actor]
    weapons: list[Weapon]
    location: Place | None
    date: str | None
    modality: str
    attribution: Attribution | None
    acled: AcledType | None
    evidence: Evidence
    date_precision: str | None = None  # "day" | "month" | "year" | None


@dataclass(slots=True)
class Rejection:
    """Why an input was not coded. `reason` is a short stable code
    (empty, binary, too_large, not_english, malformed_html, ...)."""

    reason: str
    detail: str = ""


@dataclass(slots=True)
class Article:
    id: str
    text: str
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD
    url: str | None = None
    source: str | None = None  # outlet
    origin: str | None = None  # where it was read from: path, path#item, "<stdin>:3"
    format: str | None = None  # text | html | feed | jsonl
    language: str | None = None
    rejected: Rejection | None = None
    plan: list[Chunk] = field(default_factory=list)  # set by triage, used by nlp
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # page furniture (captions, credits, bylines, prompts, ...): (start, end, kind) character
    # spans into `text`, set by the furniture stage; nothing inside them is coded
    furniture: list[tuple[int, int, str]] = field(default_factory=list)
    doc: Any = None  # the spaCy Doc; never serialised

    @property
    def ok(self) -> bool:
        return self.rejected is None

    def reject(self, reason: str, detail: str = "") -> "Article":
        self.rejected = Rejection(reason, detail)
        return self


def doc_text(doc: Any, text: str | None) -> str:
    """The text of `doc`: `text` (the article's) when the doc's tokens span exactly that many
    characters, else `doc.text`, which spaCy rebuilds from the tokens on every access."""
    if text is not None:
        n = len(doc)
        if (n == 0 and not text) or (n and doc[0].idx == 0 and doc[n - 1].idx + len(doc[n - 1].text_with_ws) == len(text)):
            return text
    return doc.text
