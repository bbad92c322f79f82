"""/story browse search finds a published story by an inflected form of its words, in all four languages.

Before stems were indexed, a query word only matched words it was a prefix of: "soittaa" never found "soitteli".
Each case's query is a form that is not a prefix of the story's word, so only stemming can find it.
"""

from __future__ import annotations

import pytest

from tests.stories.conftest import run_due, set_up, share_and_confirm, speak_arabic

# (author, the story's language, the story, an inflected query, a word of the story shown in the result)
CASES = {
    "en": ("bob", "The client never replied to my messages for a month.", "replies", "replied"),
    "fi": ("alice", "Asiakas soitteli minulle joka ilta maksusta.", "soittaa", "soitteli"),
    "ru": ("ivan", "Заказчик так и не заплатил за логотип.", "заплатить", "заплатил"),
    "ar": ("layla", "العميل لم يدفع الفاتورة حتى الآن.", "فاتورتي", "الفاتورة"),
}


@pytest.mark.parametrize("lang", ["en", "fi", "ru", "ar"])
async def test_an_inflected_query_finds_the_published_story(parley, lang):
    s = parley
    author, text, query, shown = CASES[lang]
    await set_up(s, stories_per_day=10)
    if lang == "ar":
        await speak_arabic(s, author)
    await share_and_confirm(s, author, text, lang=lang)
    await share_and_confirm(s, author, "A different tale about a creepy client calling at night.", lang=lang)
    for _ in range(2):
        await s.click("mia", "Approve", in_="#mod-queue")
    await run_due(s, hours=6)
    assert len(s.messages_in("#stories")) == 2

    page = (await s.command("bob", "story browse", search=query)).message
    assert page.ephemeral and "1 story found" in page.text and shown in page.text
    assert "creepy" not in page.text
    # every query word must match: a second word the story lacks finds nothing
    page = (await s.command("bob", "story browse", search=f"{query} unicorn")).message
    assert "No published story matches yet." in page.text
