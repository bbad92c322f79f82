"""Offline Discord: drive the real bot through a scripted Discord session, with no network.

How it works
------------
* **The real client.** Your bot factory builds an ordinary ``commands.Bot`` (or ``AutoShardedBot``). The
  harness replaces, *on that client instance only*, the aiohttp session inside ``bot.http`` with
  ``FakeSession``; ``login()`` therefore does ``GET /users/@me`` against the fake, ``setup_hook`` runs exactly
  as in production (extensions load, persistent views and dynamic items register), and the client's
  application id is the fake's.
* **Gateway events as Discord sends them.** There is no websocket. The harness hands raw payloads
  (``READY``, ``GUILD_CREATE`` with channels, roles and members, ``INTERACTION_CREATE`` for slash commands,
  buttons, selects and modal submissions, ``MESSAGE_CREATE``/``UPDATE``/``DELETE`` for messages posted by
  anyone) to the client's ``ConnectionState`` parsers, so command trees, view stores and dynamic items route
  them the normal way.
* **Every HTTP request is captured** at discord.py's request layer: REST calls (``HTTPClient.request``) and
  the interaction webhooks (``AsyncWebhookAdapter.request``: callbacks, followups, ``@original`` edits) both
  go through that session. Multipart bodies are decoded (``payload_json`` plus each file's name, size and
  bytes). ``FakeDiscord`` answers with well-formed objects and keeps state: messages with snowflake ids,
  ephemeral messages per recipient, edits, deletions, modals, command registrations. Errors come back as
  Discord's status codes, so discord.py raises ``NotFound`` / ``Forbidden`` / ``HTTPException`` itself:
  404 for unknown channels/messages, 403 (code 50013) when the bot lacks View Channel / Send Messages /
  Embed Links / Attach Files in a channel (roles and overwrites from the scenario), 400 (code 40060) for a
  second response to one interaction.
* **Every request body is validated** against Discord's OpenAPI spec (``$PARLEY_DISCORD_SPEC``, default
  the copy shipped in ``discord_spec/``, MIT), plus rules the schema cannot express
  (Components V2 flag vs. content/embeds, duplicate custom ids, select rows). A violation is recorded with
  method, path, message and JSON pointer, and fails the step: it is what Discord would answer with 400 (and
  the fake does answer 400). One deliberate leniency: snowflakes may be JSON integers, as Discord accepts
  and discord.py sends (the spec only documents the string form).
* **Steps are deterministic.** A task factory tags every task created while a step runs (context
  variable), and the step waits until they are all done (view timeouts and ``tasks.loop`` excepted).
  Exceptions your handlers raise (discord.py logs them) become the step's ``error``, as does an
  interaction the bot never answered. Ids come from a fake clock, so transcripts are stable.

Use from pytest::

    from parley.replay import ReplaySession

    async def test_flow():
        async with ReplaySession(create_bot, guild={"channels": ["help", "stories"], "roles": ["Moderators"]},
                                 members=["alice", {"name": "mia", "roles": ["Moderators"]}]) as s:
            step = await s.command("alice", "situation", describe="he never pays")   # options as keywords
            card = step.message                          # VisibleMessage: .text .buttons .selects .ephemeral ...
            assert card.ephemeral and card.allowed_mentions == {"parse": []}
            await s.click("alice", "Not helpful")         # label, custom_id= or index=; in_="#channel"
            await s.select("alice", ["payment"], placeholder="What is happening?")
            await s.submit("alice", {"Your story": "..."})  # fields of the modal last opened, by label
            await s.restart()                             # new client, same factory, same fake Discord
            assert s.violations == [] and s.messages_in("#stories") == []

Scenario world (JSON or keyword arguments): ``guild`` = ``{"name", "locale" (preferred_locale), "channels":
["help", {"name": "staff", "type": "text|forum|category|voice|announcement", "category": "...",
"overwrites": {"@everyone"|"@Role"|"member"|"bot": {"allow": [...], "deny": [...]}}}], "roles": ["Mods",
{"name": "Helpers", "permissions": ["manage_messages"]}], "everyone_permissions": [...], "bot_permissions":
[...]}`` (permission names as in discord.py); ``members`` = ``[{"name", "locale", "roles", "admin", "owner",
"nick", "dms": false}]``. Steps: ``command`` (+ ``options``, ``in``), ``click``, ``select``, ``submit``,
``restart``, ``advance`` (seconds; calls ``clock_hook`` and the bot's ``replay_advance(seconds)`` if it has
one), ``say`` (a member posts a message), ``permissions`` ({channel, target, allow, deny}),
``role_permissions`` ({role, permissions}); any step may carry ``"expect_error": true``.

A step raises ``ReplayStepError`` (strict sessions, the default) when a handler fails, the interaction gets no
answer, or a request breaks the spec; pass ``expect_error=True`` for steps that should fail, or
``strict=False`` to inspect ``step.error`` / ``step.violations`` yourself. Scenario files run with
``python -m parley replay --json SCENARIO.json`` or ``run_scenario(path, bot_factory)`` (``run_scenario_async``
inside an event loop); ``--factory module:callable`` replays any other bot.
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
