"""The bundled sample corpus: every article yields what its text says
(examples/expectations.yaml, written against each article)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sitrep.ingest import read_paths
from sitrep.settings import Settings

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"
EXPECT = yaml.safe_load((EXAMPLES.parent / "expectations.yaml").read_text(encoding="utf-8"))


def _key(origin: str) -> str:
    rel = Path(origin.split("#")[0].rsplit(":", 1)[0] if ":" in Path(origin).name else origin.split("#")[0])
    rel = rel.resolve().relative_to(EXAMPLES.resolve()).as_posix()
    if "#" in origin:
        return f"{rel}#{origin.split('#', 1)[1]}"
    if ":" in Path(origin).name:
        return f"{rel}:{origin.rsplit(':', 1)[1]}"
    return rel


@pytest.fixture(scope="module")
def coded(pipeline):
    out = {}
    for art in read_paths([str(EXAMPLES)], settings=Settings.from_env()):
        if art.origin and art.origin.endswith((".md", ".yaml")):
            continue
        out[_key(art.origin)] = pipeline(art)
    return out


def test_every_article_is_read_and_coded(coded):
    missing = set(EXPECT["articles"]) - set(coded)
    assert not missing
    rejected = {k: a.rejected for k, a in coded.items() if k in EXPECT["articles"] and a.rejected}
    assert not rejected


def _matches(ev, exp) -> bool:
    if ev.type != exp["type"]:
        return False
    if not set(exp.get("actors_include", [])) <= {a.code for a in ev.actor}:
        return False
    if not set(exp.get("recipients_include", [])) <= {a.code for a in ev.recipient}:
        return False
    if not set(exp.get("weapons_include", [])) <= {w.name for w in ev.weapons}:
        return False
    if "modality_in" in exp and ev.modality not in exp["modality_in"]:
        return False
    return exp["sentence_contains"].lower() in ev.evidence.sentence.lower()


CASES = [(key, i, exp) for key, spec in EXPECT["articles"].items() for i, exp in enumerate(spec.get("events") or [])]


@pytest.mark.parametrize("key,i,exp", CASES, ids=[f"{k}#{i}-{e['type']}" for k, i, e in CASES])
def test_expected_event(coded, key, i, exp):
    art = coded[key]
    assert any(_matches(ev, exp) for ev in art.events), [
        (e.type, [a.code for a in e.actor], [a.code for a in e.recipient], [w.name for w in e.weapons],
         e.modality, e.evidence.sentence[:70]) for e in art.events
    ]


QUOTES = [(key, i, exp) for key, spec in EXPECT["articles"].items() for i, exp in enumerate(spec.get("quotes") or [])]


@pytest.mark.parametrize("key,i,exp", QUOTES, ids=[f"{k}#q{i}-{e['speaker_type']}" for k, i, e in QUOTES])
def test_expected_quote(coded, key, i, exp):
    art = coded[key]

    def ok(q) -> bool:
        said = (q.speaker or "") + " " + (art.text[q.speaker_start:q.speaker_end] if q.speaker_start is not None else "")
        return (exp["speaker_contains"].lower() in said.lower() and q.speaker_type == exp["speaker_type"]
                and q.direct == exp["direct"])

    assert any(ok(q) for q in art.quotes), [(q.speaker, q.speaker_type, q.direct, q.content[:40]) for q in art.quotes]


def test_article_without_event_yields_none(coded):
    for key, spec in EXPECT["articles"].items():
        if spec.get("no_event"):
            assert coded[key].events == [], (key, [(e.type, e.evidence.sentence) for e in coded[key].events])
