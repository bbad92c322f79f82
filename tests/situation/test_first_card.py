"""/situation answers with its first card while the new walkthrough is being stored (issue 21: the card no longer
waits for the write). The member's next click must find the walkthrough; a walkthrough that could not be stored
must not leave a card whose buttons lead nowhere; the language is the one read for this interaction."""

from __future__ import annotations

from parley.cogs._shared.runtime import services_for
from tests.reliability.test_disk_full import INCIDENT, full_disk

WORDS = "The client hasn't paid my invoice for two months and stopped answering my messages"


async def stored_flows(s) -> int:
    return await services_for(s.bot).db.fetchval("SELECT COUNT(*) FROM flows WHERE kind = 'situation'")


async def test_the_first_card_is_stored_by_the_time_the_member_can_press_it(parley):
    s = parley
    first = (await s.command("bob", "situation", describe=WORDS)).message
    assert await stored_flows(s) == 1
    assert any(b.text.endswith("Back") for b in first.buttons)
    step = await s.click("bob", "Show my result")  # the very next interaction finds the walkthrough
    assert step.error is None and "expired" not in step.message.text.lower()
    assert step.message.message_id == first.message_id


async def test_a_walkthrough_that_cannot_be_stored_takes_its_card_back(parley):
    s = parley
    with full_disk():
        step = await s.command("bob", "situation", describe=WORDS)
    assert await stored_flows(s) == 0
    card = step.message
    assert card.buttons == [] and card.selects == []  # nothing to press that would lead to a missing walkthrough
    assert "the server's disk is full" in card.text and INCIDENT not in card.text
    # The disk has room again: the command works as before.
    again = (await s.command("bob", "situation", describe=WORDS)).message
    assert any(b.text.endswith("Show my result") for b in again.buttons)
    assert await stored_flows(s) == 1


async def test_the_first_card_speaks_the_language_just_chosen(parley):
    s = parley
    english = (await s.command("bob", "situation", describe=WORDS)).message
    await s.command("bob", "language")
    await s.select("bob", ["ru"], placeholder="Choose a language")
    russian = (await s.command("bob", "situation", describe=WORDS)).message
    assert russian.text != english.text
    assert any("Назад" in b.text for b in russian.buttons), [b.text for b in russian.buttons]
