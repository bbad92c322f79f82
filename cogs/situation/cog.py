"""`/situation` (the guided walkthrough) and `/redflags` (screen a prospect): the commands and the wiring.

Each command opens one ephemeral card that is edited in place. The flows live in their own parts: the walkthrough
in walkthrough.py, the red-flag check in checklist.py, what both share (load, check, conditional save) in flows.py.
"""

from __future__ import annotations

import discord
from discord import app_commands
from discord.app_commands import locale_str
from discord.ext import commands

from parley.cogs._shared import voting
from parley.cogs._shared.cog import ParleyCog
from parley.cogs.situation import samples, views
from parley.cogs.situation.checklist import REDFLAGS, Checklist
from parley.cogs.situation.flows import FlowPart
from parley.cogs.situation.modals import MAX_WORDS
from parley.cogs.situation.walkthrough import SITUATION, Walkthrough
from parley.services import Services

__all__ = ["REDFLAGS", "SITUATION", "Situation"]


class Situation(ParleyCog):
    """The walkthrough and the red-flag check."""

    # The vote buttons on the result card must work even when this is the only Parley cog a host loads.
    dynamic_items = (*views.DYNAMIC_ITEMS, *voting.DYNAMIC_ITEMS)
    template_samples = samples.TEMPLATE_SAMPLES

    def __init__(self, bot: commands.Bot, services: Services) -> None:
        super().__init__(bot, services)
        self.walkthrough = Walkthrough(self)
        self.checklist = Checklist(self)

    def part(self, kind: str) -> FlowPart:
        """The part that runs flows of a kind."""
        return self.walkthrough if kind == SITUATION else self.checklist

    @app_commands.command(
        name=locale_str("situation"), description=locale_str("Talk through a difficult client situation, step by step")
    )
    @app_commands.guild_only()
    @app_commands.describe(describe=locale_str("Optional: what is happening, in your own words"))
    @app_commands.rename(describe=locale_str("describe"))
    async def situation(
        self, interaction: discord.Interaction, describe: app_commands.Range[str, 1, MAX_WORDS] | None = None
    ) -> None:
        """Start a walkthrough (reading `describe` first, when given)."""
        await self.walkthrough.start(interaction, describe)

    @app_commands.command(
        name=locale_str("redflags"),
        description=locale_str("Check a prospective client for warning signs before you say yes"),
    )
    @app_commands.guild_only()
    async def redflags(self, interaction: discord.Interaction) -> None:
        """Start a red-flag check."""
        await self.checklist.start(interaction)

    async def on_words(
        self, interaction: discord.Interaction, kind: str, flow_id: str, version: int, text: str
    ) -> None:
        """Read the member's own words into their flow (a modal opened on an older card still counts)."""
        part = self.part(kind)
        t = await part.translations(interaction)
        flow = await part.load(interaction, flow_id, None, t)
        if flow is None:
            return
        await part.words(interaction, t, flow, text.strip()[:MAX_WORDS] or None)
