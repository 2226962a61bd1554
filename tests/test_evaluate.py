"""The evaluation harness: scorers on hand-built gold records and predictions.

Nothing here reads ../shared except the one slow integration test at the end.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.contract import article_to_dict
from sitrep.errors import UsageError
from sitrep.evaluate import (
    TASKS,
    TaskResult,
    check_floors,
    format_table,
    load_floors,
    raise_floors,
    results_to_json,
    run_eval,
    update_floors,
)
from sitrep.evaluate import acled, attribution, entities, location, plover, plover_synthetic, seed
from sitrep.evaluate.gold import (
    AcledRecord,
    AttributionRecord,
    EntityRecord,
    GoldActor,
    GoldAttribution,
    GoldEntity,
    LocationRecord,
    PloverRecord,
    SeedRecord,
    Span,
    SyntheticRecord,
    default_gold_dir,
    load_plover_synthetic,
    load_polnear,
)
from sitrep.evaluate.harness import code_records
from sitrep.evaluate.result import greedy_match
from sitrep.model import (
    AcledType,
    Actor,
    Article,
    Attribution,
    Entity,
    Event,
    Evidence,
    Place,
    Quote,
    Weapon,
)

TEXT = "x" * 400


# ---------------------------------------------------------------- builders


def quote(start, end, speaker=None, sp=None, speaker_type="named_person", direct=True):
    return Quote(
        content=TEXT[start:end],
        start=start,
        end=end,
        speaker=speaker,
        speaker_start=None if sp is None else sp[0],
        speaker_end=None if sp is None else sp[1],
        speaker_type=speaker_type,
        cue="said",
        direct=direct,
    )


def gold_att(content, source=None, source_text="", id="E1"):
    spans = tuple(Span(s, e) for s, e in content)
    src = () if source is None else (Span(source[0], source[1], source_text),)
    return GoldAttribution(id, "Attribution" if src else "Attribution-no-source", src, (), spans)


def event(type_="ASSAULT", *, actors=(), trigger=(0, 1), location=None, acled_sub=None, acled_type="Battles",
          context=(), weapons=(), modality="asserted", attribution=None, sentence="s", recipients=()):
    return Event(
        type=type_,
        mode=None,
        context=list(context),
        cameo=None,
        quad_class=None,
        intensity=None,
        actor=[Actor(text=t, code=c, sector=None) for t, c in actors],
        recipient=[Actor(text=t, code=c, sector=None) for t, c in recipients],
        weapons=list(weapons),
        location=None if location is None else Place("loc", location[0], location[1], None, None, None),
        date=None,
        modality=modality,
        attribution=attribution,
        acled=None if acled_sub is None else AcledType(acled_type, acled_sub),
        evidence=Evidence(sentence, 0, len(sentence), "t", trigger[0], trigger[1], "test"),
    )


def art(id_="r1", text=TEXT, **kw):
    return Article(id=id_, text=text, **kw)


# ---------------------------------------------------------------- matching


def test_greedy_match_is_one_to_one_best_first():
    preds = [(0, 10), (5, 20)]
    golds = [(0, 12)]
    pairs = greedy_match(preds, golds, lambda p, g: float(min(preds[p][1], 12) - max(preds[p][0], 0)))
    assert pairs == [(0, 0, 10.0)]  # (0,10) shares 10, (5,20) only 7: the better one wins


def test_greedy_match_finds_nested_and_long_spans():
    golds = [(0, 300), (10, 12), (250, 260)]
    preds = [(255, 258), (11, 12), (100, 101)]
    pairs = greedy_match(preds, golds, lambda p, g: 1.0 / (golds[g][1] - golds[g][0]))
    assert sorted((p, g) for p, g, _ in pairs) == [(0, 2), (1, 1), (2, 0)]


# ---------------------------------------------------------------- attribution


def test_attribution_overlap_threshold_is_thirty_percent_of_the_shorter():
    rec = AttributionRecord("r1", TEXT, None, "a", (gold_att([(0, 100)]),))
    at = {"r1": art(quotes=[quote(70, 200)])}  # shares 30 of the shorter 100: exactly 30%
    assert attribution.score([rec], at).counts["matched"] == 1
    below = {"r1": art(quotes=[quote(71, 200)])}  # 29%
    res = attribution.score([rec], below)
    assert res.counts["matched"] == 0
    assert {e["kind"] for e in res.errors} == {"miss", "false_alarm"}


def test_attribution_counts_fragments_among_statements_once_per_text():
    text = 'The minister said the port would reopen on Monday. "The attack," she said. She praised the deal.'
    stmt = Quote("the port would reopen on Monday", 18, 49, "The minister", None, None, "named_person", "said", False)
    frag = Quote("The attack", 52, 62, "she", None, None, "named_person", "said", True)
    stance = Quote("the deal", 87, 95, "She", None, None, "named_person", "praised", False, kind="stance")
    recs = [AttributionRecord(rid, text, None, "a", ()) for rid in ("r1", "r2")]  # two annotators, one text
    pred = {rid: Article(id=rid, text=text, quotes=[stmt, frag, stance]) for rid in ("r1", "r2")}
    res = attribution.score(recs, pred)
    assert (res.counts["statements"], res.counts["fragments"]) == (2, 1)  # the stance is set aside
    assert res.metrics["quote_fragment_rate"] == 0.5


def test_attribution_multi_span_content_counts_all_spans():
    rec = AttributionRecord("r1", TEXT, None, "a", (gold_att([(0, 20), (50, 70)]),))
    # the quote covers only the second span, 20 of the gold's 40 characters (50%)
    assert attribution.content_overlap(50, 70, rec.attributions[0]) == 1.0  # shorter side is the quote
    assert attribution.score([rec], {"r1": art(quotes=[quote(45, 70)])}).counts["matched"] == 1


def test_attribution_quote_in_pieces_counts_only_its_pieces():
    # '"A," X said, referring to Y, "B."': the quote's pieces are 0-40 and 80-120; the
    # narrator's inner phrase 50-70 is a gold claim of its own, not part of the quote
    golds = (gold_att([(0, 40), (80, 120)], id="E1"), gold_att([(50, 70)], id="E2"))
    rec = AttributionRecord("r1", TEXT, None, "a", golds)
    q = quote(0, 120)
    q.parts = ((0, 40), (80, 120))
    assert attribution.content_overlap(0, 120, golds[1], q.spans) == 0.0
    assert attribution.content_overlap(0, 120, golds[1]) == 1.0  # read as one span it would hold E2
    res = attribution.score([rec], {"r1": art(quotes=[q, quote(50, 70)])})
    assert res.counts["matched"] == 2 and res.metrics["content_f1"] == 1.0


def test_attribution_matching_is_one_to_one():
    rec = AttributionRecord("r1", TEXT, None, "a", (gold_att([(0, 100)]),))
    res = attribution.score([rec], {"r1": art(quotes=[quote(0, 100), quote(10, 90)])})
    assert res.counts["matched"] == 1
    assert res.metrics["content_precision"] == 0.5
    assert res.metrics["content_recall"] == 1.0


def test_attribution_best_overlap_wins_the_gold():
    golds = (gold_att([(0, 100)], id="E1"), gold_att([(100, 130)], id="E2"))
    rec = AttributionRecord("r1", TEXT, None, "a", golds)
    # q1 overlaps E1 fully; q2 (90-130) overlaps E2 fully (30/30) and E1 by 10/40
    res = attribution.score([rec], {"r1": art(quotes=[quote(0, 100), quote(90, 130)])})
    assert res.counts["matched"] == 2
    assert res.metrics["content_f1"] == 1.0


def test_attribution_speaker_by_span_or_by_text():
    text = "Mr Smith said that the war is over and the troops come home now."
    g = GoldAttribution("E1", "Attribution", (Span(0, 8, "Mr Smith"),), (), (Span(19, 64),))
    rec = AttributionRecord("r1", text, None, "a", (g,))

    def one(q):
        return attribution.score([rec], {"r1": Article(id="r1", text=text, quotes=[q])})

    base = dict(content="", start=19, end=64, cue="said", direct=False)
    # span overlap, even with a different name (pronoun resolved elsewhere)
    r = one(Quote(speaker="John Smith", speaker_start=3, speaker_end=8, speaker_type="named_person", **base))
    assert r.metrics["speaker_accuracy"] == 1.0 and r.metrics["e2e_f1"] == 1.0
    # text contains the gold source, case-insensitive, no span
    r = one(Quote(speaker="MR SMITH of Ohio", speaker_start=None, speaker_end=None, speaker_type="named_person", **base))
    assert r.metrics["speaker_accuracy"] == 1.0
    # whole words only: "he" is not in "Stephen"
    g2 = GoldAttribution("E1", "Attribution", (Span(0, 2, "he"),), (), (Span(19, 64),))
    rec2 = AttributionRecord("r2", text, None, "a", (g2,))
    q = Quote(speaker="Stephen", speaker_start=40, speaker_end=47, speaker_type="named_person", **base)
    r = attribution.score([rec2], {"r2": Article(id="r2", text=text, quotes=[q])})
    assert r.metrics["speaker_accuracy"] == 0.0
    assert r.metrics["content_f1"] == 1.0 and r.metrics["e2e_f1"] == 0.0
    assert [e["kind"] for e in r.errors] == ["wrong_speaker"]


def test_attribution_no_source_gold_wants_no_speaker():
    rec = AttributionRecord("r1", TEXT, None, "a", (gold_att([(0, 100)]),))
    ok = attribution.score([rec], {"r1": art(quotes=[quote(0, 100, speaker_type="unattributed")])})
    assert ok.metrics["e2e_f1"] == 1.0 and ok.counts["speaker_scored"] == 0
    bad = attribution.score([rec], {"r1": art(quotes=[quote(0, 100, speaker="Smith")])})
    assert bad.metrics["e2e_f1"] == 0.0


def test_attribution_accepts_contract_dicts():
    rec = AttributionRecord("r1", TEXT, None, "a", (gold_att([(0, 100)], (200, 205), "Smith"),))
    a = art(quotes=[quote(0, 100, speaker="Smith")])
    assert attribution.score([rec], {"r1": article_to_dict(a)}).metrics == attribution.score([rec], {"r1": a}).metrics


def test_polnear_loader_and_duplicate_texts_coded_once(tmp_path):
    line = {
        "id": "handmade/a_1", "dataset": "polnear", "text": "Smith said it rains.",
        "labels": {"attributions": [{"id": "E1", "type": "Attribution",
                                     "source": [{"start": 0, "end": 5, "text": "Smith"}],
                                     "cue": [{"start": 6, "end": 10, "text": "said"}],
                                     "content": [{"start": 11, "end": 19, "text": "it rains"}]}]},
        "meta": {"article": "a", "date": "2016-01-01"},
    }
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps(line) + "\n" + json.dumps({**line, "id": "handmade/a_2"}) + "\n")
    recs = load_polnear(path)
    assert [r.attributions[0].source[0].text for r in recs] == ["Smith", "Smith"]

    class Counting:
        seen: list[str] = []

        def run(self, articles):
            for a in articles:
                self.seen.append(a.text)
                a.quotes = [Quote("it rains", 11, 19, "Smith", 0, 5, "named_person", "said", False)]
                yield a

    p = Counting()
    predicted = code_records(recs, p)
    assert len(p.seen) == 1 and set(predicted) == {"handmade/a_1", "handmade/a_2"}
    res = attribution.score(recs, predicted)
    assert res.counts == {**res.counts, "records": 2, "texts": 1, "gold": 2, "matched": 2, "e2e_correct": 2}


# ---------------------------------------------------------------- entities


def ent(start, end, type_):
    return Entity(text=TEXT[start:end], start=start, end=end, type=type_)


def gent(start, end, type_, confidence=1.0):
    return GoldEntity(type_, start, end, TEXT[start:end], confidence)


def test_entities_exact_overlap_and_confidence():
    rec = EntityRecord("d1", TEXT, None, (
        gent(0, 10, "Person"),
        gent(20, 30, "Organisation"),
        gent(40, 50, "Location", confidence=0.0),  # rejected candidate: not gold
        gent(60, 70, "Temporal"),  # not one of our six types
    ))
    pred = art("d1", entities=[ent(0, 10, "PERSON"), ent(22, 35, "ORG"), ent(40, 50, "LOCATION"), ent(60, 70, "DATE")])
    m = entities.score([rec], {"d1": pred}).metrics
    assert m["PERSON.exact_f1"] == 1.0
    assert m["ORG.exact_f1"] == 0.0 and m["ORG.overlap_f1"] == 1.0
    assert m["LOCATION.overlap_precision"] == 0.0  # predicted, but the gold has confidence 0
    assert m["micro.exact_precision"] == pytest.approx(1 / 3) and m["micro.exact_recall"] == 0.5
    assert m["micro.overlap_f1"] == pytest.approx(2 * (2 / 3) * 1 / (2 / 3 + 1))


def test_entities_micro_and_macro_differ():
    golds = tuple(gent(i * 10, i * 10 + 5, "Person") for i in range(9)) + (gent(200, 205, "Location"),)
    rec = EntityRecord("d1", TEXT, None, golds)
    pred = art("d1", entities=[ent(i * 10, i * 10 + 5, "PERSON") for i in range(9)])
    m = entities.score([rec], {"d1": pred}).metrics
    assert m["micro.exact_recall"] == 0.9
    # macro averages the six types: PERSON 1.0, the other five 0
    assert m["macro.exact_f1"] == pytest.approx(1 / 6)


def test_entities_overlap_needs_same_type_and_is_one_to_one():
    rec = EntityRecord("d1", TEXT, None, (gent(0, 20, "Person"),))
    pred = art("d1", entities=[ent(0, 10, "PERSON"), ent(10, 20, "PERSON"), ent(0, 20, "ORG")])
    res = entities.score([rec], {"d1": pred})
    assert res.counts["PERSON.overlap_tp"] == 1
    assert res.metrics["PERSON.overlap_precision"] == 0.5


def test_entities_weapon_and_platform_combined():
    rec = EntityRecord("d1", TEXT, None, (gent(0, 10, "Weapon"), gent(20, 30, "MilitaryPlatform")))
    pred = art("d1", entities=[ent(0, 10, "MILITARY_PLATFORM"), ent(20, 30, "WEAPON")])
    m = entities.score([rec], {"d1": pred}).metrics
    assert m["WEAPON.overlap_f1"] == 0.0 and m["MILITARY_PLATFORM.overlap_f1"] == 0.0
    assert m["WEAPON+MILITARY_PLATFORM.overlap_f1"] == 1.0


# ---------------------------------------------------------------- plover


def prec(id_, event_, codes=("USA",)):
    return PloverRecord(id_, TEXT, None, event_, None, (), tuple(GoldActor("x", c, None) for c in codes), ())


def test_plover_maps_legacy_names():
    recs = [prec("a", "DEMAND"), prec("b", "DISAPPROVE"), prec("c", "FIGHT"), prec("d", "INVESTIGATE")]
    pred = {
        "a": art("a", events=[event("REQUEST", actors=[("US", "USA")])]),
        "b": art("b", events=[event("ACCUSE", actors=[("US", "USA")])]),
        "c": art("c", events=[event("ASSAULT", actors=[("Iran", "IRN")])]),
        "d": art("d", events=[event("DEMAND")]),  # an old name predicted is not the new one
    }
    res = plover.score(recs, pred)
    assert res.counts["matched"] == 3
    assert res.metrics["recall"] == 0.75 and res.metrics["precision"] == 0.75
    assert res.metrics["actor_country_agreement"] == pytest.approx(2 / 3)


def test_plover_types_are_sets_per_record_and_generic_codes_skipped():
    recs = [prec("a", "AGREE", codes=("IGO",))]
    pred = {"a": art("a", events=[event("AGREE"), event("AGREE"), event("CONSULT")])}
    res = plover.score(recs, pred)
    assert res.counts["predicted"] == 2 and res.metrics["precision"] == 0.5
    assert res.counts["actor_scored"] == 0  # IGO names no country


def test_plover_triples_pair_every_source_with_every_target_and_generic_codes_match_any_code():
    recs = [
        PloverRecord("a", TEXT, None, "THREATEN", None, (), (GoldActor("x", "RUS", None),),
                     (GoldActor("y", "USA", None), GoldActor("z", "GBR", None))),
        PloverRecord("b", TEXT, None, "AID", None, (), (GoldActor("x", "IGO", None),), ()),
    ]
    pred = {
        # one of two gold triples found, plus a wrong one (no target)
        "a": art("a", events=[event("THREATEN", actors=[("Moscow", "RUS")], recipients=[("US", "USA")]),
                              event("THREATEN", actors=[("Moscow", "RUS")])]),
        # IGO stands for any body; the side with no target is "-" on both
        "b": art("b", events=[event("AID", actors=[("UN", "UN")])]),
    }
    m = plover.score(recs, pred).metrics
    assert m["triple_recall"] == pytest.approx(2 / 3)  # (RUS, USA), (IGO, -) of three
    assert m["triple_precision"] == pytest.approx(2 / 3)  # (RUS, USA), (UN, -) of three
    assert m["triple_f1"] == pytest.approx(2 / 3)


def test_plover_reads_the_golds_non_iso_country_codes_as_iso():
    recs = [prec("a", "AGREE", codes=("JAP",))]
    res = plover.score(recs, {"a": art("a", events=[event("AGREE", actors=[("Tokyo", "JPN")])])})
    assert res.metrics["actor_country_agreement"] == 1.0 and res.metrics["triple_f1"] == 1.0


# ---------------------------------------------------------------- plover-synthetic


def srec(id_, event_):
    return SyntheticRecord(id_, TEXT, None, event_, None)


def test_plover_synthetic_scores_each_story_by_its_set_of_types():
    recs = [srec("a", "PROTEST"), srec("b", "AID"), srec("c", "SANCTION"), srec("d", "CONSULT")]
    pred = {
        # the label among three types, twice as often as the others
        "a": art("a", events=[event("REQUEST", trigger=(5, 9)), event("PROTEST", trigger=(20, 25)),
                              event("PROTEST", trigger=(40, 45)), event("ACCUSE", trigger=(60, 65))]),
        "b": art("b", events=[event("SUPPORT")]),  # another type only
        "c": art("c", events=[event("SANCTION")]),
        "d": art("d"),  # nothing coded
    }
    res = plover_synthetic.score(recs, pred)
    assert res.counts["matched"] == 2 and res.counts["predicted"] == 5
    assert res.metrics["recall"] == 0.5
    assert res.metrics["precision"] == pytest.approx(2 / 5)
    assert res.metrics["f1"] == pytest.approx(2 * 0.4 * 0.5 / 0.9)
    assert res.metrics["top_accuracy"] == 0.5
    assert res.metrics["coverage"] == 0.75
    assert res.metrics["PROTEST.recall"] == 1.0 and res.metrics["AID.recall"] == 0.0
    assert res.counts["SUPPORT.predicted"] == 1 and res.counts["SUPPORT.stories"] == 0
    kinds = sorted((e["id"], e["kind"], e["type"]) for e in res.errors)
    assert kinds == [("a", "false_alarm", "ACCUSE"), ("a", "false_alarm", "REQUEST"), ("b", "false_alarm", "SUPPORT"),
                     ("b", "miss", "AID"), ("d", "miss", "CONSULT")]


def test_plover_synthetic_top_type_ties_go_to_the_type_coded_first_in_the_text():
    events = [event("THREATEN", trigger=(50, 55)), event("ASSAULT", trigger=(10, 15)),
              event("THREATEN", trigger=(90, 95)), event("ASSAULT", trigger=(70, 75))]
    assert plover_synthetic.top_type([article_to_dict(art(events=[e]))["events"][0] for e in events]) == "ASSAULT"
    recs = [srec("a", "THREATEN")]
    res = plover_synthetic.score(recs, {"a": art("a", events=events)})
    assert res.metrics["recall"] == 1.0 and res.metrics["top_accuracy"] == 0.0
    assert plover_synthetic.top_type([]) is None


def test_plover_synthetic_loader_takes_a_fixed_every_kth_subset(tmp_path):
    path = tmp_path / "synthetic.jsonl"
    rows = [{"id": f"s:{n}", "dataset": "synthetic", "text": f"Story {n}.",
             "labels": {"event": "AGREE" if n % 2 else "REJECT", "mode": None}, "meta": {}} for n in range(7)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert [r.id for r in load_plover_synthetic(path)] == ["s:0", "s:3", "s:6"]
    assert [r.id for r in load_plover_synthetic(path, every=3, offset=1)] == ["s:1", "s:4"]
    got = load_plover_synthetic(path, every=1)
    assert len(got) == 7 and got[1].event == "AGREE" and got[1].mode is None and got[1].date is None


# ---------------------------------------------------------------- acled


def test_acled_first_event_with_a_type_and_coverage():
    recs = [
        AcledRecord("a", TEXT, None, "AIR_STRIKE", True),
        AcledRecord("b", TEXT, None, "ARMED_CLASH", True),
        AcledRecord("c", TEXT, None, "ART_MISS_ATTACK", True),
        AcledRecord("d", TEXT, None, "DIPLO", False),  # not an ACLED type: not scored
    ]
    pred = {
        "a": art("a", events=[event("ACCUSE"), event(acled_sub="Air/drone strike", acled_type="Explosions/Remote violence"),
                              event(acled_sub="Armed clash")]),
        "b": art("b", events=[event(acled_sub="Attack", acled_type="Violence against civilians")]),
        "c": art("c", events=[event("ACCUSE")]),
        "d": art("d"),
    }
    res = acled.score(recs, pred)
    assert res.counts["records"] == 3
    assert res.metrics["accuracy"] == pytest.approx(1 / 3)
    assert res.metrics["coverage"] == pytest.approx(2 / 3)
    assert res.metrics["accuracy_when_predicted"] == 0.5
    assert {e["id"]: e["kind"] for e in res.errors} == {"b": "wrong_type", "c": "miss"}


def test_acled_mapping_covers_every_sub_event_type():
    assert set(acled.CASE_TO_ACLED.values()) <= set(acled.SUB_TO_TYPE)
    assert len(acled.CASE_TO_ACLED) == 25


# ---------------------------------------------------------------- location


def lrec(id_, verb, locs):
    return LocationRecord(id_, TEXT, None, None if verb is None else Span(*verb), tuple(Span(s, e) for s, e in locs))


def test_location_empty_span_rule():
    recs = [lrec("none", (10, 16), [(10, 10)]), lrec("nolabel", (10, 16), []), lrec("hit", (10, 16), [(30, 40)])]
    pred = {
        "none": art("none", events=[event(trigger=(10, 16))]),  # no location predicted: right
        "nolabel": art("nolabel", events=[event(trigger=(10, 16), location=(50, 55))]),  # a location: wrong
        "hit": art("hit"),  # no event at all: wrong, and counted as no prediction
    }
    res = location.score(recs, pred)
    assert res.metrics["accuracy"] == pytest.approx(1 / 3)
    assert res.counts["no_prediction"] == 2 and res.counts["no_event"] == 1
    assert res.metrics["accuracy_unlocated"] == 0.5 and res.metrics["accuracy_located"] == 0.0


def test_location_prefers_the_event_at_the_gold_verb():
    rec = lrec("r", (20, 26), [(30, 40)])
    first_wrong = art("r", events=[event(trigger=(0, 5), location=(60, 70)), event(trigger=(21, 25), location=(32, 38))])
    assert location.score([rec], {"r": first_wrong}).metrics["accuracy"] == 1.0
    no_verb_match = art("r", events=[event(trigger=(0, 5), location=(35, 45)), event(trigger=(90, 95))])
    assert location.score([rec], {"r": no_verb_match}).metrics["accuracy"] == 1.0


# ---------------------------------------------------------------- seed


def test_seed_checks_pass_on_a_perfect_prediction():
    att = Attribution("Andrei Bogdan", "named_person", False, "confirmed", speaker_title="Deputy Head")
    a = art("s", events=[
        event("COOPERATE", actors=[("Belarus", "BLR"), ("Russia", "RUS")], context=["military"], modality="planned",
              weapons=[Weapon("Oreshnik", "Oreshnik", "ballistic_missile", "RUS")], attribution=att),
        event("ACCUSE", actors=[("Western officials", None)]),
        event("REQUEST", actors=[("some", None)], sentence="some calling for increased NATO presence"),
    ], quotes=[
        Quote("a key component", 0, 10, "Andrei Bogdan", 0, 5, "named_person", "emphasized", True),
        Quote("This is a clear signal", 20, 30, "one defense commentator", 31, 40, "unnamed_expert", "said", True),
        Quote("This is a testament", 50, 60, "a Russian defense official", 61, 70, "anonymous_official", "said", True),
    ])
    res = seed.score([SeedRecord("s", TEXT, "2024-12-01")], {"s": a})
    assert res.metrics == {"passed": 9.0, "total": 9.0}, res.errors


def test_seed_checks_report_what_failed():
    a = art("s", events=[event("COOPERATE", actors=[("Belarus", "BLR")], context=["military"], modality="asserted")])
    res = seed.score([SeedRecord("s", TEXT, "2024-12-01")], {"s": a})
    assert res.metrics["passed"] == 0.0
    assert [e["check"] for e in res.errors][:3] == [
        "cooperate_military_blr_rus", "oreshnik_with_class", "modality_planned_or_announced"]


# ---------------------------------------------------------------- floors and reports


def result(**metrics):
    return {"attribution": TaskResult("attribution", metrics={k: float(v) for k, v in metrics.items()})}


def test_check_floors_finds_violations_and_skips_tasks_not_run():
    floors = {"attribution.content_f1": 0.5, "attribution.e2e_f1": 0.3, "plover.f1": 0.9}
    out = check_floors(result(content_f1=0.49, e2e_f1=0.3), floors)
    assert len(out) == 1 and "attribution.content_f1" in out[0] and "0.490" in out[0] and "0.500" in out[0]
    assert check_floors(result(content_f1=0.6), floors) == ["attribution.e2e_f1: no score (floor 0.300)"]


def test_raise_floors_never_lowers_and_rounds_down():
    new = raise_floors(result(content_f1=0.4567, e2e_f1=0.10), {"attribution.e2e_f1": 0.2, "x.y": 0.7})
    assert new == {"attribution.content_f1": 0.436, "attribution.e2e_f1": 0.2, "x.y": 0.7}
    assert raise_floors(result(content_f1=0.43), {})["attribution.content_f1"] == 0.41
    assert raise_floors(result(content_f1=0.01), {})["attribution.content_f1"] == 0.0


def test_update_floors_refuses_to_lower_without_flag_and_reason(tmp_path: Path):
    path = tmp_path / "floors.json"
    path.write_text(json.dumps({"version": 1, "floors": {"attribution.content_f1": 0.5}}))
    low = result(content_f1=0.4)
    with pytest.raises(UsageError, match="refusing to lower"):
        update_floors(path, low, allow_lower=False, reason=None)
    with pytest.raises(UsageError, match="reason"):
        update_floors(path, low, allow_lower=True, reason=None)
    assert load_floors(path) == {"attribution.content_f1": 0.5}  # nothing written
    new = update_floors(path, low, allow_lower=True, reason="new tokenizer splits quotes differently")
    assert new == {"attribution.content_f1": 0.38}
    data = json.loads(path.read_text())
    assert data["log"][0]["reason"].startswith("new tokenizer") and data["floors"] == new
    # going up needs no flag
    assert update_floors(path, result(content_f1=0.9), allow_lower=False, reason=None) == {
        "attribution.content_f1": 0.88}


def test_table_and_json():
    res = result(content_f1=0.5)
    res["seed"] = TaskResult("seed", {"passed": 7.0, "total": 9.0}, {"passed": 7})
    table = format_table(res, floors={"attribution.content_f1": 0.6})
    assert "content_f1" in table and "BELOW" in table and "seed" in table
    assert results_to_json(res)["tasks"]["seed"]["metrics"]["passed"] == 7.0
    json.dumps(results_to_json(res))


def test_run_eval_rejects_unknown_tasks(tmp_path):
    with pytest.raises(UsageError, match="unknown"):
        run_eval(["nope"], gold_dir=tmp_path, pipeline=object())
    assert list(TASKS) == ["attribution", "entities", "plover", "acled", "location", "real-events", "stories", "seed",
                           "attribution-train",
                           "plover-synthetic"]
    assert [n for n, t in TASKS.items() if not t.default] == ["attribution-train", "plover-synthetic"]


def test_run_eval_scores_tune_and_check_apart_and_writes_tune_errors_only(tmp_path):
    from sitrep.evaluate.split import part_of

    # c1 and c4 hash into tune, c2 and c3 into check (checked here, so a new hash rule fails loudly)
    assert [part_of(i) for i in ("c1", "c2", "c3", "c4")] == ["tune", "check", "check", "tune"]
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    rows = [
        {"id": "c1", "dataset": "case", "text": "Jets bombed the town.", "labels": {"event_type": "AIR_STRIKE", "seen_in_acled": True}, "meta": {}},
        {"id": "c4", "dataset": "case", "text": "Troops clashed.", "labels": {"event_type": "ARMED_CLASH", "seen_in_acled": True}, "meta": {}},
        {"id": "c2", "dataset": "case", "text": "Jets bombed the port.", "labels": {"event_type": "AIR_STRIKE", "seen_in_acled": True}, "meta": {}},
        {"id": "c3", "dataset": "case", "text": "Rebels clashed.", "labels": {"event_type": "ARMED_CLASH", "seen_in_acled": True}, "meta": {}},
    ]
    (gold_dir / "case2021_task2.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))

    class Stub:
        def run(self, articles):
            for a in articles:
                if "Jets" in a.text or "Rebels" in a.text:
                    a.events = [event(acled_sub="Air/drone strike", acled_type="Explosions/Remote violence")]
                yield a

    res = run_eval(["acled"], gold_dir=gold_dir, pipeline=Stub(), errors_dir=tmp_path / "errs")
    assert res["acled"].metrics["tune.accuracy"] == 0.5
    assert res["acled"].metrics["check.accuracy"] == 0.5
    assert res["acled"].counts["check.records"] == 2
    lines = (tmp_path / "errs" / "errors-acled.jsonl").read_text().splitlines()
    assert [json.loads(x)["id"] for x in lines] == ["c4"]  # the check miss (c3) is never written
    table = format_table(res, floors={"acled.check.accuracy": 0.6})
    assert "BELOW" in table and "tune" in table.splitlines()[0]
    assert run_eval(["acled"], gold_dir=gold_dir, pipeline=Stub(), limit=1)["acled"].counts["tune.records"] == 1


def test_a_bare_run_skips_the_opt_in_tasks_and_a_named_one_runs(tmp_path, monkeypatch):
    from sitrep.evaluate import harness

    loaded = []

    def loader(name):
        def load(gold_dir):
            loaded.append(name)
            return []
        return load

    fake = {
        "quick": harness.Task("quick", "", loader("quick"), lambda recs, pred: TaskResult("quick", {"n": 1.0})),
        "slow": harness.Task("slow", "", loader("slow"), lambda recs, pred: TaskResult("slow", {"n": 2.0}),
                             default=False),
    }
    monkeypatch.setattr(harness, "TASKS", fake)

    class Empty:
        def run(self, articles):
            return iter(articles)

    assert list(run_eval(None, gold_dir=tmp_path, pipeline=Empty())) == ["quick"]
    assert list(run_eval(["slow"], gold_dir=tmp_path, pipeline=Empty())) == ["slow"]
    assert loaded == ["quick", "slow"]


# ---------------------------------------------------------------- integration


@pytest.mark.slow
def test_seed_on_the_real_gold_dir(request):
    gold_dir = default_gold_dir()
    if not gold_dir.exists() or not (gold_dir.parent / "corpus").exists():
        pytest.skip("../shared/gold is not present")
    pipeline = request.getfixturevalue("pipeline")  # load the model only when the data is there
    res = run_eval(["seed"], gold_dir=gold_dir, pipeline=pipeline)["seed"]
    assert res.metrics["total"] == 9.0
    assert res.metrics["passed"] >= 0.0


def test_location_spans_that_look_mis_converted_are_flagged_and_kept_out_of_the_clean_score():
    from sitrep.evaluate.gold import LocationRecord, Span
    from sitrep.evaluate.location import score, suspect

    text = "Some 2,000 farmers marched in Lyon on Monday."
    good = LocationRecord("hand-1", text, None, Span(19, 26, "marched"), (Span(30, 34, "Lyon"),))
    empty = LocationRecord("hand-2", text, None, Span(19, 26, "marched"), (Span(8, 8, ""),))
    in_word = LocationRecord("hand-3", text, None, Span(19, 26, "marched"), (Span(31, 33, "yo"),))
    none = LocationRecord("hand-4", text, None, Span(19, 26, "marched"), ())
    assert [suspect(r) for r in (good, empty, in_word, none)] == [False, True, True, False]
    event = {"type": "PROTEST", "evidence": {"trigger": "marched", "trigger_start": 19, "trigger_end": 26},
             "location": {"text": "Lyon", "start": 30, "end": 34}}
    result = score([good, empty, in_word, none], {r.id: {"events": [event]} for r in (good, empty, in_word, none)})
    assert result.counts["suspect_spans"] == 2
    assert result.metrics["accuracy"] == 0.5  # good right; empty, in_word and none scored wrong as they are
    assert result.metrics["accuracy_clean"] == 0.5  # of good and none, good is right


def test_location_suspect_spans_are_read_as_token_indices_for_the_repaired_score():
    from sitrep.evaluate.gold import LocationRecord, Span
    from sitrep.evaluate.location import repaired, score

    text = "Some 2,000 farmers marched in Lyon on Monday."
    verb = Span(19, 26, "marched")
    # tokens: Some(0) 2,000(1) farmers(2) marched(3) in(4) Lyon(5) on(6) Monday(7) .(8)
    good = LocationRecord("hand-1", text, None, verb, (Span(30, 34, "Lyon"),))
    as_tokens = LocationRecord("hand-2", text, None, verb, (Span(5, 5, ""),))
    on_stop_word = LocationRecord("hand-3", text, None, verb, (Span(4, 4, ""),))
    on_verb = LocationRecord("hand-4", text, None, verb, (Span(3, 3, ""),))
    past_end = LocationRecord("hand-5", text, None, verb, (Span(30, 30, ""),))
    assert repaired(good) == good.locations
    assert repaired(as_tokens) == (Span(30, 34, "Lyon"),)
    assert [repaired(r) for r in (on_stop_word, on_verb, past_end)] == [None, None, None]

    event = {"type": "PROTEST", "evidence": {"trigger": "marched", "trigger_start": 19, "trigger_end": 26},
             "location": {"text": "Lyon", "start": 30, "end": 34}}
    records = [good, as_tokens, on_stop_word, on_verb, past_end]
    result = score(records, {r.id: {"events": [event]} for r in records})
    assert result.counts["unrepairable"] == 3
    assert result.metrics["accuracy_repaired"] == 1.0  # good and as_tokens, both right
    assert result.metrics["accuracy"] == 0.2  # only good is right as stored


def test_a_repeated_gold_id_is_made_unique_so_each_record_keeps_its_own_prediction():
    from sitrep.evaluate.gold import LocationRecord
    from sitrep.evaluate.harness import code_records, unique_ids

    first = LocationRecord("same", "Troops patrolled Lyon.", None, None, ())
    second = LocationRecord("same", "Police patrolled Nantes.", None, None, ())
    other = LocationRecord("other", "Farmers marched in Lille.", None, None, ())
    records = unique_ids([first, second, other])
    assert [r.id for r in records] == ["same", "same#2", "other"]

    class Echo:
        def run(self, articles):
            return iter(articles)

    coded = code_records(records, Echo())
    assert coded["same"].text == first.text and coded["same#2"].text == second.text


def test_a_lower_is_better_metric_is_pinned_by_a_ceiling(tmp_path):
    from sitrep.evaluate.floors import check_floors, raise_floors, update_floors

    res = {"real-events": TaskResult("real-events", {"check.false_event_rate": 0.30, "check.event_f1": 0.5})}
    pinned = raise_floors(res, {})
    assert pinned["real-events.check.false_event_rate"] == 0.32  # score + margin
    assert pinned["real-events.check.event_f1"] == 0.48
    worse = {"real-events": TaskResult("real-events", {"check.false_event_rate": 0.35, "check.event_f1": 0.5})}
    assert check_floors(worse, pinned) == ["real-events.check.false_event_rate: score 0.350 above ceiling 0.320"]
    better = {"real-events": TaskResult("real-events", {"check.false_event_rate": 0.10, "check.event_f1": 0.5})}
    assert check_floors(better, pinned) == []
    assert raise_floors(better, pinned)["real-events.check.false_event_rate"] == 0.12  # only tightens
    path = tmp_path / "floors.json"
    update_floors(path, res, allow_lower=False, reason=None)
    with pytest.raises(UsageError, match="refusing"):
        update_floors(path, worse, allow_lower=False, reason=None)


def test_real_events_matches_a_country_bound_group_in_the_form_sitrep_writes_it():
    from sitrep.evaluate.real_events import GoldEvent, RealEventsRecord, score

    text = "Rebels of the Northern Front freed six hostages. Officials met."
    gold = GoldEvent(sentence=0, type="RETREAT", actor=frozenset({"BOKO_HARAM"}), recipient=frozenset(),
                     modality="asserted", in_quote=False, trigger="freed")
    rec = RealEventsRecord("r1", text, None, ((0, 48), (49, 63)), (gold,))

    def predicted(code, sector):
        ev = {"type": "RETREAT", "modality": "asserted", "recipient": [],
              "actor": [{"text": "Rebels", "code": code, "sector": sector}],
              "evidence": {"start": 0, "end": 48, "trigger": "freed", "rule": "lexicon:x"}}
        return {"r1": {"id": "r1", "rejected": None, "entities": [], "quotes": [], "events": [ev]}}

    assert score([rec], predicted("BOKO_HARAM", None)).metrics["event_f1"] == 1.0
    assert score([rec], predicted("NGA", "REB")).metrics["event_f1"] == 1.0  # CAMEO's NGAREB
    assert score([rec], predicted("NGA", "GOV")).metrics["event_f1"] == 0.0  # the state is not the group
    assert score([rec], predicted("NGA", None)).metrics["event_f1"] == 0.0


def test_attribution_scores_stances_with_the_quotes():
    rec = AttributionRecord("r1", TEXT, None, "a", (gold_att([(0, 100)], (200, 205), "Smith"),))
    stance = quote(0, 100, speaker="Smith", direct=False)
    stance.kind = "stance"
    d = article_to_dict(art(quotes=[stance]))
    assert d["quotes"] == [] and len(d["stances"]) == 1
    r = attribution.score([rec], {"r1": d})
    assert r.metrics["content_f1"] == 1.0 and r.metrics["e2e_f1"] == 1.0
    assert attribution.score([rec], {"r1": art(quotes=[stance])}).metrics == r.metrics


def test_bootstrap_intervals_hold_the_score_are_repeatable_and_narrow_to_a_point_when_all_agree():
    from dataclasses import dataclass as _dc

    from sitrep.evaluate.harness import bootstrap_intervals

    @_dc(frozen=True)
    class Rec:
        id: str
        right: bool

    def score(records, predicted):
        return TaskResult("t", metrics={"accuracy": sum(r.right for r in records) / len(records)})

    mixed = [Rec(f"r{i}", i % 3 != 0) for i in range(30)]  # 20 of 30 right
    lo, hi = bootstrap_intervals(score, mixed, {}, 500)["accuracy"]
    assert lo < 20 / 30 < hi and hi - lo > 0.1
    assert bootstrap_intervals(score, mixed, {}, 500) == {"accuracy": (lo, hi)}  # the same draws every run
    assert bootstrap_intervals(score, [Rec("a", True)] * 5, {}, 100) == {"accuracy": (1.0, 1.0)}
    assert bootstrap_intervals(score, mixed, {}, 0) == {}


def test_eval_with_resamples_prints_and_writes_the_check_intervals(tmp_path):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    rows = [{"id": f"c{i}", "dataset": "case", "text": f"Jets bombed town {i}." if i % 2 else f"Rebels clashed {i}.",
             "labels": {"event_type": "AIR_STRIKE" if i % 2 else "ARMED_CLASH", "seen_in_acled": True}, "meta": {}}
            for i in range(40)]
    (gold_dir / "case2021_task2.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))

    class Stub:
        def run(self, articles):
            for a in articles:
                a.events = [event(acled_sub="Air/drone strike", acled_type="Explosions/Remote violence")]
                yield a

    res = run_eval(["acled"], gold_dir=gold_dir, pipeline=Stub(), resamples=200)["acled"]
    lo, hi = res.intervals["check.accuracy"]
    assert lo <= res.metrics["check.accuracy"] <= hi and lo < hi
    assert not any(k.startswith("tune.") for k in res.intervals)  # the check part only
    table = format_table({"acled": res})
    assert "check 95% CI" in table.splitlines()[0] and f"{lo:.3f}-{hi:.3f}" in table
    assert results_to_json({"acled": res})["tasks"]["acled"]["intervals"]["check.accuracy"] == [lo, hi]
    plain = run_eval(["acled"], gold_dir=gold_dir, pipeline=Stub())["acled"]
    assert plain.intervals == {} and "CI" not in format_table({"acled": plain})


def test_a_quote_scored_again_is_not_parsed_again(monkeypatch):
    # a bootstrap scores the same quotes many times: each content is parsed once per process
    from sitrep import nlp
    from sitrep.evaluate.attribution import _fragments

    contents = ["The ministry said the talks would resume on Monday.", "the attack"]
    assert _fragments(contents) == 1

    def no_model(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(nlp, "load_model", no_model)
    assert _fragments(contents) == 1
