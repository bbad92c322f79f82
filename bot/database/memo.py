"""Per-interaction memo: settings and languages are read once per interaction, not once per helper that asks.

An interaction used to read the guild's settings and the two languages 6-9 times (every helper asked again),
a third of its database round trips. `interaction_scope()` opens a fresh memo; Parley opens one around each
INTERACTION_CREATE (see `scope_interactions`), and the tasks discord.py starts for that interaction (the command,
the view's or dynamic item's callback) copy the context there, so they share that memo and nothing else does.
Outside a scope (jobs, the CLI) nothing is memoised. A settings write clears the memo of its scope, so a handler
that changes a setting reads the new value; other processes' writes are seen by the next interaction.
"""

from __future__ import annotations

import contextvars
from collections.abc import Awaitable, Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

__all__ = ["forget", "interaction_scope", "memoised", "recall", "remember", "scope_interactions"]

T = TypeVar("T")

_memo: contextvars.ContextVar[dict[Hashable, Any] | None] = contextvars.ContextVar("parley_memo", default=None)
_WRAPPED = "__parley_scoped__"


@contextmanager
def interaction_scope() -> Iterator[dict[Hashable, Any]]:
    """Memoise reads made in this block (and in tasks created inside it) in one fresh memo."""
    memo: dict[Hashable, Any] = {}
    token = _memo.set(memo)
    try:
        yield memo
    finally:
        _memo.reset(token)


async def memoised(key: Hashable, load: Callable[[], Awaitable[T]]) -> T:
    """`load()` once per interaction for `key`; without a scope, every call loads."""
    memo = _memo.get()
    if memo is None:
        return await load()
    if key in memo:
        return memo[key]  # type: ignore[no-any-return]
    value = await load()
    memo[key] = value
    return value


def recall(*keys: Hashable) -> tuple[Any, ...] | None:
    """The values memoised for all of `keys` in this interaction, or None if one is missing (or no scope)."""
    memo = _memo.get()
    if memo is None or any(key not in memo for key in keys):
        return None
    return tuple(memo[key] for key in keys)


def remember(key: Hashable, value: Any) -> None:
    """Memoise a value read together with another one (one query for both); nothing outside a scope."""
    memo = _memo.get()
    if memo is not None:
        memo[key] = value


def forget() -> None:
    """Drop what this interaction memoised (after a write that changes it)."""
    memo = _memo.get()
    if memo is not None:
        memo.clear()


def scope_interactions(client: Any) -> None:
    """Give every INTERACTION_CREATE this client parses its own memo (idempotent)."""
    parsers = getattr(getattr(client, "_connection", None), "parsers", None)
    if not isinstance(parsers, dict):
        return
    parse = parsers.get("INTERACTION_CREATE")
    if parse is None or getattr(parse, _WRAPPED, False):
        return

    def parse_in_scope(data: Any) -> Any:
        # discord.py creates the handler tasks inside this call; they copy the context, memo included.
        with interaction_scope():
            return parse(data)

    setattr(parse_in_scope, _WRAPPED, True)
    parsers["INTERACTION_CREATE"] = parse_in_scope
