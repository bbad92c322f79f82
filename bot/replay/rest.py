"""REST endpoints of the fake Discord: users, application and commands, guild, channels and messages."""

from __future__ import annotations

from typing import Any

from parley.replay.forums import FORUM_TYPES, check_thread_send, post_tags
from parley.replay.jcopy import jcopy
from parley.replay.messages import MessageStore
from parley.replay.model import (
    ATTACH_FILES,
    CREATE_PUBLIC_THREADS,
    DEFAULT_BOT,
    EMBED_LINKS,
    MANAGE_MESSAGES,
    MANAGE_ROLES,
    PIN_MESSAGES,
    READ_HISTORY,
    SEND_IN_THREADS,
    SEND_MESSAGES,
    VIEW_CHANNEL,
    BotApp,
    Channel,
    Member,
    permission_names,
)
from parley.replay.records import ApiError, Response, StoredMessage
from parley.replay.rules import check_message_body
from parley.replay.transport import WireRequest
from parley.replay.world import World


class RestApi:
    """Handlers `h_*(app, request, **path_params) -> (status, body)` for the routes in ROUTES."""

    # (method, path template, handler); first match wins, so /members/search comes before /members/{user_id}.
    ROUTES: tuple[tuple[str, str, str], ...] = (
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
    )

    def __init__(self, world: World, store: MessageStore) -> None:
        self.world = world
        self.store = store

    # -- helpers for handlers ------------------------------------------------------------------------------------------
    def _guild_channel(self, channel_id: str) -> Channel:
        channel = self.world.any_channel(int(channel_id)) if channel_id.isdigit() else None
        if channel is None:
            raise ApiError(404, 10003, "Unknown Channel")
        if channel.is_private:
            # Members' own DMs: a bot is not in them; only the interaction webhooks of a user install reach there.
            raise ApiError(403, 50001, "Missing Access")
        return channel

    def _require(self, app: BotApp, channel: Channel, bits: int) -> None:
        perms = self.world.permissions(app.user.id, channel)
        if not perms & VIEW_CHANNEL:
            raise ApiError(403, 50001, "Missing Access")
        missing = bits & ~perms
        if missing:
            raise ApiError(403, 50013, f"Missing Permissions ({', '.join(permission_names(missing))})")

    def _message_in(self, channel: Channel, message_id: str) -> StoredMessage:
        msg = self.store.messages.get(int(message_id)) if message_id.isdigit() else None
        if msg is None or msg.deleted or msg.channel_id != channel.id or msg.ephemeral:
            raise ApiError(404, 10008, "Unknown Message")
        return msg

    # -- handlers: users, application, commands ------------------------------------------------------------------------
    def h_me(self, app: BotApp, req: WireRequest) -> Response:
        return 200, {
            **app.user.payload(),
            "bot": True,
            "verified": True,
            "mfa_enabled": False,
            "locale": "en-US",
            "email": None,
            "premium_type": 0,
        }

    def h_application(self, app: BotApp, req: WireRequest) -> Response:
        owner = self.world.users.get(app.owner_id) or app.user
        return 200, {
            "id": str(app.id),
            "name": app.user.username,
            "icon": None,
            "description": "",
            "type": None,
            "bot_public": True,
            "bot_require_code_grant": False,
            "bot": app.user.payload(),
            "verify_key": "0" * 64,
            "flags": 0,
            "flags_new": "0",
            "redirect_uris": [],
            "interactions_endpoint_url": None,
            "role_connections_verification_url": None,
            "owner": owner.payload(),
            "approximate_guild_count": 1,
            "approximate_user_install_count": 0,
            "approximate_user_authorization_count": 0,
            "explicit_content_filter": 0,
            "team": None,
            "eligible_oauth2_scopes": ["bot", "applications.commands"],
            "summary": "",
            "rpc_origins": [],
            "tags": [],
            "install_params": {"scopes": ["bot", "applications.commands"], "permissions": str(DEFAULT_BOT)},
            "integration_types_config": {"0": {}},
        }

    def h_gateway_bot(self, app: BotApp, req: WireRequest) -> Response:
        return 200, {
            "url": "wss://gateway.discord.gg",
            "shards": 1,
            "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1},
        }

    def h_user(self, app: BotApp, req: WireRequest, user_id: str) -> Response:
        user = self.world.users.get(int(user_id)) if user_id.isdigit() else None
        if user is None:
            raise ApiError(404, 10013, "Unknown User")
        return 200, user.payload()

    def _command_table(self, app: BotApp, guild_id: str | None) -> tuple[int | None, dict[Any, dict[str, Any]]]:
        gid = None
        if guild_id is not None:
            if guild_id != str(self.world.guild.id):
                raise ApiError(403, 50001, "Missing Access")
            gid = self.world.guild.id
        return gid, app.synced

    def command_response(self, app: BotApp, gid: int | None, data: dict[str, Any], old: dict[str, Any] | None) -> dict:
        """A registered command as Discord returns it (also what a client's local tree is compared with)."""
        cmd = jcopy(data)
        cmd["id"] = old["id"] if old else str(self.world.clock.snowflake())
        cmd["application_id"] = str(app.id)
        cmd["version"] = str(self.world.clock.snowflake())
        cmd.setdefault("type", 1)
        cmd.setdefault("description", "" if cmd["type"] != 1 else cmd.get("description", ""))
        perms = cmd.get("default_member_permissions")
        cmd["default_member_permissions"] = None if perms is None else str(int(perms))
        cmd.setdefault("nsfw", False)
        cmd.setdefault("options", [])
        cmd.setdefault("contexts", None)
        if cmd.get("integration_types") is None:
            cmd["integration_types"] = [0]
        if gid is not None:
            cmd["guild_id"] = str(gid)
        else:
            cmd.setdefault("dm_permission", True)
        return cmd

    def h_commands_put(self, app: BotApp, req: WireRequest, app_id: str, guild_id: str | None = None) -> Response:
        if app_id != str(app.id):
            raise ApiError(403, 50001, "Missing Access")
        gid, table = self._command_table(app, guild_id)
        old = {k: v for k, v in table.items() if k[0] == gid}
        for key in old:
            del table[key]
        out = []
        for data in req.body or []:
            key = (gid, data.get("name"), data.get("type", 1))
            cmd = self.command_response(app, gid, data, old.get(key))
            table[key] = cmd
            out.append(jcopy(cmd))
        return 200, out

    def h_commands_get(self, app: BotApp, req: WireRequest, app_id: str, guild_id: str | None = None) -> Response:
        if app_id != str(app.id):
            raise ApiError(403, 50001, "Missing Access")
        gid, table = self._command_table(app, guild_id)
        return 200, [jcopy(v) for k, v in table.items() if k[0] == gid]

    def h_command_post(self, app: BotApp, req: WireRequest, app_id: str, guild_id: str | None = None) -> Response:
        if app_id != str(app.id):
            raise ApiError(403, 50001, "Missing Access")
        gid, table = self._command_table(app, guild_id)
        data = req.body or {}
        key = (gid, data.get("name"), data.get("type", 1))
        cmd = self.command_response(app, gid, data, table.get(key))
        status = 200 if key in table else 201
        table[key] = cmd
        return status, jcopy(cmd)

    def _find_command(self, table: dict[Any, dict[str, Any]], gid: int | None, command_id: str) -> Any:
        for key, cmd in table.items():
            if key[0] == gid and cmd["id"] == command_id:
                return key
        raise ApiError(404, 10063, "Unknown application command")

    def h_command_one(
        self, app: BotApp, req: WireRequest, app_id: str, command_id: str, guild_id: str | None = None
    ) -> Response:
        if app_id != str(app.id):
            raise ApiError(403, 50001, "Missing Access")
        gid, table = self._command_table(app, guild_id)
        key = self._find_command(table, gid, command_id)
        if req.method == "GET":
            return 200, jcopy(table[key])
        if req.method == "DELETE":
            del table[key]
            return 204, None
        merged = {**table.pop(key), **(req.body or {})}
        new_key = (gid, merged.get("name"), merged.get("type", 1))
        table[new_key] = self.command_response(app, gid, merged, merged)
        return 200, jcopy(table[new_key])

    def h_command_permissions(self, app: BotApp, req: WireRequest, app_id: str, guild_id: str) -> Response:
        return 200, []

    # -- handlers: guild -----------------------------------------------------------------------------------------------
    def _check_guild(self, guild_id: str) -> None:
        if guild_id != str(self.world.guild.id):
            raise ApiError(404, 10004, "Unknown Guild")

    def h_guild(self, app: BotApp, req: WireRequest, guild_id: str) -> Response:
        self._check_guild(guild_id)
        return 200, self.world.guild_payload(include_state=False)

    def h_guild_channels(self, app: BotApp, req: WireRequest, guild_id: str) -> Response:
        self._check_guild(guild_id)
        return 200, [c.payload() for c in self.world.guild.channels.values() if not c.is_thread]

    def h_guild_roles(self, app: BotApp, req: WireRequest, guild_id: str) -> Response:
        self._check_guild(guild_id)
        return 200, [r.payload() for r in self.world.guild.roles.values()]

    def h_guild_member(self, app: BotApp, req: WireRequest, guild_id: str, user_id: str) -> Response:
        self._check_guild(guild_id)
        uid = app.user.id if user_id == "@me" else (int(user_id) if user_id.isdigit() else 0)
        member = self.world.guild.members.get(uid)
        if member is None:
            raise ApiError(404, 10007, "Unknown Member")
        if req.method == "PATCH":
            body = req.body or {}
            if "nick" in body:
                member.nick = body["nick"]
            if "roles" in body and user_id != "@me":
                self._require_guild(app, MANAGE_ROLES)
                member.roles = [int(r) for r in body["roles"]]
            self._member_updated(member)
        return 200, member.payload()

    def _require_guild(self, app: BotApp, bits: int) -> None:
        if bits & ~self.world.guild.base_permissions(app.user.id):
            raise ApiError(403, 50013, f"Missing Permissions ({', '.join(permission_names(bits))})")

    def _member_updated(self, member: Member) -> None:
        self.world.emit("GUILD_MEMBER_UPDATE", {**member.payload(), "guild_id": str(self.world.guild.id)})

    def h_member_role(self, app: BotApp, req: WireRequest, guild_id: str, user_id: str, role_id: str) -> Response:
        self._check_guild(guild_id)
        member = self.world.guild.members.get(int(user_id)) if user_id.isdigit() else None
        if member is None:
            raise ApiError(404, 10007, "Unknown Member")
        role = self.world.guild.roles.get(int(role_id)) if role_id.isdigit() else None
        if role is None:
            raise ApiError(404, 10011, "Unknown Role")
        self._require_guild(app, MANAGE_ROLES)
        bot_top = max(self.world.guild.roles[r].position for r in self.world.guild.members[app.user.id].roles)
        if role.position >= bot_top or role.managed:
            raise ApiError(403, 50013, "Missing Permissions (role hierarchy)")
        if req.method == "PUT" and role.id not in member.roles:
            member.roles.append(role.id)
        elif req.method == "DELETE" and role.id in member.roles:
            member.roles.remove(role.id)
        self._member_updated(member)
        return 204, None

    def h_guild_members(self, app: BotApp, req: WireRequest, guild_id: str) -> Response:
        self._check_guild(guild_id)
        limit = int(req.query.get("limit", 1))
        after = int(req.query.get("after", 0))
        members = sorted((m for uid, m in self.world.guild.members.items() if uid > after), key=lambda m: m.user.id)
        return 200, [m.payload() for m in members[:limit]]

    def h_guild_members_search(self, app: BotApp, req: WireRequest, guild_id: str) -> Response:
        self._check_guild(guild_id)
        query = req.query.get("query", "").casefold()
        limit = int(req.query.get("limit", 1))
        found = [m for m in self.world.guild.members.values() if m.user.username.casefold().startswith(query)]
        return 200, [m.payload() for m in found[:limit]]

    # -- handlers: channels and messages -------------------------------------------------------------------------------
    def h_channel(self, app: BotApp, req: WireRequest, channel_id: str) -> Response:
        channel = self._guild_channel(channel_id)
        if channel.guild_id is not None:
            self._require(app, channel, 0)
        return 200, channel.payload(self.world.users)

    def _send_bits(self, channel: Channel, body: dict[str, Any], files: int) -> int:
        bits = SEND_IN_THREADS if channel.is_thread else SEND_MESSAGES
        if body.get("embeds"):
            bits |= EMBED_LINKS
        if files:
            bits |= ATTACH_FILES
        return bits

    def h_create_message(self, app: BotApp, req: WireRequest, channel_id: str) -> Response:
        channel = self._guild_channel(channel_id)
        body = req.body if isinstance(req.body, dict) else {}
        if channel.guild_id is None:
            if channel.recipient_id in self.world.closed_dms:
                raise ApiError(403, 50007, "Cannot send messages to this user")
        else:
            if channel.type in (4, *FORUM_TYPES):
                raise ApiError(400, 50008, "Cannot send messages in a non-text channel")
            self._require(app, channel, self._send_bits(channel, body, len(req.files)))
            check_thread_send(self.world, app, channel)
        check_message_body(req.body, len(req.files), editing=False)
        msg = self.store.create(app=app, author_id=app.user.id, channel=channel, body=body, files=req.files)
        return 200, self.store.message_payload(msg)

    def h_messages(self, app: BotApp, req: WireRequest, channel_id: str) -> Response:
        channel = self._guild_channel(channel_id)
        if channel.guild_id is not None:
            self._require(app, channel, READ_HISTORY)
        limit = int(req.query.get("limit", 50))
        msgs = [m for m in self.store.messages_in(channel)]
        if "before" in req.query:
            msgs = [m for m in msgs if m.id < int(req.query["before"])]
        if "after" in req.query:
            msgs = [m for m in msgs if m.id > int(req.query["after"])]
            msgs = msgs[:limit]
        msgs = sorted(msgs, key=lambda m: -m.id)[:limit]
        return 200, [self.store.message_payload(m) for m in msgs]

    def h_message(self, app: BotApp, req: WireRequest, channel_id: str, message_id: str) -> Response:
        channel = self._guild_channel(channel_id)
        if channel.guild_id is not None:
            self._require(app, channel, READ_HISTORY if req.method == "GET" else 0)
        msg = self._message_in(channel, message_id)
        if req.method == "GET":
            return 200, self.store.message_payload(msg)
        if req.method == "DELETE":
            if msg.author_id != app.user.id and channel.guild_id is not None:
                self._require(app, channel, MANAGE_MESSAGES)
            self.store.delete(msg)
            return 204, None
        if msg.author_id != app.user.id:
            raise ApiError(403, 50005, "Cannot edit a message authored by another user")
        body = req.body if isinstance(req.body, dict) else {}
        merged = {"flags": msg.flags, **body}
        check_message_body(merged, len(req.files), editing=True)
        self.store.edit(msg, body, req.files)
        return 200, self.store.message_payload(msg)

    def h_bulk_delete(self, app: BotApp, req: WireRequest, channel_id: str) -> Response:
        channel = self._guild_channel(channel_id)
        self._require(app, channel, MANAGE_MESSAGES)
        for mid in (req.body or {}).get("messages", []):
            msg = self.store.messages.get(int(mid))
            if msg is not None and not msg.deleted and msg.channel_id == channel.id:
                self.store.delete(msg)
        return 204, None

    def h_reaction(
        self, app: BotApp, req: WireRequest, channel_id: str, message_id: str, emoji: str, **_: str
    ) -> Response:
        channel = self._guild_channel(channel_id)
        if channel.guild_id is not None:
            self._require(app, channel, READ_HISTORY)
        msg = self._message_in(channel, message_id)
        users = msg.reactions.setdefault(emoji, set())
        if req.method == "PUT":
            users.add(app.user.id)
        else:
            users.discard(app.user.id)
        return 204, None

    def h_pin(self, app: BotApp, req: WireRequest, channel_id: str, message_id: str) -> Response:
        channel = self._guild_channel(channel_id)
        if channel.guild_id is not None:
            self._require(app, channel, PIN_MESSAGES)
        msg = self._message_in(channel, message_id)
        msg.pinned = req.method == "PUT"
        return 204, None

    def h_typing(self, app: BotApp, req: WireRequest, channel_id: str) -> Response:
        channel = self._guild_channel(channel_id)
        if channel.guild_id is not None:
            self._require(app, channel, SEND_MESSAGES)
        return 204, None

    def h_dm(self, app: BotApp, req: WireRequest) -> Response:
        rid = int((req.body or {}).get("recipient_id", 0))
        user = self.world.users.get(rid)
        if user is None:
            raise ApiError(400, 50035, "Invalid Form Body")
        return 200, self.world.dm_channel(rid).payload(self.world.users)

    def h_thread(self, app: BotApp, req: WireRequest, channel_id: str, message_id: str | None = None) -> Response:
        parent = self._guild_channel(channel_id)
        body = req.body if isinstance(req.body, dict) else {}
        forum = parent.type in FORUM_TYPES
        self._require(app, parent, SEND_MESSAGES if forum else CREATE_PUBLIC_THREADS)
        if message_id is not None:
            self._message_in(parent, message_id)
        tags = post_tags(parent, body) if forum else []
        tid = self.world.clock.snowflake() if message_id is None else int(message_id)
        thread = Channel(
            id=tid,
            name=str(body.get("name", "thread")),
            type=12 if body.get("type") == 12 else 11,
            guild_id=self.world.guild.id,
            parent_id=parent.id,
            owner_id=app.user.id,
            applied_tags=tags,
        )
        self.world.guild.channels[tid] = thread
        self.world.emit("THREAD_CREATE", {**thread.payload(), "newly_created": True})
        data = thread.payload()
        if forum:
            first = body.get("message") or {}
            check_message_body(first, len(req.files), editing=False)
            msg = self.store.create(app=app, author_id=app.user.id, channel=thread, body=first, files=req.files)
            data["message"] = self.store.message_payload(msg)
        return 201, data
