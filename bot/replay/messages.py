"""The fake Discord's message store: creating, editing, deleting messages, and showing them as members see them."""

from __future__ import annotations

import re
from typing import Any

from parley.replay import components as comps
from parley.replay.jcopy import jcopy
from parley.replay.model import VIEW_CHANNEL, BotApp, Channel, iso
from parley.replay.records import CDN, EPHEMERAL, LOADING, FakeEvent, InteractionRecord, StoredMessage
from parley.replay.results import CapturedFile, VisibleMessage
from parley.replay.world import World

_MENTION_USER = re.compile(r"<@!?(\d+)>")
_MENTION_ROLE = re.compile(r"<@&(\d+)>")
_EVERYONE = re.compile(r"@(everyone|here)\b")
_MENTION_CHANNEL = re.compile(r"<#(\d+)>")
_CUSTOM_EMOJI = re.compile(r"<a?:(\w+):\d+>")


class MessageStore:
    """Messages by id, how they change, and how members see them; it records and emits each change in the World."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.messages: dict[int, StoredMessage] = {}

    def visible_to(self, msg: StoredMessage, user_id: int) -> bool:
        """Whether a member can see a message."""
        if msg.deleted:
            return False
        if msg.ephemeral_to is not None:
            return msg.ephemeral_to == user_id
        channel = self.world.any_channel(msg.channel_id)
        if channel is None:
            return False
        if channel.guild_id is None:
            return user_id in channel.participants if channel.participants else channel.recipient_id == user_id
        return bool(self.world.permissions(user_id, channel) & VIEW_CHANNEL)

    def messages_in(self, channel: str | int | Channel, *, visible_to: str | None = None) -> list[StoredMessage]:
        """Messages of a channel, oldest first (ephemeral ones only when `visible_to` is their recipient)."""
        ch = channel if isinstance(channel, Channel) else self.world.channel(channel)
        uid = self.world.member(visible_to).user.id if visible_to else None
        out = []
        for msg in self.messages.values():
            if msg.channel_id != ch.id or msg.deleted:
                continue
            if msg.ephemeral_to is not None and msg.ephemeral_to != uid:
                continue
            out.append(msg)
        return sorted(out, key=lambda m: m.id)

    def messages_for(self, member: str, channel: str | None = None) -> list[StoredMessage]:
        """Messages a member can see (their own ephemeral replies and DMs included), newest first."""
        uid = self.world.member(member).user.id
        ch = self.world.channel(channel) if channel else None
        out = [m for m in self.messages.values() if self.visible_to(m, uid) and (ch is None or m.channel_id == ch.id)]
        return sorted(out, key=lambda m: -m.id)

    def view(self, msg: StoredMessage, event: str = "created") -> VisibleMessage:
        """A message flattened the way a member reads it."""
        channel = self.world.any_channel(msg.channel_id)
        pings = self.pings(msg)
        lines = [msg.content] if msg.content else []
        lines.extend(comps.readable_lines(msg.components))
        content = self.render_mentions("\n".join(lines))
        text = self.render_mentions("\n".join([*lines, *comps.embed_lines(msg.embeds)]))
        to = self.world.name_of(msg.ephemeral_to)
        if to is None and channel is not None and channel.guild_id is None:
            to = self.world.name_of(channel.recipient_id)
        return VisibleMessage(
            event=event,
            channel=channel.mention if channel else str(msg.channel_id),
            ephemeral=msg.ephemeral,
            to=to,
            content=content,
            text=text,
            embeds=tuple(comps.flat_embeds(msg.embeds)),
            components=tuple(comps.interactive(msg.components)),
            allowed_mentions=jcopy(msg.allowed_mentions),
            pings=tuple(pings),
            message_id=msg.id,
            author=self.world.name_of(msg.author_id),
            flags=msg.flags,
            attachments=tuple(a.get("filename", "") for a in msg.attachments),
            raw=self.message_payload(msg, pings=pings),
        )

    def render_mentions(self, text: str) -> str:
        """Mentions as Discord displays them: <#id> -> #name, <@id> -> @name, <@&id> -> @Role, <:e:id> -> :e:."""

        def channel(m: re.Match[str]) -> str:
            ch = self.world.any_channel(int(m.group(1)))
            return ch.mention if ch else "#unknown"

        def user(m: re.Match[str]) -> str:
            u = self.world.users.get(int(m.group(1)))
            return "@" + (u.username if u else "unknown-user")

        def role(m: re.Match[str]) -> str:
            r = self.world.guild.roles.get(int(m.group(1)))
            return "@" + (r.name.lstrip("@") if r else "deleted-role")

        text = _MENTION_CHANNEL.sub(channel, text)
        text = _MENTION_ROLE.sub(role, text)
        text = _MENTION_USER.sub(user, text)
        return _CUSTOM_EMOJI.sub(lambda m: f":{m.group(1)}:", text)

    def modal_view(self, event: FakeEvent) -> VisibleMessage:
        """An opened modal, as the member it opened for sees it."""
        info = comps.modal_info(event.modal or {})
        channel = self.world.any_channel(event.channel_id or 0)
        return VisibleMessage(
            event="modal",
            channel=channel.mention if channel else "",
            ephemeral=True,
            to=self.world.name_of(event.user_id),
            content=info.title,
            text="\n".join([info.title, *info.texts, *(f.label for f in info.fields)]),
            embeds=(),
            components=(),
            allowed_mentions=None,
            modal=info,
        )

    def pings(self, msg: StoredMessage) -> list[str]:
        """Who the message notifies, given its allowed_mentions (Discord's parsing rules)."""
        text = "\n".join([msg.content, *comps.readable_lines(msg.components)])
        am = msg.allowed_mentions
        parse = {"users", "roles", "everyone"} if am is None else set(am.get("parse") or [])
        users_ok = {int(u) for u in (am or {}).get("users") or []}
        roles_ok = {int(r) for r in (am or {}).get("roles") or []}
        out: list[str] = []
        if "everyone" in parse:
            out.extend(f"@{m}" for m in dict.fromkeys(_EVERYONE.findall(text)))
        for uid in dict.fromkeys(int(x) for x in _MENTION_USER.findall(text)):
            if ("users" in parse or uid in users_ok) and uid in self.world.users:
                out.append(self.world.users[uid].username)
        for rid in dict.fromkeys(int(x) for x in _MENTION_ROLE.findall(text)):
            if ("roles" in parse or rid in roles_ok) and rid in self.world.guild.roles:
                out.append("@" + self.world.guild.roles[rid].name)
        return out

    def message_payload(
        self, msg: StoredMessage, *, gateway: bool = False, pings: list[str] | None = None
    ) -> dict[str, Any]:
        """The message object Discord returns (and sends in MESSAGE_CREATE when `gateway`); `pings`: the
        message's pings when the caller has them already (reading every component for them is the costly part)."""
        author = self.world.users[msg.author_id]
        names = set(self.pings(msg) if pings is None else pings)
        mentioned = [self.world.users[u] for u in self._mentioned_users(names)]
        data: dict[str, Any] = {
            "id": str(msg.id),
            "channel_id": str(msg.channel_id),
            "type": msg.type,
            "content": msg.content,
            "author": author.payload(),
            "timestamp": iso(msg.timestamp),
            "edited_timestamp": iso(msg.edited_timestamp) if msg.edited_timestamp else None,
            "tts": msg.tts,
            "mention_everyone": bool(names & {"@everyone", "@here"}),
            "mentions": [u.payload() for u in mentioned],
            "mention_roles": [str(r) for r in self._mentioned_roles(names)],
            "attachments": jcopy(msg.attachments),
            "embeds": jcopy(msg.embeds),
            "components": jcopy(msg.components),
            "pinned": msg.pinned,
            "flags": msg.flags,
            "position": 0,
        }
        if msg.app_id is not None:
            data["application_id"] = str(msg.app_id)
        if msg.webhook_id is not None:
            data["webhook_id"] = str(msg.webhook_id)
        if msg.interaction_metadata is not None:
            data["interaction_metadata"] = jcopy(msg.interaction_metadata)
        if msg.message_reference is not None:
            data["message_reference"] = jcopy(msg.message_reference)
        if msg.reactions:
            data["reactions"] = [
                {
                    "emoji": {"id": None, "name": emoji},
                    "count": len(users),
                    "count_details": {"burst": 0, "normal": len(users)},
                    "burst_colors": [],
                    "me": False,
                    "me_burst": False,
                }
                for emoji, users in msg.reactions.items()
                if users
            ]
        channel = self.world.any_channel(msg.channel_id)
        if gateway and channel is not None and channel.guild_id is not None:
            data["guild_id"] = str(channel.guild_id)
            member = self.world.guild.members.get(msg.author_id)
            if member is not None and msg.webhook_id is None:
                data["member"] = member.payload(with_user=False)
        return data

    def _mentioned_users(self, names: set[str]) -> list[int]:
        if not names:
            return []
        return [uid for uid, u in self.world.users.items() if u.username in names]

    def _mentioned_roles(self, names: set[str]) -> list[int]:
        if not names:
            return []
        guild = self.world.guild
        return [rid for rid, r in guild.roles.items() if "@" + r.name in names and rid != guild.id]

    def create(
        self,
        *,
        app: BotApp | None,
        author_id: int,
        channel: Channel,
        body: dict[str, Any],
        files: tuple[CapturedFile, ...] = (),
        ephemeral_to: int | None = None,
        interaction: InteractionRecord | None = None,
        loading: bool = False,
        webhook: bool = False,
    ) -> StoredMessage:
        """Store a new message (from a bot, a webhook or a member) and tell the bots when it isn't ephemeral."""
        msg = StoredMessage(
            id=self.world.clock.snowflake(),
            channel_id=channel.id,
            author_id=author_id,
            app_id=app.id if app else None,
            timestamp=self.world.clock.now(),
            ephemeral_to=ephemeral_to,
            webhook_id=app.id if (webhook and app) else None,
        )
        self._apply_body(msg, body, files, creating=True)
        if ephemeral_to is not None:
            msg.flags |= EPHEMERAL
        if loading:
            msg.flags |= LOADING
        if interaction is not None:
            msg.interaction_id = interaction.id
            msg.interaction_metadata = self._interaction_metadata(interaction, msg)
            msg.type = 20 if interaction.type == 2 else 0
        if body.get("message_reference"):
            ref = dict(body["message_reference"])
            ref.setdefault("channel_id", str(channel.id))
            ref.setdefault("guild_id", str(self.world.guild.id))
            ref.setdefault("type", 0)
            msg.message_reference = ref
            msg.type = 19
        self.messages[msg.id] = msg
        channel.last_message_id = msg.id
        self.world.record("created", message_id=msg.id, channel_id=channel.id)
        if msg.ephemeral_to is None and not channel.is_private:  # no bot is in members' own DMs
            self.world.emit("MESSAGE_CREATE", self.message_payload(msg, gateway=True))
        return msg

    def _apply_body(
        self, msg: StoredMessage, body: dict[str, Any], files: tuple[CapturedFile, ...], *, creating: bool
    ) -> None:
        if "content" in body:
            msg.content = body["content"] or ""
        if "embeds" in body:
            msg.embeds = [self._normalise_embed(e) for e in body["embeds"] or []]
        if "components" in body:
            msg.components = jcopy(body["components"] or [])
            comps.assign_ids(msg.components)
            comps.normalise_emoji(msg.components)
        if body.get("flags") is not None:
            keep = msg.flags & (EPHEMERAL | comps.COMPONENTS_V2_FLAG)
            msg.flags = (int(body["flags"]) & ~(EPHEMERAL | LOADING)) | keep
        if "allowed_mentions" in body or creating:
            msg.allowed_mentions = jcopy(body.get("allowed_mentions"))
        if "tts" in body:
            msg.tts = bool(body["tts"])
        if "attachments" in body or files:
            msg.attachments = self._attachments(msg, body.get("attachments"), files)

    @staticmethod
    def _normalise_embed(embed: dict[str, Any]) -> dict[str, Any]:
        out = jcopy(embed)
        out.setdefault("type", "rich")
        out.setdefault("content_scan_version", 0)
        return out

    def _attachments(
        self, msg: StoredMessage, wanted: list[dict[str, Any]] | None, files: tuple[CapturedFile, ...]
    ) -> list[dict[str, Any]]:
        existing = {str(a["id"]): a for a in msg.attachments}
        by_index = {}
        for i, f in enumerate(files):
            index = int(f.field[6:-1]) if f.field.startswith("files[") and f.field.endswith("]") else i
            by_index[index] = f
        out = []
        used: set[int] = set()
        for item in wanted if wanted is not None else [{"id": i} for i in sorted(by_index)]:
            key = str(item.get("id"))
            if key in existing:
                out.append(existing[key])
                continue
            try:
                index = int(key)
            except ValueError:
                continue
            f = by_index.get(index)
            if f is None:
                continue
            used.add(index)
            out.append(self._new_attachment(msg.channel_id, f.filename, f.data, f.content_type, item))
        for index, f in sorted(by_index.items()):
            if index not in used and wanted is None:
                out.append(self._new_attachment(msg.channel_id, f.filename, f.data, f.content_type, {}))
        return out

    def _new_attachment(
        self, channel_id: int, filename: str, data: bytes, content_type: str, meta: dict[str, Any]
    ) -> dict[str, Any]:
        aid = self.world.clock.snowflake()
        name = meta.get("filename") or filename
        url = f"{CDN}/attachments/{channel_id}/{aid}/{name}"
        self.world.cdn[url] = data
        att: dict[str, Any] = {
            "id": str(aid),
            "filename": name,
            "size": len(data),
            "url": url,
            "proxy_url": url.replace(CDN, "https://media.discordapp.net"),
            "content_type": content_type,
        }
        if meta.get("description"):
            att["description"] = meta["description"]
        return att

    def upload(self, filename: str, data: bytes, content_type: str = "application/octet-stream") -> dict[str, Any]:
        """An attachment object for a file a member uploads (command option or modal file upload)."""
        return self._new_attachment(self.world.default_channel().id, filename, data, content_type, {})

    def edit(self, msg: StoredMessage, body: dict[str, Any], files: tuple[CapturedFile, ...]) -> StoredMessage:
        """Apply an edit (a PATCH body, or a followup replacing a loading message)."""
        self._apply_body(msg, body, files, creating=False)
        msg.flags &= ~LOADING
        msg.edited_timestamp = self.world.clock.now()
        self.world.record("edited", message_id=msg.id, channel_id=msg.channel_id)
        if msg.ephemeral_to is None:
            self.world.emit("MESSAGE_UPDATE", self.message_payload(msg, gateway=True))
        return msg

    def delete(self, msg: StoredMessage) -> None:
        """Delete a message (it stays stored, marked deleted, so late edits get 10008 Unknown Message)."""
        msg.deleted = True
        self.world.record("deleted", message_id=msg.id, channel_id=msg.channel_id)
        if msg.ephemeral_to is None:
            payload: dict[str, Any] = {"id": str(msg.id), "channel_id": str(msg.channel_id)}
            channel = self.world.any_channel(msg.channel_id)
            if channel is not None and channel.guild_id is not None:
                payload["guild_id"] = str(channel.guild_id)
            self.world.emit("MESSAGE_DELETE", payload)

    def _interaction_metadata(self, rec: InteractionRecord, msg: StoredMessage) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(rec.id),
            "type": rec.type,
            "user": self.world.users[rec.user_id].payload(),
            "authorizing_integration_owners": {"0": str(rec.guild_id)} if rec.guild_id else {"1": str(rec.user_id)},
        }
        if rec.type == 2:
            data["name"] = rec.name
            data["command_type"] = 1
        if rec.type == 3 and rec.message_id:
            data["interacted_message_id"] = str(rec.message_id)
        if rec.original_message_id and rec.original_message_id != msg.id:
            data["original_response_message_id"] = str(rec.original_message_id)
        if rec.type == 5 and rec.opened_from in self.world.interactions:
            source = self.world.interactions[rec.opened_from]
            data["triggering_interaction_metadata"] = {
                "id": str(source.id),
                "type": source.type,
                "user": self.world.users[source.user_id].payload(),
                "authorizing_integration_owners": data["authorizing_integration_owners"],
                **({"name": source.name, "command_type": 1} if source.type == 2 else {}),
                **({"interacted_message_id": str(source.message_id)} if source.type == 3 and source.message_id else {}),
            }
        return data
