"""A host bot's own entry point, laid out as most discord.py bots are: bot.py, a bot/ package and cogs/.

Parley must load beside it without importing this file or the host's `bot` and `cogs` packages.
"""

import asyncio
import os

from bot.core import create_bot


async def main() -> None:
    bot = await create_bot()
    async with bot:
        await bot.start(os.environ["DISCORD_TOKEN"])


if __name__ == "__main__":
    asyncio.run(main())
