"""The privacy rules as pure functions: cutoffs, what a forget keeps and why, the export document, shards."""

from __future__ import annotations

import datetime as dt
import json
import re

from parley.domain.privacy import (
    KEPT_AUDIT,
    KEPT_BLOCK,
    KEPT_MODERATION,
    KEPT_OTHERS,
    KEPT_UNLINKED,
    ForgetChoice,
    MemberData,
    RetentionRules,
    build_export,
    export_filename,
    grace_ends,
    keeps_published,
    kept_reasons,
    left_while_away,
    retention_cutoffs,
    retired_moderator_key,
    shard_of,
    unlinked_author_key,
)

NOW = dt.datetime(2026, 3, 31, 10, 30, tzinfo=dt.UTC)


def test_cutoffs_follow_the_configured_periods():
    cut = retention_cutoffs(NOW, RetentionRules(flow_ttl_hours=24, purge_rejected_days=30, guild_grace_days=7))
    assert cut.unused_before == dt.datetime(2026, 3, 30, 10, 30, tzinfo=dt.UTC)
    assert cut.decided_before_day == "2026-03-01"
    assert cut.decided_before == "2026-03-01T10:30:00Z"
    assert cut.left_before == "2026-03-24T10:30:00Z"
    # Zero days means "at once": anything decided (or left) before now.
    zero = retention_cutoffs(NOW, RetentionRules(flow_ttl_hours=1, purge_rejected_days=0, guild_grace_days=0))
    assert zero.left_before == "2026-03-31T10:30:00Z" and zero.decided_before_day == "2026-03-31"
    assert grace_ends(NOW, RetentionRules(guild_grace_days=30)) == NOW + dt.timedelta(days=30)


def test_only_published_items_stay_and_only_when_the_member_chooses_so():
    assert keeps_published(ForgetChoice.UNLINK, "published", published_status="published")
    assert not keeps_published(ForgetChoice.UNLINK, "approved", published_status="published")
    assert not keeps_published(ForgetChoice.UNLINK, "pending", published_status="published")
    assert not keeps_published(ForgetChoice.ERASE, "published", published_status="published")
    assert keeps_published(ForgetChoice.UNLINK, "approved", published_status="approved")  # tips


def test_what_is_kept_is_always_explained():
    assert kept_reasons(unlinked=0, moderation_retagged=0, blocked=False) == (KEPT_AUDIT,)
    assert kept_reasons(unlinked=2, moderation_retagged=3, blocked=True) == (
        KEPT_BLOCK,
        KEPT_UNLINKED,
        KEPT_OTHERS,
        KEPT_MODERATION,
        KEPT_AUDIT,
    )


def test_replacement_keys_are_random_unique_and_fit_the_schema():
    keys = {unlinked_author_key() for _ in range(200)} | {retired_moderator_key() for _ in range(200)}
    assert len(keys) == 400
    assert all(len(k) >= 32 for k in keys)  # the tables' CHECK (length(...) >= 32)
    assert all(k.startswith(("unlinked-", "retired-")) for k in keys)


def test_the_export_document_has_no_keys_and_says_how_long_things_are_kept():
    data = MemberData(
        language="ru",
        votes=({"kind": "advice", "item_id": "np-01", "axis": "helpful", "value": "up", "voted_at": "x"},),
        stories=({"id": 4, "status": "published", "text": "…"},),
        tips=({"id": 5, "status": "approved"},),
    )
    doc = build_export(data, guild_id=123, now=NOW, rules=RetentionRules(flow_ttl_hours=12))
    assert doc["server_id"] == "123" and doc["generated_at"] == "2026-03-31T10:30:00Z"
    assert doc["kept_for"]["walkthroughs_and_drafts_hours_after_last_use"] == 12
    assert doc["language"] == "ru" and doc["votes"][0]["item_id"] == "np-01"
    assert re.search(r"[0-9a-f]{32}", json.dumps(doc)) is None
    assert export_filename(NOW) == "parley-my-data-2026-03-31.json"
    assert data.has_published and not data.empty
    assert MemberData(sharing_blocked=True).empty  # a block is not the member's data to erase


def test_guilds_missing_at_start_count_only_on_this_processes_shards():
    a, b = 1 << 22, 2 << 22  # shard 1 and shard 0 of 2
    assert (shard_of(a, 2), shard_of(b, 2)) == (1, 0)
    assert left_while_away([a, b, 7], connected=[b], owned=None, shard_count=1) == [7, a]
    assert left_while_away([a, b], connected=[], owned=[0], shard_count=2) == [b]
    assert left_while_away([a, b], connected=[a, b], owned=None, shard_count=1) == []
