"""Card pieces every capability uses: a Components V2 card of text blocks, and links to posted messages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import discord

#: Parley's purple, the accent of a card that has no colour of its own.
ACCENT = discord.Colour(0x9B59B6)


class TextCard(discord.ui.LayoutView):
    """A card of text blocks (separated), with optional rows of buttons at the end."""

    def __init__(
        self,
        *texts: str,
        rows: Sequence[Sequence[discord.ui.Item[Any]]] = (),
        accent: discord.Colour = ACCENT,
    ) -> None:
        super().__init__(timeout=None)
        parts: list[discord.ui.Item[Any]] = []
        for n, text in enumerate(t for t in texts if t):
            if n:
                parts.append(discord.ui.Separator())
            parts.append(discord.ui.TextDisplay(text))
        parts.extend(discord.ui.ActionRow(*row) for row in rows if row)
        self.add_item(discord.ui.Container(*parts, accent_colour=accent))


def jump_url(guild_id: int, channel_id: int | None, message_id: int | None) -> str | None:
    """A link to a message (None when it was never posted)."""
    if not channel_id or not message_id:
        return None
    return f"https://discord.com/channels/{guild_id}/{channel_id}/{message_id}"
