"""First-level divisions (data/provinces.yaml): the loader's checks, how a place mention is read
as a division, and what the geo stage makes of it in an article. Sentences are our own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import sitrep
from sitrep.data import PACKAGE_DATA
from sitrep.errors import DataFileError
from sitrep.provinces import Provinces, load_provinces


@pytest.fixture(scope="module")
def provinces() -> Provinces:
    return load_provinces()


def _packaged() -> dict[str, Any]:
    return yaml.safe_load((PACKAGE_DATA / "provinces.yaml").read_text(encoding="utf-8"))


def _load_from(folder: Path, payload: dict[str, Any]) -> Provinces:
    (folder / "provinces.yaml").write_text(yaml.safe_dump(payload, allow_unicode=True, sort_keys=False),
                                           encoding="utf-8")
    return load_provinces(str(folder))


@pytest.mark.parametrize("name, lat, lon", [
    ("Tigray", 13.5, 39.5), ("Texas", 30.3, -97.7), ("Cabo Delgado", -13.0, 40.5), ("Helmand", 31.6, 64.4),
    ("Sistan and Baluchestan", 29.5, 60.9), ("North Kivu", -1.7, 29.2),
])
def test_a_division_has_its_seats_point(provinces: Provinces, name: str, lat: float, lon: float) -> None:
    found = provinces.match(name)
    assert found is not None and abs(found.lat - lat) < 0.6 and abs(found.lon - lon) < 0.6, found


def test_a_seat_missing_from_the_city_index_must_come_with_its_point(tmp_path: Path) -> None:
    payload = {"version": 1, "kind_words": ["province"],
               "divisions": [{"country": "AFG", "provinces": [{"name": "Nowhere", "seat": "Qqzzyx"}]}]}
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with pytest.raises(DataFileError, match="Qqzzyx"):
        _load_from(tmp_path / "a", payload)
    payload["divisions"][0]["provinces"][0].update(lat=34.5, lon=69.2)
    assert _load_from(tmp_path / "b", payload).match("Nowhere province").country == "AFG"


def test_a_division_of_an_unknown_state_is_rejected(tmp_path: Path) -> None:
    payload = _packaged()
    payload["divisions"].append({"country": "XYZ", "provinces": [{"name": "Somewhere", "seat": "Kabul"}]})
    with pytest.raises(DataFileError, match="XYZ"):
        _load_from(tmp_path, payload)


@pytest.mark.parametrize("mention, after, country", [
    ("Borno", " state, where", "NGA"),
    ("the province of Kirkuk", "", "IRQ"),
    ("Khyber Pakhtunkhwa", "", "PAK"),
    ("Niger", " state on Monday", "NGA"),
])
def test_a_division_is_read_with_or_without_its_kind_word(provinces: Provinces, mention: str, after: str,
                                                          country: str) -> None:
    found = provinces.match(mention, after)
    assert found is not None and found.country == country, found


def test_a_name_that_is_also_a_country_needs_its_kind_word(provinces: Provinces) -> None:
    assert provinces.match("Niger", " on Monday") is None


def test_a_name_of_two_divisions_is_the_one_in_a_country_the_article_names(provinces: Provinces) -> None:
    assert provinces.match("Punjab", " province") is None
    assert provinces.match("Punjab", " province", {"IND": 2}).country == "IND"
    assert provinces.match("Punjab", " province", {"PAK": 1}).country == "PAK"


def _place(text: str, name: str) -> tuple[str | None, float | None]:
    art = sitrep.code(text, date="2025-03-04")
    ent = next(e for e in art.entities if e.type == "LOCATION" and e.text.startswith(name))
    return ent.country, ent.lat


def test_a_state_named_in_a_story_that_also_names_a_far_country_is_in_its_own_country() -> None:
    text = ("The president flew to Germany on Monday for a two-day visit. "
            "Gunmen attacked a village in Borno state on Tuesday, killing nine farmers.")
    country, lat = _place(text, "Borno")
    assert country == "NGA" and lat is not None and 9 < lat < 14


def test_a_big_city_named_like_its_division_stays_the_city() -> None:
    country, lat = _place("Shelling hit a market in Donetsk on Sunday, local officials said.", "Donetsk")
    assert country == "UKR" and lat == pytest.approx(48.02, abs=0.05)


def test_a_big_city_named_like_its_division_is_the_division_when_a_kind_word_follows(tmp_path: Path) -> None:
    from collections import Counter

    from sitrep.geo import Geolocate
    from sitrep.model import Entity

    # a division whose seat is not the city of its name, to tell the two points apart
    payload = {"version": 1, "kind_words": ["region"],
               "divisions": [{"country": "UKR", "provinces": [{"name": "Donetsk", "seat": "Kramatorsk"}]}]}
    (tmp_path / "provinces.yaml").write_text(yaml.safe_dump(payload), encoding="utf-8")
    geo = Geolocate(data_dir=str(tmp_path))
    city, region = Entity("Donetsk", 0, 7, "LOCATION"), Entity("Donetsk", 0, 7, "LOCATION")
    geo.resolve(city, Counter({"UKR": 1}), after=" on Monday")
    geo.resolve(region, Counter({"UKR": 1}), after=" region on Monday")
    assert city.lat == pytest.approx(48.02, abs=0.05)
    assert region.lat == pytest.approx(48.72, abs=0.1) and region.country == "UKR"
