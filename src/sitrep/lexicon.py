"""The trigger lexicon (`data/event_lexicon.yaml`), the CAMEO table and the ACLED rules, loaded and
cross-checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sitrep import data
from sitrep.errors import DataFileError


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    lemmas: frozenset[str]
    pos: frozenset[str]
    type: str
    mode: str | None
    cameo: str
    context: tuple[str, ...]
    object: frozenset[str] = frozenset()
    subject: frozenset[str] = frozenset()
    not_subject: frozenset[str] = frozenset()
    state_actor: bool = False
    prep: frozenset[str] = frozenset()
    modifier: frozenset[str] = frozenset()
    not_modifier: frozenset[str] = frozenset()
    context_words: frozenset[str] = frozenset()
    not_context_words: frozenset[str] = frozenset()
    head: frozenset[str] = frozenset()
    not_head: frozenset[str] = frozenset()
    not_prep: frozenset[str] = frozenset()
    ccomp_aux: frozenset[str] = frozenset()
    not_object: frozenset[str] = frozenset()
    party_object: bool = False
    min_parties: int = 0
    not_child_deps: frozenset[str] = frozenset()
    deps: frozenset[str] = frozenset()
    restates: bool = False
    bare_noun: bool = False
    object_role: str = "recipient"
    recipient_preps: frozenset[str] = frozenset()
    reciprocal: bool = False
    reciprocal_with: bool = False
    mode_if_weapon: str | None = None
    mode_by_weapon_class: dict[str, str] = field(default_factory=dict)
    mode_by_lemma: dict[str, str] = field(default_factory=dict)
    cameo_by_mode: dict[str, str] = field(default_factory=dict)
    cameo_by_context: dict[str, str] = field(default_factory=dict)
    context_by_object: dict[str, str] = field(default_factory=dict)
    context_by_modifier: dict[str, str] = field(default_factory=dict)
    context_from_sentence: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def specificity(self) -> int:
        return (2 * bool(self.object) + 2 * bool(self.subject) + 2 * bool(self.prep) + 2 * bool(self.modifier)
                + 2 * bool(self.head) + 2 * bool(self.ccomp_aux) + bool(self.context_words))


@dataclass(frozen=True, slots=True)
class AcledRule:
    """One rule of `data/acled.yaml`: conditions on the event and on cues in its text."""
    types: frozenset[str]
    acled: tuple[str, str]
    tier: int = 1
    modes: frozenset[str | None] | None = None
    rules: frozenset[str] | None = None
    actor_sector: frozenset[str] | None = None
    weapon_class: frozenset[str] | None = None
    cues: tuple[str, ...] = ()
    not_cues: tuple[str, ...] = ()
    actor_cues: tuple[str, ...] = ()

    @property
    def uses_cues(self) -> bool:
        return bool(self.cues or self.not_cues or self.actor_cues)

    @property
    def specific(self) -> bool:
        """Tried in the first pass (on the sentence alone): a rule with cues, or one that names
        the lexicon entries it is for (a capture or a recapture decides the type whatever
        weapon words the sentence also holds)."""
        return self.uses_cues or self.rules is not None


def cue_regex(patterns: list[str]) -> re.Pattern[str]:
    """One regex for a cue list: whole words or phrases, `*` = any word characters,
    a space or hyphen in a pattern matches any run of spaces and hyphens."""
    alts = []
    for p in patterns:
        words = [w for w in re.split(r"[\s\-]+", p.lower().strip()) if w]
        alts.append(r"[\s\-]+".join(re.escape(w).replace(r"\*", r"\w*") for w in words))
    alts.sort(key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)")


class CueRegexes(Mapping[str, "re.Pattern[str]"]):
    """Cue list name -> its `cue_regex`, compiled when first looked up: the ACLED cue lists
    are long alternations, about 0.03 s to compile at every start, and an article needs
    a few of them at most."""

    def __init__(self, patterns: Mapping[str, list[str]]) -> None:
        self._patterns = dict(patterns)
        self._compiled: dict[str, re.Pattern[str]] = {}

    def __getitem__(self, name: str) -> re.Pattern[str]:
        rx = self._compiled.get(name)
        if rx is None:
            rx = self._compiled[name] = cue_regex(self._patterns[name])
        return rx

    def __contains__(self, name: object) -> bool:
        return name in self._patterns

    def __iter__(self) -> Iterator[str]:
        return iter(self._patterns)

    def __len__(self) -> int:
        return len(self._patterns)


@dataclass(frozen=True, slots=True)
class Lexicon:
    rules: tuple[Rule, ...]
    by_lemma: dict[str, tuple[Rule, ...]]
    cameo: dict[str, dict[str, Any]]
    quads: dict[str, int]
    acled: tuple[AcledRule, ...]
    cues: Mapping[str, re.Pattern[str]] = field(default_factory=dict)
    natural_causes: frozenset[str] = frozenset()
    weapon_fire: frozenset[str] = frozenset()
    party_nouns: frozenset[str] = frozenset()
    animals: frozenset[str] = frozenset()
    sport_words: frozenset[str] = frozenset()
    sport_events: tuple[str, ...] = ()
    sport_page_words: tuple[str, ...] = ()
    election_words: frozenset[str] = frozenset()
    roots: dict[str, str] = field(default_factory=dict)  # PLOVER type -> CAMEO root code


@lru_cache(maxsize=8)
def load_lexicon(data_dir: str | None = None) -> Lexicon:
    """The trigger lexicon, CAMEO table and ACLED rules, cross-checked."""
    raw = data.load("event_lexicon", data_dir)
    cameo = data.load("cameo", data_dir)
    acled = data.load("acled", data_dir)
    rules: list[Rule] = []
    seen: set[str] = set()
    for e in raw["entries"]:
        if e["id"] in seen:
            raise DataFileError(f"event_lexicon: duplicate entry id {e['id']!r}")
        seen.add(e["id"])
        codes = [e["cameo"], *e.get("cameo_by_mode", {}).values(), *e.get("cameo_by_context", {}).values()]
        for code in codes:
            if code not in cameo["codes"]:
                raise DataFileError(f"event_lexicon: entry {e['id']!r} uses CAMEO code {code!r} missing from cameo.yaml")
        rules.append(Rule(
            id=e["id"], lemmas=frozenset(x.lower() for x in e["lemmas"]), pos=frozenset(e["pos"]),
            type=e["type"], mode=e.get("mode"), cameo=e["cameo"], context=tuple(e["context"]),
            object=frozenset(e.get("object", [])), subject=frozenset(e.get("subject", [])),
            not_subject=frozenset(e.get("not_subject", [])),
            state_actor=bool(e.get("state_actor", False)), prep=frozenset(e.get("prep", [])),
            modifier=frozenset(e.get("modifier", [])),
            not_modifier=frozenset(x.lower() for x in e.get("not_modifier", [])),
            context_words=frozenset(e.get("context_words", [])),
            not_context_words=frozenset(e.get("not_context_words", [])),
            head=frozenset(e.get("head", [])),
            not_head=frozenset(e.get("not_head", [])),
            not_prep=frozenset(e.get("not_prep", [])),
            ccomp_aux=frozenset(e.get("ccomp_aux", [])),
            not_object=frozenset(e.get("not_object", [])),
            party_object=bool(e.get("party_object", False)),
            min_parties=int(e.get("min_parties", 0)),
            not_child_deps=frozenset(e.get("not_child_deps", [])),
            deps=frozenset(e.get("deps", [])),  # as spaCy writes them ("ROOT", "nsubj")
            restates=bool(e.get("restates", False)),
            bare_noun=bool(e.get("bare_noun", False)),
            object_role=e.get("object_role", "recipient"),
            recipient_preps=frozenset(e.get("recipient_preps", [])),
            reciprocal=bool(e.get("reciprocal", False)),
            reciprocal_with=bool(e.get("reciprocal_with", False)),
            mode_if_weapon=e.get("mode_if_weapon"),
            mode_by_weapon_class=dict(e.get("mode_by_weapon_class", {})),
            mode_by_lemma=dict(e.get("mode_by_lemma", {})),
            cameo_by_mode=dict(e.get("cameo_by_mode", {})),
            cameo_by_context=dict(e.get("cameo_by_context", {})),
            context_by_object=dict(e.get("context_by_object", {})),
            context_by_modifier=dict(e.get("context_by_modifier", {})),
            context_from_sentence={k: frozenset(v) for k, v in e.get("context_from_sentence", {}).items()},
        ))
    by_lemma: dict[str, list[Rule]] = {}
    for r in rules:
        for lemma in r.lemmas:
            by_lemma.setdefault(lemma, []).append(r)
    cues = CueRegexes(acled.get("cues", {}))
    acled_rules: list[AcledRule] = []
    for r in acled["rules"]:
        types = [r["type"]] if isinstance(r["type"], str) else list(r["type"])
        for t in types:
            if t not in cameo["plover_quads"]:
                raise DataFileError(f"acled: unknown PLOVER type {t!r}")
        for name in (*r.get("cues", ()), *r.get("not_cues", ()), *r.get("actor_cues", ())):
            if name not in cues:
                raise DataFileError(f"acled: rule for {r['acled']!r} uses undefined cue {name!r}")
        for rid in r.get("rule", ()):
            if rid not in seen:
                raise DataFileError(f"acled: rule for {r['acled']!r} names unknown lexicon entry {rid!r}")

        def opt(key: str) -> frozenset[Any] | None:
            return frozenset(r[key]) if key in r else None

        acled_rules.append(AcledRule(
            types=frozenset(types), acled=(r["acled"][0], r["acled"][1]), tier=int(r.get("tier", 1)),
            modes=opt("mode"),
            rules=opt("rule"), actor_sector=opt("actor_sector"), weapon_class=opt("weapon_class"),
            cues=tuple(r.get("cues", ())), not_cues=tuple(r.get("not_cues", ())),
            actor_cues=tuple(r.get("actor_cues", ())),
        ))
    return Lexicon(
        rules=tuple(rules), by_lemma={k: tuple(v) for k, v in by_lemma.items()},
        cameo=cameo["codes"], quads=cameo["plover_quads"], acled=tuple(acled_rules), cues=cues,
        natural_causes=frozenset(x.lower() for x in raw.get("natural_causes", [])),
        weapon_fire=frozenset(x.lower() for x in raw.get("weapon_fire", [])),
        party_nouns=frozenset(x.lower() for x in raw.get("party_nouns", [])),
        animals=frozenset(x.lower() for x in raw.get("animals", [])),
        sport_words=frozenset(x.lower() for x in raw.get("sport_words", [])),
        sport_events=tuple(x.lower() for x in raw.get("sport_events", [])),
        sport_page_words=tuple(x.lower() for x in raw.get("sport_page_words", [])),
        election_words=frozenset(x.lower() for x in raw.get("election_words", [])),
        roots=dict(cameo.get("plover_roots", {})),
    )
