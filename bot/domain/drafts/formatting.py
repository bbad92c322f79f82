"""Babel formatting in the draft's language: money, dates, numbers, percentages and plural forms.

Arabic uses Babel's default for the plain "ar" locale, which in CLDR (Babel 2.18) is Latin digits with the
Arabic separators of Modern Standard Arabic business text: "‏1,200.00 €" and "1 ديسمبر 2026". Latin digits are
what Gulf and Maghreb clients and invoicing tools use, and they survive copy-paste into any mail client; Babel
keeps its right-to-left mark in front of amounts so the currency stays on the correct side.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

BABEL_LOCALES: dict[str, str] = {"en": "en", "ar": "ar", "fi": "fi_FI", "ru": "ru_RU"}
NUMBER_PLACEHOLDER = "{n}"


def babel_locale(lang: str) -> str:
    """The Babel locale drafts in `lang` are formatted with."""
    return BABEL_LOCALES[lang]


def money(amount: Decimal, currency: str, lang: str) -> str:
    """An amount with its currency as the language writes it: en "€1,200.00", fi "1 200,00 €"."""
    return format_currency(amount, currency, locale=babel_locale(lang))


def long_date(value: date, lang: str) -> str:
    """A date spelled out: en "December 1, 2026", fi "1. joulukuuta 2026", ru "1 декабря 2026 г."."""
    return format_date(value, format="long", locale=babel_locale(lang))


def number(value: int | Decimal, lang: str) -> str:
    """A number with the language's digits and grouping."""
    return format_decimal(value, locale=babel_locale(lang))


def percent(value: int | Decimal, lang: str) -> str:
    """A whole percentage: en "50%", fi and ru "50 %"."""
    return format_percent(Decimal(value) / 100, locale=babel_locale(lang))


def plural_category(count: int, lang: str) -> str:
    """The CLDR plural category of `count` in `lang` (ar: zero/one/two/few/many/other; ru: one/few/many/other)."""
    return Locale.parse(babel_locale(lang)).plural_form(count)


def make_plural(lang: str) -> Callable[..., str]:
    """A template helper: `plural(n, one="{n} правку", few="{n} правки", many="{n} правок")`.

    Each form is a whole phrase pre-written for the sentence it sits in (case and agreement included);
    `{n}` is replaced by the formatted number. A form missing for the category `n` needs is a template bug and
    raises, so tests catch it instead of a member seeing the wrong grammar.
    """

    def plural(count: int, **forms: str) -> str:
        category = plural_category(count, lang)
        if category not in forms:
            raise ValueError(f"plural form {category!r} missing for {count} in {lang}")
        return forms[category].replace(NUMBER_PLACEHOLDER, number(count, lang))

    return plural
