"""Sample contexts for the story templates: `python -m parley check` renders each in every language."""

from __future__ import annotations

from typing import Any

from parley.domain.stories import Story, StoryStatus

_STORY = Story(
    id=12,
    guild_id=1,
    author_key="k" * 32,
    archetype="non_payer",
    lang="en",
    title="The invoice that never got paid",
    text="My client **[client]** said the invoice <@123> was lost. Twice. @everyone",
    status=StoryStatus.REJECTED,
    shared_on="2026-03-01",
    reason="identifying",
    note="Please take out the *city*.",
)
_PUBLISHED = Story(
    id=9,
    guild_id=1,
    author_key="k" * 32,
    archetype="creep",
    lang="fi",
    title=None,
    text="Asiakas [asiakas] soitti keskiyöllä.",
    status=StoryStatus.PUBLISHED,
    shared_on="2026-02-01",
    published_on="2026-02-03",
)

TEMPLATE_SAMPLES: dict[str, list[dict[str, Any]]] = {
    "cards/story_preview.md.j2": [
        {
            "archetype_name": "Non-payer / late payer",
            "title": None,
            "removed": "2 names and 1 email address",
            "too_long": 0,
            "clipped": False,
            "passes": 1,
            "minutes": 30,
        },
        {
            "archetype_name": "The creep",
            "title": "**\\[client\\]** and the midnight calls",
            "removed": None,
            "too_long": 120,
            "clipped": True,
            "passes": 2,
            "minutes": 1,
        },
    ],
    "cards/story_sent.md.j2": [
        {"mine_command": "/story mine", "left": 2},
        {"mine_command": "/story mine", "left": 0},
        {"mine_command": "/story mine", "left": None},
    ],
    "cards/story_queue.md.j2": [
        {"story_id": 12, "archetype_name": "Scope creeper", "day": "2026-03-01", "language": "Finnish", "title": None},
        {
            "story_id": 4031,
            "archetype_name": "Scope creeper",
            "day": "2026-03-04",
            "language": "English",
            "title": "A *title*",
        },
    ],
    "cards/story_decision.md.j2": [
        {"emoji": "✅", "line": "Approved by mia on 2026-03-01.", "reason": None, "note": None, "follow": "Soon."},
        {
            "emoji": "✖️",
            "line": "Rejected by mia on 2026-03-01.",
            "reason": "Could identify someone",
            "note": "The *city* names the client. @here",
            "follow": None,
        },
    ],
    "cards/story_post.md.j2": [
        {"title": "The invoice", "archetype_name": "Non-payer / late payer", "featured": True, "day": "2026-03-02"},
        {"title": None, "archetype_name": "The creep", "featured": False, "day": "2026-03-02"},
    ],
    "cards/story_mine.md.j2": [
        {"total": 0, "shown": 0, "share_command": "/story share", "notice": None},
        {"total": 11, "shown": 8, "share_command": "/story share", "notice": "✅ Story #3 was removed."},
        {"total": 1, "shown": 1, "share_command": "/story share", "notice": None},
    ],
    "cards/story_mine_item.md.j2": [
        {
            "story": _STORY,
            "title": "The invoice that never got paid",
            "archetype_name": "Non-payer / late payer",
            "status_emoji": "✖️",
            "status": "Not published",
            "reason": "Could identify someone",
            "excerpt": "My client **\\[client\\]** said…",
        },
        {
            "story": _PUBLISHED,
            "title": None,
            "archetype_name": "The creep",
            "status_emoji": "📣",
            "status": "Published",
            "reason": None,
            "excerpt": "Asiakas **\\[asiakas\\]** soitti keskiyöllä.",
        },
    ],
    "cards/story_browse.md.j2": [
        {"archetype_name": None, "search": None, "total": 0, "capped": False, "page": 1, "pages": 1},
        {
            "archetype_name": "The creep",
            "search": "invoice *late*",
            "total": 23,
            "capped": False,
            "page": 2,
            "pages": 5,
        },
        {"archetype_name": None, "search": None, "total": 1, "capped": False, "page": 1, "pages": 1},
        {"archetype_name": None, "search": "late", "total": 50, "capped": True, "page": 3, "pages": 4},
    ],
    "cards/story_browse_item.md.j2": [
        {
            "title": "The invoice",
            "archetype_name": "Non-payer / late payer",
            "day": "2026-03-02",
            "link": "https://discord.com/channels/1/2/3",
            "excerpt": "My client **\\[client\\]** said…",
        },
        {"title": None, "archetype_name": "The creep", "day": "2026-03-02", "link": None, "excerpt": "…"},
    ],
}
