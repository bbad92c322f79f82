"""The sixth Arabic pass on companies: each new predicate alone on its docstring's example, then end to end."""

from __future__ import annotations

import pytest

from parley.domain.anonymiser import Anonymiser
from parley.domain.anonymiser.textutil import ARABIC_WORD_RE, tokenize


def _toks(text: str):
    return tokenize(text, ARABIC_WORD_RE)


def _index(text: str, word: str) -> int:
    return next(k for k, t in enumerate(_toks(text)) if t.text == word)


def _removed(anon: Anonymiser, text: str) -> dict[str, str]:
    return {text[s.start : s.end]: s.type for s in anon.find(text, "ar")}


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
    assert finder._business_before(text, _toks(text), _index(text, "اسمه")) is business


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
    toks = _toks(text)
    end = anon._arabic._activity_tail(text, toks, _index(text, activity), [False] * len(toks))
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
    toks = _toks(text)
    end = anon._arabic._legal_tail(text, toks, _index(text, name), [False] * len(toks))
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
    assert _removed(anon, text).get(org) == "org"


def test_owner_after_business_stays_a_person(anon: Anonymiser):
    assert _removed(anon, "كلمت صاحب المحل اسمه خالد وقال لي ارجع بكرة.") == {"خالد": "person"}
