"""Checks Discord makes on message and modal bodies that its OpenAPI schema cannot express."""

from __future__ import annotations

from typing import Any

from parley.replay.components import (
    ACTION_ROW,
    BUTTON,
    COMPONENTS_V2_FLAG,
    SELECT_TYPES,
    TEXT_DISPLAY,
    walk,
)
from parley.replay.records import ApiError

V2_MAX_COMPONENTS = 40
V2_MAX_TEXT = 4000


def message_problems(body: dict[str, Any], *, files: int = 0, editing: bool = False) -> list[tuple[str, str]]:
    """(JSON pointer, message) for each rule a create/edit-message body breaks."""
    problems: list[tuple[str, str]] = []
    flags = body.get("flags") or 0
    components = body.get("components") or []
    v2 = bool(flags & COMPONENTS_V2_FLAG)
    if v2:
        for key in ("content", "embeds", "poll", "sticker_ids"):
            if body.get(key):
                problems.append((f"/{key}", f"{key} cannot be used with the IS_COMPONENTS_V2 flag"))
        total = sum(1 for _ in walk(components))
        if total > V2_MAX_COMPONENTS:
            problems.append(("/components", f"{total} components; Components V2 messages allow {V2_MAX_COMPONENTS}"))
        text = sum(len(str(c.get("content", ""))) for c in walk(components) if c.get("type") == TEXT_DISPLAY)
        if text > V2_MAX_TEXT:
            problems.append(("/components", f"text displays hold {text} characters; the limit is {V2_MAX_TEXT}"))
    else:
        for i, comp in enumerate(components):
            if comp.get("type") != ACTION_ROW:
                problems.append(
                    (f"/components/{i}/type", f"component type {comp.get('type')} needs the IS_COMPONENTS_V2 flag")
                )
    problems.extend(_row_problems(components))
    problems.extend(_duplicate_custom_ids(components))
    if not editing:
        empty = not any(body.get(k) for k in ("content", "embeds", "components", "sticker_ids", "poll"))
        if empty and not files and not body.get("attachments"):
            problems.append(("", "Cannot send an empty message"))
    return problems


def modal_problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    """Rules for a modal callback's data beyond the schema."""
    return _duplicate_custom_ids(data.get("components") or [])


def _row_problems(components: list[dict[str, Any]]) -> list[tuple[str, str]]:
    problems = []
    for row in walk(components):
        if row.get("type") != ACTION_ROW:
            continue
        kids = row.get("components") or []
        selects = [c for c in kids if c.get("type") in SELECT_TYPES]
        buttons = [c for c in kids if c.get("type") == BUTTON]
        if selects and (len(kids) > 1 or buttons):
            problems.append(("/components", "an action row with a select menu cannot hold anything else"))
    return problems


def _duplicate_custom_ids(components: list[dict[str, Any]]) -> list[tuple[str, str]]:
    seen: set[str] = set()
    problems = []
    for comp in walk(components):
        cid = comp.get("custom_id")
        if cid is None:
            continue
        if cid in seen:
            problems.append(("/components", f"custom_id {cid!r} is used twice in one message"))
        seen.add(cid)
    return problems


def check_message_body(body: Any, files: int, *, editing: bool) -> None:
    """Raise the ApiError Discord answers for a message body it refuses (50006 when it is empty, else 50035)."""
    if not isinstance(body, dict):
        raise ApiError(400, 50035, "Invalid Form Body")
    problems = message_problems(body, files=files, editing=editing)
    if problems:
        if problems == [("", "Cannot send an empty message")]:
            raise ApiError(400, 50006, "Cannot send an empty message", {"_rules": problems})
        raise ApiError(400, 50035, "Invalid Form Body", {"_rules": problems})
