"""Result types of the anonymiser."""

from __future__ import annotations

from dataclasses import dataclass

SPAN_TYPES = ("person", "org", "place", "email", "phone", "url", "handle", "number")


@dataclass(frozen=True, slots=True)
class Span:
    """One identifier found in the input: text[start:end] is replaced by placeholder."""

    start: int
    end: int
    type: str
    placeholder: str


@dataclass(frozen=True, slots=True)
class AnonResult:
    """Anonymised text plus the spans (offsets into the INPUT text) that were replaced."""

    text: str
    spans: tuple[Span, ...]
    lang: str = ""


@dataclass(frozen=True, slots=True)
class Mention:
    """Internal candidate span before entity grouping; key groups mentions of one entity."""

    start: int
    end: int
    type: str
    key: str
    priority: int
