"""Money, dates, numbers and plural forms follow the draft language through Babel."""

from __future__ import annotations

import pytest

from parley.domain.drafts import DRAFT_SPECS, DraftRenderer
from parley.domain.drafts.formatting import make_plural, plural_category
from tests.drafts.helpers import hygiene_problems

NBSP, NNBSP = "\u00a0", "\u202f"


def _normalised(text: str) -> str:
    return text.replace(NBSP, " ").replace(NNBSP, " ").replace("\u200f", "")


@pytest.fixture(scope="module")
def renderer():
    return DraftRenderer()


def _reminder(renderer, lang, amount="1200", currency="EUR", due="2026-12-01"):
    values = {"client_name": "Alex", "amount": amount, "currency": currency, "due_date": due}
    return renderer.render("payment_reminder", lang, "firm", values).text


def test_finnish_amount_uses_babels_spaces(renderer):
    text = _reminder(renderer, "fi")
    assert "1 200,00 €" in _normalised(text)
    assert f"1{NBSP}200,00{NBSP}€" in text  # the exact characters Babel uses, so the amount never wraps


def test_english_amount(renderer):
    assert "€1,200.00" in _reminder(renderer, "en")
    assert "$1,200.50" in _reminder(renderer, "en", amount="1,200.50", currency="usd")


def test_russian_and_arabic_amounts(renderer):
    assert "1 200,00 €" in _normalised(_reminder(renderer, "ru"))
    assert "1 200,00 ₽" in _normalised(_reminder(renderer, "ru", currency="RUB"))
    arabic = _reminder(renderer, "ar", amount="١٢٠٠")
    assert "1,200.00 €" in _normalised(arabic)  # Babel's default for "ar": Latin digits
    assert "\u200f1,200.00" in arabic  # with its right-to-left mark so the sign stays on the right side


def test_dates_are_spelled_out_in_the_draft_language(renderer):
    assert "December 1, 2026" in _reminder(renderer, "en")
    assert "1. joulukuuta 2026" in _reminder(renderer, "fi", due="1.12.2026")
    assert "1 декабря 2026 г." in _normalised(_reminder(renderer, "ru", due="01.12.2026"))
    assert "1 ديسمبر 2026" in _reminder(renderer, "ar", due="1/12/2026")


def test_deposit_percent_default_and_format(renderer):
    en = renderer.render("deposit_condition", "en", None, {"client_name": "Alex"}).text
    assert "deposit of 50% of its price" in en
    fi = renderer.render("deposit_condition", "fi", None, {"client_name": "Alex", "deposit_percent": "30"}).text
    assert f"30{NBSP}% tehtävän hinnasta" in fi


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "1 раунд правок"),
        (2, "2 раунда правок"),
        (5, "5 раундов правок"),
        (11, "11 раундов правок"),
        (21, "21 раунд правок"),
        (22, "22 раунда правок"),
        (100, "100 раундов правок"),
    ],
)
def test_russian_plural_in_revision_limit(renderer, count, expected):
    values = {"client_name": "Ирина", "revisions_included": str(count)}
    assert f"предусматривает {expected}," in renderer.render("revision_limit", "ru", "firm", values).text


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "جولة مراجعة واحدة"),
        (2, "جولتَي مراجعة"),
        (3, "3 جولات مراجعة"),
        (10, "10 جولات مراجعة"),
        (11, "11 جولة مراجعة"),
        (99, "99 جولة مراجعة"),
        (100, "100 جولة مراجعة"),
    ],
)
def test_arabic_plural_in_revision_limit(renderer, count, expected):
    values = {"client_name": "سامر", "revisions_included": str(count)}
    assert f"يتضمن اتفاقنا {expected}،" in renderer.render("revision_limit", "ar", "firm", values).text


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("fi", 1, "yksi korjauskierros"),
        ("fi", 2, "2 korjauskierrosta"),
        ("en", 1, "one round of revisions"),
        ("en", 2, "2 rounds of revisions"),
    ],
)
def test_finnish_and_english_plural(renderer, lang, count, expected):
    values = {"client_name": "Alex", "revisions_included": str(count)}
    assert expected in renderer.render("revision_limit", lang, "friendly", values).text


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("ru", 1, "в течение 1 часа"),
        ("ru", 2, "в течение 2 часов"),
        ("ru", 5, "в течение 5 часов"),
        ("ru", 21, "в течение 21 часа"),
        ("ar", 1, "خلال ساعة واحدة"),
        ("ar", 2, "خلال ساعتين"),
        ("ar", 3, "خلال 3 ساعات"),
        ("ar", 24, "خلال 24 ساعة"),
        ("ar", 100, "خلال 100 ساعة"),
        ("fi", 1, "tunnin kuluessa"),
        ("fi", 24, "24 tunnin kuluessa"),
    ],
)
def test_plural_of_hours(renderer, lang, count, expected):
    values = {"client_name": "X", "working_hours": "9–17", "response_hours": str(count)}
    assert expected in renderer.render("working_hours", lang, "friendly", values).text


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "مهمة واحدة سلّمتها"),
        (2, "مهمتين سلّمتهما"),
        (3, "3 مهام سلّمتها"),
        (11, "11 مهمة سلّمتها"),
        (100, "100 مهمة سلّمتها"),
    ],
)
def test_arabic_plural_agrees_with_the_verb(renderer, count, expected):
    text = renderer.render("deposit_condition", "ar", "firm", {"client_name": "سامر", "unpaid_items": str(count)}).text
    assert expected in text


INT_FIELDS = [
    (kind, field.id, field.min_value, field.max_value)
    for kind, spec in DRAFT_SPECS.items()
    for field in spec.fields
    if field.kind == "int"
]


@pytest.mark.parametrize(("kind", "field_id", "low", "high"), INT_FIELDS)
@pytest.mark.parametrize("lang", ["en", "ar", "fi", "ru"])
def test_every_plural_category_has_a_form(renderer, kind, field_id, low, high, lang):
    # 0..2, 3..10 (ar few), 11..99 (ar many), 100+ (ar other), 21/22/25 (ru one/few/many)
    for count in (1, 2, 3, 5, 11, 21, 22, 25, 100, 101, 102, 111):
        if not low <= count <= high:
            continue
        values = {**renderer.sample_values(kind, lang), field_id: str(count)}
        for tone in DRAFT_SPECS[kind].tones or (None,):
            assert hygiene_problems(renderer.render(kind, lang, tone, values).text) == []


def test_plural_categories_come_from_cldr():
    assert [plural_category(n, "ar") for n in (0, 1, 2, 3, 11, 100)] == ["zero", "one", "two", "few", "many", "other"]
    assert [plural_category(n, "ru") for n in (1, 2, 5, 21)] == ["one", "few", "many", "one"]


def test_plural_helper_refuses_a_missing_form():
    plural = make_plural("ru")
    assert plural(3, one="{n} день", few="{n} дня", many="{n} дней") == "3 дня"
    with pytest.raises(ValueError, match="many"):
        plural(5, one="{n} день", few="{n} дня")
    assert make_plural("fi")(1234, one="{n} päivä", other="{n} päivää") == "1\u00a0234 päivää"
