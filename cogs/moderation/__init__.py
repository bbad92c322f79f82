"""Moderation: `/mod queue`, `/mod audit`, the story queue's actions, and the periodic work (publishing slots,
expiry, reminders)."""

from __future__ import annotations

from discord.ext import commands

from parley.cogs._shared.runtime import ensure_services


async def setup(bot: commands.Bot) -> None:
    """Load the capability."""
    # Imported here: the story and moderation packages use each other's helpers, and the package itself
    # stays importable (parley.cogs.moderation.story_queue from parley.cogs.stories) without loading the cog.
    from parley.cogs.moderation.cog import Moderation

    await bot.add_cog(Moderation(bot, await ensure_services(bot)))
