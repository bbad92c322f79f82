"""Interactions in the fake Discord: creating them, the callback, and the interaction webhook (followups, @original)."""

from __future__ import annotations

from typing import Any

from parley.replay.jcopy import jcopy
from parley.replay.messages import MessageStore
from parley.replay.model import BotApp, Channel
from parley.replay.private import outside_owners, outside_permissions
from parley.replay.records import (
    ATTACHMENT_SIZE_LIMIT,
    EPHEMERAL,
    LOADING,
    ApiError,
    InteractionRecord,
    OpenModal,
    Response,
    StoredMessage,
)
from parley.replay.rules import check_message_body, modal_problems
from parley.replay.transport import WireRequest
from parley.replay.world import World


class InteractionApi:
    """Interactions: creating them (for the harness) and the endpoints a bot answers them through."""

    ROUTES: tuple[tuple[str, str, str], ...] = (
        ("POST", "/interactions/{interaction_id}/{token}/callback", "h_callback"),
        ("GET", "/webhooks/{app_id}/{token}/messages/{message_id}", "h_webhook_message"),
        ("PATCH", "/webhooks/{app_id}/{token}/messages/{message_id}", "h_webhook_message"),
        ("DELETE", "/webhooks/{app_id}/{token}/messages/{message_id}", "h_webhook_message"),
        ("POST", "/webhooks/{app_id}/{token}", "h_followup"),
    )

    def __init__(self, world: World, store: MessageStore) -> None:
        self.world = world
        self.store = store

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
        """Create an interaction and the INTERACTION_CREATE payload Discord would send for it.

        `install` says which installation authorizes it outside the guild: "user" (the member's own install: the
        only one that reaches a private channel, and the default in a DM with the bot) or "guild" (the server's
        install, used from the bot's DM). See private.py.
        """
        iid = self.world.clock.snowflake()
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
        self.world.interactions[iid] = rec
        user = self.world.users[user_id]
        perms = self.world.permissions(user_id, channel)
        payload: dict[str, Any] = {
            "id": str(iid),
            "application_id": str(app.id),
            "type": type_,
            "data": data,
            "token": rec.token,
            "version": 1,
            "app_permissions": str(
                self.world.permissions(app.user.id, channel)
                if channel.guild_id is not None
                else outside_permissions(channel)
            ),
            "locale": user.locale,
            "entitlements": [],
            "entitlement_sku_ids": [],
            "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
            "channel_id": str(channel.id),
            "channel": {**channel.payload(self.world.users), "permissions": str(perms)},
        }
        if channel.guild_id is not None:
            member = self.world.guild.members[user_id]
            guild = self.world.guild
            payload.update(
                guild_id=str(guild.id),
                guild={"id": str(guild.id), "locale": guild.locale, "features": list(guild.features)},
                guild_locale=guild.locale,
                member=member.payload(permissions=perms),
                authorizing_integration_owners={"0": str(guild.id)},
                context=0,
            )
        else:
            owners, context = outside_owners(channel, user_id, install)
            payload.update(user=user.payload(), authorizing_integration_owners=owners, context=context)
        if message is not None:
            payload["message"] = self.store.message_payload(message)
        return rec, payload

    # -- handlers: interaction callback and webhooks -------------------------------------------------------------------
    _ALLOWED_CALLBACKS = {1: {1}, 2: {4, 5, 9}, 3: {4, 5, 6, 7, 9}, 4: {8}, 5: {4, 5, 6, 7}}

    def h_callback(self, app: BotApp, req: WireRequest, interaction_id: str, token: str) -> Response:
        rec = self.world.interactions.get(int(interaction_id)) if interaction_id.isdigit() else None
        if rec is None or rec.token != token or rec.app_id != app.id:
            raise ApiError(404, 10062, "Unknown interaction")
        if rec.response_type is not None:
            raise ApiError(400, 40060, "Interaction has already been acknowledged.")
        body = req.body if isinstance(req.body, dict) else {}
        kind = body.get("type")
        data = body.get("data") or {}
        if kind not in self._ALLOWED_CALLBACKS.get(rec.type, set()) or (kind in (6, 7) and rec.message_id is None):
            raise ApiError(
                400,
                50035,
                "Invalid Form Body",
                {"_rules": [("/type", f"callback type {kind} is not valid for interaction type {rec.type}")]},
            )
        channel = self.world.any_channel(rec.channel_id)
        assert channel is not None
        interaction: dict[str, Any] = {"id": str(rec.id), "type": rec.type}
        resource: dict[str, Any] | None = None
        if kind == 4:
            check_message_body(data, len(req.files), editing=False)
            ephemeral = bool((data.get("flags") or 0) & EPHEMERAL)
            msg = self.store.create(
                app=app,
                author_id=app.user.id,
                channel=channel,
                body=data,
                files=req.files,
                ephemeral_to=rec.user_id if ephemeral else None,
                interaction=rec,
                webhook=True,
            )
            rec.original_message_id = msg.id
            interaction.update(
                response_message_id=str(msg.id), response_message_loading=False, response_message_ephemeral=ephemeral
            )
            resource = {"type": 4, "message": self.store.message_payload(msg)}
        elif kind == 5:
            ephemeral = bool((data.get("flags") or 0) & EPHEMERAL)
            msg = self.store.create(
                app=app,
                author_id=app.user.id,
                channel=channel,
                body={},
                ephemeral_to=rec.user_id if ephemeral else None,
                interaction=rec,
                loading=True,
                webhook=True,
            )
            rec.original_message_id = msg.id
            interaction.update(
                response_message_id=str(msg.id), response_message_loading=True, response_message_ephemeral=ephemeral
            )
        elif kind in (6, 7):
            msg = self.store.messages.get(rec.message_id or 0)
            if msg is None or msg.deleted:
                raise ApiError(404, 10008, "Unknown Message")
            rec.original_message_id = msg.id
            if kind == 7:
                merged = {"flags": msg.flags, **data}
                check_message_body(merged, len(req.files), editing=True)
                self.store.edit(msg, data, req.files)
                resource = {"type": 7, "message": self.store.message_payload(msg)}
            interaction.update(
                response_message_id=str(msg.id),
                response_message_loading=False,
                response_message_ephemeral=msg.ephemeral,
            )
        elif kind == 8:
            rec.autocomplete_choices = list(data.get("choices") or [])
        elif kind == 9:
            problems = modal_problems(data)
            if problems:
                raise ApiError(400, 50035, "Invalid Form Body", {"_rules": problems})
            self.world.modals[rec.user_id] = OpenModal(
                interaction_id=rec.id,
                app_id=app.id,
                user_id=rec.user_id,
                channel_id=rec.channel_id,
                data=jcopy(data),
                message_id=rec.message_id,
            )
            self.world.record("modal", user_id=rec.user_id, modal=jcopy(data), channel_id=rec.channel_id)
        rec.response_type = kind
        if req.query.get("with_response") not in ("1", "true", "True"):
            return 204, None
        out: dict[str, Any] = {"interaction": interaction}
        if resource is not None:
            out["resource"] = resource
        return 200, out

    def _interaction_by_token(self, app: BotApp, app_id: str, token: str) -> InteractionRecord:
        if str(app.id) != app_id:
            raise ApiError(404, 10015, "Unknown Webhook")
        for rec in self.world.interactions.values():
            if rec.token == token and rec.app_id == app.id:
                return rec
        raise ApiError(401, 50027, "Invalid Webhook Token")

    def _original(self, rec: InteractionRecord) -> StoredMessage:
        if rec.response_type is None:
            raise ApiError(404, 10015, "Unknown Webhook")
        msg = self.store.messages.get(rec.original_message_id or 0)
        if msg is None or msg.deleted:
            raise ApiError(404, 10008, "Unknown Message")
        return msg

    def _webhook_message(self, rec: InteractionRecord, message_id: str) -> StoredMessage:
        if message_id == "@original":
            return self._original(rec)
        mid = int(message_id) if message_id.isdigit() else 0
        if mid != rec.original_message_id and mid not in rec.followup_ids:
            raise ApiError(404, 10008, "Unknown Message")
        msg = self.store.messages.get(mid)
        if msg is None or msg.deleted:
            raise ApiError(404, 10008, "Unknown Message")
        return msg

    def h_webhook_message(self, app: BotApp, req: WireRequest, app_id: str, token: str, message_id: str) -> Response:
        rec = self._interaction_by_token(app, app_id, token)
        msg = self._webhook_message(rec, message_id)
        if req.method == "GET":
            return 200, self.store.message_payload(msg)
        if req.method == "DELETE":
            self.store.delete(msg)
            return 204, None
        body = req.body if isinstance(req.body, dict) else {}
        merged = {"flags": msg.flags, **body}
        check_message_body(merged, len(req.files), editing=True)
        self.store.edit(msg, body, req.files)
        return 200, self.store.message_payload(msg)

    def h_followup(self, app: BotApp, req: WireRequest, app_id: str, token: str) -> Response:
        rec = self._interaction_by_token(app, app_id, token)
        if rec.response_type is None or rec.response_type == 8:
            raise ApiError(404, 10015, "Unknown Webhook")
        body = req.body if isinstance(req.body, dict) else {}
        check_message_body(body, len(req.files), editing=False)
        original = self.store.messages.get(rec.original_message_id or 0)
        if rec.response_type == 5 and original is not None and original.flags & LOADING and not original.deleted:
            # Discord: the first followup after a "thinking" defer replaces the loading message.
            # It keeps the loading message's ephemerality and takes the followup's other flags (Components V2).
            flags = (original.flags & EPHEMERAL) | ((body.get("flags") or 0) & ~EPHEMERAL)
            self.store.edit(original, {**body, "flags": flags}, req.files)
            msg = original
        else:
            channel = self.world.any_channel(rec.channel_id)
            assert channel is not None
            ephemeral = bool((body.get("flags") or 0) & EPHEMERAL)
            msg = self.store.create(
                app=app,
                author_id=app.user.id,
                channel=channel,
                body=body,
                files=req.files,
                ephemeral_to=rec.user_id if ephemeral else None,
                interaction=rec,
                webhook=True,
            )
            rec.followup_ids.append(msg.id)
        if req.query.get("wait") in ("1", "true", "True"):
            return 200, self.store.message_payload(msg)
        return 204, None
