"""Message drafts (`/draft`): a ready-to-send message to a client, in the client's language."""

from __future__ import annotations

from discord.ext import commands

from parley.cogs._shared.runtime import ensure_services
from parley.cogs.drafts.cog import Drafts


async def setup(bot: commands.Bot) -> None:
    """Load the capability."""
    await bot.add_cog(Drafts(bot, await ensure_services(bot)))
