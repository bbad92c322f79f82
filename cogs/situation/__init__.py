"""The walkthrough (`/situation`) and the red-flag check (`/redflags`)."""

from __future__ import annotations

from discord.ext import commands

from parley.cogs._shared.runtime import ensure_services
from parley.cogs.situation.cog import Situation


async def setup(bot: commands.Bot) -> None:
    """Load the capability."""
    await bot.add_cog(Situation(bot, await ensure_services(bot)))
