"""The per-interaction memo: settings and languages are read once per interaction, and a write is seen at once."""

from __future__ import annotations

import asyncio
from pathlib import Path

from parley.database import Database
from parley.database.memo import interaction_scope, memoised, scope_interactions
from parley.database.repositories.settings import SettingsRepository

GUILD = 5
MEMBER = "m" * 32


class CountingDb:
    """A Database stand-in that counts the reads reaching it."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.reads = 0

    async def fetchone(self, sql, params=()):
        self.reads += 1
        return await self.db.fetchone(sql, params)

    async def fetchval(self, sql, params=()):
        self.reads += 1
        return await self.db.fetchval(sql, params)

    def write(self):
        return self.db.write()


async def test_reads_are_memoised_inside_a_scope_only(tmp_path: Path) -> None:
    async with await Database.open(tmp_path / "memo.db") as db:
        await db.migrate()
        counting = CountingDb(db)
        repo = SettingsRepository(counting)  # type: ignore[arg-type]
        await repo.get(GUILD)
        await repo.get(GUILD)
        assert counting.reads == 2  # no scope: every call reads
        with interaction_scope():
            await repo.get(GUILD)
            assert await repo.guild_language(GUILD) is None  # from the same settings read
            await repo.member_language(GUILD, MEMBER)
            await repo.member_language(GUILD, MEMBER)
        assert counting.reads == 4


async def test_a_settings_write_is_read_back_in_the_same_interaction(tmp_path: Path) -> None:
    async with await Database.open(tmp_path / "memo.db") as db:
        await db.migrate()
        repo = SettingsRepository(db)
        with interaction_scope():
            assert (await repo.get(GUILD)).language is None
            await repo.update(GUILD, "2026-01-01T00:00:00Z", language="fi")
            assert await repo.guild_language(GUILD) == "fi"
            assert await repo.member_language(GUILD, MEMBER) is None
            await repo.set_member_language(GUILD, MEMBER, "ru")
            assert await repo.member_language(GUILD, MEMBER) == "ru"


async def test_each_scope_and_the_tasks_started_in_it_share_one_memo() -> None:
    loads = []

    async def load(tag: str) -> str:
        loads.append(tag)
        return tag

    async def in_task() -> str:
        return await memoised("k", lambda: load("task"))

    with interaction_scope():
        assert await memoised("k", lambda: load("first")) == "first"
        assert await asyncio.create_task(in_task()) == "first"  # a task started inside copies the scope
    with interaction_scope():
        assert await memoised("k", lambda: load("second")) == "second"  # a new interaction reads again
    assert loads == ["first", "second"]


def test_interaction_create_is_parsed_in_its_own_scope_once_wrapped() -> None:
    seen = []

    class State:
        def __init__(self) -> None:
            self.parsers = {"INTERACTION_CREATE": self.parse}

        def parse(self, data) -> None:
            from parley.database.memo import _memo

            seen.append(_memo.get())

    class Client:
        _connection = State()

    client = Client()
    scope_interactions(client)
    wrapped = client._connection.parsers["INTERACTION_CREATE"]
    scope_interactions(client)  # idempotent
    assert client._connection.parsers["INTERACTION_CREATE"] is wrapped
    wrapped({})
    wrapped({})
    assert seen[0] == {} and seen[1] == {} and seen[0] is not seen[1]


async def test_a_vote_reads_the_settings_and_the_member_language_once_for_both(tmp_path: Path) -> None:
    async with await Database.open(tmp_path / "memo.db") as db:
        await db.migrate()
        counting = CountingDb(db)
        repo = SettingsRepository(counting)  # type: ignore[arg-type]
        with interaction_scope():
            settings, language = await repo.for_member(GUILD, MEMBER)
            assert (settings, language) == (await repo.get(GUILD), None)
            assert settings.min_membership_days is None and settings.tips_enabled  # no /setup yet: defaults
            assert await repo.member_language(GUILD, MEMBER) is None
        assert counting.reads == 1
        await SettingsRepository(db).update(GUILD, "2026-01-01T00:00:00Z", language="fi", min_membership_days=3)
        await SettingsRepository(db).set_member_language(GUILD, MEMBER, "ar")
        with interaction_scope():
            settings, language = await repo.for_member(GUILD, MEMBER)
            assert (settings.language, settings.min_membership_days, language) == ("fi", 3, "ar")
            assert await repo.for_member(GUILD, MEMBER) == (settings, "ar")
            assert await repo.member_language(GUILD, MEMBER) == "ar"
            assert await repo.get(GUILD) == settings
            assert await repo.for_member(GUILD, "o" * 32) == (settings, None)  # another member: their own read
        assert counting.reads == 3
