"""Community votes: what a press does (cast, undo, change), who may vote, and how voted items are ranked.

Two axes per item: *helpful* (up / down) on everything votable, and *outcome* ("I tried this: it worked /
it didn't") on advice and tips. One vote per member, item and axis. Pressing the same button again undoes the
vote, pressing the other one changes it. Pure logic: the database applies these transitions in one transaction.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from parley.domain.errors import N_, InvalidInput, NotAllowed
from parley.domain.ranking import community_score


class Axis(enum.StrEnum):
    """What a vote is about."""

    HELPFUL = "helpful"
    OUTCOME = "outcome"


VALUES: Mapping[str, Axis] = {"up": Axis.HELPFUL, "down": Axis.HELPFUL, "worked": Axis.OUTCOME, "failed": Axis.OUTCOME}
AXIS_VALUES: Mapping[Axis, tuple[str, str]] = {Axis.HELPFUL: ("up", "down"), Axis.OUTCOME: ("worked", "failed")}

# Kinds of votable things and the exact shape of their ids (the button custom ids rely on these).
KINDS: tuple[str, ...] = ("advice", "tip", "story")
OUTCOME_KINDS = frozenset({"advice", "tip"})
ADVICE_ID = re.compile(r"[a-z][a-z0-9_]{0,29}\.[a-z][a-z0-9_]{0,39}")
NUMERIC_ID = re.compile(r"[1-9][0-9]{0,17}")


def axis_of(value: str) -> Axis:
    """Return the axis a button value belongs to (ValueError for anything else)."""
    try:
        return VALUES[value]
    except KeyError:
        raise ValueError(f"unknown vote value {value!r}") from None


def valid_item_id(kind: str, item_id: str) -> bool:
    """Tell whether an id has the shape its kind uses: `archetype.slug` for advice, a number for tips and stories."""
    if kind == "advice":
        return ADVICE_ID.fullmatch(item_id) is not None
    if kind in ("tip", "story"):
        return NUMERIC_ID.fullmatch(item_id) is not None
    return False


@dataclass(frozen=True, slots=True)
class Tally:
    """The counts of one item."""

    up: int = 0
    down: int = 0
    worked: int = 0
    failed: int = 0

    def count(self, value: str) -> int:
        """Return the count for one button value."""
        axis_of(value)
        return int(getattr(self, value))

    @property
    def votes(self) -> int:
        """All votes on the item, both axes."""
        return self.up + self.down + self.worked + self.failed

    @property
    def score(self) -> float:
        """The community score (Wilson lower bound with outcome votes weighted in)."""
        return community_score(self.up, self.down, self.worked, self.failed)

    @classmethod
    def from_counts(cls, counts: Mapping[str, int]) -> Tally:
        """Build a tally from {value: count} (missing values count zero)."""
        get = counts.get
        return cls(int(get("up", 0)), int(get("down", 0)), int(get("worked", 0)), int(get("failed", 0)))


@dataclass(frozen=True, slots=True)
class MemberVote:
    """One member's current votes on one item (None: no vote on that axis)."""

    helpful: str | None = None
    outcome: str | None = None

    def on(self, axis: Axis) -> str | None:
        """Return the vote on an axis."""
        return self.helpful if axis is Axis.HELPFUL else self.outcome

    def has(self, value: str) -> bool:
        """Tell whether this button value is the member's current vote."""
        return self.on(axis_of(value)) == value


class Change(enum.StrEnum):
    """What a press did."""

    CAST = "cast"
    UNDO = "undo"
    CHANGE = "change"


@dataclass(frozen=True, slots=True)
class Transition:
    """The effect of one press on one axis: the vote before and after."""

    axis: Axis
    before: str | None
    after: str | None

    @property
    def change(self) -> Change:
        """Cast (nothing before), undo (nothing after) or change (one value to the other)."""
        if self.before is None:
            return Change.CAST
        return Change.UNDO if self.after is None else Change.CHANGE


def press(current: str | None, pressed: str) -> Transition:
    """Apply a button press to the member's current vote on that button's axis."""
    axis = axis_of(pressed)
    if current is not None and axis_of(current) is not axis:
        raise ValueError(f"vote {current!r} is not on the {axis} axis")
    return Transition(axis, current, None if current == pressed else pressed)


