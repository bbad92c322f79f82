"""Issue 18's story rules, end to end: what a member sees when a story has no real words."""

from __future__ import annotations

from tests.stories.conftest import assert_no_pings, author_traces, services, set_up, share, share_and_confirm


async def test_an_emoji_only_story_gets_a_kind_message_and_no_preview(parley):
    s = parley
    await set_up(s)
    step = await share(s, "bob", "🤬🤬🤬💸💸💸🙃🙃🙃")
    assert step.message.ephemeral
    assert step.message.text == (
        "⚠️ Tell us a little more: a story needs at least 5 words about what happened (emoji and symbols alone "
        "can't be shared)."
    )
    assert step.message.buttons == []
    assert list(s.bot.get_cog("Stories").previews.values()) == []
    assert await services(s).db.fetchval("SELECT COUNT(*) FROM stories") == 0


async def test_block_author_asks_why_lists_by_story_and_can_be_lifted(parley):
    s = parley
    await set_up(s)
    await share_and_confirm(s, "bob", "A client kept sending abusive voice notes at night, every night.")
    step = await s.click("mia", "Block author", in_="#mod-queue")
    assert "The author of story #1 won't be able to share stories here until a moderator lifts the block" in str(
        step.modal
    )
    step = await s.submit("mia", {"Reason": "identifying"})
    assert "Author blocked by mia" in step.message.text
    assert (await s.command("bob", "story share")).message.text.startswith("⚠️ Sharing stories isn't available")

    # /mod blocks: by story number, never by member; only moderators.
    assert (await s.command("layla", "mod blocks")).message.text == "⚠️ Only moderators can do that."
    card = (await s.command("mia", "mod blocks")).message
    assert card.ephemeral
    assert "**Block #1** · story #1 · " in card.text and "Could identify someone" in card.text
    for trace in author_traces(s, "bob"):
        assert trace not in card.text
    assert [b.text for b in card.buttons] == ["🔓 Unblock #1"]

    step = await s.click("mia", "Unblock #1")
    assert "✅ Block #1 lifted: that author can share stories again." in step.message.text
    assert "Nobody is blocked from sharing stories in this server." in step.message.text
    assert (await s.command("bob", "story share")).modal  # bob can share again
    audit = (await s.command("mia", "mod audit")).message.text
    assert "**Unblock author** · Block #1" in audit and "**Block author** · Story #1" in audit
    assert_no_pings(s)


async def test_a_rejected_story_can_be_edited_and_resubmitted_from_story_mine(parley):
    s = parley
    await set_up(s)
    await share_and_confirm(s, "bob", "The client from the big agency refused to pay after I delivered the site.")
    await s.click("mia", "Reject", in_="#mod-queue")
    await s.submit("mia", {"Reason": "unclear", "Note to the author (optional)": "Please rewrite it with the ending."})
    mine = (await s.command("bob", "story mine")).message
    assert "Please rewrite it with the ending." in mine.text
    assert [b.text for b in mine.buttons] == ["✏️ Edit and resubmit", "🗑️ Delete"]  # not a dead end any more
    modal = (await s.click("bob", "Edit and resubmit")).modal
    assert modal.field("Your story").value.startswith("The client from the big agency")
    edited = modal.field("Your story").value + " In the end I got paid half, after three months."
    await s.submit("bob", {"Type of client": "non_payer", "Your story": edited})
    await s.click("bob", "Confirm and send")
    cards = s.messages_in("#mod-queue")
    assert len(cards) == 2 and "In the end I got paid half" in cards[-1].text and cards[-1].buttons
    [story] = await services(s).db.fetchall("SELECT status, note, reason FROM stories")
    assert tuple(story) == ("pending", None, None)
    assert_no_pings(s)


async def test_a_blocked_author_is_not_offered_a_resubmit(parley):
    s = parley
    await set_up(s)
    await share_and_confirm(s, "bob", "A client kept sending abusive voice notes at night, every single night.")
    await s.click("mia", "Block author", in_="#mod-queue")
    await s.submit("mia", {"Reason": "harmful"})
    mine = (await s.command("bob", "story mine")).message
    assert [b.text for b in mine.buttons] == ["🗑️ Delete"]


async def test_moderators_read_in_their_own_language_and_the_storys_language_is_named_right(parley):
    s = parley
    await set_up(s)
    await share_and_confirm(s, "ivan", "Заказчик требовал правки по ночам и грозил плохим отзывом.", lang="ru")
    [card] = s.messages_in("#mod-queue")
    assert "Written in Russian" in card.text and "русский" not in card.text  # the reader's words, not an endonym
    assert "Заказчик требовал правки" in card.text  # the story stays as written
    # mia reads Finnish: her forms are Finnish, whoever wrote the story.
    await s.command("mia", "language")
    await s.select("mia", ["suomi"])
    fi = services(s).t("fi")
    for button, title in (("Request edit", "Request edit"), ("Block author", "Block author"), ("Reject", "Reject")):
        modal = (await s.click("mia", button, in_="#mod-queue")).modal
        assert modal.title == fi.gettext(title) != title, button
