"""Parse what a member types into draft fields: amounts, dates, counts and currency codes, in any of our languages."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache

from babel.dates import get_month_names
from babel.numbers import list_currencies

from parley.domain.drafts.errors import (
    AMBIGUOUS_DATE,
    INVALID_AMOUNT,
    INVALID_CURRENCY,
    INVALID_DATE,
    INVALID_NUMBER,
    DraftInputError,
)

# Arabic-Indic (U+0660..) and Eastern Arabic-Indic / Persian (U+06F0..) digits, plus Arabic separators.
_DIGITS = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")}
_DIGITS.update({ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")})
_DIGITS.update({ord("٫"): ".", ord("٬"): ",", ord("،"): ",", ord("−"): "-"})
# Direction marks Babel and keyboards put around numbers.
_MARKS = re.compile("[\u200e\u200f\u061c\u200b\u2066-\u2069\u202a-\u202e]")
_GROUP_SPACES = "\u0020\u00a0\u202f\u2009\u2007'’"  # typed or Babel-made grouping spaces, Swiss apostrophe

# Words and signs members write around an amount; ISO codes and currency symbols are handled generically.
_CURRENCY_WORDS = {
    "руб",
    "р",
    "евро",
    "долл",
    "дол",
    "euro",
    "euroa",
    "e",
    "eur",
    "usd",
    "dollars",
    "dollar",
    "bucks",
    "us",
    "يورو",
    "دولار",
    "ريال",
    "جنيه",
    "درهم",
    "دينار",
    "ر.س",
    "د.إ",
    "ج.م",
    "د.ك",
    "ر.ق",
}
_AMOUNT_CORE = re.compile(r"^[+]?(?P<num>[0-9][0-9.,\u0020\u00a0\u202f\u2009\u2007'’]*[0-9]|[0-9])$")
MAX_AMOUNT = Decimal("1000000000000")


def normalise_digits(text: str) -> str:
    """Western digits for Arabic-Indic ones, Arabic separators as '.' and ',', direction marks removed."""
    return _MARKS.sub("", unicodedata.normalize("NFKC", text).translate(_DIGITS))


@cache
def _known_currencies() -> frozenset[str]:
    return frozenset(code.upper() for code in list_currencies())


def parse_currency(text: str) -> str:
    """A 3-letter ISO 4217 code Babel knows, upper-cased; DraftInputError otherwise."""
    code = normalise_digits(text).strip().upper()
    if len(code) != 3 or code not in _known_currencies():
        raise DraftInputError("currency", INVALID_CURRENCY)
    return code


def _strip_currency(text: str) -> str:
    """Remove a currency sign, ISO code or common currency word before or after the number."""
    text = text.strip()
    for _ in range(2):  # a sign and a word, e.g. "US$ 1200" or "1200 € EUR"
        match = re.match(r"^([^\d\s+]+)\s*", text)
        if match and _is_currency_token(match.group(1)):
            text = text[match.end() :]
        match = re.search(r"\s*([^\d\s]+)$", text)
        if match and _is_currency_token(match.group(1)):
            text = text[: match.start()]
    return text.strip()


def _is_currency_token(token: str) -> bool:
    token = token.strip().rstrip(".")
    if not token:
        return False
    if all(unicodedata.category(c) == "Sc" or c in ".$" for c in token):
        return True
    letters = token.strip("$€£¥₽₺₹")
    if not letters:
        return True
    return letters.upper() in _known_currencies() or letters.lower() in _CURRENCY_WORDS


def _groups_ok(parts: list[str]) -> bool:
    """Thousands grouping: a first group of 1-3 digits, then groups of exactly three."""
    return 1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])


def parse_amount(text: str, lang: str) -> Decimal:
    """Parse a money amount as typed: '1200', '1 200,50', '1,200.50', '€1200', '١٢٠٠٫٥٠'.

    A single separator followed by exactly three digits is ambiguous ('1,200'): it is read the way `lang` writes
    numbers (grouping in en/ar, decimal comma in fi/ru). Negative amounts and anything else raise DraftInputError.
    """
    raw = _strip_currency(normalise_digits(text))
    match = _AMOUNT_CORE.match(raw)
    if not match:
        raise DraftInputError("amount", INVALID_AMOUNT)
    number = match.group("num")
    for space in _GROUP_SPACES:
        number = number.replace(space, " ")
    decimal_sep = _decimal_separator(number, lang)
    if decimal_sep:
        int_part, frac = number.rsplit(decimal_sep, 1)
        if not frac.isdigit() or len(frac) > 3:
            raise DraftInputError("amount", INVALID_AMOUNT)
    else:
        int_part, frac = number, ""
    groups = re.split(r"[ .,]", int_part)
    if len(groups) > 1:
        used = set(re.findall(r"[ .,]", int_part))
        if len(used) != 1 or not _groups_ok(groups):
            raise DraftInputError("amount", INVALID_AMOUNT)
    digits = "".join(groups)
    if not digits.isdigit():
        raise DraftInputError("amount", INVALID_AMOUNT)
    try:
        value = Decimal(f"{digits}.{frac}" if frac else digits)
    except InvalidOperation as error:  # pragma: no cover - the regexes above only let digits through
        raise DraftInputError("amount", INVALID_AMOUNT) from error
    if value >= MAX_AMOUNT:
        raise DraftInputError("amount", INVALID_AMOUNT)
    return value


def _decimal_separator(number: str, lang: str) -> str | None:
    """Which of '.' and ',' (if any) is the decimal separator in a number made of digits and separators."""
    marks = [c for c in number if c in ".,"]
    if not marks:
        return None
    last = marks[-1]
    if marks.count(last) > 1:
        return None  # "1.200.000": repeated, so grouping
    if len(set(marks)) > 1 or " " in number:
        return last  # "1.200,50", "1,200.50", "1 200,50": the last different separator is the decimal one
    tail = number.rsplit(last, 1)[1]
    if len(tail) != 3:
        return last  # "1200,5", "99.90"
    head = number.rsplit(last, 1)[0]
    if head == "0":
        return last  # "0,500" can only be a fraction
    comma_is_decimal = lang in {"fi", "ru"}
    return last if (last == ",") == comma_is_decimal else None


def parse_int(text: str) -> int:
    """A whole number as typed, Arabic-Indic digits and grouping spaces allowed; DraftInputError otherwise."""
    raw = normalise_digits(text).strip()
    for space in _GROUP_SPACES:
        raw = raw.replace(space, "")
    if not raw.isdigit():
        raise DraftInputError("number", INVALID_NUMBER)
    return int(raw)


# ---- dates ----

_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_DOTTED = re.compile(r"^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{2}|\d{4})\.?$")
_SLASHED = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})$")
_WORDY = re.compile(r"^(?:(\d{1,2})\.?\s*([^\d]+?)\s*(\d{4})|([^\d]+?)\s*(\d{1,2})(?:st|nd|rd|th)?\s*,?\s*(\d{4}))$")
# The same without a year, as people write dates in a letter: "1 ноября", "3 November", "1. joulukuuta",
# "November 3rd", "١ نوفمبر"; and numeric day-month "1.11.", "1.11", "1/11".
_WORDY_NO_YEAR = re.compile(r"^(?:(\d{1,2})\.?\s*([^\d]+?)|([^\d]+?)\s*(\d{1,2})(?:st|nd|rd|th|\.)?)$")
_DOTTED_NO_YEAR = re.compile(r"^(\d{1,2})\.\s?(\d{1,2})\.?$")
_SLASHED_NO_YEAR = re.compile(r"^(\d{1,2})/(\d{1,2})$")
_YEAR_SUFFIX = re.compile(r"\s*(?:г\.?|года|год|vuonna|م\.?|ميلادي)$")
_ARABIC_MONTHS = {
    "كانون الثاني": 1,
    "شباط": 2,
    "آذار": 3,
    "نيسان": 4,
    "أيار": 5,
    "حزيران": 6,
    "تموز": 7,
    "آب": 8,
    "أيلول": 9,
    "تشرين الأول": 10,
    "تشرين الثاني": 11,
    "كانون الأول": 12,
    "إبريل": 4,
    "ابريل": 4,
    "يونيه": 6,
    "يوليه": 7,
    "اغسطس": 8,
    "اكتوبر": 10,
}
MIN_YEAR, MAX_YEAR = 1990, 2100


@cache
def _month_names(lang: str) -> dict[str, int]:
    """Month names a member may type in `lang` (wide and short, both grammatical forms) plus English ones."""
    names: dict[str, int] = {}
    for locale in dict.fromkeys(("en", lang)):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale=locale).items():
                    names[_month_key(name)] = number
                    if locale.startswith("fi") and name.endswith("kuuta"):
                        names[_month_key(name[:-2] + "n")] = number  # genitive: "marraskuun 3."
    names.update({_month_key(k): v for k, v in _ARABIC_MONTHS.items()})
    names[_month_key("sept")] = 9
    return names


def _month_key(name: str) -> str:
    return re.sub(r"[.\s]+", " ", name.casefold()).strip(" ,")


def _build(field_year: str, month: str | int, day: str | int) -> date:
    year = int(field_year)
    if len(field_year) == 2:
        year += 2000
    try:
        result = date(year, int(month), int(day))
    except ValueError as error:
        raise DraftInputError("date", INVALID_DATE) from error
    if not MIN_YEAR <= result.year <= MAX_YEAR:
        raise DraftInputError("date", INVALID_DATE)
    return result


def _nearest(month: int, day: int, today: date) -> date:
    """A date typed without a year: the occurrence nearest to today (a due date just past or a call next week)."""
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue  # 29 February outside a leap year
    if not candidates:
        raise DraftInputError("date", INVALID_DATE)
    return min(candidates, key=lambda candidate: abs(candidate - today))


def _day_month(lang: str, first: int, second: int) -> tuple[int, int]:
    """(month, day) of a numeric date without a year; English d/m vs m/d must be unambiguous."""
    if lang != "en" or (first > 12 >= second) or first == second:
        return second, first
    if second > 12 >= first:
        return first, second
    raise DraftInputError("date", AMBIGUOUS_DATE)


def parse_date(text: str, lang: str, today: date | None = None) -> date:
    """Parse a date as typed: ISO '2026-12-01', '1.12.2026' (fi, ru), '1/12/2026' (day first outside en),
    '1 Dec 2026', 'Dec 1, 2026', '1. joulukuuta 2026', '1 декабря 2026 г.', '١ ديسمبر ٢٠٢٦'.

    Without a year ('1 ноября', '3 November', '1.11.', '١ نوفمبر') the occurrence nearest to `today` is meant
    (`today` defaults to the current UTC date). In English a numeric d/m vs m/d date is accepted only when it
    can't be misread; otherwise AMBIGUOUS_DATE.
    """
    raw = normalise_digits(text).strip()
    raw = _YEAR_SUFFIX.sub("", re.sub(r"\s+", " ", raw)).strip(" ,،")
    if match := _ISO.match(raw):
        return _build(match.group(1), match.group(2), match.group(3))
    if match := _DOTTED.match(raw):
        return _build(match.group(3), match.group(2), match.group(1))
    if match := _SLASHED.match(raw):
        first, second, year = int(match.group(1)), int(match.group(2)), match.group(3)
        if lang != "en":
            return _build(year, second, first)
        if first > 12 >= second:
            return _build(year, second, first)
        if second > 12 >= first:
            return _build(year, first, second)
        if first == second:
            return _build(year, first, second)
        raise DraftInputError("date", AMBIGUOUS_DATE)
    if match := _WORDY.match(raw):
        day, month_word, year = (
            (match.group(1), match.group(2), match.group(3))
            if match.group(1)
            else (match.group(5), match.group(4), match.group(6))
        )
        month = _month_names(lang).get(_month_key(month_word.replace("،", " ")))
        if month is None:
            raise DraftInputError("date", INVALID_DATE)
        return _build(year, month, day)
    today = today or _utc_today()
    if match := _DOTTED_NO_YEAR.match(raw) or _SLASHED_NO_YEAR.match(raw):
        month, day = _day_month(lang, int(match.group(1)), int(match.group(2)))
        if not (1 <= month <= 12 and 1 <= day <= 31):
            raise DraftInputError("date", INVALID_DATE)
        return _nearest(month, day, today)
    if match := _WORDY_NO_YEAR.match(raw):
        day_text, month_word = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
        month = _month_names(lang).get(_month_key(month_word.replace("،", " ")))
        if month is None or not 1 <= int(day_text) <= 31:
            raise DraftInputError("date", INVALID_DATE)
        return _nearest(month, int(day_text), today)
    raise DraftInputError("date", INVALID_DATE)


def _utc_today() -> date:
    return datetime.now(UTC).date()
