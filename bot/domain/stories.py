"""Horror stories: the private preview (what the anonymiser removed, marked), limits, the story lifecycle,
publishing slots, expiry and moderator reminders. Pure logic: no Discord, no SQL, no I/O.

Privacy rules this module encodes (DESIGN.md, "Anonymity and privacy rules"):
- the raw text a member typed is only ever an argument here; what leaves is the anonymised text;
- a preview the member has not confirmed lives in process memory (`TtlStore`), never on disk;
- published stories carry days, never times (`day_of`), and go out in publishing slots (`next_slot`) so the
  time of sharing can't be matched to the time of posting.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import random
import re
import secrets
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Generic, TypeVar

from parley.domain.anonymiser.labels import redaction_mark as redaction_mark  # re-exported: Redact's mark
from parley.domain.anonymiser.review import take_out_phrases
from parley.domain.errors import N_, NP_, AlreadyDone, Expired, InvalidInput, NotAllowed, RateLimited
from parley.domain.moderation import Action, QueueStatus, register_action
from parley.domain.safe_text import strip_invisible

KIND = "story"  # the queue kind and the vote kind
TITLE_MAX_CHARS = 100
# A story is something that happened, told in words: emoji, symbols or a couple of words tell nobody anything.
MIN_WORDS = 5
# A word: a run of letters (any script; digits, emoji and punctuation are not letters).
_WORD_RE = re.compile(r"[^\W\d_]+")
# A Components V2 message holds 4000 characters of text in all; the card around a story needs some of them.
STORED_MAX_CHARS = 3500
PREVIEW_TTL = dt.timedelta(minutes=30)
BROWSE_TTL = dt.timedelta(minutes=30)
MINE_LIMIT = 8
# What the moderators' Redact puts in place of a phrase, in the story's own language (it is part of the story).
# Anonymiser placeholders and Redact marks look like "[client]", "[person 2]", "[заказчик]".
_PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,40}\]")
SPAN_ORDER = ("person", "org", "place", "email", "phone", "url", "handle", "number")

# The Parley process itself as the actor of automatic moderation (expiry): not a hex HMAC, so it never collides.
SYSTEM_KEY = "system:parley:automatic-moderation"


# ------------------------------------------------------------------------------------------------ lifecycle


class StoryStatus(enum.StrEnum):
    """Where a story stands."""

    PENDING = "pending"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"
    PUBLISHING = "publishing"
    PUBLISHED = "published"
    REJECTED = "rejected"
    EXPIRED = "expired"

    @property
    def resubmittable(self) -> bool:
        """Tell whether the author may edit and send it again: sent back for edits, or rejected (the note often
        says what to change: a rejection must not be a dead end)."""
        return self in (StoryStatus.CHANGES_REQUESTED, StoryStatus.REJECTED)

    @property
    def removable(self) -> bool:
        """Tell whether the author may withdraw or delete it now (a claimed story is being posted this moment)."""
        return self is not StoryStatus.PUBLISHING


STATUS_LABELS: Mapping[StoryStatus, str] = {
    StoryStatus.PENDING: N_("Waiting for the moderators"),
    StoryStatus.CHANGES_REQUESTED: N_("Sent back to you for edits"),
    StoryStatus.APPROVED: N_("Approved: it will be posted in the next publishing slot"),
    StoryStatus.PUBLISHING: N_("Approved: it will be posted in the next publishing slot"),
    StoryStatus.PUBLISHED: N_("Published"),
    StoryStatus.REJECTED: N_("Not published"),
    StoryStatus.EXPIRED: N_("Expired: no moderator decided in time"),
}
STATUS_EMOJI: Mapping[StoryStatus, str] = {
    StoryStatus.PENDING: "⏳",
    StoryStatus.CHANGES_REQUESTED: "↩️",
    StoryStatus.APPROVED: "✅",
    StoryStatus.PUBLISHING: "✅",
    StoryStatus.PUBLISHED: "📣",
    StoryStatus.REJECTED: "✖️",
    StoryStatus.EXPIRED: "⌛",
}

# The story-specific moderation actions (Approve, Reject, Expire, Withdraw are the queue's own).
EDIT_APPROVE = register_action(Action("edit_approve", N_("Edit & approve"), QueueStatus.APPROVED, emoji="✏️"))
FEATURE = register_action(Action("feature", N_("Feature"), QueueStatus.APPROVED, emoji="⭐"))
REDACT = register_action(Action("redact", N_("Redact"), None, emoji="🖍️"))
REQUEST_EDIT = register_action(Action("request_edit", N_("Request edit"), QueueStatus.REJECTED, emoji="↩️"))
# Blocking asks for a reason (in a form that is also the confirm step); the reasons are rejection reasons, the ones
# that can justify keeping someone from sharing.
BLOCK_AUTHOR = register_action(
    Action("block_author", N_("Block author"), QueueStatus.REJECTED, needs_reason=True, emoji="⛔")
)
BLOCK_REASONS: tuple[str, ...] = ("harmful", "identifying", "off_topic", "other")
# Lifting a block (from /mod blocks); audited like every moderation action, under the block's own number.
UNBLOCK_AUTHOR = register_action(Action("unblock_author", N_("Unblock author"), None, emoji="🔓"))
BLOCK_KIND = "block"


@dataclass(frozen=True, slots=True)
class Block:
    """A moderators' block on an author, as moderators see it: its number, the story it was pressed on, why, when.

    Never the author: the block holds their keyed hash only, and this view does not even carry that.
    """

    id: int
    story_id: int | None
    reason: str | None
    blocked_on: str


# The queue's own reject is a select; stories reject through a modal (reason + a note the author sees).
REJECT_STORY = register_action(Action("reject_story", N_("Reject"), QueueStatus.REJECTED, needs_reason=True, emoji="✖️"))
# Buttons on a pending story's card, in rows of at most five.
CARD_ACTIONS: tuple[tuple[str, ...], ...] = (
    ("approve", "edit_approve", "feature", "redact", "reject_story"),
    ("request_edit", "block_author"),
)
QUEUE_ACTIONS: tuple[str, ...] = tuple(name for row in CARD_ACTIONS for name in row)

_AFTER_DECISION: Mapping[str, StoryStatus] = {
    "approve": StoryStatus.APPROVED,
    "edit_approve": StoryStatus.APPROVED,
    "feature": StoryStatus.APPROVED,
    "reject": StoryStatus.REJECTED,
    "reject_story": StoryStatus.REJECTED,
    "block_author": StoryStatus.REJECTED,
    "request_edit": StoryStatus.CHANGES_REQUESTED,
    "expire": StoryStatus.EXPIRED,
}


def status_after(action_name: str) -> StoryStatus | None:
    """The story's status after a moderation action (None: the action leaves it pending, e.g. Redact)."""
    return _AFTER_DECISION.get(action_name)


