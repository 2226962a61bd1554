"""Actor gazetteers: countries, organisations and sectors, as typed records.

The data lives in three versioned files under `sitrep/data/` (each with a JSON
Schema beside it) and is read through `sitrep.data.load`, so a user folder given
as `data_dir` or `SITREP_DATA_DIR` may override any of them:

    countries.yaml       states: name, aliases, demonyms, capital, metonyms, centroid
    organisations.yaml   IGOs, alliances, armed groups, agencies, parties, media, companies
    sectors.yaml         sector codes (GOV, MIL, ...) and the cue phrases that mark them

Beyond the schemas, `load_actor_gazetteer` checks that the three files agree with
each other and raises `DataFileError` when they do not:

* a country or organisation code is used twice (countries and organisations share
  one code space);
* an organisation names a country code that is not in countries.yaml;
* a metonym or organisation uses a sector not declared in sectors.yaml;
* a cue phrase is listed under two sectors;
* one surface form (compared case-insensitively) maps to two different codes,
  unless it is listed in `ALLOWED_SHARED_FORMS`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from sitrep.data import data_path, load
from sitrep.errors import DataFileError

SurfaceKind = Literal["country_name", "demonym", "metonym", "organisation"]
SurfaceForm = tuple[str, str, str | None, str, str | None]
"""(surface text, kind, code, entity type, sector) -- see `ActorGazetteer.surface_forms`."""

#: Surface forms that may legitimately map to more than one code. Empty on purpose:
#: ambiguous strings are left out of the data instead (see the comments in the YAML files).
ALLOWED_SHARED_FORMS: frozenset[str] = frozenset()

_FILES: tuple[str, str, str] = ("countries", "organisations", "sectors")


@dataclass(frozen=True, slots=True)
class Country:
    """A state. `metonyms` are (text, sector) pairs; sector None means a place name."""

    code: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None
    metonyms: tuple[tuple[str, str | None], ...]
    lat: float | None
    lon: float | None
    short_forms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Organisation:
    """A named organisation; `country` is the ISO3 code of the state it belongs to, if any."""

    code: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    sector: str | None
    country: str | None


@dataclass(frozen=True, slots=True)
class Sector:
    """A sector code and the lowercase cue phrases that mark it in a mention."""

    code: str
    name: str
    cues: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ActorGazetteer:
    """All actor reference data, checked for consistency. Build it with `load_actor_gazetteer`."""

    countries: tuple[Country, ...]
    organisations: tuple[Organisation, ...]
    sectors: tuple[Sector, ...]
    # Derived lookup tables, built once in __post_init__ (not part of equality or hashing).
    _country_by_code: dict[str, Country] = field(init=False, repr=False, compare=False)
    _organisation_by_code: dict[str, Organisation] = field(init=False, repr=False, compare=False)
    _forms: tuple[SurfaceForm, ...] = field(init=False, repr=False, compare=False)
    _forms_by_text: dict[str, tuple[SurfaceForm, ...]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        forms = _build_surface_forms(self.countries, self.organisations)
        by_text: dict[str, list[SurfaceForm]] = {}
        for form in forms:
            by_text.setdefault(_fold(form[0]), []).append(form)
        setattr_ = object.__setattr__
        setattr_(self, "_country_by_code", {c.code: c for c in self.countries})
        setattr_(self, "_organisation_by_code", {o.code: o for o in self.organisations})
        setattr_(self, "_forms", forms)
        setattr_(self, "_forms_by_text", {k: tuple(v) for k, v in by_text.items()})

    def country(self, code: str) -> Country | None:
        """The country with ISO3 `code`, or None."""
        return self._country_by_code.get(code)

    def organisation(self, code: str) -> Organisation | None:
        """The organisation with `code`, or None."""
        return self._organisation_by_code.get(code)

    def sector(self, code: str) -> Sector | None:
        """The sector with `code`, or None."""
        for sector in self.sectors:
            if sector.code == code:
                return sector
        return None

    def surface_forms(self) -> list[SurfaceForm]:
        """Every name, alias, demonym and metonym of every country and organisation.

        Each entry is (surface text, kind, code, entity type, sector):

        * kind is one of ``country_name``, ``demonym``, ``metonym``, ``organisation``;
        * code is the country's ISO3 code or the organisation's code;
        * entity type is ``LOCATION`` for country names and place metonyms ("Moscow"),
          ``NATIONALITY`` for demonyms, ``ORG`` for organisations and for seats of power
          ("the Kremlin", "White House", "Pentagon", i.e. metonyms that carry a sector);
        * sector is the metonym's or organisation's sector, None otherwise.

        Exact duplicates are dropped; the order is stable (file order).
        """
        return list(self._forms)

    def forms_for(self, text: str) -> list[SurfaceForm]:
        """The surface-form entries whose text equals `text`, compared case-insensitively
        (and with runs of whitespace collapsed)."""
        return list(self._forms_by_text.get(_fold(text), ()))

    def sector_cues(self) -> dict[str, str]:
        """Lowercase cue phrase -> sector code."""
        return {cue: sector.code for sector in self.sectors for cue in sector.cues}


class SectorCues:
    """Sector of a mention from the cue phrases of sectors.yaml: the longest cue
    found as whole words wins ("foreign ministry" GOV over "ministry")."""

    def __init__(self, cues: dict[str, str]) -> None:
        ordered = sorted(cues.items(), key=lambda kv: -len(kv[0]))
        # a cue matches as a run of whole words: index the runs, longest first wins
        self._rank: dict[str, tuple[int, str]] = {}
        for rank, (cue, sector) in enumerate(ordered):
            self._rank.setdefault(cue, (rank, sector))
        self._longest = max((len(cue.split(" ")) for cue in self._rank), default=0)

    def __call__(self, text: str) -> str | None:
        words = text.lower().replace("-", " ").split()
        best: tuple[int, str] | None = None
        rank = self._rank
        for i in range(len(words)):
            for n in range(1, min(self._longest, len(words) - i) + 1):
                hit = rank.get(" ".join(words[i : i + n]))
                if hit is not None and (best is None or hit[0] < best[0]):
                    best = hit
        return None if best is None else best[1]


def _build_surface_forms(
    countries: Iterable[Country], organisations: Iterable[Organisation]
) -> tuple[SurfaceForm, ...]:
    forms: list[SurfaceForm] = []
    for c in countries:
        for text in (c.name, *c.aliases):
            forms.append((text, "country_name", c.code, "LOCATION", None))
        for text in c.demonyms:
            forms.append((text, "demonym", c.code, "NATIONALITY", None))
        for text, sector in c.metonyms:
            entity_type = "ORG" if sector is not None else "LOCATION"
            forms.append((text, "metonym", c.code, entity_type, sector))
    for o in organisations:
        for text in (o.name, *o.aliases):
            forms.append((text, "organisation", o.code, "ORG", o.sector))
    return tuple(dict.fromkeys(forms))


def requires_exact_case(text: str) -> bool:
    """True for acronym-like surface forms ("US", "WHO", "CAR", "AP", "RT") that are
    also ordinary lowercase words and so must be matched with their exact case.

    A form qualifies when it has at least two letters and none of them is lowercase.
    Everything else in the gazetteers is safe to match case-insensitively.
    """
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and not any(ch.islower() for ch in letters)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


# --- building and checking ----------------------------------------------------------


def _strings(values: Iterable[Any] | None) -> tuple[str, ...]:
    return tuple(str(v) for v in (values or ()))


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _parse_metonym(entry: str | Mapping[str, Any]) -> tuple[str, str | None]:
    if isinstance(entry, str):
        return (entry, None)
    return (str(entry["text"]), entry.get("sector"))


def _parse(
    countries_raw: Mapping[str, Any],
    organisations_raw: Mapping[str, Any],
    sectors_raw: Mapping[str, Any],
) -> ActorGazetteer:
    countries = tuple(
        Country(
            code=c["code"],
            name=c["name"],
            aliases=_strings(c.get("aliases")),
            demonyms=_strings(c.get("demonyms")),
            capital=c.get("capital"),
            metonyms=tuple(_parse_metonym(m) for m in c.get("metonyms") or ()),
            lat=_float(c.get("lat")),
            lon=_float(c.get("lon")),
            short_forms=_strings(c.get("short_forms")),
        )
        for c in countries_raw["countries"]
    )
    organisations = tuple(
        Organisation(
            code=o["code"],
            name=o["name"],
            aliases=_strings(o.get("aliases")),
            kind=o["kind"],
            sector=o.get("sector"),
            country=o.get("country"),
        )
        for o in organisations_raw["organisations"]
    )
    sectors = tuple(
        Sector(code=s["code"], name=s["name"], cues=_strings(s.get("cues")))
        for s in sectors_raw["sectors"]
    )
    return ActorGazetteer(countries=countries, organisations=organisations, sectors=sectors)


def _duplicates(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    dups: list[str] = []
    for value in values:
        if value in seen and value not in dups:
            dups.append(value)
        seen.add(value)
    return dups


def check_gazetteer(gaz: ActorGazetteer, where: str = "actor gazetteer") -> None:
    """Raise `DataFileError` naming the first inconsistency class found in `gaz`."""
    dup = _duplicates(s.code for s in gaz.sectors)
    if dup:
        raise DataFileError(
            f"{where}: duplicate sector code(s) in sectors.yaml: {', '.join(dup)}"
        )
    dup = _duplicates(c.code for c in gaz.countries)
    if dup:
        raise DataFileError(
            f"{where}: duplicate country code(s) in countries.yaml: {', '.join(dup)}"
        )
    dup = _duplicates(o.code for o in gaz.organisations)
    if dup:
        raise DataFileError(
            f"{where}: duplicate organisation code(s) in organisations.yaml: {', '.join(dup)}"
        )
    country_codes = {c.code for c in gaz.countries}
    clash = sorted(country_codes & {o.code for o in gaz.organisations})
    if clash:
        raise DataFileError(
            f"{where}: organisation code(s) equal to a country code: {', '.join(clash)}"
        )

    cue_owner: dict[str, str] = {}
    for sector in gaz.sectors:
        for cue in sector.cues:
            other = cue_owner.setdefault(cue, sector.code)
            if other != sector.code:
                raise DataFileError(
                    f"{where}: cue {cue!r} is listed under two sectors in sectors.yaml: "
                    f"{other} and {sector.code}"
                )

    sector_codes = {s.code for s in gaz.sectors}
    for c in gaz.countries:
        for text, sector in c.metonyms:
            if sector is not None and sector not in sector_codes:
                raise DataFileError(
                    f"{where}: country {c.code} metonym {text!r} has sector {sector!r}, "
                    f"which sectors.yaml does not declare"
                )
    for o in gaz.organisations:
        if o.sector is not None and o.sector not in sector_codes:
            raise DataFileError(
                f"{where}: organisation {o.code} has sector {o.sector!r}, "
                f"which sectors.yaml does not declare"
            )
        if o.country is not None and o.country not in country_codes:
            raise DataFileError(
                f"{where}: organisation {o.code} has country {o.country!r}, "
                f"which is not a code in countries.yaml"
            )

    owners: dict[str, dict[str, str]] = {}
    for text, _kind, code, _etype, _sector in gaz.surface_forms():
        if code is None:
            continue
        owners.setdefault(_fold(text), {}).setdefault(code, text)
    conflicts = [
        f"{next(iter(by_code.values()))!r} -> {', '.join(sorted(by_code))}"
        for key, by_code in owners.items()
        if len(by_code) > 1 and key not in {_fold(s) for s in ALLOWED_SHARED_FORMS}
    ]
    if conflicts:
        shown = "; ".join(conflicts[:10])
        more = f" (and {len(conflicts) - 10} more)" if len(conflicts) > 10 else ""
        raise DataFileError(
            f"{where}: surface form(s) mapped to more than one code "
            f"(compared case-insensitively): {shown}{more}"
        )


@lru_cache(maxsize=16)
def _build(paths: tuple[str, str, str]) -> ActorGazetteer:
    raw = [load(name, Path(path).parent) for name, path in zip(_FILES, paths, strict=True)]
    gaz = _parse(*raw)
    folders = ", ".join(dict.fromkeys(str(Path(p).parent) for p in paths))
    check_gazetteer(gaz, where=f"actor gazetteer (from {folders})")
    return gaz


def load_actor_gazetteer(data_dir: str | os.PathLike[str] | None = None) -> ActorGazetteer:
    """Load, schema-check and cross-check the actor gazetteers.

    Files are looked up in `data_dir`, then `SITREP_DATA_DIR`, then the package (per
    file, so a user folder may override just one of them). The result is cached per
    resolved set of files; call `clear_cache()` after editing them in place.
    """
    countries, organisations, sectors = (str(data_path(name, data_dir)) for name in _FILES)
    return _build((countries, organisations, sectors))


def clear_cache() -> None:
    """Forget every loaded gazetteer (and the underlying parsed data files)."""
    from sitrep.data import clear_cache as clear_data_cache

    _build.cache_clear()
    clear_data_cache()
