"""Stories in a forum channel, end to end through the offline Discord: /setup makes the tags (in the server's
language), an approved story becomes a tagged forum post named from its title, a tag-required forum never gets an
untagged post, replies open or closed, Resolved with its moderated update, and the author hearing the decision in
/story mine and by DM (when they asked for it; closed DMs are no error).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from parley.replay import ReplaySession
from parley.replay.errors import ReplayStepError
from tests.conftest import STANDARD_MEMBERS
from tests.stories.conftest import run_due, set_up, share_and_confirm

BOT = [
    "view_channel",
    "send_messages",
    "send_messages_in_threads",
    "create_public_threads",
    "embed_links",
    "attach_files",
    "read_message_history",
    "add_reactions",
    "use_application_commands",
    "manage_channels",
    "manage_threads",
]


def forum_guild(locale: str = "en-US", **forum: Any) -> dict[str, Any]:
    return {
        "name": "Freelancers",
        "locale": locale,
        "channels": ["help", {"name": "stories", "type": "forum", **forum}, "mod-queue"],
        "roles": ["Moderators"],
        "bot_permissions": BOT,
    }


@pytest.fixture
def forum_session(parley_factory: Callable[[], Awaitable[Any]]) -> Callable[..., Any]:
    def open_session(guild: dict[str, Any] | None = None, members: list[Any] | None = None) -> Any:
        return ReplaySession(parley_factory, guild=guild or forum_guild(), members=members or STANDARD_MEMBERS)

    return open_session


def posts(s: Any) -> list[Any]:
    """The forum's posts (threads), oldest first."""
    forum = s.fake.channel("#stories")
    return [c for c in s.fake.guild.channels.values() if c.parent_id == forum.id and c.is_thread]


def tag_names(s: Any, ids: list[int]) -> list[str]:
    tags = {int(tag["id"]): tag["name"] for tag in s.fake.channel("#stories").tags}
    return [tags[i] for i in ids]


async def test_setup_creates_localised_tags_and_an_approved_story_becomes_a_tagged_post(forum_session: Any) -> None:
    async with forum_session() as s:
        step = await s.command(
            "owner", "setup", stories_channel="#stories", queue_channel="#mod-queue", moderator_role="@Moderators"
        )
        assert "Created 15 tags in" in step.message.text
        names = [tag["name"] for tag in s.fake.channel("#stories").tags]
        assert names[0] == "Resolved" and "Late payer" in names and len(names) == 15
        assert all(len(name) <= 20 for name in names)
        await share_and_confirm(
            s, "bob", "The client ghosted the last invoice after three rounds of revisions.", title="**Ghosted** again"
        )
        await s.click("mia", "Approve", in_="#mod-queue")
        await run_due(s, hours=24)
        [post] = posts(s)
        assert post.name == "Ghosted again"  # plain text: no markdown in a post's name
        assert tag_names(s, post.applied_tags) == ["Late payer"]
        assert post.locked is False
        [first] = s.fake.messages_in(post.id)
        text = s.fake.view(first).text
        assert "three rounds of revisions" in text and "bob" not in text
        assert s.violations == []


async def test_a_tag_required_forum_never_gets_an_untagged_post(forum_session: Any) -> None:
    guild = forum_guild(require_tag=True, tags=["Announcements"])
    guild["bot_permissions"] = [p for p in BOT if p != "manage_channels"]
    async with forum_session(guild) as s:
        step = await set_up_forum(s)
        assert "I couldn't create the tags: I'm missing Manage Channels in" in step.message.text
        assert "requires a tag on every post: approved stories wait until the tags exist" in step.message.text
        await share_and_confirm(s, "bob", "The client kept asking for one more small change for free, for weeks.")
        await s.click("mia", "Approve", in_="#mod-queue")
        await run_due(s, hours=24)
        assert posts(s) == [] and s.violations == []  # nothing refused by Discord: nothing was sent untagged
        s.fake.set_role_permissions("bot", BOT)
        step = await set_up_forum(s)
        assert "Created 15 tags" in step.message.text
        await run_due(s, hours=24)
        [post] = posts(s)
        assert tag_names(s, post.applied_tags) == ["Late payer"]
        assert s.fake.channel("#stories").tags[0]["name"] == "Announcements"  # the forum's own tags stay


