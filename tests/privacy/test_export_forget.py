"""End to end through the offline Discord: /privacy export holds exactly the member's data, /privacy forget erases it.

Two members (bob and layla) leave votes, tips, walkthroughs, drafts and stories through the real commands; a
moderator (mia) approves. Every request is validated against Discord's OpenAPI spec (the `parley` fixture fails
the test on any violation).
"""

from __future__ import annotations

import json
import re

from parley.database.repositories.privacy import PrivacyRepository
from parley.database.repositories.votes import VotesRepository
from tests.privacy.conftest import (
    BOB_PENDING_STORY,
    BOB_PENDING_TIP,
    BOB_STORY,
    BOB_TIP,
    BOB_WORDS,
    LAYLA_STORY,
    LAYLA_TIP,
    LAYLA_WORDS,
    attached_json,
    rows_mentioning,
    seed_two_members,
    services,
    share_story,
)

HEX_KEY = re.compile(r"[0-9a-f]{32}")


async def test_export_holds_exactly_the_members_data(session):
    s = session
    seeded = await seed_two_members(s)
    step = await s.command("bob", "privacy export")
    reply = step.message
    assert reply.ephemeral and reply.allowed_mentions == {"parse": []}
    assert reply.attachments and reply.attachments[0].endswith(".json")
    assert reply.text.startswith("📦 Here is a copy of everything Parley keeps about you in this server:")
    assert (
        "your language choice, 2 votes, 1 walkthrough, 1 message draft, 2 tips, 2 stories, and 1 “me too”" in reply.text
    )
    assert len(reply.content) <= 2000

    data = attached_json(step)
    assert data["format"] == "parley-member-export" and data["server_id"] == str(s.fake.guild.id)
    assert data["language"] == "en"
    assert sorted((v["kind"], v["axis"], v["value"]) for v in data["votes"]) == [
        ("advice", "helpful", "up"),
        ("advice", "outcome", "worked"),
    ]
    assert {tip["text"]: tip["status"] for tip in data["tips"]} == {BOB_TIP: "approved", BOB_PENDING_TIP: "pending"}
    assert {story["text"]: story["status"] for story in data["stories"]} == {
        BOB_STORY: "published",
        BOB_PENDING_STORY: "pending",
    }
    [flow] = data["walkthroughs"]
    assert flow["kind"] == "situation" and flow["your_words"] == BOB_WORDS
    [draft] = data["drafts"]
    assert draft["kind"] == "payment_reminder" and draft["details"]["client_name"] == "Daniel"
    layla_story_id = await services(s).db.fetchval("SELECT id FROM stories WHERE text = ?", (LAYLA_STORY,))
    assert data["me_too"] == [layla_story_id]
    assert data["stories_shared_per_day"] == [{"day": "2026-01-01", "stories": 2}]
    assert data["moderation_actions"] == [] and data["sharing_blocked"] is False

    # Nothing about anyone else: no other member's text, no keyed hash of anyone (bob's own included), no user id.
    raw = json.dumps(data, ensure_ascii=False)
    for foreign in (LAYLA_STORY, LAYLA_TIP, LAYLA_WORDS):
        assert foreign not in raw
    assert HEX_KEY.findall(raw) == []
    for name, key in seeded.keys.items():
        assert key not in raw, name
    for name, user_id in seeded.user_ids.items():
        assert str(user_id) not in raw, name


async def test_a_moderators_export_lists_their_actions_but_no_keys(session):
    s = session
    seeded = await seed_two_members(s)
    data = attached_json(await s.command("mia", "privacy export"))
    assert [m["action"] for m in data["moderation_actions"]] == ["approve"] * 4
    assert data["votes"] == [] and data["stories"] == [] and data["tips"] == []
    raw = json.dumps(data)
    assert all(key not in raw for key in seeded.keys.values())


