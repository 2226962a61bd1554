"""Where an event happened, for places the parse hangs away from the event verb: a site's
own name in apposition, places in relative clauses, places on the agent. Sentences are our
own, written for these tests."""

from __future__ import annotations

import pytest

from sitrep.pipeline import code


def _place(text: str, trigger: str) -> str | None:
    art = code(text)
    events = [e for e in art.events if e.evidence.trigger.split()[0] == trigger]
    assert events, [(e.type, e.evidence.trigger) for e in art.events]
    loc = events[0].location
    return None if loc is None else loc.text


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        # a site's own name in apposition beats the city that locates the site
        ("Insurgents captured the airbase near Herat, Camp Stone, on Friday.", "captured", "Camp Stone"),
        ("Two rockets hit the compound outside Jalalabad, Camp Fenty, overnight.", "hit", "Camp Fenty"),
        # a known place in apposition is the container, not the site
        ("Gunmen killed two guards in Mauthausen, Austria.", "killed", "Mauthausen"),
        # a name glossed in brackets is not a site of its own
        ("Militants ambushed a convoy on the Coastal Highway near Ban Nong Kha (Frog Pond Hamlet) late on Sunday.",
         "ambushed", "Coastal Highway"),
        ("Bandits looted a market in Dorowa Tsoho (Old Baobab Town) overnight, residents said.", "looted",
         "Dorowa Tsoho"),
        # a relative clause on the event's site says where the site is
        ("A shopkeeper was shot dead at a store he ran in Quetta.", "shot", "Quetta"),
        ("Masked men beat a guard outside a pharmacy his family runs in Herat.", "beat", "Herat"),
        # a place hung on the agent, followed by the region that holds it
        ("Two engineers were abducted on Monday by gunmen near Bara, in the Khyber district.", "abducted", "Bara"),
        ("A convoy was ambushed by insurgents outside Jalalabad, in the eastern region of Nangarhar.", "ambushed",
         "Jalalabad"),
        ("Four traders were seized by bandits in Zurmi, in the northwestern state of Zamfara, on Friday.", "seized",
         "Zurmi"),
        # "the entrance of X" leads to the place as "the entrance to X" does
        ("A grenade exploded at the doorstep of a hotel in Mogadishu on Friday.", "exploded", "Mogadishu"),
        # a place named on the subject's people ("X residents") says where, weakly
        ("Two Kabul shopkeepers were shot dead on Monday.", "shot", "Kabul"),
        ("Kano traders protested against the new levy.", "protested", "Kano"),
    ],
)
def test_place(text: str, trigger: str, place: str) -> None:
    assert _place(text, trigger) == place


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # a clause that adds another happening to an event noun
        ("Two guards were killed in Monday's raid, which the governor condemned at a meeting in Mardan.",
         "killed"),
        # a clause of an earlier happening on the site
        ("A farmer was shot at a camp that had moved to Gulu years before.", "shot"),
    ],
)
def test_no_place_from_another_happening(text: str, trigger: str) -> None:
    assert _place(text, trigger) is None
