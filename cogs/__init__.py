"""Parley's capabilities as discord.py extensions.

`await bot.load_extension("parley.cogs")` loads every capability into any bot (standalone or a host's);
`await bot.load_extension("parley.cogs.advice")` loads one. Modules and packages starting with `_` are helpers,
not capabilities. Parley never syncs the command tree on its own: run `python -m parley sync` (or sync from the
host) when commands change.
"""

from __future__ import annotations

import pkgutil

from discord.ext import commands

from parley.cogs._shared.runtime import ensure_services, release


def capability_extensions() -> list[str]:
    """Return the dotted names of every capability extension, in a stable order."""
    return sorted(f"{__name__}.{m.name}" for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


async def setup(bot: commands.Bot) -> None:
    """Load every capability (services are built once and shared)."""
    await ensure_services(bot)
    for name in capability_extensions():
        if name not in bot.extensions:
            await bot.load_extension(name)


async def teardown(bot: commands.Bot) -> None:
    """Unload every capability and release services Parley built for a host bot."""
    for name in capability_extensions():
        if name in bot.extensions:
            await bot.unload_extension(name)
    await release(bot)
