"""The forum rules without Discord: tag names within Discord's limits in every language, planning tags on a crowded
forum, a post's name and tags, the update's bounds, and the sealed user id behind a DM."""

from __future__ import annotations

import pytest

from parley.domain.errors import InvalidInput
from parley.domain.forum import (
    POST_NAME_MAX,
    RESOLVED,
    TAG_NAME_MAX,
    TAG_NAMES,
    TAGS_PER_FORUM,
    plan_tags,
    post_name,
    post_tags,
    validate_update,
)
from parley.domain.identity import Identity
from parley.i18n import LANGUAGES, I18n
from parley.knowledge import ARCHETYPE_IDS


def wanted() -> list[tuple[str, str]]:
    return [(key, name) for key, name in TAG_NAMES.items()]


def test_every_type_of_client_has_a_tag_and_every_name_fits_discord_in_every_language() -> None:
    assert set(TAG_NAMES) == {*ARCHETYPE_IDS, RESOLVED}
    i18n = I18n.load()
    for lang in LANGUAGES:
        t = i18n.get(lang)
        names = [t.gettext(name) for name in TAG_NAMES.values()]
        assert all(1 <= len(name) <= TAG_NAME_MAX for name in names), (lang, [n for n in names if len(n) > 20])
        assert len({name.casefold() for name in names}) == len(names), lang  # Discord wants unique names


def test_a_fresh_forum_gets_all_fifteen_resolved_first() -> None:
    plan = plan_tags(wanted(), [], {})
    assert plan.create[0][0] == RESOLVED and len(plan.create) == 15 and plan.no_room == ()


def test_a_crowded_forum_keeps_resolved_and_names_what_found_no_room() -> None:
    existing = [(100 + i, f"Their tag {i}") for i in range(TAGS_PER_FORUM - 3)]
    plan = plan_tags(wanted(), existing, {})
    assert [key for key, _ in plan.create] == [RESOLVED, "non_payer", "string_along"]
    assert len(plan.no_room) == 12 and RESOLVED not in plan.no_room


def test_tags_are_found_again_by_stored_id_or_by_name() -> None:
    existing = [(7, "Renamed by an admin"), (8, "late payer")]
    plan = plan_tags(wanted(), existing, {RESOLVED: 7, "creep": 999})
    assert plan.found == {RESOLVED: 7, "non_payer": 8}  # 999 is gone from the forum: made again
    assert "creep" in [key for key, _ in plan.create]


def test_post_tags_and_names() -> None:
    tags = {"non_payer": 1, RESOLVED: 2}
    assert post_tags("non_payer", tags, resolved=False) == [1]
    assert post_tags("non_payer", tags, resolved=True) == [1, 2]
    assert post_tags("creep", tags, resolved=True) == [2]
    assert post_name("  **Ghosted**\n again  ", "fallback") == "Ghosted again"
    assert post_name(None, "A member's story · Creep") == "A member's story · Creep"
    long = post_name("word " * 40, "x")
    assert len(long) == POST_NAME_MAX and long.endswith("…")


def test_updates_are_a_few_words_to_a_short_note() -> None:
    assert validate_update("  They paid in full.\r\n") == "They paid in full."
    with pytest.raises(InvalidInput):
        validate_update("Paid 👍")
    with pytest.raises(InvalidInput):
        validate_update("word " * 200)


def test_the_sealed_user_id_needs_the_secret() -> None:
    identity = Identity(b"a-secret-of-at-least-16-bytes")
    key = identity.member_key(1, 123456789012345678)
    sealed = identity.seal_user(key, 123456789012345678)
    assert sealed != 123456789012345678 and -(2**63) <= sealed < 2**63
    assert identity.unseal_user(key, sealed) == 123456789012345678
    other = Identity(b"another-secret-of-16-bytes-or-more")
    assert other.unseal_user(key, sealed) != 123456789012345678
