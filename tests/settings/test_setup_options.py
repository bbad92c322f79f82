"""/setup refuses options a modified client can send (a channel with no resolved data, a language that is not
one of the choices, a number out of range) with one clear reply, and stores nothing from that command."""

from __future__ import annotations

import pytest

from parley.bench.harness import BurstSession
from parley.cogs._shared.runtime import services_for
from parley.database.repositories.settings import SettingsRepository
from tests.conftest import STANDARD_GUILD, STANDARD_MEMBERS

UNCLEAR = "couldn't understand one of the options"


@pytest.mark.parametrize(
    ("valid", "tampered"),
    [
        ({"stories_channel": "#stories", "language": "fi"}, {"stories_channel": "999999999999999999"}),
        ({"stories_channel": "#stories", "language": "fi"}, {"language": "xx"}),
        ({"stories_channel": "#stories", "language": "fi"}, {"language": 7}),
        ({"stories_channel": "#stories", "stories_per_day": 2}, {"stories_per_day": 51}),
        ({"stories_channel": "#stories", "moderator_role": "@Moderators"}, {"moderator_role": "12345"}),
    ],
)
async def test_a_forged_setup_option_is_refused_and_nothing_is_stored(parley_factory, valid, tampered):
    async with BurstSession(parley_factory, guild=STANDARD_GUILD, members=STANDARD_MEMBERS) as s:
        burst = await s.burst([s.tampered_command_action("owner", "setup", valid, tampered)])
        assert burst.step_error is None, burst.step_error
        replies = [m.content or "" for m in s.fake.messages.values() if m.ephemeral_to is not None]
        texts = " ".join(replies) + " ".join(
            s.fake.view(m, "current").text for m in s.fake.messages.values() if m.ephemeral_to is not None
        )
        assert UNCLEAR in texts, texts
        assert "incident" not in texts and "Settings saved" not in texts and "set to" not in texts
        settings = await SettingsRepository(services_for(s.bot).db).get(s.fake.guild.id)
        assert settings.stories_channel_id is None and settings.language is None
        assert settings.moderator_role_id is None and settings.stories_per_day is None
        assert s.violations == []


async def test_the_settings_card_never_says_after_0_days(parley):
    card = (await parley.command("owner", "setup")).message.text
    assert "after 0 days" not in card
    assert "members can share and vote from their first day" in card
    card = (await parley.command("owner", "setup", min_membership_days=3)).message.text
    assert "members can share and vote after 3 days in the server" in card
