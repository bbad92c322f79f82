"""The Report button, put on other capabilities' cards (story posts, members' tips); the reports capability answers.

It is a DynamicItem (`parley:report:open:<kind>:<item>`) so it works on every post after restarts; its id names
the item, never who pressed or who wrote it. It lives here, not in cogs/reports, so that stories and advice can
show it without importing the capability that handles it.
"""

from __future__ import annotations

from typing import Any

import discord

from parley.cogs._shared.items import SNOWFLAKE, PersistentItem, one_of
from parley.domain.errors import NotFound
from parley.domain.reports import REPORTABLE
from parley.i18n import Translations

#: The cog that answers the button (cogs/reports).
REPORTS_COG = "Reports"


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
        cog = interaction.client.get_cog(REPORTS_COG)  # type: ignore[attr-defined]
        if cog is None:
            raise NotFound()  # the reports capability is not loaded in this bot
        await cog.open_form(interaction, self.kind, self.item_id)
