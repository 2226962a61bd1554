"""The fast first pass (`triage`) and the chunked parse (`nlp.Parse`).

Triage must never cost an event or a quote: the decisive test codes the whole
sample corpus with and without it and compares the results.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.model import Article, Chunk
from sitrep.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "text"


@pytest.fixture(scope="module")
def triage(pipeline):
    from sitrep.triage import Triage

    return Triage(pipeline.nlp, mode="fast")  # all three depths visible


@pytest.fixture(scope="module")
def full_pipeline():
    from sitrep.pipeline import get_pipeline

    return get_pipeline(Settings.from_env(parse="full"))


def _depths(triage, text: str) -> list[tuple[str, str]]:
    return [(c.depth, text[c.start:c.end].strip()) for c in triage.plan(text)]


def test_sentences_get_the_depth_they_need(triage):
    text = (
        "Russian forces shelled Kharkiv overnight.\n"
        "The weather in Paris was mild for the season.\n"
        "it was quiet afterwards and nobody moved much.\n"
        "“We will respond,” the minister said.\n"
    )
    assert _depths(triage, text) == [
        ("parse", "Russian forces shelled Kharkiv overnight."),  # a trigger: shell
        ("names", "The weather in Paris was mild for the season."),  # a name, no trigger
        ("tokens", "it was quiet afterwards and nobody moved much."),  # neither
        ("parse", "“We will respond,” the minister said."),  # a quote
    ]


def test_by_default_sentences_with_names_are_parsed(pipeline):
    from sitrep.triage import Triage

    default = Triage(pipeline.nlp)
    text = "The weather in Paris was mild for the season.\nit was quiet afterwards and nobody moved much.\n"
    assert [c.depth for c in default.plan(text)] == ["parse", "tokens"]
    assert [c.depth for c in Triage(pipeline.nlp, mode="full").plan(text)] == ["parse"]


def test_a_rule_needs_its_required_words_to_make_a_sentence_worth_parsing(triage):
    # "hold" codes an event only with an object such as "exercise" or "talks".
    assert triage.plan("Kenya held its breath for the result.")[0].depth == "names"
    assert triage.plan("Kenya held joint exercises with Uganda.")[0].depth == "parse"


def test_an_open_quotation_keeps_the_following_sentences_parsed(triage):
    text = ("The commander spoke at length. “Our units are ready. They have been for weeks. "
            "Nothing will change that.” Then the hall was empty.")
    plan = triage.plan(text)
    inside = text.index("They have been")
    assert next(c.depth for c in plan if c.start <= inside < c.end) == "parse"
    assert plan[-1].depth == "tokens" and text[plan[-1].start:] == "Then the hall was empty."


def test_an_apostrophe_is_not_a_quotation_mark(triage):
    assert triage.plan("it’s a quiet day in the hills and nothing else.")[0].depth == "tokens"


def test_inflected_and_irregular_forms_reach_their_lemmas():
    from sitrep.triage import candidate_lemmas, irregular_forms

    irr = irregular_forms()
    for form, lemma in [("shelled", "shell"), ("struck", "strike"), ("fought", "fight"), ("said", "say"),
                        ("told", "tell"), ("held", "hold"), ("met", "meet"), ("imposing", "impose"),
                        ("deployed", "deploy"), ("denies", "deny"), ("stopped", "stop"), ("withdrew", "withdraw"),
                        ("sanctions", "sanction"), ("shot", "shoot"), ("seized", "seize")]:
        assert lemma in candidate_lemmas(form, irr), form


def test_every_trigger_and_cue_spacy_finds_in_the_sample_corpus_is_seen_by_triage(pipeline, triage):
    """spaCy's lemmatizer is the oracle: wherever it gives a trigger or cue
    lemma, triage's candidate lemmas must include it."""
    from sitrep.triage import candidate_lemmas

    wanted = set(triage.rules_by_lemma) | set(triage.cue_lemmas)
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    assert texts
    missed = set()
    for doc in pipeline.nlp.pipe(texts):
        for tok in doc:
            lemma = tok.lemma_.lower()
            if lemma in wanted and tok.is_alpha and lemma not in candidate_lemmas(tok.lower_, triage.irregular):
                missed.add((tok.text, lemma))
    assert not missed


