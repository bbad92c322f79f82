"""Running a real discord.py client against the fake Discord: login, gateway feed, task tracking, shutdown.

Relies on these discord.py 2.7 internals (checked by tests/replay):
- `HTTPClient._HTTPClient__session` (the aiohttp session; interactions and webhooks reuse it) and
  `HTTPClient.static_login` (replaced per client instance so login does GET /users/@me through the fake);
- `ConnectionState.parsers` (raw gateway event name -> parser) and `ConnectionState.guild_ready_timeout`;
- `Client.ws` / `AutoShardedClient._AutoShardedClient__shards` and `__queue` (a stand-in gateway object).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import traceback
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import discord
from discord.http import Route

from parley.replay.errors import ReplayStartupError
from parley.replay.fake import FakeDiscord
from parley.replay.model import BotApp
from parley.replay.transport import FakeSession

log = logging.getLogger(__name__)

BotFactory = Callable[[], Awaitable[discord.Client]]

# Coroutines that legitimately outlive the step that started them (timers, loops, typing indicators).
_BACKGROUND_QUALNAMES = frozenset(
    {
        "BaseView.__timeout_task_impl",
        "Loop._loop",
        "Typing.do_typing",
        "Message.delete.<locals>.delete",
    }
)


@dataclass
class Tracker:
    """Collects the tasks and logged errors that descend from one step (via a context variable)."""

    label: str
    tasks: list[asyncio.Task[Any]] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (summary, details)


_CURRENT: contextvars.ContextVar[Tracker | None] = contextvars.ContextVar("parley_replay_tracker", default=None)
# The client ("process") whose code is running: tasks created under it die with it on restart.
_RUNTIME: contextvars.ContextVar[BotRuntime | None] = contextvars.ContextVar("parley_replay_runtime", default=None)


def current_tracker() -> Tracker | None:
    """The tracker of the running step, if any."""
    return _CURRENT.get()


@contextlib.contextmanager
def tracking(tracker: Tracker) -> Any:
    """Run a block with `tracker` current: tasks created inside (and their children) belong to it."""
    token = _CURRENT.set(tracker)
    try:
        yield tracker
    finally:
        _CURRENT.reset(token)


def is_background(task: asyncio.Task[Any]) -> bool:
    """Whether a task is a timer/loop a step should not wait for."""
    coro = task.get_coro()
    qualname = getattr(coro, "__qualname__", "") or ""
    return (
        qualname in _BACKGROUND_QUALNAMES
        or qualname.endswith(".inner_call")
        or task.get_name().startswith("replay-background")
    )


class _ErrorCapture(logging.Handler):
    """Turns ERROR log records emitted inside a tracked step into step errors (that is where discord.py
    reports exceptions from commands, views, modals and event listeners)."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)

    def emit(self, record: logging.LogRecord) -> None:
        tracker = _CURRENT.get()
        if tracker is None:
            return
        summary = record.getMessage()
        details = ""
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            summary = f"{summary}: {_describe(exc)}"
            details = "".join(traceback.format_exception(*record.exc_info))
        tracker.errors.append((summary, details))


def _describe(exc: BaseException) -> str:
    """`Type: message` of the innermost cause (discord.py wraps handler errors in CommandInvokeError etc.)."""
    seen = {id(exc)}
    inner = exc
    cause = exc.__cause__ or exc.__context__
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        inner = cause
        cause = cause.__cause__ or cause.__context__
    return f"{type(inner).__name__}: {inner}"


