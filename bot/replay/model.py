"""The fake Discord's data model: users, roles, channels, members, bot applications, and how permissions resolve."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import discord

from parley.replay.errors import ScenarioError

ALL_PERMISSIONS = discord.Permissions.all().value
ADMINISTRATOR = discord.Permissions(administrator=True).value
VIEW_CHANNEL = discord.Permissions(view_channel=True).value
SEND_MESSAGES = discord.Permissions(send_messages=True).value
SEND_IN_THREADS = discord.Permissions(send_messages_in_threads=True).value
EMBED_LINKS = discord.Permissions(embed_links=True).value
ATTACH_FILES = discord.Permissions(attach_files=True).value
READ_HISTORY = discord.Permissions(read_message_history=True).value
MANAGE_MESSAGES = discord.Permissions(manage_messages=True).value
USE_COMMANDS = discord.Permissions(use_application_commands=True).value
PIN_MESSAGES = discord.Permissions(pin_messages=True).value
CREATE_PUBLIC_THREADS = discord.Permissions(create_public_threads=True).value
MANAGE_ROLES = discord.Permissions(manage_roles=True).value
MANAGE_CHANNELS = discord.Permissions(manage_channels=True).value
MANAGE_THREADS = discord.Permissions(manage_threads=True).value

# What Discord gives @everyone in a new server (the parts that matter for a text community).
DEFAULT_EVERYONE = discord.Permissions(
    view_channel=True,
    send_messages=True,
    send_messages_in_threads=True,
    create_public_threads=True,
    create_private_threads=True,
    embed_links=True,
    attach_files=True,
    add_reactions=True,
    external_emojis=True,
    external_stickers=True,
    read_message_history=True,
    use_application_commands=True,
    use_external_apps=True,
    send_voice_messages=True,
    send_polls=True,
    create_instant_invite=True,
    change_nickname=True,
    connect=True,
    speak=True,
    stream=True,
    use_voice_activation=True,
    use_embedded_activities=True,
).value

# What a typical bot invite link asks for.
DEFAULT_BOT = discord.Permissions(
    view_channel=True,
    send_messages=True,
    send_messages_in_threads=True,
    create_public_threads=True,
    embed_links=True,
    attach_files=True,
    read_message_history=True,
    add_reactions=True,
    use_external_emojis=True,
    use_application_commands=True,
).value

CHANNEL_TYPES = {
    "text": 0,
    "dm": 1,
    "voice": 2,
    "category": 4,
    "announcement": 5,
    "news": 5,
    "public_thread": 11,
    "private_thread": 12,
    "stage": 13,
    "forum": 15,
    "media": 16,
}
THREAD_TYPES = (10, 11, 12)
REQUIRE_TAG = 1 << 4  # channel flag: a forum refuses posts without a tag
FORUM_TAG_NAME_MAX = 20  # Discord's documented limit (the OpenAPI schema says 50; Discord answers 400 past 20)


def new_tag(tag_id: int, name: str, *, emoji_name: str | None = None, moderated: bool = False) -> dict[str, Any]:
    """A forum tag object as Discord sends it."""
    return {"id": str(tag_id), "name": name, "moderated": moderated, "emoji_id": None, "emoji_name": emoji_name}


TEXT_LIKE = (0, 1, 2, 5, 10, 11, 12, 13)


def parse_permissions(value: Any, *, where: str = "permissions") -> int:
    """Permission bits from an int, a numeric string, or a list of discord.py permission names."""
    if value is None:
        return 0
    if isinstance(value, bool):
        raise ScenarioError(f"{where}: expected a list of permission names, got {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        if value.isdigit():
            return int(value)
        value = [value]
    bits = 0
    for name in value:
        try:
            bits |= discord.Permissions(**{str(name).strip().lower(): True}).value
        except TypeError as exc:
            raise ScenarioError(f"{where}: unknown permission {name!r}") from exc
    return bits


def permission_names(bits: int) -> list[str]:
    """discord.py names of the set bits (for error messages)."""
    return [name for name, on in discord.Permissions(bits) if on]


def iso(when: dt.datetime) -> str:
    """Discord's timestamp format."""
    return when.astimezone(dt.UTC).isoformat(timespec="microseconds")


@dataclass
class User:
    """A Discord user (member or bot)."""

    id: int
    username: str
    global_name: str | None = None
    bot: bool = False
    locale: str = "en-US"

    def payload(self) -> dict[str, Any]:
        """User object as Discord sends it."""
        data: dict[str, Any] = {
            "id": str(self.id),
            "username": self.username,
            "global_name": self.global_name,
            "discriminator": "0",
            "avatar": None,
            "avatar_decoration_data": None,
            "banner": None,
            "accent_color": None,
            "public_flags": 0,
            "flags": 0,
            "primary_guild": None,
            "collectibles": None,
        }
        if self.bot:
            data["bot"] = True
        return data


