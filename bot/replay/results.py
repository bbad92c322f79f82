"""What a replay step produced: captured requests, messages members can see, errors, spec violations."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from typing import Any

from parley.replay.components import ButtonInfo, ComponentInfo, ModalInfo, SelectInfo, _contains
from parley.replay.spec import Violation

_MAX_FILE_TEXT = 65536


@dataclass(frozen=True)
class CapturedFile:
    """A file uploaded in a multipart request."""

    field: str
    filename: str
    content_type: str
    data: bytes

    @property
    def size(self) -> int:
        """Size in bytes."""
        return len(self.data)

    @property
    def text(self) -> str | None:
        """The content as UTF-8 text, or None for binary data."""
        try:
            return self.data.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def to_dict(self) -> dict[str, Any]:
        """JSON form: name, size, and the text (or a digest for binary/large files)."""
        data: dict[str, Any] = {"field": self.field, "filename": self.filename, "size": self.size}
        text = self.text
        if text is not None and len(text) <= _MAX_FILE_TEXT:
            data["text"] = text
        else:
            data["sha256"] = hashlib.sha256(self.data).hexdigest()
            if self.size <= 1024:
                data["base64"] = base64.b64encode(self.data).decode()
        return data


@dataclass(frozen=True)
class CapturedRequest:
    """One HTTP request the client made, and the fake Discord's answer."""

    seq: int
    app: str
    method: str
    path: str
    query: dict[str, str]
    body: Any
    files: tuple[CapturedFile, ...]
    content_type: str | None
    status: int
    response: Any

    def to_dict(self) -> dict[str, Any]:
        """Transcript form: method, path, body (+ status, query, files when present)."""
        body = self.body
        if isinstance(body, dict) and "nonce" in body:
            # discord.py sends a random nonce with channel messages; keep transcripts reproducible.
            body = {**body, "nonce": "<nonce>"}
        data: dict[str, Any] = {"method": self.method, "path": self.path, "body": body, "status": self.status}
        if self.query:
            data["query"] = self.query
        if self.files:
            data["files"] = [f.to_dict() for f in self.files]
        return data


@dataclass(frozen=True)
class VisibleMessage:
    """A message (or modal) as the member it is shown to sees it."""

    event: str  # created | edited | deleted | modal
    channel: str
    ephemeral: bool
    to: str | None
    content: str
    text: str
    embeds: tuple[dict[str, Any], ...]
    components: tuple[ComponentInfo, ...]
    allowed_mentions: dict[str, Any] | None
    pings: tuple[str, ...] = ()
    message_id: int | None = None
    author: str | None = None
    flags: int = 0
    modal: ModalInfo | None = None
    attachments: tuple[str, ...] = ()
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def buttons(self) -> list[ButtonInfo]:
        """Buttons, row-major."""
        return [c for c in self.components if isinstance(c, ButtonInfo)]

    @property
    def selects(self) -> list[SelectInfo]:
        """Select menus, row-major."""
        return [c for c in self.components if isinstance(c, SelectInfo)]

    def button(self, label: str) -> ButtonInfo:
        """The first button whose emoji + label contains `label` (case-insensitive)."""
        for b in self.buttons:
            if _contains(label, b.text):
                return b
        raise KeyError(f"no button {label!r} in {[b.text for b in self.buttons]}")

    def select(self, placeholder: str) -> SelectInfo:
        """The first select whose placeholder contains `placeholder` (case-insensitive)."""
        for s in self.selects:
            if _contains(placeholder, s.placeholder):
                return s
        raise KeyError(f"no select {placeholder!r} in {[s.placeholder for s in self.selects]}")

    def to_dict(self) -> dict[str, Any]:
        """Transcript form."""
        data: dict[str, Any] = {
            "event": self.event,
            "channel": self.channel,
            "ephemeral": self.ephemeral,
            "to": self.to,
            "content": self.content,
            "embeds": list(self.embeds),
            "components": [c.to_dict() for c in self.components],
            "allowed_mentions": self.allowed_mentions,
            "pings": list(self.pings),
            "message_id": str(self.message_id) if self.message_id else None,
        }
        if self.attachments:
            data["attachments"] = list(self.attachments)
        if self.modal is not None:
            data["modal"] = self.modal.to_dict()
        return data


@dataclass
class StepResult:
    """Everything one step did."""

    index: int
    action: str
    requests: list[CapturedRequest] = field(default_factory=list)
    visible: list[VisibleMessage] = field(default_factory=list)
    error: str | None = None
    error_details: list[str] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    expect_error: bool = False
    interaction_id: int | None = None
    response_type: int | None = None

    @property
    def ok(self) -> bool:
        """Whether the step went as expected (error iff expected) with no request Discord would reject."""
        return (self.error is not None) == self.expect_error and not self.violations

    @property
    def message(self) -> VisibleMessage:
        """The first visible message of the step (raises when there is none)."""
        messages = [v for v in self.visible if v.modal is None]
        if not messages:
            raise AssertionError(f"step {self.index} ({self.action}) made no visible message")
        return messages[0]

    @property
    def modal(self) -> ModalInfo:
        """The modal this step opened (raises when there is none)."""
        for v in self.visible:
            if v.modal is not None:
                return v.modal
        raise AssertionError(f"step {self.index} ({self.action}) opened no modal")

    def describe(self) -> str:
        """Readable summary for assertion messages."""
        lines = [f"step {self.index}: {self.action}"]
        if self.error:
            lines.append(f"  error: {self.error}")
            lines.extend("    " + d for d in self.error_details[-1:])
        for v in self.violations:
            lines.append(f"  spec violation: {v.method} {v.path} {v.pointer}: {v.message}")
        for v in self.visible:
            lines.append(
                f"  {v.event} {v.channel}{' (ephemeral to ' + str(v.to) + ')' if v.ephemeral else ''}: "
                f"{v.text[:200]!r} {[c.text for c in v.components]}"
            )
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """Transcript form."""
        data: dict[str, Any] = {
            "step": self.index,
            "action": self.action,
            "requests": [r.to_dict() for r in self.requests],
            "visible": [v.to_dict() for v in self.visible],
            "error": self.error,
        }
        if self.expect_error:
            data["expect_error"] = True
        if self.violations:
            data["spec_violations"] = [v.to_dict() for v in self.violations]
        return data
