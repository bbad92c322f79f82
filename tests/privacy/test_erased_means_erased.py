"""Erased means erased: after withdraw, delete, forget, the rejection purge or the server purge, a canary word of
the story is in none of parley.db, -wal, -shm, a backup made afterwards, or the logs; while the bot runs and after
it stops. (FTS5 keeps deleted words in its shadow table until segments merge; the WAL keeps old page versions
until a checkpoint: both used to hold the text.)"""

from __future__ import annotations

import logging

import pytest

from tests.privacy.conftest import services
from tests.privacy.test_guild_presence import remove_bot
from tests.stories.conftest import run_due, set_up, share_and_confirm
from tests.stories.test_privacy import assert_absent, at_rest

CANARY = "quokkavelvet"
STORY = f"The client kept calling the project {CANARY} and refused to pay for it, twice, then vanished."
DAY = 86400


async def publish(s) -> None:
    await share_and_confirm(s, "bob", STORY)
    await s.click("mia", "Approve", in_="#mod-queue")
    await run_due(s, hours=7)
    assert any(CANARY in m.text for m in s.messages_in("#stories"))
    # It is searchable, so the word is in the full-text index (and its shadow tables) now.
    found = await services(s).db.fetchval(f"SELECT COUNT(*) FROM stories_fts WHERE stories_fts MATCH '{CANARY}'")
    assert found == 1


async def withdraw_pending(s) -> None:
    await share_and_confirm(s, "bob", STORY)
    await s.command("bob", "story mine")
    await s.click("bob", "Withdraw")
    await s.click("bob", "Yes, remove it for good")


async def delete_published(s) -> None:
    await publish(s)
    await s.command("bob", "story mine")
    await s.click("bob", "Delete")
    await s.click("bob", "Yes, remove it for good")


async def forget_everything(s) -> None:
    await publish(s)
    await s.command("bob", "privacy forget")
    await s.click("bob", "Erase everything")


async def rejection_purge(s) -> None:
    await share_and_confirm(s, "bob", STORY)
    await s.click("mia", "Reject", in_="#mod-queue")
    await s.submit("mia", {"Reason": "off_topic"})
    await s.advance(31 * DAY)
    report = await s.bot.get_cog("Privacy").run_retention(services(s).clock.now())
    assert report.stories == 1


async def server_purge(s) -> None:
    await publish(s)
    await remove_bot(s)
    await s.advance(31 * DAY)
    report = await s.bot.get_cog("Privacy").run_retention(services(s).clock.now())
    assert report.guilds_purged == (s.fake.guild.id,)


@pytest.mark.parametrize(
    "erase", [withdraw_pending, delete_published, forget_everything, rejection_purge, server_purge]
)
async def test_an_erased_story_is_nowhere_at_rest(parley, parley_config, caplog, tmp_path, erase):
    caplog.set_level(logging.DEBUG)
    s = parley
    await set_up(s)
    await erase(s)
    db = services(s).db
    assert await db.fetchval("SELECT COUNT(*) FROM stories") == 0
    # While running: the database, its WAL and shared-memory files, and the logs.
    assert_absent(CANARY, at_rest(parley_config, caplog))
    # A backup made afterwards.
    await db.backup(tmp_path / "after.db")
    assert_absent(CANARY, {"backup": (tmp_path / "after.db").read_bytes()})
    # After shutdown (everything checkpointed into the main file).
    await s.restart()
    assert_absent(CANARY, at_rest(parley_config, caplog))
