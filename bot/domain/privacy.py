"""Privacy rules: what a member's export holds, what /privacy forget erases and keeps (and why), and retention.

Pure logic: the repository (bot/database/repositories/privacy.py) gathers and erases rows, the cog talks to
Discord; both ask this module what the rules are.

Forget, in short:
- erased: the member's votes (tallies follow, being counted from the votes), walkthrough flows, drafts, language
  choice, "me too"s, daily sharing counters, tips and stories in every state, and every message the bot posted
  that shows one of the erased tips or stories (their public posts and their moderation-queue cards);
- unless the member chooses to leave them up: published stories and approved tips stay, and each one's author
  hash is replaced by a fresh random value of its own, so nobody (the member included) can find them as theirs
  nor tell that two of them came from the same person;
- kept, with a reason: a moderators' block on the member's hash (anti-abuse: forgetting must not lift a block);
  the moderation log (it never records authors); moderation actions the member took as a moderator stay in the
  log under a new random tag, so the server keeps its record without it pointing at them.
"""

from __future__ import annotations

import datetime as dt
import enum
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from parley.domain.cases import CLOSED_CASE_DAYS, IDLE_CASE_DAYS
from parley.domain.errors import N_, AlreadyDone

_DAWN = dt.datetime.min.replace(tzinfo=dt.UTC)  # "before this" matches nothing
EXPORT_FORMAT = "parley-member-export"
EXPORT_VERSION = 1
_STAMP = "%Y-%m-%dT%H:%M:%SZ"
# Replacement author hashes and moderator tags: random, never derived from the member, unique per use.
UNLINKED_PREFIX = "unlinked-"
RETIRED_PREFIX = "retired-"
# A post Parley could not delete yet is retried on every retention run; a warning is logged on the first failure
# and then every this many attempts, so a channel the bot lost access to does not flood the log.
DELETION_WARN_EVERY = 96


class ForgetChoice(enum.StrEnum):
    """What happens to the member's published stories and approved tips."""

    ERASE = "erase"  # delete them, and their posts in the channel
    UNLINK = "unlink"  # leave them up, with no link to the member


class StoryBeingPosted(AlreadyDone):
    """One of the member's stories is being posted at this very moment; forgetting now could leave the post up."""

    message = N_("One of your stories is being posted right now. Please try again in a minute.")


# Why each thing that survives a forget survives: shown to the member after the erase, in their language.
KEPT_BLOCK = N_(
    "A moderators' block on sharing stays, tied only to your keyed code: forgetting must not be a way around a block."
)
KEPT_ALLOWANCE = N_(
    "Today's count of stories you shared stays until the day ends (a keyed code and a number, nothing you wrote): "
    "forgetting must not be a way around the daily limit."
)
KEPT_AUDIT = N_("The moderation log stays as it is: it never records who wrote a story or a tip.")
KEPT_MODERATION = N_(
    "Moderation actions you took stay in the log under a new random tag that no longer leads to you: the server "
    "keeps its record of what was decided."
)
KEPT_UNLINKED = N_(
    "Your published stories and tips stay up without any link to you: nobody, you included, can find them as "
    "yours any more."
)
KEPT_OTHERS = N_('Other members\' votes and "me too"s on the posts that stay up are theirs, so they stay.')


# --------------------------------------------------------------------------------------------------- export


