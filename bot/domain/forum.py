"""Stories in a forum channel: the tags Parley keeps on the forum, the post's name and tags, the author's update.

Pure logic: no Discord, no SQL. Discord's limits (checked against its documentation and the OpenAPI spec): a forum
holds at most 20 tags, a tag name at most 20 characters, a post carries at most 5 tags and its name at most 100
characters. Parley wants 15 tags (14 types of client and "Resolved"); when the forum's own tags leave too little
room, "Resolved" comes first and the types that don't fit are named to the admin.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from parley.domain.errors import N_, NP_, InvalidInput
from parley.domain.stories import clean_text, word_count

RESOLVED = "resolved"
TAGS_PER_FORUM = 20
TAG_NAME_MAX = 20
TAGS_PER_POST = 5
POST_NAME_MAX = 100
UPDATE_MAX_CHARS = 500
UPDATE_MIN_WORDS = 3

# Short names that fit a tag (the archetypes' full names are often longer than 20 characters). Created in the
# server's language; each translation is checked against TAG_NAME_MAX by the tests.
TAG_NAMES: Mapping[str, str] = {
    RESOLVED: N_("Resolved"),
    "non_payer": N_("Late payer"),
    "string_along": N_("Free work"),
    "know_it_all": N_("Know-it-all"),
    "never_satisfied": N_("Never satisfied"),
    "creep": N_("Creep"),
    "abusive": N_("Abusive"),
    "after_hours": N_("All hours"),
    "no_contract": N_("No contract"),
    "indecisive": N_("Indecisive"),
    "scope_creep": N_("Scope creep"),
    "micromanager": N_("Micromanager"),
    "sceptic": N_("Sceptic"),
    "blindsided": N_("Blindsided"),
    "bad_fit": N_("Bad fit or ghost"),
}
TAG_EMOJI: Mapping[str, str] = {RESOLVED: "✅"}

_SPACES = re.compile(r"\s+")
# Markdown that would show as stray symbols in a post's name (Discord shows thread names as plain text).
_MARKUP = re.compile(r"[*_`~|>#]+")


class UpdateTooShort(InvalidInput):
    """An update with hardly any words."""

    message = N_("Please write a few words about how it ended (at least {count}).")


class UpdateTooLong(InvalidInput):
    """An update longer than a short note."""

    message = NP_("Please keep the update under {count} character.", "Please keep the update under {count} characters.")


@dataclass(frozen=True, slots=True)
class TagPlan:
    """What /setup does to a forum's tags: Parley's tags already there (by key), the ones to create, and the ones
    that don't fit in Discord's 20."""

    found: Mapping[str, int]
    create: tuple[tuple[str, str], ...]
    no_room: tuple[str, ...]


def plan_tags(
    wanted: Sequence[tuple[str, str]], existing: Sequence[tuple[int, str]], stored: Mapping[str, int]
) -> TagPlan:
    """Match Parley's tags (key, localised name) to the forum's tags (id, name): by the id stored last time, else by
    name (an admin may have made them by hand); create the rest while there is room, "Resolved" first."""
    ids = {tag_id for tag_id, _ in existing}
    by_name = {name.casefold(): tag_id for tag_id, name in existing}
    found: dict[str, int] = {}
    missing: list[tuple[str, str]] = []
    for key, name in sorted(wanted, key=lambda kv: kv[0] != RESOLVED):
        if stored.get(key) in ids:
            found[key] = stored[key]
        elif name.casefold() in by_name and by_name[name.casefold()] not in found.values():
            found[key] = by_name[name.casefold()]
        else:
            missing.append((key, name[:TAG_NAME_MAX]))
    room = max(0, TAGS_PER_FORUM - len(existing))
    return TagPlan(found, tuple(missing[:room]), tuple(key for key, _ in missing[room:]))


def post_tags(archetype: str, tags: Mapping[str, int], *, resolved: bool) -> list[int]:
    """The tags of a story's post: its type of client, and "Resolved" once the author marked it (at most 5)."""
    chosen = [tags[key] for key in (archetype, RESOLVED if resolved else "") if key in tags]
    return chosen[:TAGS_PER_POST]


def post_name(title: str | None, fallback: str) -> str:
    """The post's name: the anonymised title as plain text on one line, within Discord's 100 characters."""
    name = _SPACES.sub(" ", _MARKUP.sub("", clean_text(title or ""))).strip() or fallback
    return name if len(name) <= POST_NAME_MAX else name[: POST_NAME_MAX - 1].rstrip() + "…"


def validate_update(text: str) -> str:
    """The cleaned update, or a kind refusal: a few words at least, a short note at most."""
    cleaned = clean_text(text)
    if word_count(cleaned) < UPDATE_MIN_WORDS:
        raise UpdateTooShort(count=UPDATE_MIN_WORDS)
    if len(cleaned) > UPDATE_MAX_CHARS:
        raise UpdateTooLong(count=UPDATE_MAX_CHARS)
    return cleaned
