"""The rules of cases without Discord: ladder days, working-hours windows (time zones, DST), tone from days overdue,
snoozing, parsing what members type, and change-order arithmetic in Decimal."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parley.domain import cases as rules
from parley.domain.drafts import DraftRenderer

UTC = dt.UTC


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_ladder_days_friendly_firm_final_then_weekly():
    assert [rules.step_day(n) for n in range(6)] == [1, 14, 21, 28, 35, 42]
    steps = rules.plan_steps([("friendly", "payment_reminder"), ("firm", "payment_reminder"), ("final", None)])
    assert [(s.position, s.step_id, s.day) for s in steps] == [(0, "friendly", 1), (1, "firm", 14), (2, "final", 21)]


@pytest.mark.parametrize(
    ("overdue", "tone"), [(0, "friendly"), (1, "friendly"), (13, "friendly"), (14, "firm"), (20, "firm"), (21, "final")]
)
def test_tone_from_days_overdue(overdue, tone):
    assert rules.tone_for(overdue) == tone
    assert rules.CaseFacts(overdue_days=overdue).tone == tone


def test_days_overdue_counts_whole_days_and_never_below_zero():
    assert rules.days_overdue(dt.date(2026, 1, 1), dt.date(2026, 1, 17)) == 16
    assert rules.days_overdue(dt.date(2026, 2, 1), dt.date(2026, 1, 17)) == 0
    assert rules.days_overdue(None, dt.date(2026, 1, 17)) == 0


def test_a_case_opened_late_starts_at_the_step_already_due():
    assert rules.starting_step(4, dt.date(2026, 1, 1), dt.date(2026, 1, 1)) == 0
    assert rules.starting_step(4, dt.date(2026, 1, 1), dt.date(2026, 1, 16)) == 1  # day 15: the firm step
    assert rules.starting_step(4, dt.date(2026, 1, 1), dt.date(2026, 3, 1)) == 3


def test_working_hours_window_in_the_members_time_zone():
    tokyo = rules.WorkingHours("Asia/Tokyo", 9, 17)
    # 03:00 UTC = 12:00 in Tokyo: inside, unchanged.
    assert tokyo.next_slot(at("2026-01-05T03:00")) == at("2026-01-05T03:00")
    # 20:00 UTC = 05:00 next day in Tokyo: not at 5 a.m., at 9:00 Tokyo = 00:00 UTC.
    assert tokyo.next_slot(at("2026-01-05T20:00")) == at("2026-01-06T00:00")
    # 10:00 UTC = 19:00 Tokyo: after hours, next morning.
    assert tokyo.next_slot(at("2026-01-05T10:00")) == at("2026-01-06T00:00")


def test_working_hours_follow_the_wall_clock_across_daylight_saving():
    helsinki = rules.WorkingHours("Europe/Helsinki", 9, 17)
    # Winter: 9:00 in Helsinki is 07:00 UTC; summer: 06:00 UTC (DST began on 29 March 2026).
    assert helsinki.next_slot(at("2026-03-27T02:00")) == at("2026-03-27T07:00")
    assert helsinki.next_slot(at("2026-03-30T02:00")) == at("2026-03-30T06:00")


@given(
    # hypothesis takes naive bounds and attaches the zone itself
    moment=st.datetimes(
        min_value=dt.datetime(2020, 1, 1),  # noqa: DTZ001
        max_value=dt.datetime(2035, 1, 1),  # noqa: DTZ001
        timezones=st.just(UTC),
    ),
    zone=st.sampled_from(["UTC", "Asia/Dubai", "America/New_York", "Europe/Moscow", "Pacific/Auckland"]),
    start=st.integers(0, 22),
    length=st.integers(1, 10),
)
def test_next_slot_is_never_earlier_and_always_inside_the_hours(moment, zone, start, length):
    hours = rules.WorkingHours(zone, start, min(start + length, 24))
    slot = hours.next_slot(moment)
    assert slot >= moment
    assert slot - moment <= dt.timedelta(days=1, hours=2)
    local = slot.astimezone(hours.zone)
    assert hours.start <= local.hour < hours.end or (local.hour == hours.start + 1 and local.fold == 0)


def test_step_due_at_uses_the_ladder_day_in_working_hours_never_before_now():
    ny = rules.WorkingHours("America/New_York", 9, 17)
    due = rules.step_due_at(dt.date(2026, 1, 1), 14, ny, not_before=at("2026-01-02T00:00"))
    assert due == at("2026-01-15T14:00")  # 15 January, 9:00 in New York
    late = rules.step_due_at(dt.date(2026, 1, 1), 1, ny, not_before=at("2026-01-20T23:00"))
    assert late == at("2026-01-21T14:00")


def test_snooze_one_day_three_days_or_a_week_inside_the_hours():
    hours = rules.WorkingHours("UTC", 9, 17)
    assert rules.snooze_until(at("2026-01-05T16:30"), 1, hours) == at("2026-01-06T16:30")
    assert rules.snooze_until(at("2026-01-05T18:00"), 3, hours) == at("2026-01-09T09:00")
    with pytest.raises(ValueError):
        rules.snooze_until(at("2026-01-05T18:00"), 2, hours)


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("Europe/Helsinki", "Europe/Helsinki"),
        ("europe/helsinki", "Europe/Helsinki"),
        ("utc", "UTC"),
        ("America/New York", "America/New_York"),
    ],
)
def test_time_zones_as_typed(typed, name):
    assert rules.parse_time_zone(typed) == name


@pytest.mark.parametrize("typed", ["Mars/Olympus", "GMT+3", "", "Helsinki"])
def test_unknown_time_zones_are_refused_kindly(typed):
    with pytest.raises(rules.BadTimeZone) as caught:
        rules.parse_time_zone(typed)
    assert caught.value.params["value"] == typed.strip()


@pytest.mark.parametrize(
    ("typed", "hours"), [("9-17", (9, 17)), ("09:00–17:00", (9, 17)), ("8 - 20", (8, 20)), ("٩-١٧", (9, 17))]
)
def test_working_hours_as_typed(typed, hours):
    assert rules.parse_hours(typed) == hours


@pytest.mark.parametrize("typed", ["17-9", "9:30-17", "nine to five", "0-25", "9"])
def test_bad_working_hours_are_refused(typed):
    with pytest.raises(rules.BadHours):
        rules.parse_hours(typed)


def test_change_order_is_hours_times_rate_with_a_new_total_in_decimal():
    impact = rules.change_order_impact(Decimal("12.5"), Decimal("48.10"), Decimal("3000"))
    assert impact.extra == Decimal("601.25") and impact.new_total == Decimal("3601.25")
    assert rules.change_order_impact(Decimal("0.333"), Decimal("10"), None).extra == Decimal("3.33")
    assert rules.change_order_impact(Decimal("0.335"), Decimal("10")).extra == Decimal("3.35")  # half up
    with pytest.raises(TypeError):
        rules.change_order_impact(12.5, Decimal("10"))  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        rules.change_order_impact(Decimal("-1"), Decimal("10"))


@given(
    hours=st.decimals(min_value="0.25", max_value="500", places=2),
    rate=st.decimals(min_value="1", max_value="1000", places=2),
    agreed=st.decimals(min_value="0", max_value="100000", places=2),
)
def test_change_order_totals_add_up_to_the_cent(hours, rate, agreed):
    impact = rules.change_order_impact(hours, rate, agreed)
    assert impact.new_total == agreed + impact.extra
    assert abs(impact.extra - hours * rate) <= Decimal("0.005")


@pytest.mark.parametrize("lang", ["en", "fi", "ru", "ar"])
def test_a_payment_reminder_from_a_case_carries_the_facts(lang):
    renderer = DraftRenderer()
    values = renderer.sample_values("payment_reminder", lang)
    plain = renderer.render("payment_reminder", lang, "firm", values).text
    facts = rules.CaseFacts(dt.date(2026, 11, 1), 16, (dt.date(2026, 11, 3),), late_fee=True)
    text = renderer.render("payment_reminder", lang, "firm", values, facts=facts).text
    assert text != plain and len(text) > len(plain)
    date = {"en": "November 3, 2026", "fi": "3. marraskuuta 2026", "ru": "3 ноября 2026", "ar": "3 نوفمبر 2026"}[lang]
    days = {"en": "16 days", "fi": "16 päivää", "ru": "16 дней", "ar": "16 يومًا"}[lang]
    assert date in text and days in text
    # No case: nothing is quoted, nothing is counted, no fee is invented.
    assert date not in plain and days not in plain
    dispute = renderer.render("payment_reminder", lang, "platform_dispute", values, facts=facts).text
    assert date not in dispute  # a dispute notice quotes the platform, not the reminders


@pytest.mark.parametrize(
    ("lang", "typed", "line", "total"),
    [
        ("en", "12.5 h × 48", "12.5 h × €48.00 = €600.00", "€3,600.00"),
        ("fi", "12,5 h x 48", "12,5 h × 48,00\xa0€ = 600,00\xa0€", "3\xa0600,00\xa0€"),
        ("ru", "12,5 ч * 48", "12,5 ч × 48,00\xa0€ = 600,00\xa0€", "3\xa0600,00\xa0€"),
        ("ar", "12.5 ساعة × 48", "12.5 ساعة × \u200f48.00\xa0€ = \u200f600.00\xa0€", "\u200f3,600.00\xa0€"),
    ],
)
def test_a_change_order_shows_hours_times_rate_and_the_new_total(lang, typed, line, total):
    renderer = DraftRenderer()
    values = {**renderer.sample_values("change_order", lang), "extra_price": typed, "currency": "EUR"}
    text = renderer.render("change_order", lang, None, values, facts=rules.CaseFacts(agreed=Decimal("3000"))).text
    assert line in text and total in text
    # Without a case there is no agreed total to add to; a plain price stays as it was.
    alone = renderer.render("change_order", lang, None, values).text
    assert line in alone and total not in alone
    plain = renderer.render("change_order", lang, None, {**values, "extra_price": "600"}).text
    assert "×" not in plain
