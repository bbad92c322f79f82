"""Failure paths: Discord things vanish or refuse while Parley works.

A deleted channel (told to the bot, or deleted while it was not looking), a message deleted while a click is in
flight, a missing permission, the bot removed from the server. Each time: the member gets a kind message (never an
incident), the item stays where it was (a tip or story stays pending, an approved story stays approved), and the bot
does not hammer Discord with requests that will fail again.
"""

from __future__ import annotations

from typing import Any

import pytest

from parley.bench.harness import BurstSession
from parley.cogs._shared.runtime import services_for
from parley.replay.components import interactive
from tests.reliability.conftest import crowd, set_up_server

TIP = "Ask for a third of the fee up front before you open any design file for a new client."
STORY = "The client number {n} praised the logo, then stopped answering the moment the invoice went out."
INCIDENT = "Something went wrong"


def delete_channel(s: BurstSession, name: str, *, tell_bot: bool = True) -> int:
    """Delete a channel on the fake Discord; the bot hears CHANNEL_DELETE unless it was away (`tell_bot=False`)."""
    channel = s.fake.channel(name)
    payload = {**channel.payload(s.fake.users), "guild_id": str(s.fake.guild.id)}
    del s.fake.guild.channels[channel.id]
    if tell_bot:
        s.fake.emit("CHANNEL_DELETE", payload)
    return channel.id


def posts_to(s: BurstSession, channel_id: int, since: int) -> list[Any]:
    """Messages the bot tried to create in a channel since request number `since`."""
    return [r for r in s.fake.requests[since:] if r.method == "POST" and r.path == f"/channels/{channel_id}/messages"]


async def statuses(s: BurstSession, table: str) -> list[str]:
    rows = await services_for(s.bot).db.fetchall(f"SELECT status FROM {table} ORDER BY id")
    return [row["status"] for row in rows]


async def suggest_tip(s: BurstSession, member: str) -> str:
    """Suggest a tip; return what the member sees at the end."""
    await s.command(member, "advice suggest")
    step = await s.submit(member, {"Type of client": "non_payer", "Your tip": TIP, "Language of the tip": "en"})
    assert step.ok, step.error
    step = await s.click(member, "Confirm and send")
    assert step.ok, step.error
    return s.last_message(member).text


async def share_story(s: BurstSession, member: str, n: int) -> str:
    await s.command(member, "story share")
    await s.submit(member, {"Type of client": "non_payer", "Your story": STORY.format(n=n)})
    step = await s.click(member, "Confirm")
    assert step.ok, step.error
    return s.last_message(member).text


async def approved_stories(s: BurstSession, count: int) -> None:
    for n in range(count):
        await share_story(s, f"m{n:03d}", n)
        step = await s.click("mia", "Approve", in_="#mod-queue")
        assert step.ok, step.error


async def run_publishing(s: BurstSession) -> None:
    """Move past the publishing slot and run the moderation cog's periodic work once."""
    await s.advance(7 * 3600)
    await s.bot.get_cog("Moderation").run_due_work(services_for(s.bot).clock.now())


@pytest.fixture
async def server(open_parley) -> Any:
    async with open_parley(crowd(4), strict=True) as s:
        await set_up_server(s)
        yield s


@pytest.mark.parametrize("tell_bot", [True, False], ids=["told", "unnoticed"])
async def test_tip_with_the_queue_channel_deleted_stays_pending(server, tell_bot):
    queue = delete_channel(server, "#mod-queue", tell_bot=tell_bot)
    since = len(server.fake.requests)
    text = await suggest_tip(server, "m000")
    assert INCIDENT not in text
    assert await statuses(server, "tips") == ["pending"]
    assert len(posts_to(server, queue, since)) <= 1


async def test_tip_when_the_bot_cannot_post_in_the_queue(server):
    await server.set_permissions("#mod-queue", "bot", deny=["send_messages"])
    since = len(server.fake.requests)
    text = await suggest_tip(server, "m000")
    assert INCIDENT not in text
    assert await statuses(server, "tips") == ["pending"]
    assert posts_to(server, server.fake.channel("#mod-queue").id, since) == []  # checked before trying


