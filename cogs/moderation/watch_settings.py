"""`/mod notify`: how moderators hear about their queue (a card per item or a digest, a role mention, reminders)."""

from __future__ import annotations

import zoneinfo
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from parley.cogs._shared.errors import OPTION_MESSAGE
from parley.database.repositories.queue_watch import QueueWatchRepository
from parley.domain.errors import N_, InvalidInput
from parley.domain.queue_watch import DIGEST, EACH, WatchSettings, zone_named
from parley.i18n import Translations

if TYPE_CHECKING:
    from parley.services import Services

MODE_NAMES = {EACH: N_("a card for each item as it arrives"), DIGEST: N_("one digest message")}
#: When a server switches to the digest without naming an hour or a count, it gets its digest at 09:00.
DEFAULT_DIGEST_HOUR = 9
NO_HOUR = 24  # the option's value for "no fixed hour" (then only the count sends a digest)
# The declared ranges: Discord's client enforces them, a modified client need not.
RANGES = {"digest_hour": (0, NO_HOUR), "digest_at": (0, 25), "mention_at": (0, 1000), "remind_after_hours": (1, 720)}


@lru_cache(maxsize=1)
def _zones() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


def zone_choices(typed: str) -> list[str]:
    """Time zone names containing what was typed (for autocomplete), at most 25."""
    needle = typed.strip().lower().replace(" ", "_")
    return [name for name in _zones() if needle in name.lower()][:25]


def changes_from(options: dict[str, Any], current: WatchSettings) -> dict[str, Any]:
    """Turn the command's options into stored columns; bad values are refused kindly, nothing is half-saved."""
    for name, (low, high) in RANGES.items():
        value = options.get(name)
        if value is not None and not low <= value <= high:
            raise InvalidInput(OPTION_MESSAGE)
    changes: dict[str, Any] = {}
    mode = options.get("mode")
    if mode is not None:
        if mode not in MODE_NAMES:
            raise InvalidInput(OPTION_MESSAGE)
        changes["mode"] = mode
    if options.get("digest_hour") is not None:
        changes["digest_hour"] = None if options["digest_hour"] == NO_HOUR else options["digest_hour"]
    if options.get("digest_at") is not None:
        changes["digest_at_count"] = options["digest_at"] or None
    if options.get("time_zone") is not None:
        name = options["time_zone"].strip()
        if zone_named(name) is None:
            raise InvalidInput(
                N_("“{zone}” is not a time zone I know. Pick one from the list, such as Europe/Helsinki."),
                zone=name[:64],
            )
        changes["time_zone"] = name
    if options.get("mention_role") is not None:
        changes["alert_role_id"] = options["mention_role"]
    if options.get("mention_at") is not None:
        changes["alert_threshold"] = options["mention_at"] or None
    if options.get("remind_after_hours") is not None:
        changes["remind_after_hours"] = options["remind_after_hours"]
    hour = changes.get("digest_hour", current.digest_hour)
    count = changes.get("digest_at_count", current.digest_at_count)
    if changes.get("mode", current.mode) == DIGEST and hour is None and count is None:
        changes["digest_hour"] = DEFAULT_DIGEST_HOUR  # a digest that never goes out would hide the queue
    return changes


async def apply(services: Services, guild_id: int, options: dict[str, Any]) -> tuple[WatchSettings, bool]:
    """Store the options given; return the settings in force and whether anything changed."""
    repo = QueueWatchRepository(services.db)
    current = await repo.settings(guild_id)
    changes = changes_from(options, current)
    if not changes:
        return current, False
    return await repo.update_settings(guild_id, **changes), True


def card_text(services: Services, t: Translations, settings: WatchSettings, *, notice: str | None) -> str:
    """The /mod notify card: what is in force, in the reader's language."""
    return services.renderer.render(
        "cards/queue_watch_settings.md.j2",
        t,
        mode=t.gettext(MODE_NAMES[settings.mode]),
        digest=settings.digest,
        hour=None if settings.digest_hour is None else f"{settings.digest_hour:02d}:00",
        count=settings.digest_at_count,
        zone=settings.time_zone or "UTC",
        role=f"<@&{settings.alert_role_id}>" if settings.alert_role_id else None,
        threshold=settings.alert_threshold,
        remind_hours=settings.reminder_hours(services.config.stories.reminder_after_hours),
        notice=notice,
    )
