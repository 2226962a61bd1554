"""The text stage: `Screen` rejects what cannot or should not be coded, and never raises."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import UsageError
from sitrep.model import Article, content_id
from sitrep.settings import Settings
from sitrep.text import Screen

FOUNDING = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "belarus-russia-oreshnik-division.txt"

ENGLISH = (
    "Armed forces crossed the northern border early on Tuesday, officials said, in a move that "
    "neighbouring governments condemned. The defence ministry said the operation was limited in "
    "scope and would last several days."
)
ENGLISH_WITH_NAMES = (
    "Ukrainian President Volodymyr Zelenskyy met Oleksandr Syrskyi and Dmytro Kuleba in Kyiv on "
    "Tuesday, Ukrainska Pravda and Deutsche Welle reported. The meeting in Zaporizhzhia followed "
    "strikes near Khmelnytskyi and Dnipropetrovsk oblast."
)
ENGLISH_WITH_GERMAN_QUOTE = (
    "German Chancellor Olaf Scholz said on Tuesday that Germany would send more air defence "
    "systems. \"Wir stehen fest an der Seite der Ukraine,\" Scholz told reporters in Berlin, adding "
    "that the Bundeswehr would also train Ukrainian soldiers."
)
ENGLISH_HEADLINE_CAPS = (
    "BREAKING: RUSSIAN FORCES SHELL KHARKIV OVERNIGHT, REGIONAL GOVERNOR OLEH SYNEHUBOV SAYS; "
    "TWO KILLED, NINE WOUNDED"
)
FOREIGN = {
    "de": "Die Bundesregierung hat am Dienstag neue Waffenlieferungen an die Ukraine angekündigt. "
          "Verteidigungsminister Boris Pistorius sagte in Berlin, Deutschland werde weitere "
          "Luftabwehrsysteme bereitstellen, um die Städte des Landes vor russischen "
          "Raketenangriffen zu schützen.",
    "ru": "Министерство обороны России заявило во вторник, что войска отразили атаку на границе. "
          "По словам представителя ведомства, в ходе боев были уничтожены несколько единиц "
          "бронетехники противника.",
    "fr": "Le gouvernement français a annoncé mardi l'envoi de nouveaux systèmes de défense "
          "aérienne en Ukraine. Le ministre des Armées a déclaré que ces équipements permettraient "
          "de protéger les infrastructures civiles contre les frappes russes.",
    "zh": "中国外交部发言人周二表示，中方呼吁有关各方保持冷静和克制，通过对话协商解决分歧，"
          "避免局势进一步升级。发言人还表示，中方愿为缓和地区紧张局势发挥建设性作用。",
    "es": "El gobierno español anunció el martes el envío de nuevos sistemas de defensa aérea a "
          "Ucrania. La ministra de Defensa afirmó que estos equipos permitirán proteger la "
          "infraestructura civil de los ataques rusos.",
}


@pytest.fixture(scope="module")
def screen() -> Screen:
    return Screen(Settings())


def article(text: str) -> Article:
    return Article(id=content_id(text), text=text, origin="<test>", format="text")


def reason(a: Article) -> str | None:
    return a.rejected.reason if a.rejected else None


@pytest.mark.parametrize("text", [ENGLISH, ENGLISH_WITH_NAMES, ENGLISH_WITH_GERMAN_QUOTE,
                                  ENGLISH_HEADLINE_CAPS])
def test_english_passes(screen: Screen, text: str) -> None:
    a = screen(article(text))
    assert a.ok, a.rejected
    assert a.language == "en"


def test_the_founding_article_passes(screen: Screen) -> None:
    if not FOUNDING.exists():
        pytest.skip("../shared/corpus is not beside the project")
    a = screen(article(FOUNDING.read_text(encoding="utf-8")))
    assert a.ok and a.language == "en"


@pytest.mark.parametrize("lang", sorted(FOREIGN))
def test_other_languages_are_rejected_with_the_language_found(screen: Screen, lang: str) -> None:
    a = screen(article(FOREIGN[lang]))
    assert reason(a) == "not_english"
    assert a.language == lang
    assert f"detected {lang}" in a.rejected.detail


def test_the_majority_language_of_the_start_decides(screen: Screen) -> None:
    german_with_quote = FOREIGN["de"] + ' "We stand with Ukraine," he said in English. ' + FOREIGN["de"]
    assert reason(screen(article(german_with_quote))) == "not_english"
    english_with_german_paragraph = ENGLISH + "\n\n" + FOREIGN["de"] + "\n\n" + ENGLISH * 3
    assert screen(article(english_with_german_paragraph)).ok


def test_short_text_is_not_judged_for_language(screen: Screen) -> None:
    a = screen(article("Panzer rollen. Grenze zu."))  # 21 letters: too few to judge
    assert a.ok
    assert a.language is None
    assert any("language not checked" in w for w in a.warnings)


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty(screen: Screen, text: str) -> None:
    a = screen(article(text))
    assert reason(a) == "empty"


def test_too_short_counts_non_space_characters() -> None:
    screen = Screen(Settings(min_chars=20))
    assert reason(screen(article("a b c d e f g h i j k l m n o p"))) == "too_short"  # 16 letters
    assert screen(article("Troops moved in. Shots were fired.")).ok


def test_too_long() -> None:
    screen = Screen(Settings(max_chars=1000))
    a = screen(article(ENGLISH * 10))
    assert reason(a) == "too_long"
    assert "1000" in a.rejected.detail


@pytest.mark.parametrize("text", [ENGLISH + "\x00" + ENGLISH,
                                  "".join(chr(c) for c in range(1, 32) if chr(c) not in "\t\n\r\f\v\x1b") * 20])
def test_binary(screen: Screen, text: str) -> None:
    assert reason(screen(article(text))) == "binary"


@pytest.mark.parametrize("text", ["!!!! ???? .... ---- " * 5, "\U0001F600 " * 100, "1234567890 " * 30,
                                  "\u0301" * 200])
def test_odd_texts_never_raise(screen: Screen, text: str) -> None:
    a = screen(article(text))
    assert isinstance(a, Article)


def test_screen_returns_the_same_article(screen: Screen) -> None:
    a = article(ENGLISH)
    assert screen(a) is a


def test_unknown_language_setting_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        Screen(Settings(language="xx"))


def test_another_wanted_language() -> None:
    screen = Screen(Settings(language="de"))
    assert screen(article(FOREIGN["de"])).language == "de"
    assert reason(screen(article(ENGLISH))) == "not_english"  # the code stays stable
