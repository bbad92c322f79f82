"""Stats: `/stats`, what the community learned as a chart (aggregates only, k-anonymous cells)."""

from __future__ import annotations

from discord.ext import commands

from parley.cogs._shared.runtime import ensure_services


async def setup(bot: commands.Bot) -> None:
    """Load the capability."""
    from parley.cogs.stats.cog import Stats

    await bot.add_cog(Stats(bot, await ensure_services(bot)))
