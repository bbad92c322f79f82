"""Building interaction `data` the way Discord's client does: command options, selects, modal submissions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from parley.replay import components as comps
from parley.replay.errors import ScenarioError
from parley.replay.fake import FakeDiscord
from parley.replay.model import ADMINISTRATOR, Channel, permission_names

SUB_COMMAND, SUB_COMMAND_GROUP = 1, 2
STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, MENTIONABLE, NUMBER, ATTACHMENT = 3, 4, 5, 6, 7, 8, 9, 10, 11


class Resolver:
    """Turns scenario names ("#stories", "@Moderators", "alice") into ids plus Discord's `resolved` objects."""

    def __init__(self, fake: FakeDiscord, viewer_id: int) -> None:
        self.fake = fake
        self.viewer_id = viewer_id
        self.resolved: dict[str, dict[str, Any]] = {}

    def _add(self, kind: str, key: int, value: dict[str, Any]) -> None:
        self.resolved.setdefault(kind, {})[str(key)] = value

    def user(self, name: Any) -> str:
        member = self.fake.member(str(name))
        uid = member.user.id
        self._add("users", uid, member.user.payload())
        channel = self.fake.default_channel()
        self._add("members", uid, member.payload(with_user=False, permissions=self.fake.permissions(uid, channel)))
        return str(uid)

    def role(self, name: Any) -> str:
        role = self.fake.role(str(name))
        self._add("roles", role.id, role.payload())
        return str(role.id)

    def channel(self, name: Any, channel_types: list[int] | None = None) -> str:
        channel = self.fake.channel(str(name))
        if channel_types and channel.type not in channel_types:
            raise ScenarioError(f"{channel.mention} is not an allowed channel type here ({channel_types})")
        self._add("channels", channel.id, self._partial_channel(channel))
        return str(channel.id)

    def mentionable(self, name: Any) -> str:
        text = str(name)
        if text.startswith("@"):
            try:
                return self.role(text)
            except ScenarioError:
                pass
        return self.user(text)

    def attachment(self, value: Any) -> str:
        if isinstance(value, Mapping):
            filename = str(value.get("filename", "file.txt"))
            content = value.get("content", b"")
            content_type = str(value.get("content_type", "text/plain"))
        else:
            filename, content, content_type = "file.txt", value, "text/plain"
        data = content.encode("utf-8") if isinstance(content, str) else bytes(content)
        att = self.fake.upload(filename, data, content_type)
        self._add("attachments", int(att["id"]), att)
        return att["id"]

    def _partial_channel(self, channel: Channel) -> dict[str, Any]:
        data = {
            "id": str(channel.id),
            "name": channel.name,
            "type": channel.type,
            "permissions": str(self.fake.permissions(self.viewer_id, channel)),
            "flags": 0,
            "nsfw": channel.nsfw,
            "parent_id": str(channel.parent_id) if channel.parent_id else None,
            "position": channel.position,
            "rate_limit_per_user": 0,
            "last_message_id": str(channel.last_message_id) if channel.last_message_id else None,
            "topic": channel.topic,
            "guild_id": str(channel.guild_id) if channel.guild_id else None,
        }
        if channel.is_thread:
            data.update(channel.payload())
            data["permissions"] = str(self.fake.permissions(self.viewer_id, channel))
        return data


# -- slash commands ----------------------------------------------------------------------------------------------------


def check_command_access(fake: FakeDiscord, command: dict[str, Any], user_id: int, channel: Channel) -> None:
    """Raise when Discord's client would not offer this command to the member here."""
    name = command.get("name")
    if not fake.can_use_commands(user_id, channel):
        raise ScenarioError(f"{fake.name_of(user_id)} cannot use application commands in {channel.mention}")
    contexts = command.get("contexts")
    if contexts is not None and channel.guild_id is not None and 0 not in contexts:
        raise ScenarioError(f"/{name} is not available in servers (contexts={contexts})")
    required = command.get("default_member_permissions")
    if required is None or name in fake.guild_spec.open_commands:
        return
    perms = fake.permissions(user_id, channel)
    bits = int(required)
    if perms & ADMINISTRATOR or user_id == fake.guild.owner_id:
        return
    if bits == 0 or bits & ~perms:
        needs = ", ".join(permission_names(bits & ~perms)) or "administrator"
        raise ScenarioError(f"/{name} is not available to {fake.name_of(user_id)} (needs {needs})")


