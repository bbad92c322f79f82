"""Moderation: `/mod queue`, `/mod audit`, and the periodic work (publishing slots, expiry, reminders).

What each kind of submission shows and does in the queue lives with its capability (stories: cogs/stories/queue.py,
tips: cogs/advice/views.py); the shared card and buttons are cogs/_shared/queue.py.
"""

from __future__ import annotations

from discord.ext import commands

from parley.cogs._shared.runtime import ensure_services
from parley.cogs.moderation.cog import Moderation


async def setup(bot: commands.Bot) -> None:
    """Load the capability."""
    await bot.add_cog(Moderation(bot, await ensure_services(bot)))