async def test_forget_erases_every_row_linked_to_the_member_and_their_posts(session):
    s = session
    seeded = await seed_two_members(s)
    db = services(s).db
    bob, layla = seeded.keys["bob"], seeded.keys["layla"]
    votes = VotesRepository(db)
    advice_item = await db.fetchval("SELECT item_id FROM votes WHERE kind = 'advice' AND voter_key = ?", (layla,))
    assert (await votes.tallies(s.fake.guild.id, "advice", [advice_item]))[advice_item].up == 2
    assert any(BOB_STORY[:40] in p.text for p in s.messages_in("#stories"))
    assert any(BOB_PENDING_STORY[:40] in p.text for p in s.messages_in("#mod-queue"))

    step = await s.command("bob", "privacy forget")
    card = step.message
    assert card.ephemeral and card.text.startswith("## 🧹 Erase your data in this server?")
    assert "2 votes (the counts on those items go down with them)" in card.text
    assert "**Public now:** 1 published story and 1 approved tip" in card.text
    assert [b.text for b in card.buttons] == [
        "🗑️ Erase everything",
        "🔗 Erase, but leave my posts up unlinked",
        "Cancel",
    ]
    step = await s.click("bob", "Erase everything")
    [done] = [v for v in step.visible if v.ephemeral]
    assert done.event == "edited" and done.buttons == [] and done.message_id == card.message_id
    deleted = [v for v in step.visible if v.event == "deleted"]
    assert sorted({v.channel for v in deleted}) == ["#mod-queue", "#stories"]
    assert done.text.startswith("## ✅ Done: Parley has forgotten you in this server")
    for line in (
        "2 votes: the counts on those items were updated",
        "1 walkthrough",
        "1 message draft",
        "your language choice",
        "2 tips",
        "2 stories",
        "1 “me too”",
        "5 posts by Parley showing them, deleted from the server's channels",
        "The moderation log stays as it is: it never records who wrote a story or a tip.",
    ):
        assert line in done.text, line
    assert "Left up" not in done.text and "could not be deleted yet" not in done.text

    # Zero rows anywhere hold bob's key or his Discord id, in any column of any table, but today's allowance
    # counter (a keyed hash, a day and a count): forgetting must not reset the daily limit.
    assert await rows_mentioning(db, bob, seeded.user_ids["bob"]) == {"story_shares": 1}
    # layla's data is untouched; the advice tally is the count of the votes that remain.
    assert await rows_mentioning(db, layla)
    assert (await votes.tallies(s.fake.guild.id, "advice", [advice_item]))[advice_item].up == 1
    browse = (await s.command("layla", "advice browse", type="non_payer")).message
    assert browse.buttons[0].text == "👍 Helpful · 1"
    # bob's post is gone from #stories, layla's stays; the queue cards that showed bob's texts are gone too.
    stories = [p.text for p in s.messages_in("#stories")]
    assert not any(BOB_STORY[:40] in text for text in stories)
    assert any(LAYLA_STORY[:40] in text for text in stories)
    queue = " ".join(p.text for p in s.messages_in("#mod-queue"))
    for text in (BOB_STORY, BOB_PENDING_STORY, BOB_TIP, BOB_PENDING_TIP):
        assert text[:40] not in queue
    assert LAYLA_TIP[:40] in queue
    # Nothing is left to delete, and a second run finds nothing.
    assert await db.fetchval("SELECT COUNT(*) FROM privacy_message_deletions") == 0
    step = await s.command("bob", "privacy forget")
    assert step.message.text.startswith("## 🧹 Nothing to erase") and step.message.buttons == []


