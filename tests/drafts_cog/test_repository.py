"""The drafts repository on a real SQLite file: save/update, owner-only updates, expiry, privacy export/forget."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from parley.database import ConstraintError, Database
from parley.database.repositories.drafts import DraftsRepository, StoredDraft, utc_text

KEY_A = "a" * 32
KEY_B = "b" * 32
T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
async def repo(tmp_path: Path):
    db = await Database.open(tmp_path / "parley.db", busy_timeout_ms=2000)
    await db.migrate()
    try:
        yield DraftsRepository(db)
    finally:
        await db.close()


def draft(draft_id: str = "0123456789abcdef", key: str = KEY_A, **changes) -> StoredDraft:
    base = {
        "draft_id": draft_id,
        "guild_id": 10,
        "member_key": key,
        "kind": "payment_reminder",
        "language": "en",
        "tone": "friendly",
        "values": {"client_name": "Daniel", "amount": "1,200", "invoice_number": ""},
    }
    return StoredDraft(**{**base, **changes})


async def test_save_then_get_round_trips_values_and_times(repo):
    saved = await repo.save(draft(), T0)
    assert saved.created_at == saved.updated_at == T0
    got = await repo.get("0123456789abcdef")
    assert got == saved
    # Empty values are not stored: only what the member typed.
    assert dict(got.values) == {"client_name": "Daniel", "amount": "1,200"}
    assert (got.kind, got.language, got.tone, got.guild_id, got.member_key) == (
        "payment_reminder",
        "en",
        "friendly",
        10,
        KEY_A,
    )


async def test_unicode_values_survive(repo):
    await repo.save(draft(values={"client_name": "سامر", "project": "Редизайн «магазина»"}), T0)
    got = await repo.get("0123456789abcdef")
    assert got.values["client_name"] == "سامر"
    assert got.values["project"] == "Редизайн «магазина»"


async def test_update_changes_language_tone_values_and_updated_at_only(repo):
    await repo.save(draft(), T0)
    later = T0 + dt.timedelta(hours=2)
    updated = await repo.save(draft(language="fi", tone="firm", values={"client_name": "Mikko"}), later)
    assert (updated.language, updated.tone, dict(updated.values)) == ("fi", "firm", {"client_name": "Mikko"})
    assert updated.created_at == T0
    assert updated.updated_at == later


async def test_someone_else_cannot_overwrite_a_draft(repo):
    await repo.save(draft(), T0)
    after = await repo.save(draft(key=KEY_B, values={"client_name": "Mallory"}), T0 + dt.timedelta(hours=1))
    assert after.member_key == KEY_A
    assert after.values["client_name"] == "Daniel"


async def test_missing_draft_is_none_and_delete_reports(repo):
    assert await repo.get("ffffffffffffffff") is None
    await repo.save(draft(), T0)
    assert await repo.delete("0123456789abcdef") is True
    assert await repo.delete("0123456789abcdef") is False
    assert await repo.get("0123456789abcdef") is None


async def test_raw_discord_id_is_refused_as_member_key(repo):
    with pytest.raises(ConstraintError):
        await repo.save(draft(key="123456789012345678"), T0)


async def test_expiry_follows_the_last_use():
    d = draft(updated_at=T0, created_at=T0)
    assert not d.expired(T0 + dt.timedelta(hours=23, minutes=59), 24)
    assert d.expired(T0 + dt.timedelta(hours=24), 24)
    assert not draft().expired(T0, 24)  # not saved yet: nothing to expire


async def test_purge_deletes_only_drafts_unused_since_the_cutoff(repo):
    await repo.save(draft("1111111111111111"), T0)
    await repo.save(draft("2222222222222222"), T0 + dt.timedelta(hours=30))
    assert await repo.purge_unused_since(T0 + dt.timedelta(hours=1)) == 1
    assert await repo.get("1111111111111111") is None
    assert await repo.get("2222222222222222") is not None


async def test_export_and_forget_find_only_that_members_drafts(repo):
    await repo.save(draft("1111111111111111"), T0)
    await repo.save(draft("2222222222222222", kind="call_summary"), T0 + dt.timedelta(minutes=1))
    await repo.save(draft("3333333333333333", key=KEY_B), T0)
    await repo.save(draft("4444444444444444", guild_id=11), T0)
    mine = await repo.for_member(10, KEY_A)
    assert [d.draft_id for d in mine] == ["1111111111111111", "2222222222222222"]
    assert await repo.forget_member(10, KEY_A) == 2
    assert await repo.for_member(10, KEY_A) == []
    assert await repo.get("3333333333333333") is not None
    assert await repo.get("4444444444444444") is not None
    assert await repo.forget_guild(11) == 1


def test_utc_text_is_the_storage_format():
    helsinki = dt.timezone(dt.timedelta(hours=2))
    assert utc_text(dt.datetime(2026, 3, 1, 11, 0, tzinfo=helsinki)) == "2026-03-01T09:00:00Z"


async def test_no_platform_is_kept_apart_from_the_typed_values(repo):
    saved = await repo.save(draft(platform=False), T0)
    assert saved.platform is False
    assert dict(saved.values) == {"client_name": "Daniel", "amount": "1,200"}  # the flag is not a typed value
    again = await repo.save(draft(platform=False, tone="firm"), T0 + dt.timedelta(minutes=1))
    assert again.platform is False
    assert (await repo.save(draft(), T0)).platform is True


def test_the_privacy_export_shows_the_no_platform_answer():
    from parley.domain.privacy import draft_entry

    common = {"kind": "payment_reminder", "language": "en", "tone": "firm", "values": {}, "created_at": T0}
    assert draft_entry(**common, updated_at=T0, platform=False)["not_through_a_platform"] is True
    assert "not_through_a_platform" not in draft_entry(**common, updated_at=T0)
