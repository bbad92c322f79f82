"""Sample contexts for the moderation templates: `python -m parley check` renders each in every language."""

from __future__ import annotations

from typing import Any

TEMPLATE_SAMPLES: dict[str, list[dict[str, Any]]] = {
    "cards/mod_queue.md.j2": [
        {"entries": [], "total": 0},
        {
            "entries": [
                {"id": 3, "kind": "story", "day": "2026-03-01", "link": "https://discord.com/channels/1/2/3"},
                {"id": 4, "kind": "tip", "day": "2026-03-03", "link": None},
            ],
            "total": 2,
        },
        {"entries": [{"id": 30, "kind": "story", "day": "2026-03-02", "link": None}], "total": 40},
    ],
    "cards/mod_audit.md.j2": [
        {"rows": []},
        {
            "rows": [
                {"day": "2026-03-01", "moderator": "mia", "action": "Approve", "item": "story #3", "reason": None},
                {
                    "day": "2026-03-01",
                    "moderator": "moderator 3f2a",
                    "action": "Reject",
                    "item": "tip #4",
                    "reason": "Already covered",
                },
            ]
        },
    ],
    "cards/mod_blocks.md.j2": [
        {"rows": [], "more": 0, "notice": None},
        {
            "rows": [
                {"id": 2, "story": 12, "day": "2026-03-02", "reason": "Could cause harm"},
                {"id": 1, "story": None, "day": "2026-01-05", "reason": None},
            ],
            "more": 3,
            "notice": "✅ Block #3 lifted.",
        },
    ],
    "cards/mod_reminder.md.j2": [
        {"count": 1, "hours": 48, "expiry_days": 7, "entries": [{"id": 3, "kind": "story", "link": None}]},
        {
            "count": 2,
            "hours": 48,
            "expiry_days": 1,
            "entries": [
                {"id": 3, "kind": "story", "link": "https://discord.com/channels/1/2/3"},
                {"id": 5, "kind": "tip", "link": None},
            ],
        },
    ],
    "cards/queue_digest.md.j2": [
        {"entries": [], "total": 0, "day": "2026-03-01"},
        {
            "entries": [
                {"id": 3, "kind": "Story", "day": "2026-03-01"},
                {"id": 4, "kind": "Tip", "day": "2026-03-03"},
            ],
            "total": 40,
            "day": "2026-03-04",
        },
    ],
    "cards/queue_alert.md.j2": [{"role": "<@&1>", "count": n, "threshold": 10} for n in (1, 2, 10, 11, 100)],
    "cards/queue_watch_settings.md.j2": [
        {
            "mode": "a card for each item as it arrives",
            "digest": False,
            "hour": None,
            "count": None,
            "zone": "UTC",
            "role": None,
            "threshold": None,
            "remind_hours": 48,
            "notice": None,
        },
        {
            "mode": "one digest message",
            "digest": True,
            "hour": "09:00",
            "count": 5,
            "zone": "Europe/Helsinki",
            "role": "<@&1>",
            "threshold": 20,
            "remind_hours": 1,
            "notice": "✅ Saved.",
        },
    ],
}
