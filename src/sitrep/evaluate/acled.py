"""ACLED sub-event types against CASE 2021 task 2 snippets.

Only records whose type ACLED has (`seen_in_acled`) are scored. The prediction
is the ACLED sub-event type of the first predicted event that has one; a record
without one counts as wrong (and lowers `coverage`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sitrep.evaluate.gold import AcledRecord
from sitrep.evaluate.result import Prediction, TaskResult, as_contract, ratio

NAME = "acled"

# CASE 2021 task 2 type name -> ACLED sub-event type (ACLED codebook names).
CASE_TO_ACLED: dict[str, str] = {
    "ARMED_CLASH": "Armed clash",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "AIR_STRIKE": "Air/drone strike",
    "SUIC_BOMB": "Suicide bomb",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "GRENADE": "Grenade",
    "CHEM_WEAP": "Chemical weapon",
    "SEX_VIOL": "Sexual violence",
    "ATTACK": "Attack",
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "PEACE_PROTEST": "Peaceful protest",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "VIOL_DEMONSTR": "Violent demonstration",
    "MOB_VIOL": "Mob violence",
    "AGREEMENT": "Agreement",
    "ARREST": "Arrests",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "DISR_WEAP": "Disrupted weapons use",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
}

# ACLED sub-event type -> event type, to also score the coarser level.
SUB_TO_TYPE: dict[str, str] = {
    **dict.fromkeys(["Armed clash", "Government regains territory", "Non-state actor overtakes territory"], "Battles"),
    **dict.fromkeys(
        [
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        ],
        "Explosions/Remote violence",
    ),
    **dict.fromkeys(["Sexual violence", "Attack", "Abduction/forced disappearance"], "Violence against civilians"),
    **dict.fromkeys(
        ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"], "Protests"
    ),
    **dict.fromkeys(["Violent demonstration", "Mob violence"], "Riots"),
    **dict.fromkeys(
        [
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        ],
        "Strategic developments",
    ),
}


def _norm(s: str | None) -> str:
    return " ".join((s or "").lower().split())


def first_acled(pred: Mapping[str, Any]) -> dict[str, str] | None:
    for e in pred["events"]:
        if e.get("acled"):
            return e["acled"]
    return None


def score(records: Sequence[AcledRecord], predicted: Mapping[str, Prediction]) -> TaskResult:
    scored = [r for r in records if r.seen_in_acled and r.event_type in CASE_TO_ACLED]
    right = coarse_right = covered = 0
    errors: list[dict[str, Any]] = []
    for rec in scored:
        pred = as_contract(predicted.get(rec.id))
        gold_sub = CASE_TO_ACLED[rec.event_type]
        got = first_acled(pred)
        got_sub = got["sub_event_type"] if got else None
        covered += got is not None
        ok = _norm(got_sub) == _norm(gold_sub)
        right += ok
        coarse_right += got is not None and _norm(got["event_type"]) == _norm(SUB_TO_TYPE[gold_sub])
        if not ok:
            errors.append(
                {
                    "kind": "miss" if got is None else "wrong_type",
                    "id": rec.id,
                    "text": rec.text,
                    "gold": {"case_type": rec.event_type, "sub_event_type": gold_sub},
                    "predicted": None if got is None else dict(got),
                    "events": [
                        {"type": e["type"], "mode": e.get("mode"), "trigger": e["evidence"]["trigger"], "rule": e["evidence"]["rule"]}
                        for e in pred["events"]
                    ],
                }
            )
    return TaskResult(
        NAME,
        metrics={
            "accuracy": ratio(right, len(scored)),
            "coverage": ratio(covered, len(scored)),
            "accuracy_when_predicted": ratio(right, covered),
            "event_type_accuracy": ratio(coarse_right, len(scored)),
        },
        counts={"records": len(scored), "skipped_not_in_acled": len(records) - len(scored), "correct": right, "covered": covered},
        errors=errors,
    )
