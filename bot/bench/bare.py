"""The baseline bot: the same command and button names as Parley, handlers that only answer.

Driven through the same offline Discord as Parley, it measures what discord.py and the harness cost by
themselves, so Parley's latency can be read as a ratio.
"""

from __future__ import annotations

import re
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

NO_PINGS = discord.AllowedMentions.none()


class BareVote(discord.ui.DynamicItem[discord.ui.Button], template=r"bare:vote:(?P<n>[0-9]{1,6})"):
    """A persistent button whose press only edits its message."""

    def __init__(self, n: int) -> None:
        super().__init__(discord.ui.Button(label="Helpful", custom_id=f"bare:vote:{n}"))
        self.n = n

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> BareVote:
        return cls(int(match["n"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        await interaction.response.edit_message(content="voted", allowed_mentions=NO_PINGS)


def _vote_view(n: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(BareVote(n))
    return view


class BareBot(commands.Bot):
    """`/situation [describe]` answers with one ephemeral message and a vote button; nothing else."""

    def __init__(self) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=discord.Intents(guilds=True),
            allowed_mentions=NO_PINGS,
            help_command=None,
        )
        self.count = 0

    async def setup_hook(self) -> None:
        self.add_dynamic_items(BareVote)

        @app_commands.command(name="situation", description="Answer at once")
        async def situation(interaction: discord.Interaction, describe: str | None = None) -> None:
            self.count += 1
            await interaction.response.send_message(
                "ok", view=_vote_view(self.count), ephemeral=True, allowed_mentions=NO_PINGS
            )

        self.tree.add_command(situation)


async def create_bare_bot() -> BareBot:
    """The bot factory for the harness (and for `replay --factory parley.bench.bare:create_bare_bot`)."""
    return BareBot()


# ------------------------------------------------------------------------------------ the minimal storing bot


class MinimalVote(discord.ui.DynamicItem[discord.ui.Button], template=r"minimal:vote:(?P<n>[0-9]{1,6})"):
    """A persistent button whose press defers, stores one row and edits its message."""

    def __init__(self, n: int) -> None:
        super().__init__(discord.ui.Button(label="Helpful", custom_id=f"minimal:vote:{n}"))
        self.n = n

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> MinimalVote:
        return cls(int(match["n"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        bot: MinimalBot = interaction.client  # type: ignore[assignment]
        await interaction.response.defer()
        await bot.store(interaction.user.id, self.n)
        await interaction.edit_original_response(content="voted", allowed_mentions=NO_PINGS)


class MinimalBot(commands.Bot):
    """The smallest bot that stores what a member does: every handler defers, writes one row with aiosqlite
    (WAL, synchronous=NORMAL, one commit) and edits its answer. The fair baseline for Parley's latency, which
    also acknowledges first, writes, then edits."""

    def __init__(self, db_path: str) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=discord.Intents(guilds=True),
            allowed_mentions=NO_PINGS,
            help_command=None,
        )
        self.db_path = db_path
        self.count = 0
        self.conn: Any = None

    async def setup_hook(self) -> None:
        import aiosqlite

        self.conn = await aiosqlite.connect(self.db_path)
        await self.conn.execute("PRAGMA journal_mode = WAL")
        await self.conn.execute("PRAGMA synchronous = NORMAL")
        await self.conn.execute(
            "CREATE TABLE IF NOT EXISTS presses (member INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (member, n))"
        )
        self.add_dynamic_items(MinimalVote)

        @app_commands.command(name="situation", description="Store and answer")
        async def situation(interaction: discord.Interaction, describe: str | None = None) -> None:
            await interaction.response.defer(ephemeral=True)
            self.count += 1
            await self.store(interaction.user.id, self.count)
            view = discord.ui.View(timeout=None)
            view.add_item(MinimalVote(self.count))
            await interaction.edit_original_response(content="ok", view=view, allowed_mentions=NO_PINGS)

        self.tree.add_command(situation)

    async def store(self, member: int, n: int) -> None:
        """One upsert, one commit."""
        await self.conn.execute("INSERT OR REPLACE INTO presses (member, n) VALUES (?, ?)", (member, n))
        await self.conn.commit()

    async def close(self) -> None:
        await super().close()
        if self.conn is not None:
            await self.conn.close()


def minimal_factory(db_path: str) -> Any:
    """A harness factory for MinimalBot on `db_path`."""

    async def factory() -> MinimalBot:
        return MinimalBot(db_path)

    return factory
