"""The walkthrough (`/situation`) and the red-flag check (`/redflags`)."""

from __future__ import annotations

from discord.ext import commands

from cogs._shared.runtime import ensure_services
from cogs.situation.cog import Situation


async def setup(bot: commands.Bot) -> None:
    """Load the capability."""
    await bot.add_cog(Situation(bot, await ensure_services(bot)))