@dataclass(frozen=True, slots=True)
class Story:
    """A confirmed story as stored: anonymised text only; the author a keyed hash; days, never times."""

    id: int
    guild_id: int
    author_key: str
    archetype: str
    lang: str
    title: str | None
    text: str
    status: StoryStatus
    shared_on: str
    featured: bool = False
    decided_on: str | None = None
    reason: str | None = None
    note: str | None = None
    queue_id: int | None = None
    publish_after: str | None = None
    published_on: str | None = None
    channel_id: int | None = None
    message_id: int | None = None

    def is_by(self, member_key: str | None) -> bool:
        """Tell whether a member wrote it (a keyed-hash comparison; nobody else learns anything)."""
        return member_key is not None and secrets.compare_digest(self.author_key, member_key)


# ------------------------------------------------------------------------------------------------- errors


class StoriesClosed(NotAllowed):
    """The server turned stories off, or set the daily allowance to zero."""

    message = N_("Story sharing is turned off in this server.")


class SharingUnavailable(NotAllowed):
    """A blocked author tries to share; the message says no more than that (nobody learns who is blocked)."""

    message = N_("Sharing stories isn't available to you in this server.")


class StoryLimitReached(RateLimited):
    """The author already shared the day's allowance."""

    message = N_("You've shared today's stories already, thank you! You can share again tomorrow.")


class TooNewToShareStory(NotAllowed):
    """The server asks members to be around a few days before sharing; `days` is the server's minimum."""

    message = N_("New members can share stories after a few days in this server. Please come back soon!")


class EmptyStory(InvalidInput):
    """Nothing visible was typed."""

    message = N_("The story is empty. Please write what happened.")


