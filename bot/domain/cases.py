"""Cases: a client problem Parley follows up with the member until it is resolved (issue 22).

Pure rules, no Discord and no SQL: when each step of the escalation ladder comes due, the member's working-hours
window, which tone the days overdue call for, snoozing, and the arithmetic of a change order (Decimal, never float).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from parley.domain.errors import N_, ParleyError

#: Days after the anchor (the invoice's due date, or the day the case was opened) when each ladder step is due:
#: a friendly reminder the day after, the firm one on day 14, the final notice on day 21; later steps a week apart.
LADDER_DAYS: tuple[int, ...] = (1, 14, 21, 28)
LATER_STEP_GAP_DAYS = 7
#: Tones by days overdue: under 14 friendly, 14 to 20 firm, 21 and more final (the same rhythm as the ladder).
FIRM_FROM_DAYS = 14
FINAL_FROM_DAYS = 21
SNOOZE_DAYS: tuple[int, ...] = (1, 3, 7)
DEFAULT_HOURS = (9, 17)
MAX_STEPS = 20
#: Retention (the privacy statement says so): a closed case is deleted this many days after it was closed, an open
#: or paused one after this many days without any use (no reminder, no button, no draft).
CLOSED_CASE_DAYS = 30
IDLE_CASE_DAYS = 90
CENT = Decimal("0.01")

_HOURS = re.compile(r"^\s*(\d{1,2})(?:[:.](\d{2}))?\s*[-–—‐]\s*(\d{1,2})(?:[:.](\d{2}))?\s*$")


class CaseInputError(ParleyError):
    """Something the member typed about their case or their hours that Parley cannot use; says how to fix it."""


class BadTimeZone(CaseInputError):
    """Not an IANA time zone."""

    message = N_("“{value}” isn't a time zone Parley knows. Write it like Europe/Helsinki or America/New_York.")


class BadHours(CaseInputError):
    """Not a range of whole hours."""

    message = N_("“{value}” doesn't look like working hours. Write the start and end hour, like 9-17.")


def step_day(position: int) -> int:
    """The day (after the anchor) on which the ladder step at `position` is due."""
    if position < len(LADDER_DAYS):
        return LADDER_DAYS[position]
    return LADDER_DAYS[-1] + (position - len(LADDER_DAYS) + 1) * LATER_STEP_GAP_DAYS


def days_overdue(due: dt.date | None, today: dt.date) -> int:
    """Whole days since the due date (0 when there is none or it hasn't passed)."""
    if due is None:
        return 0
    return max((today - due).days, 0)


def tone_for(overdue_days: int) -> str:
    """The tone the days overdue call for: friendly, then firm from day 14, final from day 21."""
    if overdue_days >= FINAL_FROM_DAYS:
        return "final"
    if overdue_days >= FIRM_FROM_DAYS:
        return "firm"
    return "friendly"


def starting_step(step_count: int, anchor: dt.date, today: dt.date) -> int:
    """The step a new case starts at: the latest one already due (a case opened on day 16 starts at the firm step)."""
    elapsed = (today - anchor).days
    current = 0
    for position in range(step_count):
        if step_day(position) <= elapsed:
            current = position
    return current


@dataclass(frozen=True, slots=True)
class WorkingHours:
    """Where and when a member wants to hear from Parley: an IANA zone and local hours [start, end)."""

    time_zone: str = "UTC"
    start: int = DEFAULT_HOURS[0]
    end: int = DEFAULT_HOURS[1]

    @property
    def zone(self) -> ZoneInfo:
        """The time zone."""
        return ZoneInfo(self.time_zone)

    def next_slot(self, moment: dt.datetime) -> dt.datetime:
        """The first moment at or after `moment` (aware) inside the working hours, as UTC.

        Local wall-clock hours: across a daylight-saving change the window stays 9 to 17 on the member's clock.
        """
        local = moment.astimezone(self.zone)
        if self.start <= local.hour < self.end:
            return moment.astimezone(dt.UTC)
        day = local.date() if local.hour < self.start else local.date() + dt.timedelta(days=1)
        opening = dt.datetime(day.year, day.month, day.day, self.start, tzinfo=self.zone)
        return opening.astimezone(dt.UTC)

    def local_start_of(self, day: dt.date) -> dt.datetime:
        """The opening of the working day `day` on the member's clock, as UTC."""
        return dt.datetime(day.year, day.month, day.day, self.start, tzinfo=self.zone).astimezone(dt.UTC)


def parse_time_zone(text: str) -> str:
    """An IANA zone name as typed ("europe/helsinki" is accepted and spelled as the database spells it)."""
    wanted = text.strip().replace(" ", "_")
    if wanted.upper() in {"UTC", "GMT", "Z"}:
        return "UTC"
    zones = {name.lower(): name for name in available_timezones()}
    name = zones.get(wanted.lower())
    if name is None:
        raise BadTimeZone(value=text.strip()[:64])
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):  # pragma: no cover - listed zones load
        raise BadTimeZone(value=text.strip()[:64]) from None
    return name


