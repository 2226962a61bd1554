"""Titles standing for a person: 'the head of state', 'the minister', 'the foreign minister'
used alone after a person was named ("Lukashenko ... the head of state said").

A title phrase is read as a set of roles (the roles of leaders.yaml). A person named in the
article has roles from the gazetteer (Alexander Lukashenko: president) and from the title written
with the name ("Defence Minister Viktor Khrenin", "Anna Ruiz, the foreign minister"). The title
stands for the most recent person named before it whose roles meet the title's; with none, for
the most recent person named before it whose country is the title's ("the Belarusian leader").
"""

from __future__ import annotations

import re
from typing import Any

# words of a title phrase -> roles it names (the roles of leaders.yaml); a phrase's roles are
# those of its most specific match (longest pattern first)
_ROLE_PATTERNS: list[tuple[re.Pattern[str], frozenset[str]]] = [
    (re.compile(r"\bhead of (?:the )?state\b"), frozenset({"president", "monarch", "head_of_state"})),
    (re.compile(r"\bhead of (?:the )?government\b"), frozenset({"prime_minister", "head_of_government"})),
    (re.compile(r"\bvice[- ]president\b"), frozenset({"vice_president"})),
    (re.compile(r"\bprime minister\b|\bpremier\b"), frozenset({"prime_minister", "head_of_government"})),
    (re.compile(r"\b(?:foreign|external affairs) (?:minister|secretary)\b|\bsecretary of state\b"
                r"|\bminister (?:of|for) (?:foreign|external) affairs\b"), frozenset({"foreign_minister"})),
    (re.compile(r"\b(?:defen[cs]e|war) (?:minister|secretary)\b|\bminister (?:of|for) defen[cs]e\b"
                r"|\bsecretary of defen[cs]e\b"), frozenset({"defence_minister"})),
    (re.compile(r"\bpresident\b"), frozenset({"president"})),
    (re.compile(r"\b(?:king|queen|emir|amir|sultan|monarch|emperor)\b"), frozenset({"monarch", "head_of_state"})),
    (re.compile(r"\bchancellor\b"), frozenset({"head_of_government", "prime_minister"})),
    (re.compile(r"\bminister\b"), frozenset({"minister", "foreign_minister", "defence_minister", "prime_minister"})),
    (re.compile(r"\b(?:general|commander|admiral|chief of (?:the )?(?:general )?staff)\b"), frozenset({"military"})),
]


def roles_of(phrase: str | None) -> frozenset[str]:
    """The roles a title phrase names ("the head of state" -> president, monarch, head_of_state)."""
    if not phrase:
        return frozenset()
    low = " ".join(phrase.lower().replace("-", " ").split())
    for pat, roles in _ROLE_PATTERNS:
        if pat.search(low):
            return roles
    return frozenset()


def is_title_phrase(phrase: str) -> bool:
    """Whether a phrase names a role a person holds ('the head of state', 'the foreign minister')."""
    return bool(roles_of(phrase))


def person_roles(name: str, title: str | None, leaders: Any, year: int | None) -> frozenset[str]:
    """The roles of a person named in the article: the title written with the name, and the
    gazetteer's role for the name."""
    roles = set(roles_of(title))
    if leaders is not None:
        p = leaders.find(name, year)
        if p is not None:
            roles.add(p.role)
            if p.role in ("president", "monarch"):
                roles.add("head_of_state")
            if p.role == "prime_minister":
                roles.add("head_of_government")
    return frozenset(roles)


def person_country(name: str, leaders: Any, year: int | None) -> str | None:
    p = leaders.find(name, year) if leaders is not None else None
    return p.country if p is not None else None


def title_person(phrase: str, people: list[Any], before: int, leaders: Any, year: int | None,
                 country: str | None = None) -> Any:
    """The person (an item of `people`: `.name`, `.title`, `.end`, in text order) a title
    phrase standing alone at `before` refers to, or None: the most recent one named before it
    whose roles meet the phrase's; else, when the phrase names a country (`country`), the most
    recent one of that country."""
    want = roles_of(phrase)
    if not want:
        return None
    earlier = [p for p in people if p.end <= before]
    # the title written with a name first ("Sergei Lavrov, the foreign minister"), then the gazetteer's
    for book in (None, leaders):
        for p in reversed(earlier):
            if want & person_roles(p.name, p.title, book, year):
                if country is None or person_country(p.name, leaders, year) in (None, country):
                    return p
    if country is not None:
        for p in reversed(earlier):
            if person_country(p.name, leaders, year) == country:
                return p
    return None


def year_of(date: str | None) -> int | None:
    try:
        return int(date[:4]) if date else None
    except ValueError:
        return None
