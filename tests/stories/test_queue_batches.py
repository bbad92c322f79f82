"""Queue cards go out in batches at jittered times, so a card's timing can't be matched to who was online; cards
and /mod queue show days only. This module runs with the default configuration (batches of 1 to 3 hours)."""

from __future__ import annotations

import dataclasses
import re

import pytest

from parley.config import load_config
from tests.conftest import TEST_SECRET
from tests.stories.conftest import run_due, set_up, share_and_confirm

DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.fixture
def parley_config(tmp_path):
    """The shipped defaults: cards wait for their batch."""
    return load_config(None, env={"PARLEY_DB_PATH": str(tmp_path / "parley.db"), "PARLEY_SECRET": TEST_SECRET})


async def test_a_story_card_waits_for_its_jittered_batch(parley, parley_config):
    s = parley
    assert (parley_config.stories.queue_batch_min_hours, parley_config.stories.queue_batch_max_hours) == (1, 3)
    await set_up(s)
    step = await share_and_confirm(s, "bob", "The client paid half and then disappeared for three whole months.")
    assert "Sent to the moderators" in step.message.text or step.message.ephemeral
    assert s.messages_in("#mod-queue") == []  # not the moment bob confirmed
    listing = (await s.command("mia", "mod queue")).message.text
    assert "Nothing is waiting" in listing  # nor in /mod queue: it would point at bob just as well
    assert (await run_due(s, hours=0.9)).queued == 0
    assert s.messages_in("#mod-queue") == []
    work = await run_due(s, hours=2.2)  # past the longest possible wait
    assert work.queued == 1
    [card] = s.messages_in("#mod-queue")
    header = card.text.splitlines()[1]
    assert header.startswith("-# In the queue since ") and DAY.search(header)
    assert "Waiting for" not in card.text and not re.search(r"\d{2}:\d{2}", card.text)
    listing = (await s.command("mia", "mod queue")).message.text
    assert "**Story #1** · since " in listing and DAY.search(listing)
    await s.click("mia", "Approve", in_="#mod-queue")  # and it is a normal card from then on


async def test_a_full_batch_goes_out_without_waiting(parley, parley_config, parley_factory):
    s = parley
    assert parley_config.stories.queue_batch_size == 5
    await set_up(s)
    for n in range(4):
        await share_and_confirm(
            s, ["bob", "layla", "mia", "owner"][n], f"Story number {n} about a client who never paid."
        )
    assert (await run_due(s)).queued == 0
    await share_and_confirm(s, "bob", "Another client asked for a refund after using the logo for a year.")
    assert (await run_due(s)).queued == 5  # five waiting: out together, at once
    assert len(s.messages_in("#mod-queue")) == 5


def test_batch_bounds_are_checked_together():
    from parley.config import ConfigError, config_from_dict

    with pytest.raises(ConfigError, match="queue_batch_min_hours \\(4\\) is more than"):
        config_from_dict({"stories": {"queue_batch_min_hours": 4, "queue_batch_max_hours": 3}}, env={})
    assert dataclasses.is_dataclass(
        config_from_dict({"stories": {"queue_batch_max_hours": 0, "queue_batch_min_hours": 0}}, env={})
    )
