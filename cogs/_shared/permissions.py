"""The permission model, asked in one place: member, moderator (configured role or Manage Messages), admin.

Discord's `default_permissions` only hides commands by default; server admins can override that, so every
privileged action also checks here, in code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from parley.database.repositories.settings import SettingsRepository
from parley.domain.errors import N_, NotAllowed
from parley.domain.settings import MemberPowers, Role, role_of
from parley.i18n import Translations

if TYPE_CHECKING:
    from parley.services import Services

_REFUSALS = {
    Role.MODERATOR: N_("Only moderators can do that."),
    Role.ADMIN: N_("Only server admins (Manage Server) can do that."),
}


def powers_of(interaction: discord.Interaction) -> MemberPowers:
    """Read the facts the model needs off the interaction (the member's resolved permissions and roles)."""
    perms = interaction.permissions
    roles = getattr(interaction.user, "roles", [])
    return MemberPowers(
        manage_guild=perms.manage_guild or perms.administrator,
        manage_messages=perms.manage_messages or perms.administrator,
        role_ids=frozenset(role.id for role in roles),
    )


async def role_for(services: Services, interaction: discord.Interaction) -> Role:
    """Return what the member is in Parley's eyes in this server."""
    if interaction.guild_id is None:
        return Role.MEMBER
    settings = await SettingsRepository(services.db).get(interaction.guild_id)
    return role_of(powers_of(interaction), settings.moderator_role_id)


async def require(services: Services, interaction: discord.Interaction, needed: Role) -> Role:
    """Raise a kind, translated refusal unless the member has at least `needed`."""
    role = await role_for(services, interaction)
    if role < needed:
        raise NotAllowed(_REFUSALS.get(needed, NotAllowed.message))
    return role


# ------------------------------------------------------------------------------------ the bot's own permissions

#: Discord's permission names as its client shows them (the admin looks for exactly these in channel settings).
PERMISSION_NAMES = {
    "view_channel": N_("View Channel"),
    "send_messages": N_("Send Messages"),
    "embed_links": N_("Embed Links"),
    "read_message_history": N_("Read Message History"),
    "send_messages_in_threads": N_("Send Messages in Threads"),
    "create_public_threads": N_("Create Public Threads"),
    "manage_threads": N_("Manage Threads"),
}

#: What Parley needs in each channel it uses: cards and posts carry components and links (Embed Links), a forum
#: of stories gets a post per story (Create Public Threads, Send Messages in Threads) and its tags (Manage Threads).
CHANNEL_NEEDS: dict[str, tuple[str, ...]] = {
    "queue": ("view_channel", "send_messages", "embed_links", "read_message_history"),
    "stories": ("view_channel", "send_messages", "embed_links", "read_message_history"),
    "forum": (
        "view_channel",
        "send_messages",
        "embed_links",
        "read_message_history",
        "create_public_threads",
        "send_messages_in_threads",
        "manage_threads",
    ),
}
#: In any channel where a member acted (a failed reply there names these first).
REPLY_NEEDS = ("view_channel", "send_messages", "embed_links")


def purpose_of(channel: object, purpose: str) -> str:
    """A stories channel that is a forum needs the forum's permissions."""
    return "forum" if purpose == "stories" and isinstance(channel, discord.ForumChannel) else purpose


def lacking(perms: discord.Permissions, needed: tuple[str, ...]) -> list[str]:
    """The names in `needed` that `perms` doesn't grant (Administrator grants everything)."""
    if perms.administrator:
        return []
    return [name for name in needed if not getattr(perms, name)]


def missing_in_channel(channel: discord.abc.GuildChannel, purpose: str) -> list[str]:
    """What the bot lacks in a channel for a purpose ("queue", "stories"), from the overwrites it can see."""
    me = channel.guild.me
    if me is None:
        return []
    return lacking(channel.permissions_for(me), CHANNEL_NEEDS[purpose_of(channel, purpose)])


def missing_bot_permissions(channel: discord.abc.GuildChannel, embed: bool = True) -> list[str]:
    """Name the permissions the bot lacks to post in a channel (empty when it can)."""
    me = channel.guild.me
    if me is None:
        return []
    needed = ("view_channel", "send_messages") + (("embed_links",) if embed else ())
    return lacking(channel.permissions_for(me), needed)


def missing_here(interaction: discord.Interaction, needed: tuple[str, ...] = REPLY_NEEDS) -> list[str]:
    """What the bot lacks in the interaction's channel, as Discord resolved it for this interaction."""
    return lacking(interaction.app_permissions, needed)


def permission_list(t: Translations, names: list[str]) -> str:
    """Permission names as the admin's Discord client shows them, bold, joined as the language joins a list."""
    return t.join([f"**{t.gettext(PERMISSION_NAMES[name])}**" for name in names])


def grant_line(t: Translations, names: list[str], channel: str) -> str:
    """Say exactly which permissions to grant Parley where."""
    return t.ngettext(
        "Parley is missing the {permissions} permission in {channel}. A server admin can grant it in the "
        "channel's settings (Permissions).",
        "Parley is missing the {permissions} permissions in {channel}. A server admin can grant them in the "
        "channel's settings (Permissions).",
        len(names),
        permissions=permission_list(t, names),
        channel=channel,
    )


def channel_problems(t: Translations, channels: dict[str, discord.abc.GuildChannel | None]) -> list[str]:
    """A line per configured channel where Parley lacks something it needs ({purpose: channel})."""
    lines = []
    for purpose, channel in channels.items():
        if channel is None:
            continue
        missing = missing_in_channel(channel, purpose)
        if missing:
            lines.append(grant_line(t, missing, channel.mention))
    return lines
