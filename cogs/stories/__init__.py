"""Anonymised horror stories: `/story share`, `/story browse`, `/story mine`, and the story kind of the queue."""

from __future__ import annotations

from discord.ext import commands

from parley.cogs._shared.runtime import ensure_services
from parley.cogs.stories.cog import Stories


async def setup(bot: commands.Bot) -> None:
    """Load the capability."""
    await bot.add_cog(Stories(bot, await ensure_services(bot)))
