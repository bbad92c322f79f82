"""`/redflags`: screen a prospective client against the warning signs, then the risk they add up to."""

from __future__ import annotations

import discord

from parley.cogs._shared.respond import acknowledge, respond
from parley.cogs.situation.flows import FlowPart
from parley.cogs.situation.modals import WordsModal
from parley.domain import redflags as rf
from parley.domain import walkthrough as wt
from parley.i18n import Translations

REDFLAGS = "redflags"


class Checklist(FlowPart):
    """The red-flag check: tick what applies (or add words), see the risk and what to do about it."""

    kind = REDFLAGS
    expired = rf.ChecklistExpired
    not_yours = rf.ChecklistNotYours

    async def start(self, interaction: discord.Interaction) -> None:
        """Open a red-flag check."""
        await acknowledge(interaction)
        t = await self.translations(interaction)
        state = rf.ChecklistState()
        flow = await self.create(interaction, t, state, None)
        await respond(interaction, view=self.painter(t).checklist_card(flow.flow_id, flow.version, state))

    def state(self, flow: wt.Flow) -> rf.ChecklistState:
        """A stored red-flag check's state."""
        return rf.ChecklistState.from_json(flow.state, [flag.id for flag in self.services.knowledge.red_flags])

    async def card(
        self, interaction: discord.Interaction, t: Translations, flow: wt.Flow, *, notice: str | None = None
    ) -> discord.ui.LayoutView:
        """The checklist, or the risk it adds up to."""
        state = self.state(flow)
        painter = self.painter(t)
        if state.step != rf.RESULT:
            return painter.checklist_card(flow.flow_id, flow.version, state, notice=notice)
        risk = rf.assess(self.services.knowledge.red_flags, state.checked, flow.free_text)
        return painter.risk_card(flow.flow_id, flow.version, state, risk, await self.extras(interaction), notice=notice)

    async def on_select(self, interaction: discord.Interaction, flow_id: str, version: int, values: list[str]) -> None:
        """The member ticked (or unticked) red flags."""
        t = await self.translations(interaction)
        flow = await self.load(interaction, flow_id, version, t)
        if flow is None:
            return
        valid = [flag.id for flag in self.services.knowledge.red_flags]
        await self.save(interaction, t, flow, self.state(flow).tick(values, valid), free_text=flow.free_text)

    async def on_button(self, interaction: discord.Interaction, action: str, flow_id: str, version: int) -> None:
        """None of these, own words, or start over."""
        t = await self.translations(interaction)
        flow = await self.load(interaction, flow_id, version, t)
        if flow is None:
            return
        if action == "text":
            await interaction.response.send_modal(
                WordsModal(t, REDFLAGS, flow.flow_id, flow.version, current=flow.free_text)
            )
            return
        if action == "none":
            await self.save(interaction, t, flow, self.state(flow).none_apply(), free_text=flow.free_text)
        else:
            await self.save(interaction, t, flow, rf.ChecklistState(), free_text=None)

    async def words(self, interaction: discord.Interaction, t: Translations, flow: wt.Flow, words: str | None) -> None:
        """Words count as one more sign to read; the ticks stay."""
        state = self.state(flow)
        await self.save(interaction, t, flow, state.with_words() if words else state, free_text=words)
