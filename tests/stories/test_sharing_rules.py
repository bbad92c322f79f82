"""The sharing rules without any Discord: plain values in, domain errors or dataclasses out."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.application import Member
from parley.application.sharing import StoryForm, StorySharing
from parley.database.repositories.settings import SettingsRepository
from parley.domain.errors import AlreadyDone, CommandName, NotConfigured, NotYours
from parley.domain.stories import PreviewGone, StoriesClosed, stamp
from parley.services import build_services

GUILD = 4242
STORY = "My client Anna Virtanen paid three months late and then asked for a discount on the next project."


@pytest.fixture
async def rules(parley_config, clock):
    services = await build_services(parley_config, clock=clock)
    try:
        yield StorySharing(services)
    finally:
        await services.close()


async def set_up(rules: StorySharing, **changes) -> None:
    now = stamp(rules.services.clock.now())
    await SettingsRepository(rules.services.db).update(
        GUILD, now, **({"stories_channel_id": 11, "queue_channel_id": 12} | changes)
    )


def member(user_id: int = 1, joined_days_ago: int = 400, *, now: dt.datetime) -> Member:
    return Member(GUILD, user_id, f"{user_id:064x}", now - dt.timedelta(days=joined_days_ago))


async def test_the_settings_gate_refuses_before_setup_and_when_switched_off(rules):
    alice = member(now=rules.services.clock.now())
    with pytest.raises(NotConfigured) as refused:
        await rules.can_share(alice)
    assert refused.value.params == {"command": "setup"} and isinstance(refused.value.params["command"], CommandName)
    await set_up(rules, stories_enabled=False)
    with pytest.raises(StoriesClosed):
        await rules.can_share(alice)
    await set_up(rules, stories_enabled=True)
    assert (await rules.can_share(alice)).stories_channel_id == 11


async def test_preview_claim_and_confirm_queue_the_anonymised_story_once(rules):
    await set_up(rules)
    alice = member(now=rules.services.clock.now())
    preview = await rules.preview(alice, StoryForm("non_payer", None, STORY), reader_lang="en")
    assert "Anna" not in preview.text and "Virtanen" not in preview.text  # anonymised before it is kept
    with pytest.raises(NotYours):
        rules.owned(member(2, now=rules.services.clock.now()), preview.token)
    submitted = await rules.confirm(await rules.claim(alice, preview.token))
    assert submitted.entry.kind == "story" and submitted.entry.guild_id == GUILD
    assert submitted.left is not None and submitted.left >= 0
    with pytest.raises(AlreadyDone):  # a second press of Confirm
        await rules.claim(alice, preview.token)
    with pytest.raises(PreviewGone):
        await rules.claim(alice, "0" * 16)
