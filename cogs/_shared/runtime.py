"""One `Services` per bot: the standalone runner attaches its own; a host bot gets one built on first load.

The services live on the bot object itself, not in a module global: unloading the `cogs` extension drops every
`cogs.*` module, and a registry kept in one of them would be forgotten by a reload.
"""

from __future__ import annotations

import asyncio

from discord.ext import commands

from parley.config import load_config
from parley.services import Services, build_services

_ATTR = "_parley_services"
_OWNED = "_parley_owns_services"
_lock = asyncio.Lock()


def attach(bot: commands.Bot, services: Services) -> None:
    """Hand a bot the services its owner built (the standalone runner, tests, the replay harness)."""
    from parley.database.memo import scope_interactions

    setattr(bot, _ATTR, services)
    scope_interactions(bot)  # settings and languages are then read once per interaction


async def ensure_services(bot: commands.Bot) -> Services:
    """Return the bot's services, building them from PARLEY_CONFIG when a host bot loads Parley."""
    async with _lock:
        if getattr(bot, _ATTR, None) is None:
            attach(bot, await build_services(load_config()))
            setattr(bot, _OWNED, True)
        return getattr(bot, _ATTR)


def services_for(bot: commands.Bot) -> Services:
    """Return the services of a bot whose Parley extensions are loaded."""
    services = getattr(bot, _ATTR, None)
    if services is None:
        raise KeyError("Parley is not loaded on this bot")
    return services


async def release(bot: commands.Bot) -> None:
    """Close services that Parley built for a host bot (the runner closes its own)."""
    if getattr(bot, _OWNED, False):
        services = getattr(bot, _ATTR)
        setattr(bot, _ATTR, None)
        setattr(bot, _OWNED, False)
        await services.close()
