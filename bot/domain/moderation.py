"""The moderation queue as a state machine, and the shape of its audit entries.

Every submission waiting for moderators (a member's tip, an anonymised story) is one queue entry. Actions move
an entry from one status to another; an action whose starting status no longer holds (another moderator was
faster, a double click) is refused with `AlreadyDecided`, so each entry gets exactly one decision. Capabilities
add their own actions (stories: edit and approve, redact, feature) with `register_action`, never by branching
on kinds here. Audit entries record the moderator's keyed hash, the action, the time and the item: never the
author, never the submitted text.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from parley.domain.errors import N_, NP_, AlreadyDone, InvalidInput

NOTE_MAX_CHARS = 500


class QueueStatus(enum.StrEnum):
    """Where a queue entry stands."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"

    @property
    def decided(self) -> bool:
        """Tell whether nothing waits for a moderator any more."""
        return self is not QueueStatus.PENDING


@dataclass(frozen=True, slots=True)
class Action:
    """Something a moderator (or the system) can do to a queue entry.

    `to` is the status it leads to (None: the status stays, e.g. featuring a published story); `allowed_from`
    the statuses it may start from. `needs_reason` actions take one of REJECT_REASONS.
    """

    name: str
    label: str
    to: QueueStatus | None
    allowed_from: frozenset[QueueStatus] = frozenset({QueueStatus.PENDING})
    needs_reason: bool = False
    emoji: str | None = None


APPROVE = Action("approve", N_("Approve"), QueueStatus.APPROVED, emoji="✅")
REJECT = Action("reject", N_("Reject"), QueueStatus.REJECTED, needs_reason=True, emoji="✖️")
EXPIRE = Action("expire", N_("Expired"), QueueStatus.EXPIRED)
WITHDRAW = Action("withdraw", N_("Withdrawn by its author"), QueueStatus.WITHDRAWN)

_ACTIONS: dict[str, Action] = {a.name: a for a in (APPROVE, REJECT, EXPIRE, WITHDRAW)}


def register_action(action: Action) -> Action:
    """Add a capability's own action (names are lowercase slugs, unique); return it."""
    if not action.name.replace("_", "").isalpha() or action.name != action.name.lower() or len(action.name) > 20:
        raise ValueError(f"action names are lowercase slugs of at most 20 characters, not {action.name!r}")
    existing = _ACTIONS.get(action.name)
    if existing is not None and existing != action:
        raise ValueError(f"another action is already called {action.name!r}")
    _ACTIONS[action.name] = action
    return action


def action(name: str) -> Action:
    """Return a registered action (KeyError if unknown)."""
    return _ACTIONS[name]


def actions() -> Mapping[str, Action]:
    """Every registered action, by name."""
    return MappingProxyType(_ACTIONS)


# Reasons a moderator picks from when rejecting; "other" asks for a note.
REJECT_REASONS: Mapping[str, str] = MappingProxyType(
    {
        "off_topic": N_("Off topic for this server"),
        "duplicate": N_("Already covered"),
        "unclear": N_("Hard to follow"),
        "harmful": N_("Could cause harm"),
        "identifying": N_("Could identify someone"),
        "other": N_("Other (write a note)"),
    }
)
OTHER_REASON = "other"


class AlreadyDecided(AlreadyDone):
    """Someone decided this entry first (or it was withdrawn or expired meanwhile)."""

    message = N_("Another moderator got there first: this one is already decided.")


@dataclass(frozen=True, slots=True)
class QueueEntry:
    """One submission in the queue. It names its subject (kind + id), never its author."""

    id: int
    guild_id: int
    kind: str
    subject_id: int
    status: QueueStatus
    created_at: str
    channel_id: int | None = None
    message_id: int | None = None
    decided_at: str | None = None
    decided_by: str | None = None
    decision: str | None = None
    reason: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One moderation action, for the audit log: who (keyed hash), what, when, which item. No author field."""

    guild_id: int
    at: str
    moderator_key: str
    action: str
    kind: str
    subject_id: int
    queue_id: int | None = None
    reason: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    """An action that took effect: the entry after it and its audit entry."""

    entry: QueueEntry
    action: Action
    audit: AuditEntry
    before: QueueStatus = field(default=QueueStatus.PENDING)


def transition(status: QueueStatus, act: Action) -> QueueStatus:
    """Return the status after `act`, or raise AlreadyDecided when the entry is no longer where the action starts."""
    if status not in act.allowed_from:
        raise AlreadyDecided()
    return act.to if act.to is not None else status


def check_reason(act: Action, reason: str | None, note: str | None) -> tuple[str | None, str | None]:
    """Validate a rejection reason and note; return them cleaned (the note trimmed, None when blank)."""
    note = (note or "").strip() or None
    if note is not None and len(note) > NOTE_MAX_CHARS:
        raise InvalidInput(
            NP_("Please keep the note under {count} character.", "Please keep the note under {count} characters."),
            count=NOTE_MAX_CHARS,
        )
    if not act.needs_reason:
        return reason, note
    if reason not in REJECT_REASONS:
        raise InvalidInput(N_("Please pick a reason from the list."))
    if reason == OTHER_REASON and note is None:
        raise InvalidInput(N_("Please write a short note when the reason is “other”."))
    return reason, note


def decide(
    entry: QueueEntry,
    act: Action,
    moderator_key: str,
    at: str,
    *,
    reason: str | None = None,
    note: str | None = None,
) -> Decision:
    """Apply an action to an entry (pure): the new entry and the audit entry that records it."""
    status = transition(entry.status, act)
    reason, note = check_reason(act, reason, note)
    changes_status = act.to is not None
    after = QueueEntry(
        id=entry.id,
        guild_id=entry.guild_id,
        kind=entry.kind,
        subject_id=entry.subject_id,
        status=status,
        created_at=entry.created_at,
        channel_id=entry.channel_id,
        message_id=entry.message_id,
        decided_at=at if changes_status else entry.decided_at,
        decided_by=moderator_key if changes_status else entry.decided_by,
        decision=act.name if changes_status else entry.decision,
        reason=reason if changes_status else entry.reason,
        note=note if changes_status else entry.note,
    )
    audit = AuditEntry(
        guild_id=entry.guild_id,
        at=at,
        moderator_key=moderator_key,
        action=act.name,
        kind=entry.kind,
        subject_id=entry.subject_id,
        queue_id=entry.id,
        reason=reason,
        note=note,
    )
    return Decision(entry=after, action=act, audit=audit, before=entry.status)
