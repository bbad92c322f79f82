"""What the fake Discord stores: messages, interactions, open modals, visible events; and its error answers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

EPHEMERAL = 1 << 6
LOADING = 1 << 7
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024
CDN = "https://cdn.discordapp.com"

Response = tuple[int, Any]


class ApiError(Exception):
    """An error answer of the fake Discord (status, Discord error code, message)."""

    def __init__(self, status: int, code: int, message: str, errors: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors

    def body(self) -> dict[str, Any]:
        """The JSON error body Discord sends."""
        data: dict[str, Any] = {"message": self.message, "code": self.code}
        if self.errors:
            data["errors"] = self.errors
        return data


@dataclass
class StoredMessage:
    """A message the fake Discord holds."""

    id: int
    channel_id: int
    author_id: int
    app_id: int | None
    timestamp: dt.datetime
    content: str = ""
    embeds: list[dict[str, Any]] = field(default_factory=list)
    components: list[dict[str, Any]] = field(default_factory=list)
    flags: int = 0
    attachments: list[dict[str, Any]] = field(default_factory=list)
    allowed_mentions: dict[str, Any] | None = None
    ephemeral_to: int | None = None
    interaction_id: int | None = None
    interaction_metadata: dict[str, Any] | None = None
    webhook_id: int | None = None
    type: int = 0
    edited_timestamp: dt.datetime | None = None
    deleted: bool = False
    tts: bool = False
    pinned: bool = False
    message_reference: dict[str, Any] | None = None
    reactions: dict[str, set[int]] = field(default_factory=dict)

    @property
    def ephemeral(self) -> bool:
        """Whether only one member sees the message."""
        return self.ephemeral_to is not None


@dataclass
class InteractionRecord:
    """An interaction the fake Discord sent to a bot, and how the bot answered it."""

    id: int
    token: str
    app_id: int
    type: int
    user_id: int
    guild_id: int | None
    channel_id: int
    name: str = ""
    message_id: int | None = None  # the message a component sits on
    opened_from: int | None = None  # modal submit: the interaction that opened the modal
    response_type: int | None = None
    original_message_id: int | None = None
    followup_ids: list[int] = field(default_factory=list)
    autocomplete_choices: list[dict[str, Any]] | None = None


@dataclass
class OpenModal:
    """A modal a bot showed a member, waiting for `submit`."""

    interaction_id: int
    app_id: int
    user_id: int
    channel_id: int
    data: dict[str, Any]
    message_id: int | None


@dataclass(frozen=True)
class FakeEvent:
    """Something a member could see happen: a message created/edited/deleted, or a modal opened."""

    seq: int
    kind: str
    message_id: int | None = None
    user_id: int | None = None
    modal: dict[str, Any] | None = None
    channel_id: int | None = None
