"""Property test (issue 13): random text, HTML, feed and JSON Lines inputs, each read and
stored with a stub coder (no spaCy model: the reading, decoding and rejection layer and the
store writes are what is under test). Every input ends stored or rejected with a reason,
never a traceback, never a duplicate. 2,000 cases per run."""

from __future__ import annotations

import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.ingest import read_stream
from sitrep.settings import Settings
from sitrep.store import Store

SETTINGS = Settings()
CASES = 2000

_chars = st.characters(codec=None, exclude_categories=())  # any code point, surrogates included
_text = st.text(_chars, max_size=300)
_bytes = st.binary(max_size=400)
_words = st.text(st.sampled_from(list("abc Москва中 \n\t\r<>&;#x\x00\x01\x0b\ufeff\"'")), max_size=80)
_ref = st.one_of(st.integers(0, 0x10FFFF * 2), st.sampled_from([0xD800, 0xDFFF, 0x110000, 0, 1, 0xFFFE]))
_encoding = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252",
                             "cp1251", "latin-1", "big5", "koi8-r"])


@st.composite
def _encoded(draw, text_strategy):
    text = draw(text_strategy)
    return text.encode(draw(_encoding), errors="ignore") if draw(st.booleans()) else \
        text.encode("utf-8", "surrogatepass")


@st.composite
def _html(draw):
    body = draw(_words)
    ref = draw(_ref)
    return (f"<html><head><title>{draw(_words)}</title></head><body><article><p>{body} &#{ref};"
            f"</p><p>{draw(_text)}</p></article></body></html>")


@st.composite
def _feed(draw):
    items = []
    for _ in range(draw(st.integers(0, 3))):
        ref = draw(_ref)
        kind = draw(st.sampled_from(["plain", "cdata", "escaped", "ref"]))
        body = draw(_words)
        if kind == "cdata":
            body = f"<![CDATA[<p>{body}</p>]]>"
        elif kind == "escaped":
            body = "&lt;p&gt;" + body.replace("&", "&amp;").replace("<", "&lt;") + "&lt;/p&gt;"
        elif kind == "ref":
            body = f"{body} &#x{ref:X}; &#{ref};"
        items.append(f"<item><title>{draw(_words)}</title><description>{body}</description>"
                     f"<pubDate>{draw(_words)}</pubDate></item>")
    atom = draw(st.booleans())
    if atom:
        entries = "".join(i.replace("item>", "entry>").replace("description>", "summary>") for i in items)
        return f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>F</title>{entries}</feed>"
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>F</title>{''.join(items)}</channel></rss>"


_json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | _text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=6,
)


@st.composite
def _jsonl(draw):
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["record", "value", "garbage"]))
        if kind == "record":
            rec = {"text": draw(_text | _words)}
            for key in ("id", "title", "date", "source", "url"):
                if draw(st.booleans()):
                    rec[key] = draw(_json_value)
            lines.append(json.dumps(rec, ensure_ascii=draw(st.booleans())))
        elif kind == "value":
            lines.append(json.dumps(draw(_json_value)))
        else:
            lines.append(draw(_words))
    return "\n".join(lines)


INPUTS = st.one_of(
    st.tuples(st.just("a.txt"), _encoded(_text | _words)),
    st.tuples(st.just("a.txt"), _bytes),
    st.tuples(st.just("a.html"), _encoded(_html())),
    st.tuples(st.just("a.xml"), _encoded(_feed())),
    st.tuples(st.just("a.xml"), _bytes),
    st.tuples(st.just("a.jsonl"), _encoded(_jsonl())),
    st.tuples(st.just("a.jsonl"), _bytes),
    st.tuples(st.sampled_from(["noext", "a.json"]), _encoded(_jsonl() | _feed() | _html() | _text)),
)


def _stub_code(article):
    """The coder's contract with the store, minus the model: rejected stays rejected, else coded."""
    if article.rejected is None:
        article.language = "en"
    return article


_STORE = Store.open(":memory:")


@settings(max_examples=CASES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(INPUTS, st.integers(0, 10**9))
def test_every_input_is_stored_or_rejected_with_a_reason(named, salt):
    name, data = named
    origin = f"{salt}/{name}"
    articles = [_stub_code(a) for a in read_stream(io.BytesIO(data), name=origin, fmt=None, settings=SETTINGS)]
    assert articles, "an input must give at least one article or rejection"
    for a in articles:
        if a.rejected is not None:
            assert a.rejected.reason and a.rejected.detail is not None
        else:
            assert a.text.strip()
    result = _STORE.add(articles)
    assert result.added + result.duplicates + result.rejected == len(articles)
    con = _STORE.connection
    for a in articles:
        if a.rejected is None:
            stored = con.execute("SELECT count(*) FROM articles WHERE id = ?", [a.id]).fetchone()[0]
            unstorable = con.execute("SELECT count(*) FROM rejections WHERE id = ? AND reason = 'unstorable'",
                                     [a.id]).fetchone()[0]
            assert stored == 1 or unstorable >= 1
    # storing the same input again adds nothing: never a duplicate
    again = _STORE.add(articles)
    assert again.added == 0 and again.rejected == 0
    assert con.execute("SELECT count(*) - count(DISTINCT id) FROM articles").fetchone()[0] == 0