async def test_story_with_an_unwritable_queue_stays_pending(server):
    await server.set_permissions("#mod-queue", "bot", deny=["view_channel"])
    text = await share_story(server, "m001", 1)
    assert INCIDENT not in text
    assert await statuses(server, "stories") == ["pending"]


async def test_publishing_waits_when_told_the_stories_channel_is_gone(server):
    await approved_stories(server, 3)
    stories = delete_channel(server, "#stories")
    since = len(server.fake.requests)
    await run_publishing(server)
    assert posts_to(server, stories, since) == []
    assert await statuses(server, "stories") == ["approved"] * 3


async def test_publishing_into_a_channel_deleted_unnoticed_tries_once(server):
    await approved_stories(server, 3)
    stories = delete_channel(server, "#stories", tell_bot=False)
    since = len(server.fake.requests)
    await run_publishing(server)
    assert await statuses(server, "stories") == ["approved"] * 3
    assert len(posts_to(server, stories, since)) <= 1


async def test_publishing_into_a_channel_deleted_unnoticed_keeps_the_stories(server):
    await approved_stories(server, 3)
    delete_channel(server, "#stories", tell_bot=False)
    await run_publishing(server)
    assert await statuses(server, "stories") == ["approved"] * 3


async def test_vote_on_a_card_deleted_while_the_click_is_in_flight(server):
    await server.command("m002", "advice browse", type="non_payer")
    card = server.fake.messages_for("m002", None)[0]
    button = next(c.custom_id for c in interactive(card.components) if "Helpful" in c.text)

    def delete_card(_: Any) -> None:
        server.fake.store.delete(card)  # the member dismissed the ephemeral card just after clicking

    since = len(server.fake.requests)
    burst = await server.burst([server.raw_component_action("m002", button, message=card, before_feed=delete_card)])
    assert burst.problems == []
    answer = server.last_message("m002")
    assert answer.ephemeral and INCIDENT not in answer.text
    assert len(server.fake.requests) - since <= 3  # the failed edit and one kind answer, no retries
    assert await services_for(server.bot).db.fetchval("SELECT COUNT(*) FROM votes") == 1


async def test_bot_removed_from_the_server(server):
    await approved_stories(server, 2)
    await server.command("m003", "advice suggest")
    # Kicked: every channel refuses the bot, and the gateway says the guild is gone.
    for name in ("#help", "#stories", "#mod-queue"):
        await server.set_permissions(name, "bot", deny=["view_channel"])
    server._runtimes["bot"].feed("GUILD_DELETE", {"id": str(server.fake.guild.id), "unavailable": False})
    since = len(server.fake.requests)
    # A form opened just before is still submitted: the answer goes through the interaction, not the channel.
    server.strict = False
    step = await server.submit("m003", {"Type of client": "non_payer", "Your tip": TIP, "Language of the tip": "en"})
    assert step.error is None, step.error
    step = await server.click("m003", "Confirm and send")
    await run_publishing(server)
    assert step.error is None, step.error
    assert INCIDENT not in server.last_message("m003").text
    channel_posts = [r for r in server.fake.requests[since:] if r.path.startswith("/channels/")]
    assert len(channel_posts) <= 1
    assert await statuses(server, "stories") == ["approved"] * 2
    assert await statuses(server, "tips") == ["pending"]


@pytest.mark.parametrize("custom_id", ["parley:walkthrough:next:abc", "parley:vote:advice:gone"])
async def test_a_button_from_an_older_version_says_it_expired(server, custom_id):
    card = server.plant_message(
        "m003", [{"type": 1, "components": [{"type": 2, "style": 2, "label": "Old", "custom_id": custom_id}]}]
    )
    burst = await server.burst([server.raw_component_action("m003", custom_id, message=card)])
    assert burst.problems == []
    answer = server.last_message("m003")
    assert answer.ephemeral and "expired" in answer.text and INCIDENT not in answer.text


async def test_a_known_button_gets_one_answer_not_the_expired_fallback(server):
    await server.command("m002", "advice browse", type="non_payer")
    since = len(server.fake.messages)
    step = await server.click("m002", "Helpful")
    assert step.ok, step.error
    assert not any(
        "expired" in server.fake.view(m, "current").text for m in list(server.fake.messages.values())[since:]
    )
