"""Base views and modals: owner checks, errors routed to the chain, timeouts that disable rather than break."""

from __future__ import annotations

from typing import Any

import discord

from parley.cogs._shared.errors import handle_error
from parley.domain.errors import NotYours


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


class ParleyModal(discord.ui.Modal):
    """A modal whose errors reach the chain (a modal's on_error never reaches the tree's)."""

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        await handle_error(interaction, error, where=f"modal:{type(self).__name__}")


class ParleyDynamicItemBase:
    """Mixin for persistent components: subclasses implement `handle`; errors are routed to the chain here,
    because a DynamicItem lives in a plain View whose on_error would only log.

    Use as `class X(ParleyDynamicItemBase, discord.ui.DynamicItem[discord.ui.Button], template=...)`.
    Custom ids follow `parley:<capability>:<action>:<entity>`: lowercase, at most 100 characters, no free text.
    """

    custom_id: str

    @classmethod
    def examples(cls) -> list[Any]:
        """Instances whose custom ids must fully match the class template (checked by the architecture test).

        The default builds one with no arguments; classes whose constructor needs ids override it.
        """
        return [cls()]

    async def callback(self, interaction: discord.Interaction) -> None:  # type: ignore[override]
        try:
            await self.handle(interaction)
        except Exception as error:
            await handle_error(interaction, error, where=self.custom_id)

    async def handle(self, interaction: discord.Interaction) -> None:
        """React to a press; every subclass defines it."""
        raise TypeError(f"{type(self).__name__} must define handle()")
