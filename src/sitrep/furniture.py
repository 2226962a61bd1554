"""The `furniture` stage: the parts of a scraped page that are not the story.

Web articles keep captions, photo credits, bylines, "Xinhua | Updated: 2017-09-15
17:52" stamps, "Read more" links, sign-up, cookie and newsletter prompts, share
buttons, "Reporting by ...; Editing by ...", correction notes, related-story
lists, copyright lines and stray markup. Coded as if they were the story, they
yield events and quotes that nobody reported ("Getty Images Troops patrol ...",
"Follow us on Twitter").

`find(text)` returns their character spans (`FurnitureSpan`), found line by line
with the patterns of `data/furniture.yaml`: a *line* pattern must match the
whole line (its leading and trailing whitespace left out), or be found in it
`min_count` times (a tabloid's block of capitalised kickers and headlines), an *inline* pattern
marks only what it matches ("... said on Friday. Read more"). `article.text` is
never changed, so every offset stays valid.

The stage (`Detect`, run before triage) records the spans on
`article.furniture` and a warning with their count. Two hooks keep them out of
the results:

- triage (`sitrep.triage`) gives a sentence that lies wholly inside furniture
  the depth "tokens": no tagger, parser or lemmas run on it, so no lexicon rule
  or cue can fire there (and the parse costs nothing);
- `Drop` (run after the events stage) removes any quote or event whose
  trigger or content starts inside a furniture span, and any entity, actor or
  recipient named inside one (the "AP" of "AP:Associated Press Troops march ..."
  is no party to the march). It is what enforces the rule under ``parse = full``
  (no triage) and for inline furniture in a sentence with story text beside it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from sitrep import data
from sitrep.errors import DataFileError
from sitrep.model import Article


@dataclass(frozen=True, slots=True)
class FurnitureSpan:
    start: int
    end: int
    kind: str
    pattern: str  # the id of the pattern that matched


@dataclass(frozen=True, slots=True)
class Pattern:
    id: str
    kind: str
    match: str  # "line" | "inline"
    regex: re.Pattern[str]
    max_chars: int | None
    min_count: int | None = None  # line patterns: found this many times in the line, not matching it whole

    def whole_line(self, line: str) -> bool:
        """Whether a line pattern takes this line."""
        if self.max_chars is not None and len(line) > self.max_chars:
            return False
        if self.min_count is None:
            return self.regex.fullmatch(line) is not None
        found = 0
        for _ in self.regex.finditer(line):
            found += 1
            if found >= self.min_count:
                return True
        return False


@lru_cache(maxsize=8)
def load_patterns(data_dir: str | None = None) -> tuple[Pattern, ...]:
    """The compiled patterns of `data/furniture.yaml` (schema-checked on load)."""
    raw = data.load("furniture", data_dir)
    kinds = set(raw["kinds"])
    out: list[Pattern] = []
    seen: set[str] = set()
    for p in raw["patterns"]:
        if p["kind"] not in kinds:
            raise DataFileError(f"furniture pattern {p['id']!r}: unknown kind {p['kind']!r}")
        if p["id"] in seen:
            raise DataFileError(f"furniture pattern {p['id']!r} listed twice")
        seen.add(p["id"])
        flags = 0 if p.get("case_sensitive") else re.IGNORECASE
        try:
            rx = re.compile(p["regex"], flags)
        except re.error as exc:
            raise DataFileError(f"furniture pattern {p['id']!r}: bad regex: {exc}") from exc
        if p.get("min_count") is not None and p["match"] != "line":
            raise DataFileError(f"furniture pattern {p['id']!r}: min_count is for line patterns")
        out.append(Pattern(p["id"], p["kind"], p["match"], rx, p.get("max_chars"), p.get("min_count")))
    return tuple(out)


def _lines(text: str) -> Iterable[tuple[int, int]]:
    """(start, end) of each line's text, leading and trailing whitespace left out."""
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            lead = len(body) - len(body.lstrip())
            yield pos + lead, pos + lead + len(stripped)
        pos += len(line)


RELATED_LIST = "related_list"
_LABEL_END = re.compile(r"[:|>»-]\s*$")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s*$")


def _is_label(line: str) -> bool:
    """A related-stories label with nothing after it ("Read more:", "Related coverage")."""
    return bool(_LABEL_END.search(line)) or len(line.split()) <= 3


