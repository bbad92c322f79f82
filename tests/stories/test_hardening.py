"""Issue 18's story rules, end to end: what a member sees when a story has no real words."""

from __future__ import annotations

from tests.stories.conftest import services, set_up, share


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
