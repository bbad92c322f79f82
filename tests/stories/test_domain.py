"""Pure story rules: publishing slots, expiry and reminder timing, preview marking, redaction, limits, memory."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from parley.domain import stories as st
from parley.domain.errors import InvalidInput
from parley.domain.moderation import QueueStatus, action

UTC = dt.UTC


def at(day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=UTC)


# ------------------------------------------------------------------------------------------------ slots


def test_slots_are_aligned_to_midnight_utc():
    assert st.slot_start(at(2, 13, 59), 6) == at(2, 12)
    assert st.slot_start(at(2, 12), 6) == at(2, 12)
    assert st.slot_start(at(2, 0, 1), 24) == at(2)
    # Aware times in other zones land in the same UTC slot.
    helsinki = dt.datetime(2026, 3, 2, 15, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert st.slot_start(helsinki, 6) == at(2, 12)


def test_an_approved_story_waits_for_a_later_slot_never_the_current_one():
    approved = at(2, 12, 0)  # exactly at a slot boundary: still the next slot, not this one
    assert st.next_slot(approved, 6) == at(2, 18)
    assert st.next_slot(at(2, 17, 59), 6) == at(2, 18)
    assert st.next_slot(at(2, 23, 30), 6) == at(3, 0)
    assert st.next_slot(at(2, 23, 30), 1) == at(3, 0)
    for minute in range(0, 24 * 60, 37):
        moment = at(5) + dt.timedelta(minutes=minute)
        assert st.next_slot(moment, 3) > moment
        assert st.next_slot(moment, 3) - moment <= dt.timedelta(hours=3)


def test_stories_approved_at_different_times_of_one_slot_come_out_together():
    assert st.next_slot(at(2, 6, 1), 6) == st.next_slot(at(2, 11, 59), 6) == at(2, 12)


def test_publishing_order_is_a_shuffle_of_the_slot():
    ids = list(range(1, 21))
    orders = {tuple(st.publishing_order(ids, random.Random(seed))) for seed in range(5)}
    assert all(sorted(order) == ids for order in orders)
    assert len(orders) > 1  # not the order of sharing
    assert st.publishing_order([]) == []


def test_dates_are_days_only():
    assert st.day_of(dt.datetime(2026, 3, 2, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=-5)))) == "2026-03-03"
    assert len(st.day_of(at(2, 13, 14))) == 10


# ------------------------------------------------------------------------------------- expiry / reminders


def test_expiry_and_reminder_cutoffs():
    now = at(10, 12)
    assert st.expiry_cutoff(now, 7) == "2026-03-03T12:00:00Z"
    assert st.reminder_cutoff(now, 48) == "2026-03-08T12:00:00Z"
    created_6d23h = st.stamp(now - dt.timedelta(days=6, hours=23))
    created_7d1m = st.stamp(now - dt.timedelta(days=7, minutes=1))
    assert not created_6d23h < st.expiry_cutoff(now, 7)
    assert created_7d1m < st.expiry_cutoff(now, 7)
    assert st.stamp(now - dt.timedelta(hours=47)) >= st.reminder_cutoff(now, 48)
    assert st.stamp(now - dt.timedelta(hours=49)) < st.reminder_cutoff(now, 48)
    assert st.purge_before(now, 30) == "2026-02-08"


def test_age_in_days_and_stamps_round_trip():
    created = st.parse_stamp("2026-03-01T10:00:00Z")
    assert st.age_days(created, at(1, 23)) == 0
    assert st.age_days(created, at(3, 10)) == 2
    assert st.age_days(created, at(1, 9)) == 0  # never negative
    assert st.parse_stamp(st.stamp(at(4, 5, 6))) == at(4, 5, 6)


# -------------------------------------------------------------------------------------------- previews


def removals(*pairs: tuple[str, str]) -> list[st.Removal]:
    return [st.Removal(kind, placeholder) for kind, placeholder in pairs]


def test_preview_marks_exactly_what_was_put_in_and_counts_per_type():
    preview = st.new_preview(
        guild_id=1,
        user_id=2,
        author_key="a" * 32,
        archetype="non_payer",
        lang="en",
        title=None,
        text="My client [client] at [company] wrote from [email]. [client] again. [sic]",
        removals=removals(("person", "[client]"), ("org", "[company]"), ("email", "[email]"), ("person", "[client]")),
        now=at(1),
    )
    assert preview.removed == (("person", 2), ("org", 1), ("email", 1))
    assert preview.removed_total == 4
    parts = st.segments(preview.text, preview.placeholders)
    assert [p.text for p in parts if p.removed] == ["[client]", "[company]", "[email]", "[client]"]
    assert "".join(p.text for p in parts) == preview.text
    # the member's own brackets are not claimed as removals
    assert st.Segment(" again. [sic]") in parts


def test_an_edit_keeps_earlier_marks_and_adds_the_second_pass():
    first = st.new_preview(
        guild_id=1,
        user_id=2,
        author_key="a" * 32,
        archetype="creep",
        lang="en",
        title=None,
        text="[client] called at night.",
        removals=removals(("person", "[client]")),
        now=at(1),
    )
    second = st.edited_preview(
        first,
        archetype="after_hours",
        title="Calls",
        text="[client] called at night from [phone].",
        removals=removals(("phone", "[phone]")),
        now=at(1, 0, 5),
    )
    assert second.passes == 2 and second.token != first.token
    assert second.removed == (("person", 1), ("phone", 1))
    assert [p.text for p in st.segments(second.text, second.placeholders) if p.removed] == ["[client]", "[phone]"]
    assert second.archetype == "after_hours" and second.expires_at == at(1, 0, 5) + st.PREVIEW_TTL


def test_stored_text_marks_anything_shaped_like_a_placeholder():
    parts = st.segments("Пишет [заказчик] и [удалено], а не [[x]] или [" + "y" * 60 + "]")
    assert [p.text for p in parts if p.removed] == ["[заказчик]", "[удалено]", "[x]"]


def test_clipping_keeps_whole_placeholders_and_says_so():
    parts = st.segments("abcdef [client] ghij", {"[client]"})
    clipped, cut = st.clip_segments(parts, 10)
    assert cut and clipped[-1].text.endswith("…")
    assert all(p.text in ("[client]",) or not p.removed for p in clipped)
    same, cut = st.clip_segments(parts, 100)
    assert not cut and same == parts


def test_too_long_after_anonymising():
    preview = st.new_preview(
        guild_id=1,
        user_id=2,
        author_key="a" * 32,
        archetype="creep",
        lang="en",
        title=None,
        text="x" * (st.STORED_MAX_CHARS + 7),
        removals=[],
        now=at(1),
    )
    assert preview.too_long_by == 7


@pytest.mark.parametrize(
    "text",
    ["🤬🤬🤬🤬🤬🤬🤬🤬", "😡 💸 🚫 ‼️ 🙃 1 2 3 4 5 6", "!!! ??? ... ---", "Never paid!", "Асиакас ei maksanut 😡"],
)
def test_a_story_needs_a_few_real_words(text):
    with pytest.raises(st.TooFewWords) as info:
        st.validate_story(text, 4000)
    assert info.value.params == {"count": st.MIN_WORDS}


@pytest.mark.parametrize(
    "text",
    [
        "The client never paid me 💸",
        "Asiakas ei maksanut laskua ollenkaan.",
        "Клиент так и не оплатил мой счёт.",
        "العميل لم يدفع الفاتورة أبدًا بعد التسليم.",
    ],
)
def test_five_words_in_any_script_are_enough(text):
    assert st.validate_story(text, 4000) == text


def test_validation_cleans_hidden_characters_before_anonymising():
    # A zero-width space inside a name must not let it slip past the anonymiser.
    assert st.validate_story("  Jo\u200bhn never paid me a cent\r\n", 100) == "John never paid me a cent"
    with pytest.raises(st.EmptyStory):
        st.validate_story(" \u200b\n ", 100)
    with pytest.raises(InvalidInput):
        st.validate_story("x " * 60, 100)
    assert st.clean_title("  A\ntitle  ") == "A title"
    assert st.clean_title(" \u200d ") is None
    assert len(st.clean_title("t" * 300) or "") == st.TITLE_MAX_CHARS
    assert st.story_limit(4000) == st.STORED_MAX_CHARS and st.story_limit(800) == 800


# ---------------------------------------------------------------------------------------------- limits


def test_sharing_limits():
    st.check_can_share(enabled=True, per_day=3, shared_today=2, blocked=False)
    with pytest.raises(st.StoryLimitReached):
        st.check_can_share(enabled=True, per_day=3, shared_today=3, blocked=False)
    with pytest.raises(st.StoriesClosed):
        st.check_can_share(enabled=False, per_day=3, shared_today=0, blocked=False)
    with pytest.raises(st.StoriesClosed):
        st.check_can_share(enabled=True, per_day=0, shared_today=0, blocked=False)
    with pytest.raises(st.SharingUnavailable):
        st.check_can_share(enabled=True, per_day=3, shared_today=0, blocked=True)
    st.check_membership_days(at(1), at(5), 3)
    st.check_membership_days(None, at(5), 3)
    with pytest.raises(st.TooNewToShareStory) as caught:
        st.check_membership_days(at(4), at(5), 3)
    assert caught.value.params == {"days": 3}


# ------------------------------------------------------------------------------------------ moderation


def test_story_actions_are_registered_and_lead_where_they_should():
    assert action("edit_approve").to is QueueStatus.APPROVED
    assert action("redact").to is None
    assert action("request_edit").to is QueueStatus.REJECTED and action("block_author").to is QueueStatus.REJECTED
    assert all(len(row) <= 5 for row in st.CARD_ACTIONS)  # Discord: five buttons per row
    assert st.status_after("feature") is st.StoryStatus.APPROVED
    assert st.status_after("request_edit") is st.StoryStatus.CHANGES_REQUESTED
    assert st.status_after("expire") is st.StoryStatus.EXPIRED
    assert st.status_after("redact") is None


def test_redaction_is_case_insensitive_longest_first_and_counts():
    text, count = st.redact("Met Anna Berg at Berg Oy. anna berg paid late.", ["Anna Berg", "Berg", " "], "[removed]")
    assert text == "Met [removed] at [removed] Oy. [removed] paid late."
    assert count == 3
    with pytest.raises(st.NothingToRedact):
        st.redact("nothing here", ["absent"], "[removed]")
    with pytest.raises(InvalidInput):
        st.redact("a b c", ["a", "", "  "], "[removed]")
    assert st.redaction_mark("ru") == "[удалено]" and st.redaction_mark("xx") == "[removed]"


def test_authorship_is_a_keyed_hash_comparison_only():
    story = st.Story(1, 1, "k" * 32, "creep", "en", None, "t", st.StoryStatus.PENDING, "2026-03-01")
    assert story.is_by("k" * 32)
    assert not story.is_by("j" * 32) and not story.is_by(None)


def test_moderator_tags_are_stable_and_reveal_nothing_of_the_key():
    key = "0123456789abcdef" * 2
    assert st.moderator_tag(key) == st.moderator_tag(key)
    assert st.moderator_tag(key) not in key and len(st.moderator_tag(key)) == 4
    assert st.moderator_tag(st.SYSTEM_KEY) == "parley"
    assert len(st.SYSTEM_KEY) >= 32  # the audit's check constraint


# -------------------------------------------------------------------------------------- memory-only state


def test_ttl_store_forgets_after_its_time():
    store: st.TtlStore[str] = st.TtlStore(dt.timedelta(minutes=30), max_entries=2)
    store.put("a", "x", at(1))
    assert store.get("a", at(1, 0, 29)) == "x"
    assert store.get("a", at(1, 0, 30)) is None and len(store) == 0
    store.put("a", "1", at(1))
    store.put("b", "2", at(1))
    store.put("c", "3", at(1))  # over capacity: the oldest goes
    assert store.get("a", at(1)) is None and store.pop("b", at(1)) == "2" and store.pop("b", at(1)) is None
    assert list(store.values()) == ["3"]
