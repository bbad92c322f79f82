"""`python -m bot run`: connect to Discord with DISCORD_TOKEN and serve."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from bot.config import load_config

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `run` verb."""
    p = sub.add_parser("run", help="run the bot (needs DISCORD_TOKEN)")
    p.add_argument("--config", help="TOML config file (default: $PARLEY_CONFIG)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Start the bot and block until it stops."""
    config = load_config(args.config)
    if config.token is None:
        print(
            "DISCORD_TOKEN is not set. Create a bot at https://discord.com/developers/applications, then:\n"
            "  DISCORD_TOKEN=... python -m bot run\n"
            "To see Parley without a token, run: python -m bot try",
            file=sys.stderr,
        )
        return 2
    logging.getLogger().setLevel(config.bot.log_level)
    return asyncio.run(_serve(config))


async def _serve(config) -> int:
    from bot.app import create_bot

    bot = await create_bot(config)
    async with bot:
        await bot.start(config.token.get())
    return 0
