"""The privacy repository on both backends (SQLite always; PostgreSQL when PARLEY_TEST_POSTGRES_URL is set):
export, forget with either choice, retention purges, a guild's purge, presence and the deletion queue."""

from __future__ import annotations

import datetime as dt

from parley.database import Database
from parley.database.repositories.privacy import PrivacyRepository
from parley.domain.privacy import ForgetChoice, RetentionRules, retention_cutoffs, stamp

G, OTHER_G = 7001, 7002
BOB, ANN, MOD = "b" * 32, "a" * 32, "m" * 32
NOW = dt.datetime(2026, 2, 1, 12, tzinfo=dt.UTC)
T0 = "2026-01-01T12:00:00Z"


async def seed(db: Database) -> None:
    """bob: a language, 2 votes, a flow, a draft, an approved and a rejected tip, a published and a pending story
    (queue cards posted), a "me too" on ann's story; ann: the same kinds of rows; mia moderated."""
    async with db.write() as tx:
        await tx.execute("INSERT INTO member_settings (guild_id, member_key, language) VALUES (?, ?, 'fi')", (G, BOB))
        for voter in (BOB, ANN):
            await tx.execute(
                "INSERT INTO votes (guild_id, kind, item_id, axis, voter_key, value, voted_at) "
                "VALUES (?, 'advice', 'np-01', 'helpful', ?, 'up', ?)",
                (G, voter, T0),
            )
        await tx.execute(
            "INSERT INTO votes (guild_id, kind, item_id, axis, voter_key, value, voted_at) "
            "VALUES (?, 'advice', 'np-02', 'outcome', ?, 'worked', ?)",
            (G, BOB, T0),
        )
        for key, flow_id in ((BOB, "flow-bob-1"), (ANN, "flow-ann-1")):
            await tx.execute(
                "INSERT INTO flows (flow_id, guild_id, member_key, kind, language, state, free_text, created_at, "
                "updated_at) VALUES (?, ?, ?, 'situation', 'en', '{}', 'my words', ?, ?)",
                (flow_id, G, key, T0, stamp(NOW)),
            )
            await tx.execute(
                "INSERT INTO drafts (draft_id, guild_id, member_key, kind, language, field_values, created_at, "
                "updated_at) VALUES (?, ?, ?, 'payment_reminder', 'en', '{\"client_name\": \"Daniel\"}', ?, ?)",
                (flow_id.replace("flow", "draft"), G, key, T0, stamp(NOW)),
            )
        tips = {}
        for name, key, status in (("bob-ok", BOB, "approved"), ("bob-no", BOB, "rejected"), ("ann", ANN, "approved")):
            tips[name] = await tx.fetchval(
                "INSERT INTO tips (guild_id, author_key, archetype, lang, text, status, created_at, decided_at) "
                "VALUES (?, ?, 'creep', 'en', ?, ?, ?, ?) RETURNING id",
                (G, key, f"tip {name}", status, T0, T0),
            )
            await tx.execute(
                "INSERT INTO mod_queue (guild_id, kind, subject_id, status, channel_id, message_id, created_at, "
                "decided_by) VALUES (?, 'tip', ?, ?, 90, ?, ?, ?)",
                (G, tips[name], status, 1000 + tips[name], T0, MOD),
            )
        await tx.execute(
            "INSERT INTO votes (guild_id, kind, item_id, axis, voter_key, value, voted_at) "
            "VALUES (?, 'tip', ?, 'helpful', ?, 'up', ?)",
            (G, str(tips["bob-ok"]), ANN, T0),
        )
        stories = {}
        for name, key, status, post in (
            ("bob-pub", BOB, "published", 501),
            ("bob-wait", BOB, "pending", None),
            ("ann-pub", ANN, "published", 502),
        ):
            stories[name] = await tx.fetchval(
                "INSERT INTO stories (guild_id, author_key, archetype, lang, text, status, shared_on, channel_id, "
                "message_id) VALUES (?, ?, 'creep', 'en', ?, 'pending', '2026-01-01', ?, ?) RETURNING id",
                (G, key, f"story {name}", 80 if post else None, post),
            )
            # Published the way the bot publishes (a status change), so the search index follows as in production.
            await tx.execute("UPDATE stories SET status = ? WHERE id = ?", (status, stories[name]))
            await tx.execute(
                "INSERT INTO mod_queue (guild_id, kind, subject_id, status, channel_id, message_id, created_at) "
                "VALUES (?, 'story', ?, 'pending', 90, ?, ?)",
                (G, stories[name], 2000 + stories[name], T0),
            )
        await tx.execute("INSERT INTO story_metoo (story_id, member_key) VALUES (?, ?)", (stories["ann-pub"], BOB))
        await tx.execute("INSERT INTO story_metoo (story_id, member_key) VALUES (?, ?)", (stories["bob-pub"], ANN))
        await tx.execute(
            "INSERT INTO story_shares (guild_id, author_key, day, shared) VALUES (?, ?, '2026-02-01', 2)", (G, BOB)
        )
        await tx.execute(
            "INSERT INTO mod_audit (guild_id, at, moderator_key, action, kind, subject_id) "
            "VALUES (?, ?, ?, 'approve', 'story', ?)",
            (G, T0, MOD, stories["bob-pub"]),
        )


