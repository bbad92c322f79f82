"""Result types of the anonymiser."""

from __future__ import annotations

from dataclasses import dataclass, field

SPAN_TYPES = ("person", "org", "place", "email", "phone", "url", "handle", "number")


@dataclass(frozen=True, slots=True)
class Span:
    """One identifier found in the input: text[start:end] is replaced by placeholder."""

    start: int
    end: int
    type: str
    placeholder: str


SUSPECT_TYPES = ("person", "org", "place", "handle", "number")


@dataclass(frozen=True, slots=True)
class Suspect:
    """A word left in place that may identify someone: text[start:end], for the author or a moderator to judge.

    confidence orders the review (likeliest first, as a select shows only 25): 0.9 for a listed name or a username,
    0.7 for an unknown capitalised word, 0.5 for a word a cue points at, 0.3 for the widest rules.
    """

    start: int
    end: int
    type: str
    confidence: float = field(default=0.5, compare=False)


@dataclass(frozen=True, slots=True)
class AnonResult:
    """Anonymised text plus the spans and suspects (offsets into the INPUT text).

    output_suspects are the same suspects with offsets into the anonymised text, which is what the preview holds.
    """

    text: str
    spans: tuple[Span, ...]
    lang: str = ""
    suspects: tuple[Suspect, ...] = ()
    output_suspects: tuple[Suspect, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """Internal candidate span before entity grouping; key groups mentions of one entity."""

    start: int
    end: int
    type: str
    key: str
    priority: int
