"""After the person rules: a title before a name goes with it, and two names the rules found apart are one person.

"الحاجة فتحية" is removed whole (a title and a first name together point at one person); "دعاء السيد عبد الحميد"
and "ريم بنت عبد العزيز" are one name even when a compound (عبد الحميد) was found first on its own.
"""

from __future__ import annotations

import re

from ..model import Mention
from ..textutil import norm_ar

# What may stand between two parts of one name: a space, or بن/بنت/ابن between spaces.
_JOIN_GAP = re.compile(r" (?:(?:بن|بنت|ابن|إبن) )?")
# An abbreviated title needs its dot: "د. وجدان", "م. طلال" (a lone د or م is a letter).
_SHORT_TITLES = frozenset({"د", "م", "ا"})
# "الحارس عم ربيع": the Egyptian honorific goes with the name like a title (the finder reads عم+name only where
# it is no "ابن عم").
_HONORIFICS = frozenset({"عم"})
_TITLE_BEFORE = re.compile(r"(?:^|(?<=[\s«\"(]))([وفل]?)(\S+?)(\.?) $")


def title_start(text: str, start: int, titles: frozenset[str]) -> int | None:
    """ "الحاجة فتحية", "والأستاذ حسام", "د. سهام": where the title right before a name starts (after a و/ف/ل
    glued to it), or None when the word before is no title."""
    m = _TITLE_BEFORE.search(text, max(0, start - 16), start)
    if m is None:
        return None
    word = norm_ar(m.group(2))
    if word in _SHORT_TITLES and not m.group(3):
        return None
    if word + m.group(3) not in titles and word not in titles and word not in _HONORIFICS:
        return None
    if word in _HONORIFICS and re.search(r"(?:ابن|بنت|ولد|إبن) $", text[max(0, m.start() - 6) : m.start()]):
        return None  # "ابن عم سالم": a cousin of Salem, عم is kinship there
    return m.start(2)


def is_one_name(text: str, left: Mention, right: Mention) -> bool:
    """ "دعاء السيد عبد الحميد": two person mentions separated by a space (or by بن/بنت) are one name."""
    return left.type == right.type == "person" and bool(_JOIN_GAP.fullmatch(text, left.end, right.start))


def join_persons(text: str, found: list[Mention], titles: frozenset[str]) -> list[Mention]:
    """Person mentions with their titles, adjacent parts of one name merged (the first part's key names it)."""
    others = [m for m in found if m.type != "person"]
    persons = sorted((m for m in found if m.type == "person"), key=lambda m: m.start)
    taken = [(m.start, m.end) for m in others]
    out: list[Mention] = []
    for m in persons:
        start = title_start(text, m.start, titles)
        if start is not None and not any(s < m.start and e > start for s, e in taken + [(x.start, x.end) for x in out]):
            m = Mention(start, m.end, m.type, m.key, m.priority)
        if out and is_one_name(text, out[-1], m):
            prev = out.pop()
            m = Mention(prev.start, m.end, "person", prev.key, max(prev.priority, m.priority))
        out.append(m)
    return others + out
