"""One error chain: expected errors answer kindly, unexpected ones carry an incident id, views included."""

from __future__ import annotations

import logging
import re

import discord
from discord import app_commands

from parley.cogs._shared.cog import ParleyCog
from parley.cogs._shared.runtime import services_for
from parley.cogs._shared.views import OwnedLayoutView
from parley.domain.errors import NotFound

STORY = "story text " + "that must never be logged"


class Boom(discord.ui.Button):
    async def callback(self, interaction: discord.Interaction) -> None:
        raise RuntimeError(STORY)


class Faulty(ParleyCog):
    @app_commands.command(name="expected", description="raises a domain error")
    async def expected(self, interaction: discord.Interaction) -> None:
        raise NotFound()

    @app_commands.command(name="unexpected", description="raises a bug")
    async def unexpected(self, interaction: discord.Interaction) -> None:
        raise ZeroDivisionError(STORY)

    @app_commands.command(name="faultyview", description="a view whose button raises")
    async def faultyview(self, interaction: discord.Interaction) -> None:
        view = OwnedLayoutView(interaction.user.id)
        view.add_item(discord.ui.ActionRow(Boom(label="Press", custom_id="faulty:press")))
        await interaction.response.send_message(view=view, ephemeral=True)


def faulty_factory(parley_factory):
    async def factory():
        bot = await parley_factory()
        original = bot.setup_hook

        async def setup_hook():
            await original()
            await bot.add_cog(Faulty(bot, services_for(bot)))

        bot.setup_hook = setup_hook
        return bot

    return factory


async def test_expected_unexpected_and_view_errors(parley_factory, caplog):
    from parley.replay import ReplaySession

    members = [{"name": "alice", "locale": "fi"}, {"name": "bob", "locale": "en-US"}]
    async with ReplaySession(faulty_factory(parley_factory), members=members) as s:
        expected = (await s.command("alice", "expected")).message
        assert expected.ephemeral
        assert "Tätä kohdetta ei ole enää saatavilla" in expected.text

        with caplog.at_level(logging.ERROR):
            unexpected = (await s.command("bob", "unexpected", expect_error=True)).message
        incident = re.search(r"incident ([0-9a-f]{8})", unexpected.text)
        assert incident and unexpected.ephemeral
        logged = "\n".join(r.getMessage() for r in caplog.records)
        assert incident.group(1) in logged and "/unexpected" in logged
        assert "story text" not in logged  # the exception message is not in the log line

        await s.command("bob", "faultyview")
        pressed = (await s.click("bob", "Press", expect_error=True)).message
        assert re.search(r"incident [0-9a-f]{8}", pressed.text)
        assert "story text" not in caplog.text  # nor in the formatted traceback
        assert s.violations == []
