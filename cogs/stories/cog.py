"""`/story share`, `/story browse` and `/story mine`: anonymised horror stories, shared privately, read by all.

Privacy is the feature. The raw text a member types exists only in memory while their form is handled: it goes
straight through the anonymiser, and the member sees the anonymised version in a private preview, held in memory
for a few minutes. Only the version they confirm is stored, with the author as a keyed hash.

The cog holds the commands and the wiring; the flows live in `sharing.py`, `mine.py` and `reading.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.app_commands import locale_str
from discord.ext import commands

from parley.cogs._shared import queue, voting
from parley.cogs._shared.cog import ParleyCog
from parley.cogs._shared.respond import respond
from parley.cogs.stories import privacy_log, update_queue, views
from parley.cogs.stories import queue as story_queue
from parley.cogs.stories.mine import Mine
from parley.cogs.stories.notices import Notices
from parley.cogs.stories.reading import Reading
from parley.cogs.stories.resolving import Resolving
from parley.cogs.stories.samples import TEMPLATE_SAMPLES
from parley.cogs.stories.sharing import Sharing
from parley.database.repositories.stories import StoriesRepository
from parley.database.repositories.votes import Reader
from parley.domain.stories import KIND, Preview, TtlStore
from parley.domain.votes import VoteTarget
from parley.i18n import SOURCE_LANGUAGE
from parley.knowledge import ARCHETYPE_IDS, default_knowledge, pick

if TYPE_CHECKING:
    from parley.services import Services


def archetype_choices() -> list[app_commands.Choice[str]]:
    """The 14 types of client as command choices (Finnish and Russian names travel along)."""
    kb = default_knowledge()
    return [
        app_commands.Choice(
            name=locale_str(pick(kb.archetypes[a].name, SOURCE_LANGUAGE), localizations=dict(kb.archetypes[a].name)),
            value=a,
        )
        for a in ARCHETYPE_IDS
        if a in kb.archetypes
    ]


async def _story_vote_target(services: Any, reader: Reader, guild_id: int, item_id: str) -> VoteTarget | None:
    return await StoriesRepository.vote_target(reader, guild_id, item_id)


class Stories(ParleyCog):
    """Sharing, browsing and managing one's own anonymised stories."""

    dynamic_items = (*views.DYNAMIC_ITEMS, *voting.DYNAMIC_ITEMS, *queue.DYNAMIC_ITEMS)
    template_samples = TEMPLATE_SAMPLES

    story = app_commands.Group(
        name=locale_str("story"),
        description=locale_str("Anonymised stories about difficult clients: share, read, manage yours"),
        guild_only=True,
    )

    def __init__(self, bot: commands.Bot, services: Services) -> None:
        super().__init__(bot, services)
        self.sharing = Sharing(self)
        self.mine_list = Mine(self)
        self.reading = Reading(self)
        self.resolving = Resolving(self)
        self.notices = Notices(self)

    @property
    def previews(self) -> TtlStore[Preview]:
        """Unconfirmed previews, in memory only."""
        return self.sharing.previews

    async def cog_load(self) -> None:
        await super().cog_load()
        privacy_log.install()
        story_queue.register(self.services)
        update_queue.register(self.services)
        voting.register_vote_target(self.services, KIND, _story_vote_target)

    @story.command(name=locale_str("share"), description=locale_str("Share a story about a client, anonymised"))
    async def share(self, interaction: discord.Interaction) -> None:
        """Open the story form once the server and the member are ready for it."""
        await self.open_share(interaction)

    async def open_share(self, interaction: discord.Interaction, *, archetype: str | None = None) -> None:
        """The story form (also from the walkthrough's "Share my story", with the type of client it found)."""
        t = await self.translations(interaction)
        await self.sharing.allow_share(interaction, t)
        await interaction.response.send_modal(self.sharing.story_modal(t, archetype=archetype))

    @story.command(name=locale_str("mine"), description=locale_str("Your stories: status, notes, withdraw or delete"))
    async def mine(self, interaction: discord.Interaction) -> None:
        """List the member's stories, found through their keyed hash."""
        t = await self.translations(interaction)
        await respond(interaction, view=await self.mine_list.mine_card(interaction, t), ephemeral=True)

    @story.command(name=locale_str("browse"), description=locale_str("Read members' stories, by type or by words"))
    @app_commands.rename(archetype=locale_str("type"), search=locale_str("search"))
    @app_commands.describe(
        archetype=locale_str("Only this type of client"), search=locale_str("Words the story should contain")
    )
    @app_commands.choices(archetype=archetype_choices())
    async def browse(
        self,
        interaction: discord.Interaction,
        archetype: str | None = None,
        search: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        """Full-text search over published stories, newest first, with page buttons."""
        await self.reading.browse(interaction, archetype, search)
