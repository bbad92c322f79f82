"""Styled text for the terminal: spans, cell widths, word wrapping, right-to-left lines, ANSI output."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from parley.terminal import bidi

try:  # prompt_toolkit brings wcwidth; it knows emoji and variation selectors better than unicodedata
    from wcwidth import wcswidth as _wcswidth
except ImportError:  # pragma: no cover - exercised only without prompt_toolkit installed
    _wcswidth = None

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")
SGR = {
    "bold": "1",
    "dim": "2",
    "italic": "3",
    "underline": "4",
    "reverse": "7",
    "strike": "9",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
    "code": "36",
}

Style = frozenset[str]
PLAIN: Style = frozenset()


@dataclass(frozen=True)
class Span:
    """A run of text in one style (a set of names from SGR)."""

    text: str
    style: Style = PLAIN


@dataclass(frozen=True)
class Line:
    """One screen line: spans in visual order, and whether it belongs to a right-to-left paragraph."""

    spans: tuple[Span, ...] = ()
    rtl: bool = False

    @property
    def plain(self) -> str:
        """The text without styles."""
        return "".join(s.text for s in self.spans)

    @property
    def width(self) -> int:
        """Terminal cells the line takes."""
        return cell_width(self.plain)


def strip_ansi(text: str) -> str:
    """Text without ANSI escape sequences."""
    return ANSI.sub("", text)


def cell_width(text: str) -> int:
    """Terminal cells a string takes (wide CJK/emoji count 2, combining marks and controls 0)."""
    text = bidi.strip_controls(text)
    if _wcswidth is not None:
        width = _wcswidth(text)
        if width >= 0:
            return width
    total = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf", "Cc"):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


def _split_cells(text: str, width: int) -> tuple[str, str]:
    """The longest prefix of `text` fitting in `width` cells (at least one character), and the rest."""
    taken = 0
    for i, char in enumerate(text):
        w = cell_width(char)
        if taken + w > width and i > 0:
            return text[:i], text[i:]
        taken += w
    return text, ""


def wrap(spans: Sequence[Span], width: int) -> list[list[Span]]:
    """Greedy word wrap of styled spans to `width` cells; words longer than a line are cut."""
    width = max(width, 1)
    words: list[list[Span]] = [[]]  # each word: spans; separated by single spaces
    for span in spans:
        parts = span.text.split(" ")
        for k, part in enumerate(parts):
            if k > 0:
                words.append([])
            if part:
                words[-1].append(Span(part, span.style))
    lines: list[list[Span]] = [[]]
    used = 0
    for word in words:
        wlen = sum(cell_width(s.text) for s in word)
        gap = 1 if lines[-1] or used else 0
        if used + gap + wlen <= width:
            if gap:
                lines[-1].append(Span(" ", word[0].style & _SPACE_STYLES if word else PLAIN))
            lines[-1].extend(word)
            used += gap + wlen
            continue
        if lines[-1] or used:
            lines.append([])
            used = 0
        for span in word:  # cut words that do not fit on a line of their own
            rest = span.text
            while rest:
                room = width - used
                if room <= 0:
                    lines.append([])
                    used, room = 0, width
                piece, rest = _split_cells(rest, room)
                lines[-1].append(Span(piece, span.style))
                used += cell_width(piece)
    return [_merge(line) for line in lines]


_SPACE_STYLES = frozenset({"reverse", "underline", "strike", "code"})


def _merge(spans: Iterable[Span]) -> list[Span]:
    out: list[Span] = []
    for span in spans:
        if out and out[-1].style == span.style:
            out[-1] = Span(out[-1].text + span.text, span.style)
        elif span.text:
            out.append(span)
    return out


def visual(spans: Sequence[Span], base: int | None, *, reorder: bool = True) -> Line:
    """One wrapped line made ready to draw: right-to-left runs reordered (styles kept when uniform)."""
    text = "".join(s.text for s in spans)
    rtl = base == 1
    if not reorder or not bidi.has_rtl(text):
        return Line(tuple(_merge(Span(bidi.strip_controls(s.text), s.style) for s in spans)), rtl)
    # Reordering moves characters across span boundaries: keep a style only if the whole line shares it.
    shared = frozenset.intersection(*(s.style for s in spans if s.text.strip())) if text.strip() else PLAIN
    return Line((Span(bidi.display(text, base), shared),), rtl)


def pad(line: Line, width: int, *, align_right: bool = False) -> Line:
    """The line padded with spaces to `width` cells (on the left when right-aligned)."""
    gap = max(width - line.width, 0)
    if not gap:
        return line
    filler = Span(" " * gap)
    spans = (filler, *line.spans) if align_right else (*line.spans, filler)
    return Line(spans, line.rtl)


def to_text(line: Line, *, color: bool) -> str:
    """The line as a string, with ANSI styles when `color`."""
    if not color:
        return line.plain
    out = []
    for span in line.spans:
        codes = [SGR[name] for name in sorted(span.style) if name in SGR]
        out.append(f"\x1b[{';'.join(codes)}m{span.text}\x1b[0m" if codes else span.text)
    return "".join(out)
