"""Messages as a member sees them, drawn for a terminal: boxes for containers and embeds, numbered choices.

Pure: takes the offline Discord's `VisibleMessage` objects (their raw payload) and returns screen text plus the
numbered choices on it, so the REPL can turn `2` or `3,4` back into a click or a select.
"""

from __future__ import annotations

import colorsys
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from parley.replay import components as comps
from parley.replay.components import ModalField, ModalInfo
from parley.replay.results import VisibleMessage
from parley.terminal import bidi, markdown
from parley.terminal.text import PLAIN, Line, Span, Style, cell_width, pad, to_text, visual, wrap

ONLY_YOU = "only you can see this"
DIM: Style = frozenset({"dim"})
BOLD: Style = frozenset({"bold"})
BUTTON_STYLES: dict[str, Style] = {
    "primary": frozenset({"bold", "blue"}),
    "success": frozenset({"bold", "green"}),
    "danger": frozenset({"bold", "red"}),
    "secondary": frozenset({"bold"}),
    "premium": frozenset({"bold", "magenta"}),
    "link": frozenset({"underline"}),
}
TEXT_CHANNEL_TYPES = (0, 5)


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class Directory:
    """What user, role and channel selects offer: (id, name) pairs of the server."""

    channels: tuple[tuple[int, str, int], ...] = ()  # id, name, channel type
    roles: tuple[tuple[int, str], ...] = ()
    members: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class RenderOptions:
    """How to draw: width in cells, ANSI colour, bidi reordering, and the server's names for mentions/selects."""

    width: int = 80
    color: bool = False
    reorder: bool = True
    mentions: Callable[[str], str] = _same
    directory: Directory = field(default_factory=Directory)
    now: dt.datetime | None = None
    show_ids: bool = False  # custom ids and option values beside what they belong to (for bot authors, tests)


@dataclass(frozen=True)
class Choice:
    """A numbered thing on screen: a button to click or a select option to pick."""

    number: int
    kind: str  # "button" | "option"
    channel: str
    message_id: int | None
    custom_id: str
    label: str
    value: str | None = None
    menu: str | None = None  # the select's placeholder
    min_values: int = 1
    max_values: int = 1


@dataclass(frozen=True)
class Screen:
    """Rendered output: lines (with ANSI when colour is on) and the numbered choices they show."""

    lines: tuple[str, ...]
    choices: tuple[Choice, ...] = ()

    @property
    def text(self) -> str:
        """The lines joined."""
        return "\n".join(self.lines)


NumberFor = Callable[[tuple[Any, ...]], int]


class _Numbers:
    def __init__(self, first: int, number_for: NumberFor | None = None) -> None:
        self.next = first
        self.number_for = number_for
        self.choices: list[Choice] = []
        self.seen: dict[tuple[Any, ...], int] = {}

    def take(self, **kwargs: Any) -> int:
        if self.number_for is None:
            number = self.next
            self.next += 1
        else:
            # What a choice is, as the person sees it: its message and label (a button's custom id often carries
            # the step it was drawn at, so it can't be the key); the same label twice in a message is told apart
            # by its place.
            what = (kwargs["message_id"], kwargs["kind"], kwargs["label"], kwargs.get("value"))
            if kwargs["kind"] == "option":
                what += (kwargs["custom_id"],)
            place = self.seen.get(what, 0)
            self.seen[what] = place + 1
            number = self.number_for((*what, place))
        self.choices.append(Choice(number=number, **kwargs))
        return number


def render_messages(
    messages: Sequence[VisibleMessage], options: RenderOptions, *, first: int = 1, number_for: NumberFor | None = None
) -> Screen:
    """Draw messages one after another (blank line between), numbering their choices from `first`, or with
    `number_for` (which gives a choice's number from what it is, so a redrawn message keeps its numbers)."""
    numbers = _Numbers(first, number_for)
    lines: list[Line] = []
    for msg in messages:
        if msg.modal is not None:
            continue
        if lines:
            lines.append(Line())
        lines.extend(_message(msg, options, numbers))
    return Screen(tuple(to_text(line, color=options.color).rstrip() for line in lines), tuple(numbers.choices))


