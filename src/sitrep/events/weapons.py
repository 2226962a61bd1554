"""An event's weapons (named systems before generic classes) and the mode they give its rule."""

from __future__ import annotations

from typing import Any

from sitrep.events.actors import ArticleContext
from sitrep.lexicon import Rule
from sitrep.model import Weapon


def weapons_in(scope: list[Any], ctx: ArticleContext) -> tuple[list[Weapon], list[str]]:
    out: list[Weapon] = []
    classes: list[str] = []
    seen: set[str] = set()
    for t in scope:
        ent = ctx.tok_ent.get(t.i)
        if ent is None or ent.type not in ("WEAPON", "MILITARY_PLATFORM"):
            continue
        if ent.weapon_class:
            classes.append(ent.weapon_class)
        name = ent.code or (ent.weapon_class or ent.text.lower())
        if name in seen:
            continue
        seen.add(name)
        out.append(Weapon(ent.text, name, ent.weapon_class, ent.origin, ent.start, ent.end))
    # named systems first; generic classes only when no system is named
    named = [w for w in out if w.origin is not None or w.name != w.weapon_class]
    return (named or out), classes


def mode_of(rule: Rule, tok: Any, classes: list[str], weapons: list[Weapon]) -> str | None:
    lemma = tok.lemma_.lower()
    if lemma in rule.mode_by_lemma:
        return rule.mode_by_lemma[lemma]
    for cls in classes:
        if cls in rule.mode_by_weapon_class:
            return rule.mode_by_weapon_class[cls]
    if weapons and rule.mode_if_weapon:
        return rule.mode_if_weapon
    return rule.mode
