"""Bursts of concurrent interactions through the offline Discord, with per-interaction latency.

`ReplaySession` runs one member action per step and waits for it. A benchmark (and a load test) needs many
interactions in flight at once, and hand-made payloads (malformed custom ids, tampered options) that no button on
screen would produce. `BurstSession` adds both on top of the session's own builders, so every interaction still
goes through discord.py's gateway parsers and every answer through the fake Discord's endpoints:

    async with BurstSession(factory, guild=..., members=[...], validate=False, strict=False) as s:
        burst = await s.burst([s.command_action(f"m{i}", "situation", describe="...") for i in range(200)])
        burst.p99_ms, burst.problems

Latency of an interaction = from the moment its INTERACTION_CREATE is fed to the last request the bot made for it
(callback, followups, edits of @original); `ack` = to its first callback (Discord's 3-second deadline).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from parley.bench.stats import percentile
from parley.replay import ReplaySession, ReplayStartupError
from parley.replay import components as comps
from parley.replay.interactions import Resolver, command_data, modal_submission, select_values
from parley.replay.records import InteractionRecord, StoredMessage

# The fake Discord's interaction tokens carry the interaction id (records.InteractionRecord.token).
_TOKEN_ID = re.compile(r"aW50ZXJhY3Rpb246(\d+):")
_CALLBACK = re.compile(r"/interactions/(\d+)/[^/]+/callback")

Action = Callable[[], InteractionRecord]


@dataclass
class Timing:
    """When one interaction was fed, first answered and last touched (perf_counter seconds)."""

    fed: float
    ack: float | None = None
    done: float | None = None
    requests: int = 0
    # The offline Discord's CPU counter when the interaction was fed and when its last request was answered: what
    # it spent in between (building the click, answering the bot's requests) is Discord's time, not the bot's.
    harness_fed: float = 0.0
    harness_done: float = 0.0


@dataclass(frozen=True)
class Outcome:
    """One interaction of a burst: its record, its timing and what went wrong (harness's words)."""

    record: InteractionRecord
    timing: Timing
    problems: tuple[str, ...]

    @property
    def latency_s(self) -> float | None:
        """Fed to last answer, in seconds (None: never answered)."""
        t = self.timing
        return None if t.done is None else t.done - t.fed

    @property
    def net_latency_s(self) -> float | None:
        """Fed to last answer minus the offline Discord's own CPU in between (None: never answered). Meaningful
        one at a time (a series): in a burst, the other interactions' harness work falls in the window too."""
        t = self.timing
        return None if t.done is None else (t.done - t.fed) - (t.harness_done - t.harness_fed)

    @property
    def ack_s(self) -> float | None:
        """Fed to first callback, in seconds (None: never acknowledged)."""
        t = self.timing
        return None if t.ack is None else t.ack - t.fed


@dataclass(frozen=True)
class Burst:
    """The outcome of a burst: one Outcome per interaction, and the step's own error text (handler exceptions)."""

    outcomes: tuple[Outcome, ...]
    step_error: str | None
    seconds: float
    loop_cpu_s: float = 0.0  # CPU of the event-loop thread during the burst (bot + harness)
    harness_cpu_s: float = 0.0  # ... of which inside the offline Discord
    round_trips: int = 0  # hand-offs to the database threads during the burst (aiosqlite calls)

    trips_each: tuple[int, ...] = ()  # round trips of each interaction, in a series (one at a time)

    @property
    def bot_cpu_ms(self) -> float:
        """The bot's own event-loop CPU per interaction (harness subtracted), in milliseconds."""
        return (self.loop_cpu_s - self.harness_cpu_s) * 1000 / max(1, len(self.outcomes))

    @property
    def latencies_ms(self) -> list[float]:
        """Latency of every answered interaction, in milliseconds."""
        return [o.latency_s * 1000 for o in self.outcomes if o.latency_s is not None]

    @property
    def acks_ms(self) -> list[float]:
        """Time to acknowledge every acknowledged interaction, in milliseconds."""
        return [o.ack_s * 1000 for o in self.outcomes if o.ack_s is not None]

    @property
    def net_latencies_ms(self) -> list[float]:
        """Latency of every answered interaction with the offline Discord's CPU taken out, in milliseconds."""
        return [o.net_latency_s * 1000 for o in self.outcomes if o.net_latency_s is not None]

    def p(self, q: float) -> float:
        """A latency percentile in milliseconds."""
        return percentile(self.latencies_ms, q)

    @property
    def problems(self) -> list[str]:
        """Unanswered or unfinished interactions, and handler errors."""
        found = [p for o in self.outcomes for p in o.problems]
        if self.step_error:
            found.append(self.step_error)
        return found


class BurstSession(ReplaySession):
    """A ReplaySession that can put many interactions in flight at once and time each of them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.timings: dict[int, Timing] = {}
        # CPU seconds the event loop spent inside the offline Discord (its REST endpoints and the JSON on the wire,
        # building interactions, finding buttons on screen): subtracted to give the bot's own CPU per interaction.
        self.harness_cpu = 0.0
        for name in ("new_interaction",):
            self._charge_to_harness(self.fake, name)
        # The session's own bookkeeping after each step (what every member now sees, finished tasks, unanswered
        # interactions) runs inside the measured window too: it is the harness's work, whatever the bot did.
        for name in ("_find", "_visible", "_forget_finished", "_interaction_problems"):
            self._charge_to_harness(self, name)

    async def _start_one(self, key: str) -> None:
        await super()._start_one(key)
        session = getattr(self._runtimes[key], "session", None)
        if session is not None:
            self._meter(session)

    def _meter(self, session: Any) -> None:
        """Charge a client's whole trip through the offline Discord to the harness: reading the request off the
        wire (URL, JSON), the fake endpoint with its records, and the answer's JSON (Discord's side); then note the
        interaction's answer. discord.py's own work (building the request, parsing the answer) stays the bot's."""
        original = session._perform
        clock = time.thread_time

        def metered(method: str, url: str, kwargs: dict[str, Any]) -> Any:
            started = clock()
            answered = False
            try:
                response = original(method, url, kwargs)
                answered = True
                return response
            finally:
                self.harness_cpu += clock() - started
                if answered:
                    self._note(unquote(url))

        # An instance attribute wraps it for this client only (the next one, after a restart, is metered anew).
        session._perform = metered

    def _charge_to_harness(self, owner: Any, name: str) -> None:
        inner = getattr(owner, name)
        clock = time.thread_time

        def charged(*args: Any, **kwargs: Any) -> Any:
            started = clock()
            try:
                return inner(*args, **kwargs)
            finally:
                self.harness_cpu += clock() - started

        setattr(owner, name, charged)

    async def start(self) -> Any:
        """Start the bot; a failed start-up raises even in a lenient session (nothing after it would mean much)."""
        result = await super().start()
        if result.error:
            await self.close()
            raise ReplayStartupError(result.describe())
        return result

    def _note(self, path: str) -> None:
        now = time.perf_counter()
        callback = _CALLBACK.search(path)
        token = _TOKEN_ID.search(path)
        iid = int(callback.group(1)) if callback else int(token.group(1)) if token else None
        timing = self.timings.get(iid) if iid is not None else None
        if timing is None:
            return
        if callback and timing.ack is None:
            timing.ack = now
        timing.done = now
        timing.harness_done = self.harness_cpu
        timing.requests += 1

    # -- actions (build + feed one interaction; called inside a burst) ------------------------------------------------
    def command_action(self, member: str, path: str, options: Mapping[str, Any] | None = None, **named: Any) -> Action:
        """A slash command, as `ReplaySession.command` would send it."""
        return lambda: self._command_interaction(member, path, {**(options or {}), **named}, channel=None, bot=None)

    def click_action(
        self, member: str, label: str | None = None, *, custom_id: str | None = None, in_: str | None = None
    ) -> Action:
        """A click on the newest button matching `label`/`custom_id` the member sees (looked up when fed)."""

        def act() -> InteractionRecord:
            msg, raw, info, _ = self._find(member, in_, want="button", label=label, custom_id=custom_id, index=None)
            return self._component_interaction(member, msg, raw, info, None)

        return act

    def select_action(
        self, member: str, values: Sequence[Any], *, placeholder: str | None = None, in_: str | None = None
    ) -> Action:
        """Choose values in the newest select matching `placeholder` the member sees (looked up when fed)."""

        def act() -> InteractionRecord:
            msg, raw, info, _ = self._find(
                member, in_, want="select", placeholder=placeholder, custom_id=None, index=None
            )
            resolver = Resolver(self.fake, self.fake.member(member).user.id)
            chosen = select_values(info, list(values), resolver)  # type: ignore[arg-type]
            return self._component_interaction(member, msg, raw, info, chosen, resolver)

        return act

    def raw_component_action(
        self,
        member: str,
        custom_id: str,
        *,
        component_type: int = 2,
        values: Sequence[str] | None = None,
        message: StoredMessage | None = None,
        before_feed: Callable[[InteractionRecord], None] | None = None,
    ) -> Action:
        """A component interaction with any custom id (it need not be on screen), on `message` or the newest one."""

        def act() -> InteractionRecord:
            target = message or self._newest_bot_message(member)
            data: dict[str, Any] = {"custom_id": custom_id, "component_type": component_type}
            if values is not None:
                data["values"] = list(values)
            rec, payload = self.fake.new_interaction(
                self.fake.app(),
                type_=3,
                user_id=self.fake.member(member).user.id,
                channel=self.fake.channel(target.channel_id),
                data=data,
                message=target,
            )
            if before_feed is not None:
                before_feed(rec)
            self._runtimes["bot"].feed("INTERACTION_CREATE", payload)
            return rec

        return act

    def raw_modal_action(self, member: str, custom_id: str, values: Mapping[str, str]) -> Action:
        """A modal submission with any custom id and text inputs {input custom_id: value} (no modal needed)."""

        def act() -> InteractionRecord:
            m = self.fake.member(member)
            components = [
                {"type": 18, "component": {"type": 4, "custom_id": key, "value": value}}
                for key, value in values.items()
            ]
            rec, payload = self.fake.new_interaction(
                self.fake.app(),
                type_=5,
                user_id=m.user.id,
                channel=self.fake.default_channel(),
                data={"custom_id": custom_id, "components": components},
            )
            self._runtimes["bot"].feed("INTERACTION_CREATE", payload)
            return rec

        return act

    def fill_modal_action(self, member: str, text: str) -> Action:
        """Submit the modal open for `member` with `text` in every text input (cut to each input's max_length,
        as Discord's client enforces) and defaults elsewhere."""

        def act() -> InteractionRecord:
            m = self.fake.member(member)
            modal = self.fake.modals.pop(m.user.id, None)
            if modal is None:
                raise LookupError(f"no modal is open for {member}")
            info = comps.modal_info(modal.data)
            answers = {f.label: _within(f, text) for f in info.fields if f.kind == "text_input"}
            for f in info.fields:
                # A required choice: its default, else the first option (the text is what is being tested).
                if f.kind != "text_input" and f.required and f.options:
                    chosen = next((o for o in f.options if o.default), f.options[0])
                    answers[f.label] = [chosen.value]
            components, resolved = modal_submission(modal.data, answers, Resolver(self.fake, m.user.id))
            data: dict[str, Any] = {"custom_id": modal.data.get("custom_id"), "components": components}
            if resolved:
                data["resolved"] = resolved
            message = self.fake.messages.get(modal.message_id or 0)
            rec, payload = self.fake.new_interaction(
                self.fake.app(),
                type_=5,
                user_id=m.user.id,
                channel=self.fake.channel(modal.channel_id),
                data=data,
                message=message if message is not None and not message.deleted else None,
                opened_from=modal.interaction_id,
            )
            self._runtimes["bot"].feed("INTERACTION_CREATE", payload)
            return rec

        return act

    def tampered_command_action(
        self, member: str, path: str, options: Mapping[str, Any], tamper: Mapping[str, Any]
    ) -> Action:
        """A slash command built from valid `options`, then with option values replaced by `tamper` (as a
        modified client could send: choices that don't exist, lengths and ranges Discord would have refused)."""

        def act() -> InteractionRecord:
            m = self.fake.member(member)
            parts = path.split()
            app = self.fake.app()
            command = app.command(self.fake.guild.id, parts[0])
            if command is None:
                raise LookupError(f"no /{parts[0]}")
            channel = self.fake.default_channel()
            data = command_data(self.fake, command, parts[1:], options, Resolver(self.fake, m.user.id))
            _tamper(data, tamper)
            rec, payload = self.fake.new_interaction(
                app, type_=2, user_id=m.user.id, channel=channel, data=data, name=command["name"]
            )
            self._runtimes["bot"].feed("INTERACTION_CREATE", payload)
            return rec

        return act

    def plant_message(
        self, member: str | None, components: list[dict[str, Any]], *, channel: str | None = None
    ) -> StoredMessage:
        """A message the bot "posted earlier" carrying these components (ephemeral to `member` unless None):
        stale cards from an older version, ids with entities that no longer exist, or fuzzed ids."""
        app = self.fake.app()
        where = self.fake.channel(channel) if channel else self.fake.default_channel()
        to = self.fake.member(member).user.id if member else None
        return self.fake.store.create(
            app=app, author_id=app.user.id, channel=where, body={"components": components}, ephemeral_to=to
        )

    def _newest_bot_message(self, member: str) -> StoredMessage:
        for msg in self.fake.messages_for(member, None):
            if msg.app_id is not None:
                return msg
        raise LookupError(f"{member} sees no message from the bot")

    # -- running a burst -------------------------------------------------------------------------------------------
    async def burst(self, actions: Sequence[Action], *, label: str = "burst") -> Burst:
        """Feed every action's interaction at once, wait until the bot has finished with all of them."""
        records: list[InteractionRecord] = []

        async def body(tracker: Any) -> None:
            for act in actions:
                fed, harness_fed = time.perf_counter(), self.harness_cpu
                rec = act()
                self.timings[rec.id] = Timing(fed=fed, harness_fed=harness_fed)
                records.append(rec)

        harness_before, trips_before = self.harness_cpu, round_trips()
        cpu_before = time.thread_time()
        started = time.perf_counter()
        step = await self._step(f"{label} x{len(actions)}", body)
        seconds = time.perf_counter() - started
        loop_cpu = time.thread_time() - cpu_before
        outcomes = tuple(
            Outcome(rec, self.timings[rec.id], tuple(text for text, _ in self._interaction_problems(rec)))
            for rec in records
        )
        return Burst(
            outcomes,
            step.error,
            seconds,
            loop_cpu_s=loop_cpu,
            harness_cpu_s=self.harness_cpu - harness_before,
            round_trips=round_trips() - trips_before,
        )

    async def series(self, actions: Sequence[Action], *, label: str = "series") -> Burst:
        """Feed the actions one at a time, each after the previous one finished: unloaded latency, and the round
        trips of each interaction on its own."""
        bursts = [await self.burst([act], label=label) for act in actions]
        return Burst(
            tuple(o for b in bursts for o in b.outcomes),
            next((b.step_error for b in bursts if b.step_error), None),
            sum(b.seconds for b in bursts),
            loop_cpu_s=sum(b.loop_cpu_s for b in bursts),
            harness_cpu_s=sum(b.harness_cpu_s for b in bursts),
            round_trips=sum(b.round_trips for b in bursts),
            trips_each=tuple(b.round_trips for b in bursts),
        )


