"""Leaving a server: the bot is removed (GUILD_DELETE), the data waits out the grace period, then goes; a server
that adds the bot back within the grace finds everything as it was (GUILD_CREATE)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from parley.database.repositories.privacy import PrivacyRepository
from parley.replay import ReplaySession
from tests.privacy.conftest import BOB_STORY, attached_json, rows_mentioning, seed_two_members, services

DAY = 86400
# Lease bookkeeping names a guild ("stories:publish:<id>") but holds nothing about it or its members.
BOOKKEEPING = {"job_leases"}


async def until(check: Callable[[], Awaitable[bool]]) -> None:
    """Wait for a gateway event the fake emitted to be handled (they arrive on the next loop turns)."""
    async with asyncio.timeout(2):
        while not await check():  # noqa: ASYNC110 - the handler runs inside the bot: poll its database
            await asyncio.sleep(0.01)


async def remove_bot(s: ReplaySession) -> None:
    """Discord tells the bot it was removed from the guild."""
    s.fake.emit("GUILD_DELETE", {"id": str(s.fake.guild.id)})
    repo = PrivacyRepository(services(s).db)
    await until(lambda: _left(repo, s.fake.guild.id))
    assert s.bot.get_guild(s.fake.guild.id) is None


async def add_bot_back(s: ReplaySession) -> None:
    """An admin adds the bot again: GUILD_CREATE for a guild the client does not have."""
    s.fake.emit("GUILD_CREATE", s.fake.guild_payload(include_state=True, for_app=s.fake.app()))
    repo = PrivacyRepository(services(s).db)

    async def back() -> bool:
        return not await _left(repo, s.fake.guild.id)

    await until(back)
    assert s.bot.get_guild(s.fake.guild.id) is not None


async def _left(repo: PrivacyRepository, guild_id: int) -> bool:
    return await repo.left_at(guild_id) is not None


async def retention(s: ReplaySession):
    return await s.bot.get_cog("Privacy").run_retention(services(s).clock.now())


async def test_the_server_is_recorded_present_at_start(session):
    repo = PrivacyRepository(services(session).db)
    assert await repo.present_guilds() == [session.fake.guild.id]


async def test_a_removed_server_is_purged_after_the_grace_period(session):
    s = session
    seeded = await seed_two_members(s)
    db = services(s).db
    guild_id = s.fake.guild.id
    await remove_bot(s)
    assert services(s).config.privacy.guild_grace_days == 30

    await s.advance(29 * DAY)
    report = await retention(s)
    assert report.guilds_purged == ()
    assert set(await rows_mentioning(db, guild_id)) >= {"guild_settings", "votes", "tips", "stories", "mod_audit"}

    await s.advance(1 * DAY + 60)
    report = await retention(s)
    assert report.guilds_purged == (guild_id,)
    assert set(await rows_mentioning(db, guild_id)) - BOOKKEEPING == set()
    assert set(await rows_mentioning(db, seeded.keys["bob"], seeded.keys["layla"], seeded.keys["mia"])) == set()
    assert await db.fetchval("SELECT COUNT(*) FROM stories_fts WHERE stories_fts MATCH 'revisions'") == 0
    # A later run has nothing left to do.
    assert (await retention(s)).guilds_purged == ()


async def test_a_server_that_comes_back_within_the_grace_finds_everything(session):
    s = session
    await seed_two_members(s)
    db = services(s).db
    before = await rows_mentioning(db, s.fake.guild.id)
    await remove_bot(s)
    await s.advance(20 * DAY)
    await retention(s)
    await add_bot_back(s)
    # Long past the original grace: nothing is purged, the bot serves the server as before.
    await s.advance(40 * DAY)
    report = await retention(s)
    assert report.guilds_purged == ()
    after = await rows_mentioning(db, s.fake.guild.id)
    durable = ("guild_settings", "member_settings", "votes", "tips", "stories", "mod_queue", "mod_audit")
    # Nothing was purged (the log may have grown: pending items expired meanwhile, as they always do).
    assert all(after.get(t, 0) >= before[t] for t in durable), (before, after)
    data = attached_json(await s.command("bob", "privacy export"))
    assert len(data["votes"]) == 2 and {story["text"] for story in data["stories"]} >= {BOB_STORY}
    assert data["walkthroughs"] == [] and data["drafts"] == []  # those expired meanwhile, as they always do


async def test_a_removal_while_offline_is_noticed_at_the_next_start(session):
    s = session
    repo = PrivacyRepository(services(s).db)
    # A guild recorded present that the freshly connected bot does not see (it was removed while offline).
    await repo.mark_present([4242])
    await s.restart()
    repo = PrivacyRepository(services(s).db)  # the new process's database connection
    assert await repo.left_at(4242) is not None
    assert await repo.left_at(s.fake.guild.id) is None
