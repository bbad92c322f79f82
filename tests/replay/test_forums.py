"""The fake Discord's forums: tags on a forum and on its posts, tag-required forums, locked and archived threads.

Driven through the real discord.py client, which parses what the fake returns and the gateway events it sends.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import discord
import pytest

from parley.replay import ReplaySession
from tests.replay.testbot import make_factory

GUILD: dict[str, Any] = {
    "channels": [
        "help",
        {"name": "stories", "type": "forum", "tags": ["Old"]},
        {"name": "strict", "type": "forum", "require_tag": True, "tags": ["Only"]},
    ],
    "bot_permissions": ["view_channel", "send_messages", "send_messages_in_threads", "read_message_history"],
}


@pytest.fixture
async def session() -> AsyncIterator[ReplaySession]:
    async with ReplaySession(make_factory(), guild=GUILD, members=["alice"], strict=False) as s:
        yield s


def forum(s: ReplaySession, name: str) -> discord.ForumChannel:
    channel = s.bot.get_channel(s.fake.channel(f"#{name}").id)
    assert isinstance(channel, discord.ForumChannel)
    return channel


async def test_tags_need_manage_channels_and_arrive_in_the_cache(session: ReplaySession) -> None:
    stories = forum(session, "stories")
    assert [tag.name for tag in stories.available_tags] == ["Old"]
    with pytest.raises(discord.Forbidden):
        await stories.edit(available_tags=[*stories.available_tags, discord.ForumTag(name="New")])
    session.fake.set_role_permissions("bot", ["view_channel", "send_messages", "manage_channels", "manage_threads"])
    await stories.edit(available_tags=[*stories.available_tags, discord.ForumTag(name="New")])
    assert [tag.name for tag in forum(session, "stories").available_tags] == ["Old", "New"]  # CHANNEL_UPDATE
    with pytest.raises(discord.HTTPException) as refused:
        await stories.edit(available_tags=[discord.ForumTag(name="A name of 21 chars!!!")])
    assert refused.value.status == 400  # Discord's limit is 20 characters, whatever the schema says
    assert session.fake.violations  # and a bot that sends one has a bug


async def test_posts_carry_known_tags_and_tag_required_forums_refuse_untagged_posts(session: ReplaySession) -> None:
    stories, strict = forum(session, "stories"), forum(session, "strict")
    old = stories.available_tags[0]
    post = await stories.create_thread(name="A story", content="Once upon a time", applied_tags=[old])
    assert [tag.name for tag in post.thread.applied_tags] == ["Old"]
    assert session.fake.channel(post.thread.id).applied_tags == [old.id]
    with pytest.raises(discord.HTTPException) as refused:
        await strict.create_thread(name="Untagged", content="No tag")
    assert refused.value.code == 40067
    with pytest.raises(discord.HTTPException):
        await strict.create_thread(name="Wrong tag", content="Tag of another forum", applied_tags=[old])
    tagged = await strict.create_thread(name="Tagged", content="Fine", applied_tags=strict.available_tags)
    assert tagged.message.content == "Fine"


async def test_locked_threads_need_manage_threads(session: ReplaySession) -> None:
    post = await forum(session, "stories").create_thread(name="A story", content="Once")
    with pytest.raises(discord.Forbidden):
        await post.thread.edit(locked=True)
    session.fake.set_role_permissions(
        "bot", ["view_channel", "send_messages", "send_messages_in_threads", "manage_threads"]
    )
    thread = await post.thread.edit(locked=True, archived=True)
    assert thread.locked and thread.archived
    with pytest.raises(discord.HTTPException):
        await thread.edit(applied_tags=[])  # archived: only unarchiving is allowed
    await thread.send("An update")  # Manage Threads may still write; the thread comes back
    assert session.fake.channel(thread.id).archived is False
    session.fake.set_role_permissions("bot", ["view_channel", "send_messages", "send_messages_in_threads"])
    with pytest.raises(discord.Forbidden):
        await thread.send("Locked for everyone else")
