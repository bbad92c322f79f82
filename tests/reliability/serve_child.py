"""A child process for the SIGTERM test: Parley on the offline Discord, served the way `python -m parley run` serves.

`python -m tests.reliability.serve_child DB` starts the bot, prints READY, puts one /situation in flight (its
database write held up for a second by another connection), prints INFLIGHT, and then waits for the end the way
the product's runner does: `parley.cli.run.serve(bot, connection)` when the runner offers it (SIGTERM and SIGINT end
the connection, in-flight work finishes, the database closes). It prints ANSWERED=<0|1> and CLOSED once the bot has
shut down, and exits 0.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

from parley.app import create_bot
from parley.bench.harness import BurstSession
from parley.config import config_from_dict
from parley.domain.clock import FakeClock
from tests.reliability.conftest import CHANNELS, SECRET, crowd, hold_write_lock


async def until_closed(bot: Any) -> None:
    """The offline Discord has no socket: the bot's "connection" lasts until the bot is closed (as start() does)."""
    while not bot.is_closed():  # noqa: ASYNC110 - discord.py offers no "closed" event to wait on
        await asyncio.sleep(0.05)


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


async def main(db: Path) -> None:
    from parley.cli import run as runner

    config = config_from_dict(
        {"database": {"path": str(db)}, "stories": {"queue_batch_min_hours": 0, "queue_batch_max_hours": 0}},
        env={"PARLEY_SECRET": SECRET},
    )

    async def factory() -> Any:
        return await create_bot(config, clock=FakeClock())

    guild = {"channels": CHANNELS, "roles": ["Moderators"]}
    session = BurstSession(factory, guild=guild, members=crowd(2), strict=False, validate=False)
    await session.start()
    say("READY")
    bot = session.bot
    await hold_write_lock(db, 1.0)
    record = session.command_action("m000", "situation", describe="the client never paid")()
    serve = getattr(runner, "serve", None)
    # Today's runner has no serve(): nothing handles SIGTERM and the process just dies.
    serving = asyncio.create_task(serve(bot, until_closed(bot)) if serve is not None else until_closed(bot))
    await asyncio.sleep(0.05)  # serve() has installed its signal handlers by now
    say("INFLIGHT")
    await serving
    say(f"ANSWERED={int(record.response_type is not None)}")
    await session.close()
    say("CLOSED")


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
