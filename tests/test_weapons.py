"""The weapon-systems gazetteer: packaged data, typed loader and its consistency checks."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml

from sitrep.data import PACKAGE_DATA
from sitrep.errors import DataFileError
from sitrep.weapons import (
    WeaponGazetteer,
    WeaponSystem,
    gazetteer_from_mapping,
    load_weapon_gazetteer,
)


@pytest.fixture(scope="module")
def gaz() -> WeaponGazetteer:
    return load_weapon_gazetteer()


def system(gaz: WeaponGazetteer, form: str) -> WeaponSystem:
    found = gaz.by_name(form)
    assert found is not None, f"{form!r} does not resolve to a system"
    return found


# ---------------------------------------------------------------- packaged data


def test_schema_is_valid_draft_2020_12() -> None:
    schema = json.loads((PACKAGE_DATA / "weapons.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)


def test_sizes(gaz: WeaponGazetteer) -> None:
    assert len(gaz.systems) >= 350
    assert len(gaz.classes) >= 25
    assert gaz.version >= 1
    # many aliases per system on average, not just canonical names
    assert len(gaz.surface_forms()) >= 5 * len(gaz.systems)


REQUIRED_CLASSES = """ICBM IRBM SRBM MRBM SLBM ballistic_missile cruise_missile hypersonic_glide_vehicle
hypersonic_missile anti_ship_missile air_to_air_missile air_to_surface_missile anti_tank_missile
MANPADS air_defence_system MLRS artillery mortar tank infantry_fighting_vehicle
armoured_personnel_carrier armoured_vehicle combat_aircraft bomber attack_helicopter helicopter
transport_aircraft drone loitering_munition unmanned_surface_vessel ship aircraft_carrier submarine
nuclear_weapon small_arms guided_bomb electronic_warfare radar rocket""".split()


def test_required_classes_present(gaz: WeaponGazetteer) -> None:
    codes = {c.code for c in gaz.classes}
    assert not set(REQUIRED_CLASSES) - codes


@pytest.mark.parametrize(
    ("code", "entity_type"),
    [
        ("tank", "MILITARY_PLATFORM"),
        ("submarine", "MILITARY_PLATFORM"),
        ("drone", "MILITARY_PLATFORM"),
        ("combat_aircraft", "MILITARY_PLATFORM"),
        ("cruise_missile", "WEAPON"),
        ("MLRS", "WEAPON"),
        ("artillery", "WEAPON"),
        ("loitering_munition", "WEAPON"),
    ],
)
def test_class_entity_type(gaz: WeaponGazetteer, code: str, entity_type: str) -> None:
    cls = gaz.weapon_class(code)
    assert cls is not None
    assert cls.entity_type == entity_type


def test_systems_inherit_entity_type_from_class(gaz: WeaponGazetteer) -> None:
    for s in gaz.systems:
        assert s.entity_type == gaz.weapon_class(s.weapon_class).entity_type, s.name
    assert system(gaz, "T-90M").entity_type == "MILITARY_PLATFORM"
    assert system(gaz, "Kalibr").entity_type == "WEAPON"


def test_oreshnik_latin_and_cyrillic_are_one_system(gaz: WeaponGazetteer) -> None:
    latin, cyrillic = system(gaz, "Oreshnik"), system(gaz, "Орешник")
    assert latin is cyrillic
    assert latin.name == "Oreshnik"
    assert latin.weapon_class == "IRBM"
    assert latin.origin == "RUS"
    assert latin.entity_type == "WEAPON"


def test_geran_2_and_shahed_136_are_distinct(gaz: WeaponGazetteer) -> None:
    geran, shahed = system(gaz, "Geran-2"), system(gaz, "Shahed-136")
    assert geran is not shahed
    assert geran.origin == "RUS" and shahed.origin == "IRN"
    assert geran.weapon_class == shahed.weapon_class == "loitering_munition"
    assert system(gaz, "Герань-2") is geran


@pytest.mark.parametrize(
    ("forms", "canonical", "code"),
    [
        (["Iskander", "Iskander-M", "9K720", "9M723", "SS-26 Stone", "Искандер"], "Iskander-M", "SRBM"),
        (["Kinzhal", "Kh-47M2", "Kinzal", "Кинжал"], "Kinzhal", "hypersonic_missile"),
        (["Zircon", "Tsirkon", "3M22", "Циркон"], "3M22 Zircon", "hypersonic_missile"),
        (["Sarmat", "RS-28", "SS-X-29", "Satan II", "Сармат"], "RS-28 Sarmat", "ICBM"),
        (["S-400", "Triumf", "SA-21 Growler", "С-400"], "S-400 Triumf", "air_defence_system"),
        (["Su-34", "Su 34", "Su34", "Су-34"], "Su-34", "combat_aircraft"),
        (["HIMARS", "M142", "Хаймарс"], "HIMARS", "MLRS"),
        (["ATACMS", "MGM-140"], "ATACMS", "SRBM"),
        (["Storm Shadow", "SCALP-EG"], "Storm Shadow", "cruise_missile"),
        (["Vilkha", "Вільха"], "Vilkha", "MLRS"),
        (["Neptune", "R-360", "Нептун"], "R-360 Neptune", "cruise_missile"),
        (["KN-23", "Hwasong-11"], "KN-23", "SRBM"),
        (["DF-21D", "Dongfeng-21D"], "DF-21D", "anti_ship_missile"),
        (["BrahMos", "Brahmos"], "BrahMos", "cruise_missile"),
        (["Borei", "Project 955"], "Borei-class submarine", "submarine"),
        (["CNS Liaoning", "Type 001"], "Liaoning aircraft carrier", "aircraft_carrier"),
    ],
)
def test_aliases_resolve(gaz: WeaponGazetteer, forms: list[str], canonical: str, code: str) -> None:
    for form in forms:
        s = system(gaz, form)
        assert s.name == canonical, form
        assert s.weapon_class == code, form


@pytest.mark.parametrize(
    "form",
    "Искандер Кинжал Циркон Калибр Сармат Ярс Булава Авангард Буревестник Панцирь Тор Бук "
    "Торнадо-С Ураган Смерч Град Ланцет Герань-2 Нептун Вільха".split(),
)
def test_cyrillic_forms(gaz: WeaponGazetteer, form: str) -> None:
    assert system(gaz, form).origin in {"RUS", "UKR"}


def test_lookup_is_case_and_space_insensitive_for_ordinary_systems(gaz: WeaponGazetteer) -> None:
    assert system(gaz, "kalibr") is system(gaz, "KALIBR") is system(gaz, "Kalibr")
    assert system(gaz, "  Storm   Shadow ") is system(gaz, "Storm Shadow")


# Ordinary words and personal names that name weapons: they must never match in
# lower case, and the most ambiguous ones need a weapon-ish word nearby.
CASE_SENSITIVE_WORDS = """tor grad buk osa storm arrow patriot javelin caesar archer leopard sentinel
neptune fattah stinger lancet tomahawk harpoon hellfire abrams bradley stryker boxer marder krab
avangard zircon onyx taurus mistral crotale heron harpy apache spike hawk phalanx uzi nasr babur
ghauri tejas akash astra arjun prithvi dhanush emad toufan almas burkan iskander""".split()
REQUIRES_CONTEXT_WORDS = """tor grad patriot javelin archer sentinel neptune fattah stinger lancet abrams
bradley stryker marder krab harpoon heron nasr babur prithvi akash astra emad""".split()
NEVER_ALIASES = """storm arrow challenger leopard fatah quds qassam shaheen trident reaper typhoon tornado
warrior sparrow falcon eagle viper raptor lightning hornet growler fencer flanker fulcrum backfire
bear sky carrier dome""".split()


def test_ambiguous_words_are_flagged(gaz: WeaponGazetteer) -> None:
    by_word: dict[str, list[WeaponSystem]] = {}
    for form, s in gaz.surface_forms():
        by_word.setdefault(form.casefold(), []).append(s)
    for word in CASE_SENSITIVE_WORDS:
        for s in by_word.get(word, []):
            assert s.case_sensitive, f"{s.name!r} has bare {word!r} but is not case_sensitive"
    for word in REQUIRES_CONTEXT_WORDS:
        for s in by_word.get(word, []):
            assert s.requires_context, f"{s.name!r} has bare {word!r} but no requires_context"
    for word in NEVER_ALIASES:
        assert word not in by_word, f"bare {word!r} is a surface form of {by_word[word][0].name!r}"
    # the flagged ones exist, so the checks above are not vacuous
    assert by_word["patriot"] and by_word["tor"] and by_word["grad"]


def test_case_sensitive_system_only_answers_to_exact_capitals(gaz: WeaponGazetteer) -> None:
    patriot = system(gaz, "Patriot")
    assert patriot.case_sensitive and patriot.requires_context
    assert gaz.by_name("patriot") is None
    assert gaz.by_name("PAC-3") is patriot
    assert gaz.by_name("grad") is None and gaz.by_name("Grad") is not None


def test_surface_forms_cover_names_and_aliases(gaz: WeaponGazetteer) -> None:
    forms = gaz.surface_forms()
    assert len(forms) == sum(1 + len(s.aliases) for s in gaz.systems)
    pairs = {(f, s.name) for f, s in forms}
    assert ("Oreshnik", "Oreshnik") in pairs and ("Орешник", "Oreshnik") in pairs
    # every form resolves back to its own system (no clashes)
    for form, s in forms:
        assert gaz.by_name(form) is s, form


def test_origins_are_alpha3_or_null(gaz: WeaponGazetteer) -> None:
    for s in gaz.systems:
        assert s.origin is None or re.fullmatch(r"[A-Z]{3}", s.origin), s.name
    origins = {s.origin for s in gaz.systems}
    assert {"RUS", "UKR", "USA", "CHN", "IRN", "PRK", "KOR", "ISR", "IND", "PAK", "TUR", "DEU", "FRA", "GBR"} <= origins


def test_generic_terms(gaz: WeaponGazetteer) -> None:
    index = {t.casefold(): g for g in gaz.generic for t in g.terms}
    assert index["tank"].weapon_class == "tank"
    assert index["tank"].entity_type == "MILITARY_PLATFORM"
    assert index["ballistic missiles"].weapon_class == "ballistic_missile"
    assert index["ballistic missiles"].entity_type == "WEAPON"
    assert index["kamikaze drones"].weapon_class == "loitering_munition"
    assert "missile" in {w.casefold() for w in gaz.context_words}


def test_loader_is_cached(gaz: WeaponGazetteer) -> None:
    assert load_weapon_gazetteer() is gaz


# ---------------------------------------------------------------- broken data files

MINIMAL = """\
version: 1
classes:
  - {code: IRBM, name: intermediate-range ballistic missile, entity_type: WEAPON}
  - {code: tank, name: main battle tank, entity_type: MILITARY_PLATFORM}