def command_data(
    fake: FakeDiscord,
    command: dict[str, Any],
    path: list[str],
    options: Mapping[str, Any],
    resolver: Resolver,
    *,
    focused: str | None = None,
) -> dict[str, Any]:
    """The `data` of an APPLICATION_COMMAND (or autocomplete) interaction for `/path options`."""
    data: dict[str, Any] = {"id": command["id"], "name": command["name"], "type": command.get("type", 1)}
    if command.get("guild_id"):
        data["guild_id"] = command["guild_id"]
    schema = command.get("options") or []
    container = data
    walked = [command["name"]]
    for part in path:
        sub = next(
            (o for o in schema if o.get("name") == part and o.get("type") in (SUB_COMMAND, SUB_COMMAND_GROUP)), None
        )
        if sub is None:
            subs = [o["name"] for o in schema if o.get("type") in (SUB_COMMAND, SUB_COMMAND_GROUP)]
            raise ScenarioError(f"/{' '.join(walked)} has no subcommand {part!r}; it has {subs}")
        entry: dict[str, Any] = {"name": part, "type": sub["type"], "options": []}
        container.setdefault("options", []).append(entry)
        container = entry
        schema = sub.get("options") or []
        walked.append(part)
    if any(o.get("type") in (SUB_COMMAND, SUB_COMMAND_GROUP) for o in schema):
        subs = [o["name"] for o in schema]
        raise ScenarioError(f"/{' '.join(walked)} needs a subcommand: one of {subs}")
    values = []
    known = {o["name"]: o for o in schema}
    for key, value in options.items():
        spec = known.get(key)
        if spec is None:
            raise ScenarioError(f"/{' '.join(walked)} has no option {key!r}; options: {sorted(known)}")
        if key == focused:
            values.append({"name": key, "type": spec["type"], "value": str(value), "focused": True})
            continue
        values.append({"name": key, "type": spec["type"], "value": option_value(spec, value, resolver)})
    if focused is not None and focused not in options:
        spec = known.get(focused)
        if spec is None:
            raise ScenarioError(f"/{' '.join(walked)} has no option {focused!r}")
        values.append({"name": focused, "type": spec["type"], "value": "", "focused": True})
    if focused is None:
        missing = [o["name"] for o in schema if o.get("required") and o["name"] not in options]
        if missing:
            raise ScenarioError(f"/{' '.join(walked)} needs option(s) {missing}")
    if values:
        container["options"] = values
    elif container is data:
        data.pop("options", None)
    if resolver.resolved:
        data["resolved"] = resolver.resolved
    return data


def option_value(spec: dict[str, Any], value: Any, resolver: Resolver) -> Any:
    """One option's value, typed as Discord sends it (channels/roles/users become ids, choices map to values)."""
    kind = spec.get("type")
    name = spec.get("name")
    if kind in (STRING, INTEGER, NUMBER) and spec.get("choices"):
        for choice in spec["choices"]:
            if str(choice["value"]) == str(value) or str(choice["name"]).casefold() == str(value).casefold():
                return choice["value"]
        names = [c["name"] for c in spec["choices"]]
        raise ScenarioError(f"option {name!r} must be one of {names}, got {value!r}")
    try:
        if kind == STRING:
            text = str(value)
            _check_length(spec, text)
            return text
        if kind == INTEGER:
            number = int(value)
            _check_range(spec, number)
            return number
        if kind == NUMBER:
            real = float(value)
            _check_range(spec, real)
            return real
    except ValueError as exc:
        raise ScenarioError(
            f"option {name!r}: {value!r} is not a valid {'integer' if kind == INTEGER else 'number'}"
        ) from exc
    if kind == BOOLEAN:
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "yes", "on")
        return bool(value)
    if kind == USER:
        return resolver.user(value)
    if kind == CHANNEL:
        return resolver.channel(value, spec.get("channel_types"))
    if kind == ROLE:
        return resolver.role(value)
    if kind == MENTIONABLE:
        return resolver.mentionable(value)
    if kind == ATTACHMENT:
        return resolver.attachment(value)
    raise ScenarioError(f"option {name!r} has unsupported type {kind}")


def _check_length(spec: dict[str, Any], text: str) -> None:
    low, high = spec.get("min_length"), spec.get("max_length")
    if (low is not None and len(text) < low) or (high is not None and len(text) > high):
        raise ScenarioError(f"option {spec['name']!r} must be {low or 0}..{high or 6000} characters long")


def _check_range(spec: dict[str, Any], number: float) -> None:
    low, high = spec.get("min_value"), spec.get("max_value")
    if (low is not None and number < low) or (high is not None and number > high):
        raise ScenarioError(f"option {spec['name']!r} must be between {low} and {high}")


# -- components --------------------------------------------------------------------------------------------------------


def select_values(select: comps.SelectInfo, values: list[Any], resolver: Resolver) -> list[str]:
    """Values for a select interaction: string options by value or label; users/roles/channels by name."""
    if select.kind == "string_select":
        out = comps.resolve_option_values(select, values)
    elif select.kind == "user_select":
        out = [resolver.user(v) for v in values]
    elif select.kind == "role_select":
        out = [resolver.role(v) for v in values]
    elif select.kind == "channel_select":
        out = [resolver.channel(v) for v in values]
    else:
        out = [resolver.mentionable(v) for v in values]
    if not select.min_values <= len(out) <= select.max_values:
        raise ScenarioError(
            f"select {select.placeholder or select.custom_id!r} takes {select.min_values}..{select.max_values} "
            f"value(s), got {len(out)}"
        )
    return out