@dataclass
class Role:
    """A guild role."""

    id: int
    name: str
    permissions: int
    position: int = 0
    color: int = 0
    hoist: bool = False
    mentionable: bool = False
    managed: bool = False
    bot_id: int | None = None

    def payload(self) -> dict[str, Any]:
        """Role object as Discord sends it."""
        data: dict[str, Any] = {
            "id": str(self.id),
            "name": self.name,
            "color": self.color,
            "colors": {"primary_color": self.color, "secondary_color": None, "tertiary_color": None},
            "hoist": self.hoist,
            "icon": None,
            "unicode_emoji": None,
            "position": self.position,
            "permissions": str(self.permissions),
            "managed": self.managed,
            "mentionable": self.mentionable,
            "flags": 0,
        }
        if self.bot_id is not None:
            data["tags"] = {"bot_id": str(self.bot_id)}
        return data


@dataclass
class Overwrite:
    """A channel permission overwrite (type 0 = role, 1 = member)."""

    id: int
    type: int
    allow: int = 0
    deny: int = 0

    def payload(self) -> dict[str, Any]:
        """Overwrite object as Discord sends it."""
        return {"id": str(self.id), "type": self.type, "allow": str(self.allow), "deny": str(self.deny)}


@dataclass
class Channel:
    """A guild channel, thread or DM."""

    id: int
    name: str
    type: int
    guild_id: int | None
    position: int = 0
    parent_id: int | None = None
    topic: str | None = None
    nsfw: bool = False
    overwrites: list[Overwrite] = field(default_factory=list)
    recipient_id: int | None = None  # DMs with the bot
    participants: tuple[int, ...] = ()  # private channels: a DM between members, which no bot is in
    owner_id: int | None = None  # threads
    last_message_id: int | None = None
    flags: int = 0  # forums: REQUIRE_TAG (16); threads: PINNED (2)
    tags: list[dict[str, Any]] = field(default_factory=list)  # forums: available_tags, as Discord sends them
    applied_tags: list[int] = field(default_factory=list)  # forum posts
    locked: bool = False  # threads
    archived: bool = False  # threads

    @property
    def is_thread(self) -> bool:
        """Whether the channel is a thread (permissions come from the parent)."""
        return self.type in THREAD_TYPES

    @property
    def is_private(self) -> bool:
        """A private channel: a DM between members (no bot in it); only a user install reaches it."""
        return self.guild_id is None and bool(self.participants)

    @property
    def mention(self) -> str:
        """How scenarios and transcripts name the channel."""
        if self.guild_id is not None:
            return f"#{self.name}"
        return f"private:{self.name}" if self.participants else f"dm:{self.name}"

    def payload(self, users: Mapping[int, User] | None = None) -> dict[str, Any]:
        """Channel object as Discord sends it."""
        last = str(self.last_message_id) if self.last_message_id else None
        if self.type in (1, 3):  # a DM, or a group DM (its name and owner: the first member)
            ids = self.participants or ((self.recipient_id,) if self.recipient_id is not None else ())
            data = {
                "id": str(self.id),
                "type": self.type,
                "last_message_id": last,
                "flags": 0,
                "recipients": [users[uid].payload() for uid in ids if users and uid in users],
            }
            if self.type == 3:
                data.update(name=self.name, icon=None, owner_id=str(ids[0]))
            return data
        data: dict[str, Any] = {
            "id": str(self.id),
            "type": self.type,
            "guild_id": str(self.guild_id),
            "name": self.name,
            "position": self.position,
            "permission_overwrites": [o.payload() for o in self.overwrites],
            "parent_id": str(self.parent_id) if self.parent_id else None,
            "nsfw": self.nsfw,
            "flags": self.flags,
        }
        if self.type in (0, 5, 15, 16, 11, 12):
            data["topic"] = self.topic
            data["rate_limit_per_user"] = 0
            data["last_message_id"] = last
        if self.type in (15, 16):
            data.update(
                available_tags=[dict(tag) for tag in self.tags],
                default_reaction_emoji=None,
                default_sort_order=None,
                default_forum_layout=0,
                default_thread_rate_limit_per_user=0,
            )
        if self.is_thread:
            data.pop("permission_overwrites", None)
            data.pop("position", None)
            data.update(
                owner_id=str(self.owner_id) if self.owner_id else None,
                message_count=0,
                member_count=1,
                total_message_sent=0,
                applied_tags=[str(tag) for tag in self.applied_tags],
                thread_metadata={
                    "archived": self.archived,
                    "auto_archive_duration": 1440,
                    "archive_timestamp": iso(dt.datetime(2026, 1, 1, tzinfo=dt.UTC)),
                    "locked": self.locked,
                    "create_timestamp": None,
                },
            )
        return data


