"""The World: the state every part of the fake Discord shares, and the lookups they all make in it.

One guild with its roles, members and channels, the users (members and bot users), the bot applications, the DM
channels, the interactions and open modals, the CDN, the clock, the event log, and the gateway listeners. The message
store, the REST API and the interaction API each receive the World in their constructor; none of them reaches into
another's attributes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from parley.replay.clock import FakeClock
from parley.replay.errors import ScenarioError
from parley.replay.guildspec import ChannelSpec, GuildSpec, MemberSpec, OverwriteSpec
from parley.replay.jcopy import jcopy
from parley.replay.model import (
    ADMINISTRATOR,
    CHANNEL_TYPES,
    DEFAULT_BOT,
    DEFAULT_EVERYONE,
    REQUIRE_TAG,
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
    new_tag,
    parse_permissions,
)
from parley.replay.records import FakeEvent, InteractionRecord, OpenModal

GatewayListener = Callable[[str, dict[str, Any]], None]


class World:
    """Discord's state as one guild sees it, with the lookups scenarios and handlers make by name or id."""

    def __init__(
        self,
        guild: GuildSpec | dict[str, Any] | None = None,
        members: Iterable[MemberSpec | dict[str, Any] | str] = (),
        *,
        clock: FakeClock | None = None,
    ) -> None:
        self.clock = clock or FakeClock()
        self.guild_spec = GuildSpec.from_dict(guild)
        self.users: dict[int, User] = {}
        self.apps: dict[str, BotApp] = {}
        self.interactions: dict[int, InteractionRecord] = {}
        self.modals: dict[int, OpenModal] = {}
        self.events: list[FakeEvent] = []
        self.cdn: dict[str, bytes] = {}
        self.dm_channels: dict[int, int] = {}
        self.closed_dms: set[int] = set()
        self._listeners: dict[int, GatewayListener] = {}
        self._dm: dict[int, Channel] = {}
        self._pending_bot_overwrites: list[tuple[Channel, OverwriteSpec]] = []
        self.guild = self._build_guild(self.guild_spec, [MemberSpec.from_dict(m) for m in members])

    # -- construction --------------------------------------------------------------------------------------------------
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
        # The overwrites below look members up by name, through self.guild.
        self.guild = guild
        for mspec in members:
            uid = self.clock.snowflake()
            user = User(id=uid, username=mspec.name, global_name=mspec.nick or mspec.name, locale=mspec.locale)
            self.users[uid] = user
            role_ids = [_role_named(guild, r).id for r in mspec.roles]
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
            flags=REQUIRE_TAG if cspec.require_tag else 0,
        )
        channel.tags = [new_tag(self.clock.snowflake(), name) for name in cspec.tags]
        for ow in cspec.overwrites:
            target = ow.target
            if target == "bot" or target.startswith("bot:"):
                # The bot user doesn't exist until its application is added (add_app).
                self._pending_bot_overwrites.append((channel, ow))
                continue
            channel.overwrites.append(self.overwrite_for(target, ow.allow, ow.deny))
        guild.channels[cid] = channel
        return channel

    def overwrite_for(self, target: str, allow: Any, deny: Any) -> Overwrite:
        """A permission overwrite for "@everyone", "@Role", a member name or "bot"/"bot:key"."""
        allow_bits = parse_permissions(allow, where=f"overwrite {target} allow")
        deny_bits = parse_permissions(deny, where=f"overwrite {target} deny")
        if target in ("@everyone", "everyone"):
            return Overwrite(self.guild.id, 0, allow_bits, deny_bits)
        if target.startswith("@"):
            return Overwrite(_role_named(self.guild, target).id, 0, allow_bits, deny_bits)
        if target == "bot" or target.startswith("bot:"):
            app = self.app(target[4:] if target.startswith("bot:") else None)
            return Overwrite(app.user.id, 1, allow_bits, deny_bits)
        return Overwrite(self.member(target).user.id, 1, allow_bits, deny_bits)

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
                channel.overwrites.append(self.overwrite_for(f"bot:{key}", ow.allow, ow.deny))
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
        return _role_named(self.guild, name)

    def channel(self, ref: str | int) -> Channel:
        """A channel by "#name", name, "dm:member" (the member's DM with the bot), "private:alice,carol" (a DM between
        members, which no bot is in) or id."""
        if isinstance(ref, int):
            channel = self.any_channel(ref)
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
        if ref.startswith("private:"):
            return self.private_channel([name.strip() for name in ref[8:].split(",")])
        raise ScenarioError(f"unknown channel {ref!r}; channels: {[c.mention for c in self.guild.channels.values()]}")

    def any_channel(self, cid: int) -> Channel | None:
        """A guild channel, thread or DM channel by id, if it exists."""
        channel = self.guild.channels.get(cid)
        if channel is None:
            channel = self._dm.get(cid)
        return channel

    def dm_channel(self, user_id: int) -> Channel:
        """The DM channel between the bot(s) and a member (created on first use)."""
        cid = self.dm_channels.get(user_id)
        if cid is None:
            cid = self.clock.snowflake()
            self.dm_channels[user_id] = cid
            self._dm[cid] = Channel(
                id=cid, name=self.users[user_id].username, type=1, guild_id=None, recipient_id=user_id
            )
        return self._dm[cid]

    def private_channel(self, names: list[str]) -> Channel:
        """The DM between these members (created on first use): a private channel no bot is in."""
        ids = tuple(sorted({self.member(name).user.id for name in names}))
        if len(ids) < 2:
            raise ScenarioError(f"a private channel needs two members or more, got {names}")
        for channel in self._dm.values():
            if channel.participants == ids:
                return channel
        cid = self.clock.snowflake()
        name = ",".join(sorted(self.users[uid].username for uid in ids))  # "private:alice,carol", in either order
        self._dm[cid] = Channel(id=cid, name=name, type=1 if len(ids) == 2 else 3, guild_id=None, participants=ids)
        return self._dm[cid]

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

    def can_use_commands(self, user_id: int, channel: Channel) -> bool:
        """Whether a member sees application commands in a channel."""
        perms = self.permissions(user_id, channel)
        return bool(perms & VIEW_CHANNEL and perms & USE_COMMANDS)

    # -- gateway and event log -----------------------------------------------------------------------------------------
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

    def record(self, kind: str, **kwargs: Any) -> None:
        """Log what a member would notice (a message created, edited, deleted; a modal opened)."""
        self.events.append(FakeEvent(seq=len(self.events), kind=kind, **kwargs))

    # -- changes a scenario makes --------------------------------------------------------------------------------------
    def set_overwrite(self, channel: str, target: str, *, allow: Any = None, deny: Any = None) -> Channel:
        """Replace the overwrite of `target` ("@everyone", "@Role", member name, "bot") in a channel."""
        ch = self.channel(channel)
        ow = self.overwrite_for(target, allow, deny)
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

    # -- payloads ------------------------------------------------------------------------------------------------------
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
