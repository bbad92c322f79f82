"""FakeDiscord: the stateful stand-in for Discord's REST API, interaction webhooks and gateway events.

It composes four parts: the World (guild, users, channels, permissions, clock, events, gateway), the MessageStore,
the RestApi and the InteractionApi, which each receive the World (and the store) in their constructor. FakeDiscord
routes HTTP requests to the handlers of the two APIs, validates and records them, and offers the scenario-facing
methods as thin delegations.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Callable, Iterable
from typing import Any

from parley.replay.clock import FakeClock
from parley.replay.errors import ScenarioError
from parley.replay.forums import ForumApi
from parley.replay.guildspec import GuildSpec, MemberSpec
from parley.replay.messages import MessageStore
from parley.replay.model import SEND_MESSAGES, BotApp, Channel, Guild, Member, Role, User
from parley.replay.records import (
    CDN,
    ApiError,
    FakeEvent,
    InteractionRecord,
    OpenModal,
    Response,
    StoredMessage,
)
from parley.replay.rest import RestApi
from parley.replay.results import CapturedRequest, VisibleMessage
from parley.replay.spec import DiscordSpec, Violation
from parley.replay.transport import WireRequest
from parley.replay.webhooks import InteractionApi
from parley.replay.world import GatewayListener, World

log = logging.getLogger(__name__)

__all__ = ["ApiError", "FakeDiscord", "FakeEvent", "InteractionRecord", "OpenModal", "StoredMessage"]

Handler = Callable[..., Response]


class FakeDiscord:
    """Discord as a bot sees it, in memory: one guild, its members, channels and messages, and bot applications."""

    def __init__(
        self,
        guild: GuildSpec | dict[str, Any] | None = None,
        members: Iterable[MemberSpec | dict[str, Any] | str] = (),
        *,
        spec: DiscordSpec | None = None,
        clock: FakeClock | None = None,
        reject_invalid: bool = True,
    ) -> None:
        self.spec = spec
        self.reject_invalid = reject_invalid
        self.world = World(guild, members, clock=clock)
        self.store = MessageStore(self.world)
        self.rest = RestApi(self.world, self.store)
        self.interaction_api = InteractionApi(self.world, self.store)
        self.requests: list[CapturedRequest] = []
        self.violations: list[Violation] = []
        self.problems: list[str] = []
        self.current_step: int | None = None
        self.forums = ForumApi(self.world, self.store)
        # Forums first: PATCH /channels/{id} is theirs (RestApi has no PATCH on a channel itself).
        self._routes = _compile_routes(self.forums, self.rest, self.interaction_api)

    # -- the World's state ---------------------------------------------------------------------------------------------
    @property
    def clock(self) -> FakeClock:
        return self.world.clock

    @property
    def guild_spec(self) -> GuildSpec:
        return self.world.guild_spec

    @property
    def guild(self) -> Guild:
        return self.world.guild

    @property
    def users(self) -> dict[int, User]:
        return self.world.users

    @property
    def apps(self) -> dict[str, BotApp]:
        return self.world.apps

    @property
    def interactions(self) -> dict[int, InteractionRecord]:
        return self.world.interactions

    @property
    def modals(self) -> dict[int, OpenModal]:
        return self.world.modals

    @property
    def events(self) -> list[FakeEvent]:
        return self.world.events

    @property
    def cdn(self) -> dict[str, bytes]:
        return self.world.cdn

    @property
    def dm_channels(self) -> dict[int, int]:
        return self.world.dm_channels

    @property
    def closed_dms(self) -> set[int]:
        return self.world.closed_dms

    @property
    def messages(self) -> dict[int, StoredMessage]:
        return self.store.messages

    # -- the World's lookups and changes -------------------------------------------------------------------------------
    def add_app(self, key: str = "bot", name: str = "Parley") -> BotApp:
        """Register a bot application (its bot user joins the guild with a managed role)."""
        return self.world.add_app(key, name)

    def app(self, key: str | None = None) -> BotApp:
        """The bot application with this key (default: the first one added)."""
        return self.world.app(key)

    def app_by_id(self, app_id: int | None) -> BotApp | None:
        """The application with this id, if any."""
        return self.world.app_by_id(app_id)

    def member(self, name: str) -> Member:
        """The member with this name (username), "@name" accepted."""
        return self.world.member(name)

    def role(self, name: str) -> Role:
        """The role with this name ("@Moderators", "Moderators", "@everyone")."""
        return self.world.role(name)

    def channel(self, ref: str | int) -> Channel:
        """A channel by "#name", name, "dm:member" or id."""
        return self.world.channel(ref)

    def dm_channel(self, user_id: int) -> Channel:
        """The DM channel between the bot(s) and a member (created on first use)."""
        return self.world.dm_channel(user_id)

    def default_channel(self) -> Channel:
        """Where commands run when a step names no channel: the first text channel."""
        return self.world.default_channel()

    def name_of(self, user_id: int | None) -> str | None:
        """The scenario name of a user."""
        return self.world.name_of(user_id)

    def permissions(self, user_id: int, channel: Channel) -> int:
        """Permissions of a user in a channel."""
        return self.world.permissions(user_id, channel)

    def can_use_commands(self, user_id: int, channel: Channel) -> bool:
        """Whether a member sees application commands in a channel."""
        return self.world.can_use_commands(user_id, channel)

    def connect(self, app: BotApp, listener: GatewayListener) -> None:
        """Route gateway events for `app` to `listener` (one running client per app)."""
        self.world.connect(app, listener)

    def disconnect(self, app: BotApp) -> None:
        """Stop sending gateway events to `app`'s client."""
        self.world.disconnect(app)

    def emit(self, event: str, payload: dict[str, Any]) -> None:
        """Send a gateway event to every connected client."""
        self.world.emit(event, payload)

    def guild_payload(self, *, include_state: bool, for_app: BotApp | None = None) -> dict[str, Any]:
        """The guild object (GUILD_CREATE form when `include_state`)."""
        return self.world.guild_payload(include_state=include_state, for_app=for_app)

    def set_overwrite(self, channel: str, target: str, *, allow: Any = None, deny: Any = None) -> Channel:
        """Replace the overwrite of `target` ("@everyone", "@Role", member name, "bot") in a channel."""
        return self.world.set_overwrite(channel, target, allow=allow, deny=deny)

    def set_role_permissions(self, role: str, permissions: Any) -> Role:
        """Set a role's permissions ("bot" names the bot's managed role)."""
        return self.world.set_role_permissions(role, permissions)

    # -- messages ------------------------------------------------------------------------------------------------------
    def visible_to(self, msg: StoredMessage, user_id: int) -> bool:
        """Whether a member can see a message."""
        return self.store.visible_to(msg, user_id)

    def messages_in(self, channel: str | int | Channel, *, visible_to: str | None = None) -> list[StoredMessage]:
        """Messages of a channel, oldest first (ephemeral ones only when `visible_to` is their recipient)."""
        return self.store.messages_in(channel, visible_to=visible_to)

    def messages_for(self, member: str, channel: str | None = None) -> list[StoredMessage]:
        """Messages a member can see (their own ephemeral replies and DMs included), newest first."""
        return self.store.messages_for(member, channel)

    def view(self, msg: StoredMessage, event: str = "created") -> VisibleMessage:
        """A message flattened the way a member reads it."""
        return self.store.view(msg, event)

    def modal_view(self, event: FakeEvent) -> VisibleMessage:
        """An opened modal, as the member it opened for sees it."""
        return self.store.modal_view(event)

    def render_mentions(self, text: str) -> str:
        """Mentions as Discord displays them."""
        return self.store.render_mentions(text)

    def pings(self, msg: StoredMessage) -> list[str]:
        """Who the message notifies, given its allowed_mentions."""
        return self.store.pings(msg)

    def message_payload(self, msg: StoredMessage, *, gateway: bool = False) -> dict[str, Any]:
        """The message object Discord returns (and sends in MESSAGE_CREATE when `gateway`)."""
        return self.store.message_payload(msg, gateway=gateway)

    def upload(self, filename: str, data: bytes, content_type: str = "application/octet-stream") -> dict[str, Any]:
        """An attachment object for a file a member uploads (command option or modal file upload)."""
        return self.store.upload(filename, data, content_type)

    def post_as_member(self, member: str, channel: str, content: str) -> StoredMessage:
        """A member writes a message in a channel (sent to the bots as MESSAGE_CREATE)."""
        m = self.world.member(member)
        ch = self.world.channel(channel)
        if not self.world.permissions(m.user.id, ch) & SEND_MESSAGES:
            raise ScenarioError(f"{member} cannot send messages in {ch.mention}")
        return self.store.create(app=None, author_id=m.user.id, channel=ch, body={"content": content})

    # -- interactions (created by the harness) -------------------------------------------------------------------------
    def new_interaction(
        self,
        app: BotApp,
        *,
        type_: int,
        user_id: int,
        channel: Channel,
        data: dict[str, Any],
        message: StoredMessage | None = None,
        opened_from: int | None = None,
        name: str = "",
        install: str | None = None,
    ) -> tuple[InteractionRecord, dict[str, Any]]:
        """Create an interaction and the INTERACTION_CREATE payload Discord would send for it."""
        return self.interaction_api.new_interaction(
            app,
            type_=type_,
            user_id=user_id,
            channel=channel,
            data=data,
            message=message,
            opened_from=opened_from,
            name=name,
            install=install,
        )

    # -- HTTP entry point ----------------------------------------------------------------------------------------------
    def handle(self, app: BotApp, request: WireRequest) -> Response:
        """Answer one HTTP request from `app`'s client; record it and validate it against the spec."""
        violations: list[Violation] = []
        if self.spec is not None and request.path.startswith("/") and not request.path.startswith("/cdn"):
            violations = self.spec.validate_request(
                request.method, request.path, request.body, content_type=request.content_type or "application/json"
            )
        try:
            if violations and self.reject_invalid:
                # What Discord does with a body its schema rejects (or a route it does not have).
                if any(v.message.startswith(("path not in", "the spec has no")) for v in violations):
                    raise ApiError(404, 0, "404: Not Found")
                raise ApiError(400, 50035, "Invalid Form Body", {"_spec": [v.to_dict() for v in violations]})
            status, body = self._route(app, request)
        except ApiError as exc:
            status, body = exc.status, exc.body()
            if exc.errors and "_rules" in exc.errors:
                for pointer, message in (exc.errors or {}).get("_rules", []):
                    violations.append(
                        Violation(request.method, request.path, message, pointer=pointer, source="discord")
                    )
                body.pop("errors", None)
            if exc.errors and "_spec" in exc.errors:
                body["errors"] = _error_tree(exc.errors["_spec"])
        for v in violations:
            self.violations.append(dataclasses.replace(v, step=self.current_step))
        self.requests.append(
            CapturedRequest(
                seq=len(self.requests),
                app=app.key,
                method=request.method,
                path=request.path,
                query=dict(request.query),
                # Both are the fake's own: the request body was decoded from the wire for this request
                # (transport._decode_body), and handlers answer with freshly built JSON (message_payload, payload(),
                # jcopy of stored state) that goes out serialised. Copying them again was most of a click's cost here.
                body=request.body,
                files=request.files,
                content_type=request.content_type,
                status=status,
                response=body,
            )
        )
        return status, body

    def cdn_get(self, url: str) -> Response:
        """Serve an attachment a member or bot uploaded."""
        key = url.split("?", 1)[0].replace("https://media.discordapp.net", CDN)
        if key in self.world.cdn:
            return 200, self.world.cdn[key]
        return 404, {"message": "404: Not Found", "code": 0}

    def _route(self, app: BotApp, request: WireRequest) -> Response:
        for method, pattern, handler in self._routes:
            if method != request.method:
                continue
            m = pattern.fullmatch(request.path)
            if m:
                return handler(app, request, **m.groupdict())
        known = self.spec.knows_path(request.path) if self.spec else True
        message = f"replay: the fake Discord does not implement {request.method} {request.path}"
        if known:
            self.problems.append(message)
            log.warning("%s", message)
        return 404, {"message": "404: Not Found", "code": 0}


def _error_tree(violations: list[dict[str, Any]]) -> dict[str, Any]:
    """Discord's nested `errors` object for an Invalid Form Body answer."""
    tree: dict[str, Any] = {}
    for v in violations:
        node = tree
        for part in [p for p in v["pointer"].split("/") if p]:
            node = node.setdefault(part, {})
        node.setdefault("_errors", []).append({"code": "BASE_TYPE_INVALID", "message": v["message"]})
    return tree


def _compile_routes(*parts: ForumApi | RestApi | InteractionApi) -> list[tuple[str, re.Pattern[str], Handler]]:
    """Each part's ROUTES, as (method, compiled path, bound handler), in the parts' order."""
    routes = []
    for part in parts:
        for method, template, handler in part.ROUTES:
            pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template))
            routes.append((method, re.compile(pattern), getattr(part, handler)))
    return routes
