"""FakeDiscord: the stateful stand-in for Discord's REST API, interaction webhooks and gateway events."""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Callable, Iterable
from typing import Any

from parley.replay.clock import FakeClock
from parley.replay.errors import ScenarioError
from parley.replay.guildspec import ChannelSpec, GuildSpec, MemberSpec, OverwriteSpec
from parley.replay.jcopy import jcopy
from parley.replay.messages import MessageStore
from parley.replay.records import (
    ATTACHMENT_SIZE_LIMIT,
    CDN,
    ApiError,
    FakeEvent,
    InteractionRecord,
    OpenModal,
    Response,
    StoredMessage,
)
from parley.replay.rest import RestApi
from parley.replay.results import CapturedRequest
from parley.replay.spec import DiscordSpec, Violation
from parley.replay.transport import WireRequest
from parley.replay.webhooks import InteractionApi
from parley.replay.world import (
    ADMINISTRATOR,
    CHANNEL_TYPES,
    DEFAULT_BOT,
    DEFAULT_EVERYONE,
    SEND_MESSAGES,
    USE_COMMANDS,
    VIEW_CHANNEL,
    BotApp,
    Channel,
    Guild,
    Member,
    Overwrite,
    Role,
    User,
    iso,
    parse_permissions,
)

log = logging.getLogger(__name__)

__all__ = ["ApiError", "FakeDiscord", "FakeEvent", "InteractionRecord", "OpenModal", "StoredMessage"]


GatewayListener = Callable[[str, dict[str, Any]], None]


