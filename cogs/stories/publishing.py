"""Publishing slots: approved stories go out together, shuffled, once their slot has come, exactly once.

Exactly once, even with several processes on one database: where the job lease exists (`db.exclusive_job`) only
one process runs a guild's slot at a time, and in any case each story is claimed by a conditional status change
(approved -> publishing) before it is posted, so of two processes only one posts it. A post that fails gives the
story back (publishing -> approved) for the next run.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import TYPE_CHECKING

import discord

from parley.cogs._shared.permissions import missing_bot_permissions
from parley.cogs._shared.queue import shared_translations
from parley.cogs.stories.forum import StoriesChannel, post_story
from parley.cogs.stories.views import post_view
from parley.database import DatabaseError
from parley.database.repositories.reports import LockdownRepository
from parley.database.repositories.settings import SettingsRepository
from parley.database.repositories.stories import StoriesRepository
from parley.domain.stories import day_of, publishing_order, stamp

if TYPE_CHECKING:
    import datetime as dt

    from parley.services import Services

log = logging.getLogger(__name__)

LEASE_SECONDS = 120
# After a stories channel refused a post (403/404), leave it alone this long: a deleted channel would refuse
# every story again, every round, and Discord counts those refusals against the bot.
REFUSED_BACKOFF = 3600


def _refused(services: Services) -> dict[tuple[int, int], dt.datetime]:
    """Per process (per services): (guild, channel) -> until when posting there is paused."""
    return vars(services).setdefault("_parley_refused_story_channels", {})


@asynccontextmanager
async def exclusive(services: Services, name: str) -> AsyncIterator[bool]:
    """Yield whether this process may run a job now: the job lease when the database has it, else always True
    (the per-story claim keeps publishing exactly-once either way)."""
    factory = getattr(services.db, "exclusive_job", None)
    job = None
    if factory is not None:
        try:
            job = await factory(name, lease_s=LEASE_SECONDS).__aenter__()
        except DatabaseError:
            job = None  # no job_leases table in this database yet: rely on the claims
    if job is None:
        yield True
        return
    try:
        yield job.acquired
    except BaseException as error:
        await job.__aexit__(type(error), error, error.__traceback__)
        raise
    await job.__aexit__(None, None, None)


async def publish_due(services: Services, client: discord.Client, now: dt.datetime) -> int:
    """Post every approved story whose slot has come, in every guild this process serves; return how many."""
    repo = StoriesRepository(services.db)
    posted = 0
    for guild_id in await repo.due_guilds(stamp(now)):
        guild = client.get_guild(guild_id)
        if guild is None:
            continue  # another shard's guild, or one the bot left
        async with exclusive(services, f"stories:publish:{guild_id}") as may_run:
            if may_run:
                posted += await publish_guild(services, guild, now)
    return posted


async def publish_guild(services: Services, guild: discord.Guild, now: dt.datetime) -> int:
    """Post one guild's due stories in random order; each is claimed first so it is posted exactly once."""
    settings = await SettingsRepository(services.db).get(guild.id)
    if not settings.stories_enabled:
        return 0  # stories were turned off after approval: they wait
    if await LockdownRepository(services.db).is_on(guild.id):
        return 0  # lockdown: approved stories wait, in their order, until a moderator lifts it
    channel = guild.get_channel(settings.stories_channel_id) if settings.stories_channel_id else None
    if not isinstance(channel, StoriesChannel) or missing_bot_permissions(channel, embed=False):
        log.warning("guild %s: approved stories wait, the stories channel is missing or not writable", guild.id)
        return 0
    refused = _refused(services)
    until = refused.get((guild.id, channel.id))
    if until is not None and now < until:
        return 0  # refused recently (already logged): the stories wait
    refused.pop((guild.id, channel.id), None)
    repo = StoriesRepository(services.db)
    due = {story.id: story for story in await repo.due(guild.id, stamp(now))}
    t = await shared_translations(services, guild.id)
    day = day_of(now)
    posted = 0
    for story_id in publishing_order(list(due)):
        if not await repo.claim(story_id, stamp(now)):
            continue  # another process took it
        view = post_view(services, due[story_id], t, day=day)
        try:
            message = await post_story(services, channel, due[story_id], view, t)
        except (discord.Forbidden, discord.NotFound) as error:
            # The channel is gone or closed to us: every other story would fail the same way. Stop this round.
            await repo.unclaim(story_id)
            refused[(guild.id, channel.id)] = now + timedelta(seconds=REFUSED_BACKOFF)
            log.warning(
                "guild %s: the stories channel refused a post (%s); approved stories wait for the next run",
                guild.id,
                error.status,
            )
            break
        except discord.HTTPException:
            log.warning("guild %s: posting story %s failed; it stays approved for the next run", guild.id, story_id)
            await repo.unclaim(story_id)
            continue
        if message is None:  # a tag-required forum without Parley's tags: nothing can be posted (logged)
            await repo.unclaim(story_id)
            break
        await repo.mark_published(story_id, day, message.channel.id, message.id)
        posted += 1
    if posted:
        log.info("guild %s: published %d stories", guild.id, posted)
    return posted
