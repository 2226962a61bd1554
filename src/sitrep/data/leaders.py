"""The leaders gazetteer (`leaders.yaml`): people of state and their country.

`load_leaders()` reads and schema-checks the file through `sitrep.data.load`, then
checks it against countries.yaml and itself, raising `DataFileError` when:

* a country key is not a code of countries.yaml;
* a person's `to` year is before the `from` year;
* one full name (after `norm`) belongs to people of two states;
* one short form ("Bush", "Museveni") names people of two states and is not listed
  under `ambiguous`; or a form listed under `ambiguous` names people of one state only
  (a stale entry that would hide a usable short form).

`LeaderIndex.country(text)` gives the ISO3 code of the state a person's mention names,
or None. Names are compared after `norm`: accents and dots dropped, case folded, hyphens
as spaces, Arabic article particles ("al-", "el-") dropped and doubled letters collapsed
(so transliteration and spelling variants like "Nasralah" meet "Nasrallah"). Titles
before a name ("President", "Gen.", "Sheikh") are skipped. A mention of several words
matches a full name or alias, or a short form preceded only by words of that person's
own names ("Yoweri Museveni", "Hassan Nasralah"); a one-word mention matches a short
form. An ambiguous short form matches alone only given the year of the text, when the
people in office that year who bear it all belong to one state ("Herzog" in 2023).
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sitrep.data import data_path, load
from sitrep.errors import DataFileError

#: Words before a name that are titles, not part of it (compared after `norm`).
TITLES = frozenset("""
president vice prime minister premier chancellor king queen prince princess crown emir amir sheikh
shaikh sultan pope emperor ayatollah grand mullah imam general gen lt lieutenant col colonel major
maj field marshal admiral adm brigadier brig capt captain commander cmdr sergeant sgt dr mr mrs ms
sir lord lady former ousted late exiled deposed interim acting incoming outgoing defence defense
foreign secretary state senator sen rep representative governor gov chairman chief leader
opposition rebel junta self proclaimed strongman dictator ex head the his her their
""".split())

#: Nouns after a leader's name that make the phrase stand for the government he leads
#: ("the Bush administration", "Assad regime", "Putin's government").
GOVERNMENT_NOUNS = frozenset({"administration", "government", "regime", "cabinet", "junta", "presidency"})

ROLE_SECTOR = {
    "military": "MIL", "defence_minister": "GOV", "armed_group": "REB", "opposition": "OPP",
}

_PARTICLES = frozenset({"al", "el", "ad", "ash", "as", "at", "az", "ar", "an"})


_POSSESSIVE = re.compile(r"'s\b")
_DOT_OR_DASH = re.compile(r"[.\u2010-\u2015-]")
_OTHER_MARK = re.compile(r"[^\w' ]")
_DOUBLED = re.compile(r"(\w)\1+")


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Fold a name for comparison: see the module docstring. (Kept for each text: the
    gazetteer's ~3,800 forms are folded once to check them and again to index them.)"""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace("\u2019", "'").replace("`", "'")
    text = _POSSESSIVE.sub("", text)
    text = _DOT_OR_DASH.sub(" ", text)
    text = _OTHER_MARK.sub(" ", text)
    words = [w for w in text.split() if w not in _PARTICLES]
    out = " ".join(words)
    return _DOUBLED.sub(r"\1", out)


def _default_short(name: str) -> list[str]:
    return [name.split()[-1]]


@dataclass(frozen=True, slots=True)
class Leader:
    name: str
    country: str
    role: str
    start: int
    end: int | None
    aliases: tuple[str, ...]
    short: tuple[str, ...]

    @property
    def sector(self) -> str:
        return ROLE_SECTOR.get(self.role, "GOV")