systems:
  - name: Oreshnik
    class: IRBM
    origin: RUS
    aliases: [Орешник]
  - name: T-90M
    class: tank
    origin: RUS
    aliases: [Proryv]
generic:
  - {terms: [tank, tanks], class: tank}
"""


def write_data(tmp_path: Path, text: str) -> Path:
    (tmp_path / "weapons.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def test_user_data_dir_is_used(tmp_path: Path) -> None:
    gaz = load_weapon_gazetteer(write_data(tmp_path, MINIMAL))
    assert len(gaz.systems) == 2
    assert gaz.by_name("Орешник").name == "Oreshnik"
    assert load_weapon_gazetteer(tmp_path) is gaz
    assert load_weapon_gazetteer() is not gaz


def test_unknown_class_is_rejected(tmp_path: Path) -> None:
    broken = MINIMAL.replace("class: IRBM", "class: space_laser")
    with pytest.raises(DataFileError, match=r"Oreshnik.*unknown class 'space_laser'"):
        load_weapon_gazetteer(write_data(tmp_path, broken))


def test_unknown_class_in_generic_is_rejected(tmp_path: Path) -> None:
    broken = MINIMAL.replace("class: tank}", "class: tanks}")
    with pytest.raises(DataFileError, match="unknown class 'tanks'"):
        load_weapon_gazetteer(write_data(tmp_path, broken))


def test_duplicate_alias_is_rejected(tmp_path: Path) -> None:
    broken = MINIMAL.replace("aliases: [Proryv]", "aliases: [Proryv, орешник]")
    expected = r"'орешник' of system 'T-90M' is already claimed by system 'Oreshnik'"
    with pytest.raises(DataFileError, match=expected):
        load_weapon_gazetteer(write_data(tmp_path, broken))


def test_alias_equal_to_another_systems_name_is_rejected(tmp_path: Path) -> None:
    broken = MINIMAL.replace("aliases: [Proryv]", "aliases: [Proryv, OreShnik]")
    with pytest.raises(DataFileError, match="already claimed by system 'Oreshnik'"):
        load_weapon_gazetteer(write_data(tmp_path, broken))


def test_duplicate_canonical_name_is_rejected(tmp_path: Path) -> None:
    broken = MINIMAL.replace("name: T-90M", "name: Oreshnik")
    with pytest.raises(DataFileError, match="duplicate canonical name 'Oreshnik'"):
        load_weapon_gazetteer(write_data(tmp_path, broken))


def test_generic_term_clashing_with_a_system_is_rejected(tmp_path: Path) -> None:
    broken = MINIMAL.replace("terms: [tank, tanks]", "terms: [tank, tanks, Proryv]")
    expected = "generic term 'Proryv' is also a surface form of system 'T-90M'"
    with pytest.raises(DataFileError, match=expected):
        load_weapon_gazetteer(write_data(tmp_path, broken))


def test_bad_origin_is_rejected_by_schema(tmp_path: Path) -> None:
    broken = MINIMAL.replace("origin: RUS\n    aliases: [Орешник]", "origin: Russia\n    aliases: [X]")
    with pytest.raises(DataFileError, match="origin"):
        load_weapon_gazetteer(write_data(tmp_path, broken))


@pytest.mark.parametrize("origin", ["Russia", "rus", "RU", 643])
def test_bad_origin_is_rejected_by_loader(origin: object) -> None:
    payload = yaml.safe_load(MINIMAL)
    payload["systems"][0]["origin"] = origin
    with pytest.raises(DataFileError, match=r"system 'Oreshnik' has origin .*alpha-3"):
        gazetteer_from_mapping(payload)


def test_missing_version_or_bad_entity_type_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="version"):
        load_weapon_gazetteer(write_data(tmp_path, MINIMAL.replace("version: 1\n", "")))
    other = tmp_path / "other"
    other.mkdir()
    with pytest.raises(DataFileError, match="schema error"):
        load_weapon_gazetteer(write_data(other, MINIMAL.replace("entity_type: WEAPON", "entity_type: GUN")))


def test_not_weapons_phrase_must_contain_a_generic_term() -> None:
    from sitrep.errors import DataFileError
    from sitrep.weapons import gazetteer_from_mapping

    payload = {
        "classes": [{"code": "small_arms", "name": "small arms", "entity_type": "WEAPON"}],
        "systems": [],
        "generic": [{"class": "small_arms", "terms": ["gun", "guns"]}],
        "not_weapons": ["smoking gun"],
    }
    assert gazetteer_from_mapping(payload).not_weapons == ("smoking gun",)
    payload["not_weapons"] = ["smoking pipe"]
    with pytest.raises(DataFileError, match="no generic term"):
        gazetteer_from_mapping(payload)


def test_topic_heads_are_loaded(gaz: WeaponGazetteer) -> None:
    assert {"inspectors", "treaty", "violence"} <= gaz.topic_heads
    assert "team" not in gaz.topic_heads  # "a mortar team" fires mortars
