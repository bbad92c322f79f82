"""Reading message and modal components the way a member sees them (pure functions over Discord payloads)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from parley.replay.errors import ScenarioError

ACTION_ROW, BUTTON, STRING_SELECT, TEXT_INPUT = 1, 2, 3, 4
USER_SELECT, ROLE_SELECT, MENTIONABLE_SELECT, CHANNEL_SELECT = 5, 6, 7, 8
SECTION, TEXT_DISPLAY, THUMBNAIL, MEDIA_GALLERY, FILE, SEPARATOR = 9, 10, 11, 12, 13, 14
CONTAINER, LABEL, FILE_UPLOAD, RADIO_GROUP, CHECKBOX_GROUP, CHECKBOX = 17, 18, 19, 21, 22, 23
SELECT_TYPES = (STRING_SELECT, USER_SELECT, ROLE_SELECT, MENTIONABLE_SELECT, CHANNEL_SELECT)
SELECT_KINDS = {
    STRING_SELECT: "string_select",
    USER_SELECT: "user_select",
    ROLE_SELECT: "role_select",
    MENTIONABLE_SELECT: "mentionable_select",
    CHANNEL_SELECT: "channel_select",
}
FIELD_KINDS = {
    TEXT_INPUT: "text_input",
    FILE_UPLOAD: "file_upload",
    RADIO_GROUP: "radio_group",
    CHECKBOX_GROUP: "checkbox_group",
    CHECKBOX: "checkbox",
    **SELECT_KINDS,
}
BUTTON_STYLES = {1: "primary", 2: "secondary", 3: "success", 4: "danger", 5: "link", 6: "premium"}
COMPONENTS_V2_FLAG = 1 << 15


def emoji_text(emoji: dict[str, Any] | None) -> str:
    """An emoji as a member reads it: the unicode character, or :name: for custom emoji."""
    if not emoji:
        return ""
    if emoji.get("id"):
        return f":{emoji.get('name') or 'emoji'}:"
    return emoji.get("name") or ""


@dataclass(frozen=True)
class OptionInfo:
    """One option of a select, radio group or checkbox group."""

    label: str
    value: str
    description: str | None = None
    emoji: str = ""
    default: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"label": self.label, "value": self.value, "default": self.default}


@dataclass(frozen=True)
class ButtonInfo:
    """A button as shown on a message."""

    label: str | None
    emoji: str
    custom_id: str | None
    style: str
    disabled: bool
    url: str | None = None
    id: int | None = None
    type: str = "button"

    @property
    def text(self) -> str:
        """Emoji and label, as the member reads the button."""
        return " ".join(p for p in (self.emoji, self.label or "") if p)

    def to_dict(self) -> dict[str, Any]:
        """JSON form used in transcripts."""
        data: dict[str, Any] = {"type": "button", "label": self.text, "style": self.style, "disabled": self.disabled}
        if self.url:
            data["url"] = self.url
        else:
            data["custom_id"] = self.custom_id
        return data


@dataclass(frozen=True)
class SelectInfo:
    """A select menu as shown on a message."""

    kind: str
    placeholder: str | None
    custom_id: str
    options: tuple[OptionInfo, ...]
    min_values: int
    max_values: int
    disabled: bool
    id: int | None = None
    type: str = "select"

    @property
    def text(self) -> str:
        """Placeholder and options, as the member reads the menu."""
        opts = " | ".join(o.label for o in self.options)
        return f"{self.placeholder or ''} [{opts}]" if opts else (self.placeholder or self.kind)

    def to_dict(self) -> dict[str, Any]:
        """JSON form used in transcripts."""
        data: dict[str, Any] = {
            "type": "select",
            "kind": self.kind,
            "placeholder": self.placeholder,
            "custom_id": self.custom_id,
            "disabled": self.disabled,
        }
        if self.options:
            data["options"] = [o.label for o in self.options]
        if (self.min_values, self.max_values) != (1, 1):
            data["min_values"], data["max_values"] = self.min_values, self.max_values
        return data


ComponentInfo = ButtonInfo | SelectInfo


@dataclass(frozen=True)
class ModalField:
    """One input of a modal (a Label's component, or a legacy action-row text input)."""

    label: str
    kind: str
    custom_id: str
    required: bool
    description: str | None = None
    placeholder: str | None = None
    options: tuple[OptionInfo, ...] = ()
    value: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    min_values: int = 1
    max_values: int = 1
    style: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON form used in transcripts."""
        data: dict[str, Any] = {"label": self.label, "type": self.kind, "required": self.required}
        if self.options:
            data["options"] = [o.label for o in self.options]
        if self.placeholder:
            data["placeholder"] = self.placeholder
        return data


@dataclass(frozen=True)
class ModalInfo:
    """A modal the bot opened for a member."""

    title: str
    custom_id: str
    fields: tuple[ModalField, ...]
    texts: tuple[str, ...] = ()

    def field(self, label: str) -> ModalField:
        """The field with this label (case-insensitive)."""
        return match_field(self.fields, label)

    def to_dict(self) -> dict[str, Any]:
        """JSON form used in transcripts."""
        data: dict[str, Any] = {
            "title": self.title,
            "custom_id": self.custom_id,
            "fields": [f.to_dict() for f in self.fields],
        }
        if self.texts:
            data["texts"] = list(self.texts)
        return data


# -- walking -----------------------------------------------------------------------------------------------------------


def walk(components: list[dict[str, Any]] | None) -> Iterator[dict[str, Any]]:
    """Every component, depth-first in display order (rows left to right, top to bottom)."""
    for comp in components or []:
        yield comp
        ctype = comp.get("type")
        if ctype in (ACTION_ROW, CONTAINER):
            yield from walk(comp.get("components"))
        elif ctype == SECTION:
            yield from walk(comp.get("components"))
            if comp.get("accessory"):
                yield from walk([comp["accessory"]])
        elif ctype == LABEL and comp.get("component"):
            yield from walk([comp["component"]])


def assign_ids(components: list[dict[str, Any]] | None) -> None:
    """Give every component without an `id` the next free number, as Discord does when it stores a message."""
    comps = list(walk(components))
    used = {c["id"] for c in comps if isinstance(c.get("id"), int)}
    counter = 0
    for comp in comps:
        if not isinstance(comp.get("id"), int):
            counter += 1
            while counter in used:
                counter += 1
            comp["id"] = counter
            used.add(counter)


def normalise_emoji(components: list[dict[str, Any]] | None) -> None:
    """Emoji as Discord echoes them: unicode emoji carry only a name (no null id/animated)."""
    for comp in walk(components):
        for holder in [comp, *(comp.get("options") or [])]:
            emoji = holder.get("emoji")
            if isinstance(emoji, dict):
                for key in [k for k, v in emoji.items() if v is None]:
                    del emoji[key]
                if not emoji.get("id"):
                    emoji.pop("animated", None)


def _options(raw: list[dict[str, Any]] | None) -> tuple[OptionInfo, ...]:
    return tuple(
        OptionInfo(
            label=str(o.get("label", "")),
            value=str(o.get("value", "")),
            description=o.get("description"),
            emoji=emoji_text(o.get("emoji")),
            default=bool(o.get("default", False)),
        )
        for o in raw or []
    )


def interactive(components: list[dict[str, Any]] | None) -> list[ComponentInfo]:
    """Buttons and selects of a message, row-major."""
    out: list[ComponentInfo] = []
    for comp in walk(components):
        ctype = comp.get("type")
        if ctype == BUTTON:
            out.append(
                ButtonInfo(
                    label=comp.get("label"),
                    emoji=emoji_text(comp.get("emoji")),
                    custom_id=comp.get("custom_id"),
                    style=BUTTON_STYLES.get(comp.get("style", 0), str(comp.get("style"))),
                    disabled=bool(comp.get("disabled", False)),
                    url=comp.get("url"),
                    id=comp.get("id"),
                )
            )
        elif ctype in SELECT_TYPES:
            out.append(
                SelectInfo(
                    kind=SELECT_KINDS[ctype],
                    placeholder=comp.get("placeholder"),
                    custom_id=comp.get("custom_id", ""),
                    options=_options(comp.get("options")),
                    min_values=int(comp.get("min_values", 1) if comp.get("min_values") is not None else 1),
                    max_values=int(comp.get("max_values", 1) if comp.get("max_values") is not None else 1),
                    disabled=bool(comp.get("disabled", False)),
                    id=comp.get("id"),
                )
            )
    return out


def raw_interactive(components: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """The raw dicts matching interactive(), same order."""
    return [c for c in walk(components) if c.get("type") == BUTTON or c.get("type") in SELECT_TYPES]


def readable_lines(components: list[dict[str, Any]] | None) -> list[str]:
    """Text a member reads in Components V2 layouts: text displays, media and separators, in order."""
    lines: list[str] = []
    for comp in walk(components):
        ctype = comp.get("type")
        if ctype == TEXT_DISPLAY:
            lines.append(str(comp.get("content", "")))
        elif ctype == SEPARATOR and comp.get("divider", True):
            lines.append("---")
        elif ctype == THUMBNAIL:
            lines.append(f"[image: {comp.get('description') or _media_url(comp.get('media'))}]")
        elif ctype == MEDIA_GALLERY:
            for item in comp.get("items", []):
                lines.append(f"[image: {item.get('description') or _media_url(item.get('media'))}]")
        elif ctype == FILE:
            lines.append(f"[file: {comp.get('name') or _media_url(comp.get('file'))}]")
    return lines


def _media_url(media: dict[str, Any] | None) -> str:
    return str((media or {}).get("url", ""))


def embed_lines(embeds: list[dict[str, Any]] | None) -> list[str]:
    """Text of embeds as a member reads them."""
    lines: list[str] = []
    for embed in embeds or []:
        if embed.get("author", {}).get("name"):
            lines.append(embed["author"]["name"])
        if embed.get("title"):
            lines.append(str(embed["title"]))
        if embed.get("description"):
            lines.append(str(embed["description"]))
        for fld in embed.get("fields", []):
            lines.append(f"{fld.get('name', '')}: {fld.get('value', '')}")
        if embed.get("footer", {}).get("text"):
            lines.append(embed["footer"]["text"])
    return lines


def flat_embeds(embeds: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Embeds with only the parts a member sees (for transcripts)."""
    out = []
    for embed in embeds or []:
        item: dict[str, Any] = {}
        for key in ("title", "description", "url", "color"):
            if embed.get(key) is not None:
                item[key] = embed[key]
        if embed.get("author", {}).get("name"):
            item["author"] = embed["author"]["name"]
        if embed.get("fields"):
            item["fields"] = [{"name": f.get("name"), "value": f.get("value")} for f in embed["fields"]]
        if embed.get("footer", {}).get("text"):
            item["footer"] = embed["footer"]["text"]
        for key in ("image", "thumbnail"):
            if embed.get(key, {}).get("url"):
                item[key] = embed[key]["url"]
        out.append(item)
    return out


# -- finding what a member clicks --------------------------------------------------------------------------------------


def _contains(needle: str, haystack: str | None) -> bool:
    return bool(haystack) and needle.casefold() in str(haystack).casefold()


def find_component(
    components: list[dict[str, Any]] | None,
    *,
    label: str | None = None,
    custom_id: str | None = None,
    index: int | None = None,
    placeholder: str | None = None,
    want: str = "any",
) -> tuple[dict[str, Any], ComponentInfo, OptionInfo | None] | None:
    """The first component (row-major) matching the criteria; with `label`, also the select option it names.

    `label` is contained (case-insensitively) in a button's emoji + label, or in a select option's label.
    `index` counts buttons and selects together, row-major. `want` is "button", "select" or "any".
    """
    raws = raw_interactive(components)
    infos = interactive(components)
    if index is not None:
        if 0 <= index < len(raws):
            return raws[index], infos[index], None
        return None
    for raw, info in zip(raws, infos, strict=True):
        # a click may also name a select option by its label (picking that option)
        if (
            want == "button"
            and not isinstance(info, ButtonInfo)
            and (label is None or not isinstance(info, SelectInfo))
        ):
            continue
        if want == "select" and not isinstance(info, SelectInfo):
            continue
        if custom_id is None and placeholder is None and label is None:
            return raw, info, None  # no criteria: the first component of the wanted kind
        if custom_id is not None:
            if info.custom_id == custom_id:
                return raw, info, None
            continue
        if placeholder is not None:
            if isinstance(info, SelectInfo) and _contains(placeholder, info.placeholder):
                return raw, info, None
            continue
        if label is not None:
            if isinstance(info, ButtonInfo) and _contains(label, info.text):
                return raw, info, None
            if isinstance(info, SelectInfo):
                for opt in info.options:
                    if _contains(label, opt.label):
                        return raw, info, opt
    return None


def resolve_option_values(select: SelectInfo, values: list[Any]) -> list[str]:
    """Map the given values (option values or labels) to option values of a string select."""
    out = []
    for value in values:
        text = str(value)
        match = next((o for o in select.options if o.value == text), None)
        if match is None:
            match = next((o for o in select.options if o.label.casefold() == text.casefold()), None)
        if match is None:
            match = next((o for o in select.options if _contains(text, o.label)), None)
        if match is None:
            choices = ", ".join(f"{o.label!r} ({o.value!r})" for o in select.options)
            raise ScenarioError(f"select {select.placeholder or select.custom_id!r} has no option {text!r}: {choices}")
        out.append(match.value)
    return out


# -- modals ------------------------------------------------------------------------------------------------------------


def _field(comp: dict[str, Any], label: str, description: str | None) -> ModalField | None:
    ctype = comp.get("type")
    kind = FIELD_KINDS.get(ctype)  # type: ignore[arg-type]
    if kind is None:
        return None
    if ctype == TEXT_INPUT:
        required = bool(comp.get("required", True))
    elif ctype == CHECKBOX:
        required = False
    else:
        required = bool(comp.get("required", True))
    min_values = comp.get("min_values")
    max_values = comp.get("max_values")
    return ModalField(
        label=label,
        kind=kind,
        custom_id=str(comp.get("custom_id", "")),
        required=required,
        description=description,
        placeholder=comp.get("placeholder"),
        options=_options(comp.get("options")),
        value=comp.get("value"),
        min_length=comp.get("min_length"),
        max_length=comp.get("max_length"),
        min_values=1 if min_values is None else int(min_values),
        # Discord's default for a checkbox group is "any number of its options"; for the others, one.
        max_values=int(max_values)
        if max_values is not None
        else (len(comp.get("options") or []) if ctype == CHECKBOX_GROUP else 1),
        style={1: "short", 2: "paragraph"}.get(comp.get("style", 0)) if ctype == TEXT_INPUT else None,
    )


def modal_info(data: dict[str, Any]) -> ModalInfo:
    """Title, fields and texts of a modal callback's `data`."""
    fields: list[ModalField] = []
    texts: list[str] = []
    for comp in data.get("components", []):
        ctype = comp.get("type")
        if ctype == LABEL:
            inner = comp.get("component") or {}
            f = _field(inner, str(comp.get("label", "")), comp.get("description"))
            if f:
                fields.append(f)
        elif ctype == ACTION_ROW:
            for inner in comp.get("components", []):
                f = _field(inner, str(inner.get("label", "")), None)
                if f:
                    fields.append(f)
        elif ctype == TEXT_DISPLAY:
            texts.append(str(comp.get("content", "")))
    return ModalInfo(
        title=str(data.get("title", "")),
        custom_id=str(data.get("custom_id", "")),
        fields=tuple(fields),
        texts=tuple(texts),
    )


def match_field(fields: tuple[ModalField, ...] | list[ModalField], label: str) -> ModalField:
    """The field whose label equals (else contains) `label`, case-insensitively."""
    exact = [f for f in fields if f.label.casefold() == label.casefold()]
    if exact:
        return exact[0]
    partial = [f for f in fields if _contains(label, f.label)]
    if len(partial) == 1:
        return partial[0]
    labels = ", ".join(repr(f.label) for f in fields)
    if partial:
        raise ScenarioError(f"modal field {label!r} is ambiguous among: {labels}")
    raise ScenarioError(f"modal has no field {label!r}; fields: {labels}")