class LeaderIndex:
    """Lookups over the checked gazetteer."""

    def __init__(self, leaders: tuple[Leader, ...], ambiguous: frozenset[str]) -> None:
        self.leaders = leaders
        self.ambiguous = ambiguous  # normalised
        self._full: dict[str, Leader] = {}
        self._short: dict[str, list[Leader]] = {}
        self._tokens: dict[int, frozenset[str]] = {}
        for p in leaders:
            for form in (p.name, *p.aliases):
                self._full.setdefault(norm(form), p)
            for form in p.short:
                self._short.setdefault(norm(form), []).append(p)
            self._tokens[id(p)] = frozenset(w for form in (p.name, *p.aliases) for w in norm(form).split())

    def __len__(self) -> int:
        return len(self.leaders)

    def find(self, text: str, year: int | None = None) -> Leader | None:
        """The person a mention names, or None (unknown, or an ambiguous short form not
        settled by `year`). With several people of one state behind a short form, the one
        in office in `year`, else the latest."""
        words = norm(text).split()
        while words and words[0] in TITLES:
            words = words[1:]
        if not words:
            return None
        key = " ".join(words)
        if key in self._full:
            return self._full[key]
        for k in range(len(words), 0, -1):
            tail = " ".join(words[-k:])
            people = self._short.get(tail)
            if not people:
                continue
            head = words[:-k]
            if head:
                people = [p for p in people if all(w in self._tokens[id(p)] or len(w) == 1 for w in head)]
                if not people:
                    continue
            if year is not None:
                people = [p for p in people if p.start <= year <= (p.end or 9999)] or (
                    [] if tail in self.ambiguous else people)
            if not people or len({p.country for p in people}) > 1:
                continue
            return max(people, key=lambda p: (p.end or 9999, p.start))
        return None

    def country(self, text: str, year: int | None = None) -> str | None:
        """ISO3 code of the state of the person `text` names, or None."""
        p = self.find(text, year)
        return p.country if p is not None else None

    def government(self, text: str, year: int | None = None) -> Leader | None:
        """The leader of a phrase like "the Bush administration" or "Assad's regime"."""
        words = norm(text).split()
        if len(words) < 2 or words[-1] not in GOVERNMENT_NOUNS:
            return None
        return self.find(" ".join(words[:-1]), year)


def _parse(raw: dict[str, Any]) -> tuple[tuple[Leader, ...], list[str]]:
    leaders: list[Leader] = []
    for code, people in raw["leaders"].items():
        for p in people:
            short = p["short"] if "short" in p else _default_short(p["name"])
            leaders.append(Leader(
                name=p["name"], country=code, role=p["role"], start=int(p["from"]),
                end=int(p["to"]) if p.get("to") is not None else None,
                aliases=tuple(p.get("aliases") or ()), short=tuple(short),
            ))
    return tuple(leaders), list(raw.get("ambiguous") or [])


def check_leaders(leaders: tuple[Leader, ...], ambiguous: list[str], country_codes: set[str],
                  where: str = "leaders.yaml") -> None:
    """Raise `DataFileError` on the first inconsistency (see the module docstring)."""
    for p in leaders:
        if p.country not in country_codes:
            raise DataFileError(f"{where}: {p.name!r} is listed under {p.country!r}, "
                                f"which is not a code in countries.yaml")
        if p.end is not None and p.end < p.start:
            raise DataFileError(f"{where}: {p.name!r} has 'to' {p.end} before 'from' {p.start}")
    full: dict[str, set[str]] = {}
    short: dict[str, set[str]] = {}
    for p in leaders:
        for form in (p.name, *p.aliases):
            full.setdefault(norm(form), set()).add(p.country)
        for form in p.short:
            short.setdefault(norm(form), set()).add(p.country)
    clash = sorted(f"{k!r} -> {', '.join(sorted(v))}" for k, v in full.items() if len(v) > 1)
    if clash:
        raise DataFileError(f"{where}: full name(s) of people of two states: {'; '.join(clash[:10])}")
    amb = {norm(a) for a in ambiguous}
    clash = sorted(f"{k!r} -> {', '.join(sorted(v))}" for k, v in short.items() if len(v) > 1 and k not in amb)
    if clash:
        raise DataFileError(f"{where}: short form(s) naming people of two states, not listed under "
                            f"'ambiguous': {'; '.join(clash[:10])}")
    stale = sorted(a for a in ambiguous if len(short.get(norm(a), ())) < 2)
    if stale:
        raise DataFileError(f"{where}: listed under 'ambiguous' but naming people of one state "
                            f"or none: {', '.join(stale)}")


@lru_cache(maxsize=8)
def _build(leaders_path: str, countries_path: str) -> LeaderIndex:
    from pathlib import Path

    raw = load("leaders", Path(leaders_path).parent)
    countries = load("countries", Path(countries_path).parent)
    leaders, ambiguous = _parse(raw)
    check_leaders(leaders, ambiguous, {c["code"] for c in countries["countries"]}, where=leaders_path)
    return LeaderIndex(leaders, frozenset(norm(a) for a in ambiguous))


def load_leaders(data_dir: str | os.PathLike[str] | None = None) -> LeaderIndex:
    """Load, schema-check and cross-check leaders.yaml (user folder first, then the package)."""
    return _build(str(data_path("leaders", data_dir)), str(data_path("countries", data_dir)))


def clear_cache() -> None:
    """Forget the loaded gazetteer (and the parsed data files under it)."""
    from sitrep.data import clear_cache as clear_data_cache

    _build.cache_clear()
    clear_data_cache()
