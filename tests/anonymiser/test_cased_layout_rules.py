"""Eighth-pass cased rules, each alone: the fields of a testimonial's signature and of a list item's head."""

from __future__ import annotations

import pytest

from parley.domain.anonymiser.cased import CasedFinder, bodies
from parley.domain.anonymiser.cased.signatures import list_item_heads, signature_fields
from parley.domain.anonymiser.lexicon import load_lexicon


def _finder(lang: str) -> CasedFinder:
    return CasedFinder(load_lexicon(lang))


def _typed(found, text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.type) for m in found]


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [
        (
            '"Sorted it in a fortnight."\n— Orla B., Director, Saltmarsh Pottery (Kinsale)',
            "en",
            [("Orla B.", "person"), ("Saltmarsh Pottery", "org"), ("Kinsale", "place")],
        ),
        (
            "”Aina ajallaan.” – T. Tuomela, Tuomelan tila, Ypäjä",
            "fi",
            [("T. Tuomela", "person"), ("Tuomelan tila", "org"), ("Ypäjä", "place")],
        ),
        ("Good point.\n— Managing Director, Head Office", "en", []),
        ("It was — Monday, Tuesday and then nothing", "en", []),
    ],
)
def test_signature_fields(text: str, lang: str, found: list[tuple[str, str]]):
    assert _typed(signature_fields(_finder(lang), text), text) == found


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [
        (
            "Suositellut:\n- Tilipalvelu Haapala, Seinäjoki (kysy Merjaa)",
            "fi",
            [("Tilipalvelu Haapala", "org"), ("Seinäjoki", "place")],
        ),
        (
            "- Laskentatoimisto Kuusi Ky / Raimo Tiainen, 06 414 2210",
            "fi",
            [("Laskentatoimisto Kuusi Ky", "org"), ("Raimo Tiainen", "person")],
        ),
        ("1. Priya Nandakumar – ex-HMRC, now independent", "en", [("Priya Nandakumar", "person")]),
        ("Tips:\n- Invoice template, free\n1. Ask for a deposit, always", "en", []),
    ],
)
def test_list_item_heads(text: str, lang: str, found: list[tuple[str, str]]):
    assert _typed(list_item_heads(_finder(lang), text), text) == found


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [
        ("Kanta-Hämeen käräjäoikeus hylkäsi kanteen.", "fi", ["Kanta-Hämeen käräjäoikeus"]),
        ("Asia on nyt Vaasan hovioikeudessa.", "fi", ["Vaasan hovioikeudessa"]),
        ("Oikeus on asian puolella, käräjäoikeus ei.", "fi", []),
        ("Ленинский районный суд взыскал долг.", "ru", ["Ленинский районный суд"]),
        ("Благодарим Тверскую городскую библиотеку за фото.", "ru", ["Тверскую городскую библиотеку"]),
        ("Подала в районный суд и жду.", "ru", []),
        ("Монтировал для Пятого канала.", "ru", ["Пятого канала"]),
        ("She was a producer at Channel 4 for years.", "en", ["Channel 4"]),
        ("ollaan tunnettu Kalevan kuorosta asti", "fi", ["Kalevan kuorosta"]),
        ("Postin seurannassa näkyy, että se tuli.", "fi", []),
        ("Suomen kuorot ovat hyviä.", "fi", []),
        ("Гильдия иллюстраторов Урала объявила конкурс.", "ru", ["Гильдия иллюстраторов Урала"]),
    ],
)
def test_public_bodies(text: str, lang: str, found: list[str]):
    countries = load_lexicon(lang).countries
    assert [text[m.start : m.end] for m in bodies.public_bodies(text, lang, countries)] == found


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [
        ("Priya Nandakumar – ex-HMRC, now independent.", "en", [("HMRC", "org")]),
        ("He is ex-Soviet, now a plumber.", "en", []),
        ("Гурко — бывший арт-директор Озона, теперь консультант.", "ru", [("Озона", "org")]),
    ],
)
def test_former_employers(text: str, lang: str, found: list[tuple[str, str]]):
    assert _typed(bodies.former_employers(_finder(lang), text), text) == found


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("She said it was fine. My sister shona says ignore it.", "en", "shona"),
        ("the client was awful. my mate cillian says walk away.", "en", "cillian"),
        ("mulla sama juttu. sit sen isä erkki sano et ei ne oo tilannu mitään.", "fi", "erkki"),
        ("короче, её брат тимофей сказал что денег не будет.", "ru", "тимофей"),
    ],
)
def test_lower_case_name_after_kin(text: str, lang: str, name: str):
    found = [text[m.start : m.end] for m in _finder(lang).find(text, [])]
    assert name in found


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [
        ("Претензию отправил на почту.", "ru", []),
        ("Госпошлину вернули вместе с долгом.", "ru", []),
        ("Мелания попросила скидку.", "ru", ["Мелания"]),
        ("Maksanko kahteen kertaan? Mies sanoo et maksetaan vaan.", "fi", []),
        ("Brannagh replied at midnight.", "en", ["Brannagh"]),
    ],
)
def test_sentence_start_everyday_word_is_no_name(text: str, lang: str, found: list[str]):
    assert [text[m.start : m.end] for m in _finder(lang).find(text, [])] == found


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [
        (
            "Rautakauppa Kettunen Iisalmessa tilasi videon.",
            "fi",
            [("Rautakauppa Kettunen", "org"), ("Iisalmessa", "place")],
        ),
        ("Asiakas Kettunen ei maksanut.", "fi", [("Kettunen", "person")]),
        ("Работают под брендом Лесная Поляна, сайт есть.", "ru", [("Лесная Поляна", "org")]),
        ("Заказчик — НПП «Сигма-Т», главный инженер молчит.", "ru", [("НПП «Сигма-Т»", "org")]),
    ],
)
def test_kind_or_legal_form_before_a_name(text: str, lang: str, found: list[tuple[str, str]]):
    assert _typed(_finder(lang).find(text, []), text) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [("my Eircode is H91 PX3C and the door", [("H91 PX3C", "place")]), ("the T14 GEN2 model", [])],
)
def test_eircode(text: str, found: list[tuple[str, str]], anon):
    assert [(text[s.start : s.end], s.type) for s in anon.find(text, "en")] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("the wedding gig. couple were maisie and kofi. it was october, maisie said no.", ["maisie", "kofi", "maisie"]),
        ("we sold bread and kofi.", ["kofi"]),
    ],
)
def test_lower_case_word_paired_with_a_name(text: str, found: list[str]):
    assert [text[m.start : m.end] for m in _finder("en").find(text, [])] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("В Оренбурге Ленинский районный суд взыскал долг.", ["Оренбурге", "Ленинский районный суд"]),
        ("Спасибо. Благодарим Тверскую городскую библиотеку.", ["Тверскую городскую библиотеку"]),
    ],
)
def test_a_run_into_a_body_keeps_its_place(text: str, found: list[str]):
    assert [text[m.start : m.end] for m in _finder("ru").find(text, [])] == found


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [
        ("у них даже ООО нет, просто надпись на газели", "ru", []),
        ("«Чётко, быстро, по делу». — Вадим Рогов", "ru", ["Вадим Рогов"]),
        ("Работал в «Рога, Копыта и Ко» два года.", "ru", ["Рога, Копыта и Ко"]),
    ],
)
def test_no_name_in_a_legal_form_alone_or_listed_praise(text: str, lang: str, found: list[str]):
    assert [text[m.start : m.end] for m in _finder(lang).find(text, [])] == found


def test_a_bar_opens_a_field_of_a_credit_line():
    text = "Photos: Maren Solvik | Styling: Adaeze Nwosu | Hair & make-up: Perrin Hale | Location courtesy of the mill"
    assert [text[m.start : m.end] for m in _finder("en").find(text, [])] == [
        "Maren Solvik",
        "Adaeze Nwosu",
        "Perrin Hale",
    ]
