"""Run inside the host's folder: report where each name resolved and what the tree and translator hold."""

import asyncio
import json
import sys

from discord import Locale, app_commands

from parley.replay import ReplaySession


async def main() -> None:
    from bot.core import create_bot

    async with ReplaySession(create_bot, guild={"channels": ["help"]}, members=["alice"]) as session:
        bot = session.client()
        translator = bot.tree.translator
        ping = bot.tree.get_command("ping")
        fi_ping = await translator.translate(app_commands.locale_str("ping"), Locale.finnish, ping)
        fi_situation = await translator.translate(app_commands.locale_str("situation"), Locale.finnish, None)
        report = {
            "parley": sys.modules["parley"].__file__,
            "bot": sys.modules["bot"].__file__,
            "cogs": sys.modules["cogs"].__file__,
            "extensions": sorted(bot.extensions),
            "commands": sorted(c.name for c in bot.tree.get_commands()),
            "translator": [type(translator).__name__, type(translator.fallback).__name__],
            "fi_ping": fi_ping,
            "fi_situation": fi_situation,
        }
    print(json.dumps(report))


asyncio.run(main())
