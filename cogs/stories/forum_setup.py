"""What `/setup` does when the stories channel is a forum: create Parley's tags, set replies, say what is missing."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from parley.cogs._shared.queue import shared_translations
from parley.cogs.stories.forum import sync_tags
from parley.database.repositories.forum import ForumRepository
from parley.database.repositories.settings import SettingsRepository
from parley.domain.forum import TAG_NAMES, TAGS_PER_FORUM

if TYPE_CHECKING:
    from parley.i18n import Translations
    from parley.services import Services


async def set_replies(services: Services, guild_id: int, replies_open: bool) -> None:
    """Open or close replies under the posts published from now on."""
    await ForumRepository(services.db).set_replies_open(guild_id, replies_open)


async def forum_notices(services: Services, interaction: discord.Interaction, t: Translations) -> list[str]:
    """Make the forum ready (its tags in the server's language) and tell the admin, in theirs, what happened."""
    guild = interaction.guild
    if guild is None:
        return []
    settings = await SettingsRepository(services.db).get(guild.id)
    forum = guild.get_channel(settings.stories_channel_id) if settings.stories_channel_id else None
    if not isinstance(forum, discord.ForumChannel):
        return []
    report = await sync_tags(services, forum, await shared_translations(services, guild.id))
    notices: list[str] = []
    if report.created:
        notices.append(
            "🏷️ "
            + t.ngettext(
                "Created {count} tag in {channel} for the types of client and Resolved.",
                "Created {count} tags in {channel} for the types of client and Resolved.",
                report.created,
                channel=forum.mention,
            )
        )
    if report.forbidden:
        notices.append(
            "⚠️ "
            + t.gettext(
                "I couldn't create the tags: I'm missing {permission} in {channel}.",
                permission=t.gettext("Manage Channels"),
                channel=forum.mention,
            )
        )
    elif report.no_room:
        names = t.join([t.gettext(TAG_NAMES[key]) for key in report.no_room])
        notices.append(
            "⚠️ "
            + t.gettext(
                "No room for the tags {tags}: a forum holds {limit} tags. Remove tags you don't use, then run "
                "{command} again.",
                tags=names,
                limit=t.number(TAGS_PER_FORUM),
                command=t.command("setup"),
            )
        )
    stored = await ForumRepository(services.db).tags(guild.id, forum.id)
    if forum.flags.require_tag and not stored:
        notices.append(
            "⚠️ "
            + t.gettext(
                "{channel} requires a tag on every post: approved stories wait until the tags exist.",
                channel=forum.mention,
            )
        )
    replies_open = await ForumRepository(services.db).replies_open(guild.id)
    if replies_open:
        notices.append("💬 " + t.gettext("Members can reply under each story's post."))
    else:
        notices.append("🔒 " + t.gettext("Story posts are locked: members read them without replying."))
        me = guild.me
        if me is not None and not forum.permissions_for(me).manage_threads:
            notices.append(
                "⚠️ "
                + t.gettext(
                    "To lock posts I need {permission} in {channel}.",
                    permission=t.gettext("Manage Threads"),
                    channel=forum.mention,
                )
            )
    return notices
