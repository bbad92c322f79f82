"""The throwaway server `python -m parley try` runs in: channels, a moderator role, three people, Parley set up."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import inspect
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import discord
from discord.ext import tasks

from parley.config import Config
from parley.replay import FakeClock, ReplaySession, ScenarioError, StepResult
from parley.replay.interactions import check_command_access
from parley.replay.model import VIEW_CHANNEL
from parley.terminal.commandline import Catalog
from parley.terminal.render import Directory

log = logging.getLogger(__name__)

HELP, STORIES, QUEUE, MOD_ROLE = "help", "stories", "mod-queue", "Moderators"
DISCORD_START = dt.datetime(2025, 1, 1, 9, 0, tzinfo=dt.UTC)  # before any real session: members joined long ago


class SandboxError(Exception):
    """The bot could not start on the offline Discord."""

    def __init__(self, summary: str, details: list[str]) -> None:
        super().__init__(summary)
        self.details = details


@dataclass(frozen=True)
class Persona:
    """Who the person at the keyboard can be."""

    role: str
    name: str
    what: str


PERSONAS = {
    "member": Persona("member", "you", "a member"),
    "moderator": Persona("moderator", "mia", "a moderator"),
    "admin": Persona("admin", "owner", "the server owner"),
}
# Discord client locales per Parley language. Discord has no Arabic locale: Arabic is chosen with /language.
CLIENT_LOCALES = {"en": "en-US", "fi": "fi", "ru": "ru", "ar": "en-US"}
LANGUAGE_NAMES = {"en": "English", "fi": "suomi", "ru": "русский", "ar": "العربية"}


def guild_spec(lang: str) -> dict[str, Any]:
    """The server: #help for commands, #stories (read-only for members), #mod-queue (moderators only)."""
    bot_can = {"allow": ["view_channel", "send_messages", "embed_links", "read_message_history"]}
    return {
        "name": "Freelancers' Lounge",
        "locale": CLIENT_LOCALES[lang],
        "channels": [
            HELP,
            {"name": STORIES, "overwrites": {"@everyone": {"deny": ["send_messages"]}, "bot": bot_can}},
            {
                "name": QUEUE,
                "overwrites": {
                    "@everyone": {"deny": ["view_channel"]},
                    f"@{MOD_ROLE}": {"allow": ["view_channel"]},
                    "bot": bot_can,
                },
            },
        ],
        "roles": [{"name": MOD_ROLE, "permissions": ["manage_messages"]}],
    }


def members_spec(lang: str) -> list[dict[str, Any]]:
    """The three people, all with the same client language (it is one person switching hats)."""
    locale = CLIENT_LOCALES[lang]
    return [
        {"name": PERSONAS["member"].name, "locale": locale},
        {"name": PERSONAS["moderator"].name, "locale": locale, "roles": [MOD_ROLE]},
        {"name": PERSONAS["admin"].name, "locale": locale, "admin": True, "owner": True},
    ]


