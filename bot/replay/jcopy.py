"""Copy JSON-shaped data (dicts, lists, strings, numbers) fast: the offline Discord copies every message it stores.

`copy.deepcopy` keeps a memo for shared and cyclic objects and dispatches through its copier table for every
value; JSON from Discord or discord.py has neither sharing that matters nor cycles. For an 8 KB card this takes
125 µs instead of deepcopy's 428 µs, which was 45 % of a vote click's time in the offline Discord (issue 21).
Anything that is not JSON-shaped (bytes of an upload, objects) still goes through `copy.deepcopy`.
"""

from __future__ import annotations

import copy
from typing import Any, TypeVar

__all__ = ["jcopy"]

T = TypeVar("T")

_ATOMS = (str, int, float, bool, type(None))


def jcopy(value: T) -> T:
    """An independent copy of `value`: new dicts and lists all the way down, shared immutable leaves."""
    return _copy(value)  # type: ignore[no-any-return]


def _copy(value: Any) -> Any:
    kind = type(value)
    if kind is dict:
        return {k: v if type(v) in _ATOMS else _copy(v) for k, v in value.items()}
    if kind is list:
        return [v if type(v) in _ATOMS else _copy(v) for v in value]
    if kind in _ATOMS:
        return value
    if kind is tuple:
        return tuple(_copy(v) for v in value)
    return copy.deepcopy(value)
