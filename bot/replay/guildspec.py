"""The guild and members a scenario describes (parsed from JSON-like dicts, with Discord-like defaults)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from parley.replay.errors import ScenarioError
from parley.replay.model import CHANNEL_TYPES


@dataclass(frozen=True)
class OverwriteSpec:
    """Channel overwrite for a target: "@everyone", "@Role", a member name, or "bot" (the bot under test)."""

    target: str
    allow: Any = None
    deny: Any = None


@dataclass(frozen=True)
class ChannelSpec:
    """A channel: name, kind (text, forum, category, voice, announcement), parent category, overwrites."""

    name: str
    kind: str = "text"
    topic: str | None = None
    category: str | None = None
    nsfw: bool = False
    overwrites: tuple[OverwriteSpec, ...] = ()
    tags: tuple[str, ...] = ()  # forums: the tags it already has
    require_tag: bool = False  # forums: "Require people to select tags when posting"


@dataclass(frozen=True)
class RoleSpec:
    """A role: name and permissions (discord.py names, or an int)."""

    name: str
    permissions: Any = None
    color: int = 0
    mentionable: bool = False
    hoist: bool = False


@dataclass(frozen=True)
class GuildSpec:
    """The guild: locale (preferred_locale), channels, roles, and what @everyone and the bot may do."""

    name: str = "Replay Guild"
    locale: str = "en-US"
    channels: tuple[ChannelSpec, ...] = (ChannelSpec("general"),)
    roles: tuple[RoleSpec, ...] = ()
    everyone_permissions: Any = None  # None: Discord's defaults
    bot_permissions: Any = None  # None: a typical invite (view, send, embed, attach, history, reactions)
    features: tuple[str, ...] = ()
    # Commands an admin opened to everyone in Server Settings > Integrations, overriding default_permissions.
    open_commands: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | GuildSpec | None) -> GuildSpec:
        """Parse the scenario's "guild" object."""
        if isinstance(data, GuildSpec):
            return data
        data = dict(data or {})
        unknown = set(data) - {
            "name",
            "locale",
            "channels",
            "roles",
            "everyone_permissions",
            "bot_permissions",
            "features",
            "open_commands",
        }
        if unknown:
            raise ScenarioError(f"guild: unknown keys {sorted(unknown)}")
        channels = tuple(_channel(c) for c in data.get("channels", ["general"]))
        if not channels:
            raise ScenarioError("guild: at least one channel is needed")
        names = [c.name for c in channels]
        if len(set(names)) != len(names):
            raise ScenarioError(f"guild: duplicate channel names in {names}")
        return cls(
            name=str(data.get("name", "Replay Guild")),
            locale=str(data.get("locale", "en-US")),
            channels=channels,
            roles=tuple(_role(r) for r in data.get("roles", [])),
            everyone_permissions=data.get("everyone_permissions"),
            bot_permissions=data.get("bot_permissions"),
            features=tuple(data.get("features", [])),
            open_commands=tuple(data.get("open_commands", [])),
        )


@dataclass(frozen=True)
class MemberSpec:
    """A member: name (username), client locale, role names, admin (Administrator role), owner, DMs open."""

    name: str
    locale: str = "en-US"
    roles: tuple[str, ...] = ()
    admin: bool = False
    owner: bool = False
    nick: str | None = None
    dms: bool = True
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | MemberSpec | str) -> MemberSpec:
        """Parse one entry of the scenario's "members" list (a dict, or just a name)."""
        if isinstance(data, MemberSpec):
            return data
        if isinstance(data, str):
            return cls(name=data)
        data = dict(data)
        if "name" not in data:
            raise ScenarioError(f"member without a name: {data}")
        known = {"name", "locale", "roles", "admin", "owner", "nick", "dms"}
        roles = data.get("roles", [])
        if isinstance(roles, str):
            roles = [roles]
        return cls(
            name=str(data["name"]),
            locale=str(data.get("locale", "en-US")),
            roles=tuple(str(r).lstrip("@") for r in roles),
            admin=bool(data.get("admin", False)),
            owner=bool(data.get("owner", False)),
            nick=data.get("nick"),
            dms=bool(data.get("dms", True)),
            extra={k: v for k, v in data.items() if k not in known},
        )


def parse_members(data: Sequence[Any] | None) -> tuple[MemberSpec, ...]:
    """Parse the scenario's "members" list."""
    members = tuple(MemberSpec.from_dict(m) for m in data or [])
    names = [m.name for m in members]
    if len(set(names)) != len(names):
        raise ScenarioError(f"members: duplicate names in {names}")
    return members


def _channel(data: Any) -> ChannelSpec:
    if isinstance(data, ChannelSpec):
        return data
    if isinstance(data, str):
        return ChannelSpec(name=data.lstrip("#"))
    data = dict(data)
    kind = str(data.get("type", data.get("kind", "text")))
    if kind not in CHANNEL_TYPES or kind in ("dm", "public_thread", "private_thread"):
        raise ScenarioError(f"channel {data.get('name')!r}: unsupported type {kind!r}")
    overwrites = tuple(
        OverwriteSpec(target=str(target), allow=spec.get("allow"), deny=spec.get("deny"))
        for target, spec in dict(data.get("overwrites", {})).items()
    )
    return ChannelSpec(
        name=str(data["name"]).lstrip("#"),
        kind=kind,
        topic=data.get("topic"),
        category=(str(data["category"]).lstrip("#") if data.get("category") else None),
        nsfw=bool(data.get("nsfw", False)),
        overwrites=overwrites,
        tags=tuple(str(tag) for tag in data.get("tags", ())),
        require_tag=bool(data.get("require_tag", False)),
    )


def _role(data: Any) -> RoleSpec:
    if isinstance(data, RoleSpec):
        return data
    if isinstance(data, str):
        return RoleSpec(name=data.lstrip("@"))
    data = dict(data)
    return RoleSpec(
        name=str(data["name"]).lstrip("@"),
        permissions=data.get("permissions"),
        color=int(data.get("color", 0)),
        mentionable=bool(data.get("mentionable", False)),
        hoist=bool(data.get("hoist", False)),
    )
