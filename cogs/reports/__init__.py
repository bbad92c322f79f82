"""Reports and corrections: members report published stories and tips; authors ask for corrections.

The Report button (on story posts and on members' tips in the advice lists) opens a form with a reason; each
report is a card in the moderators' queue (take down, edit, dismiss). Corrections an author asks for from
/story mine are cards too. `/mod lockdown` lives with the moderation commands (cogs/moderation/lockdown.py).
"""

from __future__ import annotations

from discord.ext import commands

from parley.cogs._shared.runtime import ensure_services
from parley.cogs.reports.cog import Reports


async def setup(bot: commands.Bot) -> None:
    """Load the capability."""
    await bot.add_cog(Reports(bot, await ensure_services(bot)))