class TooFewWords(InvalidInput):
    """The story has hardly any words (emoji or symbols only, or two words)."""

    message = N_(
        "Tell us a little more: a story needs at least {count} words about what happened (emoji and symbols "
        "alone can't be shared)."
    )


class StoryTooLong(InvalidInput):
    """The anonymised story (placeholders can be longer than names) no longer fits."""

    message = N_("The story is too long to post. Please use Edit to shorten it.")


class OwnStory(NotAllowed):
    """A moderator pressed a button on a story they wrote; the refusal reveals nothing beyond itself."""

    message = N_("You can't act on this one: another moderator will.")


class PreviewGone(Expired):
    """The preview expired or the bot restarted: nothing was kept, by design."""

    message = N_("This preview has expired and nothing was saved. Run {command} to start again.")


class AlreadyDecidedBy(AlreadyDone):
    """The slower of two moderators: tells who decided (their name, never the author's)."""

    message = N_("{moderator} already decided on this one ({decision}).")


class NothingToRedact(InvalidInput):
    """Redact found none of the phrases in the story."""

    message = N_("None of those phrases are in the story. Copy them exactly as they appear, one per line.")


# ---------------------------------------------------------------------------------------------- validation


def clean_text(raw: str) -> str:
    """Normalise what a member typed before anonymising: invisible characters out, so "Jo\u200bhn" can't hide."""
    return strip_invisible(raw).replace("\r\n", "\n").replace("\r", "\n").strip()


def validate_story(text: str, max_chars: int) -> str:
    """Return the cleaned story or raise EmptyStory / TooFewWords / InvalidInput (too long)."""
    cleaned = clean_text(text)
    if not cleaned:
        raise EmptyStory()
    if word_count(cleaned) < MIN_WORDS:
        raise TooFewWords(count=MIN_WORDS)
    if len(cleaned) > max_chars:
        raise InvalidInput(
            NP_("Please keep the story under {count} character.", "Please keep the story under {count} characters."),
            count=max_chars,
        )
    return cleaned


def word_count(text: str) -> int:
    """How many words (runs of letters, in any script) a text has."""
    return len(_WORD_RE.findall(text))


def clean_title(title: str | None) -> str | None:
    """Return the cleaned title (None when blank), cut to the stored limit."""
    cleaned = clean_text(title or "").replace("\n", " ")
    return cleaned[:TITLE_MAX_CHARS] or None


def story_limit(config_max: int) -> int:
    """The longest story the share form accepts: the configured maximum, within what a card can show."""
    return max(1, min(config_max, STORED_MAX_CHARS))


def check_can_share(*, enabled: bool, per_day: int, shared_today: int, blocked: bool) -> None:
    """Refuse sharing when stories are off, the author is blocked, or today's allowance is used."""
    if not enabled or per_day <= 0:
        raise StoriesClosed()
    if blocked:
        raise SharingUnavailable()
    if shared_today >= per_day:
        raise StoryLimitReached()


def check_membership_days(joined_at: dt.datetime | None, now: dt.datetime, min_days: int) -> None:
    """Refuse members who joined less than `min_days` ago (unknown join dates are let through)."""
    if min_days > 0 and joined_at is not None and now - joined_at < dt.timedelta(days=min_days):
        raise TooNewToShareStory(days=min_days)


