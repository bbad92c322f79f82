"""Parley names the exact permission it lacks, in the admin's or moderator's language: in /setup, in /mod queue,
and when Discord refuses an action with 403 / 50013 Missing Permissions."""

from __future__ import annotations

import types

import discord
import pytest

from parley.cogs._shared.errors import _missing_here, missing_line
from parley.cogs._shared.permissions import CHANNEL_NEEDS, lacking
from parley.database.repositories.settings import SettingsRepository
from parley.i18n import I18n
from tests.conftest import STANDARD_MEMBERS
from tests.stories.conftest import assert_no_pings, services, set_up

FORUM_GUILD = {
    "name": "Freelancers",
    "locale": "en-US",
    "channels": ["help", {"name": "stories", "type": "forum"}, "mod-queue"],
    "roles": ["Moderators"],
}


async def test_setup_and_mod_queue_name_a_missing_send_messages_and_embed_links(parley):
    s = parley
    await set_up(s)
    s.fake.set_overwrite("#mod-queue", "bot", deny=["send_messages", "embed_links"])
    card = (await s.command("owner", "setup")).message
    assert (
        "⚠️ Parley is missing the **Send Messages** and **Embed Links** permissions in #mod-queue. "
        "A server admin can grant them in the channel's settings (Permissions)." in card.text
    )
    listing = (await s.command("mia", "mod queue")).message
    assert "**Send Messages** and **Embed Links**" in listing.text
    assert_no_pings(s)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "fi",
            "Parleylta puuttuvat oikeudet **Luo julkisia ketjuja** ja **Hallitse ketjuja** kanavalla #stories",
        ),
        (
            "ru",
            "У Parley нет прав **Создавать публичные ветки** и **Управлять ветками** в канале #stories",
        ),
    ],
)
async def test_a_forum_stories_channel_names_the_thread_permissions(parley_factory, lang, expected):
    from parley.replay import ReplaySession

    members = [*STANDARD_MEMBERS, {"name": "admin_" + lang, "locale": lang, "admin": True}]
    async with ReplaySession(parley_factory, guild=FORUM_GUILD, members=members) as s:
        forum = s.fake.channel("#stories")
        # A typical invite has no Manage Threads; this server also took Create Public Threads away in the forum.
        s.fake.set_overwrite("#stories", "bot", deny=["create_public_threads"])
        await SettingsRepository(services(s).db).update(
            s.fake.guild.id, "2026-01-01T00:00:00", stories_channel_id=forum.id
        )
        card = (await s.command("admin_" + lang, "setup")).message
        assert expected in card.text and "#stories" in card.text, card.text
        assert s.violations == []


def test_the_forum_needs_the_thread_permissions_and_administrator_needs_nothing():
    assert {"create_public_threads", "manage_threads", "send_messages_in_threads"} <= set(CHANNEL_NEEDS["forum"])
    typical = discord.Permissions(view_channel=True, send_messages=True, embed_links=True, read_message_history=True)
    assert lacking(typical, CHANNEL_NEEDS["stories"]) == []
    assert lacking(typical, CHANNEL_NEEDS["forum"]) == [
        "create_public_threads",
        "send_messages_in_threads",
        "manage_threads",
    ]
    assert lacking(discord.Permissions(administrator=True), CHANNEL_NEEDS["forum"]) == []


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Parley is missing the **Embed Links** permission in <#42>."),
        ("fi", "Parleylta puuttuu oikeus **Upota linkit** kanavalla <#42>."),
        ("ru", "У Parley нет права **Встраивать ссылки** в канале <#42>."),
        ("ar", "تنقص Parley صلاحية \u2068**تضمين الروابط**\u2069 في \u2068<#42>\u2069."),
    ],
)
def test_a_403_missing_permissions_names_the_permission_from_the_interactions_app_permissions(lang, expected):
    forbidden = discord.Forbidden(
        types.SimpleNamespace(status=403, reason="Forbidden"), {"code": 50013, "message": "Missing Permissions"}
    )
    channel = types.SimpleNamespace(mention="<#42>")
    interaction = types.SimpleNamespace(
        app_permissions=discord.Permissions(view_channel=True, send_messages=True), channel=channel
    )
    missing = _missing_here(interaction, forbidden)  # type: ignore[arg-type]
    assert missing == ["embed_links"]
    t = I18n.load().get(lang)
    assert missing_line(t, missing, interaction).startswith(expected)  # type: ignore[arg-type]
    # Any other refusal is not about a permission Parley can name.
    other = discord.Forbidden(types.SimpleNamespace(status=403, reason="Forbidden"), {"code": 50001, "message": "x"})
    assert _missing_here(interaction, other) == []  # type: ignore[arg-type]
