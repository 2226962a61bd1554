"""The ingest stage: every format, folders and globs, stdin, and every rejection."""

from __future__ import annotations

import io
import os
import sys
import time
from pathlib import Path

import pytest

from sitrep.errors import InputError, UsageError
from sitrep.ingest import detect_format, expand_paths, read_paths, read_stream
from sitrep.model import Article, content_id
from sitrep.settings import Settings

SETTINGS = Settings()

STORY = (
    "Armed forces crossed the northern border early on Tuesday, officials said, in a move "
    "that neighbouring governments condemned as a violation of sovereignty."
)


def read(*paths: Path | str, settings: Settings = SETTINGS, fmt: str | None = None) -> list[Article]:
    return list(read_paths([str(p) for p in paths], settings=settings, fmt=fmt))


def read_one(path: Path, **kwargs) -> Article:
    articles = read(path, **kwargs)
    assert len(articles) == 1, articles
    return articles[0]


def reasons(articles: list[Article]) -> list[str | None]:
    return [a.rejected.reason if a.rejected else None for a in articles]


# --- plain text ---------------------------------------------------------------------------


def test_text_with_header_block(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(
        "Title: Troops cross border\nDate: 2024-03-05\nSource: Daily Bugle\n"
        "URL: https://bugle.example/troops\n\n" + STORY + "\n\nSecond paragraph.\n",
        encoding="utf-8",
    )
    a = read_one(path)
    assert a.ok
    assert (a.title, a.date, a.source, a.url) == (
        "Troops cross border", "2024-03-05", "Daily Bugle", "https://bugle.example/troops")
    assert a.text == STORY + "\n\nSecond paragraph."
    assert (a.format, a.origin) == ("text", str(path))
    assert a.id == content_id(a.text, title=a.title)


def test_text_date_header_alone_and_bad_date_warns(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Date: 2024-03-05T08:00:00Z\n" + STORY, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text("Date: last Tuesday\n\n" + STORY, encoding="utf-8")
    a, b = read(good, bad)
    assert (a.date, a.text) == ("2024-03-05", STORY)
    assert b.date is None and b.ok
    assert any("last Tuesday" in w for w in b.warnings)


def test_text_first_line_is_title_only_when_it_looks_like_one(tmp_path: Path) -> None:
    titled = tmp_path / "a.txt"
    titled.write_text("Troops Cross Border\n\n" + STORY + "\n\nMore.\n", encoding="utf-8")
    sentence = tmp_path / "b.txt"
    sentence.write_text("Troops crossed the border.\n\n" + STORY, encoding="utf-8")
    single = tmp_path / "c.txt"
    single.write_text(STORY, encoding="utf-8")
    wrapped = tmp_path / "d.txt"
    wrapped.write_text("Troops crossed the border\nearly on Tuesday\n\nMore text.", encoding="utf-8")
    a, b, c, d = read(titled, sentence, single, wrapped)
    assert a.title == "Troops Cross Border" and a.text == STORY + "\n\nMore."
    assert b.title is None and b.text.startswith("Troops crossed the border.")
    assert c.title is None and c.text == STORY
    assert d.title is None and d.text.startswith("Troops crossed the border\nearly")


def test_markdown_heading_is_a_title(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("## Troops Cross Border\n\n" + STORY, encoding="utf-8")
    a = read_one(path)
    assert (a.title, a.text) == ("Troops Cross Border", STORY)


def test_text_keeps_characters_as_they_are(tmp_path: Path) -> None:
    body = "He said \u201cwe  will\tstrike\u201d \u2013 caf\u00e9\r\nnext line\u00a0here, at length."
    path = tmp_path / "raw.txt"
    path.write_bytes(body.encode("utf-8"))
    assert read_one(path).text == body


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + STORY.encode("utf-8"))
    a = read_one(path)
    assert a.text == STORY and a.warnings == []


def test_cp1252_is_decoded_with_a_warning(tmp_path: Path) -> None:
    body = "The minister\u2019s statement said \u201cwe will respond\u201d \u2013 a caf\u00e9 was hit. " * 3
    path = tmp_path / "legacy.txt"
    path.write_bytes(body.encode("cp1252"))
    a = read_one(path)
    assert a.ok
    assert "\u201cwe will respond\u201d" in a.text and "\u2019" in a.text
    assert any(w.startswith("decoded as ") for w in a.warnings)


def test_short_latin1_snippet_is_not_read_as_cjk(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_bytes("Le caf\u00e9 de la gare a \u00e9t\u00e9 touch\u00e9.".encode("cp1252"))
    assert read_one(path).text == "Le caf\u00e9 de la gare a \u00e9t\u00e9 touch\u00e9."


# --- paths: folders, globs, stdin, missing ------------------------------------------------


def make_tree(root: Path) -> None:
    (root / "b" / "deep").mkdir(parents=True)
    (root / ".hidden_dir").mkdir()
    (root / "a.txt").write_text("Alpha story. " * 5, encoding="utf-8")
    (root / "b" / "c.txt").write_text("Charlie story. " * 5, encoding="utf-8")
    (root / "b" / "deep" / "d.md").write_text("Delta story. " * 5, encoding="utf-8")
    (root / ".secret.txt").write_text("hidden file", encoding="utf-8")
    (root / ".hidden_dir" / "e.txt").write_text("hidden folder", encoding="utf-8")


def test_folder_is_walked_recursively_sorted_without_hidden(tmp_path: Path) -> None:
    make_tree(tmp_path)
    origins = [a.origin for a in read(tmp_path)]
    assert origins == [
        str(tmp_path / "a.txt"), str(tmp_path / "b" / "c.txt"), str(tmp_path / "b" / "deep" / "d.md")]


def test_glob_patterns(tmp_path: Path) -> None:
    make_tree(tmp_path)
    flat = [a.origin for a in read(tmp_path / "*.txt")]
    assert flat == [str(tmp_path / "a.txt")]
    deep = [a.origin for a in read(tmp_path / "**" / "*.txt")]
    assert deep == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "c.txt")]


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    make_tree(tmp_path)
    assert len(read(tmp_path / "a.txt", tmp_path, tmp_path / "a.txt")) == 3


def test_missing_path_raises_before_anything_is_read(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_paths([str(good), str(tmp_path / "nope.txt"), str(tmp_path / "*.none")],
                   settings=SETTINGS)
    assert "nope.txt" in str(err.value) and "*.none" in str(err.value)
    with pytest.raises(InputError):
        expand_paths([str(tmp_path / "missing")])


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        read_paths([str(tmp_path)], settings=SETTINGS, fmt="pdf")


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(("Date: 2024-03-05\n\n" + STORY).encode("utf-8")))
    monkeypatch.setattr(sys, "stdin", fake)
    (a,) = list(read_paths(["-"], settings=SETTINGS))
    assert (a.origin, a.format, a.date, a.text) == ("<stdin>", "text", "2024-03-05", STORY)


def test_stdin_jsonl_is_sniffed_and_streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = b'{"text": "first"}\n{"text": "second"}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines)))
    articles = list(read_paths(["-"], settings=SETTINGS))
    assert [(a.origin, a.text) for a in articles] == [("<stdin>:1", "first"), ("<stdin>:2", "second")]


def test_read_stream_honours_name_and_format() -> None:
    page = f"<html><body><article><p>{STORY}</p></article></body></html>".encode()
    (a,) = list(read_stream(io.BytesIO(page), name="page.html", fmt=None, settings=SETTINGS))
    assert (a.format, a.text) == ("html", STORY)
    (b,) = list(read_stream(io.BytesIO(page), name="<stdin>", fmt="text", settings=SETTINGS))
    assert b.format == "text" and b.text.startswith("<html>")


def test_stdin_over_max_bytes_reads_no_more_than_the_limit() -> None:
    class Counting(io.BytesIO):
        read_total = 0

        def read(self, n: int | None = -1) -> bytes:
            data = super().read(n)
            Counting.read_total += len(data)
            return data

    stream = Counting(b"word " * 20_000)
    (a,) = list(read_stream(stream, name="<stdin>", fmt=None, settings=Settings(max_bytes=1000)))
    assert a.rejected is not None and a.rejected.reason == "too_large"
    assert Counting.read_total <= 8192 + 1001


# --- detection ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "head", "fmt"),
    [
        ("a.TXT", b"<html>", "text"),
        ("a.md", b"", "text"),
        ("a.htm", b"", "html"),
        ("a.atom", b"", "feed"),
        ("a.rss", b"", "feed"),
        ("a.xml", b"", "feed"),
        ("a.ndjson", b"", "jsonl"),
        ("a.json", b"", "jsonl"),
        ("noext", b'<?xml version="1.0"?>\n<rss version="2.0">', "feed"),
        ("noext", b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        ("noext", b"<rdf:RDF xmlns:rdf='x'>", "feed"),
        ("noext", b"\xef\xbb\xbf  <!DOCTYPE html><html><body>a <feed> word</body>", "html"),
        ("noext", b"<HTML><body>", "html"),
        ("noext", b"<div>fragment</div>", "html"),
        ("noext", b'  {"text": "x"}', "jsonl"),
        ("noext", b"Plain words mentioning <rss later", "text"),
        ("<stdin>", b"", "text"),
    ],
)
def test_detect_format(name: str, head: bytes, fmt: str) -> None:
    assert detect_format(name, head) == fmt


# --- HTML ---------------------------------------------------------------------------------

PAGE = f"""<!doctype html>
<html><head><title>Troops cross border - Daily Bugle</title>
<meta property="og:site_name" content="Daily Bugle">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://bugle.example/world/troops">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World menu link</a></li>
<li><a href="/sport">Sport menu link</a></li></ul></nav>
<div class="ad advertisement" id="ad-top">Buy cheap widgets now! Limited offer.</div>
<article><h1>Troops cross border</h1>
<p>{STORY}</p>
<p>The defence ministry said the operation was limited in scope and would last several days,
according to a statement released in the capital.</p>
<div class="advertisement">Subscribe today for exclusive deals on garden furniture.</div>
<p>Witnesses reported columns of armoured vehicles moving along the main highway.</p>
</article>
<aside class="sidebar">Most read: celebrity gossip roundup</aside>
<footer>Copyright 2024 Daily Bugle. All rights reserved. Privacy policy.</footer>
</body></html>"""


def test_html_keeps_the_story_and_drops_the_page_furniture(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    a = read_one(path)
    assert a.ok, a.rejected
    assert STORY in a.text
    assert "columns of armoured vehicles" in a.text
    for junk in ("menu link", "cheap widgets", "garden furniture", "gossip", "Copyright"):
        assert junk not in a.text
    assert not a.text.startswith("Troops cross border")  # the <h1> repeats the title
    assert a.title == "Troops cross border"
    assert (a.date, a.source, a.url) == ("2024-03-05", "Daily Bugle", "https://bugle.example/world/troops")
    assert a.format == "html"


def test_broken_html_is_read_or_rejected_never_raises(tmp_path: Path) -> None:
    unclosed = tmp_path / "unclosed.html"
    unclosed.write_text(f"<html><body><div><p>{STORY}<p>More text <b>bold", encoding="utf-8")
    stub = tmp_path / "stub.html"
    stub.write_text("<html><body><div><p>unclosed", encoding="utf-8")
    garbage = tmp_path / "garbage.html"
    garbage.write_text("<<<>>> <<<", encoding="utf-8")
    tags_only = tmp_path / "tags.html"
    tags_only.write_text("<html><head><title>Only a title</title></head><body><div></div></body></html>",
                         encoding="utf-8")
    a, b, c, d = read(unclosed, stub, garbage, tags_only)
    assert a.ok and STORY in a.text
    assert b.ok or b.rejected.reason == "no_main_text"
    assert c.rejected is not None and c.rejected.reason in {"malformed_html", "no_main_text"}
    assert d.rejected is not None and d.rejected.reason == "no_main_text"


# --- feeds --------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>World &amp; Wire</title><link>https://wire.example</link>
<item><title>Troops cross border</title><link>https://wire.example/1</link>
<pubDate>Tue, 05 Mar 2024 23:30:00 -0500</pubDate>
<description>&lt;p&gt;Armed forces crossed the border.&lt;/p&gt;&lt;p&gt;Officials &amp;amp; witnesses said so.&lt;/p&gt;</description></item>
<item><title>Empty one</title><link>https://wire.example/2</link><description>   </description></item>
<item><title>Talks resume</title><link>https://wire.example/3</link>
<pubDate>Wed, 06 Mar 2024 09:00:00 GMT</pubDate>
<description>Negotiators met in Geneva on Wednesday.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title><id>urn:wire</id>
<updated>2024-03-06T00:00:00Z</updated>
<entry><title type="html">&lt;b&gt;Ceasefire&lt;/b&gt; agreed</title><id>urn:1</id><link href="https://atom.example/1"/>
<published>2024-03-05T23:30:00-05:00</published><updated>2024-03-06T10:00:00Z</updated>
<summary>Short summary.</summary>
<content type="html">&lt;p&gt;The two sides agreed a ceasefire.&lt;/p&gt;&lt;script&gt;track()&lt;/script&gt;&lt;p&gt;It starts at noon.&lt;/p&gt;</content>
</entry>
<entry><title>AT&amp;T &lt;3 body-less</title><id>urn:2</id><link href="https://atom.example/2"/>
<updated>2024-03-06T10:00:00Z</updated></entry>
</feed>"""


def test_rss_one_article_per_item_and_a_bad_item_does_not_stop_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    first, empty, third = read(path)
    assert first.ok and third.ok
    assert first.text == "Armed forces crossed the border.\nOfficials & witnesses said so."
    assert (first.title, first.url, first.source) == (
        "Troops cross border", "https://wire.example/1", "World & Wire")
    assert first.date == "2024-03-05"  # the feed's own day, not UTC's 6 March
    assert first.origin == f"{path}#item-1" and first.format == "feed"
    assert empty.rejected is not None and empty.rejected.reason == "empty"
    assert empty.origin == f"{path}#item-2" and empty.title == "Empty one"
    assert (third.text, third.date, third.origin) == (
        "Negotiators met in Geneva on Wednesday.", "2024-03-06", f"{path}#item-3")


def test_atom_prefers_content_and_rejects_an_entry_without_text(tmp_path: Path) -> None:
    path = tmp_path / "wire.atom"
    path.write_text(ATOM, encoding="utf-8")
    entry, bare = read(path)
    assert entry.ok
    assert entry.text == "The two sides agreed a ceasefire.\nIt starts at noon."
    assert (entry.title, entry.url, entry.source, entry.date) == (
        "Ceasefire agreed", "https://atom.example/1", "Atom Wire", "2024-03-05")
    assert bare.rejected is not None and bare.rejected.reason == "missing_text"
    assert bare.origin == f"{path}#item-2" and bare.title == "AT&T <3 body-less"


def test_broken_feed_is_one_rejection_with_the_parser_message(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text('<?xml version="1.0"?><rss><channel><title>x</ti', encoding="utf-8")
    (a,) = read(path)
    assert a.rejected is not None and a.rejected.reason == "malformed_feed"
    assert a.rejected.detail  # feedparser's message
    other_xml = tmp_path / "sitemap.xml"
    other_xml.write_text('<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>',
                         encoding="utf-8")
    (b,) = read(other_xml)
    assert b.rejected is not None and b.rejected.reason == "malformed_feed"


def test_feed_without_items_is_rejected_empty(tmp_path: Path) -> None:
    path = tmp_path / "none.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title>'
                    "</channel></rss>", encoding="utf-8")
    (a,) = read(path)
    assert a.rejected is not None and a.rejected.reason == "empty"


# --- JSON Lines ---------------------------------------------------------------------------


def test_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(
        '{"id": 42, "text": "First story.", "title": "One", "date": "2024-03-05T10:00:00Z",'
        ' "source": "Wire", "url": "https://wire.example/1"}\n'
        "this is not json\n"
        "\n"
        '{"title": "no text here"}\n'
        '{"text": "Fourth story.", "date": "March 5"}\n'
        '["a list"]\n'
        '{"text": 12}\n',
        encoding="utf-8",
    )
    articles = read(path)
    assert [a.origin for a in articles] == [f"{path}:{n}" for n in (1, 2, 4, 5, 6, 7)]
    assert reasons(articles) == [None, "malformed_json", "missing_text", None,
                                 "malformed_json", "malformed_json"]
    first, _, missing, fourth, _, _ = articles
    assert (first.id, first.title, first.date, first.source, first.url, first.text) == (
        "42", "One", "2024-03-05", "Wire", "https://wire.example/1", "First story.")
    assert missing.title == "no text here"
    assert fourth.date is None and any("March 5" in w for w in fourth.warnings)
    assert fourth.id == content_id("Fourth story.")


def test_jsonl_text_is_kept_exactly(tmp_path: Path) -> None:
    path = tmp_path / "exact.ndjson"
    path.write_text('{"text": "  Leading spaces\\r\\nand CRLF.  "}\n', encoding="utf-8")
    assert read_one(path).text == "  Leading spaces\r\nand CRLF.  "


def test_jsonl_line_over_max_bytes_is_rejected_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text('{"text": "' + "x" * 5000 + '"}\n{"text": "small one"}\n', encoding="utf-8")
    big, small = read(path, settings=Settings(max_bytes=1000))
    assert big.rejected is not None and big.rejected.reason == "too_large"
    assert big.origin == f"{path}:1"
    assert small.ok and small.origin == f"{path}:2"


def test_json_array_document(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text('[\n  {"text": "one"},\n  {"title": "t"}\n]\n', encoding="utf-8")
    a, b = read(path)
    assert (a.text, a.origin) == ("one", f"{path}#record-1")
    assert b.rejected is not None and b.rejected.reason == "missing_text"


# --- rejections of whole inputs -----------------------------------------------------------


def test_empty_and_blank_files_are_rejected_empty(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.html").write_text("  \n\t\n", encoding="utf-8")
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "empty.rss").write_bytes(b"\n")
    articles = read(tmp_path / "empty.txt", tmp_path / "blank.html", tmp_path / "empty.rss")
    assert reasons(articles) == ["empty", "empty", "empty"]
    # no lines, no records: recorded as a rejection too (issue 13: every input ends stored or rejected)
    assert reasons(read(tmp_path / "empty.jsonl")) == ["empty"]


def test_binary_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    noext = tmp_path / "blob"
    noext.write_bytes(bytes(range(1, 32)) * 50)
    a, b = read(path, noext)
    assert a.rejected is not None and a.rejected.reason == "binary"
    assert b.rejected is not None and b.rejected.reason == "binary"


def test_file_over_max_bytes_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("word " * 1000, encoding="utf-8")
    a = read_one(path, settings=Settings(max_bytes=1000))
    assert a.rejected is not None and a.rejected.reason == "too_large"
    assert "5000 bytes" in a.rejected.detail


def test_huge_sparse_file_is_rejected_quickly(tmp_path: Path) -> None:
    for name in ("huge.txt", "huge"):
        path = tmp_path / name
        with open(path, "wb") as f:
            f.truncate(50 * 1024 * 1024)
        started = time.perf_counter()
        a = read_one(path)
        assert a.rejected is not None and a.rejected.reason == "too_large"
        assert time.perf_counter() - started < 1.0


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(STORY, encoding="utf-8")
    path.chmod(0)
    try:
        a = read_one(path)
    finally:
        path.chmod(0o644)
    assert a.rejected is not None and a.rejected.reason == "unreadable"


def test_undecodable_bytes_are_rejected_bad_encoding(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 4)  # every high byte: no code page reads it as text
    a = read_one(path)
    assert a.rejected is not None and a.rejected.reason == "bad_encoding"


# --- determinism --------------------------------------------------------------------------


def test_same_input_read_twice_gives_the_same_ids(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("Title: T\n\n" + STORY, encoding="utf-8")
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "wire.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "batch.jsonl").write_text('{"text": "x y z"}\nnot json\n', encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    first = [(a.origin, a.id) for a in read(tmp_path)]
    second = [(a.origin, a.id) for a in read(tmp_path)]
    assert first == second
    ids = [i for _, i in first]
    assert len(ids) == len(set(ids)), "rejected inputs must not share an id"