def header(msg: VisibleMessage, *, bot_name: str | None = None) -> str:
    """`#channel · author · only you can see this` (plus edited/deleted)."""
    parts = [msg.channel or "?", msg.author or bot_name or "Parley"]
    if msg.ephemeral:
        parts.append(ONLY_YOU)
    if msg.event == "edited":
        parts.append("updated")
    if msg.event == "deleted":
        parts.append("message deleted")
    return " · ".join(parts)


def _message(msg: VisibleMessage, options: RenderOptions, numbers: _Numbers) -> list[Line]:
    out = [Line((Span(header(msg), DIM if not msg.ephemeral else frozenset({"dim", "italic"})),))]
    if msg.event == "deleted":
        return out
    raw = msg.raw or {}
    width = options.width
    body: list[Line] = []
    content = raw.get("content") if raw else msg.content
    if content:
        body.extend(_markdown(content, width, options))
    for embed in raw.get("embeds") or []:
        body.extend(_embed(embed, options))
    ctx = _Ctx(msg, options, numbers)
    for comp in raw.get("components") or []:
        body.extend(ctx.component(comp, width))
    for attachment in raw.get("attachments") or []:
        body.append(Line((Span(f"📎 {attachment.get('filename', 'file')}"),)))
    if not raw and msg.text and not content:
        body.extend(_markdown(msg.text, width, options))
    return out + [_aligned(line, width) for line in body]


def _aligned(line: Line, width: int) -> Line:
    return pad(line, width, align_right=True) if line.rtl else line


def _markdown(text: str, width: int, options: RenderOptions) -> list[Line]:
    return markdown.render(options.mentions(text), width, reorder=options.reorder, now=options.now)


