"""`/parley`: what Parley is and which commands it offers, in the member's language."""

from __future__ import annotations

from dataclasses import dataclass

import discord
from discord import app_commands
from discord.app_commands import locale_str
from discord.ext import commands

from bot.i18n import LANGUAGE_NAMES, Translations
from cogs._shared.cog import ParleyCog
from cogs._shared.respond import respond
from cogs._shared.runtime import ensure_services

ACCENT = discord.Colour(0x5865F2)


@dataclass(frozen=True)
class CommandLine:
    """One line of the command list."""

    name: str
    description: str


def parley_commands(bot: commands.Bot, t: Translations) -> list[CommandLine]:
    """List Parley's slash commands (subcommands spelled out), described in the member's language."""
    lines: list[CommandLine] = []
    for cog in bot.cogs.values():
        if not isinstance(cog, ParleyCog):
            continue
        for command in cog.walk_app_commands():
            if isinstance(command, app_commands.Command):
                lines.append(CommandLine(command.qualified_name, t.gettext(command.description)))
    return sorted(lines, key=lambda line: line.name)


class ParleyCard(discord.ui.LayoutView):
    """The about/help card, as a Components V2 container."""

    def __init__(self, header: str, commands_text: str, footer: str) -> None:
        super().__init__(timeout=None)
        self.add_item(
            discord.ui.Container(
                discord.ui.TextDisplay(header),
                discord.ui.Separator(),
                discord.ui.TextDisplay(commands_text),
                discord.ui.Separator(visible=False),
                discord.ui.TextDisplay(footer),
                accent_colour=ACCENT,
            )
        )


class Parley(ParleyCog):
    """About Parley and its commands."""

    template_samples = {
        "cards/parley_help.md.j2": [{}],
        "cards/parley_commands.md.j2": [
            {"commands": [CommandLine("situation", "Walk through a difficult situation"), CommandLine("parley", "x")]}
        ],
        "cards/parley_footer.md.j2": [{"language_name": name} for name in LANGUAGE_NAMES.values()],
    }

    @app_commands.command(
        name=locale_str("parley"), description=locale_str("What Parley is and how to use its commands")
    )
    async def parley(self, interaction: discord.Interaction) -> None:
        """Show the about/help card."""
        t = await self.translations(interaction)
        render = self.services.renderer.render
        card = ParleyCard(
            render("cards/parley_help.md.j2", t),
            render("cards/parley_commands.md.j2", t, commands=parley_commands(self.bot, t)),
            render("cards/parley_footer.md.j2", t, language_name=LANGUAGE_NAMES[t.lang]),
        )
        await respond(interaction, view=card, ephemeral=True)


async def setup(bot: commands.Bot) -> None:
    """Load the capability."""
    await bot.add_cog(Parley(bot, await ensure_services(bot)))
