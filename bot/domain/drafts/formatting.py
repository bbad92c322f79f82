"""Babel formatting in the draft's language: money, dates, numbers, percentages and plural forms.

Arabic follows the client's conventions as far as the draft tells them: the currency names the client's country,
so a Jordanian dinar amount is written the way Babel's ar_JO locale writes it, and the draft's dates use the
month names of that country (كانون الأول in the Levant and Iraq, ديسمبر in Egypt and the Gulf, دجنبر in Morocco).
Without a regional currency the plain "ar" locale applies. Digits stay Latin (CLDR's "latn" system) everywhere:
they are what clients' invoicing tools use and they survive copy-paste into any mail client. A currency whose
Arabic CLDR symbol is Latin ("US$", "RUB", "UK£") is written out by name ("1,200.00 دولار أمريكي"), which is how an
Arabic letter names foreign money. Babel keeps its right-to-left mark in front of amounts so the currency stays on
the correct side.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent, get_currency_symbol

BABEL_LOCALES: dict[str, str] = {"en": "en", "ar": "ar", "fi": "fi_FI", "ru": "ru_RU"}
NUMBER_PLACEHOLDER = "{n}"


# The Arab countries' own currencies -> the Babel locale of that country (separators, month names).
ARABIC_REGIONS: dict[str, str] = {
    "AED": "ar_AE",
    "BHD": "ar_BH",
    "DZD": "ar_DZ",
    "EGP": "ar_EG",
    "IQD": "ar_IQ",
    "JOD": "ar_JO",
    "KWD": "ar_KW",
    "LBP": "ar_LB",
    "LYD": "ar_LY",
    "MAD": "ar_MA",
    "OMR": "ar_OM",
    "QAR": "ar_QA",
    "SAR": "ar_SA",
    "SDG": "ar_SD",
    "SYP": "ar_SY",
    "TND": "ar_TN",
    "YER": "ar_YE",
}
_LATIN = re.compile(r"[A-Za-z]")


def babel_locale(lang: str, currency: str | None = None) -> str:
    """The Babel locale drafts in `lang` are formatted with (in Arabic, the client's country when known)."""
    if lang == "ar" and currency:
        return ARABIC_REGIONS.get(currency.upper(), BABEL_LOCALES[lang])
    return BABEL_LOCALES[lang]


def money(amount: Decimal, currency: str, lang: str) -> str:
    """An amount with its currency as the language writes it: en "€1,200.00", fi "1 200,00 €",
    ar "‏1,200.00 ر.س.‏" and "1,200.00 دولار أمريكي" (never a Latin symbol inside Arabic)."""
    locale = babel_locale(lang, currency)
    if lang == "ar" and _LATIN.search(get_currency_symbol(currency, locale=locale)):
        return format_currency(amount, currency, locale=locale, format_type="name", numbering_system="latn")
    return format_currency(amount, currency, locale=locale, numbering_system="latn")


def long_date(value: date, lang: str, currency: str | None = None) -> str:
    """A date spelled out: en "December 1, 2026", fi "1. joulukuuta 2026", ru "1 декабря 2026 г.",
    ar "1 ديسمبر 2026" (or "1 كانون الأول 2026" for a Levantine client)."""
    return format_date(value, format="long", locale=babel_locale(lang, currency))


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
