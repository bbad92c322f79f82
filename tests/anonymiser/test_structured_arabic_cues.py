"""Arabic register numbers and the dialects' possessive between a cue and its number (session 6)."""

from __future__ import annotations

import pytest

from parley.domain.anonymiser import Anonymiser


@pytest.fixture(scope="module")
def anon() -> Anonymiser:
    return Anonymiser.load()


def numbers(anon: Anonymiser, text: str) -> list[str]:
    return [text[s.start : s.end] for s in anon.anonymise(text, lang="ar").spans if s.type == "number"]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("السجل التجاري 60417 باسم أخوه", "60417"),  # the register without "number"
        ("رقم السجل التجاري ٣٨٢٠٩ مكتوب على الفاتورة", "٣٨٢٠٩"),
        ("السجل التجاري بتاعهم ٥١٧٧٢ سجل الجيزة", "٥١٧٧٢"),  # Egyptian possessive between cue and number
        ("رقم الفاتورة تبعهم 88213 وما حدا رد", "88213"),  # Levantine
        ("رقم الطلب حقهم 40917 للحين معلق", "40917"),  # Gulf
    ],
)
def test_a_register_or_a_possessive_before_the_number(anon: Anonymiser, text: str, number: str) -> None:
    assert numbers(anon, text) == [number]


@pytest.mark.parametrize(
    "text",
    [
        "المركز التجاري فيه 30 محل وكلها مسكرة",  # a mall's shop count: two digits, no register
        "دفعت 500 ريال حقهم 2024 كله",  # an amount, then a year
    ],
)
def test_no_register_no_number(anon: Anonymiser, text: str) -> None:
    assert numbers(anon, text) == []


def test_a_case_number_goes_with_its_year(anon: Anonymiser) -> None:
    """ "الدعوى رقم ٦٠٣ لسنة ٢٠٢١": the year names the case too; "لسنة كاملة" (for a whole year) is no year."""
    assert numbers(anon, "قيدت الدعوى رقم ٦٠٣ لسنة ٢٠٢١ مدني") == ["٦٠٣ لسنة ٢٠٢١"]
    assert numbers(anon, "استنيت الفاتورة رقم 7714 لسنة كاملة") == ["7714"]
