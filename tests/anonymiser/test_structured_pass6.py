"""The structured rules of the sixth pass, each alone: card tails after an "ending" cue, masked cards, lettered
contract numbers, random receipt codes, the Saudi short address, Latin ids after an Arabic proclitic, register
numbers after "رقم", Finnish compound cues, e-mails with an Arabic top-level domain and handles after "директ"."""

from __future__ import annotations

import pytest

from parley.domain.anonymiser.entities import resolve_overlaps
from parley.domain.anonymiser.lexicon import load_lexicon
from parley.domain.anonymiser.structured import emails, handles, ids, numbers


def _numbers(text: str, lang: str) -> list[str]:
    found = resolve_overlaps(numbers.find_numbers_and_phones(text, load_lexicon(lang)))
    return sorted(text[m.start : m.end] for m in found)


@pytest.mark.parametrize(
    ("text", "tail"),
    [
        ("paid with the card ending 8830", True),
        ("sort code ending 20-44-91", True),
        ("номер заканчивается на 9024", True),
        ("карта на 5536", True),
        ("البطاقة تنتهي بـ 5521", True),
        ("kortilla, jonka numero päättyy 3391", True),
        ("the project ends in 12", False),
        ("ending 40", False),
    ],
)
def test_card_tail_cue(text: str, tail: bool):
    assert ids.card_tail_cue(text, text.rindex(" ") + 1) is tail


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [
        ("Refund went to the card ending 8830.", "en", ["8830"]),
        ("The contract ends in 2026 and the card ending 2027 too.", "en", []),
        ("прислал скрин с картой *4410 и всё", "ru", ["*4410"]),
        ("a card ****6612 that was not his", "en", ["****6612"]),
        ("The project ends in 3 weeks.", "en", []),
    ],
)
def test_card_tails_in_text(text: str, lang: str, found: list[str]):
    assert _numbers(text, lang) == found


@pytest.mark.parametrize(
    ("code", "lettered"), [("ТМ-44/23-ИНФ", True), ("LM-12/07-DSN", True), ("B-52-A", False), ("Wi-Fi", False)]
)
def test_lettered_id_shape(code: str, lettered: bool):
    assert ids.is_lettered_id(code) is lettered


@pytest.mark.parametrize(
    ("tok", "random"), [("204ysc8kf1", True), ("7hq2m9xk4p", True), ("1080p60fps", False), ("h264x265", False)]
)
def test_random_code_shape(tok: str, random: bool):
    assert ids.is_random_code(tok) is random


@pytest.mark.parametrize(("code", "address"), [("HFJA 4127", True), ("RKMA7731", True), ("UEFA 2024", False)])
def test_short_address_shape(code: str, address: bool):
    assert ids.is_short_address(code) is address


def test_short_address_context():
    ar = "العنوان الوطني اللي لقيته HFJA 4127"
    assert ids.short_address_context(ar, ar.index("HFJA"), "ar")
    assert ids.short_address_context("national address: RKMA 7731", 18, "en")
    assert not ids.short_address_context("He paid USDT 1500 upfront.", 8, "en")
    assert _numbers("He paid USDT 1500 upfront.", "en") == []


def test_latin_id_after_arabic_proclitic():
    assert _numbers("الفواتير BSM-114 وBSM-117 معلقة", "ar") == ["BSM-114", "BSM-117"]


def test_register_number_after_raqm():
    text = "السجل التجاري للمؤسسة رقم 70215 بحسب الورقة"
    assert numbers.register_number(text, text.index("70215"), load_lexicon("ar"))
    assert _numbers(text, "ar") == ["70215"]
    assert _numbers("اتصلت على رقم 70215 أمس", "ar") == []


@pytest.mark.parametrize(
    ("word", "cue"),
    [("ylläpitolaskun", True), ("projektitilauksen", True), ("lasku", False), ("ylläpitolaskutus", False)],
)
def test_finnish_compound_cue(word: str, cue: bool):
    assert numbers.compound_cue(word) is cue


def test_email_with_arabic_tld():
    lx = load_lexicon("ar")
    text = "إيميلها noor.studio.designs ات gmail دوت كوم لو أحد يبغى"
    found = emails.find_emails(text, lx, lx.cue("at_words"), lx.cue("dot_words"))
    assert [text[m.start : m.end] for m in found] == ["noor.studio.designs ات gmail دوت كوم"]


def test_handle_after_direct():
    text = "пишите ей в директ lena.nails.odintsovo и спросите"
    found = handles.find_handles(text, load_lexicon("ru"))
    assert "lena.nails.odintsovo" in [text[m.start : m.end] for m in found]
