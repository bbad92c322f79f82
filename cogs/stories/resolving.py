"""Resolved, from `/story mine`: the author marks a published story Resolved and may add a short update.

The mark itself says nothing new about anyone, so it shows at once (the Resolved tag in a forum, a line on the card
in a text channel). The update is words, so it goes the way a story goes: the form, the anonymiser, a private
preview with what was removed (kept in memory only), the author's confirmation, then the moderators' queue; only an
approved update is posted. The post never says who asked: the bot posts it, like the story.
"""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import discord

from parley.cogs._shared.flags import removed_line
from parley.cogs._shared.queue import deliver
from parley.cogs._shared.respond import acknowledge, respond, update
from parley.cogs._shared.views import ParleyModal
from parley.cogs.stories import views
from parley.cogs.stories.cards import story_body
from parley.cogs.stories.forum import show_resolved
from parley.cogs.stories.parts import Part
from parley.database.repositories.forum import ForumRepository
from parley.domain.errors import NotFound
from parley.domain.forum import UPDATE_MAX_CHARS, validate_update
from parley.domain.stories import PREVIEW_TTL, SPAN_ORDER, PreviewGone, StoryStatus, TtlStore, day_of, stamp
from parley.i18n import Translations

if TYPE_CHECKING:
    from parley.cogs.stories.cog import Stories


@dataclass(frozen=True, slots=True)
class UpdatePreview:
    """An update as its author previews it: ANONYMISED text only, in memory, for the author who wrote it."""

    token: str
    guild_id: int
    user_id: int
    story_id: int
    text: str
    placeholders: frozenset[str]
    removed: tuple[tuple[str, int], ...]


class ResolveModal(ParleyModal):
    """ "How did it end?": an optional short update (left empty, the story is just marked Resolved)."""

    def __init__(self, flow: Resolving, t: Translations, story_id: int) -> None:
        super().__init__(title=t.gettext("Mark your story resolved")[:45], timeout=1800)
        self.flow = flow
        self.t = t
        self.story_id = story_id
        self.update = discord.ui.TextInput(
            style=discord.TextStyle.paragraph,
            placeholder=t.gettext("How did it end? No names: they are removed anyway.")[:100],
            max_length=UPDATE_MAX_CHARS,
            required=False,
        )
        self.add_item(
            discord.ui.Label(
                text=t.gettext("Update (optional)")[:45],
                description=t.gettext("Readers see it under your story, anonymised, once a moderator approves it.")[
                    :100
                ],
                component=self.update,
            )
        )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Hand the update to the flow; the raw text goes no further than the anonymiser."""
        await self.flow.submitted(interaction, self.t, self.story_id, self.update.value or "")


class Resolving(Part):
    """The Resolved mark and the author's update."""

    def __init__(self, cog: Stories) -> None:
        super().__init__(cog)
        self.previews: TtlStore[UpdatePreview] = TtlStore(PREVIEW_TTL)

    @property
    def forum(self) -> ForumRepository:
        """The forum repository (Resolved marks live with the stories)."""
        return ForumRepository(self.services.db)

    async def open_form(self, interaction: discord.Interaction, t: Translations, story_id: int) -> None:
        """The update form, for the author's published story that is not resolved yet."""
        await self._own_published(interaction, story_id)
        await interaction.response.send_modal(ResolveModal(self, t, story_id))

    async def _own_published(self, interaction: discord.Interaction, story_id: int) -> None:
        key = self.member_key(interaction)
        guild_id = interaction.guild_id or 0
        story = await self.repo.get(guild_id, story_id)
        if story is None or not story.is_by(key) or story.status is not StoryStatus.PUBLISHED:
            raise NotFound()  # the same answer whether it is gone or someone else's
        if story_id in await self.forum.resolutions(guild_id, [story_id]):
            raise NotFound()

    async def submitted(self, interaction: discord.Interaction, t: Translations, story_id: int, raw: str) -> None:
        """No update: mark it now. An update: anonymise it and show the private preview."""
        await self._own_published(interaction, story_id)
        if not raw.strip():
            await self.resolve(interaction, t, story_id, None)
            return
        cleaned = validate_update(raw)
        result = self.cog.sharing.rules.anonymiser().anonymise(cleaned, None)
        del raw, cleaned  # the raw text is not needed past the anonymiser
        counts = Counter(span.type for span in result.spans)
        preview = UpdatePreview(
            token=secrets.token_hex(8),
            guild_id=interaction.guild_id or 0,
            user_id=interaction.user.id,
            story_id=story_id,
            text=result.text,
            placeholders=frozenset(span.placeholder for span in result.spans),
            removed=tuple((kind, counts[kind]) for kind in SPAN_ORDER if counts[kind]),
        )
        self.previews.put(preview.token, preview, self.services.clock.now())
        await respond(interaction, view=self.preview_card(t, preview), ephemeral=True)

    def preview_card(self, t: Translations, preview: UpdatePreview) -> views.TextCard:
        """What readers would see, what was removed, and Confirm / Cancel."""
        removed = removed_line(t, preview.removed)
        lines = [
            "### 👀 " + t.gettext("Your update, as readers would see it"),
            "🔒 " + t.gettext("Removed: {what}", what=removed) if removed else "",
            "-# " + t.gettext("A moderator approves it before it is posted; nobody learns who wrote it."),
        ]
        body, _ = story_body(preview.text, 1500, preview.placeholders)
        buttons: list[discord.ui.Item[Any]] = [
            views.UpdateButton("confirm", preview.token, t),
            views.UpdateButton("cancel", preview.token, t),
        ]
        return views.TextCard("\n".join(line for line in lines if line), body, rows=[buttons])

    async def update_action(self, interaction: discord.Interaction, action: str, token: str) -> None:
        """Confirm (mark Resolved, queue the update) or cancel (nothing is kept)."""
        t = await self.translations(interaction)
        now = self.services.clock.now()
        preview = self.previews.get(token, now)
        if preview is None or preview.user_id != interaction.user.id:
            raise PreviewGone(command=t.command("story mine"))
        self.previews.pop(token, now)
        if action == "cancel":
            text = "🗑️ " + t.gettext("Cancelled. Nothing was saved: the update is gone.")
            await update(interaction, view=views.TextCard(text))
            return
        await self.resolve(interaction, t, preview.story_id, preview.text)

    async def resolve(self, interaction: discord.Interaction, t: Translations, story_id: int, text: str | None) -> None:
        """Store the mark (and queue the update), answer with the author's list, then show the mark on the post."""
        guild = interaction.guild
        key = self.member_key(interaction)
        if guild is None or key is None:
            raise NotFound()
        now = self.services.clock.now()
        await acknowledge(interaction)
        entry = await self.forum.resolve(guild.id, story_id, key, day_of(now), stamp(now), text)
        if text:
            notice = "✅ " + t.gettext("Marked resolved. Your update is with the moderators.")
        else:
            notice = "✅ " + t.gettext("Marked resolved.")
        await update(interaction, view=await self.cog.mine_list.mine_card(interaction, t, notice=notice))
        # After the answer: the mark on the post, and the update's card in the queue.
        story = await self.repo.get(guild.id, story_id)
        resolution = (await self.forum.resolutions(guild.id, [story_id])).get(story_id)
        if story is not None and resolution is not None:
            await show_resolved(self.services, self.bot, story, resolution)
        if entry is not None:
            await deliver(self.services, guild, entry)  # a card, or a line in the digest
