"""The discord.py / aiohttp internals the harness relies on: fail loudly when an upgrade moves them."""

from __future__ import annotations

import asyncio

import aiohttp
import discord
from discord.ext import commands, tasks
from discord.http import HTTPClient
from discord.ui.view import BaseView

from parley.replay.runtime import is_background


async def test_http_client_keeps_its_session_in_the_mangled_slot() -> None:
    http = HTTPClient(asyncio.get_running_loop())
    assert "_HTTPClient__session" in vars(http)
    assert "_global_over" in vars(http) and hasattr(http, "static_login")


async def test_connection_state_exposes_parsers_and_ready_timeout() -> None:
    bot = commands.Bot(command_prefix="!", intents=discord.Intents.default())
    state = bot._connection
    for event in ("READY", "GUILD_CREATE", "INTERACTION_CREATE", "MESSAGE_CREATE", "GUILD_MEMBERS_CHUNK"):
        assert event in state.parsers
    assert state.guild_ready_timeout == 2.0
    sharded = commands.AutoShardedBot(command_prefix="!", intents=discord.Intents.default())
    assert hasattr(sharded, "_AutoShardedClient__shards")


def test_form_data_keeps_its_fields() -> None:
    form = aiohttp.FormData(quote_fields=False)
    form.add_field("payload_json", "{}")
    assert form._fields[0][0]["name"] == "payload_json"


async def test_background_tasks_are_recognised_by_their_coroutines() -> None:
    view = BaseView(timeout=60)
    timer = asyncio.create_task(view._BaseView__timeout_task_impl())  # type: ignore[attr-defined]

    @tasks.loop(hours=1)
    async def hourly() -> None:
        return None

    loop_task = hourly.start()
    plain = asyncio.create_task(asyncio.sleep(0))
    try:
        assert is_background(timer) and is_background(loop_task) and not is_background(plain)
    finally:
        hourly.cancel()
        timer.cancel()
        await asyncio.gather(timer, loop_task, plain, return_exceptions=True)
