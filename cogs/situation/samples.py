"""Sample contexts for the walkthrough's templates: `python -m parley check` renders each in every language.

Worst cases on purpose (the longest names, summaries and advice the knowledge base allows), so a card that fits
here fits in real use.
"""

from __future__ import annotations

from parley.domain.walkthrough import Progress

_NAME = "Non-payer / late payer with a rather long name here"  # 52 of 60 allowed
_SUMMARY = "The work is done, but the money doesn't come. " * 13  # ~600 characters, the knowledge base's maximum
_ADVICE = "Start with friendly reminders and raise the firmness gradually, one message at a time. " * 3  # ~260
_WHY = "you wrote “next week”, “invoice” and “still not paid”, you chose “The client doesn't pay, or pays late”"

TEMPLATE_SAMPLES = {
    "cards/situation_step.md.j2": [
        {
            "progress": Progress(1, 4),
            "question": "What is happening?",
            "hint": "Pick up to three that sound like your client.",
            "understood": "",
            "recap": "",
            "notice": None,
        },
        {
            "progress": Progress(2, 3),
            "question": "Where are you with this client?",
            "hint": "The right next step depends a lot on this.",
            "understood": "“The client doesn't pay, or pays late”, “The revisions never end”",
            "recap": "The client doesn't pay, or pays late · A written contract",
            "notice": "-# ✅ Noted.",
        },
    ],
    "cards/situation_result.md.j2": [
        {"recognised": [{"name": _NAME, "summary": _SUMMARY, "why": _WHY}], "unsure": False, "notice": None},
        {"recognised": [], "unsure": True, "notice": None},
        {
            "recognised": [
                {"name": _NAME, "summary": _SUMMARY, "why": _WHY},
                {"name": _NAME, "summary": _SUMMARY, "why": _WHY},
            ],
            "unsure": False,
            "notice": "-# ✅ Thanks: noted anonymously.",
        },
    ],
    "cards/situation_advice.md.j2": [
        {"first": True, "position": 1, "text": _ADVICE, "source": "G0 §non-payer", "community": None},
        {"first": False, "position": 5, "text": _ADVICE, "source": "G3 §10", "community": "👍 12"},
    ],
    "cards/situation_next.md.j2": [
        {
            "step": {"text": _ADVICE, "source": "G0 §non-payer"},
            "then": _ADVICE,
            "drafts": "Call summary, Contract request and Deposit before more work",
            "draft_command": "/draft",
        },
        {"step": None, "then": None, "drafts": "Payment reminder", "draft_command": None},
        {"step": {"text": _ADVICE, "source": "G3 §3"}, "then": None, "drafts": "", "draft_command": None},
    ],
    "cards/redflags_checklist.md.j2": [{"notice": None}, {"notice": "-# ✅ Noted."}],
    "cards/redflags_result.md.j2": [
        {
            "level": level,
            "level_emoji": "🔴",
            "level_label": "High risk",
            "hits": [
                {"label": "Refuses a written contract", "advice": _ADVICE, "source": "G4 §anti-contract", "words": w}
                for w in ("", "“won't sign”", "", "", "", "", "", "“at 3 am”")[:count]
            ],
            "drafts": "Deposit condition, Contract request",
            "notice": None,
        }
        for level, count in (("high", 8), ("medium", 2), ("low", 0))
    ],
}