@dataclass(frozen=True, slots=True)
class MemberData:
    """Everything Parley holds for one member in one server, found through their keyed hash (no keys inside)."""

    language: str | None = None
    rights_place: str | None = None  # the place picked on a know-your-rights card
    votes: tuple[Mapping[str, Any], ...] = ()
    flows: tuple[Mapping[str, Any], ...] = ()
    drafts: tuple[Mapping[str, Any], ...] = ()
    tips: tuple[Mapping[str, Any], ...] = ()
    stories: tuple[Mapping[str, Any], ...] = ()
    metoo: tuple[int, ...] = ()
    shares: tuple[Mapping[str, Any], ...] = ()  # stories shared per day (the daily allowance's counter)
    moderation: tuple[Mapping[str, Any], ...] = ()
    sharing_blocked: bool = False
    decision_dms: bool | None = None  # the answer to "DM me when moderators decide?" (None: never answered)
    reports: tuple[Mapping[str, Any], ...] = ()  # what the member reported (item, reason, anonymised details)
    cases: tuple[Mapping[str, Any], ...] = ()  # followed-up cases, and the reminder preferences (issue 22)

    @property
    def case_count(self) -> int:
        """Followed-up cases (the reminder preferences, kept beside them, are not a case)."""
        return sum(1 for entry in self.cases if "client_kind" in entry)

    @property
    def published_stories(self) -> int:
        """Stories of the member that are up in the stories channel."""
        return sum(1 for s in self.stories if s.get("status") == "published")

    @property
    def published_tips(self) -> int:
        """Tips of the member that moderators approved (shown in the advice lists)."""
        return sum(1 for tip in self.tips if tip.get("status") == "approved")

    @property
    def has_published(self) -> bool:
        """Tell whether forgetting needs the member's choice (erase the posts, or leave them unlinked)."""
        return bool(self.published_stories or self.published_tips)

    @property
    def empty(self) -> bool:
        """Tell whether Parley holds nothing the member can erase (a block and the daily count are not theirs to
        erase: both exist so that forgetting cannot be a way around a moderation rule)."""
        return not (
            self.language
            or self.rights_place
            or self.votes
            or self.flows
            or self.drafts
            or self.tips
            or self.stories
            or self.metoo
            or self.moderation
            or self.cases
        )


def flow_entry(
    *,
    kind: str,
    language: str,
    state: Mapping[str, Any],
    free_text: str | None,
    created_at: dt.datetime,
    updated_at: dt.datetime,
) -> dict[str, Any]:
    """One walkthrough or red-flag check as the export shows it (its random id is an internal detail: left out)."""
    return {
        "kind": kind,
        "language": language,
        "answers": dict(state),
        "your_words": free_text,
        "started_at": stamp(created_at),
        "last_used_at": stamp(updated_at),
    }


def draft_entry(
    *,
    kind: str,
    language: str,
    tone: str | None,
    values: Mapping[str, str],
    created_at: dt.datetime | None,
    updated_at: dt.datetime | None,
    platform: bool = True,
) -> dict[str, Any]:
    """One message draft as the export shows it: the details the member typed (and, if they said so, that the
    work isn't through a platform: the draft then offers no platform dispute)."""
    entry: dict[str, Any] = {
        "kind": kind,
        "language": language,
        "tone": tone,
        "details": dict(values),
        "created_at": stamp(created_at) if created_at else None,
        "last_used_at": stamp(updated_at) if updated_at else None,
    }
    if not platform:
        entry["not_through_a_platform"] = True
    return entry


