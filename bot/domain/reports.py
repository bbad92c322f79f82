"""Reports, corrections and lockdown: the rules, without Discord.

A member reports a published story or tip with a reason from a fixed list and optional details (anonymised before
they are stored). Each report becomes one entry in the moderators' queue (kind "report"), decided once: dismissed,
taken down, or the item edited. Reporters are keyed hashes; nobody, the author least of all, learns who reported.

An author may ask for a correction of their published story (kind "correction": the anonymised new text waits on
the story's row until a moderator approves or rejects it). Taking their own story down needs nobody's approval:
it is their story, and a takedown only ever removes text, so there is nothing for a moderator to check.

A lockdown pauses sharing stories, suggesting tips and publishing in one server until a moderator lifts it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from parley.domain.errors import N_, NP_, AlreadyDone, InvalidInput, NotAllowed, RateLimited
from parley.domain.moderation import Action, QueueStatus, register_action

#: The queue kinds this capability adds.
REPORT_KIND = "report"
CORRECTION_KIND = "correction"
#: The audit's "kind" for actions on a whole server (lockdown on / off); its subject is the guild id.
SERVER_KIND = "server"

#: What can be reported (the vote kinds of published stories and approved tips).
REPORTABLE = ("story", "tip")

DETAILS_MAX_CHARS = 500
#: A member may report this many items per rolling hour: enough for a real problem, not for a pile-on.
REPORTS_PER_HOUR = 5
REPORT_WINDOW = dt.timedelta(hours=1)

REPORT_REASONS: Mapping[str, str] = MappingProxyType(
    {
        "identifies": N_("It could identify someone"),
        "harmful": N_("It is hurtful or harassing"),
        "false": N_("It is false or misleading"),
        "spam": N_("Spam or advertising"),
        "mine": N_("It is about me or my business"),
        "other": N_("Something else"),
    }
)

DISMISS = register_action(Action("dismiss", N_("Dismiss"), QueueStatus.REJECTED, emoji="👌"))
TAKE_DOWN = register_action(Action("take_down", N_("Take down"), QueueStatus.APPROVED, emoji="🗑️"))
EDIT_ITEM = register_action(Action("edit_item", N_("Edit it"), QueueStatus.APPROVED, emoji="✏️"))
REPORT_ACTIONS = (TAKE_DOWN.name, EDIT_ITEM.name, DISMISS.name)

# Audit-only actions (no queue entry moves): who paused or resumed the server, and when.
LOCKDOWN_ON = register_action(Action("lockdown_on", N_("Lockdown on"), None, emoji="🔒"))
LOCKDOWN_OFF = register_action(Action("lockdown_off", N_("Lockdown lifted"), None, emoji="🔓"))


class AlreadyReported(AlreadyDone):
    """The member reported this item before: one report per member per item."""

    message = N_("You already reported this, thank you: the moderators have it. One report per item is enough.")


class TooManyReports(RateLimited):
    """The member reached the hourly number of reports."""

    counted = NP_(
        "Thank you for looking out for the community. You can send {count} report an hour; please try again later.",
        "Thank you for looking out for the community. You can send {count} reports an hour; please try again later.",
    )

    def __init__(self, *, count: int) -> None:
        super().__init__(self.counted, count=count)


class CannotReportOwn(NotAllowed):
    """Authors take their own story down or correct it from /story mine instead of reporting it."""

    message = N_("This is yours: you can correct it or take it down yourself in {command}.")


class LockedDown(NotAllowed):
    """The server is in lockdown: sharing, tips and publishing wait."""

    message = N_(
        "The moderators have paused sharing in this server for now. Nothing was sent and nothing is lost; "
        "please try again once sharing resumes."
    )
    #: at Confirm: the preview is still there, with the member's text.
    keeping = N_(
        "The moderators have paused sharing in this server for now, so nothing was sent. Your preview stays here "
        "for {minutes} minutes: press Confirm again once sharing resumes, or use Edit to copy your text."
    )


@dataclass(frozen=True, slots=True)
class Report:
    """One member's report of one item; the reporter is a keyed hash and never leaves the database."""

    id: int
    guild_id: int
    kind: str
    item_id: int
    reason: str
    details: str | None
    created_at: str


def check_reason(reason: str | None) -> str:
    """A reason from the list, or a kind refusal."""
    if reason is None or reason not in REPORT_REASONS:
        raise InvalidInput(N_("Please pick a reason from the list."))
    return reason


def clean_details(details: str | None) -> str | None:
    """Trimmed details (None when blank), or a kind refusal when too long."""
    details = (details or "").strip() or None
    if details is not None and len(details) > DETAILS_MAX_CHARS:
        raise InvalidInput(
            NP_(
                "Please keep the details under {count} character.", "Please keep the details under {count} characters."
            ),
            count=DETAILS_MAX_CHARS,
        )
    return details


def check_allowance(recent: int, per_hour: int = REPORTS_PER_HOUR) -> None:
    """Refuse kindly once a member sent `per_hour` reports in the last hour."""
    if recent >= per_hour:
        raise TooManyReports(count=per_hour)


def window_start(now: dt.datetime) -> str:
    """The stamp an hour ago: reports since then count against the limit."""
    return (now - REPORT_WINDOW).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
