"""HTML pages, through trafilatura.

trafilatura keeps the main text of a page and drops navigation, ads, sidebars,
footers and comments. It also reads the title, publication date, site name
(our `source`) and canonical URL from the page's metadata.

Rejections: ``malformed_html`` when lxml cannot build a tree at all,
``no_main_text`` when the page has no main text.

`fragment_to_text` turns a small HTML fragment (a feed item's summary) into
plain text; trafilatura's main-text heuristics do not suit fragments.
"""

from __future__ import annotations

import re

from sitrep.ingest.common import clean_str, make_article, normalise_date, rejected
from sitrep.model import Article

_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main ol p pre section table tbody td th thead tr ul".split()
)
_TAG = re.compile(r"<[^>]*>")
# Characters lxml refuses in a tree (C0 controls but tab and line ends, lone surrogates, U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# trafilatura drops ad blocks around an article but keeps those inside it. These
# class/id tokens (whole tokens, so "ad" does not match "header") mark ad slots
# in the markup of common ad servers and CMS themes. Only blocks with little text
# are pruned, so a container named "ad-free-article" cannot take the story with it.
_AD_MAX_CHARS = 400
_AD_TOKENS = (
    "ad", "ads", "advert", "adverts", "advertisement", "advertising", "adsbygoogle",
    "ad-slot", "ad-unit", "ad-container", "ad-wrapper", "sponsored", "sponsored-content",
)
_AD_PREFIXES = ("ad-", "ads-", "advert-", "google_ads")


def _ad_xpath() -> str:
    tests = []
    for attr in ("class", "id"):
        padded = f"concat(' ', normalize-space(@{attr}), ' ')"
        tests += [f"contains({padded}, ' {token} ')" for token in _AD_TOKENS]
        tests += [f"contains({padded}, ' {prefix}')" for prefix in _AD_PREFIXES]
    short = f"string-length(normalize-space(.)) < {_AD_MAX_CHARS}"
    return f"//*[not(self::html or self::body)][{short}][{' or '.join(tests)}]"


_AD_XPATH = _ad_xpath()


def read_html(markup: str, *, origin: str, warnings: list[str] | None = None) -> Article:
    """One article from the decoded source of an HTML page."""
    import trafilatura

    markup = _NOT_XML.sub(" ", markup)
    tree = trafilatura.load_html(markup)
    if tree is None:
        return rejected("malformed_html", "could not parse as HTML", origin=origin, fmt="html",
                        warnings=warnings)
    doc = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, prune_xpath=_AD_XPATH
    )
    text = (doc.text or "") if doc is not None else ""
    title = clean_str(doc.title) if doc is not None else None
    if not text.strip():
        return rejected("no_main_text", "no main text found in the page", origin=origin,
                        fmt="html", warnings=warnings, title=title)
    return make_article(
        _drop_title_line(text, title),
        origin=origin,
        fmt="html",
        title=title,
        date=normalise_date(doc.date),
        url=clean_str(doc.url),
        source=clean_str(doc.sitename),
        warnings=warnings,
    )


def _drop_title_line(text: str, title: str | None) -> str:
    """The text without a first line that repeats the title (the page's <h1>)."""
    first, sep, rest = text.partition("\n")
    if title and sep and first.strip() == title:
        return rest.lstrip("\n")
    return text


def fragment_to_text(markup: str) -> str:
    """Plain text of an HTML fragment: one line per block, spaces collapsed."""
    markup = _NOT_XML.sub(" ", markup)
    if "<" not in markup and "&" not in markup:
        return _tidy_lines(markup)
    from lxml import etree, html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return _tidy_lines(_TAG.sub(" ", markup))
    if root is None:
        return ""
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    return _tidy_lines(root.text_content())


def _tidy_lines(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)
