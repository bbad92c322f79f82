"""Discord markdown, lightly rendered for a terminal: headings, -# subtext, quotes, lists, code, inline styles."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from parley.terminal import bidi
from parley.terminal.text import PLAIN, Line, Span, Style, cell_width, visual, wrap

_HEADING = re.compile(r"^(#{1,3}) +(.*)$")
_SUBTEXT = re.compile(r"^-# +(.*)$")
_BULLET = re.compile(r"^( *)[-*] +(.*)$")
_NUMBERED = re.compile(r"^( *)(\d{1,3})[.)] +(.*)$")
_QUOTE = re.compile(r"^> ?(.*)$")
_FENCE = re.compile(r"^```")

# Inline markup, tried left to right; the earliest match wins (ties: the order below).
_INLINE = re.compile(
    r"\\(?P<escape>[\\*_~`|<>#\[\]()-])"
    r"|`(?P<code>[^`\n]+)`"
    r"|\[(?P<link_text>[^\]\n]+)\]\(<?(?P<link_url>https?://[^)\s>]+)>?\)"
    r"|<t:(?P<stamp>-?\d{1,13})(?::(?P<stamp_format>[tTdDfFsSR]))?>"
    r"|\*\*(?=\S)(?P<bold>.+?)(?<=\S)\*\*"
    r"|__(?=\S)(?P<underline>.+?)(?<=\S)__"
    r"|~~(?=\S)(?P<strike>.+?)(?<=\S)~~"
    r"|\|\|(?P<spoiler>.+?)\|\|"
    r"|\*(?=[^\s*])(?P<italic>.+?)(?<=[^\s*])\*"
    r"|(?<!\w)_(?=\S)(?P<italic2>.+?)(?<=\S)_(?!\w)"
    r"|<(?P<url>https?://[^>\s]+)>"
)
_NESTED = {"bold": "bold", "underline": "underline", "strike": "strike", "spoiler": "reverse", "italic": "italic"}


@dataclass(frozen=True)
class Block:
    """One paragraph in logical order: its spans, the prefix of its first line and of the lines it wraps to."""

    spans: tuple[Span, ...]
    prefix: tuple[Span, ...] = ()
    indent: tuple[Span, ...] = ()
    preformatted: bool = False


def inline(text: str, style: Style = PLAIN, *, now: dt.datetime | None = None) -> list[Span]:
    """Inline markdown to styled spans (markers removed)."""
    spans: list[Span] = []
    pos = 0
    for match in _INLINE.finditer(text):
        if match.start() < pos:
            continue
        if match.start() > pos:
            spans.append(Span(text[pos : match.start()], style))
        kind = match.lastgroup or ""
        if kind == "stamp_format":
            kind = "stamp"
        value = match.group(kind)
        if kind == "escape":
            spans.append(Span(value, style))
        elif kind == "code":
            spans.append(Span(value, style | {"code"}))
        elif kind == "link_url":
            spans.extend(inline(match.group("link_text"), style | {"underline"}, now=now))
            spans.append(Span(f" <{value}>", style | {"dim"}))
        elif kind == "url":
            spans.append(Span(value, style | {"underline"}))
        elif kind == "stamp":
            spans.append(Span(timestamp(int(value), match.group("stamp_format") or "f", now), style))
        else:
            spans.extend(inline(value, style | {_NESTED.get(kind, "italic")}, now=now))
        pos = match.end()
    if pos < len(text):
        spans.append(Span(text[pos:], style))
    return [s for s in spans if s.text]


def timestamp(seconds: int, fmt: str, now: dt.datetime | None = None) -> str:
    """A Discord timestamp (<t:...:fmt>) as plain text, in UTC."""
    when = dt.datetime.fromtimestamp(seconds, dt.UTC)
    if fmt == "R" and now is not None:
        delta = int((when - now).total_seconds())
        amount, unit = _relative(abs(delta))
        return f"in {amount} {unit}" if delta > 0 else f"{amount} {unit} ago"
    if fmt in ("t",):
        return when.strftime("%H:%M")
    if fmt in ("T",):
        return when.strftime("%H:%M:%S")
    if fmt in ("d", "D"):
        return when.strftime("%Y-%m-%d")
    return when.strftime("%Y-%m-%d %H:%M UTC")


def _relative(seconds: int) -> tuple[int, str]:
    for size, unit in ((86400, "days"), (3600, "hours"), (60, "minutes")):
        if seconds >= size:
            return seconds // size, unit
    return seconds, "seconds"


def parse(text: str, *, now: dt.datetime | None = None) -> list[Block]:
    """Block-level markdown to paragraphs (one per source line; fenced code kept verbatim)."""
    blocks: list[Block] = []
    in_code = False
    quote_rest = False
    for raw in text.split("\n"):
        if _FENCE.match(raw.strip()):
            in_code = not in_code
            continue
        if in_code:
            body = raw.lstrip(" ")
            lead = (Span("  " + " " * (len(raw) - len(body))),)
            blocks.append(Block((Span(body, frozenset({"code"})),), prefix=lead, indent=lead, preformatted=True))
            continue
        if raw.startswith(">>> "):
            quote_rest = True
            raw = raw[4:]
        if quote_rest:
            blocks.append(_quoted(_line_block(raw, now)))
            continue
        quote = _QUOTE.match(raw)
        if quote and raw.startswith(">"):
            blocks.append(_quoted(_line_block(quote.group(1), now)))
            continue
        blocks.append(_line_block(raw, now))
    return blocks


def _quoted(block: Block) -> Block:
    bar = Span("▎ ", frozenset({"dim"}))
    return Block(block.spans, prefix=(bar, *block.prefix), indent=(bar, *block.indent))


def _line_block(raw: str, now: dt.datetime | None) -> Block:
    if m := _HEADING.match(raw):
        style = frozenset({"bold", "underline"}) if len(m.group(1)) == 1 else frozenset({"bold"})
        return Block(tuple(inline(m.group(2), style, now=now)))
    if m := _SUBTEXT.match(raw):
        return Block(tuple(inline(m.group(1), frozenset({"dim"}), now=now)))
    if m := _BULLET.match(raw):
        depth = len(m.group(1)) // 2
        mark = "• " if depth == 0 else "◦ "
        lead = "  " * depth
        return Block(
            tuple(inline(m.group(2), now=now)), prefix=(Span(lead + mark),), indent=(Span(lead + " " * len(mark)),)
        )
    if m := _NUMBERED.match(raw):
        depth = len(m.group(1)) // 2
        mark = f"{m.group(2)}. "
        lead = "  " * depth
        return Block(
            tuple(inline(m.group(3), now=now)), prefix=(Span(lead + mark),), indent=(Span(lead + " " * len(mark)),)
        )
    return Block(tuple(inline(raw, now=now)))


def layout(blocks: Sequence[Block], width: int, *, reorder: bool = True) -> list[Line]:
    """Paragraphs wrapped to `width` cells and put in visual order (right-to-left ones flagged for alignment)."""
    lines: list[Line] = []
    for block in blocks:
        text = "".join(s.text for s in block.spans)
        base = bidi.paragraph_level(text) if bidi.has_rtl(text) else 0
        if not text.strip():
            lines.append(Line())
            continue
        room = width - max(cell_width("".join(s.text for s in block.prefix)), 1 if block.prefix else 0)
        wrapped = wrap(block.spans, room)
        for k, line in enumerate(wrapped):
            lead = block.prefix if k == 0 else block.indent
            lines.append(visual([*lead, *line], base, reorder=reorder))
    return lines


def render(text: str, width: int, *, reorder: bool = True, now: dt.datetime | None = None) -> list[Line]:
    """Markdown text to screen lines."""
    return layout(parse(text, now=now), width, reorder=reorder)
