"""The weapon-systems gazetteer: typed view of `data/weapons.yaml`.

    gaz = load_weapon_gazetteer()
    gaz.by_name("Орешник")            # -> WeaponSystem(name="Oreshnik", weapon_class="IRBM", ...)
    for form, system in gaz.surface_forms(): ...

The YAML file is checked against `data/weapons.schema.json` by `sitrep.data.load`;
this module adds the checks a schema cannot express and raises
`DataFileError` naming the offending entry:

* a system or generic entry uses a class code not declared under `classes`;
* a class code or canonical system name is declared twice;
* a surface form (name or alias, compared case-insensitively) is claimed by two
  systems, or a generic term repeats a system's surface form or another generic term;
* an origin is not a three-letter upper-case (ISO 3166-1 alpha-3 style) code;
* a `not_weapons` phrase contains no generic term (it could never rule one out).

`case_sensitive` and `requires_context` are carried through for the matcher; see
the schema for their meaning.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sitrep.data import data_path, load
from sitrep.errors import DataFileError

DATA_NAME = "weapons"
ENTITY_TYPES: tuple[str, ...] = ("WEAPON", "MILITARY_PLATFORM")
_ORIGIN = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True, slots=True)
class WeaponClass:
    code: str
    name: str
    entity_type: str  # WEAPON | MILITARY_PLATFORM


@dataclass(frozen=True, slots=True)
class WeaponSystem:
    name: str
    aliases: tuple[str, ...]
    weapon_class: str
    origin: str | None
    entity_type: str
    case_sensitive: bool
    requires_context: bool

    @property
    def forms(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class GenericWeapon:
    terms: tuple[str, ...]
    weapon_class: str
    entity_type: str
    not_after: tuple[str, ...] = ()  # lower-case words that, right before a term, rule it out


def _key(form: str) -> str:
    """How surface forms are compared for lookup and clash detection."""
    return " ".join(form.split()).casefold()


@dataclass(frozen=True, slots=True)
class WeaponGazetteer:
    classes: tuple[WeaponClass, ...]
    systems: tuple[WeaponSystem, ...]
    generic: tuple[GenericWeapon, ...]
    context_words: tuple[str, ...] = ()
    not_weapons: tuple[str, ...] = ()  # phrases in which a generic term is no weapon
    # nouns that, right after a generic term, make the weapons a topic ("weapons inspectors")
    topic_heads: frozenset[str] = frozenset()
    # sentence cue words for a generic noun's sense: civilian, military, person, aviation
    sense_cues: Mapping[str, frozenset[str]] = field(default_factory=dict)
    version: int = 0
    _index: Mapping[str, WeaponSystem] = field(default_factory=dict, repr=False, compare=False)
    _classes: Mapping[str, WeaponClass] = field(default_factory=dict, repr=False, compare=False)

    def by_name(self, name: str) -> WeaponSystem | None:
        """The system whose canonical name or alias is `name`.

        Case-insensitive and whitespace-normalised; a system flagged
        `case_sensitive` only answers to the exact capitalisation of one of its forms.
        """
        system = self._index.get(_key(name))
        if system is None:
            return None
        if system.case_sensitive and " ".join(name.split()) not in system.forms:
            return None
        return system

    def weapon_class(self, code: str) -> WeaponClass | None:
        return self._classes.get(code)

    def surface_forms(self) -> list[tuple[str, WeaponSystem]]:
        """Every canonical name and alias with its system, in file order."""
        return [(form, system) for system in self.systems for form in system.forms]


def gazetteer_from_mapping(payload: Mapping[str, Any], source: str = "weapons data") -> WeaponGazetteer:
    """Build a gazetteer from an already parsed mapping, running the consistency checks.

    `source` names the file in error messages.
    """

    def fail(message: str) -> DataFileError:
        return DataFileError(f"{source}: {message}")

    classes: dict[str, WeaponClass] = {}
    for raw in payload.get("classes") or ():
        code = raw["code"]
        if code in classes:
            raise fail(f"class code {code!r} is declared twice")
        if raw["entity_type"] not in ENTITY_TYPES:
            raise fail(
                f"class {code!r} has entity_type {raw['entity_type']!r}, expected one of {ENTITY_TYPES}"
            )
        classes[code] = WeaponClass(code=code, name=raw["name"], entity_type=raw["entity_type"])

    def class_of(code: str, owner: str) -> WeaponClass:
        cls = classes.get(code)
        if cls is None:
            raise fail(f"{owner} uses unknown class {code!r} (not declared under 'classes')")
        return cls

    systems: list[WeaponSystem] = []
    names: set[str] = set()
    index: dict[str, WeaponSystem] = {}
    for raw in payload.get("systems") or ():
        name = raw["name"]
        owner = f"system {name!r}"
        cls = class_of(raw["class"], owner)
        origin = raw.get("origin")
        if origin is not None and (not isinstance(origin, str) or not _ORIGIN.fullmatch(origin)):
            raise fail(
                f"{owner} has origin {origin!r}; expected a three-letter upper-case"
                " ISO 3166-1 alpha-3 code or null"
            )
        if name in names:
            raise fail(f"duplicate canonical name {name!r}")
        names.add(name)
        aliases: list[str] = []
        own: set[str] = {_key(name)}
        for alias in raw.get("aliases") or ():
            if _key(alias) in own:
                continue  # same system, e.g. the name repeated with other capitals
            own.add(_key(alias))
            aliases.append(alias)
        system = WeaponSystem(
            name=name,
            aliases=tuple(aliases),
            weapon_class=cls.code,
            origin=origin,
            entity_type=cls.entity_type,
            case_sensitive=bool(raw.get("case_sensitive", False)),
            requires_context=bool(raw.get("requires_context", False)),
        )
        for form in system.forms:
            other = index.get(_key(form))
            if other is not None:
                what = "canonical name" if _key(form) == _key(name) else "alias"
                raise fail(f"{what} {form!r} of system {name!r} is already claimed by system {other.name!r}")
            index[_key(form)] = system
        systems.append(system)

    generic: list[GenericWeapon] = []
    generic_seen: dict[str, str] = {}
    for raw in payload.get("generic") or ():
        cls = class_of(raw["class"], f"generic entry {raw['terms'][0]!r}" if raw.get("terms") else "generic entry")
        for term in raw["terms"]:
            k = _key(term)
            if k in index:
                raise fail(f"generic term {term!r} is also a surface form of system {index[k].name!r}")
            if k in generic_seen:
                raise fail(f"generic term {term!r} is listed twice (classes {generic_seen[k]!r} and {cls.code!r})")
            generic_seen[k] = cls.code
        generic.append(GenericWeapon(
            terms=tuple(raw["terms"]), weapon_class=cls.code, entity_type=cls.entity_type,
            not_after=tuple(w.lower() for w in raw.get("not_after") or ()),
        ))

    not_weapons = tuple(payload.get("not_weapons") or ())
    for phrase in not_weapons:
        words = _key(phrase).replace("-", " - ").split()
        if not any(" ".join(words[i:j]) in generic_seen or "".join(words[i:j]) in generic_seen
                   for i in range(len(words)) for j in range(i + 1, len(words) + 1)):
            raise fail(f"not_weapons phrase {phrase!r} contains no generic term")

    return WeaponGazetteer(
        classes=tuple(classes.values()),
        systems=tuple(systems),
        generic=tuple(generic),
        context_words=tuple(payload.get("context_words") or ()),
        not_weapons=not_weapons,
        topic_heads=frozenset(payload.get("topic_heads") or ()),
        sense_cues={k: frozenset(v) for k, v in (payload.get("sense_cues") or {}).items()},
        version=int(payload.get("version", 0)),
        _index=index,
        _classes=classes,
    )


@lru_cache(maxsize=8)
def _load_cached(path: str, data_dir: str | None) -> WeaponGazetteer:
    return gazetteer_from_mapping(load(DATA_NAME, data_dir), source=path)


def load_weapon_gazetteer(data_dir: str | os.PathLike[str] | None = None) -> WeaponGazetteer:
    """Load, check and cache the weapon gazetteer.

    `data_dir` (or `SITREP_DATA_DIR`) may hold a user's own `weapons.yaml`; otherwise
    the packaged file is used. Results are cached per resolved file.
    """
    folder = os.fspath(data_dir) if data_dir is not None else None
    return _load_cached(str(data_path(DATA_NAME, folder)), folder)


def clear_cache() -> None:
    _load_cached.cache_clear()
