"""`python -m parley run`: connect to Discord with DISCORD_TOKEN and serve."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from collections.abc import Coroutine
from typing import Any

from parley.config import load_config

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `run` verb."""
    p = sub.add_parser("run", help="run the bot (needs DISCORD_TOKEN)")
    p.add_argument("--config", help="TOML config file (default: $PARLEY_CONFIG)")
    p.add_argument(
        "--shard-ids",
        type=_shard_ids,
        metavar="0,1",
        help="run only these shards in this process (needs --shard-count; other processes run the rest)",
    )
    p.add_argument("--shard-count", type=int, metavar="N", help="total number of shards across all processes")
    p.set_defaults(func=run)


def _shard_ids(text: str) -> list[int]:
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated shard numbers like 0,1 - got {text!r}") from None


def run(args: argparse.Namespace) -> int:
    """Start the bot and block until it stops."""
    config = load_config(args.config)
    if config.token is None:
        print(
            "DISCORD_TOKEN is not set. Create a bot at https://discord.com/developers/applications, then:\n"
            "  DISCORD_TOKEN=... python -m parley run\n"
            "To see Parley without a token, run: python -m parley try",
            file=sys.stderr,
        )
        return 2
    shard_ids, shard_count = getattr(args, "shard_ids", None), getattr(args, "shard_count", None)
    from parley.app import check_shards

    try:
        check_shards(shard_ids, shard_count)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if config.database.url is not None and config.secret is None:
        # Each process would otherwise make its own key file: the same member would get different keys.
        print(
            "PARLEY_SECRET is not set. With PostgreSQL, every bot process must derive the same member keys: set\n"
            "PARLEY_SECRET to the same random value (at least 32 characters) for all of them.",
            file=sys.stderr,
        )
        return 2
    logging.getLogger().setLevel(config.bot.log_level)
    return asyncio.run(_serve(config, shard_ids, shard_count))


async def _serve(config, shard_ids: list[int] | None = None, shard_count: int | None = None) -> int:
    from parley.app import create_bot

    bot = await create_bot(config, shard_ids=shard_ids, shard_count=shard_count)
    async with bot:
        return await serve(bot, bot.start(config.token.get()))


async def serve(bot: Any, connection: Coroutine[Any, Any, Any]) -> int:
    """Run `connection` until it ends or SIGTERM/SIGINT asks to stop; then close the bot (finishing in-flight work)."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    installed: list[signal.Signals] = []
    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(sig, stop.set)
            installed.append(sig)
        except (NotImplementedError, RuntimeError, ValueError):  # Windows, or not the main thread
            pass
    connected = asyncio.create_task(connection, name="parley-connection")
    stopping = asyncio.create_task(stop.wait(), name="parley-stop-request")
    try:
        await asyncio.wait({connected, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if stop.is_set():
            log.info("stop requested: finishing in-flight work, then closing")
        await bot.close()
        try:
            await asyncio.wait_for(connected, timeout=5)
        except (TimeoutError, asyncio.CancelledError):
            connected.cancel()
        return 0
    finally:
        stopping.cancel()
        for sig in installed:
            loop.remove_signal_handler(sig)