class _LoopWatch:
    """The task factory installed on one loop (shared by every session on it, reference counted)."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.previous = loop.get_task_factory()
        self.users = 0

    def factory(self, loop: asyncio.AbstractEventLoop, coro: Any, **kwargs: Any) -> asyncio.Task[Any]:
        context = kwargs.get("context")
        if context is not None:
            tracker, runtime = context.get(_CURRENT), context.get(_RUNTIME)
        else:
            tracker, runtime = _CURRENT.get(), _RUNTIME.get()
        if self.previous is not None:
            task = self.previous(loop, coro, **kwargs)
        else:
            task = asyncio.Task(coro, loop=loop, **kwargs)
        if tracker is not None:
            tracker.tasks.append(task)
        if runtime is not None:
            runtime.tasks.append(task)
        return task


_WATCHES: dict[asyncio.AbstractEventLoop, _LoopWatch] = {}
_CAPTURE = _ErrorCapture()


class TaskWatch:
    """Files every task created on the loop under the tracker (step) and runtime (client) current at creation,
    and turns errors logged inside a step into step errors. One factory per loop, shared between sessions."""

    def __init__(self) -> None:
        self._watch: _LoopWatch | None = None

    def install(self) -> None:
        """Start watching the running loop."""
        if self._watch is not None:
            return
        loop = asyncio.get_running_loop()
        watch = _WATCHES.get(loop)
        if watch is None:
            watch = _WATCHES[loop] = _LoopWatch(loop)
            loop.set_task_factory(watch.factory)  # type: ignore[arg-type]
        if not any(w.users for w in _WATCHES.values()):
            logging.getLogger().addHandler(_CAPTURE)
        watch.users += 1
        self._watch = watch

    def uninstall(self) -> None:
        """Stop watching (the factory is removed when the last session on the loop is done)."""
        watch, self._watch = self._watch, None
        if watch is None:
            return
        watch.users -= 1
        if watch.users == 0:
            _WATCHES.pop(watch.loop, None)
            if watch.loop.get_task_factory() == watch.factory:
                watch.loop.set_task_factory(watch.previous)
        if not any(w.users for w in _WATCHES.values()):
            logging.getLogger().removeHandler(_CAPTURE)


async def settle(tracker: Tracker, *, limit: float, runtimes: list[BotRuntime]) -> list[asyncio.Task[Any]]:
    """Wait until every non-background task of the step is done; returns the ones still running at timeout."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while True:
        # Let call_soon callbacks (gateway events we scheduled) run and newly created tasks start.
        for _ in range(4):
            await asyncio.sleep(0)
        if any(r.inflight for r in runtimes):
            continue
        pending = [t for t in tracker.tasks if not t.done() and not is_background(t)]
        if not pending:
            return []
        remaining = deadline - loop.time()
        if remaining <= 0:
            return pending
        await asyncio.wait(pending, timeout=remaining)


def collect_task_errors(tracker: Tracker) -> None:
    """Record exceptions that escaped tracked tasks (and mark them retrieved)."""
    for task in tracker.tasks:
        if task.done() and not task.cancelled():
            exc = task.exception()
            if exc is not None:
                details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
                tracker.errors.append((f"unhandled exception in task {task.get_name()}: {_describe(exc)}", details))


class FakeGateway:
    """Stands in for discord.py's DiscordWebSocket: presence updates and member chunk requests are answered here."""

    def __init__(self, runtime: BotRuntime, shard_id: int | None = None, shard_count: int | None = None) -> None:
        self._runtime = runtime
        self.shard_id = shard_id
        self.shard_count = shard_count
        self.session_id = "replay-session"
        self.sequence = 0
        self.gateway = "wss://gateway.discord.gg"
        self.resume_gateway = self.gateway
        self.latency = 0.0
        self.open = True

    def is_ratelimited(self) -> bool:
        """Never rate limited."""
        return False

    async def change_presence(self, *, activity: Any = None, status: Any = None, since: float = 0.0) -> None:
        """Record the bot's presence on the fake Discord."""
        self._runtime.app.presence = {
            "activity": activity.to_dict() if activity is not None else None,
            "status": str(status) if status is not None else "online",
        }

    async def request_chunks(
        self,
        guild_id: int,
        query: str | None = None,
        *,
        limit: int,
        user_ids: list[int] | None = None,
        presences: bool = False,
        nonce: str | None = None,
    ) -> None:
        """Answer a member chunk request with GUILD_MEMBERS_CHUNK."""
        fake = self._runtime.fake
        members = list(fake.guild.members.values())
        if user_ids:
            members = [m for m in members if m.user.id in set(user_ids)]
        elif query:
            members = [m for m in members if m.user.username.casefold().startswith(query.casefold())]
        if limit:
            members = members[:limit]
        payload = {
            "guild_id": str(guild_id),
            "members": [m.payload() for m in members],
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
        }
        if nonce is not None:
            payload["nonce"] = nonce
        self._runtime.deliver("GUILD_MEMBERS_CHUNK", payload)

    async def voice_state(self, *args: Any, **kwargs: Any) -> None:
        """Voice is not simulated."""
        raise RuntimeError("replay: voice is not supported by the fake Discord")

    async def close(self, code: int = 1000) -> None:
        """Close the stand-in connection."""
        self.open = False