def _summary(article: Article) -> tuple:
    events = sorted((e.type, e.evidence.trigger, e.evidence.rule, tuple(a.code or a.text for a in e.actor),
                     tuple(a.code or a.text for a in e.recipient)) for e in article.events)
    quotes = sorted((q.start, q.end, q.speaker) for q in article.quotes)
    return events, quotes


def test_triage_codes_the_sample_corpus_exactly_as_a_full_parse(pipeline, full_pipeline):
    # Each sample article, and a copy with a paragraph that needs no parse
    # (military news rarely has one: the sample corpus alone skips nothing).
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    texts += [t.replace("\n", "\nit had been a long and quiet winter up there.\n", 1) for t in texts]
    skipped = 0
    for i, text in enumerate(texts):
        fast = pipeline(Article(id=f"t{i}", text=text))
        full = full_pipeline(Article(id=f"f{i}", text=text))
        assert fast.ok and full.ok
        assert _summary(fast) == _summary(full), text[:80]
        skipped += sum(1 for s in fast.sentences if s.depth != "parse")
    assert skipped > 0  # triage did skip something, or this test proves nothing


def test_a_mixed_plan_joins_back_into_one_document(pipeline):
    from sitrep.nlp import Parse

    text = ("Officials in Warsaw met on Monday.  The talks ended late.\n"
            "the sky was grey over the river.\n"
            "Anna Kowalska visited Gdansk in May.")
    a = text.index("the sky")
    b = text.index("Anna")
    article = Article(id="x", text=text, plan=[Chunk(0, a, "parse"), Chunk(a, b, "tokens"), Chunk(b, len(text), "names")])
    Parse(pipeline.nlp)(article)
    doc = article.doc
    assert doc.text == text
    assert [s.depth for s in article.sentences] == ["parse", "parse", "tokens", "names"]
    assert [s.text.strip() for s in article.sentences][2:] == ["the sky was grey over the river.",
                                                               "Anna Kowalska visited Gdansk in May."]
    names = {(e.text, e.label_) for e in doc.ents}
    assert ("Anna Kowalska", "PERSON") in names and ("Warsaw", "GPE") in names
    unparsed = doc[doc.char_span(b, len(text), alignment_mode="expand").start]
    assert unparsed.lemma_ == "" and unparsed.pos_ == ""  # no rule can fire on it
    assert doc[0].lemma_ == "official" and doc[0].pos_ == "NOUN"


def test_the_attribute_table_gives_exactly_what_spacys_ruler_gives(pipeline):
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

    from sitrep.nlp import AttributeTable

    nlp = pipeline.nlp
    ruler = nlp.get_pipe("attribute_ruler")
    table = AttributeTable.from_ruler(ruler)
    assert table is not None
    lemmatizer = nlp.get_pipe("lemmatizer")
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    texts.append("I'm gonna say y'all ain't doin' nothin'.  \n\n Let's go; it was there, wasn't it? "
                 "He'd have gotten 'em. There are those who can't. She gets it, and they got theirs.")
    attrs = [POS, MORPH, TAG, LEMMA, DEP, HEAD]
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(nlp.pipe(texts))
    for doc in docs:
        a, b = doc.copy(), doc.copy()
        lemmatizer(ruler(a))
        lemmatizer(table(b))
        assert (a.to_array(attrs) == b.to_array(attrs)).all(), doc.text[:60]


def test_an_unknown_parse_mode_is_a_usage_error(pipeline):
    from sitrep.errors import UsageError
    from sitrep.triage import Triage

    with pytest.raises(UsageError, match="parse must be one of"):
        Triage(pipeline.nlp, mode="fastest")


def test_a_batch_with_a_failing_article_rejects_only_that_article(pipeline, monkeypatch):
    texts = ["Russia deployed troops to the border on Monday, officials said.",
             "Poland summoned the Belarusian ambassador on Tuesday, the ministry said."]
    articles = [Article(id=f"b{i}", text=t) for i, t in enumerate(texts)]
    entities = next(s for s in pipeline.stages if s.name == "entities")
    original = entities.run

    def flaky(article):
        if article.id == "b0":
            raise RuntimeError("boom")
        return original(article)

    monkeypatch.setattr(entities, "run", flaky)
    out = pipeline.batch(articles)
    assert out[0].rejected is not None and "boom" in out[0].rejected.detail
    assert out[1].ok and out[1].events
