"""/parley through the offline Discord, in the languages members actually get."""

from __future__ import annotations

from parley.i18n.bidi import LRI, PDI


async def test_parley_in_finnish_for_a_finnish_client(parley):
    step = await parley.command("alice", "parley")
    card = step.message
    assert card.ephemeral and card.to == "alice"
    assert card.allowed_mentions == {"parse": []}
    assert "Komennot" in card.text
    assert "rauhallinen kollega" in card.text
    # the command list is built from the loaded cogs, described in Finnish, with Finnish command names
    assert "/kieli" in card.text and "/asetukset" not in card.text  # /setup is listed to admins only
    assert step.violations == []


async def test_parley_in_arabic_after_choosing_it(parley):
    await parley.command("layla", "language")
    chosen = await parley.select("layla", ["ar"])
    assert "العربية" in chosen.message.text
    card = (await parley.command("layla", "parley")).message
    assert "الأوامر" in card.text
    # Latin command names inside Arabic text are isolated so they don't scramble the line
    assert f"{LRI}/language{PDI}" in card.text
    assert card.allowed_mentions == {"parse": []}


async def test_english_for_a_client_we_do_not_speak(parley_factory):
    from parley.replay import ReplaySession

    async with ReplaySession(parley_factory, members=[{"name": "hans", "locale": "de"}]) as session:
        card = (await session.command("hans", "parley")).message
        assert "Commands" in card.text


async def test_the_help_lists_only_the_commands_the_reader_may_use(parley):
    await parley.command("owner", "setup", moderator_role="@Moderators")
    member = (await parley.command("bob", "parley")).message.text
    assert "/story share" in member and "/mod" not in member and "/setup" not in member
    moderator = (await parley.command("mia", "parley")).message.text
    assert "/mod queue" in moderator and "/mod blocks" in moderator and "/setup" not in moderator
    admin = (await parley.command("owner", "parley")).message.text
    assert "/mod audit" in admin and "/setup" in admin