class FakeDiscord(MessageStore, RestApi, InteractionApi):
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
        self.clock = clock or FakeClock()
        self.spec = spec
        self.reject_invalid = reject_invalid
        self.guild_spec = GuildSpec.from_dict(guild)
        self.users: dict[int, User] = {}
        self.apps: dict[str, BotApp] = {}
        self.messages: dict[int, StoredMessage] = {}
        self.interactions: dict[int, InteractionRecord] = {}
        self.modals: dict[int, OpenModal] = {}
        self.requests: list[CapturedRequest] = []
        self.events: list[FakeEvent] = []
        self.violations: list[Violation] = []
        self.problems: list[str] = []
        self.cdn: dict[str, bytes] = {}
        self.dm_channels: dict[int, int] = {}
        self.closed_dms: set[int] = set()
        self.current_step: int | None = None
        self._listeners: dict[int, GatewayListener] = {}
        self._dm: dict[int, Channel] = {}
        self._pending_bot_overwrites: list[tuple[Channel, OverwriteSpec]] = []
        self._routes = _build_routes()
        self.guild = self._build_guild(self.guild_spec, [MemberSpec.from_dict(m) for m in members])

    # -- world construction --------------------------------------------------------------------------------------------
    def _build_guild(self, spec: GuildSpec, members: list[MemberSpec]) -> Guild:
        gid = self.clock.snowflake()
        guild = Guild(id=gid, name=spec.name, locale=spec.locale, owner_id=0, features=list(spec.features))
        everyone_perms = (
            DEFAULT_EVERYONE
            if spec.everyone_permissions is None
            else parse_permissions(spec.everyone_permissions, where="everyone_permissions")
        )
        guild.roles[gid] = Role(id=gid, name="@everyone", permissions=everyone_perms, position=0)
        for pos, rspec in enumerate(spec.roles, start=1):
            rid = self.clock.snowflake()
            perms = parse_permissions(rspec.permissions, where=f"role {rspec.name}")
            guild.roles[rid] = Role(
                id=rid,
                name=rspec.name,
                permissions=perms,
                position=pos,
                color=rspec.color,
                mentionable=rspec.mentionable,
                hoist=rspec.hoist,
            )
        admin_role_id: int | None = None
        if any(m.admin for m in members):
            admin_role_id = self.clock.snowflake()
            guild.roles[admin_role_id] = Role(
                id=admin_role_id, name="Admin", permissions=ADMINISTRATOR, position=len(guild.roles)
            )
        if not any(m.owner for m in members):
            members = [*members, MemberSpec(name="server-owner", admin=False, owner=True)]
        self.guild = guild
        for mspec in members:
            uid = self.clock.snowflake()
            user = User(id=uid, username=mspec.name, global_name=mspec.nick or mspec.name, locale=mspec.locale)
            self.users[uid] = user
            role_ids = [self._role_named(guild, r).id for r in mspec.roles]
            if mspec.admin and admin_role_id:
                role_ids.append(admin_role_id)
            guild.members[uid] = Member(user=user, roles=role_ids, joined_at=self.clock.now(), nick=mspec.nick)
            if mspec.owner and not guild.owner_id:
                guild.owner_id = uid
            if not mspec.dms:
                self.closed_dms.add(uid)
        categories = {c.name: c for c in spec.channels if c.kind == "category"}
        cat_ids: dict[str, int] = {}
        for cspec in categories.values():
            cat_ids[cspec.name] = self._add_channel(guild, cspec, None).id
        for cspec in spec.channels:
            if cspec.kind == "category":
                continue
            if cspec.category and cspec.category not in cat_ids:
                raise ScenarioError(f"channel #{cspec.name}: unknown category {cspec.category!r}")
            self._add_channel(guild, cspec, cat_ids.get(cspec.category or ""))
        return guild

    def _add_channel(self, guild: Guild, cspec: ChannelSpec, parent_id: int | None) -> Channel:
        cid = self.clock.snowflake()
        channel = Channel(
            id=cid,
            name=cspec.name,
            type=CHANNEL_TYPES[cspec.kind],
            guild_id=guild.id,
            position=len(guild.channels),
            parent_id=parent_id,
            topic=cspec.topic,
            nsfw=cspec.nsfw,
        )
        for ow in cspec.overwrites:
            target = ow.target
            if target == "bot" or target.startswith("bot:"):
                self._pending_bot_overwrites.append((channel, ow))
                continue
            channel.overwrites.append(self._overwrite_for(guild, target, ow.allow, ow.deny))
        guild.channels[cid] = channel
        return channel

    def _overwrite_for(self, guild: Guild, target: str, allow: Any, deny: Any) -> Overwrite:
        allow_bits = parse_permissions(allow, where=f"overwrite {target} allow")
        deny_bits = parse_permissions(deny, where=f"overwrite {target} deny")
        if target in ("@everyone", "everyone"):
            return Overwrite(guild.id, 0, allow_bits, deny_bits)
        if target.startswith("@"):
            return Overwrite(self._role_named(guild, target).id, 0, allow_bits, deny_bits)
        if target == "bot" or target.startswith("bot:"):
            app = self.app(target[4:] if target.startswith("bot:") else None)
            return Overwrite(app.user.id, 1, allow_bits, deny_bits)
        return Overwrite(self.member(target).user.id, 1, allow_bits, deny_bits)

    @staticmethod
    def _role_named(guild: Guild, name: str) -> Role:
        wanted = name.lstrip("@")
        if wanted == "everyone":
            return guild.everyone
        for role in guild.roles.values():
            if role.name == wanted:
                return role
        for role in guild.roles.values():
            if role.name.casefold() == wanted.casefold():
                return role
        raise ScenarioError(f"unknown role {name!r}; roles: {[r.name for r in guild.roles.values()]}")

    def add_app(self, key: str = "bot", name: str = "Parley") -> BotApp:
        """Register a bot application (its bot user joins the guild with a managed role)."""
        if key in self.apps:
            return self.apps[key]
        app_id = self.clock.snowflake()
        user = User(id=app_id, username=name, global_name=None, bot=True)
        role_id = self.clock.snowflake()
        perms = (
            DEFAULT_BOT
            if self.guild_spec.bot_permissions is None
            else parse_permissions(self.guild_spec.bot_permissions, where="bot_permissions")
        )
        self.guild.roles[role_id] = Role(
            id=role_id, name=name, permissions=perms, position=len(self.guild.roles), managed=True, bot_id=app_id
        )
        self.users[app_id] = user
        self.guild.members[app_id] = Member(user=user, roles=[role_id], joined_at=self.clock.now())
        app = BotApp(
            key=key,
            id=app_id,
            user=user,
            token=f"replay.{key}.{app_id}",
            role_id=role_id,
            owner_id=self.guild.owner_id,
        )
        first = not self.apps
        self.apps[key] = app
        for channel, ow in list(self._pending_bot_overwrites):
            wanted = ow.target[4:] if ow.target.startswith("bot:") else None
            if (wanted is None and first) or wanted == key:
                channel.overwrites.append(self._overwrite_for(self.guild, f"bot:{key}", ow.allow, ow.deny))
                self._pending_bot_overwrites.remove((channel, ow))
        return app

    # -- lookups -------------------------------------------------------------------------------------------------------
    def app(self, key: str | None = None) -> BotApp:
        """The bot application with this key (default: the first one added)."""
        if not self.apps:
            raise ScenarioError("no bot application registered")
        if key is None:
            return next(iter(self.apps.values()))
        try:
            return self.apps[key]
        except KeyError:
            raise ScenarioError(f"unknown bot {key!r}; bots: {sorted(self.apps)}") from None

    def app_by_id(self, app_id: int | None) -> BotApp | None:
        """The application with this id, if any."""
        return next((a for a in self.apps.values() if a.id == app_id), None)

    def member(self, name: str) -> Member:
        """The member with this name (username), "@name" accepted."""
        wanted = name.lstrip("@")
        for member in self.guild.members.values():
            if member.user.username == wanted and not member.user.bot:
                return member
        for member in self.guild.members.values():
            if member.user.username.casefold() == wanted.casefold():
                return member
        humans = [m.user.username for m in self.guild.members.values() if not m.user.bot]
        raise ScenarioError(f"unknown member {name!r}; members: {humans}")

    def role(self, name: str) -> Role:
        """The role with this name ("@Moderators", "Moderators", "@everyone")."""
        return self._role_named(self.guild, name)

    def channel(self, ref: str | int) -> Channel:
        """A channel by "#name", name or id."""
        if isinstance(ref, int):
            channel = self._any_channel(ref)
            if channel is None:
                raise ScenarioError(f"unknown channel id {ref}")
            return channel
        wanted = ref.lstrip("#")
        for channel in self.guild.channels.values():
            if channel.name == wanted:
                return channel
        for channel in self.guild.channels.values():
            if channel.name.casefold() == wanted.casefold():
                return channel
        if ref.startswith("dm:"):
            member = self.member(ref[3:])
            cid = self.dm_channels.get(member.user.id)
            if cid is not None:
                return self._dm[cid]
        raise ScenarioError(f"unknown channel {ref!r}; channels: {[c.mention for c in self.guild.channels.values()]}")

    def _any_channel(self, cid: int) -> Channel | None:
        channel = self.guild.channels.get(cid)
        if channel is None:
            channel = self._dm.get(cid)
        return channel

    def default_channel(self) -> Channel:
        """Where commands run when a step names no channel: the first text channel."""
        for channel in self.guild.text_channels():
            return channel
        raise ScenarioError("the guild has no text channel")

    def name_of(self, user_id: int | None) -> str | None:
        """The scenario name of a user."""
        if user_id is None:
            return None
        user = self.users.get(user_id)
        return user.username if user else str(user_id)

    def permissions(self, user_id: int, channel: Channel) -> int:
        """Permissions of a user in a channel."""
        return self.guild.channel_permissions(user_id, channel)

    # -- gateway -------------------------------------------------------------------------------------------------------
    def connect(self, app: BotApp, listener: GatewayListener) -> None:
        """Route gateway events for `app` to `listener` (one running client per app)."""
        self._listeners[app.id] = listener

    def disconnect(self, app: BotApp) -> None:
        """Stop sending gateway events to `app`'s client."""
        self._listeners.pop(app.id, None)

    def emit(self, event: str, payload: dict[str, Any]) -> None:
        """Send a gateway event to every connected client."""
        for listener in list(self._listeners.values()):
            listener(event, jcopy(payload))

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
    ) -> tuple[InteractionRecord, dict[str, Any]]:
        """Create an interaction and the INTERACTION_CREATE payload Discord would send for it."""
        iid = self.clock.snowflake()
        rec = InteractionRecord(
            id=iid,
            token=f"aW50ZXJhY3Rpb246{iid}:replay-token",
            app_id=app.id,
            type=type_,
            user_id=user_id,
            guild_id=channel.guild_id,
            channel_id=channel.id,
            name=name,
            message_id=message.id if message else None,
            opened_from=opened_from,
        )
        self.interactions[iid] = rec
        user = self.users[user_id]
        perms = self.permissions(user_id, channel)
        payload: dict[str, Any] = {
            "id": str(iid),
            "application_id": str(app.id),
            "type": type_,
            "data": data,
            "token": rec.token,
            "version": 1,
            "app_permissions": str(self.permissions(app.user.id, channel)),
            "locale": user.locale,
            "entitlements": [],
            "entitlement_sku_ids": [],
            "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
            "channel_id": str(channel.id),
            "channel": {**channel.payload(self.users), "permissions": str(perms)},
        }
        if channel.guild_id is not None:
            member = self.guild.members[user_id]
            payload.update(
                guild_id=str(self.guild.id),
                guild={"id": str(self.guild.id), "locale": self.guild.locale, "features": list(self.guild.features)},
                guild_locale=self.guild.locale,
                member=member.payload(permissions=perms),
                authorizing_integration_owners={"0": str(self.guild.id)},
                context=0,
            )
        else:
            payload.update(user=user.payload(), authorizing_integration_owners={"1": str(user_id)}, context=1)
        if message is not None:
            payload["message"] = self.message_payload(message)
        return rec, payload

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
                body=jcopy(request.body),
                files=request.files,
                content_type=request.content_type,
                status=status,
                response=jcopy(body),
            )
        )
        return status, body

    def cdn_get(self, url: str) -> Response:
        """Serve an attachment a member or bot uploaded."""
        key = url.split("?", 1)[0].replace("https://media.discordapp.net", CDN)
        if key in self.cdn:
            return 200, self.cdn[key]
        return 404, {"message": "404: Not Found", "code": 0}

    def _route(self, app: BotApp, request: WireRequest) -> Response:
        for method, pattern, handler in self._routes:
            if method != request.method:
                continue
            m = pattern.fullmatch(request.path)
            if m:
                return handler(self, app, request, **m.groupdict())
        known = self.spec.knows_path(request.path) if self.spec else True
        message = f"replay: the fake Discord does not implement {request.method} {request.path}"
        if known:
            self.problems.append(message)
            log.warning("%s", message)
        return 404, {"message": "404: Not Found", "code": 0}

    def guild_payload(self, *, include_state: bool, for_app: BotApp | None = None) -> dict[str, Any]:
        """The guild object (GUILD_CREATE form when `include_state`)."""
        g = self.guild
        data: dict[str, Any] = {
            "id": str(g.id),
            "name": g.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(g.owner_id),
            "region": "deprecated",
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 1,
            "default_message_notifications": 1,
            "explicit_content_filter": 2,
            "roles": [r.payload() for r in g.roles.values()],
            "emojis": [],
            "stickers": [],
            "features": list(g.features),
            "mfa_level": 0,
            "application_id": None,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "max_members": 500000,
            "max_presences": None,
            "max_video_channel_users": 25,
            "max_stage_video_channel_users": 50,
            "vanity_url_code": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": g.locale,
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "incidents_data": None,
        }
        if include_state:
            data.update(
                joined_at=iso(g.members[for_app.user.id].joined_at) if for_app else iso(self.clock.now()),
                large=False,
                unavailable=False,
                member_count=len(g.members),
                voice_states=[],
                members=[m.payload() for m in g.members.values()],
                channels=[c.payload() for c in g.channels.values() if not c.is_thread],
                threads=[c.payload() for c in g.channels.values() if c.is_thread],
                presences=[],
                stage_instances=[],
                guild_scheduled_events=[],
                soundboard_sounds=[],
                lazy=True,
            )
        return data

    # -- changes a scenario makes --------------------------------------------------------------------------------------
    def set_overwrite(self, channel: str, target: str, *, allow: Any = None, deny: Any = None) -> Channel:
        """Replace the overwrite of `target` ("@everyone", "@Role", member name, "bot") in a channel."""
        ch = self.channel(channel)
        ow = self._overwrite_for(self.guild, target, allow, deny)
        ch.overwrites = [o for o in ch.overwrites if (o.type, o.id) != (ow.type, ow.id)]
        if ow.allow or ow.deny:
            ch.overwrites.append(ow)
        self.emit("CHANNEL_UPDATE", ch.payload())
        return ch

    def set_role_permissions(self, role: str, permissions: Any) -> Role:
        """Set a role's permissions ("bot" names the bot's managed role)."""
        r = self.guild.roles[self.app(None).role_id] if role == "bot" else self.role(role)
        r.permissions = parse_permissions(permissions, where=f"role {r.name}")
        self.emit("GUILD_ROLE_UPDATE", {"guild_id": str(self.guild.id), "role": r.payload()})
        return r

    def post_as_member(self, member: str, channel: str, content: str) -> StoredMessage:
        """A member writes a message in a channel (sent to the bots as MESSAGE_CREATE)."""
        m = self.member(member)
        ch = self.channel(channel)
        if not self.permissions(m.user.id, ch) & SEND_MESSAGES:
            raise ScenarioError(f"{member} cannot send messages in {ch.mention}")
        return self._store_message(app=None, author_id=m.user.id, channel=ch, body={"content": content})

    def can_use_commands(self, user_id: int, channel: Channel) -> bool:
        """Whether a member sees application commands in a channel."""
        perms = self.permissions(user_id, channel)
        return bool(perms & VIEW_CHANNEL and perms & USE_COMMANDS)


