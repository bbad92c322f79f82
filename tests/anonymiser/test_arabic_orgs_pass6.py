"""The sixth Arabic pass on companies: each new predicate alone on its docstring's example, then end to end."""

from __future__ import annotations

import pytest

from parley.domain.anonymiser import Anonymiser

from .conftest import arabic_index, arabic_tokens, removed_ar


@pytest.mark.parametrize(
    ("text", "business"),
    [
        ("لمحل أدوات منزلية في الحي اسمه دار الزين", True),
        ("عندها مشروع حلويات بيتي اسمه ورد", True),
        ("كلمت صاحب المحل اسمه خالد", False),
        ("المحل كان مقفول. ابن الجيران اسمه خالد", False),
    ],
)
def test_business_before_name_is(anon: Anonymiser, text: str, business: bool):
    finder = anon._arabic
    assert finder._business_before(text, arabic_tokens(text), arabic_index(text, "اسمه")) is business


@pytest.mark.parametrize(
    ("text", "activity", "last"),
    [
        ("الريحان للطباعة والتغليف في السوق", "للطباعة", "والتغليف"),
        ("البدري للأدوات الكهربائية على الشارع", "للأدوات", "الكهربائية"),
        ("الريحان للطباعة الأسبوع الماضي", "للطباعة", "للطباعة"),
        ("الريحان للطباعة في السوق", "للطباعة", "للطباعة"),
    ],
)
def test_activity_tail(anon: Anonymiser, text: str, activity: str, last: str):
    toks = arabic_tokens(text)
    end = anon._arabic._activity_tail(text, toks, arabic_index(text, activity), [False] * len(toks))
    assert toks[end].text == last


@pytest.mark.parametrize(
    ("text", "name", "last"),
    [
        ("المكتب اسمه العطار ومشاركوه وهو صغير", "العطار", "ومشاركوه"),
        ("المكتب اسمه السالم وإخوانه في البلد", "السالم", "وإخوانه"),
        ("المحل اسمه الرشيد وابنه بيشتغل فيه", "الرشيد", "الرشيد"),
    ],
)
def test_legal_tail(anon: Anonymiser, text: str, name: str, last: str):
    toks = arabic_tokens(text)
    end = anon._arabic._legal_tail(text, toks, arabic_index(text, name), [False] * len(toks))
    assert toks[end].text == last


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("اشتغلت مع مطبعة الجمان للطباعة والتغليف في السوق.", "الجمان للطباعة والتغليف"),
        ("المحل اسمه الصافي للأدوات الكهربائية على الشارع الرئيسي.", "الصافي للأدوات الكهربائية"),
        ("عندها مشروع حلويات بيتي اسمه سمسم ولوز والاتفاق كان واضح.", "سمسم ولوز"),
    ],
)
def test_companies_end_to_end(anon: Anonymiser, text: str, org: str):
    assert removed_ar(anon, text).get(org) == "org"


def test_owner_after_business_stays_a_person(anon: Anonymiser):
    assert removed_ar(anon, "كلمت صاحب المحل اسمه خالد وقال لي ارجع بكرة.") == {"خالد": "person"}
