"""Names in Arabizi (Arabic typed in Latin letters and digits): "wa7ed esmo 5aled el7omsi".

Arabizi is lower case, so the cased finder cannot see its names; here the cue words that introduce a name in chat
(esmo, esmaha, ismo, yod3a) mark the next word as a given name, and an el-/al-/abu word after it as the family name.
"""

from __future__ import annotations

import re

from ..model import Mention
from ..textutil import overlaps
from .words import P_NAME

_CUES = r"(?:esmo|esmu|ismo|ismu|esmoh|ismoh|esmaha|ismaha|esmha|ismha|yod3a|yud3a|tod3a|esmo\s+el)"
# A given name, then optionally a family name with its article or a kunya (el7omsi, al-shammari, abu zeid).
_NAME = r"([a-z][a-z0-9']{2,}|[0-9][a-z0-9']{2,})((?:\s+(?:el|al|abu|abo|bin|ben)[-\s]?[a-z0-9']{3,})?)"
ARABIZI_NAME_RE = re.compile(rf"\b{_CUES}\s+{_NAME}\b", re.IGNORECASE)
# Chat words that can follow a cue without being a name ("esmo eh?", "esmo kan...").
_NOT_NAMES = {
    "eh",
    "ehh",
    "eih",
    "shu",
    "sho",
    "kan",
    "kanet",
    "mish",
    "msh",
    "mesh",
    "la",
    "bas",
    "ya3ni",
    "inno",
    "eno",
}


def arabizi_persons(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """ "wa7ed esmo 5aled el7omsi": the name after an Arabizi name cue, with its family name when it has one."""
    out = []
    for m in ARABIZI_NAME_RE.finditer(text):
        if m.group(1).lower() in _NOT_NAMES:
            continue
        start, end = m.start(1), m.end(2) if m.group(2) else m.end(1)
        if not overlaps(start, end, taken):
            out.append(Mention(start, end, "person", text[start:end].lower(), P_NAME))
    return out


def without_english_words(
    text: str, latin: list[Mention], frequent: frozenset[str], names: frozenset[str]
) -> list[Mention]:
    """ "نستخدم Platform تكون وسيطة": a capitalised frequent English word inside Arabic text is a word, not a person
    (the cased finder reads every Latin word there as mid-sentence); a first name (Rose, Omar) still is one."""
    out = []
    for m in latin:
        word = text[m.start : m.end]
        if m.type == "person" and " " not in word and word.lower() in frequent and word.lower() not in names:
            continue
        out.append(with_latin_title(text, m))
    return out


_LATIN_TITLE_RE = re.compile(r"(?:Mr|Mrs|Ms|Miss|Dr|Eng|Sir)\.? $", re.IGNORECASE)


def with_latin_title(text: str, m: Mention) -> Mention:
    """ "هندي اسمه Mr. Ravindran": a Latin title right before a Latin name goes with it, as an Arabic title does
    (the cased finder leaves "Mr." outside, which in Arabic text leaves a bare honorific behind)."""
    if m.type != "person":
        return m
    title = _LATIN_TITLE_RE.search(text, max(0, m.start - 6), m.start)
    return m if title is None else Mention(title.start(), m.end, m.type, m.key, m.priority)
