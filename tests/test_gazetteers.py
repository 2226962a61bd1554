"""Tests of the actor gazetteers (countries, organisations, sectors) and their loader."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from sitrep.data import PACKAGE_DATA
from sitrep.errors import DataFileError
from sitrep.gazetteers import (
    ActorGazetteer,
    load_actor_gazetteer,
    requires_exact_case,
)


@pytest.fixture(scope="module")
def gaz() -> ActorGazetteer:
    return load_actor_gazetteer()


def _packaged(name: str) -> dict[str, Any]:
    return yaml.safe_load((PACKAGE_DATA / f"{name}.yaml").read_text(encoding="utf-8"))


def _write(folder: Path, name: str, payload: dict[str, Any]) -> None:
    (folder / f"{name}.yaml").write_text(
        yaml.safe_dump(payload, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def _codes(gaz: ActorGazetteer, text: str) -> set[str | None]:
    return {form[2] for form in gaz.forms_for(text)}


# --- counts and coverage -------------------------------------------------------------


def test_counts(gaz: ActorGazetteer) -> None:
    assert len(gaz.countries) >= 193 + 5
    assert len(gaz.organisations) >= 150
    assert len(gaz.sector_cues()) >= 300


def test_non_un_entities_present(gaz: ActorGazetteer) -> None:
    for code in ("TWN", "XKX", "PSE", "VAT", "ESH"):
        assert gaz.country(code) is not None, code


def test_every_sector_code_declared() -> None:
    expected = {
        "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "MED", "PTY", "REB", "UAF",
        "OPP", "BUS", "CVL", "EDU", "NGO", "IGO", "HLH", "REL", "UNK",
    }
    declared = {s.code for s in load_actor_gazetteer().sectors}
    assert expected <= declared


def test_centroids_in_range(gaz: ActorGazetteer) -> None:
    for c in gaz.countries:
        assert c.lat is not None and -90 <= c.lat <= 90, c.code
        assert c.lon is not None and -180 <= c.lon <= 180, c.code
    rus = gaz.country("RUS")
    assert rus is not None and rus.lat is not None and rus.lat > 45


# --- key lookups ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "kind", "etype", "sector"),
    [
        ("Moscow", "RUS", "metonym", "LOCATION", None),
        ("the Kremlin", "RUS", "metonym", "ORG", "GOV"),
        ("Kremlin", "RUS", "metonym", "ORG", "GOV"),
        ("Minsk", "BLR", "metonym", "LOCATION", None),
        ("Washington", "USA", "metonym", "LOCATION", None),
        ("White House", "USA", "metonym", "ORG", "GOV"),
        ("Pentagon", "USA", "metonym", "ORG", "MIL"),
        ("Downing Street", "GBR", "metonym", "ORG", "GOV"),
        ("Kyiv", "UKR", "metonym", "LOCATION", None),
        ("Kiev", "UKR", "metonym", "LOCATION", None),
        ("Belarusian", "BLR", "demonym", "NATIONALITY", None),
        ("Ukrainians", "UKR", "demonym", "NATIONALITY", None),
        ("North Korean", "PRK", "demonym", "NATIONALITY", None),
        ("U.S.", "USA", "country_name", "LOCATION", None),
        ("Britain", "GBR", "country_name", "LOCATION", None),
        ("DPRK", "PRK", "country_name", "LOCATION", None),
        ("Czech Republic", "CZE", "country_name", "LOCATION", None),
        ("Islamic Republic of Iran", "IRN", "country_name", "LOCATION", None),
    ],
)
def test_country_surface_forms(
    gaz: ActorGazetteer, text: str, code: str, kind: str, etype: str, sector: str | None
) -> None:
    assert (text, kind, code, etype, sector) in gaz.surface_forms()
    assert _codes(gaz, text) == {code}


def test_lookup_is_case_insensitive(gaz: ActorGazetteer) -> None:
    assert _codes(gaz, "the kremlin") == {"RUS"}
    assert _codes(gaz, "MOSCOW") == {"RUS"}


@pytest.mark.parametrize(
    ("text", "code", "kind", "sector", "country"),
    [
        ("NATO", "NATO", "alliance", "IGO", None),
        ("TASS", "TASS", "media", "MED", "RUS"),
        ("BelTA", "BELTA", "media", "MED", "BLR"),
        ("Beltelevision", "BELARUS1", "media", "MED", "BLR"),
        ("IRGC", "IRGC", "agency", "MIL", "IRN"),
        ("FSB", "FSB", "agency", "SPY", "RUS"),
        ("Mossad", "MOSSAD", "agency", "SPY", "ISR"),
        ("Bundeswehr", "BUNDESWEHR", "agency", "MIL", "DEU"),
        ("People's Liberation Army", "PLA", "agency", "MIL", "CHN"),
        ("State Duma", "DUMA", "agency", "LEG", "RUS"),
        ("Union State", "UNIONSTATE", "igo", "IGO", None),
        ("Wagner", "WAGNER", "armed_group", "UAF", "RUS"),
        ("Daesh", "ISIL", "armed_group", "REB", None),
        ("Ansar Allah", "HOUTHIS", "armed_group", "REB", "YEM"),
        ("Lockheed Martin", "LOCKHEED_MARTIN", "company", "BUS", "USA"),
        ("ICC", "ICC", "court", "JUD", None),
    ],
)
def test_organisations(
    gaz: ActorGazetteer, text: str, code: str, kind: str, sector: str, country: str | None
) -> None:
    assert _codes(gaz, text) == {code}
    org = gaz.organisation(code)
    assert org is not None
    assert (org.kind, org.sector, org.country) == (kind, sector, country)
    assert (text, "organisation", code, "ORG", sector) in gaz.surface_forms()


@pytest.mark.parametrize(
    ("cue", "sector"),
    [
        ("state television", "MED"),
        ("state media", "MED"),
        ("state-owned television", "MED"),
        ("state tv", "MED"),
        ("general staff", "MIL"),
        ("defence ministry", "MIL"),
        ("foreign ministry", "GOV"),
        ("ministry", "GOV"),
        ("military intelligence", "SPY"),
        ("military", "MIL"),
        ("riot police", "COP"),
        ("prosecutor", "JUD"),
        ("lawmakers", "LEG"),
        ("rebels", "REB"),
        ("mercenaries", "UAF"),
        ("dissidents", "OPP"),
        ("civilians", "CVL"),
    ],
)
def test_sector_cues(gaz: ActorGazetteer, cue: str, sector: str) -> None:
    assert gaz.sector_cues()[cue] == sector


def test_cues_are_lowercase(gaz: ActorGazetteer) -> None:
    for cue in gaz.sector_cues():
        assert cue == cue.lower() and cue == cue.strip()


def test_country_and_organisation_lookup(gaz: ActorGazetteer) -> None:
    rus = gaz.country("RUS")
    assert rus is not None and rus.name == "Russia" and rus.capital == "Moscow"
    assert ("the Kremlin", "GOV") in rus.metonyms
    assert gaz.country("XXX") is None
    assert gaz.organisation("NO_SUCH_ORG") is None


def test_requires_exact_case() -> None:
    assert requires_exact_case("US")
    assert requires_exact_case("WHO")
    assert requires_exact_case("U.S.")
    assert not requires_exact_case("Moscow")
    assert not requires_exact_case("BelTA")


def test_loader_is_cached() -> None:
    assert load_actor_gazetteer() is load_actor_gazetteer()


# --- broken data files -----------------------------------------------------------------


def test_schema_rejects_broken_countries(tmp_path: Path) -> None:
    data = _packaged("countries")
    data["countries"][0]["code"] = "russia"  # not an ISO3 code
    del data["countries"][1]["name"]
    _write(tmp_path, "countries", data)
    with pytest.raises(DataFileError, match="schema error"):
        load_actor_gazetteer(tmp_path)


def test_schema_rejects_missing_version(tmp_path: Path) -> None:
    data = _packaged("sectors")
    del data["version"]
    _write(tmp_path, "sectors", data)
    with pytest.raises(DataFileError, match="version"):
        load_actor_gazetteer(tmp_path)


def test_duplicate_country_code(tmp_path: Path) -> None:
    data = _packaged("countries")
    data["countries"].append({"code": "RUS", "name": "Second Russia", "lat": 0.0, "lon": 0.0})
    _write(tmp_path, "countries", data)
    with pytest.raises(DataFileError, match="duplicate country code.*RUS"):
        load_actor_gazetteer(tmp_path)


def test_duplicate_organisation_code(tmp_path: Path) -> None:
    data = _packaged("organisations")
    data["organisations"].append(
        {"code": "NATO", "name": "Another NATO", "kind": "alliance", "sector": "IGO",
         "country": None}
    )
    _write(tmp_path, "organisations", data)
    with pytest.raises(DataFileError, match="duplicate organisation code.*NATO"):
        load_actor_gazetteer(tmp_path)


def test_unknown_organisation_country(tmp_path: Path) -> None:
    data = _packaged("organisations")
    data["organisations"].append(
        {"code": "ACME", "name": "Acme Arms", "kind": "company", "sector": "BUS", "country": "ZZZ"}
    )
    _write(tmp_path, "organisations", data)
    with pytest.raises(DataFileError, match="ACME.*'ZZZ'"):
        load_actor_gazetteer(tmp_path)


def test_undeclared_sector(tmp_path: Path) -> None:
    data = _packaged("organisations")
    data["organisations"].append(
        {"code": "ACME", "name": "Acme Arms", "kind": "company", "sector": "XYZ", "country": None}
    )
    _write(tmp_path, "organisations", data)
    with pytest.raises(DataFileError, match="ACME.*sector 'XYZ'"):
        load_actor_gazetteer(tmp_path)


def test_undeclared_metonym_sector(tmp_path: Path) -> None:
    data = _packaged("countries")
    for c in data["countries"]:
        if c["code"] == "RUS":
            c["metonyms"].append({"text": "Old Square", "sector": "XYZ"})
    _write(tmp_path, "countries", data)
    with pytest.raises(DataFileError, match="RUS metonym 'Old Square'.*'XYZ'"):
        load_actor_gazetteer(tmp_path)


def test_surface_form_mapped_to_two_codes(tmp_path: Path) -> None:
    data = _packaged("organisations")
    data["organisations"].append(
        {"code": "ACME", "name": "Acme Arms", "aliases": ["the kremlin"], "kind": "company",
         "sector": "BUS", "country": None}
    )
    _write(tmp_path, "organisations", data)
    with pytest.raises(DataFileError, match="more than one code.*ACME, RUS"):
        load_actor_gazetteer(tmp_path)


def test_cue_in_two_sectors(tmp_path: Path) -> None:
    data = _packaged("sectors")
    data["sectors"][0]["cues"].append("general staff")  # already a MIL cue
    _write(tmp_path, "sectors", data)
    with pytest.raises(DataFileError, match="'general staff'.*two sectors"):
        load_actor_gazetteer(tmp_path)


def test_user_folder_overrides_one_file(tmp_path: Path) -> None:
    data = _packaged("sectors")
    data["sectors"][0]["cues"].append("head honcho")
    _write(tmp_path, "sectors", data)
    user = load_actor_gazetteer(tmp_path)
    assert user.sector_cues()["head honcho"] == data["sectors"][0]["code"]
    assert user.country("RUS") is not None  # countries still come from the package
    assert "head honcho" not in load_actor_gazetteer().sector_cues()


def test_sector_cues_give_the_longest_whole_word_cue_as_a_plain_scan_would():
    from sitrep.gazetteers import SectorCues, load_actor_gazetteer

    cues = load_actor_gazetteer().sector_cues()

    def scan(text: str) -> str | None:  # the definition: longest cue found as whole words
        low = " " + " ".join(text.lower().replace("-", " ").split()) + " "
        for cue, sector in sorted(cues.items(), key=lambda kv: -len(kv[0])):
            if f" {cue} " in low:
                return sector
        return None

    lookup = SectorCues(cues)
    texts = ["the " + c + " said" for c in cues] + [c.upper() for c in cues] + [
        "senior foreign ministry officials", "an opposition-party spokesman", "the ministry",
        "Russia's defence ministry and army", "rebels", "", "Colonel-General Ivanov",
    ]
    assert [lookup(t) for t in texts] == [scan(t) for t in texts]
    assert lookup("the foreign ministry spokesman") is not None
