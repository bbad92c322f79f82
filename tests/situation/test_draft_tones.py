"""Issue 18 §16: the draft a walkthrough opens offers only the tones that fit what the member answered."""

from __future__ import annotations

import pytest

PAYMENT_EN = {"Client's name": "Daniel", "Amount": "1,200", "Currency": "EUR", "Due date": "Dec 1, 2026"}


async def reminder_after(session, safeguards: list[str]):
    await session.command("alice", "situation", step_by_step=True)
    await session.select("alice", ["not_paying"], index=0)
    await session.click("alice", "📬")
    await session.select("alice", safeguards, index=0)
    await session.click("alice", "🤔")
    opened = await session.click("alice", "Draft a message")
    assert opened.modal.title == "Payment reminder"
    step = await session.submit("alice", PAYMENT_EN)
    assert step.ok and step.violations == [], step.describe()
    return step.message


@pytest.mark.parametrize("safeguards", [["contract"], ["none"], ["contract", "deposit"]])
async def test_no_platform_dispute_when_the_member_named_no_platform(session, safeguards):
    card = await reminder_after(session, safeguards)
    tones = [b.text for b in card.buttons if b.custom_id and b.custom_id.startswith("parley:draft:tone:")]
    assert tones == ["🙂 Friendly", "✋ Firm", "⚠️ Final notice"]

    # Still left out after a redraft in another tone or language.
    await session.click("alice", "Final notice")
    await session.select("alice", ["fi"], placeholder="another language")
    card = session.last_message("alice")
    assert "Platform dispute" not in card.text and not any("Platform dispute" in b.text for b in card.buttons)


async def test_platform_dispute_stays_when_the_work_is_through_a_platform(session):
    card = await reminder_after(session, ["platform"])
    assert card.button("Platform dispute")


async def test_a_form_open_during_a_restart_still_leaves_the_platform_dispute_out(session):
    await session.command("alice", "situation", step_by_step=True)
    await session.select("alice", ["not_paying"], index=0)
    await session.click("alice", "📬")
    await session.select("alice", ["contract"], index=0)
    await session.click("alice", "🤔")
    await session.click("alice", "Draft a message")
    await session.restart()
    step = await session.submit("alice", PAYMENT_EN)
    assert step.ok, step.describe()
    assert [b.text for b in step.message.buttons if "parley:draft:tone:" in (b.custom_id or "")] == [
        "🙂 Friendly",
        "✋ Firm",
        "⚠️ Final notice",
    ]
