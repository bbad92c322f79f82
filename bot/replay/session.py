"""ReplaySession: drive real discord.py bots through a scripted Discord session, one deterministic step at a time."""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from os import PathLike
from typing import Any

from parley.replay import components as comps
from parley.replay.clock import FakeClock
from parley.replay.errors import ReplayStartupError, ReplayStepError, ScenarioError
from parley.replay.fake import FakeDiscord
from parley.replay.guildspec import GuildSpec, MemberSpec
from parley.replay.interactions import Resolver, check_command_access, command_data, modal_submission, select_values
from parley.replay.model import BotApp, Channel
from parley.replay.private import check_outside_access, message_command_data
from parley.replay.records import LOADING, FakeEvent, InteractionRecord, StoredMessage
from parley.replay.results import StepResult, VisibleMessage
from parley.replay.runtime import (
    BotFactory,
    BotRuntime,
    TaskWatch,
    Tracker,
    collect_task_errors,
    settle,
    tracking,
)
from parley.replay.spec import DiscordSpec, Violation

log = logging.getLogger(__name__)

PRIMARY = "bot"


class ReplaySession:
    """A fake Discord guild with real bot clients in it; every action is a step with a StepResult.

    ```python
    async with ReplaySession(create_bot, guild={"channels": ["help", "stories"]}, members=["alice"]) as s:
        step = await s.command("alice", "situation", describe="he never pays")
        assert step.message.ephemeral
        await s.click("alice", "Not helpful")
    ```
    In strict mode (default) a step raises ReplayStepError when a handler fails, the bot does not answer an
    interaction, or a request violates Discord's API spec; pass `expect_error=True` to a step that should fail.
    """

    def __init__(
        self,
        bot_factory: BotFactory,
        *,
        guild: GuildSpec | Mapping[str, Any] | None = None,
        members: Sequence[MemberSpec | Mapping[str, Any] | str] = (),
        spec_path: str | PathLike[str] | None = None,
        validate: bool = True,
        strict: bool = True,
        step_timeout: float = 10.0,
        bot_name: str = "Parley",
        extra_bots: Mapping[str, BotFactory] | None = None,
        clock_hook: Callable[[float], Any] | None = None,
        clock: FakeClock | None = None,
        reject_invalid: bool = True,
    ) -> None:
        self.spec = DiscordSpec.load(spec_path) if validate else None
        self.fake = FakeDiscord(
            GuildSpec.from_dict(guild), members, spec=self.spec, clock=clock, reject_invalid=reject_invalid
        )
        self.strict = strict
        self.step_timeout = step_timeout
        self.clock_hook = clock_hook
        self.steps: list[StepResult] = []
        self.startup: StepResult | None = None
        self._factories: dict[str, BotFactory] = {PRIMARY: bot_factory, **(extra_bots or {})}
        self._names = {PRIMARY: bot_name, **{k: k for k in (extra_bots or {})}}
        self._runtimes: dict[str, BotRuntime] = {}
        self._watch = TaskWatch()
        self._trackers: list[Tracker] = []
        self._generation = 0
        for key in self._factories:
            self.fake.add_app(key, self._names[key])

    # -- lifecycle -----------------------------------------------------------------------------------------------------
    async def __aenter__(self) -> ReplaySession:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def start(self) -> StepResult:
        """Start every bot (login through the fake, setup_hook, READY, GUILD_CREATE, on_ready)."""
        self._watch.install()
        result = await self._step("startup", self._start_all, record=False)
        self.startup = result
        if result.error and self.strict:
            await self.close()
            raise ReplayStartupError(result.describe())
        return result

    async def _start_all(self, tracker: Tracker) -> None:
        for key in self._factories:
            await self._start_one(key)

    async def _start_one(self, key: str) -> None:
        self._generation += 1
        runtime = BotRuntime(self.fake, self.fake.app(key), self._factories[key], generation=self._generation)
        self._runtimes[key] = runtime
        await runtime.start()

    async def close(self) -> None:
        """Stop every bot and detach from the event loop."""
        try:
            for runtime in list(self._runtimes.values()):
                await runtime.stop()
            leftovers = [t for tr in self._trackers for t in tr.tasks if not t.done()]
            for task in leftovers:
                task.cancel()
            if leftovers:
                await asyncio.gather(*leftovers, return_exceptions=True)
        finally:
            self._runtimes.clear()
            self._watch.uninstall()

    async def restart(self, bot: str | None = None, *, expect_error: bool = False) -> StepResult:
        """Stop a bot (default: all) and start a new client from the same factory on the same fake Discord."""
        keys = [bot] if bot else list(self._factories)

        async def run(tracker: Tracker) -> None:
            for key in keys:
                await self._runtimes[key].stop()
            for key in keys:
                await self._start_one(key)

        return await self._step("restart", run, expect_error=expect_error)

    # -- accessors -----------------------------------------------------------------------------------------------------
    @property
    def bot(self) -> Any:
        """The running client of the bot under test."""
        return self._runtimes[PRIMARY].client

    def client(self, key: str = PRIMARY) -> Any:
        """The running client of a bot ("bot" = the bot under test, else an extra_bots key)."""
        return self._runtimes[key].client

    @property
    def violations(self) -> list[Violation]:
        """Every request so far that Discord would reject."""
        return list(self.fake.violations)

    def messages_for(self, member: str, channel: str | None = None) -> list[VisibleMessage]:
        """What a member can see now (their ephemeral replies and DMs included), newest first."""
        return [self.fake.view(m, "current") for m in self.fake.messages_for(member, channel)]

    def messages_in(self, channel: str) -> list[VisibleMessage]:
        """The (non-ephemeral) messages of a channel now, oldest first."""
        return [self.fake.view(m, "current") for m in self.fake.messages_in(channel)]

    def last_message(self, member: str, channel: str | None = None) -> VisibleMessage:
        """The newest message a member can see."""
        messages = self.messages_for(member, channel)
        if not messages:
            raise AssertionError(f"{member} sees no message{' in ' + channel if channel else ''}")
        return messages[0]

    # -- steps: members act --------------------------------------------------------------------------------------------
    async def command(
        self,
        member: str,
        path: str,
        options: Mapping[str, Any] | None = None,
        *,
        in_: str | None = None,
        bot_: str | None = None,
        install: str | None = None,
        expect_error: bool = False,
        **named_options: Any,
    ) -> StepResult:
        """Run a slash command: `path` with spaces for subcommands ("story share"); options by name.

        `in_` is the channel ("#help"; default: the first text channel; "dm" the member's DM with the bot;
        "private:alice,carol" a DM between members, reached through the member's own install), `bot_` picks the
        bot when several have the command, `install` ("user" or "guild") says which installation of the app
        authorizes it in a DM (default "user"). Options may also come as a dict (for names that clash with these
        keywords).
        """
        opts = {**(options or {}), **named_options}
        shown = " ".join(f"{k}={v!r}" for k, v in opts.items())
        action = f"{member}: /{path}{' ' + shown if shown else ''}{' in ' + in_ if in_ else ''}"

        async def run(tracker: Tracker) -> InteractionRecord:
            return self._command_interaction(member, path, opts, channel=in_, bot=bot_, install=install)

        return await self._step(action, run, expect_error=expect_error)

    async def message_command(
        self,
        member: str,
        name: str,
        message: int | VisibleMessage,
        *,
        install: str | None = None,
        expect_error: bool = False,
    ) -> StepResult:
        """Use a message context-menu command ("Apps" > `name`) on a message the member can see."""
        target_id = message.message_id if isinstance(message, VisibleMessage) else message
        action = f"{member}: menu {name!r} on message {target_id}"

        async def run(tracker: Tracker) -> InteractionRecord:
            m = self.fake.member(member)
            target = self.fake.messages.get(target_id or 0)
            if target is None or not self.fake.store.visible_to(target, m.user.id):
                raise ScenarioError(f"{member} sees no message {target_id}")
            channel = self.fake.channel(target.channel_id)
            app, command = self._find_command(name, channel, type_=3)
            if channel.guild_id is None:
                check_outside_access(command, channel, install)
            else:
                check_command_access(self.fake, command, m.user.id, channel)
            data = message_command_data(command, self.fake.store.message_payload(target))
            rec, payload = self.fake.new_interaction(
                app, type_=2, user_id=m.user.id, channel=channel, data=data, name=command["name"], install=install
            )
            self._runtimes[app.key].feed("INTERACTION_CREATE", payload)
            return rec

        return await self._step(action, run, expect_error=expect_error)

    async def autocomplete(
        self,
        member: str,
        path: str,
        option: str,
        options: Mapping[str, Any] | None = None,
        *,
        in_: str | None = None,
        bot_: str | None = None,
    ) -> list[dict[str, Any]]:
        """Type into an autocomplete option (its current text in `options[option]`); returns the choices offered."""
        opts = dict(options or {})

        async def run(tracker: Tracker) -> InteractionRecord:
            return self._command_interaction(member, path, opts, channel=in_, bot=bot_, focused=option)

        step = await self._step(f"{member}: /{path} (autocomplete {option})", run)
        rec = self.fake.interactions.get(step.interaction_id or 0)
        return list(rec.autocomplete_choices or []) if rec else []

    async def click(
        self,
        member: str,
        label: str | None = None,
        *,
        custom_id: str | None = None,
        index: int | None = None,
        in_: str | None = None,
        expect_error: bool = False,
    ) -> StepResult:
        """Click a button (or pick the select option whose label matches) on the newest message showing it."""
        what = _criteria(label=label, custom_id=custom_id, index=index)
        action = f"{member}: click {what}{' in ' + in_ if in_ else ''}"

        async def run(tracker: Tracker) -> InteractionRecord:
            msg, raw, info, option = self._find(
                member, in_, want="button", label=label, custom_id=custom_id, index=index
            )
            if isinstance(info, comps.SelectInfo):
                values = [option.value] if option else []
                return self._component_interaction(member, msg, raw, info, values)
            return self._component_interaction(member, msg, raw, info, None)

        return await self._step(action, run, expect_error=expect_error)

    async def select(
        self,
        member: str,
        values: Sequence[Any] | Any,
        *,
        placeholder: str | None = None,
        custom_id: str | None = None,
        index: int | None = None,
        in_: str | None = None,
        expect_error: bool = False,
    ) -> StepResult:
        """Choose values (option values or labels; names for user/role/channel selects) in a select menu."""
        wanted = list(values) if isinstance(values, list | tuple) else [values]
        what = _criteria(placeholder=placeholder, custom_id=custom_id, index=index)
        action = f"{member}: select {wanted!r} in {what}{' in ' + in_ if in_ else ''}"

        async def run(tracker: Tracker) -> InteractionRecord:
            msg, raw, info, _ = self._find(
                member, in_, want="select", placeholder=placeholder, custom_id=custom_id, index=index
            )
            assert isinstance(info, comps.SelectInfo)
            resolver = Resolver(self.fake, self.fake.member(member).user.id)
            chosen = select_values(info, wanted, resolver)
            return self._component_interaction(member, msg, raw, info, chosen, resolver)

        return await self._step(action, run, expect_error=expect_error)

    async def submit(self, member: str, fields: Mapping[str, Any], *, expect_error: bool = False) -> StepResult:
        """Fill in and submit the modal the bot last opened for this member (fields by label)."""
        action = f"{member}: submit {dict(fields)!r}"

        async def run(tracker: Tracker) -> InteractionRecord:
            m = self.fake.member(member)
            modal = self.fake.modals.get(m.user.id)
            if modal is None:
                raise ScenarioError(f"no modal is open for {member}")
            app = self.fake.app_by_id(modal.app_id)
            assert app is not None
            resolver = Resolver(self.fake, m.user.id)
            components, resolved = modal_submission(modal.data, fields, resolver)
            data: dict[str, Any] = {"custom_id": modal.data.get("custom_id"), "components": components}
            if resolved:
                data["resolved"] = resolved
            channel = self.fake.channel(modal.channel_id)
            message = self.fake.messages.get(modal.message_id or 0)
            del self.fake.modals[m.user.id]
            rec, payload = self.fake.new_interaction(
                app,
                type_=5,
                user_id=m.user.id,
                channel=channel,
                data=data,
                message=message if message is not None and not message.deleted else None,
                opened_from=modal.interaction_id,
            )
            self._runtimes[app.key].feed("INTERACTION_CREATE", payload)
            return rec

        return await self._step(action, run, expect_error=expect_error)

    async def say(self, member: str, content: str, *, in_: str | None = None) -> StepResult:
        """A member posts a plain message (bots receive MESSAGE_CREATE)."""
        where = in_ or self.fake.default_channel().mention

        async def run(tracker: Tracker) -> None:
            self.fake.post_as_member(member, where, content)

        return await self._step(f"{member}: say {content!r} in {where}", run)

    async def advance(self, seconds: float) -> StepResult:
        """Move the fake clock forward and call the session's clock hook (e.g. the bot's own clock)."""

        async def run(tracker: Tracker) -> None:
            self.fake.clock.advance(seconds)
            hooks = [self.clock_hook] if self.clock_hook is not None else []
            # A bot may expose its own clock to the harness as `replay_advance(seconds)`.
            hooks += [h for r in self._runtimes.values() if callable(h := getattr(r.client, "replay_advance", None))]
            for hook in hooks:
                result = hook(seconds)
                if inspect.isawaitable(result):
                    await result

        return await self._step(f"advance {seconds}s", run)

    async def set_permissions(self, channel: str, target: str, *, allow: Any = None, deny: Any = None) -> StepResult:
        """Change a channel overwrite for "@everyone", "@Role", a member, or "bot" (sends CHANNEL_UPDATE)."""

        async def run(tracker: Tracker) -> None:
            self.fake.set_overwrite(channel, target, allow=allow, deny=deny)

        return await self._step(f"permissions {channel} {target} allow={allow} deny={deny}", run)

    async def set_role_permissions(self, role: str, permissions: Any) -> StepResult:
        """Set a role's permissions ("bot" = the bot's own role; sends GUILD_ROLE_UPDATE)."""

        async def run(tracker: Tracker) -> None:
            self.fake.set_role_permissions(role, permissions)

        return await self._step(f"role {role} permissions={permissions}", run)

    # -- building interactions -----------------------------------------------------------------------------------------
    def _command_interaction(
        self,
        member: str,
        path: str,
        options: Mapping[str, Any],
        *,
        channel: str | None,
        bot: str | None,
        focused: str | None = None,
        install: str | None = None,
    ) -> InteractionRecord:
        m = self.fake.member(member)
        if channel == "dm":
            ch = self.fake.world.dm_channel(m.user.id)
        else:
            ch = self.fake.channel(channel) if channel else self.fake.default_channel()
        parts = path.strip().lstrip("/").split()
        if not parts:
            raise ScenarioError("empty command")
        app, command = self._find_command(parts[0], ch, bot=bot)
        if ch.guild_id is None:
            check_outside_access(command, ch, install)
        else:
            check_command_access(self.fake, command, m.user.id, ch)
        resolver = Resolver(self.fake, m.user.id)
        data = command_data(self.fake, command, parts[1:], options, resolver, focused=focused)
        rec, payload = self.fake.new_interaction(
            app,
            type_=4 if focused else 2,
            user_id=m.user.id,
            channel=ch,
            data=data,
            name=command["name"],
            install=install,
        )
        self._runtimes[app.key].feed("INTERACTION_CREATE", payload)
        return rec

    def _find_command(
        self, name: str, channel: Channel, *, bot: str | None = None, type_: int = 1
    ) -> tuple[BotApp, dict[str, Any]]:
        """The bot and command Discord would invoke here: guild commands only count inside the guild."""
        guild_id = channel.guild_id  # None outside the guild: only global commands are offered there
        candidates = []
        for key in [bot] if bot else list(self._runtimes):
            app = self.fake.app(key)
            command = app.command(guild_id, name, type_)
            if command is not None and (guild_id is not None or not command.get("guild_id")):
                candidates.append((app, command))
        if not candidates:
            known = {k: self.fake.app(k).command_names(guild_id) for k in self._runtimes}
            what = f"/{name} command" if type_ == 1 else f"{name!r} menu command"
            raise ScenarioError(f"no bot has a {what} here; commands: {known}")
        if len(candidates) > 1:
            raise ScenarioError(f"/{name} exists in several bots {[a.key for a, _ in candidates]}: pass bot=")
        return candidates[0]

    def _find(
        self, member: str, in_: str | None, *, want: str, **criteria: Any
    ) -> tuple[StoredMessage, dict[str, Any], comps.ComponentInfo, comps.OptionInfo | None]:
        messages = self.fake.messages_for(member, in_)
        for msg in messages:
            found = comps.find_component(msg.components, want=want, **criteria)
            if found is not None:
                raw, info, option = found
                return msg, raw, info, option
        where = f" in {in_}" if in_ else ""
        seen = [[c.text for c in comps.interactive(m.components)] for m in messages[:3]]
        raise ScenarioError(
            f"{member} sees no {want} matching {_criteria(**criteria)}{where}; newest messages show {seen}"
        )

    def _component_interaction(
        self,
        member: str,
        msg: StoredMessage,
        raw: dict[str, Any],
        info: comps.ComponentInfo,
        values: list[str] | None,
        resolver: Resolver | None = None,
    ) -> InteractionRecord:
        m = self.fake.member(member)
        if info.disabled:
            raise ScenarioError(f"{info.type} {info.text!r} is disabled")
        if isinstance(info, comps.ButtonInfo) and info.url:
            raise ScenarioError(f"{info.text!r} is a link button ({info.url}); clicking it opens a browser")
        if isinstance(info, comps.ButtonInfo) and info.custom_id is None:
            raise ScenarioError(f"button {info.text!r} has no custom_id")
        app = self.fake.app_by_id(msg.app_id)
        if app is None or app.key not in self._runtimes:
            raise ScenarioError(f"the message with {info.text!r} was not posted by a running bot")
        data: dict[str, Any] = {"custom_id": info.custom_id, "component_type": raw.get("type"), "id": raw.get("id")}
        if values is not None:
            data["values"] = values
            if resolver is not None and resolver.resolved:
                data["resolved"] = resolver.resolved
        channel = self.fake.channel(msg.channel_id)
        rec, payload = self.fake.new_interaction(
            app, type_=3, user_id=m.user.id, channel=channel, data=data, message=msg
        )
        self._runtimes[app.key].feed("INTERACTION_CREATE", payload)
        return rec

    # -- the step engine -----------------------------------------------------------------------------------------------
    async def _step(
        self,
        action: str,
        body: Callable[[Tracker], Awaitable[Any]],
        *,
        expect_error: bool = False,
        record: bool = True,
    ) -> StepResult:
        index = len(self.steps) + 1 if record else 0
        result = StepResult(index=index, action=action, expect_error=expect_error)
        fake = self.fake
        first_request, first_event, first_violation = len(fake.requests), len(fake.events), len(fake.violations)
        fake.current_step = index
        tracker = Tracker(label=action)
        self._trackers.append(tracker)
        rec: InteractionRecord | None = None
        errors: list[tuple[str, str]] = []
        try:
            with tracking(tracker):
                outcome = await body(tracker)
            rec = outcome if isinstance(outcome, InteractionRecord) else None
            pending = await settle(tracker, limit=self.step_timeout, runtimes=list(self._runtimes.values()))
            if pending:
                names = ", ".join(sorted({t.get_name() for t in pending}))
                errors.append((f"step did not finish within {self.step_timeout}s; still running: {names}", ""))
        except ScenarioError as exc:
            errors.append((str(exc), ""))
        except Exception as exc:  # the bot's own startup errors and the like
            log.debug("replay step %r failed", action, exc_info=True)
            errors.append((f"{type(exc).__name__}: {exc}", _format_exc(exc)))
        collect_task_errors(tracker)
        errors = tracker.errors + errors
        if rec is not None:
            result.interaction_id = rec.id
            result.response_type = rec.response_type
            errors.extend(self._interaction_problems(rec))
        fake.current_step = None
        result.requests = fake.requests[first_request:]
        result.violations = fake.violations[first_violation:]
        result.visible = self._visible(fake.events[first_event:])
        errors.extend((problem, "") for problem in fake.problems)
        fake.problems.clear()
        if errors:
            result.error = "; ".join(summary for summary, _ in errors)
            result.error_details = [details for _, details in errors if details]
        if record:
            self.steps.append(result)
        self._forget_finished()
        if self.strict and record and not result.ok:
            raise ReplayStepError(result.describe(), result)
        return result

    def _forget_finished(self) -> None:
        # Long runs (benchmarks) must not keep every finished task alive.
        self._trackers = [t for t in self._trackers if any(not task.done() for task in t.tasks)]
        for runtime in self._runtimes.values():
            runtime.tasks = [task for task in runtime.tasks if not task.done()]

    def _interaction_problems(self, rec: InteractionRecord) -> list[tuple[str, str]]:
        if rec.response_type is None:
            return [("the bot did not respond to the interaction (Discord shows 'This interaction failed')", "")]
        original = self.fake.messages.get(rec.original_message_id or 0)
        if rec.response_type == 5 and original is not None and not original.deleted and original.flags & LOADING:
            return [("the bot deferred but never sent its answer (the member sees 'thinking…' forever)", "")]
        return []

    def _visible(self, events: list[FakeEvent]) -> list[VisibleMessage]:
        order: list[int] = []
        kinds: dict[int, str] = {}
        out_modals: dict[int, VisibleMessage] = {}
        for event in events:
            if event.kind == "modal":
                out_modals[len(order)] = self.fake.modal_view(event)
                order.append(-event.seq - 1)
                continue
            mid = event.message_id or 0
            if mid not in kinds:
                order.append(mid)
                kinds[mid] = event.kind
            elif event.kind == "deleted":
                kinds[mid] = "deleted"
        visible = []
        for position, mid in enumerate(order):
            if mid < 0:
                visible.append(out_modals[position])
                continue
            msg = self.fake.messages[mid]
            visible.append(self.fake.view(msg, kinds[mid]))
        return visible


def _criteria(**criteria: Any) -> str:
    parts = [f"{k}={v!r}" for k, v in criteria.items() if v is not None]
    return ", ".join(parts) or "(nothing)"


def _format_exc(exc: BaseException) -> str:
    import traceback

    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
