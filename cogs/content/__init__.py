"""The server's own content: `/content import|list|remove|export` for admins."""

from __future__ import annotations

from discord.ext import commands

from parley.cogs._shared.runtime import ensure_services


async def setup(bot: commands.Bot) -> None:
    """Load the capability."""
    from parley.cogs.content.cog import Content

    await bot.add_cog(Content(bot, await ensure_services(bot)))
