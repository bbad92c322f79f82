"""Retention with the fake clock: unused walkthroughs and drafts go after privacy.flow_ttl_hours; rejected stories
and tips after privacy.purge_rejected_days (with the queue cards that still showed a tip's text); the moderation
log keeps its entries and never an author; a moderators' block outlives the story it was pressed on."""

from __future__ import annotations

from parley.database.repositories.privacy import PrivacyRepository
from tests.privacy.conftest import (
    BOB_PENDING_STORY,
    BOB_PENDING_TIP,
    BOB_WORDS,
    LAYLA_WORDS,
    services,
    share_story,
    suggest_tip,
)

HOUR = 3600
DAY = 24 * HOUR
DRAFT = {"Client's name": "Daniel", "Amount": "1,200", "Currency": "EUR", "Due date": "Dec 1, 2026"}


async def count(s, sql: str, *params: object) -> int:
    return int(await services(s).db.fetchval(sql, params))


async def retention(s):
    return await s.bot.get_cog("Privacy").run_retention(services(s).clock.now())


async def test_walkthroughs_and_drafts_go_after_the_ttl(session):
    s = session
    await s.command("bob", "situation", describe=BOB_WORDS)
    await s.command("bob", "draft", kind="payment_reminder")
    await s.submit("bob", DRAFT)
    await s.advance(20 * HOUR)
    await s.command("layla", "situation", describe=LAYLA_WORDS)
    await s.advance(3 * HOUR)
    assert (await retention(s)).flows == 0  # 23 hours: still kept
    await s.advance(1 * HOUR + 1)
    report = await retention(s)
    assert (report.flows, report.drafts) == (1, 1)
    assert await count(s, "SELECT COUNT(*) FROM flows WHERE free_text = ?", BOB_WORDS) == 0
    assert await count(s, "SELECT COUNT(*) FROM drafts") == 0
    assert await count(s, "SELECT COUNT(*) FROM flows WHERE free_text = ?", LAYLA_WORDS) == 1
    # bob's walkthrough card now says so instead of failing.
    walkthrough = next(m for m in s.messages_for("bob") if "Let's look at this together" in m.text)
    answer = next(b for b in walkthrough.buttons if not b.disabled)
    step = await s.click("bob", custom_id=answer.custom_id)
    assert step.visible[-1].ephemeral and "expired" in step.visible[-1].text.lower()


async def test_rejected_items_go_after_the_retention_period_and_the_log_keeps_no_author(session):
    s = session
    await s.command(
        "owner", "setup", stories_channel="#stories", queue_channel="#mod-queue", moderator_role="@Moderators"
    )
    await share_story(s, "bob", BOB_PENDING_STORY)
    await s.click("mia", "Block author", in_="#mod-queue")
    await s.submit("mia", {"Reason": "harmful"})
    await suggest_tip(s, "bob", BOB_PENDING_TIP)
    await s.select("mia", ["off_topic"], placeholder="Reject", in_="#mod-queue")
    # Rejected: the tip's text is taken off its queue card at once (the card stays, saying so).
    assert not any(BOB_PENDING_TIP[:40] in m.text for m in s.messages_in("#mod-queue"))
    assert any("taken off this channel" in m.text for m in s.messages_in("#mod-queue"))
    bob = services(s).identity.member_key(s.fake.guild.id, s.fake.member("bob").user.id)
    mia = services(s).identity.member_key(s.fake.guild.id, s.fake.member("mia").user.id)

    await s.advance(29 * DAY)
    report = await retention(s)
    assert (report.stories, report.tips) == (0, 0)
    await s.advance(2 * DAY)
    report = await retention(s)
    assert (report.stories, report.tips, report.posts_deleted) == (1, 1, 1)
    assert await count(s, "SELECT COUNT(*) FROM stories") == 0
    assert await count(s, "SELECT COUNT(*) FROM tips") == 0
    # The rejected tip's queue card was deleted from the channel too.
    assert not any(BOB_PENDING_TIP[:40] in m.text for m in s.messages_in("#mod-queue"))
    # The block stays (anti-abuse), tied to the hash only.
    assert await count(s, "SELECT COUNT(*) FROM story_author_blocks WHERE author_key = ?", bob) == 1
    # The log keeps both decisions, by mia's key, and nothing about the author: no column for one, no value of it.
    columns = {c["name"] for c in await services(s).db.fetchall("PRAGMA table_info(mod_audit)")}
    assert not any("author" in c for c in columns)
    assert await count(s, "SELECT COUNT(*) FROM mod_audit WHERE moderator_key = ?", mia) == 2
    rows = await services(s).db.fetchall("SELECT * FROM mod_audit")
    assert all(bob not in str(tuple(row)) for row in rows)
    assert await PrivacyRepository(services(s).db).queued_deletions() == []