def _headline_like(line: str) -> bool:
    """A line listed under such a label: short, capitalised, no sentence ending (the
    headlines of other stories), so a paragraph of the story ends the list."""
    return len(line) <= 160 and len(line.split()) <= 22 and (line[0].isupper() or line[0].isdigit()) \
        and not _SENTENCE_END.search(line)


def find(text: str, data_dir: str | None = None) -> list[FurnitureSpan]:
    """The furniture spans of `text`, in order, not overlapping."""
    patterns = load_patterns(data_dir)
    line_patterns = [p for p in patterns if p.match == "line"]
    inline_patterns = [p for p in patterns if p.match == "inline"]
    out: list[FurnitureSpan] = []
    listing = False  # inside the headlines under a "Read more:" label
    for start, end in _lines(text):
        line = text[start:end]
        whole = next((p for p in line_patterns if p.whole_line(line)), None)
        if whole is not None:
            out.append(FurnitureSpan(start, end, whole.kind, whole.id))
            listing = whole.kind == "related" and _is_label(line)
            continue
        if listing and _headline_like(line):
            out.append(FurnitureSpan(start, end, "related", RELATED_LIST))
            continue
        listing = False
        found: list[FurnitureSpan] = []
        for p in inline_patterns:
            for m in p.regex.finditer(line):
                a, b = m.span()
                # leave out the whitespace a pattern took in at its edges
                while a < b and line[a].isspace():
                    a += 1
                while b > a and line[b - 1].isspace():
                    b -= 1
                if b > a:
                    found.append(FurnitureSpan(start + a, start + b, p.kind, p.id))
        found.sort(key=lambda s: (s.start, -s.end))
        for s in found:
            if out and s.start < out[-1].end:
                continue  # overlaps one already taken
            out.append(s)
    return out


class Spans:
    """Lookup over sorted, non-overlapping (start, end) spans."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        pairs = sorted((int(a), int(b)) for a, b in spans)
        self.starts = [a for a, _ in pairs]
        self.ends = [b for _, b in pairs]

    def __bool__(self) -> bool:
        return bool(self.starts)

    def contains(self, offset: int) -> bool:
        """Whether `offset` lies inside a span."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i]

    def covers(self, text: str, start: int, end: int) -> bool:
        """Whether every non-space character of text[start:end] lies inside spans
        (the span may run over several furniture lines)."""
        pos = start
        while pos < end:
            if text[pos].isspace():
                pos += 1
                continue
            i = bisect.bisect_right(self.starts, pos) - 1
            if i < 0 or pos >= self.ends[i]:
                return False
            pos = self.ends[i]
        return True


def warning(spans: list[FurnitureSpan]) -> str:
    kinds: dict[str, int] = {}
    for s in spans:
        kinds[s.kind] = kinds.get(s.kind, 0) + 1
    detail = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
    return f"furniture: {len(spans)} span(s) not coded ({detail})"


class Detect:
    """Fills `article.furniture` (character spans) and notes their count in `article.warnings`."""

    def __init__(self, *, data_dir: str | None = None) -> None:
        self.data_dir = data_dir
        load_patterns(data_dir)  # fail early on a bad data file

    def __call__(self, article: Article) -> Article:
        spans = find(article.text, self.data_dir)
        article.furniture = [(s.start, s.end, s.kind) for s in spans]
        if spans:
            article.warnings.append(warning(spans))
        return article


class Drop:
    """Removes the quotes and events that start inside furniture (see the module doc)."""

    def __call__(self, article: Article) -> Article:
        if not article.furniture:
            return article
        spans = Spans((a, b) for a, b, _ in article.furniture)
        quotes = [q for q in article.quotes if not spans.contains(q.start)]
        events = [e for e in article.events if not spans.contains(e.evidence.trigger_start)]
        for e in events:  # a credit glued to a caption names no party to what it shows
            e.actor = [a for a in e.actor if a.start is None or not spans.contains(a.start)]
            e.recipient = [a for a in e.recipient if a.start is None or not spans.contains(a.start)]
        article.entities = [e for e in article.entities if not spans.contains(e.start)]
        dropped = (len(article.quotes) - len(quotes), len(article.events) - len(events))
        if any(dropped):
            article.warnings.append(
                f"furniture: dropped {dropped[0]} quote(s) and {dropped[1]} event(s) found in it")
        article.quotes = quotes
        article.events = events
        return article