# ------------------------------------------------------------------------------------------------- round trips

_trips = [0]


def count_round_trips() -> None:
    """Count every hand-off to an aiosqlite connection's thread from now on (this process; idempotent)."""
    import aiosqlite

    original = aiosqlite.Connection._execute
    if getattr(original, "_parley_counted", False):
        return

    async def counted(self: Any, fn: Any, *args: Any, **kwargs: Any) -> Any:
        _trips[0] += 1
        return await original(self, fn, *args, **kwargs)

    counted._parley_counted = True  # type: ignore[attr-defined]
    aiosqlite.Connection._execute = counted  # type: ignore[method-assign]


def round_trips() -> int:
    """Hand-offs counted so far (0 until count_round_trips() is called)."""
    return _trips[0]


def _within(field: comps.ModalField, text: str) -> str:
    """`text` as Discord's client lets it through a text input: cut to max_length, a required one never empty,
    short ones padded up to min_length."""
    value = text[: field.max_length or 4000]
    if field.required and not value:
        value = "x"
    if value and field.min_length and len(value) < field.min_length:
        value += "." * (field.min_length - len(value))
    return value


def _tamper(data: dict[str, Any], tamper: Mapping[str, Any]) -> None:
    """Replace option values by name anywhere in a command's option tree (adding options that are missing)."""
    container = data
    while container.get("options") and container["options"][0].get("type") in (1, 2):
        container = container["options"][0]
    options = container.setdefault("options", [])
    for name, value in tamper.items():
        for option in options:
            if option.get("name") == name:
                option["value"] = value
                break
        else:
            options.append({"name": name, "type": 3, "value": value})
