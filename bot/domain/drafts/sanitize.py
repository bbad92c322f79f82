"""Member text for drafts: tidy whitespace, no pings, no masked links, nothing that breaks a code block."""

from __future__ import annotations

import re
import unicodedata

from parley.domain.safe_text import ZWSP, inert_mentions, strip_invisible, unmask_links

# C0/C1 control characters other than newline; tabs become spaces before this runs.
_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
# Every Unicode space separator (NBSP, thin and ideographic spaces...) counts as one plain space.
_SPACES = re.compile(r"[^\S\n]+")
_LINE_SEPARATORS = re.compile("[\u2028\u2029\r\v\f\x85]")
# A masked link whose target is not http(s) survives unmask_links; break the bracket pair instead.
_LEFTOVER_LINK = re.compile(r"\]\s*\(")
# Three backticks in a row would close the code block the draft is shown in.
_BACKTICK_PAIR = re.compile("`(?=`)")
_ANGLE_MENTION = re.compile("<(?=[@#])")
_LEADING_MARKER = re.compile(r"^(?:[-*•·‣–—]|\d{1,2}[.)])(?:\s+|$)")


def normalise_text(value: str) -> str:
    """Canonical form of member input before length checks: NFC, no controls, single spaces, trimmed lines."""
    text = unicodedata.normalize("NFC", value)
    text = _LINE_SEPARATORS.sub("\n", text).replace("\t", " ")
    text = strip_invisible(_CONTROLS.sub("", text))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def neutralise(text: str) -> str:
    """Make already-normalised text inert: mentions broken, links unmasked, no code-block fence."""
    # Break "<@", "<@&" and "<#" first: also catches ids too short for a mention that an edit could complete.
    text = _ANGLE_MENTION.sub("<" + ZWSP, text)
    text = inert_mentions(unmask_links(text))
    text = _LEFTOVER_LINK.sub("] (", text)
    return _BACKTICK_PAIR.sub("`" + ZWSP, text)


def sanitize_field(value: str) -> str:
    """Clean one member value for a draft: normalised and neutralised; newlines kept (paragraph fields)."""
    return neutralise(normalise_text(value))


def split_items(text: str) -> list[str]:
    """Split a paragraph field into list items, dropping bullets or numbers the member typed themselves."""
    items = []
    for line in text.split("\n"):
        item = _LEADING_MARKER.sub("", line).strip()
        if item:
            items.append(item)
    return items


def one_line(text: str) -> str:
    """Join a single-line field's lines and drop the trailing full stop the template's sentence supplies."""
    return " ".join(text.split("\n")).rstrip(" .,;:،؛")