async def test_closed_replies_lock_the_post(forum_session: Any) -> None:
    async with forum_session() as s:
        step = await set_up_forum(s, story_replies="closed")
        assert "Story posts are locked" in step.message.text
        await share_and_confirm(s, "bob", "The client wanted weekend calls every single week without extra pay.")
        await s.click("mia", "Approve", in_="#mod-queue")
        await run_due(s, hours=24)
        [post] = posts(s)
        assert post.locked is True
        step = await set_up_forum(s, story_replies="open")
        assert "Members can reply under each story's post." in step.message.text


async def set_up_forum(s: Any, **extra: Any) -> Any:
    return await s.command(
        "owner",
        "setup",
        stories_channel="#stories",
        queue_channel="#mod-queue",
        moderator_role="@Moderators",
        **extra,
    )


async def publish_one(s: Any, member: str = "bob", **setup: Any) -> Any:
    await set_up_forum(s, **setup)
    await share_and_confirm(s, member, "The client ghosted the last invoice after three rounds of revisions.")
    await s.click("mia", "Approve", in_="#mod-queue")
    await run_due(s, hours=24)


async def test_resolved_with_an_anonymised_update_moderated_then_posted_in_the_thread(forum_session: Any) -> None:
    async with forum_session() as s:
        await publish_one(s, story_replies="closed")  # a locked post still gets its update
        mine = (await s.command("bob", "story mine")).message
        assert "Mark resolved" in str(mine.components)
        step = await s.click("bob", "Mark resolved")
        assert step.modal.title == "Mark your story resolved"
        step = await s.submit("bob", {"Update (optional)": "Jonathan Whitaker paid in full after a formal reminder."})
        preview = step.message
        assert preview.ephemeral and "Jonathan" not in preview.text and "Removed: 1 name" in preview.text
        step = await s.click("bob", "Confirm and send")
        assert "Marked resolved. Your update is with the moderators." in step.message.text
        [post] = posts(s)
        assert tag_names(s, post.applied_tags) == ["Late payer", "Resolved"]  # the mark shows at once
        card = s.fake.view(s.fake.messages_in("#mod-queue")[-1]).text
        assert "marked their story resolved" in card and "paid in full" in card and "Jonathan" not in card
        assert "bob" not in card
        assert len(s.fake.messages_in(post.id)) == 1  # the update waits for a moderator
        await s.click("mia", "Approve", in_="#mod-queue")
        update = s.fake.view(s.fake.messages_in(post.id)[-1]).text
        assert "Update: resolved" in update and "paid in full after a formal reminder" in update
        assert "Jonathan" not in update and "bob" not in update
        mine = (await s.command("bob", "story mine")).message
        assert "Your update is in the post." in mine.text and "Mark resolved" not in str(mine.components)
        assert s.violations == []


async def test_resolved_without_an_update_in_a_text_channel_edits_the_card(parley: Any) -> None:
    s = parley
    await set_up(s)
    await share_and_confirm(s, "bob", "The client ghosted the last invoice after three rounds of revisions.")
    await s.click("mia", "Approve", in_="#mod-queue")
    await run_due(s, hours=24)
    [post] = s.fake.messages_in("#stories")  # a plain text channel: a message, as before
    assert "Resolved" not in s.fake.view(post).text
    await s.command("bob", "story mine")
    await s.click("bob", "Mark resolved")
    step = await s.submit("bob", {"Update (optional)": ""})
    assert "Marked resolved." in step.message.text
    assert "✅ Resolved" in s.fake.view(s.fake.messages_in("#stories")[0]).text


