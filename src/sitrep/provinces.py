"""First-level divisions that news names as places (`data/provinces.yaml`): states, provinces,
regions, oblasts, governorates. "Gunmen attacked a village in Borno state" is in Nigeria, not in a
German town of a similar name; "Punjab province" is in Pakistan when the story is about Pakistan.

A division's point is its seat's (from the city index), or the one the file gives.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from sitrep import data
from sitrep.errors import DataFileError


@dataclass(frozen=True, slots=True)
class Province:
    name: str
    country: str  # ISO 3166 alpha-3
    lat: float
    lon: float
    needs_kind: bool = False


class Provinces:
    """Divisions by lower-cased name and alias."""

    def __init__(self, by_name: Mapping[str, tuple[Province, ...]], kind_words: frozenset[str]) -> None:
        self.by_name = dict(by_name)
        self.kind_words = kind_words

    def __len__(self) -> int:
        return len({p for ps in self.by_name.values() for p in ps})

    def key(self, name: str, after: str = "") -> tuple[str, bool]:
        """The division name in a place mention, and whether a kind word marks it: "Punjab
        province", "the province of Kirkuk", "Borno" followed by " state" (`after`: the text
        right after the mention)."""
        words = name.lower().split()
        if words and words[0] == "the":
            words = words[1:]
        if len(words) > 2 and words[0] in self.kind_words and words[1] == "of":
            return " ".join(words[2:]), True
        if len(words) > 1 and words[-1] in self.kind_words:
            return " ".join(words[:-1]), True
        following = after.lower().split()[:1]
        return " ".join(words), bool(following) and following[0].strip(".,;:") in self.kind_words

    def match(self, name: str, after: str = "", mentioned: Mapping[str, int] | None = None) -> Province | None:
        """The division a place mention names, or None: the whole mention first ("Kurdistan
        Region"), then without its kind word; of several of one name ("Punjab"), the one in a
        country the article names, none when that does not decide."""
        mentioned = mentioned or {}
        whole = name.lower().removeprefix("the ")
        found = [p for p in self.by_name.get(whole, ()) if not p.needs_kind]
        if not found:
            key, has_kind = self.key(name, after)
            found = [p for p in self.by_name.get(key, ()) if has_kind or not p.needs_kind]
        if len(found) > 1:
            found = [p for p in found if mentioned.get(p.country, 0) > 0]
        return found[0] if len(found) == 1 else None


@lru_cache(maxsize=4)
def load_provinces(data_dir: str | None = None) -> Provinces:
    """The divisions of `provinces.yaml`, each with its point; raises `DataFileError` when a seat
    without a point of its own is not in the city index, or a country is no gazetteer state."""
    from sitrep.gazetteers import load_actor_gazetteer
    from sitrep.geo import city_index

    raw = data.load("provinces", data_dir)
    states = {c.code for c in load_actor_gazetteer(data_dir).countries}
    cities = city_index()
    by_name: dict[str, list[Province]] = {}
    for group in raw["divisions"]:
        country = group["country"]
        if country not in states:
            raise DataFileError(f"provinces: {country} is no state of the actor gazetteer")
        for entry in group["provinces"]:
            if "lat" in entry:
                lat, lon = float(entry["lat"]), float(entry["lon"])
            else:
                seat = next((c for c in cities.get(entry["seat"].lower(), ()) if c.country == country), None)
                if seat is None:
                    raise DataFileError(f"provinces: the seat {entry['seat']!r} of {entry['name']!r} ({country}) "
                                        "is not in the city index; give lat and lon")
                lat, lon = seat.lat, seat.lon
            province = Province(entry["name"], country, lat, lon, bool(entry.get("needs_kind", False)))
            for form in (entry["name"], *entry.get("aliases", ())):
                found = by_name.setdefault(form.lower(), [])
                if any(p.country == country for p in found):
                    raise DataFileError(f"provinces: {form!r} names two divisions of {country}")
                found.append(province)
    return Provinces({k: tuple(v) for k, v in by_name.items()}, frozenset(raw["kind_words"]))
