"""Deleting the bot's own messages that show erased items: public story posts and moderation-queue cards.

The repository queues each such message in the same transaction that erases the item; this module asks Discord to
delete them and crosses each off once Discord confirms (or says it is already gone). What fails stays queued and is
retried by every retention run, so an erased story cannot linger in a channel because Discord hiccuped once.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

import discord

from parley.database.repositories.privacy import PrivacyRepository, QueuedDeletion
from parley.domain.privacy import DELETION_WARN_EVERY

if TYPE_CHECKING:
    from parley.services import Services

log = logging.getLogger(__name__)


async def delete_messages(services: Services, client: discord.Client, queued: Iterable[QueuedDeletion]) -> int:
    """Delete queued bot messages in guilds this process serves; return how many are gone now."""
    repo = PrivacyRepository(services.db)
    gone = 0
    for item in queued:
        if client.get_guild(item.guild_id) is None:
            continue  # another shard's guild, or one the bot left (its rows go with the guild's purge)
        message = client.get_partial_messageable(item.channel_id, guild_id=item.guild_id).get_partial_message(
            item.message_id
        )
        try:
            await message.delete()
        except discord.NotFound:
            pass  # already deleted (by a moderator, or with its channel): nothing left to do
        except discord.HTTPException as error:
            attempts = await repo.deletion_failed(item.channel_id, item.message_id)
            if attempts == 1 or attempts % DELETION_WARN_EVERY == 0:
                log.warning(
                    "could not delete an erased item's message in guild %s (HTTP %s, attempt %s); retrying later",
                    item.guild_id,
                    error.status,
                    attempts,
                )
            continue
        await repo.deletion_done(item.channel_id, item.message_id)
        gone += 1
    return gone


async def delete_posts_now(
    services: Services, client: discord.Client, guild_id: int, posts: Iterable[tuple[int, int]]
) -> int:
    """Delete the messages one forget queued (the rest of the queue is the retention run's)."""
    wanted = set(posts)
    queued = [
        q
        for q in await PrivacyRepository(services.db).queued_deletions(guild_id)
        if (q.channel_id, q.message_id) in wanted
    ]
    return await delete_messages(services, client, queued)
