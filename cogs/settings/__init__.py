"""Server settings (`/setup`) and a member's language (`/language`)."""

from __future__ import annotations

from discord.ext import commands

from parley.cogs._shared.runtime import ensure_services
from parley.cogs.settings.cog import Settings


async def setup(bot: commands.Bot) -> None:
    """Load the capability."""
    await bot.add_cog(Settings(bot, await ensure_services(bot)))
