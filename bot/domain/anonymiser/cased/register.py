"""What the whole text says about capitals: headings in title case, chat typed in lower case, "moved to"."""

from __future__ import annotations

import re

from ..textutil import Token

_MOVED_RE = re.compile(r"\b(?:moved|moving|relocated|flew|drove|went back|lives|living)\s+$")
_HEADING_WORD = re.compile(r"[^\W\d_]+")


def moved_before(text: str, pos: int) -> bool:
    """ "moved to", "relocated to", "flew to": the next word is where someone went."""
    return bool(_MOVED_RE.search(text[max(0, pos - 20) : pos]))


def chat_register(tokens: list[Token]) -> bool:
    """ "ok so this happened. guy called me": most sentences start in lower case, so case says little about names
    (one sentence typed in lower case is chat too: "короче звонит мне этот тимофей")."""
    starts = [t for t in tokens if t.sent_start]
    return len(starts) >= 1 and sum(not t.cap for t in starts) * 2 >= len(starts)


def heading_lines(text: str) -> list[tuple[int, int]]:
    """ "How I Lost Three Weeks To A Startup": a title-case line of its own is a heading, not a run of names.

    A line counts when it has at least three words, does not end like a sentence, and every word of four letters
    or more is capitalised.
    """
    out = []
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        words = _HEADING_WORD.findall(line)
        long_words = [w for w in words if len(w) >= 4]
        if len(words) < 3 or not long_words or line.rstrip()[-1:] in ".!?…,;":
            continue
        if all(w[0].isupper() for w in long_words) and "\n" in text[start:]:
            out.append((start, start + len(line)))
    return out
