"""The 14 canonical archetype ids (GUIDES_IDS.md), in the guides' order."""

from __future__ import annotations

ARCHETYPE_IDS: tuple[str, ...] = (
    "non_payer",
    "string_along",
    "know_it_all",
    "never_satisfied",
    "creep",
    "abusive",
    "after_hours",
    "no_contract",
    "indecisive",
    "scope_creep",
    "micromanager",
    "sceptic",
    "blindsided",
    "bad_fit",
)

ARCHETYPE_ORDER: dict[str, int] = {a: i for i, a in enumerate(ARCHETYPE_IDS)}
