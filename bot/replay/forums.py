"""Forum channels and threads in the fake Discord: tags on a forum, tags on its posts, locked and archived threads.

Discord's rules that the OpenAPI schema cannot express live here: a tag name has at most 20 characters (the schema
says 50), a post's tags must be tags of its forum, a forum with REQUIRE_TAG refuses an untagged post (40067),
editing tags needs Manage Channels, locking a thread needs Manage Threads, and a locked thread takes messages only
from those who have Manage Threads. A refusal that a correct bot never causes is also recorded as a violation.
"""

from __future__ import annotations

from typing import Any

from parley.replay.messages import MessageStore
from parley.replay.model import (
    FORUM_TAG_NAME_MAX,
    MANAGE_CHANNELS,
    MANAGE_THREADS,
    REQUIRE_TAG,
    VIEW_CHANNEL,
    BotApp,
    Channel,
    new_tag,
    permission_names,
)
from parley.replay.records import ApiError, Response
from parley.replay.transport import WireRequest
from parley.replay.world import World

FORUM_TYPES = (15, 16)


def _refuse(status: int, code: int, message: str, pointer: str) -> ApiError:
    """An answer Discord gives a bot that broke one of its rules (recorded as a violation too)."""
    return ApiError(status, code, message, {"_rules": [(pointer, message)]})


def post_tags(parent: Channel, body: dict[str, Any], pointer: str = "/applied_tags") -> list[int]:
    """The tags of a new (or edited) forum post, checked against its forum."""
    raw = body.get("applied_tags") or []
    known = {int(tag["id"]) for tag in parent.tags}
    tags = [int(tag) for tag in raw]
    unknown = [tag for tag in tags if tag not in known]
    if unknown:
        raise _refuse(400, 50035, f"Invalid Form Body: unknown forum tag {unknown[0]}", pointer)
    if not tags and parent.flags & REQUIRE_TAG:
        raise _refuse(400, 40067, "A tag is required to create a forum post in this channel", pointer)
    return tags


def check_thread_send(world: World, app: BotApp, channel: Channel) -> None:
    """A locked thread takes messages only from those who may manage threads; sending unarchives a thread."""
    if not channel.is_thread:
        return
    perms = world.permissions(app.user.id, channel)
    if channel.locked and not perms & MANAGE_THREADS:
        raise ApiError(403, 50013, "Missing Permissions (manage_threads: the thread is locked)")
    if channel.archived:
        channel.archived = False
        world.emit("THREAD_UPDATE", channel.payload())


class ForumApi:
    """PATCH /channels/{id}: a channel's settings (a forum's tags) and a thread's state (tags, locked, archived)."""

    ROUTES: tuple[tuple[str, str, str], ...] = (("PATCH", "/channels/{channel_id}", "h_edit_channel"),)

    def __init__(self, world: World, store: MessageStore) -> None:
        self.world = world
        self.store = store

    def _channel(self, channel_id: str) -> Channel:
        channel = self.world.any_channel(int(channel_id)) if channel_id.isdigit() else None
        if channel is None or channel.guild_id is None:
            raise ApiError(404, 10003, "Unknown Channel")
        return channel

    def _require(self, app: BotApp, channel: Channel, bits: int) -> None:
        perms = self.world.permissions(app.user.id, channel)
        if not perms & VIEW_CHANNEL:
            raise ApiError(403, 50001, "Missing Access")
        if bits & ~perms:
            raise ApiError(403, 50013, f"Missing Permissions ({', '.join(permission_names(bits & ~perms))})")

    def h_edit_channel(self, app: BotApp, req: WireRequest, channel_id: str) -> Response:
        channel = self._channel(channel_id)
        body = req.body if isinstance(req.body, dict) else {}
        if channel.is_thread:
            self._edit_thread(app, channel, body)
            self.world.emit("THREAD_UPDATE", channel.payload())
        else:
            self._edit_guild_channel(app, channel, body)
            self.world.emit("CHANNEL_UPDATE", channel.payload())
        return 200, channel.payload(self.world.users)

    def _edit_guild_channel(self, app: BotApp, channel: Channel, body: dict[str, Any]) -> None:
        self._require(app, channel, MANAGE_CHANNELS)
        if "available_tags" in body:
            if channel.type not in FORUM_TYPES:
                raise _refuse(400, 50035, "Invalid Form Body: only forum channels have tags", "/available_tags")
            channel.tags = self._tags(body["available_tags"] or [])
        if body.get("name"):
            channel.name = str(body["name"])
        if "topic" in body:
            channel.topic = body["topic"]
        if body.get("flags") is not None:
            channel.flags = int(body["flags"])

    def _tags(self, wanted: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The forum's new tag list: listed tags keep their id, new ones get one, unlisted ones are deleted."""
        tags = []
        for i, tag in enumerate(wanted):
            name = str(tag.get("name", ""))
            if not 1 <= len(name) <= FORUM_TAG_NAME_MAX:
                raise _refuse(
                    400,
                    50035,
                    f"Invalid Form Body: a tag name must be 1-{FORUM_TAG_NAME_MAX} characters",
                    f"/available_tags/{i}/name",
                )
            tag_id = int(tag["id"]) if tag.get("id") else self.world.clock.snowflake()
            tags.append(new_tag(tag_id, name, emoji_name=tag.get("emoji_name"), moderated=bool(tag.get("moderated"))))
        names = [tag["name"].casefold() for tag in tags]
        if len(set(names)) != len(names):
            raise _refuse(400, 50035, "Invalid Form Body: tag names must be unique", "/available_tags")
        return tags

    def _edit_thread(self, app: BotApp, thread: Channel, body: dict[str, Any]) -> None:
        perms = self.world.permissions(app.user.id, thread)
        owner = thread.owner_id == app.user.id
        if body.get("locked") is not None and bool(body["locked"]) != thread.locked:
            self._require(app, thread, MANAGE_THREADS)
        if not owner and not perms & MANAGE_THREADS:
            raise ApiError(403, 50013, "Missing Permissions (manage_threads)")
        if thread.archived and body.get("archived") is not False:
            raise ApiError(400, 50083, "Thread is archived")
        parent = self.world.any_channel(thread.parent_id or 0)
        if "applied_tags" in body and parent is not None:
            thread.applied_tags = post_tags(parent, body)
        if body.get("name"):
            thread.name = str(body["name"])
        if body.get("locked") is not None:
            thread.locked = bool(body["locked"])
        if body.get("archived") is not None:
            thread.archived = bool(body["archived"])
