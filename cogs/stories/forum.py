"""Stories in a forum channel, on Discord: the forum's tags (/setup), a story's post, its Resolved tag and update.

A plain text channel keeps working as before: the post is a message, and Resolved with its update is an edit of
that message. In a forum the post is a thread named from the anonymised title, tagged with its type of client;
Resolved adds the tag, and the update is a message of the bot's in the thread. Nothing says who the author is.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

import discord

from parley.cogs._shared import voting
from parley.cogs._shared.queue import shared_translations
from parley.cogs._shared.respond import NO_PINGS
from parley.cogs.stories.cards import archetype_name
from parley.database.repositories.forum import ForumRepository, Resolution
from parley.database.repositories.stories import StoriesRepository
from parley.domain.forum import TAG_EMOJI, TAG_NAMES, plan_tags, post_name, post_tags
from parley.domain.stories import KIND, Story

if TYPE_CHECKING:
    from parley.i18n import Translations
    from parley.services import Services

log = logging.getLogger(__name__)

StoriesChannel = discord.TextChannel | discord.ForumChannel


@dataclass(frozen=True, slots=True)
class TagReport:
    """What /setup did to a forum's tags: how many it created, which types found no room, what it lacked."""

    created: int = 0
    no_room: tuple[str, ...] = ()
    forbidden: bool = False


async def sync_tags(services: Services, forum: discord.ForumChannel, t: Translations) -> TagReport:
    """Find or create Parley's tags on a forum, named in the server's language, and remember their ids."""
    repo = ForumRepository(services.db)
    guild_id = forum.guild.id
    wanted = [(key, t.gettext(name)) for key, name in TAG_NAMES.items()]
    existing = [(tag.id, tag.name) for tag in forum.available_tags]
    plan = plan_tags(wanted, existing, await repo.tags(guild_id, forum.id))
    found = dict(plan.found)
    forbidden = False
    if plan.create:
        new_tags = [discord.ForumTag(name=name, emoji=TAG_EMOJI.get(key)) for key, name in plan.create]
        try:
            edited = await forum.edit(available_tags=[*forum.available_tags, *new_tags])
        except discord.Forbidden:
            forbidden = True
        else:
            tags = edited.available_tags if isinstance(edited, discord.ForumChannel) else []
            by_name = {tag.name.casefold(): tag.id for tag in tags}
            found.update({key: by_name[name.casefold()] for key, name in plan.create if name.casefold() in by_name})
    await repo.store_tags(guild_id, forum.id, found)
    return TagReport(0 if forbidden else len(plan.create), plan.no_room, forbidden)


async def post_story(
    services: Services, channel: StoriesChannel, story: Story, view: discord.ui.LayoutView, t: Translations
) -> discord.Message | None:
    """Post a story in the stories channel; in a forum, as a tagged post (None: the forum can't take it yet)."""
    if isinstance(channel, discord.TextChannel):
        return await channel.send(view=view, allowed_mentions=NO_PINGS)
    repo = ForumRepository(services.db)
    available = {tag.id: tag for tag in channel.available_tags}
    ids = post_tags(story.archetype, await repo.tags(channel.guild.id, channel.id), resolved=False)
    tags = [available[i] for i in ids if i in available]
    if channel.flags.require_tag and not tags:
        # Discord would refuse it (a tag is required): the story waits until /setup has made the tags again.
        log.warning("guild %s: the forum requires a tag and Parley's tags are missing; run /setup", channel.guild.id)
        return None
    fallback = t.gettext("A member's story") + " · " + archetype_name(services, story.archetype, t)
    created = await channel.create_thread(
        name=post_name(story.title, fallback), view=view, applied_tags=tags, allowed_mentions=NO_PINGS
    )
    if not await repo.replies_open(channel.guild.id):
        try:
            await created.thread.edit(locked=True)
        except discord.HTTPException:
            log.warning("guild %s: could not close replies on a story's post (Manage Threads?)", channel.guild.id)
    return created.message


async def _post_location(client: discord.Client, story: Story) -> discord.abc.GuildChannel | discord.Thread | None:
    """The channel (or forum thread) a story's post lives in, from the cache or Discord."""
    if not story.channel_id:
        return None
    channel = client.get_channel(story.channel_id)
    if channel is None:
        try:
            channel = await client.fetch_channel(story.channel_id)
        except discord.HTTPException:
            return None
    return channel if isinstance(channel, discord.abc.GuildChannel | discord.Thread) else None


async def show_resolved(services: Services, client: discord.Client, story: Story, resolution: Resolution) -> None:
    """Show a story's Resolved mark (and a posted update, in a text channel) on its post; failures are logged."""
    from parley.cogs.stories.views import post_view

    where = await _post_location(client, story)
    try:
        if isinstance(where, discord.Thread) and isinstance(where.parent, discord.ForumChannel):
            forum = where.parent
            stored = await ForumRepository(services.db).tags(story.guild_id, forum.id)
            available = {tag.id: tag for tag in forum.available_tags}
            wanted = post_tags(story.archetype, stored, resolved=True)
            tags = [available[i] for i in wanted if i in available]
            if tags and {tag.id for tag in tags} != {tag.id for tag in where.applied_tags}:
                await where.edit(archived=False, applied_tags=tags)
        elif isinstance(where, discord.TextChannel) and story.message_id:
            t = await shared_translations(services, story.guild_id)
            # Redrawn whole, so with the counts as they are (votes and "me too" stay on the buttons).
            tallies, _ = await voting.load_votes(services, story.guild_id, None, KIND, [str(story.id)])
            metoo = (await StoriesRepository(services.db).metoo_counts([story.id])).get(story.id, 0)
            view = post_view(
                services,
                story,
                t,
                day=story.published_on or "",
                tally=tallies.get(str(story.id)),
                metoo=metoo,
                resolution=resolution,
            )
            await where.get_partial_message(story.message_id).edit(view=view, allowed_mentions=NO_PINGS)
    except discord.HTTPException:
        log.warning("guild %s: could not show story %s as resolved on its post", story.guild_id, story.id)


async def post_update(services: Services, client: discord.Client, story: Story, resolution: Resolution) -> None:
    """Post an approved update: a message in the forum post, or part of the card in a text channel."""
    from parley.cogs._shared.cards import TextCard

    repo = ForumRepository(services.db)
    where = await _post_location(client, story)
    if isinstance(where, discord.Thread) and resolution.update_text:
        t = await shared_translations(services, story.guild_id)
        try:
            message = await where.send(view=TextCard(update_text(t, resolution)), allowed_mentions=NO_PINGS)
        except discord.HTTPException:
            log.warning("guild %s: could not post the update of story %s", story.guild_id, story.id)
            return
        await repo.mark_update_posted(story.id, message.id)
        return
    await repo.mark_update_posted(story.id, None)
    posted = (await repo.resolutions(story.guild_id, [story.id])).get(story.id)
    if posted is not None:
        await show_resolved(services, client, story, posted)


def update_text(t: Translations, resolution: Resolution) -> str:
    """The update as readers see it: marked as the author's, never naming them."""
    from parley.domain.safe_text import user_text

    heading = "### ✅ " + t.gettext("Update: resolved")
    return f"{heading}\n-# {resolution.resolved_on}\n{user_text(resolution.update_text or '')}"
