"""The base every Parley cog derives from: services by constructor, the member's language, the error chain."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

import discord
from discord import app_commands
from discord.ext import commands

from parley.cogs._shared import reach
from parley.cogs._shared.errors import OptionOutOfRange, handle_error
from parley.domain.errors import NotFound
from parley.i18n import Translations

if TYPE_CHECKING:
    from parley.services import Services

CogT = TypeVar("CogT", bound=commands.Cog)


def loaded_cog(client: Any, cog_type: type[CogT]) -> CogT | None:
    """The loaded cog of that type, or None (another capability a host bot may not have loaded)."""
    cog = client.get_cog(cog_type.__cog_name__) if hasattr(client, "get_cog") else None
    return cog if isinstance(cog, cog_type) else None


def cog_of(interaction: discord.Interaction, cog_type: type[CogT]) -> CogT:
    """The loaded cog of that type, for a component or modal to hand its press to.

    NotFound when that capability isn't loaded (a host bot unloaded it, an old message outlived it).
    """
    cog = loaded_cog(interaction.client, cog_type)
    if cog is None:
        raise NotFound()
    return cog


class ParleyCog(commands.Cog):
    """A capability of Parley; lists its commands in /parley and routes its errors to the chain."""

    #: DynamicItem classes this cog owns; registered on load, removed on unload (persistent across restarts).
    dynamic_items: ClassVar[tuple[type[discord.ui.DynamicItem], ...]] = ()
    #: Sample contexts for each template the cog renders; `python -m parley check` renders them in every language.
    template_samples: ClassVar[Mapping[str, Sequence[Mapping[str, Any]]]] = {}

    def __init__(self, bot: commands.Bot, services: Services) -> None:
        self.bot = bot
        self.services = services

    async def cog_load(self) -> None:
        for command in self.get_app_commands():
            reach.declare(command)  # server only, or wherever the member is (reach.EVERYWHERE)
        if self.dynamic_items:
            self.bot.add_dynamic_items(*self.dynamic_items)

    async def cog_unload(self) -> None:
        # Shared components (vote buttons, queue actions) stay registered while another Parley cog lists them.
        still_used = {
            item for cog in self.bot.cogs.values() if cog is not self for item in getattr(cog, "dynamic_items", ())
        }
        unused = [item for item in self.dynamic_items if item not in still_used]
        if unused:
            self.bot.remove_dynamic_items(*unused)

    def member_key(self, interaction: discord.Interaction) -> str | None:
        """Return the member's keyed hash in this guild (None in DMs)."""
        if interaction.guild_id is None:
            return None
        return self.services.identity.member_key(interaction.guild_id, interaction.user.id)

    def owner_key(self, interaction: discord.Interaction) -> str:
        """The keyed hash that owns what the member starts here: per server in a server, per person elsewhere (a DM,
        a private channel), so a walkthrough or a draft started in a DM is theirs and nobody else's."""
        if interaction.guild_id is None:
            return self.services.identity.user_key(interaction.user.id)
        return self.services.identity.member_key(interaction.guild_id, interaction.user.id)

    async def translations(self, interaction: discord.Interaction) -> Translations:
        """Return the member's reply language for this interaction."""
        lang = await self.services.language_for(
            interaction.guild_id, self.owner_key(interaction), str(interaction.locale)
        )
        return self.services.t(lang)

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        """Enforce the options' declared types, choices and ranges in code: Discord does, but a modified client can
        send anything (a language that is not a choice, a channel with no resolved data). Runs before the command,
        so a refused option leaves nothing half-applied."""
        if not reach.usable_here(interaction):
            raise reach.NotHere()
        command = interaction.command
        for param in getattr(command, "parameters", ()):
            value = getattr(interaction.namespace, param.display_name, None)
            if value is not None and not _option_fits(param, value):
                raise OptionOutOfRange(param.display_name)
        return True

    async def cog_app_command_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        await handle_error(interaction, error)
        interaction.extras["parley_handled"] = True


_SNOWFLAKE_TYPES = {
    discord.AppCommandOptionType.user,
    discord.AppCommandOptionType.channel,
    discord.AppCommandOptionType.role,
    discord.AppCommandOptionType.mentionable,
    discord.AppCommandOptionType.attachment,
}


def _option_fits(param: app_commands.Parameter, value: object) -> bool:
    """Tell whether a received option value is one the command declared: type, choice, range, resolved entity."""
    kind = param.type
    if kind in _SNOWFLAKE_TYPES:
        # Without resolved data discord.py hands over a bare Object: the id names nothing Discord vouched for.
        return type(value) is not discord.Object
    expected = {
        discord.AppCommandOptionType.string: str,
        discord.AppCommandOptionType.integer: int,
        discord.AppCommandOptionType.number: (int, float),
        discord.AppCommandOptionType.boolean: bool,
    }.get(kind)
    if expected is not None and (
        not isinstance(value, expected) or (kind is not discord.AppCommandOptionType.boolean and type(value) is bool)
    ):
        return False
    if param.choices and value not in {choice.value for choice in param.choices}:
        return False
    if isinstance(value, bool):
        return True
    size = len(value) if isinstance(value, str) else value if isinstance(value, int | float) else None
    if size is None:
        return True
    return not (
        (param.min_value is not None and size < param.min_value)
        or (param.max_value is not None and size > param.max_value)
    )
