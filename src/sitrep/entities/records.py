"""The records the entity rules pass around: a gazetteer form and a mention (token span, entity, how it
was found).
"""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.model import Entity


@dataclass(frozen=True, slots=True)
class Form:
    """What a gazetteer surface form stands for."""

    type: str
    code: str | None
    sector: str | None
    kind: str  # country_name | demonym | metonym | organisation | region | weapon | generic_weapon
    weapon_class: str | None = None
    origin: str | None = None
    requires_context: bool = False
    not_after: tuple[str, ...] = ()


@dataclass(slots=True)
class Mention:
    """An entity with its token range and where it came from."""

    start: int
    end: int
    ent: Entity
    kind: str  # a Form kind, "ner" or "rule"


PLACE_KINDS = ("country_name", "metonym", "region")
