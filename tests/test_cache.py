"""The start-up caches (`sitrep.cache`): checked data files, the city index and the
gazetteer patterns' token ids.

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
        assert list((cache_in / "cities").glob("*.bin"))
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
        assert "minsk" in again and "no such place" not in again and 7 not in again
        assert again.get(7) is None and again.get("") is None and again.get("\uffff") is None
        assert again.get("\ud800") is None and again.get("минск") is None
        assert sorted(again) == sorted(index) == list(again)
        for name in list(index)[::997]:  # a sample of every part of the index
            assert [c.population for c in again[name]] == [rows[i][4] for i in index[name]]

        assert again["minsk"][0].name == "Minsk" and type(again["minsk"][0].population) is int
        assert all(type(x) is float for c in again["brest"] for x in (c.lat, c.lon))

        # a damaged entry is built again (and stored again), not read (replaced, never
        # rewritten in place: the entry is mapped)
        [entry] = (cache_in / "cities").glob("*.bin")
        good = entry.read_bytes()
        del first, again
        entry.unlink()
        entry.write_bytes(good[: len(good) // 2])
        geo.city_index.cache_clear()
        assert geo.city_index()["minsk"] == tuple(geo.GeoCandidate(*rows[i]) for i in index["minsk"])
        assert entry.read_bytes() == good
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
def test_gazetteer_pattern_ids_from_the_cache_equal_fresh_tokenisation(pipeline, cache_in: Path) -> None:
    from sitrep.entities.recognise import pattern_ids

    nlp = pipeline.nlp
    texts = ["U.S.-made HIMARS", "the Kremlin", "Iskander-M", "Ministry of Defence", "S-400 Triumf", "the Kremlin"]
    first = pattern_ids(nlp, texts)  # tokenises and stores
    [entry] = (cache_in / "patterns").iterdir()
    again = pattern_ids(nlp, texts)  # read back
    assert again == first and set(first) == set(texts)
    for t in texts:
        fresh = nlp.make_doc(t)
        assert first[t] == (tuple(x.orth for x in fresh), tuple(x.lower for x in fresh))

    # a damaged entry (truncated, or other bytes) is rebuilt, not read, and stored again
    good = entry.read_bytes()
    for bad in (good[:-7], good[:20], b"", good[:40] + bytes([good[40] ^ 1]) + good[41:]):
        entry.write_bytes(bad)
        assert pattern_ids(nlp, texts) == first
        assert entry.read_bytes() == good

    # other texts (an edited data file) are another entry, never the old one
    more = pattern_ids(nlp, [*texts, "Oreshnik missile"])
    assert len(list((cache_in / "patterns").iterdir())) == 2
    assert more["Oreshnik missile"] == tuple(tuple(getattr(x, a) for x in nlp.make_doc("Oreshnik missile"))
                                             for a in ("orth", "lower"))


@pytest.mark.slow
def test_gazetteer_pattern_ids_without_a_usable_cache(pipeline, tmp_path: Path, monkeypatch) -> None:
    from sitrep.entities.recognise import pattern_ids

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("SITREP_CACHE_DIR", str(blocker / "cache"))  # cannot be created
    texts = ["the Kremlin", "Iskander-M"]
    got = pattern_ids(pipeline.nlp, texts)
    monkeypatch.setenv("SITREP_CACHE_DIR", "off")
    assert pattern_ids(pipeline.nlp, texts) == got


def _matcher_patterns(recognise) -> list:
    """Each matcher's patterns, as pickling a PhraseMatcher sees them (key -> token id tuples)."""
    return [m.__reduce__()[1][1] for m in (recognise.exact, recognise.folded, recognise.not_weapons)]


@pytest.mark.slow
def test_recognise_from_the_cache_builds_the_same_matchers_and_sees_edited_data(
        pipeline, cache_in: Path, tmp_path: Path) -> None:
    from sitrep import weapons
    from sitrep.entities import Recognise
    from sitrep.model import Article

    cold = Recognise(pipeline.nlp)  # tokenises the patterns and stores their ids
    assert list((cache_in / "patterns").iterdir())
    warm = Recognise(pipeline.nlp)  # reads them back
    assert _matcher_patterns(warm) == _matcher_patterns(cold)
    assert warm.forms == cold.forms

    # an edited weapons.yaml: its new alias is matched, though the cache holds the old patterns
    own = tmp_path / "data"
    own.mkdir()
    text = (PACKAGE_DATA / "weapons.yaml").read_text(encoding="utf-8")
    assert "aliases: [Орешник, " in text
    (own / "weapons.yaml").write_text(text.replace("aliases: [Орешник, ", "aliases: [Hazel Tree Rocket, Орешник, ", 1),
                                      encoding="utf-8")
    weapons.clear_cache()
    try:
        edited = Recognise(pipeline.nlp, data_dir=str(own))
    finally:
        weapons.clear_cache()
    sentence = "Russia moved the Hazel Tree Rocket to Belarus."
    found = {}
    for rec in (warm, edited):
        article = Article(id="t", text=sentence)
        article.doc = pipeline.nlp(sentence)
        rec(article)
        found[rec is edited] = [(e.text, e.code) for e in article.entities if e.type in ("WEAPON", "MILITARY_PLATFORM")]
    assert ("Hazel Tree Rocket", "Oreshnik") in found[True]
    assert not any("Hazel" in t for t, _ in found[False])


