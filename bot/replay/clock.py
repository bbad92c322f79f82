"""Deterministic time and snowflake ids for the fake Discord."""

from __future__ import annotations

import datetime as dt

DISCORD_EPOCH_MS = 1420070400000
DEFAULT_START = dt.datetime(2026, 3, 2, 9, 0, 0, tzinfo=dt.UTC)


class FakeClock:
    """Wall clock of the fake Discord: starts at a fixed instant, moves only when told (1 ms per new id)."""

    def __init__(self, start: dt.datetime = DEFAULT_START) -> None:
        self._now = start
        self._last_snowflake = 0

    def now(self) -> dt.datetime:
        """The current fake time (aware, UTC)."""
        return self._now

    def advance(self, seconds: float) -> None:
        """Move the clock forward."""
        self._now += dt.timedelta(seconds=seconds)

    def snowflake(self) -> int:
        """A new id, unique and increasing; its timestamp is the fake time."""
        self._now += dt.timedelta(milliseconds=1)
        ms = int(self._now.timestamp() * 1000) - DISCORD_EPOCH_MS
        value = ms << 22
        if value <= self._last_snowflake:
            value = self._last_snowflake + 1
        self._last_snowflake = value
        return value
