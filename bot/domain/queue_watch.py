"""How moderators hear about their queue: a card per item or one digest, a threshold mention, repeated reminders.

Pure decisions on stored facts; the moderation cog reads the facts, asks here, acts, and stores what it did (under
a job lease, so two processes never both act). Times are aware datetimes; the digest hour is in the server's own
time zone (IANA name, e.g. "Europe/Helsinki"), UTC when none is set.
"""

from __future__ import annotations

import datetime as dt
import enum
import zoneinfo
from dataclasses import dataclass
from functools import lru_cache

EACH = "each"
DIGEST = "digest"
MODES = (EACH, DIGEST)


class DigestReason(enum.Enum):
    """Why a new digest goes out now."""

    HOUR = "hour"  # the configured hour of the day has come
    COUNT = "count"  # k new items have been listed since the last digest


@dataclass(frozen=True, slots=True)
class WatchSettings:
    """A server's choices for its queue (defaults: a card per item, no mention, the config's reminder)."""

    guild_id: int
    mode: str = EACH
    digest_hour: int | None = None
    digest_at_count: int | None = None
    time_zone: str | None = None
    alert_role_id: int | None = None
    alert_threshold: int | None = None
    remind_after_hours: int | None = None

    @property
    def digest(self) -> bool:
        """Whether items reach moderators through the digest instead of cards of their own."""
        return self.mode == DIGEST

    def zone(self) -> dt.tzinfo:
        """The server's time zone (UTC when unset or no longer known to this machine)."""
        return zone_named(self.time_zone) or dt.UTC

    def reminder_hours(self, default: int) -> int:
        """Hours an item waits before (and between) reminders."""
        return self.remind_after_hours or default


@dataclass(frozen=True, slots=True)
class WatchState:
    """What was done last: where the digest is, the local day of the last scheduled one, the mention's state."""

    guild_id: int
    channel_id: int | None = None
    message_id: int | None = None
    posted_at: str | None = None
    digest_day: str | None = None
    shown: str = ""
    alert_raised: bool = False


@lru_cache(maxsize=64)
def zone_named(name: str | None) -> zoneinfo.ZoneInfo | None:
    """The IANA time zone of that name, or None if it is empty or unknown."""
    if not name or len(name) > 64 or ".." in name or name.startswith("/"):
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def local_day(now: dt.datetime, settings: WatchSettings) -> str:
    """The server's local day at `now` ("2026-01-31")."""
    return now.astimezone(settings.zone()).date().isoformat()


def digest_due(settings: WatchSettings, state: WatchState, now: dt.datetime, new_items: int) -> DigestReason | None:
    """Whether a new digest goes out now, and why.

    The hour: once per local day, from that hour on (a process that was down at the hour catches up later that
    day). The count: as soon as `new_items` (listed since the last digest) reach digest_at_count.
    """
    if not settings.digest:
        return None
    if settings.digest_hour is not None:
        local = now.astimezone(settings.zone())
        if local.hour >= settings.digest_hour and state.digest_day != local.date().isoformat():
            return DigestReason.HOUR
    if settings.digest_at_count is not None and new_items >= settings.digest_at_count:
        return DigestReason.COUNT
    return None


def alert_due(settings: WatchSettings, state: WatchState, waiting: int) -> tuple[bool, bool]:
    """(mention now, raised afterwards): one mention per crossing of the threshold, re-armed once below it."""
    if settings.alert_role_id is None or settings.alert_threshold is None:
        return False, False
    above = waiting >= settings.alert_threshold
    return above and not state.alert_raised, above


def shown_signature(entry_ids: list[int]) -> str:
    """What a digest shows, as stored text: it is edited only when this changes."""
    return ",".join(str(i) for i in entry_ids)
