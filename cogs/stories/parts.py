"""What the Stories cog does, in three parts the cog delegates to: sharing, the author's list, reading.

Each part holds the services and asks the cog for the member's key and language; the cog keeps only the slash
commands and the wiring, so each flow reads top to bottom in one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from parley.database.repositories.stories import StoriesRepository
from parley.i18n import Translations

if TYPE_CHECKING:
    from parley.cogs.stories.cog import Stories


class Part:
    """A piece of the Stories cog: its services, its bot, the stories repository, the member's key and language."""

    def __init__(self, cog: Stories) -> None:
        self.cog = cog
        self.services = cog.services
        self.bot = cog.bot

    @property
    def repo(self) -> StoriesRepository:
        """The stories repository."""
        return StoriesRepository(self.services.db)

    def member_key(self, interaction: discord.Interaction) -> str | None:
        """The member's keyed hash in this guild."""
        return self.cog.member_key(interaction)

    async def translations(self, interaction: discord.Interaction) -> Translations:
        """The member's reply language."""
        return await self.cog.translations(interaction)