@dataclass
class Member:
    """A guild member."""

    user: User
    roles: list[int]
    joined_at: dt.datetime
    nick: str | None = None

    def payload(self, *, with_user: bool = True, permissions: int | None = None) -> dict[str, Any]:
        """Guild member object as Discord sends it (`permissions` only inside interactions)."""
        data: dict[str, Any] = {
            "nick": self.nick,
            "avatar": None,
            "banner": None,
            "roles": [str(r) for r in self.roles],
            "joined_at": iso(self.joined_at),
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "communication_disabled_until": None,
            "avatar_decoration_data": None,
        }
        if with_user:
            data["user"] = self.user.payload()
        if permissions is not None:
            data["permissions"] = str(permissions)
        return data


@dataclass
class BotApp:
    """A bot application known to the fake Discord: its id, bot user, managed role and commands."""

    key: str
    id: int
    user: User
    token: str
    role_id: int
    owner_id: int
    # (guild_id or None, name, type) -> command payload, as synced through the API
    synced: dict[tuple[int | None, str, int], dict[str, Any]] = field(default_factory=dict)
    # the same, derived from the running client's command tree (what a sync would upload)
    local: dict[tuple[int | None, str, int], dict[str, Any]] = field(default_factory=dict)
    presence: dict[str, Any] = field(default_factory=dict)

    def command(self, guild_id: int | None, name: str, type_: int = 1) -> dict[str, Any] | None:
        """The command Discord would invoke: synced first (guild, then global), then the local tree."""
        for table in (self.synced, self.local):
            for key in ((guild_id, name, type_), (None, name, type_)):
                if key in table:
                    return table[key]
        return None

    def command_names(self, guild_id: int | None) -> list[str]:
        """Names of every chat-input command this app has in the guild."""
        names = {
            name
            for table in (self.synced, self.local)
            for (gid, name, t) in table
            if t == 1 and gid in (None, guild_id)
        }
        return sorted(names)


@dataclass
class Guild:
    """The one guild a replay session runs in."""

    id: int
    name: str
    locale: str
    owner_id: int
    roles: dict[int, Role] = field(default_factory=dict)
    channels: dict[int, Channel] = field(default_factory=dict)
    members: dict[int, Member] = field(default_factory=dict)
    features: list[str] = field(default_factory=list)

    @property
    def everyone(self) -> Role:
        """The @everyone role (same id as the guild)."""
        return self.roles[self.id]

    def base_permissions(self, user_id: int) -> int:
        """Guild-level permissions of a member (owner and administrators get everything)."""
        if user_id == self.owner_id:
            return ALL_PERMISSIONS
        member = self.members.get(user_id)
        perms = self.everyone.permissions
        if member is not None:
            for role_id in member.roles:
                role = self.roles.get(role_id)
                if role is not None:
                    perms |= role.permissions
        if perms & ADMINISTRATOR:
            return ALL_PERMISSIONS
        return perms

    def channel_permissions(self, user_id: int, channel: Channel) -> int:
        """Permissions of a member in a channel: Discord's algorithm (base, @everyone, roles, member overwrites)."""
        if channel.guild_id is None:
            return VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | ATTACH_FILES | READ_HISTORY | USE_COMMANDS
        if channel.is_thread and channel.parent_id in self.channels:
            return self.channel_permissions(user_id, self.channels[channel.parent_id])
        perms = self.base_permissions(user_id)
        if perms & ADMINISTRATOR:
            return ALL_PERMISSIONS
        member = self.members.get(user_id)
        role_ids = set(member.roles) if member else set()
        by_target = {(o.type, o.id): o for o in channel.overwrites}
        everyone = by_target.get((0, self.id))
        if everyone:
            perms = (perms & ~everyone.deny) | everyone.allow
        allow = deny = 0
        for ow in channel.overwrites:
            if ow.type == 0 and ow.id in role_ids:
                allow |= ow.allow
                deny |= ow.deny
        perms = (perms & ~deny) | allow
        own = by_target.get((1, user_id))
        if own:
            perms = (perms & ~own.deny) | own.allow
        if not perms & VIEW_CHANNEL:
            return 0
        if not perms & SEND_MESSAGES:
            # Discord: without Send Messages, the send-related permissions are implicitly denied.
            perms &= ~(EMBED_LINKS | ATTACH_FILES | discord.Permissions(mention_everyone=True).value)
        return perms

    def text_channels(self) -> Iterable[Channel]:
        """Channels where messages can be posted, in position order."""
        return sorted((c for c in self.channels.values() if c.type in (0, 5)), key=lambda c: (c.position, c.id))
