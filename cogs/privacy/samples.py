"""Sample contexts for the privacy cards: `python -m parley check` renders each in every language."""

from __future__ import annotations

from typing import Any

from parley.domain.privacy import (
    KEPT_AUDIT,
    KEPT_BLOCK,
    KEPT_MODERATION,
    KEPT_OTHERS,
    KEPT_UNLINKED,
    ForgetChoice,
    ForgetReport,
    MemberData,
)

_VOTE = {"kind": "advice", "item_id": "np-01", "axis": "helpful", "value": "up", "voted_at": "2026-01-01T12:00:00Z"}
_STORY = {"id": 1, "type": "non_payer", "title": None, "text": "…", "status": "published"}
_TIP = {"id": 2, "archetype": "creep", "lang": "en", "text": "…", "status": "approved"}

EMPTY = MemberData()
BLOCKED_ONLY = MemberData(sharing_blocked=True)
ONE_OF_EACH = MemberData(
    language="fi",
    votes=(_VOTE,),
    flows=({"kind": "situation"},),
    drafts=({"kind": "payment_reminder"},),
    tips=({**_TIP, "status": "pending"},),
    stories=({**_STORY, "status": "pending"},),
    metoo=(3,),
    moderation=({"day": "2026-01-01", "action": "approve", "kind": "tip", "item": 2},),
    cases=({"client_kind": "non_payer"}, {"reminder_preferences": {}}),
)
# Large counts reach every plural form (Arabic has six) and the longest wording.
MANY = MemberData(
    language="ar",
    votes=(_VOTE,) * 103,
    flows=({"kind": "situation"},) * 2,
    drafts=({"kind": "payment_reminder"},) * 11,
    tips=(_TIP,) * 5 + ({**_TIP, "status": "rejected"},) * 6,
    stories=(_STORY,) * 12 + ({**_STORY, "status": "rejected"},) * 3,
    metoo=tuple(range(21)),
    shares=({"day": "2026-01-01", "stories": 2},),
    moderation=({"day": "2026-01-01", "action": "approve", "kind": "tip", "item": 2},) * 4,
    sharing_blocked=True,
    cases=({"client_kind": "non_payer"},) * 13,
)

# What a person left outside servers (DMs with Parley, private channels): only these kinds exist there.
OUTSIDE = MemberData(
    language="ru",
    flows=({"kind": "situation"},) * 3,
    drafts=({"kind": "payment_reminder"},),
    cases=({"client_kind": "non_payer"},) * 2,
)
OUTSIDE_CASES_ONLY = MemberData(cases=({"client_kind": "scope_creep"},))

_EVERYTHING = ForgetReport(
    choice=ForgetChoice.UNLINK,
    votes=103,
    flows=2,
    drafts=11,
    cases=22,
    language=True,
    tips_erased=6,
    tips_unlinked=5,
    stories_erased=3,
    stories_unlinked=12,
    posts=tuple((1, n) for n in range(14)),
    metoo=21,
    moderation_retagged=4,
    blocked=True,
    kept=(KEPT_BLOCK, KEPT_UNLINKED, KEPT_OTHERS, KEPT_MODERATION, KEPT_AUDIT),
)
_SIMPLE = ForgetReport(
    choice=ForgetChoice.ERASE, votes=1, stories_erased=1, cases=1, posts=((1, 2),), kept=(KEPT_AUDIT,)
)
_NOTHING = ForgetReport(choice=ForgetChoice.ERASE, kept=(KEPT_AUDIT,))
_OUTSIDE_DONE = ForgetReport(choice=ForgetChoice.ERASE, flows=3, drafts=1, cases=2, language=True)


def _about(hours: int, days: int, grace: int, batch: int = 3) -> dict[str, Any]:
    return {
        "batch_max_hours": batch,
        "flow_ttl_hours": hours,
        "purge_rejected_days": days,
        "guild_grace_days": grace,
        "closed_case_days": days,
        "idle_case_days": grace * 3,
        "export_command": "/privacy export",
        "forget_command": "/privacy forget",
    }


TEMPLATE_SAMPLES: dict[str, list[dict[str, Any]]] = {
    "cards/privacy_about.md.j2": [_about(24, 30, 30), _about(1, 1, 1, 1), _about(2, 0, 102, 0)],
    "cards/privacy_export.md.j2": [
        *({"data": data, "flow_ttl_hours": hours} for data, hours in ((EMPTY, 24), (ONE_OF_EACH, 1), (MANY, 103))),
        {"data": ONE_OF_EACH, "outside": OUTSIDE, "flow_ttl_hours": 24},
        {"data": OUTSIDE, "outside_servers": True, "flow_ttl_hours": 24},
        {"data": OUTSIDE_CASES_ONLY, "outside_servers": True, "flow_ttl_hours": 2},
        {"data": EMPTY, "outside_servers": True, "flow_ttl_hours": 24},
    ],
    "cards/privacy_forget_confirm.md.j2": [
        *({"data": data, "export_command": "/privacy export"} for data in (EMPTY, BLOCKED_ONLY, ONE_OF_EACH, MANY)),
        {"data": EMPTY, "outside": OUTSIDE, "export_command": "/privacy export"},
        {"data": MANY, "outside": OUTSIDE_CASES_ONLY, "export_command": "/privacy export"},
        {"data": OUTSIDE, "outside_servers": True, "export_command": "/privacy export"},
        {"data": EMPTY, "outside_servers": True, "export_command": "/privacy export"},
    ],
    "cards/privacy_forget_done.md.j2": [
        {"report": _EVERYTHING, "kept": list(_EVERYTHING.kept), "pending": 2},
        {"report": _SIMPLE, "kept": list(_SIMPLE.kept), "pending": 0},
        {"report": _NOTHING, "kept": list(_NOTHING.kept), "pending": 0},
        {"report": _OUTSIDE_DONE, "kept": [], "pending": 0, "outside_servers": True},
    ],
}
