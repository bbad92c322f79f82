"""FlowsRepository on a real SQLite database: create, conditional advance, expiry purge, privacy, corrections."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.database import ConstraintError, Database
from parley.database.repositories.flows import FlowsRepository

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
KEY = "a" * 32


@pytest.fixture
async def repo(tmp_path):
    db = await Database.open(tmp_path / "parley.db", busy_timeout_ms=2000)
    await db.migrate()
    try:
        yield FlowsRepository(db)
    finally:
        await db.close()


async def _create(repo, flow_id="0123456789abcdef", *, guild_id=1, key=KEY, now=NOW, text="he pays next week"):
    return await repo.create(
        flow_id,
        guild_id=guild_id,
        member_key=key,
        kind="situation",
        language="fi",
        state={"step": "stage", "situations": ["not_paying"]},
        free_text=text,
        now=now,
    )


async def test_create_and_get_round_trip(repo):
    created = await _create(repo)
    loaded = await repo.get(created.flow_id)
    assert loaded == created
    assert loaded.version == 0 and loaded.state["situations"] == ["not_paying"] and loaded.free_text
    assert loaded.updated_at == NOW
    assert await repo.get("ffffffffffffffff") is None


async def test_advance_is_conditional_on_the_version(repo):
    flow = await _create(repo)
    later = NOW + dt.timedelta(minutes=1)
    first = await repo.advance(flow.flow_id, expected_version=0, state={"step": "keep"}, free_text=None, now=later)
    assert first is not None and first.version == 1 and first.state == {"step": "keep"}
    assert first.free_text is None and first.updated_at == later
    # the second click of a double click was built for version 0 as well: it must not move the flow again
    second = await repo.advance(flow.flow_id, expected_version=0, state={"step": "oops"}, free_text="x", now=later)
    assert second is None
    assert (await repo.get(flow.flow_id)).state == {"step": "keep"}


async def test_purge_removes_untouched_flows_and_their_text(repo):
    old = await _create(repo, "1111111111111111", now=NOW - dt.timedelta(hours=30))
    fresh = await _create(repo, "2222222222222222", now=NOW - dt.timedelta(hours=2))
    assert await repo.purge_untouched_since(NOW - dt.timedelta(hours=24)) == 1
    assert await repo.get(old.flow_id) is None
    assert await repo.get(fresh.flow_id) is not None


async def test_privacy_export_and_forget_are_per_member(repo):
    await _create(repo, "1111111111111111")
    await _create(repo, "2222222222222222", key="b" * 32)
    mine = await repo.for_member(1, KEY)
    assert [f.flow_id for f in mine] == ["1111111111111111"]
    assert await repo.forget_member(1, KEY) == 1
    assert await repo.for_member(1, KEY) == []
    assert await repo.get("2222222222222222") is not None
    assert await repo.forget_guild(1) == 1


async def test_member_keys_must_be_hashes_not_discord_ids(repo):
    with pytest.raises(ConstraintError):
        await _create(repo, key="123456789012345678")


async def test_corrections_are_anonymous(repo):
    await repo.record_correction(
        guild_id=1,
        predicted="non_payer",
        chosen="string_along",
        answers=("answer:not_paying", "stage:after"),
        day="2026-03-02",
    )
    await repo.record_correction(guild_id=2, predicted="creep", chosen="abusive", answers=(), day="2026-03-02")
    fixes = await repo.corrections(1)
    assert len(fixes) == 1
    fix = fixes[0]
    assert (fix.predicted, fix.chosen, fix.answers, fix.day) == (
        "non_payer",
        "string_along",
        ("answer:not_paying", "stage:after"),
        "2026-03-02",
    )
    assert len(await repo.corrections()) == 2
    columns = [row[1] for row in await repo.db.fetchall("PRAGMA table_info(triage_corrections)")]
    assert not any("member" in c or "user" in c or "flow" in c or "text" in c for c in columns)