async def test_forget_can_leave_published_work_up_without_any_link(session):
    s = session
    seeded = await seed_two_members(s)
    db = services(s).db
    bob = seeded.keys["bob"]
    await s.command("bob", "privacy forget")
    step = await s.click("bob", "leave my posts up unlinked")
    [done] = [v.text for v in step.visible if v.ephemeral]
    assert "**🔗 Left up, with no link to you**\n- 1 published story\n- 1 approved tip" in done
    assert "1 story" in done and "1 tip" in done  # the pending ones were erased
    assert 'Other members\' votes and "me too"s on the posts that stay up are theirs, so they stay.' in done

    assert await rows_mentioning(db, bob, seeded.user_ids["bob"]) == {"story_shares": 1}  # the daily count only
    # The post stays, the tip stays listed; their authors are fresh random values, one of their own each.
    assert any(BOB_STORY[:40] in p.text for p in s.messages_in("#stories"))
    story_author = await db.fetchval("SELECT author_key FROM stories WHERE text = ?", (BOB_STORY,))
    tip_author = await db.fetchval("SELECT author_key FROM tips WHERE text = ?", (BOB_TIP,))
    assert story_author.startswith("unlinked-") and tip_author.startswith("unlinked-") and story_author != tip_author
    # layla's vote on bob's tip still counts; bob no longer finds the story as his.
    tip_id = await db.fetchval("SELECT id FROM tips WHERE text = ?", (BOB_TIP,))
    tally = await VotesRepository(db).tallies(s.fake.guild.id, "tip", [str(tip_id)])
    assert tally[str(tip_id)].up == 1
    mine = (await s.command("bob", "story mine")).message
    assert "You haven't shared a story here yet." in mine.text


async def test_cancel_erases_nothing(session):
    s = session
    seeded = await seed_two_members(s)
    before = await rows_mentioning(services(s).db, seeded.keys["bob"])
    await s.command("bob", "privacy forget")
    step = await s.click("bob", "Cancel")
    assert step.message.text == "↩️ Cancelled. Nothing was erased." and step.message.buttons == []
    assert await rows_mentioning(services(s).db, seeded.keys["bob"]) == before


async def test_a_post_discord_refuses_to_delete_stays_queued_until_a_retention_run_deletes_it(session):
    s = session
    await seed_two_members(s)
    db = services(s).db
    await s.set_permissions("#stories", "bot", deny=["view_channel"])
    await s.command("bob", "privacy forget")
    step = await s.click("bob", "Erase everything")
    [done] = [v.text for v in step.visible if v.ephemeral]
    assert "(1 could not be deleted yet: Parley keeps trying)" in done
    assert any(BOB_STORY[:40] in p.text for p in s.messages_in("#stories"))
    [queued] = await PrivacyRepository(db).queued_deletions()
    assert queued.attempts == 1

    cog = s.bot.get_cog("Privacy")
    assert (await cog.run_retention(services(s).clock.now())).posts_deleted == 0  # still refused
    await s.set_permissions("#stories", "bot", allow=["view_channel"])
    assert (await cog.run_retention(services(s).clock.now())).posts_deleted == 1
    assert not any(BOB_STORY[:40] in p.text for p in s.messages_in("#stories"))
    assert await PrivacyRepository(db).queued_deletions() == []


async def test_forgetting_does_not_reset_the_daily_story_allowance(session):
    s = session
    await s.command(
        "owner",
        "setup",
        stories_channel="#stories",
        queue_channel="#mod-queue",
        moderator_role="@Moderators",
        stories_per_day=1,
    )
    await share_story(s, "bob", BOB_PENDING_STORY)
    step = await s.command("bob", "privacy forget")
    assert "Today's count of stories you shared stays until the day ends" in step.message.text
    step = await s.click("bob", "Erase")
    [done] = [v.text for v in step.visible if v.ephemeral]
    assert "forgetting must not be a way around the daily limit" in done
    assert await services(s).db.fetchval("SELECT COUNT(*) FROM stories") == 0
    # The same day, sharing again is refused as before forgetting; the next day it works.
    step = await s.command("bob", "story share")
    assert step.message.text.startswith("⚠️ You've shared today's stories already")
    await s.advance(24 * 3600)
    assert (await s.command("bob", "story share")).modal


async def test_a_forget_confirmation_from_before_a_restart_says_it_expired(session):
    s = session
    await s.command("bob", "language")
    await s.select("bob", ["English"])
    card = (await s.command("bob", "privacy forget")).message
    assert all(b.custom_id.startswith("parley:") for b in card.buttons)
    await s.restart()
    step = await s.click("bob", "Erase")
    assert step.error is None
    assert step.message.ephemeral and "expired" in step.message.text and "incident" not in step.message.text
    # Nothing was erased by the stale card.
    assert await services(s).db.fetchval("SELECT COUNT(*) FROM member_settings") == 1
