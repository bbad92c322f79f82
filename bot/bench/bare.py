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
