"""Overlap resolution and grouping of mentions into entities with consistent placeholders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .labels import placeholder
from .model import Mention, Span
from .textutil import common_prefix


def resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep a non-overlapping subset: higher priority first, then longer spans."""
    chosen: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (-m.priority, -(m.end - m.start), m.start)):
        if m.end <= m.start:
            continue
        if all(m.end <= c.start or c.end <= m.start for c in chosen):
            chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)


def same_word(a: str, b: str, known: Callable[[str], bool]) -> bool:
    """Two base forms name the same thing: equal, or (for unknown words) inflections of one stem."""
    if a == b:
        return True
    if known(a) and known(b):
        return False
    short = min(len(a), len(b))
    return short >= 3 and common_prefix(a, b) >= max(3, short - 2)


@dataclass(slots=True)
class _Entity:
    type: str
    words: set[str]
    full: str
    first: int
    count: int = 0
    members: list[Mention] = field(default_factory=list)


def _matches(ent: _Entity, m: Mention, known: Callable[[str], bool]) -> bool:
    if ent.type != m.type:
        return False
    if ent.type == "person":
        return _same_person(m.key.split(), ent.full.split(), ent.words, known)
    if ent.type in ("org", "place"):
        return same_word(m.key, ent.full, known) or m.key == ent.full
    return m.key == ent.full


def _same_person(words: list[str], full: list[str], seen: set[str], known: Callable[[str], bool]) -> bool:
    """ "Pyotr" or "Sidorova" after "Pyotr Sidorov" is that person; "Dana Ferrell" after "Dana Whitcombe" is not.

    Two full names that share a word but each have one the other lacks (the same first name, or one family's
    surname) are two people; a single word joins the first person it fits.
    """
    if not any(same_word(w, x, known) for w in words for x in seen):
        return False
    if len(words) < 2 or len(full) < 2:
        return True
    new_word = any(not any(same_word(w, x, known) for x in full) for w in words)
    missing_word = any(not any(same_word(w, x, known) for w in words) for x in full)
    return not (new_word and missing_word)


def assign_placeholders(
    mentions: list[Mention], lang: str, known: Callable[[str], bool], taken: frozenset[str] = frozenset()
) -> tuple[Span, ...]:
    """Group mentions into entities and label them; the most mentioned person is the client.

    Labels in taken (placeholders already in the text) are skipped, so a name a moderator adds to an anonymised
    story becomes a new entity ([person 2]) instead of borrowing the client's label.
    """
    entities: list[_Entity] = []
    # Longer names first, so "Kirill Sidorov" exists before a lone "Sidorov" looks for its entity.
    for m in sorted(mentions, key=lambda m: (-len(m.key.split()), m.start)):
        ent = next((e for e in entities if _matches(e, m, known)), None)
        if ent is None:
            ent = _Entity(m.type, set(m.key.split()), m.key, m.start)
            entities.append(ent)
        ent.words |= set(m.key.split()) if m.type == "person" else set()
        ent.first = min(ent.first, m.start)
        ent.count += 1
        ent.members.append(m)
    label: dict[int, str] = {}
    by_type: dict[str, list[_Entity]] = {}
    for e in entities:
        by_type.setdefault(e.type, []).append(e)
    for typ, ents in by_type.items():
        ents.sort(key=lambda e: e.first)
        if typ == "person":
            main = max(ents, key=lambda e: (e.count, -e.first))
            ents.remove(main)
            ents.insert(0, main)
        idx = 0
        for e in ents:
            idx += 1
            while placeholder(lang, typ, idx) in taken:
                idx += 1
            for m in e.members:
                label[id(m)] = placeholder(lang, typ, idx)
    return tuple(Span(m.start, m.end, m.type, label[id(m)]) for m in sorted(mentions, key=lambda m: m.start))
