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


def missing_bot_permissions(channel: discord.abc.GuildChannel, embed: bool = True) -> list[str]:
    """Name the permissions the bot lacks to post in a channel (empty when it can)."""
    me = channel.guild.me
    if me is None:
        return []
    perms = channel.permissions_for(me)
    needed = ["view_channel", "send_messages"] + (["embed_links"] if embed else [])
    return [name for name in needed if not getattr(perms, name)]