def parse_hours(text: str) -> tuple[int, int]:
    """Working hours typed as "9-17" or "09:00–17:00" (whole hours; Arabic-Indic digits too) -> (9, 17)."""
    match = _HOURS.match(text)
    if match is None:
        raise BadHours(value=text.strip()[:40])
    start, start_min, end, end_min = match.groups()
    if (start_min and int(start_min)) or (end_min and int(end_min)):
        raise BadHours(value=text.strip()[:40])
    low, high = int(start), int(end)
    if not (0 <= low < high <= 24):
        raise BadHours(value=text.strip()[:40])
    return low, high


@dataclass(frozen=True, slots=True)
class PlannedStep:
    """One step of a case's ladder: its knowledge-base id, the draft that carries it, and its day."""

    position: int
    step_id: str
    draft_kind: str | None
    day: int


def plan_steps(ladder: Sequence[tuple[str, str | None]]) -> tuple[PlannedStep, ...]:
    """The ladder's steps (id, draft kind) with their days."""
    return tuple(
        PlannedStep(position, step_id, draft, step_day(position))
        for position, (step_id, draft) in enumerate(ladder[:MAX_STEPS])
    )


def step_due_at(anchor: dt.date, day: int, hours: WorkingHours, not_before: dt.datetime) -> dt.datetime:
    """When the reminder of a step due on `day` goes out: that day's opening on the member's clock, never before
    `not_before`, always inside their working hours."""
    planned = hours.local_start_of(anchor + dt.timedelta(days=day))
    return hours.next_slot(max(planned, not_before))


def snooze_until(now: dt.datetime, days: int, hours: WorkingHours) -> dt.datetime:
    """A snoozed reminder comes back `days` later, inside the working hours."""
    if days not in SNOOZE_DAYS:
        raise ValueError(f"snooze is one of {SNOOZE_DAYS} days")
    return hours.next_slot(now + dt.timedelta(days=days))


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What a draft written from a case may quote: the due date, days overdue, earlier steps' dates, a late fee."""

    due_date: dt.date | None = None
    overdue_days: int = 0
    earlier: tuple[dt.date, ...] = ()
    late_fee: bool = False
    agreed: Decimal | None = None  # the project's agreed total, when the case has one (a change order's new total)

    @property
    def tone(self) -> str:
        """The tone the days overdue suggest."""
        return tone_for(self.overdue_days)


@dataclass(frozen=True, slots=True)
class ChangeOrderImpact:
    """A change order's cost: hours × rate, and the project's new total when the agreed total is known."""

    hours: Decimal
    rate: Decimal
    extra: Decimal
    agreed: Decimal | None
    new_total: Decimal | None


def change_order_impact(hours: Decimal, rate: Decimal, agreed: Decimal | None = None) -> ChangeOrderImpact:
    """Hours × rate rounded to the cent (half up, as invoices round), plus the new total; Decimal only."""
    for value in (hours, rate, agreed):
        if isinstance(value, float):
            raise TypeError("money is Decimal, never float")
    if hours <= 0 or rate <= 0 or (agreed is not None and agreed < 0):
        raise ValueError("hours and rate must be positive, the agreed total not negative")
    extra = (hours * rate).quantize(CENT, rounding=ROUND_HALF_UP)
    new_total = None if agreed is None else (agreed + extra).quantize(CENT, rounding=ROUND_HALF_UP)
    return ChangeOrderImpact(hours, rate, extra, agreed, new_total)
