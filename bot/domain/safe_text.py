"""Make member-written text inert before it is shown: no pings, no masked links, no spoofed direction.

`allowed_mentions` on every send is the guarantee that nothing pings; this module is the second layer, so the
text itself never *looks* like a mention or a link and survives being copied elsewhere.
"""

from __future__ import annotations

import re

ZWSP = "\u200b"
# Zero-width and bidi formatting characters someone could hide inside "@every\u200bone" or "<@\u200d123>".
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad\u061c]")
_MENTION = re.compile(r"@(everyone|here)|<(@[!&]?|#)(\d+)>", re.IGNORECASE)
_MASKED_LINK = re.compile(r"\[([^\]]*)\]\(\s*<?(https?://[^)\s]*)>?\s*\)")
_MARKDOWN = re.compile(r"([\\*_~`|>#\[\]()-])")
_INVITE = re.compile(r"(discord(?:app)?\.(?:gg|com/invite))/", re.IGNORECASE)


def strip_invisible(text: str) -> str:
    """Remove zero-width and directional control characters."""
    return _INVISIBLE.sub("", text)


def inert_mentions(text: str) -> str:
    """Break @everyone, @here and user/role/channel mentions so they render as plain text."""

    def _break(match: re.Match[str]) -> str:
        if match.group(1):
            return f"@{ZWSP}{match.group(1)}"
        return f"<{match.group(2)}{ZWSP}{match.group(3)}>"

    return _MENTION.sub(_break, text)


def unmask_links(text: str) -> str:
    """Turn `[label](url)` into `label (url)` so a link can't hide where it goes."""
    return _MASKED_LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", text)


def escape_markdown(text: str) -> str:
    """Escape Discord markdown so member text shows literally."""
    return _MARKDOWN.sub(r"\\\1", text)


def user_text(text: str, *, markdown: bool = False) -> str:
    """Prepare member text for display: invisible characters gone, mentions inert, links unmasked.

    With `markdown=False` (the default) markdown is escaped too, for text placed inside formatted cards.
    """
    cleaned = unmask_links(inert_mentions(strip_invisible(text)))
    cleaned = _INVITE.sub(lambda m: f"{m.group(1)}/{ZWSP}", cleaned)
    return cleaned if markdown else escape_markdown(cleaned)
