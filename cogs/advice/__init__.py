"""Advice: `/advice browse`, `/advice top` and `/advice suggest`, with community votes and members' tips."""

from __future__ import annotations

from discord.ext import commands

from parley.cogs._shared.runtime import ensure_services
from parley.cogs.advice.cog import Advice


async def setup(bot: commands.Bot) -> None:
    """Load the capability."""
    await bot.add_cog(Advice(bot, await ensure_services(bot)))
