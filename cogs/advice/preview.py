"""The private preview of a tip: the anonymised text, what may still identify someone, Confirm / Edit / Cancel.

The raw tip lives only between the form and the anonymiser; this card (memory only, gone after its timeout) holds
the anonymised version, and Confirm stores exactly that.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

import discord

from parley.cogs._shared.flags import flag_select, flags_of, picked
from parley.cogs._shared.views import OwnedLayoutView
from parley.cogs.advice.modals import ACCENT, TipDraft
from parley.domain.anonymiser.review import take_out
from parley.i18n import Translations

if TYPE_CHECKING:
    from parley.cogs.advice.cog import Advice

PREVIEW_SECONDS = 900


class TipPreviewCard(OwnedLayoutView):
    """The anonymised tip for its author to check; `draft.text` is already anonymised."""

    def __init__(self, cog: Advice, t: Translations, owner_id: int, draft: TipDraft, removed: str | None) -> None:
        super().__init__(owner_id, timeout=PREVIEW_SECONDS)
        self.cog = cog
        self.t = t
        self.draft = draft
        self.removed = removed
        self.flags = flags_of(cog.anonymiser(), draft.text, draft.lang or t.lang)
        parts: list[discord.ui.Item[Any]] = [discord.ui.TextDisplay(self.render())]
        if self.flags:
            select = flag_select(t, self.flags)
            select.callback = self.take_out  # type: ignore[method-assign]
            parts.append(discord.ui.ActionRow(select))
        parts.append(
            discord.ui.ActionRow(
                _Button(self, "confirm", t.gettext("Confirm and send"), "✅", discord.ButtonStyle.success),
                _Button(self, "edit", t.gettext("Edit"), "✏️", discord.ButtonStyle.secondary),
                _Button(self, "cancel", t.gettext("Cancel"), "🗑️", discord.ButtonStyle.secondary),
            )
        )
        self.add_item(discord.ui.Container(*parts, accent_colour=ACCENT))

    def render(self) -> str:
        return self.cog.render_tip_preview(self.t, self.draft, self.removed, self.flags)

    async def take_out(self, interaction: discord.Interaction) -> None:
        """Replace the picked words with placeholders of their kind and show the preview again."""
        select = next(c for c in self.walk_children() if isinstance(c, discord.ui.Select))
        text, _ = take_out(self.draft.text, picked(select.values), self.draft.lang or self.t.lang)
        card = TipPreviewCard(self.cog, self.t, interaction.user.id, replace(self.draft, text=text), self.removed)
        self.stop()
        await interaction.response.edit_message(view=card)

    async def act(self, interaction: discord.Interaction, action: str) -> None:
        self.stop()
        if action == "confirm":
            await self.cog.confirm_tip(interaction, self.t, self.draft)
        elif action == "edit":
            await interaction.response.send_modal(await self.cog.tip_modal(interaction, self.t, self.draft))
        else:
            text = "🗑️ " + self.t.gettext("Cancelled. Nothing was saved: the tip is gone.")
            view = discord.ui.LayoutView(timeout=None)
            view.add_item(discord.ui.Container(discord.ui.TextDisplay(text), accent_colour=ACCENT))
            await interaction.response.edit_message(view=view)


class _Button(discord.ui.Button["TipPreviewCard"]):
    def __init__(self, card: TipPreviewCard, action: str, label: str, emoji: str, style: discord.ButtonStyle) -> None:
        super().__init__(label=label, emoji=emoji, style=style)
        self.card = card
        self.action = action

    async def callback(self, interaction: discord.Interaction) -> None:
        await self.card.act(interaction, self.action)
