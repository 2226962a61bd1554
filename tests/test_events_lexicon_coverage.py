"""The lexicon covers the common ways news states each PLOVER type (sentences written for these tests)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def types_of(pipeline):
    from sitrep.model import Article

    def run(text: str) -> list[str]:
        article = pipeline(Article(id="t", text=text, date="2026-11-20", origin="<test>", format="text"))
        return [e.type for e in article.events]

    return run


@pytest.mark.parametrize("expected, sentence", [
    ("ACCUSE", "The Lithuanian foreign minister faulted Minsk for the border crisis."),
    ("ACCUSE", "Ankara berated Athens over the island dispute on Tuesday."),
    ("ACCUSE", "Beijing assailed Washington's arms sale to Taiwan."),
    ("ACCUSE", "Serbia lashed out at Kosovo over the arrests."),
    ("COOPERATE", "Germany and France partnered on a new fighter jet programme."),
    ("SUPPORT", "Macron congratulated the new Polish president on his victory."),
    ("SUPPORT", "Spain recognised Palestine as a state on Tuesday."),
    ("REJECT", "Hungary blocked the EU's new aid package for Ukraine."),
    ("REJECT", "Tehran ruled out direct talks with Washington."),
    ("REJECT", "The junta turned down an offer of mediation from ECOWAS."),
    ("REJECT", "Beijing refuted the claims of forced labour."),
    ("MOBILIZE", "Japan scrambled fighter jets after Chinese drones approached Okinawa."),
    ("MOBILIZE", "China conducted large-scale exercises around Taiwan on Monday."),
    ("ASSAULT", "Russia invaded Ukraine in February 2022."),
    ("ASSAULT", "The army launched a ground operation against rebel positions in the hills on Monday."),
    ("PROTEST", "Hundreds of protesters turned violent outside the ministry late on Friday."),
    ("PROTEST", "The demonstration was suspended by police after scuffles broke out near the gate."),
    ("COERCE", "Sudanese forces besieged the city of El Fasher."),
    ("ACCUSE", "Beijing expressed strong dissatisfaction with the new US sanctions."),
    ("ACCUSE", '"This is an act of state terrorism," the Iranian foreign minister said of the attack.'),
    ("ACCUSE", "Vilnius said Minsk was weaponising migrants."),
    ("REJECT", "Venezuela said it does not recognise the court's ruling."),
    ("CONCEDE", "The president recognised the opposition's victory in the runoff."),
    ("THREATEN", "Ankara warned of a new military operation in northern Syria."),
    ("MOBILIZE", "Iran unveiled a new hypersonic missile on Tuesday."),
    ("MOBILIZE", "North Korea said it had put an earth observation satellite into orbit."),
    ("MOBILIZE", "Pyongyang said it would launch a reconnaissance satellite before the end of the month."),
    ("MOBILIZE", "The launch of the Hwasong-18 took place at dawn."),
    ("MOBILIZE", '"Serial production of the Oreshnik has begun," the Russian president said.'),
    ("ACCUSE", '"They are lying to the world," the Russian foreign ministry spokeswoman said of the claims.'),
    ("SUPPORT", "The Sahel faction pledged allegiance to Islamic State last year."),
    ("MOBILIZE", "Finland boosted troop numbers on its eastern border."),
    ("ACCUSE", "Beijing held Washington responsible for the rising tensions."),
    ("ACCUSE", "Tehran pinned the blame for the explosion on Israeli agents."),
    ("ACCUSE", "Lithuania called the move a hybrid attack by Belarus."),
    ("REJECT", "Moscow called the allegations baseless."),
    ("REJECT", "Beijing dismissed the report as a fabrication."),
    ("REJECT", '"These claims are groundless," the Russian defence minister said.'),
    ("ACCUSE", "The Kremlin said Kyiv was responsible for the attack on the bridge."),
])
def test_common_phrasings_are_coded(types_of, expected, sentence):
    assert expected in types_of(sentence)


@pytest.mark.parametrize("sentence", [
    "The supreme court ruled that the election was valid.",  # 'rule' without 'out'
    "The convoy turned toward the border at dawn.",
    "The officials recognised the difficulty of the task.",  # 'recognise' without a state
    "Engineers blocked the leak with sand bags.",  # 'block' without a political object
    "Forecasters warned of heavy snow in the mountains.",  # a warning of weather, no threat
    "The answer lies in the economy.",
    "A ministry spokesman declined to say how many troops were involved.",  # withholding, no refusal
])
def test_near_misses_of_those_phrasings_are_not(types_of, sentence):
    assert not {"REJECT", "SUPPORT", "THREATEN", "ACCUSE"} & set(types_of(sentence))


@pytest.mark.parametrize("sentence", [
    "SpaceX launched 22 Starlink satellites from Florida on Tuesday.",  # a company, not a state
    "The company plans to launch a new phone next month.",
])
def test_a_launch_that_is_not_a_states_is_no_event(types_of, sentence):
    assert types_of(sentence) == []