async def test_the_author_hears_the_rejection_in_story_mine_and_by_dm(forum_session: Any) -> None:
    members = [*STANDARD_MEMBERS, {"name": "dana", "dms": False}]
    async with forum_session(members=members) as s:
        await set_up_forum(s)
        step = await share_and_confirm(
            s, "bob", "The client kept asking for one more small change for free, for weeks."
        )
        [ask] = [m for m in step.visible if "Would you like a DM" in m.text]
        assert ask.ephemeral and ask.to == "bob" and "never the story" in ask.text
        step = await s.click("bob", "Yes, send me a DM")
        assert "You'll get a DM when the moderators decide" in step.message.text
        await s.click("mia", "Reject", in_="#mod-queue")
        await s.submit("mia", {"Reason": "identifying"})
        [dm] = s.fake.messages_in("dm:bob")
        text = s.fake.view(dm).text
        assert "was not published" in text and "Reason: Could identify someone" in text
        assert "one more small change" not in text  # never the story
        mine = (await s.command("bob", "story mine")).message
        assert "Not published" in mine.text and "Reason: Could identify someone" in mine.text
        assert "You'll get a DM when the moderators decide" in mine.text  # the choice, and a way to change it
        step = await s.click("bob", "No, thanks")
        assert "No DMs." in step.message.text and "Not published" in step.message.text  # the list, redrawn
        step = await s.click("bob", "Yes, send me a DM")
        assert "You'll get a DM" in step.message.text
        # dana's DMs are closed: her yes is stored, the DM is refused, and nobody sees an error.
        await share_and_confirm(s, "dana", "The client called me at midnight about a comma in the footer text.")
        await s.click("dana", "Yes, send me a DM")
        step = await s.click("mia", "Approve", in_="#mod-queue")
        assert step.error is None and "Approved by mia" in step.message.text
        # A second share is not asked again.
        step = await share_and_confirm(
            s, "bob", "Another client asked for a logo, a website and a brand book for one fee."
        )
        assert not [m for m in step.visible if "Would you like a DM" in m.text]
        # Request edit reaches the DM too.
        await s.click("mia", "Request edit", in_="#mod-queue")
        await s.submit("mia", {"What should the author change?": "Say less about the footer."})
        assert "sent your story" in s.fake.view(s.fake.messages_in("dm:bob")[-1]).text


MINE_WORDS = {
    "en": ("Mark resolved", "Update (optional)"),
    "fi": ("Merkitse ratkaistuksi", "Päivitys (valinnainen)"),
    "ru": ("Отметить решённой", "Обновление (необязательно)"),
    "ar": ("تعليم كمحلولة", "تحديث (اختياري)"),
}


@pytest.mark.parametrize(
    ("lang", "late_payer", "resolved", "notice"),
    [
        ("fi", "Maksu myöhässä", "Ratkaistu", "Loin kanavalle"),
        ("ru", "Не платит вовремя", "Решено", "создано 15 тегов"),
        ("ar", "مماطلة في الدفع", "تمّ الحل", "وسمًا في"),
        ("en", "Late payer", "Resolved", "Created 15 tags"),
    ],
)
async def test_tags_are_named_in_the_servers_language_and_resolved_shows_in_it(
    forum_session: Any, lang: str, late_payer: str, resolved: str, notice: str
) -> None:
    async with forum_session() as s:
        step = await set_up_forum(s, language=lang)
        assert notice in step.message.text  # the admin reads it in the server's language
        names = [tag["name"] for tag in s.fake.channel("#stories").tags]
        assert resolved in names and late_payer in names and len(set(names)) == 15
        await share_and_confirm(
            s, "bob", "The client ghosted the last invoice after three rounds of revisions.", lang=lang
        )
        await s.click("mia", index=0, in_="#mod-queue")  # Approve, in the server's language
        await run_due(s, hours=24)
        [post] = posts(s)
        assert tag_names(s, post.applied_tags) == [late_payer]
        button, field = MINE_WORDS[lang]  # the server's language is bob's too: he chose none of his own
        await s.command("bob", "story mine")
        await s.click("bob", button)
        await s.submit("bob", {field: ""})
        assert tag_names(s, post.applied_tags) == [late_payer, resolved]
        assert s.violations == []


async def test_deleting_a_story_takes_its_waiting_update_off_the_queue(forum_session: Any) -> None:
    async with forum_session() as s:
        await publish_one(s)
        await s.command("bob", "story mine")
        await s.click("bob", "Mark resolved")
        await s.submit("bob", {"Update (optional)": "They paid the whole invoice in the end."})
        await s.click("bob", "Confirm and send")
        await s.click("bob", "Delete")
        await s.click("bob", "Yes, remove it for good")
        card = s.fake.view(s.fake.messages_in("#mod-queue")[-1]).text
        assert "Withdrawn by its author" in card and "paid the whole invoice" not in card
        assert s.fake.messages_in(posts(s)[0].id) == []  # the post's card went with the story


async def test_a_media_channel_is_not_offered_for_stories(forum_session: Any) -> None:
    """Media posts need an image and Discord's spec lists no media type for an option: /setup offers text and
    forum channels only, so Discord itself refuses #gallery and nothing changes."""
    guild = forum_guild()
    guild["channels"] = [*guild["channels"], {"name": "gallery", "type": "media"}]
    async with forum_session(guild) as s:
        with pytest.raises(ReplayStepError, match="not an allowed channel type"):
            await s.command("owner", "setup", stories_channel="#gallery")
        step = await set_up_forum(s)
        assert "Created 15 tags" in step.message.text and s.fake.channel("#gallery").tags == []