LANGUAGE_SAMPLES = [
    "Russia deployed Iskander-M launchers to Belarus on Monday, the defence ministry in Minsk said.",
    "Der russische Präsident hat am Montag neue Raketen nach Belarus verlegen lassen, sagte ein Sprecher.",
    "Президент России заявил в понедельник, что ракеты будут размещены в Беларуси до конца года.",
    "Le ministre a déclaré que les troupes resteraient dans la région jusqu'à la fin de l'année.",
    "",
    "12345 ... !!!",
]


def test_langid_model_from_the_cache_equals_py3langids_own(cache_in: Path) -> None:
    import numpy
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from sitrep import text

    own = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    first = text._langid_arrays()  # unpacks the shipped model and stores it
    [entry] = (cache_in / "langid").iterdir()
    again = text._langid_arrays()  # maps the stored entry
    for parts in (first, again):
        ptc, pc, classes, nextmove, row, output = parts
        assert numpy.array_equal(ptc, own.nb_ptc) and ptc.dtype == own.nb_ptc.dtype
        assert numpy.array_equal(pc, own.nb_pc) and classes == list(own.nb_classes)
        assert numpy.array_equal(numpy.asarray(nextmove), numpy.asarray(own.tk_nextmove))
        assert list(row) == list(own.tk_row) and output == own.tk_output
        ours = LanguageIdentifier(ptc, pc, classes, nextmove, output, norm_probs=True, tk_row=row)
        for sample in LANGUAGE_SAMPLES:
            assert ours.rank(sample) == own.rank(sample)
    good = entry.read_bytes()
    del first, again, parts, ptc, pc, nextmove, row, ours

    # a damaged entry is unpacked and stored again, not read (replaced, as the cache
    # itself replaces entries: rewriting a mapped file in place is not allowed)
    for bad in (good[: len(good) // 3], good[:8], b"\0" * 64):
        entry.unlink()
        entry.write_bytes(bad)
        parts = text._langid_arrays()
        assert parts is not None and parts[2] == list(own.nb_classes)
        del parts
        assert entry.read_bytes() == good


def test_shipped_detector_from_the_cache_equals_the_file(cache_in: Path) -> None:
    import numpy

    from sitrep.detector import model

    path = model.DEFAULT_PATH
    if not path.exists():
        pytest.skip("no shipped detector")
    fresh = model.EventDetector.load(path)
    texts = ["Government forces shelled rebel positions outside the town on Tuesday.", "Read more", ""]
    assert model._cached(path) is None
    model._load_and_cache(path)
    [entry] = (cache_in / "detector").iterdir()
    again = model._cached(path)
    assert again is not None
    assert again.weights.dtype == fresh.weights.dtype and numpy.array_equal(again.weights, fresh.weights)
    assert numpy.array_equal(again.bias, fresh.bias) and again.classes == fresh.classes and again.info == fresh.info
    assert numpy.array_equal(again.probabilities(texts), fresh.probabilities(texts))
    good = entry.read_bytes()
    del again

    # a damaged entry is not read; the model is loaded from its file and stored again
    entry.unlink()
    entry.write_bytes(good[: len(good) // 2])
    assert model._cached(path) is None
    model.shipped.cache_clear()
    try:
        det = model.shipped()
        assert det is not None and numpy.array_equal(det.weights, fresh.weights)
        assert entry.read_bytes() == good
    finally:
        model.shipped.cache_clear()


def test_packed_arrays_round_trip_and_refuse_a_short_entry() -> None:
    import numpy

    arrays = {"a": numpy.arange(7, dtype=numpy.uint16), "b": numpy.ones((3, 5), dtype=numpy.float32),
              "c": numpy.zeros(0, dtype=numpy.int64)}
    packed = cache.pack_arrays(arrays, {"x": [1, "y"]})
    got, meta = cache.unpack_arrays(packed)
    assert meta == {"x": [1, "y"]} and list(got) == ["a", "b", "c"]
    base = numpy.frombuffer(packed, dtype=numpy.uint8).ctypes.data
    for k, a in arrays.items():
        assert got[k].dtype == a.dtype and got[k].shape == a.shape and numpy.array_equal(got[k], a)
        assert (got[k].ctypes.data - base) % 64 == 0 or a.nbytes == 0  # aligned in the file
        assert not got[k].flags.writeable
    for bad in (packed[:-1], packed[:8], b"", b"\0" * 100, packed + b"\0"):
        assert cache.unpack_arrays(bad) is None


def test_the_yaml_loader_is_named_without_importing_pyyaml() -> None:
    """A start with every data file in the cache imports no PyYAML, and the cache key names
    the loader that would parse the files."""
    import subprocess
    import sys

    code = ("import sys; from sitrep import data; name = data._loader_name(); "
            "imported = 'yaml' in sys.modules; print(name, imported, data._yaml()[1].__name__)")
    src = str(Path(data.__file__).resolve().parents[2])
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": src}).stdout.split()
    assert out[1] == "False" and out[0] == out[2]
