"""Declared option ranges hold even when a modified client ignores them (found by the fuzzing suite)."""

from __future__ import annotations

import pytest

from parley.bench.harness import BurstSession
from tests.conftest import STANDARD_GUILD, STANDARD_MEMBERS


@pytest.mark.parametrize(
    ("member", "command", "valid", "tampered"),
    [
        ("bob", "story browse", {"search": "x"}, {"search": "x" * 4000}),
        ("owner", "mod audit", {"count": 5}, {"count": 0}),
    ],
)
async def test_out_of_range_options_get_a_kind_reply(parley_factory, member, command, valid, tampered):
    async with BurstSession(parley_factory, guild=STANDARD_GUILD, members=STANDARD_MEMBERS) as s:
        burst = await s.burst([s.tampered_command_action(member, command, valid, tampered)])
        assert burst.step_error is None, burst.step_error
        replies = [m for m in s.fake.messages.values() if m.ephemeral_to is not None]
        assert any("couldn't understand one of the options" in (m.content or "") for m in replies)
        assert s.violations == []
