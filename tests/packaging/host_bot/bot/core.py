"""The host bot: its own cogs first, then Parley, exactly as Parley's README says."""

import discord
from discord.ext import commands

from bot.translator import HostTranslator


class HostBot(commands.Bot):
    def __init__(self) -> None:
        super().__init__(command_prefix="!", intents=discord.Intents.default())

    async def setup_hook(self) -> None:
        await self.load_extension("cogs.ping")  # the host's own cog
        # -- Parley, as in its README ("Adding Parley to an existing discord.py bot") --
        from parley.i18n import I18n
        from parley.i18n.translator import ParleyTranslator

        await self.load_extension("parley.cogs")
        await self.tree.set_translator(ParleyTranslator(I18n.load(), fallback=HostTranslator()))
        # -- end --


async def create_bot() -> HostBot:
    return HostBot()
