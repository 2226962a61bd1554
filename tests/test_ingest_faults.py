"""Hostile inputs (issue 13): each is coded or rejected with a recorded reason, and the
good articles read beside it in the same batch are stored. No spaCy model here: these
tests cover the reading layer and the store writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitrep.ingest import read_paths
from sitrep.ingest.decoding import decode
from sitrep.model import Article
from sitrep.settings import Settings
from sitrep.store import Store

SETTINGS = Settings()
STORY = "Russia deployed troops to Belarus on Monday, officials said, in a move neighbours condemned."
CYRILLIC = "Москва заявила, что войска проведут учения в Беларуси. "


def _rss(*bodies: str) -> bytes:
    items = "".join(f"<item><title>T{n}</title><description>{b}</description></item>"
                    for n, b in enumerate(bodies))
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>{items}"
            "</channel></rss>").encode()


def _ingest(tmp_path: Path, name: str | bytes, data: bytes) -> tuple[list[Article], Store]:
    """Read `data` as file `name` beside a good file, store all in one batch."""
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    folder = os.fsencode(tmp_path)
    target = os.path.join(folder, name if isinstance(name, bytes) else name.encode())
    with open(target, "wb") as f:
        f.write(data)
    articles = list(read_paths([os.fsdecode(target), str(good)], settings=SETTINGS))
    store = Store.open(":memory:")
    store.add(articles)
    return articles, store


def _stored_and_rejected(store: Store) -> tuple[set[str], list[tuple[str, str]]]:
    ids = {r["id"] for r in store.articles()}
    rej = [(r["reason"], r["detail"]) for r in store.rejections()]
    return ids, rej


@pytest.mark.parametrize("ref", ["&#x110000;", "&#xD800;", "&#99999999999999;", "&#1;"])
def test_feed_item_with_a_reference_to_no_character_is_stored(tmp_path: Path, ref: str) -> None:
    # before: feedparser's loose parser raised ValueError / UnicodeEncodeError from chr(),
    # aborting the whole ingest
    articles, store = _ingest(tmp_path, "f.xml", _rss(STORY, f"bad {ref} here. {STORY} Again.", STORY + " 3"))
    ids, _ = _stored_and_rejected(store)
    assert len([a for a in articles if a.rejected is None]) == 4
    assert len(ids) == 4
    bad = next(a for a in articles if a.text.startswith("bad"))
    assert "\ufffd" in bad.text and any("U+FFFD" in w for w in bad.warnings)


@pytest.mark.parametrize("body", [
    "&lt;p&gt;x\x01\x02\x03\x08 y&lt;/p&gt; " + STORY,
    "<![CDATA[<p>abc \x0b\x0c\x01 def</p> " + STORY + "]]>",
])
def test_control_characters_in_an_html_feed_item(tmp_path: Path, body: str) -> None:
    # before: lxml refused the fragment's text ("All strings must be XML compatible"), aborting the run
    articles, store = _ingest(tmp_path, "f.xml", _rss(STORY + " 1", body))
    ids, _ = _stored_and_rejected(store)
    assert len(ids) == 3
    assert all(a.rejected is None for a in articles)


def test_file_name_with_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    # before: the origin kept lone surrogates and the batch's Arrow conversion raised
    articles, store = _ingest(tmp_path, b"name\xff\xfe.txt", (STORY + " Other.").encode())
    ids, _ = _stored_and_rejected(store)
    assert len(ids) == 2
    origins = {r["origin"] for r in store.articles()}
    assert any(o.endswith("name\\xff\\xfe.txt") for o in origins)


def test_lone_surrogate_in_jsonl_text_is_replaced_offsets_kept(tmp_path: Path) -> None:
    data = b'{"text": "a \\ud800 b ' + STORY.encode() + b'", "title": "\\udfff"}\n'
    articles, store = _ingest(tmp_path, "x.jsonl", data)
    a = articles[0]
    assert a.rejected is None and a.text.startswith("a \ufffd b") and a.title == "\ufffd"
    assert len(_stored_and_rejected(store)[0]) == 2


def test_an_article_arrow_cannot_store_is_rejected_not_the_batch() -> None:
    store = Store.open(":memory:")
    result = store.add([Article(id="a", text="fine", origin="x"),
                        Article(id="b", text="bad \ud800", origin="y\udcff")])
    assert result.added == 1 and result.rejected == 1
    assert store.rejections()[0]["reason"] == "unstorable"


def test_nul_byte_rejects_its_jsonl_line_only(tmp_path: Path) -> None:
    # before: the whole file was rejected "binary" and its valid lines lost
    data = b'{"text": "a\x00b ' + STORY.encode() + b'"}\n{"text": "' + STORY.encode() + b' two"}\n'
    articles, store = _ingest(tmp_path, "n.jsonl", data)
    assert [(a.rejected.reason if a.rejected else None) for a in articles] == ["binary", None, None]
    ids, rej = _stored_and_rejected(store)
    assert len(ids) == 2 and rej == [("binary", "line contains NUL bytes")]


def test_nul_byte_in_a_text_file_rejects_it_with_a_reason(tmp_path: Path) -> None:
    articles, store = _ingest(tmp_path, "n.txt", STORY.encode() + b"\x00 more")
    assert articles[0].rejected.reason == "binary"
    assert len(_stored_and_rejected(store)[0]) == 1


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_32_jsonl_read_per_line(tmp_path: Path, encoding: str) -> None:
    # before: UTF-16 JSONL gave bad_encoding plus an invented malformed second line;
    # BOM-less UTF-16 was rejected as binary
    lines = f'{{"text": "{STORY} 1"}}\n{{"text": "{STORY} 2"}}\n'
    articles, store = _ingest(tmp_path, "w.jsonl", lines.encode(encoding))
    assert [a.origin.rsplit(":", 1)[-1] for a in articles[:2]] == ["1", "2"]
    assert all(a.rejected is None for a in articles)
    assert len(_stored_and_rejected(store)[0]) == 3


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_utf16_text_file(tmp_path: Path, encoding: str) -> None:
    articles, _ = _ingest(tmp_path, "w.txt", (STORY + " Sixteen.").encode(encoding))
    assert articles[0].rejected is None and articles[0].text.endswith("Sixteen.")


def test_cyrillic_read_as_big5_is_rejected_not_stored_garbled(tmp_path: Path) -> None:
    # before: stored with the text garbled (Москва -> 沓齕瘔) and only a warning "decoded as big5"
    data = "Москва".encode("cp1251") + b" said " + STORY.encode()
    articles, store = _ingest(tmp_path, "c.txt", data)
    a = articles[0]
    assert a.rejected is not None and a.rejected.reason == "bad_encoding"
    assert "big5" in a.rejected.detail and "doubtful" in a.rejected.detail
    assert len(_stored_and_rejected(store)[0]) == 1


def test_mixed_utf8_and_cp1251_is_rejected_as_mixed(tmp_path: Path) -> None:
    # before: decoded as mac_cyrillic, garbling the UTF-8 part
    data = (STORY * 2).encode() + CYRILLIC.encode("cp1251") + CYRILLIC.encode()
    articles, _ = _ingest(tmp_path, "m.txt", data)
    assert articles[0].rejected.reason == "bad_encoding"
    assert articles[0].rejected.detail.startswith("mixed encodings")


def test_single_byte_encodings_still_decode() -> None:
    assert decode((STORY + " café").encode("cp1252")).text.endswith("café")
    cyr = decode((STORY + CYRILLIC * 3).encode("cp1251"))
    assert cyr.text is not None and "Москва" in cyr.text
