"""Story cards reach the moderation queue in batches, at jittered times, never the moment their author confirms.

In a quiet server a card that appears right after someone ran /story share names its author to anyone watching
who was online. So a confirmed story waits (stored, pending, with no card); the oldest one waiting in a guild draws
a random wait between stories.queue_batch_min_hours and queue_batch_max_hours from its confirmation; when that
passes (or as
soon as stories.queue_batch_size stories wait) every waiting card is posted together. Cards and /mod queue show
days only, like publishing. The schedule lives in memory: a restart draws a new time, which is just as random.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from parley.cogs._shared.queue import deliver
from parley.database.repositories.queue import QueueRepository
from parley.domain.stories import KIND, parse_stamp

if TYPE_CHECKING:
    import discord

    from parley.config import StoriesConfig
    from parley.services import Services


class QueueBatches:
    """When each guild's next batch of story cards goes out."""

    def __init__(self) -> None:
        self._due: dict[int, dt.datetime] = {}
        self._random = random.SystemRandom()  # not guessable from earlier batches

    def due_at(self, guild_id: int, since: dt.datetime, config: StoriesConfig) -> dt.datetime:
        """The guild's batch time: a random wait counted from when its oldest waiting story was confirmed."""
        if guild_id not in self._due:
            low, high = config.queue_batch_min_hours * 60, config.queue_batch_max_hours * 60
            self._due[guild_id] = since + dt.timedelta(minutes=self._random.randint(low, high))
        return self._due[guild_id]

    def sent(self, guild_id: int) -> None:
        """The batch went out: the next waiting story draws a new time."""
        self._due.pop(guild_id, None)


def batching(config: StoriesConfig) -> bool:
    """Whether cards wait for a batch (queue_batch_max_hours = 0 posts each card at once)."""
    return config.queue_batch_max_hours > 0


async def post_due_batches(services: Services, client: discord.Client, now: dt.datetime) -> int:
    """Post every guild's waiting story cards whose batch time has come (or that has a full batch)."""
    config = services.config.stories
    repo = QueueRepository(services.db)
    batches = services.component(QueueBatches)
    posted = 0
    for guild_id in await repo.unposted_guilds(KIND):
        waiting = await repo.unposted(guild_id, KIND)
        if not waiting:
            continue
        since = parse_stamp(waiting[0].created_at)
        if (
            batching(config)
            and now < batches.due_at(guild_id, since, config)
            and len(waiting) < config.queue_batch_size
        ):
            continue
        guild = client.get_guild(guild_id)
        if guild is None:
            continue
        for entry in waiting:
            if await deliver(services, guild, entry):
                posted += 1
        batches.sent(guild_id)
    return posted
