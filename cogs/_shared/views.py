"""Base views and modals: owner checks, errors routed to the chain, timeouts that disable rather than break."""

from __future__ import annotations

import secrets
from typing import Any

import discord

from parley.cogs._shared.errors import handle_error
from parley.cogs._shared.items import PersistentItem
from parley.domain.errors import NotYours

# The custom id prefix of a non-persistent view's buttons and selects (an owned confirm step, a retry card),
# followed by this process's boot tag: a press on an id from another boot is from before a restart.
ONE_OFF_PREFIX = "parley:once:"
BOOT = secrets.token_hex(4)
THIS_BOOT = f"{ONE_OFF_PREFIX}{BOOT}:"


class OwnedLayoutView(discord.ui.LayoutView):
    """A Components V2 layout only its owner may press; errors go through the chain."""

    def __init__(self, owner_id: int | None = None, *, timeout: float | None = 600) -> None:
        super().__init__(timeout=timeout)
        self.owner_id = owner_id

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if self.owner_id is not None and interaction.user.id != self.owner_id:
            await handle_error(interaction, NotYours())
            return False
        return True

    async def on_error(self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any]) -> None:
        await handle_error(interaction, error, where=getattr(item, "custom_id", None) or type(item).__name__)

    def to_components(self) -> list[dict[str, Any]]:
        # discord.py gives items a random id when none was set; after a restart (or the timeout) nothing answers
        # it and the member sees "This interaction failed". Under the parley: prefix the fallback in
        # cogs/parley.py answers instead ("this has expired"). The id stays random: it carries no data.
        for item in self.walk_children():
            if getattr(item, "url", None) or getattr(item, "_provided_custom_id", True):
                continue
            custom_id = getattr(item, "custom_id", None)
            if isinstance(custom_id, str) and not custom_id.startswith(ONE_OFF_PREFIX):
                item.custom_id = THIS_BOOT + custom_id  # type: ignore[attr-defined]
        return super().to_components()


class ParleyModal(discord.ui.Modal):
    """A modal whose errors reach the chain (a modal's on_error never reaches the tree's)."""

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        await handle_error(interaction, error, where=f"modal:{type(self).__name__}")


#: The earlier name of the persistent-component base (declare ids with `custom_id=` and fields, see items.py).
ParleyDynamicItemBase = PersistentItem
