"""Sample contexts for the report and correction cards: `python -m parley check` renders each in every language."""

from __future__ import annotations

from typing import Any

LONG = "The client [client] said the invoice was lost, three times, then asked for more work. " * 40

TEMPLATE_SAMPLES: dict[str, list[dict[str, Any]]] = {
    "cards/queue_report.md.j2": [
        {
            "report_id": 1,
            "item": "Story #3",
            "reason": "It could identify someone",
            "details": "It names the [place] where she works.",
            "count": 1,
            "day": "2026-03-01",
            "link": "https://discord.com/channels/1/2/3",
            "title": "A client who never paid",
            "text": LONG[:3500],
            "gone": False,
        },
        {
            "report_id": 999999,
            "item": "Tip #12",
            "reason": "Spam or advertising",
            "details": None,
            "count": 7,
            "day": "2026-03-02",
            "link": None,
            "title": None,
            "text": None,
            "gone": True,
        },
    ],
    "cards/queue_correction.md.j2": [
        {
            "story_id": 3,
            "day": "2026-03-01",
            "link": "https://discord.com/channels/1/2/3",
            "title": "Paid in the end",
            "text": LONG[:3500],
            "gone": False,
        },
        {"story_id": 4, "day": "2026-03-02", "link": None, "title": None, "text": None, "gone": True},
    ],
}