# ------------------------------------------------------------------------------------------------ previews


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of story text; `removed` marks a placeholder standing where something identifying was."""

    text: str
    removed: bool = False


@dataclass(frozen=True, slots=True)
class Removal:
    """One identifying detail the anonymiser replaced: its type and the placeholder put in its place."""

    type: str
    placeholder: str


@dataclass(frozen=True, slots=True)
class Preview:
    """A story shown to its author before anything is stored: the ANONYMISED text only, kept in memory.

    `placeholders` are every placeholder any pass put in (so later passes keep them marked); `removed` counts the
    details removed per type over all passes. `story_id` is set when the author resubmits a story the moderators
    sent back. `user_id` (memory only) is who may press the preview's buttons.
    """

    token: str
    guild_id: int
    user_id: int
    author_key: str
    archetype: str
    lang: str
    title: str | None
    text: str
    placeholders: frozenset[str]
    removed: tuple[tuple[str, int], ...]
    expires_at: dt.datetime
    story_id: int | None = None
    passes: int = 1
    #: a correction of the published story `story_id`, asked for by its author
    correction: bool = False

    @property
    def removed_total(self) -> int:
        """How many details were removed in all."""
        return sum(n for _, n in self.removed)

    @property
    def too_long_by(self) -> int:
        """Characters over what can be stored (0 when it fits)."""
        return max(0, len(self.text) - STORED_MAX_CHARS)


def count_removed(removals: Iterable[Removal], before: Iterable[tuple[str, int]] = ()) -> tuple[tuple[str, int], ...]:
    """Counts per type (in a fixed, readable order), added to earlier counts."""
    counts: Counter[str] = Counter(dict(before))
    counts.update(r.type for r in removals)
    order = {t: i for i, t in enumerate(SPAN_ORDER)}
    return tuple(sorted(((t, n) for t, n in counts.items() if n > 0), key=lambda tn: (order.get(tn[0], 99), tn[0])))


def new_preview(
    *,
    guild_id: int,
    user_id: int,
    author_key: str,
    archetype: str,
    lang: str,
    title: str | None,
    text: str,
    removals: Sequence[Removal],
    now: dt.datetime,
    story_id: int | None = None,
) -> Preview:
    """The first preview of a story: the anonymiser's output (text and title) and what it removed."""
    return Preview(
        token=secrets.token_hex(8),
        guild_id=guild_id,
        user_id=user_id,
        author_key=author_key,
        archetype=archetype,
        lang=lang,
        title=title,
        text=text,
        placeholders=frozenset(r.placeholder for r in removals),
        removed=count_removed(removals),
        expires_at=now + PREVIEW_TTL,
        story_id=story_id,
    )


def edited_preview(
    preview: Preview,
    *,
    archetype: str,
    title: str | None,
    text: str,
    removals: Sequence[Removal],
    now: dt.datetime,
) -> Preview:
    """The preview after the author edited it and the anonymiser ran again over the edited text."""
    return replace(
        preview,
        token=secrets.token_hex(8),
        archetype=archetype,
        title=title,
        text=text,
        placeholders=preview.placeholders | {r.placeholder for r in removals},
        removed=count_removed(removals, preview.removed),
        expires_at=now + PREVIEW_TTL,
        passes=preview.passes + 1,
    )


def segments(text: str, placeholders: Iterable[str] | None = None) -> tuple[Segment, ...]:
    """Split text into plain runs and placeholders to mark.

    With `placeholders`, exactly those strings are marked (a preview knows what it put in); without, anything
    shaped like a placeholder ("[client]", "[removed]") is (stored stories, moderators' redactions).
    """
    if placeholders is None:
        pattern = _PLACEHOLDER
    else:
        known = sorted({p for p in placeholders if p}, key=len, reverse=True)
        if not known:
            return (Segment(text),) if text else ()
        pattern = re.compile("|".join(re.escape(p) for p in known))
    out: list[Segment] = []
    pos = 0
    for match in pattern.finditer(text):
        if match.start() > pos:
            out.append(Segment(text[pos : match.start()]))
        out.append(Segment(match.group(0), removed=True))
        pos = match.end()
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return tuple(out)


def clip_segments(parts: Sequence[Segment], budget: int) -> tuple[tuple[Segment, ...], bool]:
    """Keep at most `budget` characters of text (whole placeholders only); say whether anything was cut."""
    out: list[Segment] = []
    used = 0
    for part in parts:
        room = budget - used
        if len(part.text) <= room:
            out.append(part)
            used += len(part.text)
            continue
        if not part.removed and room > 0:
            out.append(Segment(part.text[:room].rstrip() + "…"))
        else:
            out.append(Segment("…"))
        return tuple(out), True
    return tuple(out), False


# ---------------------------------------------------------------------------------------------- moderation


def redact(text: str, phrases: Iterable[str], placeholder: str) -> tuple[str, int]:
    """Replace every occurrence of each phrase (case-insensitive, longest first) with a placeholder.

    Phrases shorter than two characters are ignored, so a stray letter can't shred the story.
    """
    phrases = list(phrases)
    if not any(len(p.strip()) >= 2 for p in phrases):
        raise InvalidInput(N_("Paste at least one phrase to remove, one per line."))
    redacted, count = take_out_phrases(text, phrases, placeholder)
    if count == 0:
        raise NothingToRedact()
    return redacted, count


