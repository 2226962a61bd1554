"""The leaders gazetteer (data/leaders.yaml), its loader's checks, and its use by the
events stage: a head of state named alone gives the actor its country.

Every sentence here is written for these tests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import sitrep
from sitrep.data import PACKAGE_DATA
from sitrep.data.leaders import LeaderIndex, clear_cache, load_leaders, norm
from sitrep.errors import DataFileError


@pytest.fixture(scope="module")
def leaders() -> LeaderIndex:
    return load_leaders()


def _packaged() -> dict[str, Any]:
    return yaml.safe_load((PACKAGE_DATA / "leaders.yaml").read_text(encoding="utf-8"))


def _write(folder: Path, payload: dict[str, Any]) -> None:
    (folder / "leaders.yaml").write_text(yaml.safe_dump(payload, allow_unicode=True, sort_keys=False),
                                         encoding="utf-8")


def _load_from(folder: Path) -> LeaderIndex:
    clear_cache()
    try:
        return load_leaders(folder)
    finally:
        clear_cache()


# --- coverage --------------------------------------------------------------------------

def test_broad_coverage(leaders):
    assert len(leaders) >= 800
    countries = {p.country for p in leaders.leaders}
    assert len(countries) >= 120
    # the permanent members of the Security Council each have many people listed
    for code in ("USA", "RUS", "CHN", "GBR", "FRA"):
        assert sum(p.country == code for p in leaders.leaders) >= 15, code


@pytest.mark.parametrize("text,code", [
    ("Bush", "USA"),
    ("President Bush", "USA"),
    ("George W. Bush", "USA"),
    ("Museveni", "UGA"),
    ("Yoweri Museveni", "UGA"),
    ("Erdoğan", "TUR"),
    ("Erdogan", "TUR"),
    ("Bashar al-Assad", "SYR"),
    ("Assad", "SYR"),
    ("Zelenskyy", "UKR"),
    ("Lt. Gen. Raoul Cedras", "HTI"),
    ("Kim Jong Un", "PRK"),
    ("Kim Dae-jung", "KOR"),
    ("Lopez Obrador", "MEX"),
    ("Vladimir Putin's", "RUS"),
])
def test_names_resolve(leaders, text, code):
    assert leaders.country(text) == code


def test_spelling_variants_meet(leaders):
    # doubled letters and accents are folded: a common misspelling still resolves
    assert norm("Nasrallah") == norm("Nasralah")
    assert leaders.country("Hassan Nasralah") == "LBN"
    assert leaders.country("Zelenskyy") == leaders.country("Zelensky") == "UKR"
    assert leaders.country("Gaddafi") == leaders.country("Qadhafi") == "LBY"


@pytest.mark.parametrize("text", [
    "Kim",            # North and South Korean leaders share it
    "Herzog",         # a German and an Israeli president
    "Lee",
    "Laura Bush",     # another first name before a known surname: not the leader
    "Brown",          # a common surname kept out of the short forms
    "Major",
    "Lagos",          # a Chilean president's name and a Nigerian city
    "John Smith",
])
def test_ambiguous_or_unknown_forms_are_not_resolved(leaders, text):
    assert leaders.country(text) is None


def test_government_phrases(leaders):
    assert leaders.government("the Bush administration").country == "USA"
    assert leaders.government("Assad's regime").country == "SYR"
    assert leaders.government("Bush") is None
    assert leaders.government("the Smith administration") is None


# --- loader checks ---------------------------------------------------------------------

def test_unknown_country_code_is_rejected(tmp_path):
    payload = _packaged()
    payload["leaders"]["XYZ"] = [{"name": "Test Person", "role": "president", "from": 2000}]
    _write(tmp_path, payload)
    with pytest.raises(DataFileError, match="XYZ"):
        _load_from(tmp_path)


def test_short_form_of_two_states_must_be_marked_ambiguous(tmp_path):
    payload = _packaged()
    payload["leaders"]["NOR"].append({"name": "Olav Museveni", "role": "minister", "from": 2001})
    _write(tmp_path, payload)
    with pytest.raises(DataFileError, match="museveni"):
        _load_from(tmp_path)
    payload["ambiguous"].append("Museveni")
    _write(tmp_path, payload)
    index = _load_from(tmp_path)
    assert index.country("Museveni") is None
    assert index.country("Yoweri Museveni") == "UGA"


def test_stale_ambiguous_entry_is_rejected(tmp_path):
    payload = _packaged()
    payload["ambiguous"].append("Museveni")
    _write(tmp_path, payload)
    with pytest.raises(DataFileError, match="ambiguous"):
        _load_from(tmp_path)


def test_full_name_of_two_states_is_rejected(tmp_path):
    payload = _packaged()
    payload["leaders"]["NOR"].append({"name": "Yoweri Museveni", "role": "minister", "from": 2001, "short": []})
    _write(tmp_path, payload)
    with pytest.raises(DataFileError, match="full name"):
        _load_from(tmp_path)


def test_schema_rejects_unknown_role(tmp_path):
    payload = _packaged()
    payload["leaders"]["NOR"].append({"name": "Test Person", "role": "wizard", "from": 2001})
    _write(tmp_path, payload)
    with pytest.raises(DataFileError, match="schema"):
        _load_from(tmp_path)


def test_years_in_order(tmp_path):
    payload = _packaged()
    payload["leaders"]["NOR"].append({"name": "Test Person", "role": "minister", "from": 2001, "to": 1999})
    _write(tmp_path, payload)
    with pytest.raises(DataFileError, match="before"):
        _load_from(tmp_path)


# --- use in the events stage -------------------------------------------------------------

def _actor_codes(text: str) -> list[set[str | None]]:
    return [{a.code for a in ev.actor} for ev in sitrep.code(text, date="2025-03-04").events]


def test_leader_named_by_surname_gets_country():
    codes = _actor_codes("Museveni accused Kenya of arming rebels in the north.")
    assert {"UGA"} in codes


def test_leader_with_title_gets_country():
    codes = _actor_codes("President Obama threatened new sanctions against Pyongyang on Friday.")
    assert any("USA" in c for c in codes)


def test_administration_gets_country():
    codes = _actor_codes("The Obama administration demanded that Syria release the journalists.")
    assert any("USA" in c for c in codes)


def test_ambiguous_surname_is_not_resolved():
    codes = _actor_codes("Kim threatened to strike the carrier group.")
    assert codes and all(not (c & {"PRK", "KOR"}) for c in codes)


def test_domestic_opponent_stays_recipient():
    # the government and the opposition of one state are two parties
    ev = [e for e in sitrep.code("President Paul Kagame barred Rwandan opposition parties from Sunday's vote.",
                                 date="2025-03-04").events if e.type == "COERCE"]
    assert ev and {a.code for a in ev[0].actor} == {"RWA"}
    assert [r.code for r in ev[0].recipient] == ["RWA"]


def test_year_settles_an_ambiguous_short_form(leaders):
    # a German president of the 1990s and an Israeli president of the 2020s
    assert leaders.country("Herzog", 2023) == "ISR"
    assert leaders.country("President Herzog", 1996) == "DEU"
    assert leaders.country("Herzog", 2010) is None  # neither in office
    assert leaders.country("Herzog") is None


def test_article_date_settles_an_ambiguous_leader():
    arts = {year: sitrep.code("President Herzog condemned the attack on the embassy on Tuesday.", date=f"{year}-05-02")
            for year in (1997, 2024)}
    codes = {year: {a.code for e in art.events for a in e.actor} for year, art in arts.items()}
    assert "DEU" in codes[1997] and "ISR" in codes[2024]
