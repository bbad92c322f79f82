"""The standalone Parley bot: builds the services, installs the translator, loads every capability."""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.config import Config
from bot.domain.clock import Clock, FakeClock
from bot.i18n.translator import ParleyTranslator
from bot.services import Services, build_services

log = logging.getLogger(__name__)


class ParleyTree(app_commands.CommandTree):
    """A tree whose fallback error handler stays quiet for errors Parley's cogs already answered."""

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        if interaction.extras.get("parley_handled"):
            return
        from cogs._shared.errors import handle_error

        await handle_error(interaction, error)


def _base_class(config: Config) -> type[commands.Bot]:
    return commands.AutoShardedBot if config.bot.sharded else commands.Bot


async def create_bot(
    config: Config, *, clock: Clock | None = None, services: Services | None = None
) -> commands.Bot:
    """Build (but do not start) the standalone bot.

    `clock` lets tests and the offline Discord age things; `services` hands in prebuilt services (the caller
    then owns and closes them). Otherwise the bot builds its services in `setup_hook` and closes them on exit,
    like a process would.
    """
    base = _base_class(config)

    class ParleyBot(base):  # type: ignore[misc, valid-type]
        """Parley as its own bot: only the Guilds intent, no pings, commands from slash only."""

        def __init__(self) -> None:
            kwargs = {}
            if config.bot.sharded and config.bot.shard_count:
                kwargs["shard_count"] = config.bot.shard_count
            super().__init__(
                command_prefix=commands.when_mentioned,
                intents=discord.Intents(guilds=True),
                allowed_mentions=discord.AllowedMentions.none(),
                tree_cls=ParleyTree,
                help_command=None,
                **kwargs,
            )
            self.parley_config = config
            self.parley_services = services

        async def setup_hook(self) -> None:
            from cogs._shared.runtime import attach

            if self.parley_services is None:
                self.parley_services = await build_services(config, clock=clock)
            attach(self, self.parley_services)
            await self.tree.set_translator(ParleyTranslator(self.parley_services.i18n))
            await self.load_extension("cogs")
            log.info("Parley ready to connect: %d cogs loaded", len(self.cogs))

        def replay_advance(self, seconds: float) -> None:
            """Move a fake clock forward (the offline Discord's `advance` step); no-op on the real clock."""
            if self.parley_services is not None and isinstance(self.parley_services.clock, FakeClock):
                self.parley_services.clock.advance(seconds=seconds)

        async def close(self) -> None:
            await super().close()
            if self.parley_services is not None and services is None:
                await self.parley_services.close()

    return ParleyBot()
