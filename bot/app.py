"""The standalone Parley bot: builds the services, installs the translator, loads every capability."""

from __future__ import annotations

import asyncio
import gc
import logging
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from parley.config import Config
from parley.domain.clock import Clock, FakeClock
from parley.i18n.translator import ParleyTranslator
from parley.services import Services, build_services

log = logging.getLogger(__name__)

# The names discord.py 2.7 gives the tasks that run an interaction's handler (app commands, views, modals,
# persistent components, listeners such as the drafts' orphan-form one): shutdown waits for these to finish.
IN_FLIGHT_TASKS = (
    "CommandTree-invoker",
    "discord-ui-view-dispatch",
    "discord-ui-modal-dispatch",
    "discord-ui-dynamic-item",
    "discord.py: on_interaction",
)


class ParleyTree(app_commands.CommandTree):
    """A tree whose fallback error handler stays quiet for errors Parley's cogs already answered."""

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        if interaction.extras.get("parley_handled"):
            return
        from parley.cogs._shared.errors import handle_error

        await handle_error(interaction, error)


def check_shards(shard_ids: Sequence[int] | None, shard_count: int | None) -> None:
    """Refuse shard ids Discord would refuse: ids need a count, and each id is in 0..count-1, once."""
    if shard_ids is None:
        return
    if shard_count is None:
        raise ValueError("--shard-ids needs --shard-count (the total number of shards across all processes)")
    if not shard_ids or len(set(shard_ids)) != len(shard_ids) or not all(0 <= i < shard_count for i in shard_ids):
        raise ValueError(f"shard ids must be distinct numbers from 0 to {shard_count - 1}")


# To the type checker the mixin is a Bot (it is only ever mixed into one), so its calls to the bot are checked.
if TYPE_CHECKING:
    _BotBase = commands.Bot
else:
    _BotBase = object


class _Parley(_BotBase):
    """What Parley adds to a discord.py bot; mixed into `commands.Bot` and `commands.AutoShardedBot` below."""

    parley_services: Services | None

    def __init__(
        self,
        config: Config,
        *,
        clock: Clock | None = None,
        services: Services | None = None,
        **discord_options: Any,
    ) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=discord.Intents(guilds=True),
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=ParleyTree,
            help_command=None,
            **discord_options,
        )
        self.parley_config = config
        self.parley_services = services
        self._clock = clock
        # Services handed in belong to the caller, who closes them; services built here are closed here.
        self._owns_services = services is None

    async def setup_hook(self) -> None:
        from parley.cogs._shared.runtime import attach

        if self.parley_services is None:
            self.parley_services = await build_services(self.parley_config, clock=self._clock)
        attach(self, self.parley_services)
        await self.tree.set_translator(ParleyTranslator(self.parley_services.i18n))
        await self.load_extension("parley.cogs")
        # Everything loaded so far (catalogs, knowledge, templates, discord.py) lives as long as the process:
        # moved out of the collector's generations, it is no longer re-scanned by every full collection,
        # which cost each interaction CPU in proportion to the bot's whole heap (issue 21).
        gc.collect()
        gc.freeze()
        log.info("Parley ready to connect: %d cogs loaded", len(self.cogs))

    def replay_advance(self, seconds: float) -> None:
        """Move a fake clock forward (the offline Discord's `advance` step); no-op on the real clock."""
        if self.parley_services is not None and isinstance(self.parley_services.clock, FakeClock):
            self.parley_services.clock.advance(seconds=seconds)
            self.dispatch("parley_clock_advanced")  # cogs with scheduled work do what came due

    async def drain(self, timeout: float = 8.0) -> int:  # noqa: ASYNC109 - a budget over many waits
        """Wait (at most `timeout` s) for interaction handlers in flight; return how many were still running."""
        deadline = time.monotonic() + timeout
        current = asyncio.current_task()
        pending: set[asyncio.Task[Any]] = set()
        while True:
            pending = {
                task
                for task in asyncio.all_tasks()
                if task is not current and not task.done() and task.get_name().startswith(IN_FLIGHT_TASKS)
            }
            left = deadline - time.monotonic()
            if not pending or left <= 0:
                break
            # A handler can start another (a view dispatch after a command): look again until none is left.
            await asyncio.wait(pending, timeout=left)
        if pending:
            log.warning("shutting down with %d interaction handler(s) still running", len(pending))
        return len(pending)

    async def close(self) -> None:
        # Members' answers first: closing the HTTP session and the database under a handler would cut it off.
        await self.drain()
        await super().close()
        if self.parley_services is not None and self._owns_services:
            await self.parley_services.close()
        # What setup_hook froze may be garbage now (a bot restarted in the same process, the tests): collectable again.
        gc.unfreeze()


class ParleyBot(_Parley, commands.Bot):
    """Parley as its own bot: only the Guilds intent, no pings, commands from slash only."""


class ShardedParleyBot(_Parley, commands.AutoShardedBot):
    """Parley as its own bot, run as several shards (all of them, or the ids given, in this process)."""


async def create_bot(
    config: Config,
    *,
    clock: Clock | None = None,
    services: Services | None = None,
    shard_ids: Sequence[int] | None = None,
    shard_count: int | None = None,
) -> ParleyBot | ShardedParleyBot:
    """Build (but do not start) the standalone bot.

    `clock` lets tests and the offline Discord age things; `services` hands in prebuilt services (the caller
    then owns and closes them). Otherwise the bot builds its services in `setup_hook` and closes them on exit,
    like a process would. `shard_ids` + `shard_count` run only those shards of the bot in this process
    (`python -m parley run --shard-ids 0,1 --shard-count 4`); other processes run the others on the same database.
    """
    check_shards(shard_ids, shard_count)
    options: dict[str, Any] = {}
    if shard_ids is not None:
        options["shard_ids"] = list(shard_ids)
        options["shard_count"] = shard_count
    elif shard_count is not None:
        options["shard_count"] = shard_count
    elif config.bot.sharded and config.bot.shard_count:
        options["shard_count"] = config.bot.shard_count
    if config.bot.sharded or shard_ids is not None or shard_count is not None:
        return ShardedParleyBot(config, clock=clock, services=services, **options)
    return ParleyBot(config, clock=clock, services=services)
