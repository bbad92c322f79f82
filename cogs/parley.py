"""`/parley`: what Parley is and which commands it offers, in the member's language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import discord
from discord import app_commands
from discord.app_commands import locale_str
from discord.ext import commands

from parley.cogs._shared import reach
from parley.cogs._shared.cog import ParleyCog
from parley.cogs._shared.errors import handle_error
from parley.cogs._shared.permissions import role_for
from parley.cogs._shared.respond import respond
from parley.cogs._shared.runtime import ensure_services
from parley.cogs._shared.views import THIS_BOOT
from parley.domain.errors import Expired
from parley.domain.settings import Role
from parley.i18n import LANGUAGE_NAMES, Translations

ACCENT = discord.Colour(0x5865F2)


@dataclass(frozen=True)
class CommandLine:
    """One line of the command list."""

    name: str
    description: str


def needed_role(command: app_commands.Command[Any, ..., Any]) -> Role:
    """Who a command is for: `extras["role"]` on the command or its group (moderators, admins), else members."""
    for holder in (command, command.parent):
        if holder is not None and isinstance(holder.extras.get("role"), Role):
            return holder.extras["role"]
    return Role.MEMBER


def parley_commands(
    bot: commands.Bot, t: Translations, role: Role = Role.ADMIN, *, everywhere_only: bool = False
) -> list[CommandLine]:
    """List the slash commands `role` may use (subcommands spelled out), described in the member's language.

    `everywhere_only`: outside a server, only the commands that work there (reach.EVERYWHERE).
    """
    lines: list[CommandLine] = []
    for cog in bot.cogs.values():
        if not isinstance(cog, ParleyCog):
            continue
        for command in cog.walk_app_commands():
            root = command.root_parent.name if command.root_parent else command.name
            if everywhere_only and root not in reach.EVERYWHERE:
                continue
            if isinstance(command, app_commands.Command) and needed_role(command) <= role:
                lines.append(CommandLine(command.qualified_name, t.gettext(command.description)))
    # Alphabetical as the member reads them: Finnish and Russian clients see localized command names.
    return sorted(lines, key=lambda line: t.command(line.name).casefold())


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


def has_handler(client: discord.Client, interaction: discord.Interaction, custom_id: str) -> bool:
    """Whether discord.py found a view item or DynamicItem for this component (mirrors ViewStore.dispatch_view).

    It reads discord.py's view store; if that ever changes shape, every press counts as handled (no fallback
    answer) rather than risk a second answer to a press a view did handle.
    """
    store = getattr(getattr(client, "_connection", None), "_view_store", None)
    patterns = getattr(store, "_dynamic_items", None)
    views = getattr(store, "_views", None)
    if not isinstance(patterns, dict) or not isinstance(views, dict):
        return True
    if any(pattern.fullmatch(custom_id) for pattern in patterns):
        return True
    key = ((interaction.data or {}).get("component_type"), custom_id)
    message_id = interaction.message.id if interaction.message is not None else None
    return (message_id is not None and key in views.get(message_id, {})) or key in views.get(None, {})


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
            # A member's help lists what they can use: no /mod or /setup for someone who would be refused.
            render(
                "cards/parley_commands.md.j2",
                t,
                commands=parley_commands(
                    self.bot,
                    t,
                    await role_for(self.services, interaction),
                    everywhere_only=not reach.in_server(interaction),
                ),
            ),
            render("cards/parley_footer.md.j2", t, language_name=LANGUAGE_NAMES[t.lang]),
        )
        await respond(interaction, view=card, ephemeral=True)

    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """Answer a Parley button nothing handles (a card from an older version): it has expired, kindly."""
        if interaction.type is not discord.InteractionType.component:
            return
        custom_id = str((interaction.data or {}).get("custom_id", ""))
        # Decided before the first await: discord.py dispatched the press in the same step that scheduled this.
        if not custom_id.startswith("parley:") or has_handler(self.bot, interaction, custom_id):
            return
        if custom_id.startswith(THIS_BOOT):
            return  # this process's own one-off view: it answers (it may already have stopped itself, mid-press)
        if not interaction.response.is_done():
            await handle_error(interaction, Expired(), where="unknown component")


async def setup(bot: commands.Bot) -> None:
    """Load the capability."""
    await bot.add_cog(Parley(bot, await ensure_services(bot)))