def apply(tally: Tally, transition: Transition) -> Tally:
    """Return the tally after a transition (the counts a group of votes hands on, and the pure model in tests)."""
    up, down, worked, failed = tally.up, tally.down, tally.worked, tally.failed
    for value, step in ((transition.before, -1), (transition.after, 1)):
        if value == "up":
            up += step
        elif value == "down":
            down += step
        elif value == "worked":
            worked += step
        elif value == "failed":
            failed += step
    return Tally(up, down, worked, failed)


@dataclass(frozen=True, slots=True)
class VoteTarget:
    """A votable item as it exists now: who wrote it (keyed hash, None for the guides) and which axes it has."""

    kind: str
    item_id: str
    author_key: str | None = None

    @property
    def outcome(self) -> bool:
        """Tell whether members can say "it worked / it didn't" on this item."""
        return self.kind in OUTCOME_KINDS


@dataclass(frozen=True, slots=True)
class VoteResult:
    """What a press changed: the member's votes and the item's counts right after it, from the same transaction."""

    target: VoteTarget
    transition: Transition
    mine: MemberVote
    tally: Tally


class SelfVote(NotAllowed):
    """A member pressed a vote button on their own tip or story."""

    message = N_("That one is yours, so your vote can't count: the ranking shows what other members found helpful.")


class TooNewToVote(NotAllowed):
    """The server asks members to be around a few days before voting; `days` is the server's minimum."""

    message = N_("New members can vote after a few days in this server. Please come back soon!")


def check_vote(target: VoteTarget, voter_key: str, value: str) -> Axis:
    """Refuse self-votes and outcome votes where there is no outcome axis; return the press's axis."""
    axis = axis_of(value)
    if axis is Axis.OUTCOME and not target.outcome:
        raise InvalidInput()
    if target.author_key is not None and target.author_key == voter_key:
        raise SelfVote()
    return axis


def check_membership(
    joined_at: dt.datetime | None, now: dt.datetime, min_days: int, *, error: type[NotAllowed] = TooNewToVote
) -> None:
    """Refuse members who joined less than `min_days` days ago (unknown join dates are let through).

    `error` names what they can't do yet (voting by default; tips use their own message).
    """
    if min_days <= 0 or joined_at is None:
        return
    if now - joined_at < dt.timedelta(days=min_days):
        raise error(days=min_days)


# ------------------------------------------------------------------------------------------------------- ranking


@dataclass(frozen=True, slots=True)
class Candidate:
    """An item that can appear in a ranked list: a guide item (added_at None) or a member tip."""

    kind: str
    item_id: str
    archetype: str | None
    lang: str | None = None  # None: available in every language (the guides)
    added_at: str | None = None  # ISO time it joined the list; newer wins a tie
    order: int = 0  # the guides' own order, the last tie-break


@dataclass(frozen=True, slots=True)
class Ranked:
    """A candidate with its tally and community score."""

    candidate: Candidate
    tally: Tally
    score: float


def rank(
    candidates: Iterable[Candidate],
    tallies: Mapping[tuple[str, str], Tally],
    score: Callable[[Tally], float] | None = None,
) -> list[Ranked]:
    """Best first: community score, then the most recently added, then the guides' order."""
    scored = [
        Ranked(c, tally, (score or _score)(tally))
        for c in candidates
        for tally in (tallies.get((c.kind, c.item_id), Tally()),)
    ]
    # Stable sorts from the last key to the first (reverse=True keeps equal items in their current order).
    scored.sort(key=lambda r: r.candidate.order)
    scored.sort(key=lambda r: r.candidate.added_at or "", reverse=True)
    scored.sort(key=lambda r: r.score, reverse=True)
    return scored


def _score(tally: Tally) -> float:
    return tally.score


def for_language(candidates: Iterable[Candidate], lang: str) -> list[Candidate]:
    """Keep what a reader of `lang` can read: the guides (every language) and tips written in `lang`."""
    return [c for c in candidates if c.lang is None or c.lang == lang]


__all__ = [
    "AXIS_VALUES",
    "KINDS",
    "OUTCOME_KINDS",
    "VALUES",
    "Axis",
    "Candidate",
    "Change",
    "MemberVote",
    "Ranked",
    "SelfVote",
    "Tally",
    "TooNewToVote",
    "Transition",
    "VoteResult",
    "VoteTarget",
    "apply",
    "axis_of",
    "check_membership",
    "check_vote",
    "for_language",
    "press",
    "rank",
    "valid_item_id",
]
