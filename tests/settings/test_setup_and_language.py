"""Issue 5 through the offline Discord: /setup for admins, /language for everyone, the reply-language rule."""

from __future__ import annotations

from parley.i18n.bidi import FSI, PDI
from parley.replay import ReplaySession
from tests.conftest import STANDARD_MEMBERS


async def test_admin_configures_everything_with_selects(parley):
    card = (await parley.command("owner", "setup")).message
    assert card.ephemeral and "Stories channel" in card.text and "not set" in card.text
    await parley.select("owner", ["#stories"], placeholder="Stories channel")
    await parley.select("owner", ["#mod-queue"], placeholder="Moderation queue channel")
    await parley.select("owner", ["@Moderators"], placeholder="Moderator role")
    step = await parley.select("owner", ["ru"], placeholder="Server language")
    text = step.message.text
    # the card refreshes in place, now in the server's new language
    assert "Настройки Parley" in text
    assert "#stories" in text and "#mod-queue" in text and "@Moderators" in text
    assert step.message.allowed_mentions == {"parse": []}
    toggled = await parley.click("owner", "Советы")
    assert "⛔" in toggled.message.text


async def test_options_set_values_directly(parley):
    step = await parley.command("owner", "setup", stories_channel="#stories", tips_per_day=2)
    assert "✅" in step.message.text and "2" in step.message.text


async def test_a_non_admin_is_refused_even_when_the_command_is_visible(parley_factory):
    guild = {"channels": ["help", "stories"], "roles": ["Moderators"], "open_commands": ["setup"]}
    async with ReplaySession(parley_factory, guild=guild, members=STANDARD_MEMBERS) as s:
        refused = (await s.command("alice", "setup", stories_channel="#stories")).message
        assert refused.ephemeral
        assert "ylläpitäjä" in refused.text  # Finnish: only server admins can do that
        again = (await s.command("owner", "setup")).message
        assert "not set" in again.text  # nothing was stored by the refused attempt


async def test_missing_send_messages_is_named(parley_factory):
    guild = {
        "channels": ["help", {"name": "stories", "overwrites": {"bot": {"deny": ["send_messages"]}}}],
        "roles": ["Moderators"],
    }
    async with ReplaySession(parley_factory, guild=guild, members=STANDARD_MEMBERS) as s:
        text = (await s.command("owner", "setup", stories_channel="#stories")).message.text
        assert "Send Messages" in text and "was not changed" in text
        assert "View Channel" not in text


async def test_member_switches_to_arabic_and_every_reply_follows(parley):
    await parley.command("bob", "language")
    chosen = (await parley.select("bob", ["العربية"])).message.text
    assert "العربية" in chosen
    later = (await parley.command("bob", "parley")).message.text
    assert "الأوامر" in later


async def test_finnish_client_gets_finnish_until_choosing_otherwise(parley):
    assert "Komennot" in (await parley.command("alice", "parley")).message.text
    await parley.command("alice", "language")
    await parley.select("alice", ["en"])
    assert "Commands" in (await parley.command("alice", "parley")).message.text
    await parley.command("alice", "language")
    await parley.select("alice", ["auto"])
    assert "Komennot" in (await parley.command("alice", "parley")).message.text


async def test_server_language_overrides_the_client_until_a_member_chooses(parley):
    await parley.command("owner", "setup", language="ru")
    assert "Команды" in (await parley.command("bob", "parley")).message.text
    await parley.command("bob", "language")
    await parley.select("bob", ["en"])
    assert "Commands" in (await parley.command("bob", "parley")).message.text


async def test_arabic_settings_card_isolates_values(parley):
    await parley.command("owner", "language")
    await parley.select("owner", ["ar"])
    text = (await parley.command("owner", "setup", tips_per_day=7)).message.text
    assert "إعدادات" in text or "الإعدادات" in text
    assert f"{FSI}7{PDI}" in text
