"""Anonymised horror stories: `/story share`, `/story browse`, `/story mine`."""

from __future__ import annotations

from discord.ext import commands

from parley.cogs._shared.runtime import ensure_services


async def setup(bot: commands.Bot) -> None:
    """Load the capability."""
    # Imported here: the story and moderation packages use each other's helpers, and the package itself
    # stays importable (parley.cogs.moderation.story_queue from parley.cogs.stories) without loading the cog.
    from parley.cogs.stories.cog import Stories

    await bot.add_cog(Stories(bot, await ensure_services(bot)))
