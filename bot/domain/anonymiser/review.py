"""The review step on an already anonymised text: what is still suspect, and taking picked suspects out.

The preview and the moderators' card hold anonymised text only, so suspects are read again from it (the raw text
is gone by then). A picked suspect becomes a placeholder of its kind, numbered after the labels the text already
has ("[person 2]" when "[client]" is taken), and every occurrence of the same word goes with it: one entity, one
placeholder.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from .anonymiser import PLACEHOLDER_RE, Anonymiser
from .labels import LABELS, placeholder
from .model import SUSPECT_TYPES, Span, Suspect

# "[client]" -> "person", "[شخص 2]" -> "person": a placeholder's kind, so "[العميل] حداد" reads as a name and more.
_LABEL_TYPES = {
    placeholder(lang, kind, n): kind for lang, table in LABELS.items() for kind in table for n in range(1, 10)
}
# Discord's select option value holds at most 100 characters: "person:" plus the words.
MAX_PICK_CHARS = 90


@dataclass(frozen=True, slots=True)
class Flag:
    """One suspect as the review shows it: its words and type (a select option's value is `type:words`).

    confidence is the surest of its occurrences and count how many there are: the review lists the likeliest first.
    """

    words: str
    type: str
    confidence: float = field(default=0.5, compare=False)
    count: int = field(default=1, compare=False)

    @property
    def value(self) -> str:
        return f"{self.type}:{self.words}"

    @classmethod
    def parse(cls, value: str) -> Flag | None:
        """The flag a select option stood for (None for a value no flag has)."""
        typ, _, words = value.partition(":")
        if typ not in SUSPECT_TYPES or not words.strip():
            return None
        return cls(words, typ)


def flags(anon: Anonymiser, text: str, lang: str) -> tuple[Flag, ...]:
    """The suspects of an anonymised text, each distinct word group once (repeats counted), likeliest first."""
    placeholders = tuple(
        Span(m.start(), m.end(), _LABEL_TYPES.get(m.group(), ""), m.group()) for m in PLACEHOLDER_RE.finditer(text)
    )
    found = [
        Flag(text[s.start : s.end][:MAX_PICK_CHARS], s.type, s.confidence)
        for s in anon.suspects(text, placeholders, lang)
    ]
    return by_confidence(found)


def by_confidence(found: Iterable[Flag]) -> tuple[Flag, ...]:
    """ "Pekka" twice and "Oulu" once: one flag per word group (case aside), counted, surest first, then the most
    repeated, then in reading order (the first occurrence's place and type)."""
    merged: dict[str, Flag] = {}
    for f in found:
        key = f.words.casefold()
        old = merged.get(key)
        merged[key] = (
            f if old is None else replace(old, confidence=max(old.confidence, f.confidence), count=old.count + f.count)
        )
    order = {key: i for i, key in enumerate(merged)}
    return tuple(sorted(merged.values(), key=lambda f: (-f.confidence, -f.count, order[f.words.casefold()])))


def take_out(text: str, picked: Iterable[Flag], lang: str) -> tuple[str, int]:
    """Replace every whole-word occurrence of each picked flag by a new placeholder of its type.

    Returns the new text and how many occurrences were replaced. Longer picks go first, so "Ruairi Fennessy" is
    one placeholder, and a lone "Ruairi" picked too gets the same one.
    """
    taken = {m.group() for m in PLACEHOLDER_RE.finditer(text)}
    count = 0
    by_word: dict[str, str] = {}  # each word of a longer pick -> its label: "Ruairi" after "Ruairi Fennessy"
    for flag in sorted(_distinct(picked), key=lambda f: -len(f.words)):
        label = by_word.get(flag.words.casefold()) or _next_label(lang, flag.type, taken)
        for word in flag.words.casefold().split():
            by_word.setdefault(word, label)
        pattern = re.compile(r"(?<!\w)" + re.escape(flag.words) + r"(?!\w)", re.IGNORECASE)
        text, n = pattern.subn(label, text)
        if n:
            taken.add(label)
            count += n
    return text, count


def take_out_phrases(text: str, phrases: Iterable[str], mark: str) -> tuple[str, int]:
    """Replace every occurrence of each phrase (case-insensitive, longest first) with mark; phrases under two
    characters are ignored, so a stray letter can't shred the text. Returns the text and the count."""
    wanted = sorted({p.strip() for p in phrases if len(p.strip()) >= 2}, key=len, reverse=True)
    if not wanted:
        return text, 0
    return re.compile("|".join(re.escape(p) for p in wanted), re.IGNORECASE).subn(mark, text)


def _distinct(picked: Iterable[Flag]) -> list[Flag]:
    out: dict[str, Flag] = {}
    for f in picked:
        out.setdefault(f.words.casefold(), f)
    return list(out.values())


def _next_label(lang: str, span_type: str, taken: set[str]) -> str:
    """The first label of span_type ("[client]", "[person 2]", ...) the text does not use yet."""
    kind = span_type if span_type in SUSPECT_TYPES else "person"
    n = 1
    while placeholder(lang, kind, n) in taken:
        n += 1
    return placeholder(lang, kind, n)


__all__ = ["MAX_PICK_CHARS", "Flag", "Suspect", "by_confidence", "flags", "take_out", "take_out_phrases"]
