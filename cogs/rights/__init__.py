"""Know your rights: a card per jurisdiction with a freelance payment law, picked from the walkthrough's result."""

from __future__ import annotations

from discord.ext import commands

from parley.cogs._shared.runtime import ensure_services


async def setup(bot: commands.Bot) -> None:
    """Load the capability."""
    from parley.cogs.rights.cog import Rights

    await bot.add_cog(Rights(bot, await ensure_services(bot)))
