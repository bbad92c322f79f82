"""Parley loaded as an extension into someone else's bot: their translator and commands stay theirs."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from parley.i18n import I18n
from parley.i18n.translator import ParleyTranslator
from parley.replay import ReplaySession
from tests.conftest import TEST_SECRET


class HostTranslator(app_commands.Translator):
    async def translate(self, string, locale, context):
        if string.message == "ping" and locale is discord.Locale.finnish:
            return "pingaa"
        return None


def host_factory(config_path):
    async def factory():
        bot = commands.Bot(command_prefix="!", intents=discord.Intents.default())

        @bot.tree.command(name="ping", description="host's own command")
        async def ping(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("pong", ephemeral=True)

        async def setup_hook():
            await bot.tree.set_translator(HostTranslator())
            await bot.load_extension("parley.cogs")

        bot.setup_hook = setup_hook
        return bot

    return factory


async def test_host_bot_loads_parley_and_keeps_its_own_translator(tmp_path, monkeypatch):
    config = tmp_path / "parley.toml"
    config.write_text(f'[database]\npath = "{tmp_path / "host.db"}"\n', encoding="utf-8")
    monkeypatch.setenv("PARLEY_CONFIG", str(config))
    monkeypatch.setenv("PARLEY_SECRET", TEST_SECRET)
    async with ReplaySession(host_factory(config), members=[{"name": "aino", "locale": "fi"}]) as s:
        bot = s.bot
        assert isinstance(bot.tree.translator, HostTranslator)  # Parley never replaced it
        assert "Parley" in bot.cogs and "Settings" in bot.cogs
        assert (await s.command("aino", "ping")).message.text == "pong"
        card = (await s.command("aino", "parley")).message
        assert "Komennot" in card.text and card.allowed_mentions == {"parse": []}
        # Parley never syncs the tree on its own: no command registration request at start-up
        assert any(r.path == "/users/@me" for r in s.startup.requests)  # start-up traffic is captured
        assert not [r for r in s.startup.requests if "/commands" in r.path]
        await bot.unload_extension("parley.cogs")
        assert "Parley" not in bot.cogs
    assert (tmp_path / "host.db").exists()


async def test_parley_translator_chains_to_the_hosts():
    translator = ParleyTranslator(I18n.load(), fallback=HostTranslator())
    ctx = app_commands.TranslationContext(app_commands.TranslationContextLocation.command_name, None)
    assert await translator.translate(app_commands.locale_str("ping"), discord.Locale.finnish, ctx) == "pingaa"
    assert await translator.translate(app_commands.locale_str("language"), discord.Locale.finnish, ctx) == "kieli"
    assert await translator.translate(app_commands.locale_str("language"), discord.Locale.german, ctx) is None