class Sandbox:
    """A ReplaySession over the real Parley bot, with a clock the person can move (`wait`)."""

    def __init__(self, config: Config, *, lang: str, spec_path: Path | None, start: dt.datetime | None = None) -> None:
        # One person plays every member here: there is nobody's timing to hide, so queue cards are posted at once
        # instead of in jittered batches (queue_batches.py), and the moderator persona sees them straight away.
        stories = dataclasses.replace(config.stories, queue_batch_min_hours=0, queue_batch_max_hours=0)
        self.config = config = dataclasses.replace(config, stories=stories)
        self.lang = lang
        moment = (start or dt.datetime.now(dt.UTC)).replace(second=0, microsecond=0)
        from parley.domain.clock import FakeClock as DomainClock

        self.bot_clock = DomainClock(moment)
        self.spec_path = spec_path
        # Discord's clock starts at a fixed instant so the server, its channels and members get the same ids every
        # time: a session on a kept database (--db) finds its settings, stories and votes again.
        self.session = ReplaySession(
            self._factory,
            guild=guild_spec(lang),
            members=members_spec(lang),
            spec_path=spec_path,
            validate=spec_path is not None,
            strict=False,
            clock=FakeClock(DISCORD_START),
            clock_hook=self._time_passed,
        )
        self.catalogs: dict[str, Catalog] = {}

    async def _factory(self) -> discord.Client:
        from parley.app import create_bot

        # The bot reads time from this clock, so `wait 6h` moves both Discord and Parley forward.
        if "clock" in inspect.signature(create_bot).parameters:
            return await create_bot(self.config, clock=self.bot_clock)
        return await create_bot(self.config)

    async def start(self) -> list[str]:
        """Start the bot and set the server up; returns notes about anything that could not be done."""
        startup = await self.session.start()
        if startup.error:
            raise SandboxError(startup.error, startup.error_details)
        await self.refresh()
        notes: list[str] = []
        notes.extend(await self._setup())
        if self.lang == "ar":
            notes.extend(await self._arabic())
        return notes

    async def close(self) -> None:
        """Stop the bot."""
        await self.session.close()

    def _time_passed(self, seconds: float) -> None:
        # The harness calls this before it moves the bot's own clock; the task runs once both clocks have moved,
        # inside the same step, so whatever the periodic jobs post shows up as that step's messages.
        asyncio.get_running_loop().create_task(self.run_periodic_jobs(), name="try-periodic-jobs")

    async def run_periodic_jobs(self) -> int:
        """Run each running `tasks.loop` of the bot's cogs once: after a jump in time, every one would have."""
        ran = 0
        for cog in list(self.session.bot.cogs.values()):
            for name in dir(type(cog)):
                if not isinstance(getattr(type(cog), name, None), tasks.Loop):
                    continue
                loop = getattr(cog, name)
                if loop.is_running():
                    await loop()
                    ran += 1
        return ran

    async def restart(self) -> StepResult:
        """A new bot process on the same database and the same server."""
        step = await self.session.restart()
        await self.refresh()
        return step

    async def refresh(self) -> None:
        """Re-read the bot's command tree (after start and restart)."""
        tree = self.session.bot.tree
        payloads = []
        guild = discord.Object(self.session.fake.guild.id)
        for command in [*tree.get_commands(), *tree.get_commands(guild=guild)]:
            if tree.translator is not None:
                payloads.append(await command.get_translated_payload(tree, tree.translator))
            else:
                payloads.append(command.to_dict(tree))
        self._payloads = payloads
        self.catalogs.clear()

    def has_command(self, name: str) -> bool:
        """Whether the bot's tree has a top-level command of this name."""
        return any(p.get("name") == name for p in self._payloads)

    def catalog(self, member: str) -> Catalog:
        """The commands this member's client offers here (those they may use, in their client language)."""
        if member not in self.catalogs:
            fake = self.session.fake
            uid = fake.member(member).user.id
            channel = fake.channel("#" + HELP)
            usable = []
            for payload in self._payloads:
                try:
                    check_command_access(fake, payload, uid, channel)
                except ScenarioError:
                    continue
                usable.append(payload)
            self.catalogs[member] = Catalog.from_payloads(usable, _client_locale(self.lang))
        return self.catalogs[member]

    def full_catalog(self) -> Catalog:
        """Every command, whoever may use it."""
        return Catalog.from_payloads(self._payloads, _client_locale(self.lang))

    def directory(self) -> Directory:
        """Channels, roles and members as selects offer them."""
        fake = self.session.fake
        guild = fake.guild
        channels = tuple((c.id, c.name, c.type) for c in guild.channels.values())
        roles = tuple((r.id, r.name) for r in guild.roles.values() if r.id != guild.id and not r.managed)
        members = tuple((m.user.id, m.user.username) for m in guild.members.values() if not m.user.bot)
        return Directory(channels=channels, roles=roles, members=members)

    def can_view(self, member: str, channel: str) -> bool:
        """Whether the member sees the channel."""
        fake = self.session.fake
        return bool(fake.permissions(fake.member(member).user.id, fake.channel(channel)) & VIEW_CHANNEL)

    def channel_names(self) -> list[str]:
        """Text channel names, in order."""
        return [c.name for c in self.session.fake.guild.channels.values() if c.type in (0, 5)]

    async def _setup(self) -> list[str]:
        if not self.has_command("setup"):
            return ["this bot has no /setup command: the server is not set up"]
        options: Mapping[str, Any] = {
            "stories_channel": "#" + STORIES,
            "queue_channel": "#" + QUEUE,
            "moderator_role": "@" + MOD_ROLE,
        }
        step = await self.session.command(PERSONAS["admin"].name, "setup", options, in_="#" + HELP)
        return [f"/setup did not finish: {step.error}"] if step.error else []

    async def _arabic(self) -> list[str]:
        """Discord has no Arabic client: each person picks Arabic in /language, as a real member would."""
        if not self.has_command("language"):
            return ["this bot has no /language command: replies stay in English"]
        notes = []
        for persona in PERSONAS.values():
            step = await self.session.command(persona.name, "language", in_="#" + HELP)
            selects = step.message.selects if not step.error and step.visible else []
            if not selects:
                notes.append(f"/language showed no menu for {persona.name}: {step.error or 'no select'}")
                continue
            done = await self.session.select(persona.name, ["ar"], custom_id=selects[0].custom_id, in_="#" + HELP)
            if done.error:
                notes.append(f"choosing Arabic failed for {persona.name}: {done.error}")
        return notes


def _client_locale(lang: str) -> str | None:
    locale = CLIENT_LOCALES.get(lang)
    return None if locale == "en-US" else locale
