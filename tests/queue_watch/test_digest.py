"""The moderators' digest, the threshold mention and repeated reminders, end to end through the offline Discord."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import pytest

from parley.database.repositories.queue_watch import QueueWatchRepository
from parley.database.repositories.stories import StoriesRepository
from parley.domain.queue_watch import DigestReason, WatchSettings, WatchState, alert_due, digest_due
from tests.stories.conftest import NO_PINGS, run_due, set_up, share_and_confirm

STORIES = [
    ("bob", "The client paid half and then disappeared for three whole months.", "en"),
    ("layla", "The client wanted a logo redesign for free after the invoice was due.", "en"),
    ("alice", "Asiakas lisäsi sivuja verkkosivuprojektiin eikä maksanut yhdestäkään.", "fi"),
    ("ivan", "Заказчик попросил двенадцать правок листовки, а потом отменил заказ.", "ru"),
]


def digests(s: Any) -> list[Any]:
    return [m for m in s.messages_in("#mod-queue") if "Moderators' digest" in m.text]


async def share(s: Any, n: int) -> None:
    member, text, lang = STORIES[n]
    await share_and_confirm(s, member, text, lang=lang)


async def test_the_digest_goes_out_at_the_servers_hour_and_is_replaced_not_stacked(parley):
    s = parley
    await set_up(s)
    # The fake clock starts at 2026-01-01 12:00 UTC, 14:00 in Helsinki: the digest hour is 16:00 there.
    card = (await s.command("mia", "mod notify", mode="digest", digest_hour=16, time_zone="Europe/Helsinki")).message
    assert card.ephemeral and "one digest message" in card.text and "every day at 16:00 (Europe/Helsinki)" in card.text
    await share(s, 0)
    await share(s, 1)
    assert s.messages_in("#mod-queue") == []  # no card of their own
    assert (await run_due(s)).digests == 0  # 14:00 local: not yet
    assert (await run_due(s, hours=1.9)).digests == 0
    assert (await run_due(s, hours=0.2)).digests == 1  # 16:06 local
    [digest] = s.messages_in("#mod-queue")
    assert "2 items are waiting, oldest first" in digest.text
    assert "**Story #1** · since 2026-01-01" in digest.text and "**Story #2**" in digest.text
    assert digest.allowed_mentions == NO_PINGS and digest.pings == ()
    assert (await run_due(s, hours=0.5)).digests == 0  # once a day

    # A moderator opens an item from the digest, privately, and decides with the usual buttons.
    opened = await s.select("mia", ["Story #1, since 2026-01-01"], in_="#mod-queue")
    assert opened.message.ephemeral and opened.message.to == "mia" and "Story #1" in opened.message.text
    assert any("Approve" in b.text for b in opened.message.buttons)
    decided = await s.click("mia", "Approve")
    assert "Approved by mia" in decided.message.text and decided.message.ephemeral
    await run_due(s)
    [digest] = s.messages_in("#mod-queue")  # edited in place: the decided item left it
    assert "1 item is waiting" in digest.text and "Story #1" not in digest.text and "Story #2" in digest.text

    # A member can't open it.
    refused = await s.select("bob", ["Story #2, since 2026-01-01"], in_="#mod-queue", expect_error=False)
    assert "Only moderators can do that" in refused.message.text and refused.message.ephemeral

    await share(s, 2)
    assert (await run_due(s, hours=24)).digests == 1  # the next day's digest replaces the old one
    [new] = s.messages_in("#mod-queue")
    assert new.message_id != digest.message_id
    assert "2 items are waiting" in new.text and "Story #3" in new.text


async def test_the_digest_goes_out_when_k_new_items_wait(parley):
    s = parley
    await set_up(s)
    await s.command("mia", "mod notify", mode="digest", digest_hour=24, digest_at=3)
    await share(s, 0)
    await share(s, 1)
    assert (await run_due(s)).digests == 0
    await share(s, 2)
    assert (await run_due(s)).digests == 1
    [digest] = digests(s)
    assert "3 items are waiting" in digest.text
    assert (await run_due(s)).digests == 0  # the three were shown: counting starts again
    await s.restart()  # a new process: what was posted is remembered, and the digest's menu still answers
    assert (await run_due(s)).digests == 0
    opened = await s.select("mia", ["Story #2, since 2026-01-01"], in_="#mod-queue")
    assert opened.message.ephemeral and "Story #2" in opened.message.text
    await share(s, 3)
    assert (await run_due(s, hours=5)).digests == 0  # one new item is not three
    [digest] = digests(s)
    assert "4 items are waiting" in digest.text  # but the digest lists it (edited in place)


async def test_back_to_cards_every_listed_item_gets_its_card_and_the_digest_goes(parley):
    s = parley
    await set_up(s)
    await s.command("mia", "mod notify", mode="digest", digest_at=2, digest_hour=24)
    await share(s, 0)
    await share(s, 1)
    assert (await run_due(s)).digests == 1
    await s.command("mia", "mod notify", mode="each")
    await run_due(s)
    cards = s.messages_in("#mod-queue")
    assert digests(s) == [] and len(cards) == 2  # nothing lost: each waiting story has its card again
    assert all(any("Approve" in b.text for b in card.buttons) for card in cards)
    await share(s, 2)
    assert len(s.messages_in("#mod-queue")) == 3  # and new ones get theirs at once


async def test_two_processes_post_one_digest(parley, parley_factory, clock):
    from parley.replay import ReplaySession
    from tests.conftest import STANDARD_GUILD, STANDARD_MEMBERS

    async with ReplaySession(
        parley_factory, extra_bots={"second": parley_factory}, guild=STANDARD_GUILD, members=STANDARD_MEMBERS
    ) as s:
        await set_up(s, bot_="bot")
        await s.command("mia", "mod notify", mode="digest", digest_hour=13, bot_="bot")
        db = s.bot.parley_services.db
        for n in range(2):  # two stories waiting, listed for the digest
            _, entry = await StoriesRepository(db).submit(
                s.fake.guild.id, f"{n}".rjust(32, "a"), archetype="non_payer", lang="en", title=None,
                text=STORIES[n][1], day="2026-01-01", now="2026-01-01T12:00:00Z", per_day=10,
            )  # fmt: skip
            await QueueWatchRepository(db).mark_listed(entry.id, "2026-01-01T12:00:00Z")
        clock.advance(hours=1.5)
        s.fake.clock.advance(1.5 * 3600)
        cogs = [s.client(key).get_cog("Moderation") for key in ("bot", "second")]
        runs = await asyncio.gather(*(cog.run_due_work(clock.now()) for cog in cogs for _ in range(2)))
        assert sum(r.digests for r in runs) == 1
        assert len(digests(s)) == 1
        assert s.violations == []


async def test_threshold_mention_pings_exactly_the_role_once_per_crossing(parley):
    s = parley
    await set_up(s)
    card = (await s.command("mia", "mod notify", mention_role="@Moderators", mention_at=2)).message
    assert "when 2 items wait" in card.text and card.pings == ()
    await share(s, 0)
    assert (await run_due(s)).mentions == 0
    await share(s, 1)
    assert (await run_due(s)).mentions == 1
    [alert] = [m for m in s.messages_in("#mod-queue") if "🔔" in m.text]
    [role_id] = [r.id for r in s.fake.guild.roles.values() if r.name == "Moderators"]
    assert alert.allowed_mentions == {"parse": [], "roles": [role_id]}  # exactly that role, nobody else
    assert alert.pings == ("@Moderators",)
    assert "2 items are waiting in the moderation queue" in alert.text
    assert (await run_due(s, hours=1)).mentions == 0  # still above: no second mention
    await s.click("mia", "Approve", in_="#mod-queue")  # back below the threshold...
    assert (await run_due(s)).mentions == 0
    await share(s, 2)  # ...and above again: a new crossing
    assert (await run_due(s)).mentions == 1


async def test_a_waiting_item_is_reminded_once_per_interval(parley):
    s = parley
    await set_up(s)
    await s.command("mia", "mod notify", remind_after_hours=6)
    await share(s, 0)
    assert (await run_due(s, hours=5)).reminded == 0
    assert (await run_due(s, hours=1.5)).reminded == 1
    reminder = s.messages_in("#mod-queue")[-1]
    assert "1 item has waited longer than 6 hours" in reminder.text and reminder.pings == ()
    assert (await run_due(s, hours=3)).reminded == 0  # once per interval
    assert (await run_due(s)).reminded == 0
    assert (await run_due(s, hours=3.5)).reminded == 1  # the next interval


async def test_a_bad_time_zone_is_refused_kindly_and_nothing_changes(parley):
    s = parley
    await set_up(s)
    step = await s.command("mia", "mod notify", mode="digest", time_zone="Mars/Olympus")
    assert "not a time zone I know" in step.message.text and step.message.ephemeral
    card = (await s.command("mia", "mod notify")).message
    assert "a card for each item as it arrives" in card.text
    denied = await s.command("bob", "mod notify", mode="digest")
    assert "Only moderators can do that" in denied.message.text


def test_digest_due_once_a_local_day_from_the_hour():
    settings = WatchSettings(1, mode="digest", digest_hour=9, time_zone="Asia/Tokyo")
    before = dt.datetime(2026, 1, 1, 23, 30, tzinfo=dt.UTC)  # 08:30 in Tokyo
    at = before + dt.timedelta(minutes=40)
    assert digest_due(settings, WatchState(1), before, 0) is None
    assert digest_due(settings, WatchState(1), at, 0) is DigestReason.HOUR
    assert digest_due(settings, WatchState(1, digest_day="2026-01-02"), at, 0) is None
    counted = WatchSettings(1, mode="digest", digest_at_count=2)
    assert digest_due(counted, WatchState(1), at, 1) is None
    assert digest_due(counted, WatchState(1), at, 2) is DigestReason.COUNT
    assert digest_due(WatchSettings(1, digest_at_count=1), WatchState(1), at, 5) is None  # each-card mode


@pytest.mark.parametrize(
    ("raised", "waiting", "expected"),
    [(False, 3, (True, True)), (True, 3, (False, True)), (True, 1, (False, False)), (False, 1, (False, False))],
)
def test_alert_once_per_crossing(raised, waiting, expected):
    settings = WatchSettings(1, alert_role_id=5, alert_threshold=2)
    assert alert_due(settings, WatchState(1, alert_raised=raised), waiting) == expected


async def test_a_report_waits_in_the_digest_and_is_decided_from_it(parley):
    s = parley
    await set_up(s)
    await share(s, 0)
    await s.click("mia", "Approve", in_="#mod-queue")
    await run_due(s, hours=7)
    assert len(s.messages_in("#stories")) == 1
    await s.command("mia", "mod notify", mode="digest", digest_hour=24, digest_at=1)
    await s.click("alice", "Report", in_="#stories")
    await s.submit("alice", {"Syy": "identifies"})
    assert not any("🚩 Report #1" in m.text for m in s.messages_in("#mod-queue"))  # no card of its own
    assert (await run_due(s)).digests == 1
    [digest] = digests(s)
    assert "1 item is waiting" in digest.text and "**Report #1**" in digest.text
    opened = await s.select("mia", ["Report #1, since 2026-01-01"], in_="#mod-queue")
    assert opened.message.ephemeral and "🚩 Report #1 · Story #1" in opened.message.text
    assert [b.text for b in opened.message.buttons] == ["🗑️ Take down", "✏️ Edit it", "👌 Dismiss"]
    decided = await s.click("mia", "Take down")
    assert "Taken down by mia on" in decided.message.text
    await run_due(s)
    assert s.messages_in("#stories") == []
    [digest] = digests(s)
    assert "Report #1" not in digest.text
