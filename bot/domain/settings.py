"""Per-server settings and the permission model: who is a member, a moderator, an admin."""

from __future__ import annotations

import enum
from dataclasses import dataclass, fields

from parley.config import Config


class Role(enum.IntEnum):
    """What a member may do in Parley, from least to most."""

    MEMBER = 0
    MODERATOR = 1
    ADMIN = 2


@dataclass(frozen=True)
class MemberPowers:
    """The Discord facts the permission model needs, already read off the interaction."""

    manage_guild: bool
    manage_messages: bool
    role_ids: frozenset[int]


def role_of(powers: MemberPowers, moderator_role_id: int | None) -> Role:
    """Admin = Manage Server; moderator = the configured role, or Manage Messages when no role is set."""
    if powers.manage_guild:
        return Role.ADMIN
    if moderator_role_id is not None:
        return Role.MODERATOR if moderator_role_id in powers.role_ids else Role.MEMBER
    return Role.MODERATOR if powers.manage_messages else Role.MEMBER


@dataclass(frozen=True)
class GuildSettings:
    """A server's choices; None means "not set" (limits then fall back to the config's defaults)."""

    guild_id: int
    language: str | None = None
    stories_channel_id: int | None = None
    queue_channel_id: int | None = None
    moderator_role_id: int | None = None
    stories_per_day: int | None = None
    tips_per_day: int | None = None
    min_membership_days: int | None = None
    publish_every_hours: int | None = None
    walkthrough_enabled: bool = True
    stories_enabled: bool = True
    tips_enabled: bool = True

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        """Return the stored columns, in order."""
        return tuple(f.name for f in fields(cls))

    def limits(self, config: Config) -> Limits:
        """Return the limits in force: the server's values where set, else the config's defaults."""

        def pick(value: int | None, default: int) -> int:
            return default if value is None else value

        return Limits(
            stories_per_day=pick(self.stories_per_day, config.limits.stories_per_day),
            tips_per_day=pick(self.tips_per_day, config.limits.tips_per_day),
            min_membership_days=pick(self.min_membership_days, config.limits.min_membership_days),
            publish_every_hours=pick(self.publish_every_hours, config.stories.publish_every_hours),
        )

    def missing_for_stories(self) -> tuple[str, ...]:
        """Name what stories and moderation still need before they can work."""
        return tuple(
            name
            for name, value in (("stories_channel", self.stories_channel_id), ("queue_channel", self.queue_channel_id))
            if value is None
        )


@dataclass(frozen=True)
class Limits:
    """The limits in force in a server."""

    stories_per_day: int
    tips_per_day: int
    min_membership_days: int
    publish_every_hours: int
