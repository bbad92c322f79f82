"""The report form (the Report button itself is shared: cogs/_shared/reporting.py, on other capabilities' cards)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord

from parley.cogs._shared.reporting import ReportButton
from parley.cogs._shared.views import ParleyModal
from parley.domain.reports import DETAILS_MAX_CHARS, REPORT_REASONS
from parley.i18n import Translations

if TYPE_CHECKING:
    from parley.cogs.reports.cog import Reports


class ReportModal(ParleyModal):
    """Why (a select of reasons inside a Label) and optional details (anonymised before anyone reads them)."""

    def __init__(self, cog: Reports, t: Translations, kind: str, item_id: int) -> None:
        title = t.gettext("Report this story") if kind == "story" else t.gettext("Report this tip")
        super().__init__(title=title[:45], timeout=1800)
        self.cog = cog
        self.t = t
        self.kind = kind
        self.item_id = item_id
        self.reason = discord.ui.Select(
            placeholder=t.gettext("Pick the closest reason")[:150],
            options=[
                discord.SelectOption(label=t.gettext(label)[:100], value=code) for code, label in REPORT_REASONS.items()
            ],
            min_values=1,
            max_values=1,
            required=True,
        )
        self.details = discord.ui.TextInput(
            style=discord.TextStyle.paragraph,
            placeholder=t.gettext("What should the moderators know? Names are removed before they read it.")[:100],
            max_length=DETAILS_MAX_CHARS,
            required=False,
        )
        self.add_item(
            discord.ui.Label(
                text=t.gettext("Reason")[:45],
                description=t.gettext("Nobody learns who reported, the author least of all.")[:100],
                component=self.reason,
            )
        )
        self.add_item(discord.ui.Label(text=t.gettext("Details (optional)")[:45], component=self.details))

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Hand the answers to the cog (the details are anonymised there, before anything is stored)."""
        reason = self.reason.values[0] if self.reason.values else None
        await self.cog.submit(interaction, self.t, self.kind, self.item_id, reason, self.details.value)


DYNAMIC_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (ReportButton,)
