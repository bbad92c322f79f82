"""Reports end to end: a story and a tip reported -> the queue card -> take down / edit / dismiss; the hourly limit
and double reports answered kindly; the reporter never revealed."""

from __future__ import annotations

from tests.stories.conftest import (
    assert_no_pings,
    author_traces,
    payload_text,
    run_due,
    services,
    set_up,
    share_and_confirm,
    speak_arabic,
)

STORY = "The client asked for unlimited revisions for a flat fee and never signed anything."


async def publish(s, member: str = "bob", text: str = STORY) -> None:
    await share_and_confirm(s, member, text)
    await s.click("mia", "Approve", in_="#mod-queue")
    await run_due(s, hours=7)


async def test_report_a_story_then_take_it_down(parley):
    s = parley
    await set_up(s)
    await publish(s)
    [post] = s.messages_in("#stories")
    assert "🚩 Report" in [b.text for b in post.buttons]
    modal = (await s.click("alice", "Report", in_="#stories")).modal
    assert modal.title == "Ilmoita tarinasta"
    step = await s.submit(
        "alice",
        {"Syy": "identifies", "Lisätiedot (valinnainen)": "Se mainitsee Matti Virtasen nimeltä."},
    )
    thanks = next(v for v in step.visible if v.ephemeral)
    assert thanks.to == "alice" and "Kiitos" in thanks.text
    card = s.messages_in("#mod-queue")[-1]
    assert "🚩 Report #1 · Story #1" in card.text and "It could identify someone" in card.text
    assert "Matti Virtasen" not in card.text  # the details were anonymised before anyone read them
    assert STORY in card.text and [b.text for b in card.buttons] == ["🗑️ Take down", "✏️ Edit it", "👌 Dismiss"]
    for trace in author_traces(s, "alice") + author_traces(s, "bob"):
        assert trace not in card.text

    # A second member reports it too: a card of its own, and both count two reports.
    await s.click("ivan", "Report", in_="#stories")
    await s.submit("ivan", {"Причина": "harmful"})
    second = s.messages_in("#mod-queue")[-1]
    assert "🚩 Report #2 · Story #1" in second.text and "2 members reported this item" in second.text

    decided = (await s.click("mia", "Take down", in_="#mod-queue")).message
    assert "Taken down by mia on" in decided.text and decided.buttons == []
    assert STORY not in decided.text
    # The first report was decided with it: no moderator is left with a card about an item that is gone.
    first = next(m for m in s.messages_in("#mod-queue") if m.message_id == card.message_id)
    assert "Taken down by mia on" in first.text and first.buttons == [] and STORY not in first.text
    assert s.messages_in("#stories") == []  # the post is deleted
    assert await services(s).db.fetchval("SELECT COUNT(*) FROM stories") == 0  # nothing of the text is kept
    audit = (await s.command("mia", "mod audit")).message.text
    assert "**Take down** · Report #1" in audit and "**Take down** · Report #2" in audit
    # Nothing the bot sent anywhere names the reporter (id, name or keyed hash) or the author.
    sent = payload_text(s)
    for trace in author_traces(s, "alice") + author_traces(s, "bob"):
        assert trace not in sent, trace
    assert_no_pings(s)


async def test_double_report_and_hourly_limit_answered_kindly(parley):
    s = parley
    await set_up(s, stories_per_day=10)
    for n in range(6):
        await share_and_confirm(s, "bob", f"{STORY} Episode {n + 1} of the saga went the same way.")
        await s.click("mia", "Approve", in_="#mod-queue")
    await run_due(s, hours=7)
    ids = sorted(await services(s).db.fetchall("SELECT id FROM stories WHERE status = 'published'"), key=lambda r: r[0])
    assert len(ids) == 6

    def report(story_id: int) -> str:
        return f"parley:report:open:story:{story_id}"

    await s.click("ivan", custom_id=report(ids[0][0]), in_="#stories")
    await s.submit("ivan", {"Причина": "false"})
    # Again on the same post: a kind answer, before any form opens.
    step = await s.click("ivan", custom_id=report(ids[0][0]), in_="#stories")
    assert all(v.modal is None for v in step.visible) and step.message.ephemeral
    assert "Вы уже сообщили об этом, спасибо" in step.message.text
    # Five reports an hour; the sixth is refused kindly, and works again an hour later.
    for (story_id,) in ids[:5]:
        await s.click("alice", custom_id=report(story_id), in_="#stories")
        await s.submit("alice", {"Syy": "spam"})
    step = await s.click("alice", custom_id=report(ids[5][0]), in_="#stories")
    assert all(v.modal is None for v in step.visible)
    assert "Voit lähettää 5 ilmoitusta tunnissa" in step.message.text
    assert await services(s).db.fetchval("SELECT COUNT(*) FROM reports") == 6
    await run_due(s, hours=1.01)
    modal = (await s.click("alice", custom_id=report(ids[5][0]), in_="#stories")).modal
    assert modal.title == "Ilmoita tarinasta"
    # The author can't report their own story: they are pointed to /story mine.
    step = await s.click("bob", custom_id=report(ids[1][0]), in_="#stories")
    assert "This is yours" in step.message.text and "/story mine" in step.message.text
    assert_no_pings(s)


async def test_report_a_tip_and_the_moderator_edits_it(parley):
    s = parley
    await set_up(s)
    await s.command("bob", "advice suggest")
    await s.submit(
        "bob",
        {
            "Type of client": "non_payer",
            "Your tip": "Ask for a deposit before you start; call Sarah Connolly at Acme if they refuse.",
            "Language of the tip": "en",
        },
    )
    await s.click("bob", "Confirm and send")
    await s.click("mia", "Approve", in_="#mod-queue")
    listing = (await s.command("layla", "advice browse", type="non_payer")).message
    assert "🚩 Report" in [b.text for b in listing.buttons]  # on the member's tip, not on the guides' advice
    assert [b.text for b in listing.buttons].count("🚩 Report") == 1
    modal = (await s.click("layla", "Report")).modal
    assert modal.title == "Report this tip"
    await s.submit("layla", {"Reason": "harmful", "Details (optional)": "Liian tyly sävy."})
    card = s.messages_in("#mod-queue")[-1]
    assert "🚩 Report #1 · Tip #1" in card.text and "It is hurtful or harassing" in card.text
    assert "Liian tyly sävy." in card.text
    modal = (await s.click("mia", "Edit it", in_="#mod-queue")).modal
    assert "deposit" in modal.field("Text").value
    step = await s.submit("mia", {"Text": "Ask for a deposit before you start; call Mary Jones if they refuse."})
    assert "Edited by mia on" in step.message.text
    text = await services(s).db.fetchval("SELECT text FROM tips")
    assert "Mary Jones" not in text and "Ask for a deposit before you start" in text  # anonymised again
    assert_no_pings(s)


async def test_the_report_button_speaks_each_language(parley):
    s = parley
    await set_up(s)
    await publish(s)
    labels = {}
    for member in ("alice", "ivan", "mia"):
        labels[member] = (await s.click(member, "Report", in_="#stories")).modal.title
    await speak_arabic(s, "layla")
    labels["layla"] = (await s.click("layla", "Report", in_="#stories")).modal.title
    assert labels == {
        "alice": "Ilmoita tarinasta",
        "ivan": "Жалоба на историю",
        "mia": "Report this story",
        "layla": "الإبلاغ عن هذه القصة",
    }