def _accent(color: int | None) -> Style:
    """A terminal colour close to a Discord accent colour (border of its box)."""
    if not color:
        return DIM
    r, g, b = ((color >> 16) & 255) / 255, ((color >> 8) & 255) / 255, (color & 255) / 255
    hue, _, saturation = colorsys.rgb_to_hls(r, g, b)
    if saturation < 0.2:
        return DIM
    names = ["red", "yellow", "green", "cyan", "blue", "magenta"]
    return frozenset({names[int(((hue * 360 + 30) % 360) // 60)]})


def box(lines: Sequence[Line], width: int, *, border: Style = DIM, title: str | None = None) -> list[Line]:
    """Lines framed with rounded box drawing; right-to-left lines right-aligned inside."""
    inner = width - 4
    top = "╭" + "─" * (width - 2) + "╮"
    if title:
        label = f"─ {title} "
        top = "╭" + label + "─" * max(width - 2 - cell_width(label), 0) + "╮"
    out = [Line((Span(top, border),))]
    for line in lines:
        if line.spans and line.plain == "\x00rule":
            out.append(Line((Span("├" + "─" * (width - 2) + "┤", border),)))
            continue
        body = pad(line, inner, align_right=line.rtl)
        out.append(Line((Span("│ ", border), *body.spans, Span(" │", border))))
    out.append(Line((Span("╰" + "─" * (width - 2) + "╯", border),)))
    return out


RULE = Line((Span("\x00rule"),))


def _embed(embed: dict[str, Any], options: RenderOptions) -> list[Line]:
    inner = options.width - 4
    lines: list[Line] = []
    if embed.get("author", {}).get("name"):
        lines.extend(_markdown(str(embed["author"]["name"]), inner, options))
    if embed.get("title"):
        lines.extend(_markdown(f"**{embed['title']}**", inner, options))
    if embed.get("description"):
        lines.extend(_markdown(str(embed["description"]), inner, options))
    for fld in embed.get("fields") or []:
        lines.extend(_markdown(f"**{fld.get('name', '')}**", inner, options))
        lines.extend(_markdown(str(fld.get("value", "")), inner, options))
    for key in ("image", "thumbnail"):
        if embed.get(key, {}).get("url"):
            lines.append(Line((Span(f"[image: {embed[key]['url']}]", DIM),)))
    if embed.get("footer", {}).get("text"):
        lines.extend(_markdown(f"-# {embed['footer']['text']}", inner, options))
    return box(lines, options.width, border=_accent(embed.get("color")))


class _Ctx:
    """Draws one message's components, numbering buttons and select options as it meets them."""

    def __init__(self, msg: VisibleMessage, options: RenderOptions, numbers: _Numbers) -> None:
        self.msg = msg
        self.options = options
        self.numbers = numbers

    def component(self, comp: dict[str, Any], width: int, *, boxed: bool = False) -> list[Line]:
        kind = comp.get("type")
        if kind == comps.CONTAINER:
            inner: list[Line] = []
            if comp.get("spoiler"):
                inner.append(Line((Span("(spoiler)", DIM),)))
            for child in comp.get("components") or []:
                inner.extend(self.component(child, width - 4, boxed=True))
            return box(inner, width, border=_accent(comp.get("accent_color")))
        if kind == comps.TEXT_DISPLAY:
            return _markdown(str(comp.get("content", "")), width, self.options)
        if kind == comps.SEPARATOR:
            if comp.get("divider", True):
                return [RULE] if boxed else [Line((Span("─" * width, DIM),))]
            return [Line()] * (2 if comp.get("spacing") == 2 else 1)
        if kind == comps.SECTION:
            return self.section(comp, width, boxed=boxed)
        if kind == comps.ACTION_ROW:
            return self.row(comp.get("components") or [], width)
        if kind in (comps.THUMBNAIL, comps.MEDIA_GALLERY, comps.FILE):
            return [Line((Span(text, DIM),)) for text in comps.readable_lines([comp])]
        if kind == comps.BUTTON or kind in comps.SELECT_TYPES:
            return self.row([comp], width)
        return []

    def section(self, comp: dict[str, Any], width: int, *, boxed: bool) -> list[Line]:
        lines: list[Line] = []
        for child in comp.get("components") or []:
            lines.extend(self.component(child, width, boxed=boxed))
        accessory = comp.get("accessory") or {}
        if accessory.get("type") == comps.BUTTON:
            chip = self.button(accessory)
            lines.append(pad(chip, width, align_right=True))
        elif accessory:
            lines.extend(Line((Span(text, DIM),)) for text in comps.readable_lines([accessory]))
        return lines

    def row(self, items: list[dict[str, Any]], width: int) -> list[Line]:
        lines: list[Line] = []
        chips: list[Line] = []
        for item in items:
            if item.get("type") == comps.BUTTON:
                chips.append(self.button(item))
            elif item.get("type") in comps.SELECT_TYPES:
                lines.extend(_flow(chips, width))
                chips = []
                lines.extend(self.select(item, width))
        lines.extend(_flow(chips, width))
        return lines

    def button(self, raw: dict[str, Any]) -> Line:
        info = comps.interactive([raw])[0]
        assert isinstance(info, comps.ButtonInfo)
        label = self.options.mentions(info.text) or "…"
        style = BUTTON_STYLES.get(info.style, BOLD)
        text = self._label(label, style)
        if info.url:
            return Line((*text.spans, Span(f" ↗ {info.url}", DIM)))
        if info.disabled or not info.custom_id:
            return Line((Span("[-] ", DIM), *(Span(s.text, DIM) for s in text.spans)))
        number = self.numbers.take(
            kind="button",
            channel=self.msg.channel,
            message_id=self.msg.message_id,
            custom_id=info.custom_id,
            label=bidi.strip_controls(label),
        )
        return Line((Span(f"[{number}] ", frozenset({"bold", "cyan"})), *text.spans, *self._id(info.custom_id)))

    def _id(self, value: str | None) -> tuple[Span, ...]:
        return (Span(f" ‹{value}›", DIM),) if self.options.show_ids and value else ()

    def _label(self, text: str, style: Style) -> Line:
        base = bidi.paragraph_level(text) if bidi.has_rtl(text) else 0
        return visual([Span(text, style)], base, reorder=self.options.reorder)

    def select(self, raw: dict[str, Any], width: int) -> list[Line]:
        info = comps.interactive([raw])[0]
        assert isinstance(info, comps.SelectInfo)
        options = self._options(info, raw)
        title = self._label(info.placeholder or _KIND_TITLES.get(info.kind, "Choose"), BOLD)
        hint = Span("  " + _pick_hint(info.min_values, info.max_values), DIM)
        lines = [Line((Span("▾ "), *title.spans, hint, *self._id(info.custom_id)))]
        for label, value, description, default in options:
            mark = "✓ " if default else ""
            text = self._label(mark + label, PLAIN)
            if info.disabled:
                lead = Span("    ", DIM)
            else:
                number = self.numbers.take(
                    kind="option",
                    channel=self.msg.channel,
                    message_id=self.msg.message_id,
                    custom_id=info.custom_id,
                    label=bidi.strip_controls(label),
                    value=value,
                    menu=info.placeholder,
                    min_values=info.min_values,
                    max_values=info.max_values,
                )
                lead = Span(f"  [{number}] ", frozenset({"bold", "cyan"}))
            spans = [lead, *text.spans, *self._id(value)]
            if description:
                spans.append(Span(" — ", DIM))
                spans.extend(Span(s.text, DIM) for s in self._label(description, PLAIN).spans)
            line = Line(tuple(spans))
            if line.width > width:  # long descriptions wrap under the option, indented
                first = Line((lead, *text.spans, *self._id(value)))
                lines.append(first)
                rest = [Span(s.text, DIM) for s in self._label(description or "", PLAIN).spans]
                for part in wrap(rest, width - 8):
                    lines.append(Line((Span(" " * 8), *part)))
            else:
                lines.append(line)
        if not options:
            lines.append(Line((Span("    (nothing to choose from)", DIM),)))
        return lines

    def _options(self, info: comps.SelectInfo, raw: dict[str, Any]) -> list[tuple[str, str, str | None, bool]]:
        if info.kind == "string_select":
            return [
                (" ".join(p for p in (o.emoji, o.label) if p), o.value, o.description, o.default) for o in info.options
            ]
        defaults = {str(d.get("id")) for d in raw.get("default_values") or []}
        directory = self.options.directory
        out: list[tuple[str, str, str | None, bool]] = []
        if info.kind == "channel_select":
            allowed = raw.get("channel_types") or list(TEXT_CHANNEL_TYPES)
            for cid, name, ctype in directory.channels:
                if ctype in allowed:
                    out.append((f"#{name}", f"#{name}", None, str(cid) in defaults))
        if info.kind in ("role_select", "mentionable_select"):
            for rid, name in directory.roles:
                out.append((f"@{name}", f"@{name}", None, str(rid) in defaults))
        if info.kind in ("user_select", "mentionable_select"):
            for uid, name in directory.members:
                out.append((name, name, None, str(uid) in defaults))
        return out


_KIND_TITLES = {
    "channel_select": "Choose a channel",
    "role_select": "Choose a role",
    "user_select": "Choose a member",
    "mentionable_select": "Choose a member or role",
}


def _pick_hint(low: int, high: int) -> str:
    if high <= 1:
        return "pick one" + (" (optional)" if low == 0 else "")
    if low <= 1:
        return f"pick up to {high}: e.g. 1,2" + (" (optional)" if low == 0 else "")
    return f"pick {low} to {high}: e.g. 1,2"


def _flow(chips: list[Line], width: int) -> list[Line]:
    """Buttons side by side, wrapping onto new lines when the row is full."""
    lines: list[Line] = []
    current: list[Span] = []
    used = 0
    for chip in chips:
        gap = 3 if current else 0
        if current and used + gap + chip.width > width:
            lines.append(Line(tuple(current)))
            current, used, gap = [], 0, 0
        if gap:
            current.append(Span(" " * gap))
        current.extend(chip.spans)
        used += gap + chip.width
    if current:
        lines.append(Line(tuple(current)))
    return lines


# -- modals ------------------------------------------------------------------------------------------------------------


def render_modal(modal: ModalInfo, options: RenderOptions) -> Screen:
    """The modal's title and texts, boxed, with how to answer it."""
    inner = options.width - 4
    lines: list[Line] = []
    for text in modal.texts:
        lines.extend(_markdown(text, inner, options))
    lines.append(Line((Span("Answer each field below. Ctrl-C cancels (nothing is sent).", DIM),)))
    drawn = box(lines, options.width, title=bidi.display(modal.title) if options.reorder else modal.title)
    return Screen(tuple(to_text(line, color=options.color).rstrip() for line in drawn))


def field_prompt(fld: ModalField, options: RenderOptions) -> Screen:
    """A modal field: its label, description, then one line saying whether it is required and how to answer."""
    width = options.width
    lines = _markdown(f"**{fld.label}**", width, options)
    if options.show_ids:
        lines.append(Line((Span(f"‹{fld.custom_id}›", DIM),)))
    if fld.description:
        lines.extend(_markdown(f"-# {fld.description}", width, options))
    hints = ["required" if fld.required else "optional"]
    if fld.kind == "text_input":
        hints.append("Enter to finish, Alt+Enter for a new line" if fld.style == "paragraph" else "Enter to finish")
        limits = [
            f"at least {fld.min_length}" if fld.min_length else "",
            f"at most {fld.max_length}" if fld.max_length else "",
        ]
        if any(limits):
            hints.append(" and ".join(x for x in limits if x) + " characters")
        if fld.value:
            hints.append("prefilled: edit it or press Enter to keep it")
        if fld.placeholder:
            # Parley's placeholders already read as examples ("For example: ..."): no "e.g." in front of them.
            hints.append(fld.placeholder)
    elif fld.kind == "checkbox":
        hints.append("y or n")
    elif fld.kind == "file_upload":
        hints.append("the path of a file on this computer")
    elif fld.kind in ("string_select", "radio_group", "checkbox_group"):
        high = 1 if fld.kind == "radio_group" else fld.max_values
        hints.append(_pick_hint(fld.min_values if fld.required else 0, high).replace(" (optional)", ""))
        if any(o.default for o in fld.options):
            hints.append("Enter keeps the ✓ ones")
    else:
        hints.append("names, separated by commas")
    # English chrome on its own line: a left-to-right paragraph whatever the label's language
    lines.extend(visual(line, 0, reorder=options.reorder) for line in wrap([Span(" · ".join(hints), DIM)], width))
    for number, opt in enumerate(fld.options, start=1):
        mark = "✓ " if opt.default else ""
        text = f"{mark}{' '.join(p for p in (opt.emoji, opt.label) if p)}"
        label = visual([Span(text)], bidi.paragraph_level(text), reorder=options.reorder)
        ids = (Span(f" ‹{opt.value}›", DIM),) if options.show_ids else ()
        lines.append(Line((Span(f"  [{number}] ", frozenset({"bold", "cyan"})), *label.spans, *ids)))
    return Screen(tuple(to_text(_aligned(line, width), color=options.color).rstrip() for line in lines))


def plain_lines(text: str, options: RenderOptions, style: Style = PLAIN) -> Screen:
    """Free text (the REPL's own notes) wrapped and bidi-reordered like message text."""
    lines = markdown.render(text, options.width, reorder=options.reorder, now=options.now)
    if style:
        lines = [Line(tuple(Span(s.text, s.style | style) for s in line.spans), line.rtl) for line in lines]
    return Screen(tuple(to_text(line, color=options.color).rstrip() for line in lines))
