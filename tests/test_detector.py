"""The learned event detector: features, training, the shipped file, and the `detect` stage."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

from sitrep.detector.features import Featuriser, normalise
from sitrep.detector.model import NONE, EventDetector, shipped
from sitrep.detector.train import held_out, synthetic, train
from sitrep.errors import DataFileError, InputError


def test_normalise_folds_digits_and_marks_names_inside_the_sentence():
    assert normalise("Troops fired 12 rockets at Kharkiv in 2024.") == \
        "troops fired 00 rockets at kharkiv <cap> in 0000 ."
    # the first word's capital says nothing about a name
    assert "<cap>" not in normalise("Rockets hit the town")


def test_features_are_the_same_for_the_same_text_and_differ_for_another():
    f = Featuriser()
    a, b, c = f(["Poland closed its border.", "Poland closed its border.", "Bitcoin fell sharply."]).toarray()
    assert a.shape == (f.n_features,)
    assert np.array_equal(a, b) and not np.array_equal(a, c)


def _corpus(folder: Path) -> Path:
    rows = []
    for i in range(12):
        rows.append({"text": f"Army units shelled village number {i} near the front overnight.", "labels": ["ASSAULT"]})
        rows.append({"text": f"The minister met his counterpart for talks round {i} in the capital.", "labels": ["CONSULT"]})
        rows.append({"text": f"Shares in the retailer rose {i} percent in early trading.", "labels": []})
    folder.mkdir()
    (folder / "mini.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return folder


def test_train_save_and_load_give_the_same_probabilities(tmp_path):
    out = tmp_path / "det.npz"
    det = train(corpus_dir=_corpus(tmp_path / "c"), gold_dir=None, out=out)
    assert set(det.classes) == {"ASSAULT", "CONSULT", NONE}
    again = EventDetector.load(out)
    texts = ["Artillery shelled the village overnight.", "Shares rose in early trading."]
    assert np.allclose(det.probabilities(texts), again.probabilities(texts), atol=1e-5)
    top = [max(p, key=p.get) for p in again.predict(texts)]
    assert top == ["ASSAULT", NONE]
    assert again.info["trained_on"]["synthetic"] == 0 and again.info["version"]
    # deterministic: training twice writes the same weights
    det2 = train(corpus_dir=tmp_path / "c", gold_dir=None, out=tmp_path / "det2.npz")
    assert np.array_equal(det.weights, det2.weights)


def test_a_broken_model_file_or_corpus_line_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a zip")
    with pytest.raises(DataFileError, match="event detector"):
        EventDetector.load(bad)
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "x.jsonl").write_text('{"text": "ok", "labels": []}\n{not json}\n')
    with pytest.raises(InputError, match="x.jsonl:2"):
        train(corpus_dir=folder, gold_dir=None, out=tmp_path / "m.npz")


def test_synthetic_training_rows_leave_out_the_scored_third(tmp_path):
    rows = [{"id": f"s{i}", "text": f"Troops of country {i} shelled a border post on Monday. More text.",
             "labels": {"event": "ASSAULT"}, "meta": {"title_template": "{country_1} shells {country_2}"}}
            for i in range(6)]
    path = tmp_path / "syn.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    got = list(synthetic(path))
    firsts = [g.text for g in got if g.origin == "synthetic"]
    # records 0 and 3 are the third `plover-synthetic` scores: never trained on
    assert not any("country 0 " in t or "country 3 " in t for t in firsts)
    assert len(firsts) == 4 and all(t.endswith("on Monday.") for t in firsts)
    titles = [g.text for g in got if g.origin == "synthetic-title"]
    assert titles and all("{" not in t for t in titles)


def test_held_out_share_is_about_a_tenth():
    share = sum(held_out(f"sentence {i}") for i in range(2000)) / 2000
    assert 0.07 < share < 0.13


# ---------------------------------------------------------------- the shipped model


@pytest.mark.slow
def test_the_shipped_detector_tells_events_from_page_furniture_and_sport():
    det = shipped()
    assert det is not None, "src/sitrep/models/event-detector.npz is missing: run `make model`"
    probs = det.predict([
        "Government forces shelled rebel positions outside the town on Tuesday, killing four fighters.",
        "The foreign ministry summoned the ambassador to protest against the border incident.",
        "Media playback is unsupported on your device",
        "The home side scored twice in the second half to win 2-0.",
    ])
    tops = [max(p, key=p.get) for p in probs]
    assert tops[0] == "ASSAULT"
    assert tops[1] != NONE
    assert tops[2] == NONE and tops[3] == NONE


# ---------------------------------------------------------------- the stage


@dataclass
class FakeDetector:
    """Gives every sentence containing a key word the probabilities listed for it."""

    table: dict[str, dict[str, float]]
    name: str = "fake-1"
    classes: tuple[str, ...] = field(default=())

    def predict(self, texts):
        out = []
        for t in texts:
            probs = {NONE: 1.0}
            for word, p in self.table.items():
                if word in t:
                    probs = dict(p)
            out.append(probs)
        return out


@pytest.fixture(scope="module")
def rules_only():
    from sitrep.pipeline import Pipeline
    from sitrep.settings import Settings

    return Pipeline(Settings.from_env(detector="off"))


def _code_with(pipeline, detector, text: str, date: str = "2024-11-28"):
    from sitrep.detector.stage import Detect
    from sitrep.model import Article

    coder = next(s.run for s in pipeline.stages if s.name == "events")
    stage = Detect(coder, detector=detector, veto_none=0.97)
    a = Article(id="t", text=text, date=date, origin="<test>", format="text")
    for st in pipeline.stages:
        a = st.run(a)
        if st.name == "furniture_drop":
            a = stage(a)
    return a


@pytest.mark.slow
def test_the_stage_confirms_vetoes_and_proposes(rules_only):
    text = ("Poland closed two border crossings with Belarus on Monday. "
            "Lithuania quietly got an air defence unit into the Suwalki area. "
            "Officials in Warsaw shot down the plan in a speech.")
    fake = FakeDetector({
        "closed": {"COERCE": 0.9, NONE: 0.1},
        "shot down": {NONE: 0.99, "ASSAULT": 0.005},  # a figure of speech the rules took for a strike
        "air defence unit": {"MOBILIZE": 0.8, NONE: 0.2},
    })
    plain = rules_only(__import__("sitrep.model", fromlist=["Article"]).Article(
        id="p", text=text, date="2024-11-28", origin="<test>", format="text"))
    a = _code_with(rules_only, fake, text)
    types = [(e.type, e.evidence.rule.split(":")[0]) for e in a.events]
    # the rules' events outside the vetoed sentence stay, with the model's probability
    kept = [e for e in a.events if e.evidence.rule.startswith("lexicon:")]
    assert kept and all(e.evidence.model == "fake-1" for e in kept)
    assert not any("shot down" in e.evidence.sentence for e in a.events)
    assert any("shot down" in e.evidence.sentence for e in plain.events), "guard: the rules do code the metaphor"
    assert any("vetoed" in w for w in a.warnings)
    # the rules code nothing in the third sentence: the detector proposes its event
    assert not any("air defence unit" in e.evidence.sentence for e in plain.events), "guard: no rule fires there"
    proposed = [e for e in a.events if e.evidence.rule == "model:fake-1"]
    assert [e.type for e in proposed] == ["MOBILIZE"], types
    ev = proposed[0]
    assert [x.code for x in ev.actor] == ["LTU"] and ev.evidence.probability == 0.8
    assert ev.evidence.trigger == "got" and ev.cameo == "150"


@pytest.mark.slow
def test_the_title_and_lead_are_never_vetoed(rules_only):
    """The lead states the news; the veto screens the background further down."""
    text = ("Poland closed two border crossings with Belarus on Monday. "
            "Warsaw said the crossings would stay shut for a month. "
            "Officials in Warsaw shot down the plan in a speech.")
    fake = FakeDetector({
        "closed": {NONE: 0.99, "COERCE": 0.001},
        "shot down": {NONE: 0.99, "ASSAULT": 0.001},
    })
    a = _code_with(rules_only, fake, text)
    assert any("closed" in e.evidence.sentence for e in a.events)
    assert not any("shot down" in e.evidence.sentence for e in a.events)


@pytest.mark.slow
def test_a_proposed_event_inside_a_quote_takes_the_speaker_for_we(rules_only):
    text = '"Next year we will get our own units on the western border," Belarusian President Alexander Lukashenko said.'
    fake = FakeDetector({"our own units": {"MOBILIZE": 0.9, NONE: 0.1}})
    assert _code_with(rules_only, FakeDetector({}), text).events == [], "guard: no rule fires here"
    a = _code_with(rules_only, fake, text)
    got = [e for e in a.events if e.type == "MOBILIZE"]
    assert got and got[0].evidence.rule == "model:fake-1", [(e.type, e.evidence.rule) for e in a.events]
    ev = got[0]
    assert [x.code for x in ev.actor] == ["BLR"]
    assert ev.modality == "planned"
    assert ev.attribution is not None and "Lukashenko" in (ev.attribution.speaker or "")


def test_an_event_the_rules_reframed_is_not_vetoed(pipeline):
    # the rules read "attacks on her record" as criticism (+words); the detector, which
    # never saw such a sentence as an ACCUSE, would put that type under the veto threshold
    from sitrep.model import Article

    text = ("The campaign entered its last week on Monday.\n\nBoth candidates spoke in Ohio.\n\n"
            "Merkel's aides said the attacks on her record were unfair.")
    art = next(iter(pipeline.run([Article(id="t", text=text, date="2026-11-20", origin="<test>", format="text")])))
    words = [e for e in art.events if e.evidence.rule.endswith("+words")]
    assert words and words[0].type == "ACCUSE" and words[0].evidence.probability < 0.02