_ROUTES: list[tuple[str, str, str]] = [
    ("GET", "/users/@me", "h_me"),
    ("GET", "/users/{user_id}", "h_user"),
    ("POST", "/users/@me/channels", "h_dm"),
    ("GET", "/oauth2/applications/@me", "h_application"),
    ("GET", "/applications/@me", "h_application"),
    ("GET", "/gateway/bot", "h_gateway_bot"),
    ("PUT", "/applications/{app_id}/commands", "h_commands_put"),
    ("GET", "/applications/{app_id}/commands", "h_commands_get"),
    ("POST", "/applications/{app_id}/commands", "h_command_post"),
    ("GET", "/applications/{app_id}/commands/{command_id}", "h_command_one"),
    ("PATCH", "/applications/{app_id}/commands/{command_id}", "h_command_one"),
    ("DELETE", "/applications/{app_id}/commands/{command_id}", "h_command_one"),
    ("GET", "/applications/{app_id}/guilds/{guild_id}/commands/permissions", "h_command_permissions"),
    ("PUT", "/applications/{app_id}/guilds/{guild_id}/commands", "h_commands_put"),
    ("GET", "/applications/{app_id}/guilds/{guild_id}/commands", "h_commands_get"),
    ("POST", "/applications/{app_id}/guilds/{guild_id}/commands", "h_command_post"),
    ("GET", "/applications/{app_id}/guilds/{guild_id}/commands/{command_id}", "h_command_one"),
    ("PATCH", "/applications/{app_id}/guilds/{guild_id}/commands/{command_id}", "h_command_one"),
    ("DELETE", "/applications/{app_id}/guilds/{guild_id}/commands/{command_id}", "h_command_one"),
    ("GET", "/guilds/{guild_id}", "h_guild"),
    ("GET", "/guilds/{guild_id}/channels", "h_guild_channels"),
    ("GET", "/guilds/{guild_id}/roles", "h_guild_roles"),
    ("GET", "/guilds/{guild_id}/members/search", "h_guild_members_search"),
    ("GET", "/guilds/{guild_id}/members", "h_guild_members"),
    ("GET", "/guilds/{guild_id}/members/{user_id}", "h_guild_member"),
    ("PATCH", "/guilds/{guild_id}/members/{user_id}", "h_guild_member"),
    ("PUT", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}", "h_member_role"),
    ("DELETE", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}", "h_member_role"),
    ("GET", "/channels/{channel_id}", "h_channel"),
    ("POST", "/channels/{channel_id}/typing", "h_typing"),
    ("POST", "/channels/{channel_id}/threads", "h_thread"),
    ("POST", "/channels/{channel_id}/messages/bulk-delete", "h_bulk_delete"),
    ("PUT", "/channels/{channel_id}/messages/pins/{message_id}", "h_pin"),
    ("DELETE", "/channels/{channel_id}/messages/pins/{message_id}", "h_pin"),
    ("PUT", "/channels/{channel_id}/pins/{message_id}", "h_pin"),
    ("DELETE", "/channels/{channel_id}/pins/{message_id}", "h_pin"),
    ("POST", "/channels/{channel_id}/messages", "h_create_message"),
    ("GET", "/channels/{channel_id}/messages", "h_messages"),
    ("GET", "/channels/{channel_id}/messages/{message_id}", "h_message"),
    ("PATCH", "/channels/{channel_id}/messages/{message_id}", "h_message"),
    ("DELETE", "/channels/{channel_id}/messages/{message_id}", "h_message"),
    ("POST", "/channels/{channel_id}/messages/{message_id}/threads", "h_thread"),
    ("PUT", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me", "h_reaction"),
    ("DELETE", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me", "h_reaction"),
    ("POST", "/interactions/{interaction_id}/{token}/callback", "h_callback"),
    ("GET", "/webhooks/{app_id}/{token}/messages/{message_id}", "h_webhook_message"),
    ("PATCH", "/webhooks/{app_id}/{token}/messages/{message_id}", "h_webhook_message"),
    ("DELETE", "/webhooks/{app_id}/{token}/messages/{message_id}", "h_webhook_message"),
    ("POST", "/webhooks/{app_id}/{token}", "h_followup"),
]


def _error_tree(violations: list[dict[str, Any]]) -> dict[str, Any]:
    """Discord's nested `errors` object for an Invalid Form Body answer."""
    tree: dict[str, Any] = {}
    for v in violations:
        node = tree
        for part in [p for p in v["pointer"].split("/") if p]:
            node = node.setdefault(part, {})
        node.setdefault("_errors", []).append({"code": "BASE_TYPE_INVALID", "message": v["message"]})
    return tree


def _build_routes() -> list[tuple[str, re.Pattern[str], Callable[..., Response]]]:
    routes = []
    for method, template, handler in _ROUTES:
        pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template))
        routes.append((method, re.compile(pattern), getattr(FakeDiscord, handler)))
    return routes