# -- modals ------------------------------------------------------------------------------------------------------------


def modal_submission(
    modal: dict[str, Any], answers: Mapping[str, Any], resolver: Resolver
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The `components` (and `resolved`) of a MODAL_SUBMIT for answers given by field label."""
    info = comps.modal_info(modal)
    by_custom_id: dict[str, Any] = {}
    for label, value in answers.items():
        fld = info.field(label)
        by_custom_id[fld.custom_id] = _field_value(fld, value, resolver)
    for fld in info.fields:
        if fld.custom_id in by_custom_id:
            continue
        if fld.required and not (fld.kind == "text_input" and fld.value):
            raise ScenarioError(f"modal {info.title!r}: required field {fld.label!r} has no answer")
        by_custom_id[fld.custom_id] = _default_value(fld)
    out = []
    for comp in modal.get("components", []):
        ctype = comp.get("type")
        if ctype == comps.LABEL:
            inner = comp.get("component") or {}
            out.append({"type": comps.LABEL, "id": comp.get("id"), "component": _submitted(inner, by_custom_id)})
        elif ctype == comps.ACTION_ROW:
            out.append(
                {
                    "type": comps.ACTION_ROW,
                    "id": comp.get("id"),
                    "components": [_submitted(c, by_custom_id) for c in comp.get("components", [])],
                }
            )
        elif ctype == comps.TEXT_DISPLAY:
            out.append({"type": comps.TEXT_DISPLAY, "id": comp.get("id"), "content": comp.get("content", "")})
    return out, resolver.resolved


def _submitted(comp: dict[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    ctype = comp.get("type")
    custom_id = comp.get("custom_id", "")
    value = values.get(custom_id)
    item: dict[str, Any] = {"type": ctype, "id": comp.get("id"), "custom_id": custom_id}
    if ctype in (comps.TEXT_INPUT, comps.RADIO_GROUP, comps.CHECKBOX):
        item["value"] = value
    else:
        item["values"] = value if value is not None else []
    return item


def _default_value(fld: comps.ModalField) -> Any:
    if fld.kind == "text_input":
        return fld.value or ""
    if fld.kind == "radio_group":
        return next((o.value for o in fld.options if o.default), None)
    if fld.kind == "checkbox":
        return False
    if fld.kind in ("string_select", "checkbox_group"):
        return [o.value for o in fld.options if o.default]
    return []


def _field_value(fld: comps.ModalField, value: Any, resolver: Resolver) -> Any:
    if fld.kind == "text_input":
        text = str(value)
        if fld.required and not text:
            raise ScenarioError(f"modal field {fld.label!r} is required")
        if fld.max_length is not None and len(text) > fld.max_length:
            raise ScenarioError(f"modal field {fld.label!r} allows {fld.max_length} characters, got {len(text)}")
        if text and fld.min_length is not None and len(text) < fld.min_length:
            raise ScenarioError(f"modal field {fld.label!r} needs at least {fld.min_length} characters")
        return text
    if fld.kind == "checkbox":
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "yes", "on", "x")
        return bool(value)
    values = list(value) if isinstance(value, list | tuple) else [value]
    if fld.kind == "radio_group":
        if len(values) != 1:
            raise ScenarioError(f"radio group {fld.label!r} takes exactly one value")
        return _pick(fld, values)[0]
    if fld.kind in ("string_select", "checkbox_group"):
        picked = _pick(fld, values)
    elif fld.kind == "user_select":
        picked = [resolver.user(v) for v in values]
    elif fld.kind == "role_select":
        picked = [resolver.role(v) for v in values]
    elif fld.kind == "channel_select":
        picked = [resolver.channel(v) for v in values]
    elif fld.kind == "mentionable_select":
        picked = [resolver.mentionable(v) for v in values]
    elif fld.kind == "file_upload":
        picked = [resolver.attachment(v) for v in values]
    else:
        raise ScenarioError(f"modal field {fld.label!r}: unsupported kind {fld.kind}")
    if not (fld.min_values if fld.required else 0) <= len(picked) <= fld.max_values:
        raise ScenarioError(f"modal field {fld.label!r} takes {fld.min_values}..{fld.max_values} value(s)")
    return picked


def _pick(fld: comps.ModalField, values: list[Any]) -> list[str]:
    select = comps.SelectInfo(
        kind="string_select",
        placeholder=fld.label,
        custom_id=fld.custom_id,
        options=fld.options,
        min_values=0,
        max_values=len(fld.options),
        disabled=False,
    )
    return comps.resolve_option_values(select, values)
