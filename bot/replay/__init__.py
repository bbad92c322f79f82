"""Offline Discord: drive a real discord.py bot through a scripted Discord session, with no network.

Your bot factory builds an ordinary client; the harness swaps, on that client only, the aiohttp session of its
HTTP client for one that talks to ``FakeDiscord``, and feeds gateway events (READY, GUILD_CREATE,
INTERACTION_CREATE, MESSAGE_CREATE...) to the client's own parsers. ``FakeDiscord`` keeps one guild's state
(members, roles, channels and threads, DMs, messages, ephemeral replies, modals, commands), answers with
Discord's objects and status codes, resolves permissions from roles and overwrites, and validates every request
against Discord's OpenAPI spec (the MIT copy in ``discord_spec/``) plus the rules the schema cannot express.
It is built by composition: a ``World`` (state and lookups) given to the ``MessageStore``, the ``RestApi`` and
the ``InteractionApi``.

Use it from pytest with ``ReplaySession(create_bot, guild=..., members=...)`` (one method per member action:
``command``, ``click``, ``select``, ``submit``, ``say``, ``advance``, ``restart``...), or run JSON scenarios
with ``run_scenario(path, factory)`` or ``python -m parley replay --factory module:callable SCENARIO.json``.

README.md, next to this file, is the guide: usage, the scenario format, what is validated, what the fake knows
and its limits, and the module map.
"""

from parley.replay.clock import FakeClock
from parley.replay.components import ButtonInfo, ModalField, ModalInfo, OptionInfo, SelectInfo
from parley.replay.errors import ReplayError, ReplayStartupError, ReplayStepError, ScenarioError
from parley.replay.fake import FakeDiscord, StoredMessage
from parley.replay.guildspec import ChannelSpec, GuildSpec, MemberSpec, RoleSpec
from parley.replay.results import CapturedFile, CapturedRequest, StepResult, VisibleMessage
from parley.replay.scenario import Scenario, run_scenario, run_scenario_async
from parley.replay.session import ReplaySession
from parley.replay.spec import DiscordSpec, Violation, default_spec_path

__all__ = [
    "ButtonInfo",
    "CapturedFile",
    "CapturedRequest",
    "ChannelSpec",
    "DiscordSpec",
    "FakeClock",
    "FakeDiscord",
    "GuildSpec",
    "MemberSpec",
    "ModalField",
    "ModalInfo",
    "OptionInfo",
    "ReplayError",
    "ReplaySession",
    "ReplayStartupError",
    "ReplayStepError",
    "RoleSpec",
    "Scenario",
    "ScenarioError",
    "SelectInfo",
    "StepResult",
    "StoredMessage",
    "Violation",
    "VisibleMessage",
    "default_spec_path",
    "run_scenario",
    "run_scenario_async",
]