def moderator_tag(moderator_key: str) -> str:
    """A short, stable pseudonym for a moderator in the audit (derived, so it reveals nothing of the key)."""
    if moderator_key == SYSTEM_KEY:
        return "parley"
    return hashlib.sha256(f"audit-tag:{moderator_key}".encode()).hexdigest()[:4]


# ----------------------------------------------------------------------------------------------------- time

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def day_of(at: dt.datetime) -> str:
    """The UTC day of a time ("2026-01-31"): the only precision a story's dates are kept at."""
    return at.astimezone(dt.UTC).date().isoformat()


def stamp(at: dt.datetime) -> str:
    """A time as the queue stores it: ISO-8601 UTC with a Z, which sorts as text."""
    return at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_stamp(text: str) -> dt.datetime:
    """Read a stored time back (ISO-8601, 'Z' or an offset)."""
    parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def slot_start(at: dt.datetime, every_hours: int) -> dt.datetime:
    """The start of the publishing slot `at` falls in (slots are every_hours long, aligned to midnight UTC)."""
    step = max(1, every_hours) * 3600
    seconds = int((at.astimezone(dt.UTC) - _EPOCH).total_seconds())
    return _EPOCH + dt.timedelta(seconds=seconds - seconds % step)


def next_slot(after: dt.datetime, every_hours: int) -> dt.datetime:
    """The first slot that starts after `after`: a story approved then is posted no earlier than this."""
    return slot_start(after, every_hours) + dt.timedelta(hours=max(1, every_hours))


def publishing_order(story_ids: Sequence[int], rng: random.Random | None = None) -> list[int]:
    """Shuffle one slot's stories, so the order of posting says nothing about the order of sharing."""
    order = list(story_ids)
    (rng or random.SystemRandom()).shuffle(order)
    return order


def age_days(created_at: dt.datetime, now: dt.datetime) -> int:
    """Whole days an item has waited."""
    return max(0, (now - created_at).days)


def expiry_cutoff(now: dt.datetime, days: int) -> str:
    """Queue entries created before this (stored form) have waited `days` days: they expire."""
    return stamp(now - dt.timedelta(days=days))


def reminder_cutoff(now: dt.datetime, hours: int) -> str:
    """Queue entries created before this (stored form) have waited `hours` hours: moderators get a reminder."""
    return stamp(now - dt.timedelta(hours=hours))


def purge_before(now: dt.datetime, days: int) -> str:
    """Rejected and expired stories decided before this day are deleted (privacy.purge_rejected_days)."""
    return day_of(now - dt.timedelta(days=days))


# ------------------------------------------------------------------------------------------ in-memory state

T = TypeVar("T")


@dataclass
class TtlStore(Generic[T]):
    """Short-lived state kept in process memory only (previews, browse queries): never on disk.

    Entries carry their own expiry; expired ones are dropped on every access. A restart forgets everything,
    which for an unconfirmed story is the point.
    """

    ttl: dt.timedelta
    max_entries: int = 5000
    _items: dict[str, tuple[dt.datetime, T]] = field(default_factory=dict)

    def put(self, key: str, value: T, now: dt.datetime) -> None:
        """Keep a value until now + ttl."""
        self._purge(now)
        if len(self._items) >= self.max_entries:
            self._items.pop(next(iter(self._items)))  # the oldest: dicts keep insertion order
        self._items[key] = (now + self.ttl, value)

    def get(self, key: str, now: dt.datetime) -> T | None:
        """The live value, or None."""
        self._purge(now)
        found = self._items.get(key)
        return found[1] if found else None

    def pop(self, key: str, now: dt.datetime) -> T | None:
        """Remove and return the live value (None if it expired or never was)."""
        self._purge(now)
        found = self._items.pop(key, None)
        return found[1] if found else None

    def __len__(self) -> int:
        return len(self._items)

    def values(self) -> Iterator[T]:
        """Every value still held (tests use it to check nothing raw is kept)."""
        return (value for _, value in self._items.values())

    def _purge(self, now: dt.datetime) -> None:
        for key in [k for k, (until, _) in self._items.items() if until <= now]:
            del self._items[key]


@dataclass(frozen=True, slots=True)
class BrowseQuery:
    """What a member searched for in /story browse (kept in memory for the page buttons, not in custom ids)."""

    guild_id: int
    archetype: str | None
    search: str | None