def build_export(
    data: MemberData,
    *,
    guild_id: int | None,
    now: dt.datetime,
    rules: RetentionRules,
    outside: MemberData | None = None,
) -> dict[str, Any]:
    """The JSON document /privacy export attaches: the member's own data and how long each part is kept.

    In a server, `data` is the member's data there and `outside` what the same person left outside any server (DMs
    with Parley, private channels); outside a server (`guild_id` None), `data` is that alone.
    """
    document = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "generated_at": stamp(now),
        "server_id": None if guild_id is None else str(guild_id),
        "how_you_are_stored": (
            "Parley stores you as a keyed code computed from this server and your Discord account with a secret "
            "that is not in its database (outside servers: from your Discord account alone); it never stores your "
            "name, nor your Discord id unless you asked for DMs about moderators' decisions (then sealed with that "
            "secret, see decision_dms). This file lists every row found through those codes, and nothing about "
            "anyone else."
        ),
        "kept_for": {
            "walkthroughs_and_drafts_hours_after_last_use": rules.flow_ttl_hours,
            "rejected_and_expired_stories_days": rules.purge_rejected_days,
            "everything_after_parley_leaves_the_server_days": rules.guild_grace_days,
            "closed_cases_days_after_closing": CLOSED_CASE_DAYS,
            "open_cases_days_after_last_use": IDLE_CASE_DAYS,
        },
        "language": data.language,
        "know_your_rights_place": data.rights_place,
        "votes": [dict(v) for v in data.votes],
        "walkthroughs": [dict(f) for f in data.flows],
        "drafts": [dict(d) for d in data.drafts],
        "tips": [dict(tip) for tip in data.tips],
        "stories": [dict(s) for s in data.stories],
        "me_too": list(data.metoo),
        "stories_shared_per_day": [dict(s) for s in data.shares],
        "moderation_actions": [dict(m) for m in data.moderation],
        "sharing_blocked": data.sharing_blocked,
        # The answer only: the sealed user id that a yes stores is the member's own id, which they know.
        "decision_dms": data.decision_dms,
        "cases": [dict(c) for c in data.cases],
        "reports": [dict(r) for r in data.reports],
    }
    if outside is not None:
        document["outside_servers"] = {
            "language": outside.language,
            "walkthroughs": [dict(f) for f in outside.flows],
            "drafts": [dict(d) for d in outside.drafts],
            "cases": [dict(c) for c in outside.cases],
        }
    return document


def export_filename(now: dt.datetime) -> str:
    """The attachment's name: the day, no ids."""
    return f"parley-my-data-{now.astimezone(dt.UTC).date().isoformat()}.json"


# --------------------------------------------------------------------------------------------------- forget


@dataclass(frozen=True, slots=True)
class ForgetReport:
    """What one /privacy forget erased, left up unlinked, and kept."""

    choice: ForgetChoice
    votes: int = 0
    flows: int = 0
    drafts: int = 0
    cases: int = 0
    language: bool = False
    tips_erased: int = 0
    tips_unlinked: int = 0
    stories_erased: int = 0
    stories_unlinked: int = 0
    posts: tuple[tuple[int, int], ...] = ()  # (channel, message) of bot messages showing erased items, queued
    metoo: int = 0
    moderation_retagged: int = 0
    blocked: bool = False
    kept: tuple[str, ...] = field(default=())

    @property
    def posts_deleted(self) -> int:
        """How many bot messages (public posts, queue cards) showing an erased item are to be deleted."""
        return len(self.posts)

    @property
    def erased_anything(self) -> bool:
        """Tell whether any row was erased or unlinked."""
        return bool(
            self.votes
            or self.flows
            or self.drafts
            or self.language
            or self.tips_erased
            or self.tips_unlinked
            or self.stories_erased
            or self.stories_unlinked
            or self.metoo
            or self.moderation_retagged
            or self.cases
        )


def kept_reasons(*, unlinked: int, moderation_retagged: int, blocked: bool, allowance: bool = False) -> tuple[str, ...]:
    """The msgids explaining what stays after a forget, most important first."""
    reasons: list[str] = []
    if blocked:
        reasons.append(KEPT_BLOCK)
    if allowance:
        reasons.append(KEPT_ALLOWANCE)
    if unlinked:
        reasons += [KEPT_UNLINKED, KEPT_OTHERS]
    if moderation_retagged:
        reasons.append(KEPT_MODERATION)
    reasons.append(KEPT_AUDIT)
    return tuple(reasons)


def keeps_published(choice: ForgetChoice, status: str, *, published_status: str) -> bool:
    """Tell whether a story or tip in `status` stays up (unlinked) under the member's choice."""
    return choice is ForgetChoice.UNLINK and status == published_status


