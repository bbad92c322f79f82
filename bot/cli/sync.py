"""`python -m parley sync [--guild ID]`: publish the slash commands to Discord, explicitly, never on boot."""

from __future__ import annotations

import argparse
import asyncio
import sys

import discord

from parley.config import load_config


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `sync` verb."""
    p = sub.add_parser("sync", help="sync slash commands (globally, or to one guild for testing)")
    p.add_argument("--config")
    p.add_argument("--guild", type=int, help="copy the global commands to this guild and sync there (instant)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Log in, sync and log out."""
    config = load_config(args.config)
    if config.token is None:
        print("DISCORD_TOKEN is not set: syncing needs the bot's token.", file=sys.stderr)
        return 2
    return asyncio.run(_sync(config, args.guild or config.bot.dev_guild_id))


async def _sync(config, guild_id: int | None) -> int:
    from parley.app import create_bot

    bot = await create_bot(config)
    async with bot:
        await bot.login(config.token.get())  # runs setup_hook: cogs and the translator are in place
        if guild_id:
            guild = discord.Object(id=guild_id)
            bot.tree.copy_global_to(guild=guild)
            synced = await bot.tree.sync(guild=guild)
        else:
            synced = await bot.tree.sync()
        print(f"synced {len(synced)} command(s)" + (f" to guild {guild_id}" if guild_id else " globally"))
    return 0
