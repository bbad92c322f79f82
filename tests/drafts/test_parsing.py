"""Amounts, dates and counts parse the way members in each language type them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from babel.numbers import format_currency, format_decimal
from hypothesis import given
from hypothesis import strategies as st

from parley.domain.drafts import DraftInputError, parse_amount, parse_currency, parse_date, parse_int
from parley.domain.drafts.formatting import BABEL_LOCALES


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("1200", "en", "1200"),
        ("1 200,50", "fi", "1200.50"),
        ("1 200,50", "ru", "1200.50"),
        ("1,200.50", "fi", "1200.50"),
        ("1.200,50", "ru", "1200.50"),
        ("1,200", "en", "1200"),
        ("1,200", "ru", "1.200"),  # a lone comma is the decimal sign in Russian and Finnish
        ("1.200", "ru", "1200"),
        ("1.200", "en", "1.200"),
        ("0,500", "en", "0.500"),
        ("€1200", "en", "1200"),
        ("1200 €", "fi", "1200"),
        ("EUR 1,200.00", "en", "1200.00"),
        ("US$ 1,200", "en", "1200"),
        ("1 200 руб.", "ru", "1200"),
        ("1\u00a0200,00\u00a0€", "fi", "1200.00"),
        ("\u200f1,200.00\u00a0€", "ar", "1200.00"),
        ("١٢٠٠", "ar", "1200"),
        ("١٬٢٠٠٫٥٠", "ar", "1200.50"),
        ("۱۲۰۰", "ar", "1200"),
        ("1200 ر.س", "ar", "1200"),
        ("1 234 567,89", "ru", "1234567.89"),
        ("1'200.50", "en", "1200.50"),
        ("99.9", "en", "99.9"),
    ],
)
def test_parse_amount_accepts(text, lang, expected):
    assert parse_amount(text, lang) == Decimal(expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "12abc34",
        "-5",
        "1.2.3,4",
        "1,2,3",
        "12 34",
        "1,20,000",
        "1.2345",
        "€",
        "1e5",
        "1/2",
        "10000000000000",
    ],
)
def test_parse_amount_rejects(text):
    with pytest.raises(DraftInputError) as caught:
        parse_amount(text, "en")
    assert caught.value.code == "invalid_amount"


@given(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999.99"), places=2),
    st.sampled_from(list(BABEL_LOCALES)),
)
def test_what_babel_prints_parses_back(amount, lang):
    locale = BABEL_LOCALES[lang]
    assert parse_amount(format_decimal(amount, format="#,##0.00", locale=locale), lang) == amount
    assert parse_amount(format_currency(amount, "EUR", locale=locale), lang) == amount


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("2026-12-01", "en"),
        ("2026/12/01", "ru"),
        ("1.12.2026", "fi"),
        ("01.12.2026", "ru"),
        ("1.12.26", "fi"),
        ("1. 12. 2026", "fi"),
        ("1/12/2026", "ar"),
        ("01/12/2026", "ru"),
        ("1 Dec 2026", "en"),
        ("Dec 1, 2026", "en"),
        ("December 1st, 2026", "en"),
        ("1 December 2026", "fi"),
        ("1. joulukuuta 2026", "fi"),
        ("1 joulukuu 2026", "fi"),
        ("1 декабря 2026 г.", "ru"),
        ("1 дек. 2026", "ru"),
        ("1 декабря 2026\u202fг.", "ru"),
        ("١ ديسمبر ٢٠٢٦", "ar"),
        ("1 ديسمبر، 2026", "ar"),
        ("1 كانون الأول 2026", "ar"),
        ("٢٠٢٦-١٢-٠١", "ar"),
    ],
)
def test_parse_date_accepts(text, lang):
    assert parse_date(text, lang) == date(2026, 12, 1)


def test_english_slashes_only_when_unambiguous():
    assert parse_date("13/01/2026", "en") == date(2026, 1, 13)
    assert parse_date("01/13/2026", "en") == date(2026, 1, 13)
    assert parse_date("05/05/2026", "en") == date(2026, 5, 5)
    with pytest.raises(DraftInputError) as caught:
        parse_date("12/01/2026", "en")
    assert caught.value.code == "ambiguous_date"
    assert parse_date("12/01/2026", "ru") == date(2026, 1, 12)  # day first everywhere else


@pytest.mark.parametrize(
    "text", ["", "soon", "31.2.2026", "2026-13-01", "1 Smarch 2026", "1 Smarch", "32.12.", "32/01/2026", "1.12.1850"]
)
def test_parse_date_rejects(text):
    with pytest.raises(DraftInputError) as caught:
        parse_date(text, "fi")
    assert caught.value.code == "invalid_date"


def test_parse_int_and_currency():
    assert parse_int(" ٢١ ") == 21
    assert parse_int("1 000") == 1000
    with pytest.raises(DraftInputError):
        parse_int("2.5")
    assert parse_currency(" eur ") == "EUR"
    assert parse_currency("sar") == "SAR"
    for bad in ("€", "EURO", "ABC", ""):
        with pytest.raises(DraftInputError):
            parse_currency(bad)