def unlinked_author_key() -> str:
    """A fresh random author hash for a story or tip left up after its author was forgotten (one per item)."""
    return UNLINKED_PREFIX + secrets.token_hex(24)


def retired_moderator_key() -> str:
    """A fresh random tag for the log entries of a moderator who was forgotten (one per forget)."""
    return RETIRED_PREFIX + secrets.token_hex(24)


# ------------------------------------------------------------------------------------------------ retention


@dataclass(frozen=True, slots=True)
class RetentionReport:
    """What one retention run did."""

    flows: int = 0
    drafts: int = 0
    stories: int = 0
    tips: int = 0
    cases: int = 0
    guilds_purged: tuple[int, ...] = ()
    guilds_back: tuple[int, ...] = ()
    posts_deleted: int = 0


@dataclass(frozen=True, slots=True)
class RetentionRules:
    """How long things are kept ([privacy] in the config)."""

    flow_ttl_hours: int = 24
    purge_rejected_days: int = 30
    guild_grace_days: int = 30

    @classmethod
    def from_config(cls, privacy: Any) -> RetentionRules:
        """Read the [privacy] section of the config."""
        return cls(
            flow_ttl_hours=privacy.flow_ttl_hours,
            purge_rejected_days=privacy.purge_rejected_days,
            guild_grace_days=privacy.guild_grace_days,
        )


@dataclass(frozen=True, slots=True)
class RetentionCutoffs:
    """What one retention run deletes: rows older than these."""

    unused_before: dt.datetime  # walkthrough flows and drafts last used before this
    decided_before_day: str  # rejected/expired stories decided before this day (stories keep days only)
    decided_before: str  # rejected/withdrawn tips decided before this time
    left_before: str  # guilds the bot left before this time
    cases_closed_before: dt.datetime = _DAWN  # closed cases, closed before this
    cases_idle_before: dt.datetime = _DAWN  # open cases, untouched since this


def retention_cutoffs(now: dt.datetime, rules: RetentionRules) -> RetentionCutoffs:
    """The cutoffs of a retention run at `now`."""
    decided = now - dt.timedelta(days=rules.purge_rejected_days)
    return RetentionCutoffs(
        unused_before=now - dt.timedelta(hours=rules.flow_ttl_hours),
        decided_before_day=decided.astimezone(dt.UTC).date().isoformat(),
        decided_before=stamp(decided),
        left_before=stamp(now - dt.timedelta(days=rules.guild_grace_days)),
        cases_closed_before=now - dt.timedelta(days=CLOSED_CASE_DAYS),
        cases_idle_before=now - dt.timedelta(days=IDLE_CASE_DAYS),
    )


def grace_ends(left_at: dt.datetime, rules: RetentionRules) -> dt.datetime:
    """When a server's data is deleted if the bot does not come back."""
    return left_at + dt.timedelta(days=rules.guild_grace_days)


def shard_of(guild_id: int, shard_count: int) -> int:
    """The shard a guild belongs to (Discord's rule)."""
    return (guild_id >> 22) % max(shard_count, 1)


def left_while_away(
    recorded_present: Sequence[int], connected: Sequence[int], owned: Sequence[int] | None, shard_count: int
) -> list[int]:
    """Guilds recorded as present that a freshly connected process does not see: the bot was removed meanwhile.

    Only guilds of this process's shards count (`owned` shard ids; None = all), since another process serves the
    rest and does not report them.
    """
    seen = set(connected)
    mine = None if owned is None else set(owned)
    return sorted(
        gid for gid in recorded_present if gid not in seen and (mine is None or shard_of(gid, shard_count) in mine)
    )


# ------------------------------------------------------------------------------------------------------ time


def stamp(at: dt.datetime) -> str:
    """A time as stored: ISO-8601 UTC with a Z, which sorts as text."""
    return at.astimezone(dt.UTC).strftime(_STAMP)


def parse_stamp(text: str) -> dt.datetime:
    """Read a stored time back."""
    parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
