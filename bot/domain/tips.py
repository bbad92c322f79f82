"""Members' tips: what a valid tip is, the daily limit, and how an approved tip joins the advice items."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from parley.domain.errors import N_, InvalidInput, NotAllowed, RateLimited
from parley.domain.moderation import Action, QueueStatus, register_action
from parley.domain.safe_text import strip_invisible
from parley.domain.votes import Candidate

LANGS = ("en", "ar", "fi", "ru")
# Moderators' actions on a tip besides Approve and Reject: correct it and approve, or take words out (stays pending).
EDIT_TIP = register_action(Action("tip_edit", N_("Edit & approve"), QueueStatus.APPROVED, emoji="✏️"))
REDACT_TIP = register_action(Action("tip_redact", N_("Redact"), None, emoji="🖍️"))
TIP_ACTIONS = ("approve", EDIT_TIP.name, REDACT_TIP.name)
# Discord shows a select with at most 25 options and a text field of at most 4000 characters.
TEXT_INPUT_MAX = 4000


class TipStatus(enum.StrEnum):
    """Where a tip stands; only approved tips are shown and votable."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True, slots=True)
class Tip:
    """A member's tip. `author_key` is the keyed hash of its author, used only for limits, self-votes and forget."""

    id: int
    guild_id: int
    author_key: str
    archetype: str
    lang: str
    text: str
    status: TipStatus
    created_at: str
    decided_at: str | None = None

    def candidate(self, order: int = 0) -> Candidate:
        """This tip as an item of a ranked advice list (recency = when it was approved)."""
        return Candidate(
            kind="tip",
            item_id=str(self.id),
            archetype=self.archetype,
            lang=self.lang,
            added_at=self.decided_at or self.created_at,
            order=order,
        )


class TipsClosed(NotAllowed):
    """The server turned tip suggestions off (or set the daily limit to zero)."""

    message = N_("Tip suggestions are turned off in this server.")


class TipLimitReached(RateLimited):
    """The member already suggested the day's allowance of tips."""

    message = N_("You've shared today's tips already, thank you! You can suggest more tomorrow.")


class TooNewToShare(NotAllowed):
    """The server asks members to be around a few days before suggesting tips; `days` is the server's minimum."""

    message = N_("New members can suggest tips after a few days in this server. Please come back soon!")


class EmptyTip(InvalidInput):
    """The tip has no visible text."""

    message = N_("The tip is empty. Write what helped you, in a sentence or two.")


class TipTooLong(InvalidInput):
    """The tip is over the server's length limit; `max` and `length` say by how much."""

    message = N_("The tip is too long: {length} characters, and the limit is {max}. Please shorten it.")


class UnknownChoice(InvalidInput):
    """A select in the tip form came back without a known value."""

    message = N_("Please choose the type of client and the tip's language.")


def clean_text(text: str) -> str:
    """Strip invisible characters and surrounding whitespace (inner line breaks stay)."""
    return strip_invisible(text).strip()


def validate_tip(
    text: str, archetype: str | None, lang: str | None, *, archetypes: tuple[str, ...], max_chars: int
) -> str:
    """Return the tip's cleaned text, or raise a kind error naming what to fix."""
    if archetype not in archetypes or lang not in LANGS:
        raise UnknownChoice()
    cleaned = clean_text(text)
    if not cleaned:
        raise EmptyTip()
    if len(cleaned) > max_chars:
        raise TipTooLong(length=len(cleaned), max=max_chars)
    return cleaned


def check_allowance(submitted_today: int, per_day: int, *, enabled: bool = True) -> None:
    """Refuse when tips are off in the server or the member used up today's allowance."""
    if not enabled or per_day <= 0:
        raise TipsClosed()
    if submitted_today >= per_day:
        raise TipLimitReached()


def stamp(now: dt.datetime) -> str:
    """Format a time as stored: ISO-8601 UTC with a Z ("2026-01-31T12:00:00Z"), which sorts as text."""
    return now.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def day_start(now: dt.datetime) -> str:
    """The start of `now`'s UTC day, as stored (the daily limit resets at midnight UTC)."""
    return stamp(now.astimezone(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0))
