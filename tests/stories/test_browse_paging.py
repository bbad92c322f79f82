"""/story browse pages and totals: a search counts matches only up to a small cap past the page it shows, so a big
community's first page costs what a small one's does (issue 21); past the cap the card says "more than 50" and
pages on for as long as another page follows, and near the end the count is exact again.
"""

from __future__ import annotations

from typing import Any

from parley.cogs._shared.runtime import services_for
from parley.database.repositories.queue import QueueRepository
from parley.database.repositories.stories import COUNT_CAP, StoriesRepository
from parley.domain import moderation
from tests.stories.conftest import speak_arabic

NOW = "2026-03-01T10:00:00Z"
DAY = "2026-03-01"
AUTHOR = "a" * 32
MOD = "m" * 32


async def publish_stories(s: Any, texts: list[str]) -> list[int]:
    """Publish `texts` as stories through the repository's own path (submit, approve, claim, post); their ids."""
    services = services_for(s.bot)
    guild = s.fake.guild.id
    repo = StoriesRepository(services.db)
    ids = []
    for n, text in enumerate(texts):
        story, entry = await repo.submit(
            guild, AUTHOR, text=text, archetype="non_payer", lang="en", title=None, day=DAY, now=NOW, per_day=1000
        )

        async def effect(tx: Any, decision: moderation.Decision) -> None:
            await StoriesRepository.apply_decision(tx, decision, day=DAY, publish_after=NOW)

        await QueueRepository(services.db).decide(guild, entry.id, moderation.APPROVE, MOD, NOW, effect=effect)
        assert await repo.claim(story.id, NOW)
        await repo.mark_published(story.id, DAY, 7, 1000 + n)
        ids.append(story.id)
    return ids


def header(message: Any) -> str:
    """The card's count line (the one with the page)."""
    return next(line for line in message.text.splitlines() if line.startswith("-# ") and "·" in line)


async def test_a_search_pages_across_the_cap_and_counts_exactly_near_the_end(parley):
    s = parley
    assert COUNT_CAP == 50
    await publish_stories(s, [f"Invoice {n}: the client paid it months late." for n in range(56)])
    first = (await s.command("bob", "story browse", search="invoice")).message
    assert first.ephemeral
    assert header(first) == "-# More than 50 stories found · Page 1"
    assert first.text.count("[Read it](") == 5 and "Invoice 55:" in first.text  # newest first
    assert first.button("Previous").disabled and not first.button("Next").disabled
    second = (await s.click("bob", "Next")).message
    assert header(second) == "-# More than 50 stories found · Page 2" and second.message_id == first.message_id
    assert "Invoice 50:" in second.text and "Invoice 55:" not in second.text
    # Page 3 starts at match 11: the 46 from there are counted, so the total is exact from here on.
    third = (await s.click("bob", "Next")).message
    assert header(third) == "-# 56 stories found · Page 3 of 12" and "Invoice 45:" in third.text
    back = (await s.click("bob", "Previous")).message
    assert header(back) == "-# More than 50 stories found · Page 2"


async def test_a_search_with_exactly_one_page_of_matches_has_no_page_buttons(parley):
    s = parley
    await publish_stories(s, [f"Refund {n}: the client wanted it all back." for n in range(5)])
    await publish_stories(s, ["The client asked for a deposit first."])
    page = (await s.command("bob", "story browse", search="refund")).message
    assert header(page) == "-# 5 stories found · Page 1 of 1"
    assert page.text.count("[Read it](") == 5 and not page.buttons


async def test_an_empty_search_says_so_without_pages(parley):
    s = parley
    await publish_stories(s, ["The client paid late."])
    page = (await s.command("bob", "story browse", search="unicorn")).message
    assert "No published story matches yet." in page.text and "found" not in page.text
    assert not page.buttons


async def test_a_page_gone_past_the_end_shows_the_last_one(parley):
    """Stories withdrawn while a member reads: Next to a page that no longer exists shows the last one left."""
    s = parley
    ids = await publish_stories(s, [f"Deposit {n}: kept without a word." for n in range(12)])
    await s.command("bob", "story browse", search="deposit")
    second = (await s.click("bob", "Next")).message
    assert header(second) == "-# 12 stories found · Page 2 of 3"
    last = (await s.click("bob", "Next")).message
    assert header(last) == "-# 12 stories found · Page 3 of 3" and last.text.count("[Read it](") == 2
    assert last.button("Next").disabled and not last.button("Previous").disabled
    second = (await s.click("bob", "Previous")).message
    repo = StoriesRepository(services_for(s.bot).db)
    for story_id in ids[:7]:  # their author deletes the oldest seven
        await repo.remove(s.fake.guild.id, story_id, AUTHOR, NOW)
    step = await s.click("bob", "Next")
    assert header(step.message) == "-# 5 stories found · Page 1 of 1"
    assert step.message.text.count("[Read it](") == 5 and "Deposit 11:" in step.message.text


COUNTS = {
    # member, the capped line, the exact line for 3 matches
    "en": ("bob", "More than 50 stories found · Page 1", "3 stories found · Page 1 of 1"),
    "fi": ("alice", "Löytyi yli 50 tarinaa · Sivu 1", "3 tarinaa löytyi · Sivu 1/1"),
    "ru": ("ivan", "Найдено более 50 историй · Страница 1", "Найдено 3 истории · Страница 1 из 1"),
    "ar": ("layla", "عُثر على أكثر من \u206850\u2069 قصة · الصفحة \u20681\u2069", "\u20683\u2069 قصص"),
}


async def test_counts_read_naturally_in_four_languages(parley):
    s = parley
    await publish_stories(s, [f"Invoice {n}: paid months late." for n in range(51)])
    await publish_stories(s, [f"Lawyer {n}: the client threatened us." for n in range(3)])
    await speak_arabic(s, "layla")
    for lang, (member, capped, exact) in COUNTS.items():
        many = (await s.command(member, "story browse", search="invoice")).message
        few = (await s.command(member, "story browse", search="lawyer")).message
        assert capped in header(many), (lang, header(many))
        assert exact in header(few), (lang, header(few))
