"""Right-to-left safety: wrap embedded runs in Unicode isolates so Arabic reads correctly beside Latin text.

Discord renders with the Unicode bidi algorithm. A Latin name, an id or a number dropped into an Arabic sentence
can drag neighbouring punctuation to the wrong side; first-strong isolates (FSI ... PDI) keep each inserted run
self-contained, whatever its direction.
"""

from __future__ import annotations

import re

FSI = "\u2068"  # first strong isolate
LRI = "\u2066"  # left-to-right isolate
PDI = "\u2069"  # pop directional isolate

RTL_LANGUAGES = frozenset({"ar"})

# Directional formatting characters a member could paste to spoof text (e.g. U+202E RIGHT-TO-LEFT OVERRIDE).
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def is_rtl(lang: str) -> bool:
    """Tell whether a language is written right to left."""
    return lang in RTL_LANGUAGES


def isolate(value: object) -> str:
    """Wrap a value in a first-strong isolate, so its direction can't leak into the sentence around it."""
    text = str(value)
    if not text:
        return text
    return f"{FSI}{text}{PDI}"


def ltr(value: object) -> str:
    """Wrap a value that is always left to right (ids, commands, numbers) in a left-to-right isolate."""
    return f"{LRI}{value}{PDI}"


def strip_controls(text: str) -> str:
    """Remove bidi control characters from user text so it can't reorder what surrounds it."""
    return _BIDI_CONTROLS.sub("", text)
