"""One `Services` per bot: the standalone runner attaches its own; a host bot gets one built on first load."""

from __future__ import annotations

import asyncio
import weakref

from discord.ext import commands

from bot.config import load_config
from bot.services import Services, build_services

_services: weakref.WeakKeyDictionary[commands.Bot, Services] = weakref.WeakKeyDictionary()
_owned: weakref.WeakSet[commands.Bot] = weakref.WeakSet()
_lock = asyncio.Lock()


def attach(bot: commands.Bot, services: Services) -> None:
    """Hand a bot the services its owner built (the standalone runner, tests, the replay harness)."""
    _services[bot] = services


async def ensure_services(bot: commands.Bot) -> Services:
    """Return the bot's services, building them from PARLEY_CONFIG when a host bot loads Parley."""
    async with _lock:
        if bot not in _services:
            _services[bot] = await build_services(load_config())
            _owned.add(bot)
        return _services[bot]


def services_for(bot: commands.Bot) -> Services:
    """Return the services of a bot whose Parley extensions are loaded."""
    return _services[bot]


async def release(bot: commands.Bot) -> None:
    """Close services that Parley built for a host bot (the runner closes its own)."""
    if bot in _owned:
        _owned.discard(bot)
        await _services.pop(bot).close()