class _FakeShard:
    def __init__(self, shard_id: int, ws: FakeGateway) -> None:
        self.id = shard_id
        self.ws = ws

    async def close(self) -> None:
        await self.ws.close()

    async def disconnect(self) -> None:
        await self.ws.close()

    async def reconnect(self) -> None:
        return None


class BotRuntime:
    """One running client ("process") of a bot application on the fake Discord."""

    def __init__(self, fake: FakeDiscord, app: BotApp, factory: BotFactory, *, generation: int) -> None:
        self.fake = fake
        self.app = app
        self.factory = factory
        self.generation = generation
        self.tasks: list[asyncio.Task[Any]] = []
        self.bot: discord.Client | None = None
        self.inflight = 0
        self.closed = False
        self.session: FakeSession | None = None

    @property
    def client(self) -> discord.Client:
        """The running client."""
        if self.bot is None:
            raise RuntimeError("bot not started")
        return self.bot

    async def start(self, *, ready_timeout: float = 10.0) -> None:
        """Build the client with the factory, log in through the fake (setup_hook runs), feed READY + GUILD_CREATE."""
        token = _RUNTIME.set(self)
        try:
            await self._start(ready_timeout)
        finally:
            _RUNTIME.reset(token)

    async def _start(self, ready_timeout: float) -> None:
        bot = await self.factory()
        if not isinstance(bot, discord.Client):
            raise ReplayStartupError(f"bot factory returned {type(bot).__name__}, not a discord.Client")
        self.bot = bot
        self._install(bot)
        state = bot._connection
        # The bot must believe its application id is the fake's (Discord sends it in READY).
        state.application_id = self.app.id
        await bot.login(self.app.token)
        self.register_local_commands()
        self.fake.connect(self.app, self.deliver)
        original_timeout = state.guild_ready_timeout
        state.guild_ready_timeout = 0.01  # no more GUILD_CREATEs will come: don't wait the default 2 s
        try:
            self._feed_ready(bot)
            await asyncio.wait_for(bot.wait_until_ready(), timeout=ready_timeout)
        except TimeoutError as exc:
            raise ReplayStartupError("the client did not become ready") from exc
        finally:
            state.guild_ready_timeout = original_timeout

    def _install(self, bot: discord.Client) -> None:
        http = bot.http
        session = self.session = FakeSession(self.fake, self.app)

        async def static_login(token: str) -> Any:
            # Same as HTTPClient.static_login, minus the real aiohttp session.
            http._HTTPClient__session = session  # type: ignore[attr-defined]
            http._global_over = asyncio.Event()
            http._global_over.set()
            http.token = token
            return await http.request(Route("GET", "/users/@me"))

        http.static_login = static_login  # type: ignore[method-assign]
        if isinstance(bot, discord.AutoShardedClient):
            count = bot.shard_count or 1
            bot.shard_count = count
            bot._connection.shard_count = count
            ids = list(bot.shard_ids) if bot.shard_ids is not None else list(range(count))
            bot._connection.shard_ids = ids  # type: ignore[attr-defined]
            bot._AutoShardedClient__shards = {  # type: ignore[attr-defined]
                sid: _FakeShard(sid, FakeGateway(self, sid, count)) for sid in ids
            }
            bot._AutoShardedClient__queue = asyncio.PriorityQueue()  # type: ignore[attr-defined]
        else:
            bot.ws = FakeGateway(self, bot.shard_id, bot.shard_count)  # type: ignore[assignment]

    def _feed_ready(self, bot: discord.Client) -> None:
        guild_id = self.fake.guild.id
        user = {**self.app.user.payload(), "verified": True, "mfa_enabled": False, "email": None, "bot": True}
        if isinstance(bot, discord.AutoShardedClient):
            count = bot.shard_count or 1
            shard_ids = list(bot._connection.shard_ids)  # type: ignore[attr-defined]
            guild_shard = (guild_id >> 22) % count
        else:
            count = bot.shard_count or 1
            shard_ids = [bot.shard_id or 0]
            guild_shard = shard_ids[0]
        for sid in shard_ids:
            guilds = [{"id": str(guild_id), "unavailable": True}] if sid == guild_shard else []
            self.feed(
                "READY",
                {
                    "v": 10,
                    "user": user,
                    "guilds": guilds,
                    "session_id": f"replay-{self.generation}-{sid}",
                    "resume_gateway_url": "wss://gateway.discord.gg",
                    "shard": [sid, count],
                    "application": {"id": str(self.app.id), "flags": 0},
                    "private_channels": [],
                    "relationships": [],
                    "presences": [],
                    "guild_join_requests": [],
                    "geo_ordered_rtc_regions": [],
                    "user_settings": {},
                    "auth": {},
                },
            )
        if guild_shard in shard_ids:
            self.feed("GUILD_CREATE", self.fake.guild_payload(include_state=True, for_app=self.app))

    def register_local_commands(self) -> None:
        """Expose the client's command tree to the fake Discord, as if it had been synced earlier."""
        tree = getattr(self.bot, "tree", None)
        if tree is None:
            return
        previous = dict(self.app.local)
        self.app.local.clear()
        for gid in (None, self.fake.guild.id):
            target = None if gid is None else discord.Object(gid)
            for command in tree.get_commands(guild=target):
                payload = command.to_dict(tree)
                key = (gid, payload["name"], payload.get("type", 1))
                self.app.local[key] = self.fake.rest.command_response(self.app, gid, payload, previous.get(key))

    # -- gateway events ------------------------------------------------------------------------------------------------
    def feed(self, event: str, payload: dict[str, Any]) -> None:
        """Hand a raw gateway event to the client's parser now."""
        parser = self.client._connection.parsers.get(event)
        if parser is None:
            log.debug("no parser for gateway event %s", event)
            return
        token = _RUNTIME.set(self)
        try:
            parser(payload)
        finally:
            _RUNTIME.reset(token)

    def deliver(self, event: str, payload: dict[str, Any]) -> None:
        """Queue a gateway event the fake Discord emitted (processed on the next loop turn, like a real socket)."""
        if self.closed or self.bot is None or not self._wants(event, payload):
            return
        self.inflight += 1
        asyncio.get_running_loop().call_soon(self._deliver_now, event, payload)

    def _deliver_now(self, event: str, payload: dict[str, Any]) -> None:
        self.inflight -= 1
        if self.closed:
            return
        try:
            self.feed(event, payload)
        except Exception:
            log.exception("replay: the client failed to parse gateway event %s", event)

    def _wants(self, event: str, payload: dict[str, Any]) -> bool:
        intents = self.client.intents
        if event.startswith("MESSAGE_"):
            in_guild = "guild_id" in payload
            if not (intents.guild_messages if in_guild else intents.dm_messages):
                return False
            if event != "MESSAGE_DELETE" and not intents.message_content:
                author = (payload.get("author") or {}).get("id")
                mentioned = any(u.get("id") == str(self.app.id) for u in payload.get("mentions", []))
                if author != str(self.app.id) and not mentioned and in_guild:
                    # Discord blanks message content for bots without the privileged intent.
                    payload.update(content="", embeds=[], attachments=[], components=[])
            return True
        if event == "GUILD_MEMBERS_CHUNK":
            return True  # the answer to the client's own request
        if event == "GUILD_MEMBER_UPDATE":
            return intents.members
        return intents.guilds

    async def stop(self) -> None:
        """Close the client like a process exit; cancel whatever it left running."""
        self.fake.disconnect(self.app)
        self.closed = True
        if self.bot is not None and not self.bot.is_closed():
            token = _RUNTIME.set(self)
            try:
                await self.bot.close()
            except Exception:
                log.exception("replay: closing the client failed")
            finally:
                _RUNTIME.reset(token)
        leftovers = [t for t in self.tasks if not t.done()]
        current = asyncio.current_task()
        leftovers = [t for t in leftovers if t is not current]
        for task in leftovers:
            task.cancel()
        if leftovers:
            await asyncio.gather(*leftovers, return_exceptions=True)
