"""The author's own list: status, the moderators' reasons and notes, withdraw / delete, edit and resubmit.

Stories are found through the member's keyed hash; a story that is not theirs answers exactly like one that does
not exist, so nothing about anyone else's stories can be learned by guessing ids.
"""

from __future__ import annotations

import logging
from typing import Any

import discord

from parley.cogs._shared.cards import jump_url
from parley.cogs._shared.queue import refresh_card
from parley.cogs._shared.respond import update
from parley.cogs.stories import views
from parley.cogs.stories.cards import archetype_name, excerpt, title_text
from parley.cogs.stories.modals import FormContext
from parley.cogs.stories.parts import Part
from parley.database.repositories.forum import ForumRepository, Resolution
from parley.database.repositories.queue import QueueRepository
from parley.domain.errors import N_, NotAllowed, NotFound
from parley.domain.moderation import REJECT_REASONS
from parley.domain.reports import CORRECTION_KIND
from parley.domain.stories import MINE_LIMIT, STATUS_EMOJI, STATUS_LABELS, Story, StoryStatus, stamp
from parley.i18n import Translations

log = logging.getLogger(__name__)


class Mine(Part):
    """/story mine and its buttons."""

    async def mine_card(self, interaction: discord.Interaction, t: Translations, notice: str | None = None) -> Any:
        """The member's newest stories with their status, the moderators' reasons and notes, and actions."""
        guild_id = interaction.guild_id
        key = self.member_key(interaction)
        if guild_id is None or key is None:
            raise NotAllowed()
        stories = await self.repo.mine(guild_id, key, limit=MINE_LIMIT)
        total = await self.repo.count_mine(guild_id, key)
        blocked = await self.repo.is_blocked(guild_id, key)
        resolutions = await ForumRepository(self.services.db).resolutions(guild_id, [s.id for s in stories])
        render = self.services.renderer.render
        items = []
        for story in stories:
            reason = REJECT_REASONS.get(story.reason or "")
            text = render(
                "cards/story_mine_item.md.j2",
                t,
                story=story,
                title=title_text(story.title),
                archetype_name=archetype_name(self.services, story.archetype, t),
                status_emoji=STATUS_EMOJI[story.status],
                status=t.gettext(STATUS_LABELS[story.status]),
                reason=t.gettext(reason) if reason else None,
                excerpt=excerpt(story, 160),
            )
            resolution = resolutions.get(story.id)
            if resolution is not None:
                text += "\n" + resolved_line(t, resolution)
            buttons = self.mine_buttons(t, story, blocked=blocked, resolved=resolution is not None)
            items.append((text, buttons))
        # How the author hears about decisions, and the button that changes it (room is kept for it).
        dms = await self.cog.notices.mine_row(interaction, t) if stories else None
        extra = [dms] if dms else []
        # Eight published stories with links would pass Discord's 40 components.
        items = items[: max(0, views.items_that_fit([*extra, *items]) - len(extra))]
        header = render(
            "cards/story_mine.md.j2",
            t,
            total=total,
            shown=len(items),
            share_command=t.command("story share"),
            notice=notice,
        )
        return views.ListCard(header, [*items, *extra])

    def mine_buttons(
        self, t: Translations, story: Story, *, blocked: bool = False, resolved: bool = False
    ) -> list[discord.ui.Item[Any]]:
        """What the author can do with a story in its state (a blocked author can't resubmit: no dead button)."""
        status = story.status
        if status in (StoryStatus.PENDING, StoryStatus.APPROVED):
            return [views.MineButton("withdraw", story.id, t)]
        if status is StoryStatus.CHANGES_REQUESTED and not blocked:
            return [views.MineButton("resubmit", story.id, t), views.MineButton("withdraw", story.id, t)]
        if status is StoryStatus.PUBLISHING:
            return []
        buttons: list[discord.ui.Item[Any]] = [views.MineButton("delete", story.id, t)]
        if status is StoryStatus.PUBLISHED:
            # Taking it down (Delete) needs nobody's approval; a new text does (the moderators read it first).
            buttons.insert(0, views.MineButton("correct", story.id, t))
        if status is StoryStatus.REJECTED and not blocked:
            buttons.insert(0, views.MineButton("resubmit", story.id, t))
        if status is StoryStatus.PUBLISHED and not resolved:
            buttons.insert(0, views.MineButton("resolve", story.id, t))
        link = jump_url(story.guild_id, story.channel_id, story.message_id)
        if status is StoryStatus.PUBLISHED and link:
            buttons.append(discord.ui.Button(label=t.gettext("See the post"), url=link, emoji="🔗"))
        return buttons

    async def mine_action(self, interaction: discord.Interaction, action: str, story_id: int) -> None:
        """Withdraw / delete (after a confirmation), or edit and resubmit a story sent back or rejected."""
        t = await self.translations(interaction)
        key = self.member_key(interaction)
        story = await self.repo.get(interaction.guild_id or 0, story_id)
        if story is None or not story.is_by(key):
            raise NotFound()  # the same answer whether it is gone or someone else's: nothing is revealed
        if action in ("withdraw", "delete"):
            if story.status is StoryStatus.PUBLISHED:
                question = t.gettext(
                    "Delete story #{id} for good? Its post in the stories channel is deleted too, with its votes.",
                    id=story.id,
                )
            else:
                question = t.gettext(
                    "Remove story #{id}? The moderators won't see it any more, and this can't be undone.",
                    id=story.id,
                )
            card = views.TextCard(
                "⚠️ " + question,
                rows=[[views.MineButton("erase", story.id, t), views.MineButton("keep", story.id, t)]],
            )
            await update(interaction, view=card)
        elif action == "keep":
            await update(interaction, view=await self.mine_card(interaction, t))
        elif action == "erase":
            removed = await self.repo.remove(
                story.guild_id, story.id, story.author_key, stamp(self.services.clock.now())
            )
            notice = "✅ " + t.gettext("Story #{id} was removed.", id=story.id)
            await update(interaction, view=await self.mine_card(interaction, t, notice=notice))
            # After the answer (Discord wants one within 3 seconds): the post and the queue card.
            await self.clean_up_after_removal(removed)
        elif action == "resolve":
            await self.cog.resolving.open_form(interaction, t, story.id)
        elif action == "correct":
            if story.status is not StoryStatus.PUBLISHED:
                raise NotFound()
            modal = self.cog.sharing.story_modal(
                t,
                FormContext(story_id=story.id, correction=True),
                archetype=story.archetype,
                title=story.title,
                text=story.text,
            )
            await interaction.response.send_modal(modal)
        elif action == "resubmit":
            if not story.status.resubmittable:
                raise NotFound()
            modal = self.cog.sharing.story_modal(
                t, FormContext(story_id=story.id), archetype=story.archetype, title=story.title, text=story.text
            )
            await interaction.response.send_modal(modal)

    async def clean_up_after_removal(self, story: Story) -> None:
        """Delete the story's post and take its text off the queue card (failures are logged, not shown)."""
        if story.channel_id and story.message_id:
            channel = self.bot.get_channel(story.channel_id)
            if isinstance(channel, discord.TextChannel | discord.Thread):  # a thread: the story's forum post
                try:
                    await channel.get_partial_message(story.message_id).delete()
                except discord.HTTPException:
                    log.warning("could not delete the post of story %s", story.id)
        if story.queue_id:
            entry = await QueueRepository(self.services.db).get(story.guild_id, story.queue_id)
            if entry is not None:
                await refresh_card(self.services, self.bot, entry)
        correction = await QueueRepository(self.services.db).for_subject(story.guild_id, CORRECTION_KIND, story.id)
        if correction is not None:  # a correction that waited is withdrawn with the story: its card says so
            await refresh_card(self.services, self.bot, correction)
        now = stamp(self.services.clock.now())
        update = await ForumRepository(self.services.db).withdraw_update(story.guild_id, story.id, now)
        if update is not None:  # an update still waiting for the moderators goes with its story
            await refresh_card(self.services, self.bot, update)


UPDATE_LINES = {
    "pending": N_("Your update is with the moderators."),
    "posted": N_("Your update is in the post."),
    "rejected": N_("The moderators didn't publish your update."),
}


def resolved_line(t: Translations, resolution: Resolution) -> str:
    """The author's Resolved mark and where their update stands."""
    line = "-# ✅ " + t.gettext("Marked resolved on {day}.", day=resolution.resolved_on)
    if resolution.update_status in UPDATE_LINES:
        line += " " + t.gettext(UPDATE_LINES[resolution.update_status])
    return line
