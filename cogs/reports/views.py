"""The Report button and the report form.

The button is a DynamicItem (`parley:report:open:<kind>:<item>`) so it works on every post after restarts; its id
names the item, never who pressed or who wrote it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord

from parley.cogs._shared.cog import cog_of
from parley.cogs._shared.items import SNOWFLAKE, PersistentItem, one_of
from parley.cogs._shared.views import ParleyModal
from parley.domain.reports import DETAILS_MAX_CHARS, REPORT_REASONS, REPORTABLE
from parley.i18n import Translations

if TYPE_CHECKING:
    from parley.cogs.reports.cog import Reports


def _reports(interaction: discord.Interaction) -> Reports:
    from parley.cogs.reports.cog import Reports

    return cog_of(interaction, Reports)


def report_label(t: Translations) -> str:
    """The button's text in a language."""
    return t.gettext("Report")


class ReportButton(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Button],
    custom_id="parley:report:open:{kind}:{item_id}",
    kind=one_of(REPORTABLE),
    item_id=SNOWFLAKE,
):
    """Report a published story or an approved tip to the moderators (the form asks why)."""

    kind: str
    item_id: int

    def __init__(self, kind: str, item_id: int, label: str | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                custom_id=self.bind(kind=kind, item_id=item_id),
                label=label or "Report",
                emoji="🚩",
                style=discord.ButtonStyle.secondary,
            )
        )

    @classmethod
    def keep(cls, item: discord.ui.Item[Any]) -> dict[str, Any]:
        # A shared post keeps the label in the server's language it was drawn in.
        return {"label": getattr(item, "label", None)}

    async def handle(self, interaction: discord.Interaction) -> None:
        """Check the member may report it, then open the form."""
        await _reports(interaction).open_form(interaction, self.kind, self.item_id)


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
