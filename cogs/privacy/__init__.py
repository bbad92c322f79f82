"""Privacy: `/privacy about` (the data statement), `/privacy export`, `/privacy forget`, retention, leaving servers."""

from __future__ import annotations

from discord.ext import commands

from parley.cogs._shared.runtime import ensure_services


async def setup(bot: commands.Bot) -> None:
    """Load the capability."""
    from parley.cogs.privacy.cog import Privacy

    await bot.add_cog(Privacy(bot, await ensure_services(bot)))
