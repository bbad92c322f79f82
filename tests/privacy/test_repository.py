"""PrivacyRepository on a real migrated SQLite database: the erase is all-or-nothing and knows every table."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.database import Database
from parley.database.repositories.forum import UPDATE_KIND, ForumRepository
from parley.database.repositories.privacy import _GUILD_TABLES, PrivacyRepository
from parley.database.repositories.stories import StoriesRepository
from parley.domain.privacy import ForgetChoice, StoryBeingPosted

NOW = dt.datetime(2026, 1, 10, 12, tzinfo=dt.UTC)
GUILD = 555
BOB = "b" * 32
ANN = "a" * 32
# Tables another repository's forget_guild covers, and the presence row that goes last.
COVERED_ELSEWHERE = {"flows", "triage_corrections", "drafts", "guild_presence", "cases", "case_prefs"}
# Every column that holds a member's keyed hash, and who handles it in a forget.
KEY_COLUMNS = {
    ("member_settings", "member_key"),
    ("member_contacts", "member_key"),
    ("votes", "voter_key"),
    ("tips", "author_key"),
    ("mod_queue", "decided_by"),
    ("mod_audit", "moderator_key"),
    ("flows", "member_key"),
    ("drafts", "member_key"),
    ("stories", "author_key"),
    ("story_author_blocks", "author_key"),  # kept on purpose (anti-abuse)
    ("story_metoo", "member_key"),
    ("story_shares", "author_key"),
    ("cases", "member_key"),  # CasesRepository.export_member / forget_member
    ("case_prefs", "member_key"),
    ("person_settings", "person_key"),  # outside servers: erased by forget with the person's DM data
    ("reports", "reporter_key"),
}


async def columns(db: Database) -> dict[str, list[str]]:
    tables = await db.fetchall(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND sql NOT LIKE 'CREATE VIRTUAL%'"
    )
    found = {}
    for row in tables:
        found[row["name"]] = [c["name"] for c in await db.fetchall(f"PRAGMA table_info({row['name']})")]
    return found


async def test_every_table_with_a_guild_is_purged_with_the_guild(db):
    with_guild = {table for table, cols in (await columns(db)).items() if "guild_id" in cols}
    assert with_guild - COVERED_ELSEWHERE == set(_GUILD_TABLES), "teach PrivacyRepository.purge_guild the new table"


async def test_every_column_holding_a_member_key_is_known_to_forget(db):
    keyish = {
        (table, col)
        for table, cols in (await columns(db)).items()
        for col in cols
        if col.endswith("_key") or col == "decided_by"
    }
    assert keyish == KEY_COLUMNS, "teach PrivacyRepository.export_member and forget_member the new column"


async def test_nothing_is_erased_while_a_story_is_being_posted(db):
    stories = StoriesRepository(db)
    story, _ = await stories.submit(
        GUILD, BOB, archetype="non_payer", lang="en", title=None, text="x", day="2026-01-10", now="t", per_day=5
    )
    async with db.write() as tx:
        await tx.execute("UPDATE stories SET status = 'publishing' WHERE id = ?", (story.id,))
        await tx.execute(
            "INSERT INTO member_settings (guild_id, member_key, language) VALUES (?, ?, 'fi')", (GUILD, BOB)
        )
    with pytest.raises(StoryBeingPosted):
        await PrivacyRepository(db).forget_member(GUILD, BOB, ForgetChoice.ERASE, NOW)
    assert await db.fetchval("SELECT COUNT(*) FROM stories") == 1
    assert await db.fetchval("SELECT language FROM member_settings") == "fi"


async def test_a_moderators_log_entries_get_one_new_tag_and_keep_their_story(db):
    async with db.write() as tx:
        for n in range(3):
            await tx.execute(
                "INSERT INTO mod_audit (guild_id, at, moderator_key, action, kind, subject_id) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (GUILD, "2026-01-01T00:00:00Z", BOB if n < 2 else ANN, "approve", "tip", n),
            )
    report = await PrivacyRepository(db).forget_member(GUILD, BOB, ForgetChoice.ERASE, NOW)
    assert report.moderation_retagged == 2
    tags = [row[0] for row in await db.fetchall("SELECT moderator_key FROM mod_audit ORDER BY id")]
    assert tags[0] == tags[1] != BOB and tags[0].startswith("retired-") and tags[2] == ANN


async def test_presence_marks(db):
    repo = PrivacyRepository(db)
    assert await repo.mark_present([1, 2]) == []
    await repo.mark_left(1, NOW)
    await repo.mark_left(1, NOW + dt.timedelta(days=3))  # the first removal counts: the grace does not restart
    assert await repo.left_at(1) == "2026-01-10T12:00:00Z"
    assert await repo.left_before("2026-01-11T00:00:00Z") == [1]
    assert await repo.present_guilds() == [2]
    assert await repo.mark_present([1, 2]) == [1]
    assert await repo.left_at(1) is None


async def test_the_deletion_queue_counts_attempts_and_forgets_done_ones(db):
    repo = PrivacyRepository(db)
    async with db.write() as tx:
        await repo._queue_deletions(tx, GUILD, [(10, 20), (10, 20), (10, 21)], "2026-01-10T12:00:00Z")
    assert [(q.channel_id, q.message_id) for q in await repo.queued_deletions(GUILD)] == [(10, 20), (10, 21)]
    assert await repo.deletion_failed(10, 20) == 1
    assert await repo.deletion_failed(10, 20) == 2
    await repo.deletion_done(10, 21)
    assert [(q.message_id, q.attempts) for q in await repo.queued_deletions()] == [(20, 2)]
    assert await repo.queued_deletions(GUILD + 1) == []


@pytest.mark.parametrize("choice", list(ForgetChoice))
async def test_a_pending_resolved_update_and_its_queue_card_go_with_the_member(db, choice):
    stories = StoriesRepository(db)
    story, _ = await stories.submit(
        GUILD, BOB, archetype="non_payer", lang="en", title=None, text="x", day="2026-01-10", now="t", per_day=5
    )
    async with db.write() as tx:
        await tx.execute(
            "UPDATE stories SET status = 'published', channel_id = 70, message_id = 71 WHERE id = ?", (story.id,)
        )
    await ForumRepository(db).resolve(GUILD, story.id, BOB, "2026-01-11", "t2", "They paid in the end.")
    async with db.write() as tx:
        await tx.execute(
            "UPDATE mod_queue SET channel_id = 80, message_id = 81 WHERE kind = ? AND subject_id = ?",
            (UPDATE_KIND, story.id),
        )

    await PrivacyRepository(db).forget_member(GUILD, BOB, choice, NOW)

    assert await db.fetchval("SELECT COUNT(*) FROM mod_queue WHERE kind = ?", (UPDATE_KIND,)) == 0
    queued = {(q.channel_id, q.message_id) for q in await PrivacyRepository(db).queued_deletions(GUILD)}
    assert (80, 81) in queued  # the update's card leaves the queue channel
    row = await db.fetchone("SELECT update_text, update_status, author_key FROM stories WHERE id = ?", (story.id,))
    if choice is ForgetChoice.ERASE:
        assert row is None and (70, 71) in queued
    else:  # the story stays up, unlinked; the update no moderator approved does not
        assert row["update_text"] is None and row["update_status"] is None and row["author_key"] != BOB
        assert (70, 71) not in queued
