"""Where each Parley command can be used: in the server only, or wherever the member is (DMs, private channels).

Parley installs both ways: to a server (the admins add it) and to a member's own account (a user install), which
brings its commands into the member's DMs with Parley and their private channels. What helps a member privately
(talking a situation through, a draft, a red-flag check, the message menu, the member's own cases, their data
(/privacy), and /language and /parley to choose the language and find the way) works anywhere; what belongs to a
community (stories, tips, votes, moderation, settings) stays in the server.

`EVERYWHERE` is the one list: a command named here is declared for guild and user installs in every context;
every other command is declared for guild installs in servers only. A new private command is one more name here.
"""

from __future__ import annotations

import discord
from discord import app_commands

from parley.domain.errors import N_, CommandName, ParleyError

#: The English name of the one message context menu (localized through the catalogs like every command name).
DRAFT_REPLY_MENU = N_("Draft a reply with Parley")

#: Commands that work wherever the member is. Top-level names as registered (before translation).
EVERYWHERE: frozenset[str] = frozenset(
    {"situation", "draft", "redflags", "case", "language", "parley", "privacy", DRAFT_REPLY_MENU}
)

Declarable = app_commands.Command | app_commands.Group | app_commands.ContextMenu


class ServerOnly(ParleyError):
    """A community command used outside a server that has Parley (a DM, a private channel)."""

    message = N_(
        "That belongs to a server's community, so it works in a server that has Parley. Here you can use "
        "{situation}, {draft} and {redflags}, and “Draft a reply with Parley” on a message."
    )

    def __init__(self) -> None:
        super().__init__(
            situation=CommandName("situation"), draft=CommandName("draft"), redflags=CommandName("redflags")
        )


class NotHere(app_commands.CheckFailure):
    """What the command check raises outside a server: the error chain answers with the kind `ServerOnly` it carries
    (discord.py hands only app-command errors to the handlers)."""

    def __init__(self) -> None:
        super().__init__("a community command outside a server")
        self.original = ServerOnly()


def declare(command: Declarable) -> None:
    """Set a top-level command's install types and contexts from `EVERYWHERE` (what Discord is told at sync)."""
    anywhere = command.name in EVERYWHERE
    command.guild_only = not anywhere
    command.allowed_installs = app_commands.AppInstallationType(guild=True, user=anywhere)
    command.allowed_contexts = app_commands.AppCommandContext(guild=True, dm_channel=anywhere, private_channel=anywhere)


def in_server(interaction: discord.Interaction) -> bool:
    """Whether the interaction comes from a server where Parley itself is installed (not a DM, a private channel,
    or a server where only the member's own install reaches)."""
    return interaction.guild_id is not None and interaction.is_guild_integration()


def usable_here(interaction: discord.Interaction) -> bool:
    """Whether the invoked command may run here: anywhere for `EVERYWHERE`, else only in a server with Parley.

    Discord only offers a command where its contexts allow, but a registration synced before this list existed
    (no contexts: offered everywhere) or a modified client can still send one: it gets a kind answer, not an error.
    """
    command = interaction.command
    if command is None or in_server(interaction):
        return True
    root = command.root_parent.name if isinstance(command, app_commands.Command) and command.root_parent else None
    return (root or command.name) in EVERYWHERE
