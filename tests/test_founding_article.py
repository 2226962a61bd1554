"""Acceptance: the article that started the project, coded end to end."""

from __future__ import annotations

import json

import jsonschema
import pytest

from sitrep import contract
from sitrep.pipeline import code

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def coded(founding_text, pipeline):
    return code(founding_text, date="2024-12-01", source="Beltelevision-1 report")


def _codes(actors):
    return {a.code for a in actors}


def test_cooperate_event_between_belarus_and_russia_with_oreshnik(coded):
    matches = [e for e in coded.events if e.type == "COOPERATE" and {"BLR", "RUS"} <= _codes(e.actor)]
    assert matches, [(e.type, _codes(e.actor), e.evidence.sentence[:60]) for e in coded.events]
    with_weapon = [e for e in matches if any(w.name == "Oreshnik" and w.weapon_class for w in e.weapons)]
    assert with_weapon, "the COOPERATE event must carry the Oreshnik system with its class"
    ev = with_weapon[0]
    assert "military" in ev.context
    assert ev.modality in ("planned", "announced")
    assert ev.attribution is not None
    assert "Bogdan" in (ev.attribution.speaker or "")
    assert ev.attribution.speaker_type == "named_person"
    assert ev.attribution.speaker_title and "Deputy Head" in ev.attribution.speaker_title
    assert ev.cameo == "062" and ev.quad_class == 2
    assert ev.evidence.rule.startswith("lexicon:")
    assert coded.text[ev.evidence.trigger_start:ev.evidence.trigger_end] in ev.evidence.trigger


def test_the_headline_event_belongs_to_the_two_states(coded):
    # the small model reads the title-case headline's clause as one organisation's name
    headline = [e for e in coded.events if e.evidence.start == 0]
    assert headline, [(e.type, e.evidence.sentence[:40]) for e in coded.events]
    for e in headline:
        assert _codes(e.actor) <= {"BLR", "RUS"} and None not in _codes(e.actor), [a.text for a in e.actor]


def test_western_concern_and_call_for_nato_presence(coded):
    accuse = [e for e in coded.events if e.type == "ACCUSE" and any("Western" in a.text for a in e.actor)]
    assert accuse, [(e.type, [a.text for a in e.actor]) for e in coded.events]
    request = [e for e in coded.events if e.type == "REQUEST" and "NATO presence" in e.evidence.sentence]
    assert request
    assert any("Western" in a.text for a in request[0].actor)
    assert "NATO" in _codes(request[0].recipient)


def _quote(coded, fragment):
    found = [q for q in coded.quotes if fragment in (q.speaker or "") or
             (q.speaker_start is not None and fragment in coded.text[q.speaker_start:q.speaker_end])]
    assert found, [(q.speaker, q.speaker_type) for q in coded.quotes]
    return found


def test_quotes_typed_by_speaker(coded):
    bogdan = _quote(coded, "Bogdan")
    assert all(q.speaker_type == "named_person" for q in bogdan)
    assert any(q.direct for q in bogdan)
    assert any("key component of our joint defense capabilities" in q.content for q in bogdan)
    commentator = _quote(coded, "defense commentator")
    assert all(q.speaker_type == "unnamed_expert" for q in commentator)
    official = _quote(coded, "Russian defense official")
    assert all(q.speaker_type == "anonymous_official" for q in official)
    assert any("testament to the strength" in q.content for q in official)


def test_output_matches_the_contract_schema(coded):
    record = json.loads(contract.dumps(coded))
    jsonschema.validate(record, contract.schema())
    for ev in record["events"]:
        s, e = ev["evidence"]["start"], ev["evidence"]["end"]
        assert coded.text[s:e] == ev["evidence"]["sentence"]


def test_report_sourcing_profile_counts_the_founding_article(tmp_path, coded):
    from sitrep.report import collect
    from sitrep.store import Store

    with Store.open(tmp_path / "s.duckdb") as store:
        store.add([coded])
        profile = collect(store)["profile"]
    assert profile["named_person"]["speakers"] == 1  # Andrei Bogdan
    # the Russian defense official; Western officials (who "expressed concern over" the deployment)
    assert profile["anonymous_official"]["speakers"] == 2
    assert profile["unnamed_expert"]["speakers"] >= 2  # the commentator, the experts / analysts
    assert profile["media"]["speakers"] >= 1  # Russian state media
