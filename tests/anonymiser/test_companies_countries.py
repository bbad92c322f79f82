"""Big companies as employers, countries as where someone is, lower-case names after a cue: each rule alone."""

from __future__ import annotations

import pytest

from parley.domain.anonymiser import Anonymiser
from parley.domain.anonymiser.cased import moved_before
from parley.domain.anonymiser.countries import is_en_country_written, is_fi_where_case, is_ru_where
from parley.domain.anonymiser.employers import EmployerFinder, is_fi_local_case, is_fi_org_compound


@pytest.mark.parametrize(
    ("lang", "text", "gone", "kept"),
    [
        ("en", "I contracted at Nokia for two years and the lead never paid.", "Nokia", ""),
        ("en", "He found my portfolio on Google and sent a doc in Google Docs.", "", "Google"),
        ("ru", "Работал в Яндексе через подрядчика, тимлид пропал.", "Яндексе", ""),
        ("ru", "Продаю на Озоне свои принты, заказчик пришёл оттуда.", "", "Озоне"),
        ("ru", "Заказал 50 карточек для Wildberries и пропал.", "", "Wildberries"),
        ("en", "Did contract QA for NVT through a staffing firm.", "NVT", "QA"),
        ("fi", "Tein Nokialle testejä konsulttitalon kautta.", "Nokialle", ""),
        ("fi", "Kesko-ketjun kauppias ei maksanut julisteita.", "Kesko", ""),
        ("fi", "Kävin Alkossa ostamassa lahjan asiakkaalle.", "", "Alkossa"),
        ("ar", "اشتغلت مع Careem سنة كاملة عن طريق شركة وسيطة.", "Careem", ""),
    ],
)
def test_employer_brands(anon: Anonymiser, lang: str, text: str, gone: str, kept: str) -> None:
    out = anon.anonymise(text, lang).text
    assert not gone or gone not in out, out
    assert not kept or kept in out, out


def test_employer_predicates() -> None:
    finder = EmployerFinder()
    assert finder.brand_of("Nokialle", "fi") == "nokia" and finder.brand_of("Яндексе", "ru") == "яндекс"
    assert finder.brand_of("Figma", "en") == ""
    assert is_fi_local_case("Woltilla", "wolt") and not is_fi_local_case("Nokia", "nokia")
    assert is_fi_org_compound("Kesko-ketjun") and not is_fi_org_compound("Teams-kokous")
    assert EmployerFinder.product_follows("for Google Docs", len("for Google"))


@pytest.mark.parametrize(
    ("lang", "text", "gone", "kept"),
    [
        ("en", "A client from Portugal paid late; the Dutch agency never did.", "Portugal", "Dutch"),
        ("en", "She moved to the United States and stopped answering.", "United States", ""),
        ("ru", "Заказчик из Казахстана пропал после сдачи.", "Казахстана", ""),
        ("fi", "Asiakas Virosta ei maksanut koskaan.", "Virosta", ""),
        ("fi", "Suomi on kallis maa freelancerille.", "", "Suomi"),
    ],
)
def test_countries_where_someone_is(anon: Anonymiser, lang: str, text: str, gone: str, kept: str) -> None:
    out = anon.anonymise(text, lang).text
    assert not gone or gone not in out, out
    assert not kept or kept in out, out


def test_country_predicates() -> None:
    assert is_en_country_written("Chad") and not is_en_country_written("chad")
    assert is_ru_where("из") and not is_ru_where("про")
    assert is_fi_where_case("Virosta", "viro") and not is_fi_where_case("Viro", "viro")


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        ("ok so long story. worked 3 months for jurgen and he never paid. lesson learned", "jurgen", ""),
        ("moved to philly last year. owner deshawn paid in exposure lol", "deshawn", ""),
        ("so yeah. it went to voicemail again. classic", "", "voicemail"),
    ],
)
def test_lowercase_chat_after_a_cue(anon: Anonymiser, text: str, gone: str, kept: str) -> None:
    out = anon.anonymise(text, "en").text
    assert not gone or gone not in out, out
    assert not kept or kept in out, out
    assert moved_before("she moved ", len("she moved ")) and not moved_before("it went ", len("it went "))


@pytest.mark.parametrize(
    ("lang", "text", "gone"),
    [
        ("en", "bro just search mapleleafprints on etsy, thats the shop that stole my designs", "mapleleafprints"),
        ("ru", "Вот его страница, счёт № 45-К так и не оплачен.", "45-К"),
        ("en", "Her Fiverr name is tamsinbuilds if you want to check.", "tamsinbuilds"),
        ("en", "found the client's linkedin: wyatt-harlow-84b2. Calls himself a CEO.", "wyatt-harlow-84b2"),
    ],
)
def test_structured_without_at_or_scheme(anon: Anonymiser, lang: str, text: str, gone: str) -> None:
    assert gone not in anon.anonymise(text, lang).text


def test_a_word_before_on_platform_that_is_a_word_stays(anon: Anonymiser) -> None:
    assert "something" in anon.anonymise("I posted something on etsy and sold nothing.", "en").text


def test_finnish_place_adjective() -> None:
    from parley.domain.anonymiser.countries import fi_place_of_adjective

    places = frozenset({"espoo", "lahti", "rovaniemi"})
    assert fi_place_of_adjective("espoolaiselle", places) == "espoo"
    assert fi_place_of_adjective("lahtelainen", places) == "lahti"
    assert fi_place_of_adjective("rovaniemeläisen", places) == "rovaniemi"
    assert fi_place_of_adjective("suomalainen", places) == ""  # a nationality, no town
    assert fi_place_of_adjective("ulkomaalaiselta", places) == ""


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        ("Worst Client Of The Year award goes to a guy called Declan Furrow.", "Client Of The Year", "Furrow"),
        ("Our Creative Director, Anwen Price, signed it off.", "Creative Director", "Anwen Price"),
        ("The Head of Growth left and Priya Natarajan took over.", "Head of Growth", "Natarajan"),
    ],
)
def test_title_case_phrases_and_job_titles_are_not_names(anon: Anonymiser, text: str, kept: str, gone: str) -> None:
    out = anon.anonymise(text, "en").text
    assert kept in out and gone not in out, out