async def holding(db: Database, key: str) -> int:
    """Rows anywhere that hold a member key."""
    total = 0
    for table, column in (
        ("member_settings", "member_key"),
        ("votes", "voter_key"),
        ("tips", "author_key"),
        ("mod_queue", "decided_by"),
        ("mod_audit", "moderator_key"),
        ("flows", "member_key"),
        ("drafts", "member_key"),
        ("stories", "author_key"),
        ("story_metoo", "member_key"),
        ("story_shares", "author_key"),
    ):
        total += int(await db.fetchval(f"SELECT COUNT(*) FROM {table} WHERE {column} = ?", (key,)))
    return total


async def test_export_and_forget_everything(any_db):
    db = any_db
    await seed(db)
    repo = PrivacyRepository(db)
    data = await repo.export_member(G, BOB)
    assert data.language == "fi" and len(data.votes) == 2 and len(data.flows) == 1 and len(data.drafts) == 1
    assert sorted(tip["status"] for tip in data.tips) == ["approved", "rejected"]
    assert sorted(s["status"] for s in data.stories) == ["pending", "published"]
    assert len(data.metoo) == 1 and data.published_stories == 1 and data.published_tips == 1

    report = await repo.forget_member(G, BOB, ForgetChoice.ERASE, NOW)
    assert (report.votes, report.flows, report.drafts, report.language) == (2, 1, 1, True)
    assert (report.tips_erased, report.stories_erased, report.metoo) == (2, 2, 1)
    # bob's post and the queue cards of his 2 tips and 2 stories.
    assert sorted(report.posts) == sorted([(80, 501), (90, 1001), (90, 1002), (90, 2001), (90, 2002)])
    # All but today's allowance counter (a keyed hash, a day, a count): forgetting must not reset the limit.
    assert await holding(db, BOB) == 1
    assert await db.fetchval("SELECT shared FROM story_shares WHERE author_key = ?", (BOB,)) == 2
    assert await holding(db, ANN) == 5  # vote, flow, draft, tip, story (her vote on bob's tip went with the tip)
    assert [(q.channel_id, q.message_id) for q in await repo.queued_deletions(G)] == sorted(report.posts)
    assert await db.fetchval("SELECT COUNT(*) FROM votes WHERE item_id = 'np-01'") == 1


async def test_forget_leaving_published_work_up(any_db):
    db = any_db
    await seed(db)
    repo = PrivacyRepository(db)
    report = await repo.forget_member(G, BOB, ForgetChoice.UNLINK, NOW)
    assert (report.tips_unlinked, report.stories_unlinked, report.tips_erased, report.stories_erased) == (1, 1, 1, 1)
    assert await holding(db, BOB) == 1  # today's allowance counter only
    kept = await db.fetchall("SELECT author_key FROM stories WHERE text = 'story bob-pub'")
    assert len(kept) == 1 and kept[0]["author_key"].startswith("unlinked-")
    assert await db.fetchval("SELECT COUNT(*) FROM votes WHERE kind = 'tip' AND voter_key = ?", (ANN,)) == 1
    assert await db.fetchval("SELECT COUNT(*) FROM story_metoo WHERE member_key = ?", (ANN,)) == 1
    assert (80, 501) not in report.posts


async def test_retention_and_a_guilds_purge(any_db):
    db = any_db
    await seed(db)
    repo = PrivacyRepository(db)
    rules = RetentionRules(flow_ttl_hours=24, purge_rejected_days=30, guild_grace_days=30)
    later = NOW + dt.timedelta(days=2)
    purged = await repo.purge_expired(retention_cutoffs(later, rules), later)
    assert (purged.flows, purged.drafts, purged.tips) == (2, 2, 1)  # the rejected tip was decided on Jan 1
    assert [q.message_id for q in await repo.queued_deletions()] == [1002]  # its queue card

    await repo.mark_present([G, OTHER_G])
    await repo.mark_left(G, NOW)
    cutoff = retention_cutoffs(NOW + dt.timedelta(days=31), rules).left_before
    assert await repo.left_before(cutoff) == [G]
    assert await repo.purge_guild(G) > 10
    for table in (
        "votes",
        "tips",
        "stories",
        "mod_queue",
        "mod_audit",
        "member_settings",
        "story_shares",
        "privacy_message_deletions",
        "guild_presence",
    ):
        assert await db.fetchval(f"SELECT COUNT(*) FROM {table} WHERE guild_id = ?", (G,)) == 0, table
    assert await db.fetchval("SELECT COUNT(*) FROM story_metoo") == 0
    assert await repo.present_guilds() == [OTHER_G]
