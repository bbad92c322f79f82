"""Cases (`/case`): a client problem Parley follows up with the member, with reminders, until it is resolved."""

from __future__ import annotations

from discord.ext import commands

from parley.cogs._shared.runtime import ensure_services
from parley.cogs.cases.cog import Cases


async def setup(bot: commands.Bot) -> None:
    """Load the capability."""
    await bot.add_cog(Cases(bot, await ensure_services(bot)))
