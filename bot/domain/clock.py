"""Time, injected: production uses the system clock, tests a fake one they can advance."""

from __future__ import annotations

import datetime as dt
from typing import Protocol


class Clock(Protocol):
    """Anything that can tell the current UTC time."""

    def now(self) -> dt.datetime:
        """Return an aware UTC datetime."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> dt.datetime:
        """Return the current UTC time."""
        return dt.datetime.now(dt.UTC)


class FakeClock:
    """A clock tests move by hand."""

    def __init__(self, start: dt.datetime | None = None) -> None:
        self._now = start or dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC)

    def now(self) -> dt.datetime:
        """Return the fake current time."""
        return self._now

    def advance(self, **delta: float) -> None:
        """Move time forward by a timedelta's keyword arguments (hours=25, days=31...)."""
        self._now += dt.timedelta(**delta)
