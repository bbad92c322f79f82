"""The finders' rule cascades: small named predicates, asked in order, where the first with an opinion decides."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

S = TypeVar("S")
V = TypeVar("V")


def first_verdict(rules: Iterable[Callable[[S], V | None]], subject: S, default: V) -> V:
    """The verdict of the first rule that returns one (a rule returns None to pass), else `default`."""
    for rule in rules:
        verdict = rule(subject)
        if verdict is not None:
            return verdict
    return default
