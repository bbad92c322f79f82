"""Authors' Resolved updates in the moderators' queue: approve (posted under the story) or reject (with a reason).

A separate kind from stories: an update is short, already anonymised and previewed by its author, and attached to a
story that is public; moderators see the story's number and title for context, never who wrote either.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord

from parley.cogs._shared.queue import QueueKind, register_queue_kind
from parley.cogs.stories.cards import story_body, title_text
from parley.cogs.stories.forum import post_update
from parley.database import Tx
from parley.database.repositories.forum import UPDATE_KIND, ForumRepository
from parley.database.repositories.stories import StoriesRepository
from parley.domain.errors import N_
from parley.domain.moderation import Decision, QueueEntry, QueueStatus

if TYPE_CHECKING:
    from parley.i18n import Translations
    from parley.services import Services

log = logging.getLogger(__name__)


class StoryUpdateQueueKind(QueueKind):
    """An author's update to their Resolved story, waiting for a moderator."""

    name = UPDATE_KIND
    label = N_("Story update")
    actions = ("approve",)

    async def body(self, services: Services, entry: QueueEntry, t: Translations) -> str:
        """The update as readers would see it, with its story's number and title (never its author)."""
        story = await StoriesRepository(services.db).get(entry.guild_id, entry.subject_id)
        resolution = (await ForumRepository(services.db).resolutions(entry.guild_id, [entry.subject_id])).get(
            entry.subject_id
        )
        heading = "### ✅ " + t.gettext("An author marked their story resolved and wrote an update")
        about = t.gettext("Story #{id}", id=entry.subject_id)
        if story is not None and story.title:
            about += f" · {title_text(story.title)}"
        if resolution is None or not resolution.update_text:
            return f"{heading}\n**{about}**\n-# " + t.gettext("The text was taken off this channel after the decision.")
        text, _ = story_body(resolution.update_text, 1500)
        return f"{heading}\n**{about}**\n>>> {text}"

    async def effect(self, tx: Tx, decision: Decision) -> None:
        """A rejected (or expired, or withdrawn) update loses its text; an approved one waits to be posted."""
        await ForumRepository.apply_update_decision(tx, decision)

    async def after(self, services: Services, interaction: discord.Interaction, decision: Decision) -> None:
        """Post an approved update under its story."""
        if decision.entry.status is not QueueStatus.APPROVED:
            return
        entry = decision.entry
        story = await StoriesRepository(services.db).get(entry.guild_id, entry.subject_id)
        resolution = (await ForumRepository(services.db).resolutions(entry.guild_id, [entry.subject_id])).get(
            entry.subject_id
        )
        if story is None or resolution is None:
            return  # the author deleted the story meanwhile
        await post_update(services, interaction.client, story, resolution)


UPDATE_QUEUE_KIND = StoryUpdateQueueKind()


def register(services: Services) -> None:
    """Make updates known to the shared queue buttons (idempotent)."""
    register_queue_kind(services, UPDATE_QUEUE_KIND)
