"""/redflags: screen a prospective client before accepting: checked red flags + the member's words -> a risk level.

Each checklist flag carries a weight (1-3, from the knowledge base). The member's own words count too: a flag the
words state outright ("refuses to sign any contract", «предоплату давать не хочет», «وما عنده أي تقييمات») is raised
"from your words", quoting exactly the words that state it (redflag_cues.py). Flags come from stated signs, not from
triage's archetypes: a story about a late payer doesn't say the prospect refuses a deposit, and quoting its words
("took 9 days") under "won't pay anything up front" would be wrong. The level is the sum of the weights.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from parley.domain.errors import N_, Expired, InvalidInput, NotYours
from parley.domain.redflag_cues import flags_in_words

LEVELS: tuple[str, ...] = ("low", "medium", "high")
MEDIUM_AT = 2  # total weight from which the risk is medium
HIGH_AT = 5  # total weight from which the risk is high
CHECKLIST = "checklist"
RESULT = "result"


class ChecklistExpired(Expired):
    """The red-flag check was left untouched past its lifetime."""

    message = N_("This red-flag check has expired — run {command} again.")


class ChecklistNotYours(NotYours):
    """Someone pressed a component of another member's red-flag check."""

    message = N_("This red-flag check belongs to someone else. Run {command} to start your own.")


class FlagLike(Protocol):
    """What the assessment needs of a checklist flag (parley.knowledge.RedFlag, a frozen dataclass, fits)."""

    @property
    def id(self) -> str: ...

    @property
    def weight(self) -> int: ...

    @property
    def drafts(self) -> tuple[str, ...]: ...

    @property
    def archetypes(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class FlagHit:
    """A red flag present: checked by the member, and/or raised by their words (with the words)."""

    id: str
    weight: int
    checked: bool
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class RiskAssessment:
    """The level, the total weight behind it, the flags present (heaviest first) and the drafts that fit."""

    level: str
    total: int
    hits: tuple[FlagHit, ...]
    drafts: tuple[str, ...]


def level_for(total: int) -> str:
    """Low below MEDIUM_AT, high from HIGH_AT, medium between."""
    if total >= HIGH_AT:
        return "high"
    if total >= MEDIUM_AT:
        return "medium"
    return "low"


def flags_from_words(flags: Sequence[FlagLike], text: str | None) -> dict[str, tuple[str, ...]]:
    """Checklist flags the member's words state, each with the words that state it."""
    known = {flag.id for flag in flags}
    return {flag_id: words for flag_id, words in flags_in_words(text).items() if flag_id in known}


def assess(flags: Sequence[FlagLike], checked: Iterable[str], text: str | None = None) -> RiskAssessment:
    """Weigh the checked flags and those the member's words state into a risk level with its reasons."""
    checked_ids = set(checked)
    unknown = checked_ids - {flag.id for flag in flags}
    if unknown:
        raise InvalidInput()
    from_words = flags_from_words(flags, text)
    hits = [
        FlagHit(flag.id, flag.weight, flag.id in checked_ids, from_words.get(flag.id, ()))
        for flag in flags
        if flag.id in checked_ids or flag.id in from_words
    ]
    order = {flag.id: n for n, flag in enumerate(flags)}
    hits.sort(key=lambda h: (-h.weight, order[h.id]))
    total = sum(h.weight for h in hits)
    by_id = {flag.id: flag for flag in flags}
    drafts = tuple(dict.fromkeys(kind for h in hits for kind in by_id[h.id].drafts))
    return RiskAssessment(level_for(total), total, tuple(hits), drafts)


@dataclass(frozen=True)
class ChecklistState:
    """A red-flag check in progress: the flags ticked, whether the member described the client, the step."""

    step: str = CHECKLIST
    checked: tuple[str, ...] = ()
    has_text: bool = False
    answered: bool = False  # the member ticked something or said "none of these"

    def tick(self, flag_ids: Iterable[str], valid: Iterable[str]) -> ChecklistState:
        """Replace the ticked flags and show the result."""
        ids = tuple(dict.fromkeys(flag_ids))
        if set(ids) - set(valid):
            raise InvalidInput()
        return replace(self, checked=ids, answered=True, step=RESULT)

    def none_apply(self) -> ChecklistState:
        """The member checked the list and none of the flags apply."""
        return replace(self, checked=(), answered=True, step=RESULT)

    def with_words(self) -> ChecklistState:
        """The member described the client; the result can be shown from their words alone."""
        return replace(self, has_text=True, step=RESULT)

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict (flag ids only)."""
        return {"step": self.step, "checked": list(self.checked), "has_text": self.has_text, "answered": self.answered}

    @classmethod
    def from_json(cls, data: Mapping[str, Any], valid: Iterable[str] = ()) -> ChecklistState:
        """Rebuild a stored state, dropping anything unknown."""
        allowed = set(valid)
        step = data.get("step")
        return cls(
            step=step if isinstance(step, str) and step in (CHECKLIST, RESULT) else CHECKLIST,
            checked=tuple(f for f in data.get("checked", ()) if not allowed or f in allowed),
            has_text=bool(data.get("has_text")),
            answered=bool(data.get("answered")),
        )
