"""`/situation` (the guided walkthrough) and `/redflags` (screen a prospect): the commands and the wiring.

Each command opens one ephemeral card that is edited in place. The flows live in their own parts: the walkthrough
in walkthrough.py, the red-flag check in checklist.py, what both share (load, check, conditional save) in flows.py.
"""

from __future__ import annotations

import discord
from discord import app_commands
from discord.app_commands import locale_str
from discord.ext import commands

from parley.cogs._shared import reach, voting
from parley.cogs._shared.cog import ParleyCog
from parley.cogs._shared.errors import handle_error
from parley.cogs.situation import intake, samples, views
from parley.cogs.situation.checklist import REDFLAGS, Checklist
from parley.cogs.situation.flows import FlowPart
from parley.cogs.situation.modals import MAX_WORDS
from parley.cogs.situation.reply import Reply, ReplyPick
from parley.cogs.situation.walkthrough import SITUATION, Walkthrough
from parley.services import Services

__all__ = ["REDFLAGS", "SITUATION", "Situation"]


class Situation(ParleyCog):
    """The walkthrough and the red-flag check."""

    # The vote buttons on the result card must work even when this is the only Parley cog a host loads.
    dynamic_items = (
        *views.DYNAMIC_ITEMS,
        *voting.DYNAMIC_ITEMS,
        intake.StartHereButton,
        intake.StepByStepButton,
        ReplyPick,
    )
    template_samples = samples.TEMPLATE_SAMPLES

    def __init__(self, bot: commands.Bot, services: Services) -> None:
        super().__init__(bot, services)
        self.walkthrough = Walkthrough(self)
        self.checklist = Checklist(self)
        self.reply = Reply(self)
        # The one message menu (Discord allows an app five, and a plugin shares them with its host).
        self.reply_menu = app_commands.ContextMenu(
            name=locale_str(reach.DRAFT_REPLY_MENU), callback=self.draft_reply, type=discord.AppCommandType.message
        )
        reach.declare(self.reply_menu)

    async def cog_load(self) -> None:
        await super().cog_load()
        self.bot.tree.add_command(self.reply_menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.reply_menu.name, type=self.reply_menu.type)
        await super().cog_unload()

    async def draft_reply(self, interaction: discord.Interaction, message: discord.Message) -> None:
        """Read a client's message and offer the fitting draft (only the member sees the answer)."""
        await self.reply.on_message(interaction, message)

    def part(self, kind: str) -> FlowPart:
        """The part that runs flows of a kind."""
        return self.walkthrough if kind == SITUATION else self.checklist

    @app_commands.command(
        name=locale_str("situation"), description=locale_str("Talk through a difficult client situation, step by step")
    )
    @app_commands.describe(
        describe=locale_str("Optional: what is happening, in your own words"),
        step_by_step=locale_str("One question at a time instead of the one-screen form"),
    )
    @app_commands.rename(describe=locale_str("describe"), step_by_step=locale_str("step_by_step"))
    async def situation(
        self,
        interaction: discord.Interaction,
        describe: app_commands.Range[str, 1, MAX_WORDS] | None = None,
        step_by_step: bool = False,
    ) -> None:
        """Open the one-screen form; step by step when asked (or reading `describe` first, when given)."""
        await self.walkthrough.start(interaction, describe, step_by_step=step_by_step)

    @app_commands.command(
        name=locale_str("redflags"),
        description=locale_str("Check a prospective client for warning signs before you say yes"),
    )
    async def redflags(self, interaction: discord.Interaction) -> None:
        """Start a red-flag check."""
        await self.checklist.start(interaction)

    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """Answer the one-screen form from its raw data: the same path before and after a restart."""
        if interaction.type is not discord.InteractionType.modal_submit:
            return
        data = interaction.data or {}
        if not intake.is_intake_form(data.get("custom_id")):
            return
        try:
            await self.walkthrough.on_intake(interaction, intake.read_submission(data))
        except Exception as error:
            await handle_error(interaction, error, where="modal:intake")

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
