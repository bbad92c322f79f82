"""What `/content export` hands an admin: the server's content as files, nothing that could name a member.

The advice file is the import format (TOML), so it round-trips; approved tips, published stories and the settings
are JSON. Tips and stories are the anonymised texts members confirmed and moderators approved, with no author
key, no user id and no time finer than a day.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from typing import Any

from parley.domain.settings import GuildSettings
from parley.domain.tips import Tip
from parley.knowledge.server_items import ServerItem, to_toml

FORMAT = "parley-server-export"
ADVICE_FILE = "parley-advice.toml"
TIPS_FILE = "parley-tips.json"
STORIES_FILE = "parley-stories.json"
SETTINGS_FILE = "parley-settings.json"


def _json(kind: str, guild_id: int, exported_on: str, body: Mapping[str, Any]) -> bytes:
    document = {"format": FORMAT, "kind": kind, "server_id": str(guild_id), "exported_on": exported_on, **body}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def build_files(
    guild_id: int,
    exported_on: str,
    *,
    items: Sequence[ServerItem],
    tips: Iterable[Tip],
    stories: Sequence[Mapping[str, Any]],
    settings: GuildSettings,
) -> dict[str, bytes]:
    """The export's files by name; `exported_on` is the day (YYYY-MM-DD)."""
    tip_rows = [
        {
            "id": tip.id,
            "type": tip.archetype,
            "language": tip.lang,
            "text": tip.text,
            "approved_on": (tip.decided_at or tip.created_at)[:10],
        }
        for tip in tips
    ]
    settings_row = {k: v for k, v in asdict(settings).items() if k != "guild_id"}
    for key in ("stories_channel_id", "queue_channel_id", "moderator_role_id"):
        if settings_row.get(key) is not None:
            settings_row[key] = str(settings_row[key])  # snowflakes as strings, as Discord writes them
    return {
        ADVICE_FILE: to_toml(items).encode("utf-8"),
        TIPS_FILE: _json("tips", guild_id, exported_on, {"tips": tip_rows}),
        STORIES_FILE: _json("stories", guild_id, exported_on, {"stories": [dict(s) for s in stories]}),
        SETTINGS_FILE: _json("settings", guild_id, exported_on, {"settings": settings_row}),
    }
