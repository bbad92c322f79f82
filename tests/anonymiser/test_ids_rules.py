"""The structured rules of the fifth pass, each alone: id shapes no cue announces (structured/ids.py), inflected and
plural number cues, the number sign, usernames without @ and domains with any top-level domain."""

from __future__ import annotations

import pytest

from parley.domain.anonymiser.entities import resolve_overlaps
from parley.domain.anonymiser.lexicon import load_lexicon
from parley.domain.anonymiser.model import Mention
from parley.domain.anonymiser.structured import handles, ids, links, numbers


def _numbers(text: str, lang: str) -> list[str]:
    found = resolve_overlaps(numbers.find_numbers_and_phones(text, load_lexicon(lang)))
    return sorted(text[m.start : m.end] for m in found)


@pytest.mark.parametrize(
    ("code", "vat"), [("GB 412 8837 29", True), ("NO 918 447 302 MVA", True), ("FI12345678", True), ("FI 2024", False)]
)
def test_vat_number_shape(code: str, vat: bool):
    assert ids.is_vat_number(code) is vat


@pytest.mark.parametrize(
    ("code", "plate"), [("А 417 КМ 750", True), ("в123ор77", True), ("А 417", False), ("в 300 км 40", False)]
)
def test_russian_plate_shape(code: str, plate: bool):
    assert ids.is_ru_plate(code) is plate


@pytest.mark.parametrize(
    ("code", "slashed"),
    [("5380/R/41207/23", True), ("INV/2025/0042", True), ("and/or/but", False), ("1920/1080/60", False)],
)
def test_slashed_code_shape(code: str, slashed: bool):
    assert ids.is_slashed_code(code) is slashed


def test_tax_cue_earlier_in_the_sentence():
    en = load_lexicon("en")
    text = "ABN on my invoice was his, 51 824 753 556, so. Then 51 824 753 556"
    assert ids.tax_cue_in_sentence(text, text.index("51"), en)
    assert not ids.tax_cue_in_sentence(text, text.rindex("51"), en)  # another sentence


def test_listed_after_repeats_the_shape():
    fi = load_lexicon("fi")
    text = "Laskujen numerot 4410 ja 4412, yhteensä 1 120 €. Lasku 4410, 15 kertaa"
    first = Mention(17, 21, "number", "4410", 75)
    assert [text[m.start : m.end] for m in ids.listed_after(text, [first], fi)] == ["4412"]
    later = text.rindex("4410")
    assert ids.listed_after(text, [Mention(later, later + 4, "number", "4410", 75)], fi) == []


@pytest.mark.parametrize(
    ("word", "cue"),
    [("laskujen", True), ("накладным", True), ("tilauksesta", True), ("laskutin", False), ("заказчик", False)],
)
def test_inflected_cue(word: str, cue: bool):
    assert numbers.inflected_cue(word) is cue


@pytest.mark.parametrize(
    ("lang", "text", "found"),
    [
        ("fi", "Lähetin laskun nro 2023-118 eilen.", ["nro 2023-118"]),
        ("ru", "Счёт № 47 от 12 сентября висит.", ["№ 47"]),
        ("fi", "Lasku numero 88 odottaa yhä.", ["88"]),
        ("en", "The gallery paid invoices 3318 and 3324 late.", ["3318", "3324"]),
        ("fi", "Rikosilmoituksen numero 5380/R/41207/23 on tässä.", ["5380/R/41207/23"]),
        ("ru", "Номер машины есть — А 417 КМ 750.", ["А 417 КМ 750"]),
        ("en", "VAT reg on their site is GB 412 8837 29 so.", ["GB 412 8837 29"]),
        # Amounts, dates, counts and steps stay.
        ("fi", "Laskutin 1200 ja tilausmäärä 300 kpl.", []),
        ("en", "Steps 1/2/3 and a meeting on 12/05/2024, then 1 200 000 views.", []),
        ("ru", "Заказчик 5000 рублей, договорились на 12 000.", []),
    ],
)
def test_numbers_in_shapes_we_did_not_know(lang: str, text: str, found: list[str]):
    assert _numbers(text, lang) == found


def _handles(text: str, lang: str) -> list[str]:
    return [text[m.start : m.end] for m in resolve_overlaps(handles.find_handles(text, load_lexicon(lang)))]


@pytest.mark.parametrize(
    ("lang", "text", "found"),
    [
        ("en", "refund $1,000 to his brother at reymundo-tx-88. Classic.", ["reymundo-tx-88"]),
        ("fi", "GitHubissa koodi on siirretty tilille nordvisio-dev ilman mun nimeä.", ["nordvisio-dev"]),
        ("ru", "ник на гитхабе dsmirnov-perm, и ему тоже", ["dsmirnov-perm"]),
        ("fi", "Slackissa käyttäjällä niko.osterberg tosi rumasti.", ["niko.osterberg"]),
        ("fi", "Ostin tulostimen myyjältä kaasujalka77, nouto Keravalta.", ["kaasujalka77"]),
        ("en", "he posted about me on twitter, he is fionnfixesit there.", ["fionnfixesit"]),
        ("ar", "كتب عني بوست على صفحته ironzone.nasr أعمل إيه", ["ironzone.nasr"]),
        # Words, models and files stay.
        ("en", "a follow-up about gpt-4-turbo and covid-19 on their site", []),
        ("en", "he posted on twitter, he is unprofessional there.", []),
    ],
)
def test_usernames_without_at(lang: str, text: str, found: list[str]):
    assert _handles(text, lang) == found


def test_username_predicates_alone():
    en = load_lexicon("en")
    assert handles._shaped_username("reymundo-tx-88", en)
    assert not handles._shaped_username("gpt-4-turbo", en)
    assert handles._unknown_hyphenated("dsmirnov-perm", en)
    assert not handles._unknown_hyphenated("follow-up", en)
    assert handles._username_in_arabic("abujamil.decor", load_lexicon("ar"))
    assert not handles._username_in_arabic("shop.com", load_lexicon("ar"))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Сайт в проде на neuropick.ai. Почта timur@neuropick.ai.", ["neuropick.ai"]),
        ("jonka sivuilla aaltoniemi.vc on mun ohjeistus", ["aaltoniemi.vc"]),
        ("heidän sivuillaan jarvikylansanomat.ax lukee", ["jarvikylansanomat.ax"]),
        ("attached logo.ai and notes.md", []),
    ],
)
def test_domains_with_any_top_level_domain(text: str, found: list[str]):
    assert [text[m.start : m.end] for m in links.find_urls(text) if m.type == "url"] == found


def test_russian_street_word_starts_a_word():
    from parley.domain.anonymiser.structured import find_addresses

    ru = load_lexicon("ru")
    assert find_addresses("покупатель кинул. Продавцу написала.", ru) == []
    text = "Офис на ул. Ленина, д. 5, кв. 12."
    assert [text[m.start : m.end] for m in resolve_overlaps(find_addresses(text, ru))] == ["ул. Ленина, д. 5, кв. 12"]


def test_seller_and_buyer_need_a_username_shape():
    assert _handles("The buyer unfollowed everyone, the seller reposted it.", "en") == []
    assert _handles("Ostin myyjältä kaasujalka77 tulostimen.", "fi") == ["kaasujalka77"]


def test_finnish_word_form_after_a_platform_is_no_username():
    fi = load_lexicon("fi")
    assert handles._finnish_word_form("paskamaista", fi)
    assert not handles._finnish_word_form("tammelandesign", fi)
    assert _handles("Upworkissa tammelandesign ja tiktokissa on paskamaista.", "fi") == ["tammelandesign"]
