"""Tab completion of commands, subcommands, options and their values (pure; the REPL adapts it to prompt_toolkit)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from parley.terminal.commandline import (
    BOOLEAN,
    CHANNEL,
    MENTIONABLE,
    ROLE,
    TYPE_NAMES,
    USER,
    Catalog,
    CommandSpec,
    split_command,
)


@dataclass(frozen=True)
class Suggestion:
    """Replace the last `replace` characters before the cursor with `text`."""

    text: str
    replace: int
    meta: str = ""


@dataclass(frozen=True)
class Names:
    """What values can name: channels, roles and members of the server; the terminal's own commands."""

    channels: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    local_commands: tuple[tuple[str, str], ...] = ()  # (name, what it does)
    local_arguments: dict[str, tuple[str, ...]] | None = None


def complete(before_cursor: str, catalog: Catalog, names: Names) -> list[Suggestion]:
    """Suggestions for the text left of the cursor."""
    text = before_cursor.lstrip()
    if not text.startswith("/"):
        if " " in text:
            return _local_arguments(text, names)
        return [Suggestion(n, len(text), meta) for n, meta in names.local_commands if n.startswith(text)] + (
            [Suggestion("/", len(text))] if not text else []
        )
    words, _ = split_command(text)
    body = text[1:]  # keeps the trailing space that says a word is finished
    ends_with_space = text.endswith(" ")
    if not words or (len(words) == 1 and not ends_with_space):
        prefix = words[0].casefold() if words else ""
        out = [
            Suggestion("/" + n, len(prefix) + 1, meta)
            for n, meta in names.local_commands
            if n.startswith(prefix) and not n.startswith("/") and n in _SLASHED
        ]
        for name, local in catalog.roots():
            for shown in dict.fromkeys(n for n in (local, name) if n):
                if shown.casefold().startswith(prefix):
                    command = catalog.match([name])[0] or next(c for c in catalog.commands if c.path[0] == name)
                    out.append(Suggestion("/" + shown, len(prefix) + 1, command.description if local else ""))
        return out
    if words[0].casefold() in _SLASHED:
        return _local_arguments(text.lstrip("/"), names)
    complete_words = words if ends_with_space else words[:-1]
    partial = "" if ends_with_space else words[-1]
    command, used, under = catalog.match(complete_words)
    if command is None:
        if not under or used < len(complete_words):
            return []
        subs = {c.local_path[used]: c.description for c in under if len(c.path) > used}
        return [Suggestion(s, len(partial), d) for s, d in subs.items() if s.casefold().startswith(partial.casefold())]
    return _option_suggestions(command, body, partial, names)


_SLASHED = ("switch", "channel", "wait", "restart")


def _option_suggestions(command: CommandSpec, body: str, partial: str, known: Names) -> list[Suggestion]:
    names = [n for o in command.options for n in o.names()]
    given = {m.group(1).casefold() for m in re.finditer(r"(?:(?<=\s)|^)(\S+?)\s*:", body)}
    current = re.search(r"(?:(?<=\s)|^)(\S+?):\s*([^:]*)$", body)
    if current and command.option(current.group(1)) is not None:
        option = command.option(current.group(1))
        assert option is not None
        value = current.group(2)
        if value.strip() and value.endswith(" "):
            pass  # a finished value: offer the next option
        elif " " not in value.strip() or option.choices:
            values = _values(option.type, option.choices, known)
            typed = value.strip()
            found = [
                Suggestion(v, len(typed), meta)
                for v, meta in values
                if v.casefold().lstrip("#@").startswith(typed.casefold().lstrip("#@"))
            ]
            if found:
                return found
    out = []
    for option in command.options:
        if any(n.casefold() in given for n in option.names()):
            continue
        shown = option.shown
        if shown.casefold().startswith(partial.casefold()):
            need = "required" if option.required else "optional"
            out.append(Suggestion(shown + ": ", len(partial), f"{TYPE_NAMES.get(option.type, '')}, {need}"))
    return out if names else []


def _values(kind: int, choices: Sequence[object], names: Names) -> list[tuple[str, str]]:
    if choices:
        return [(str(c.value), c.local or c.name) for c in choices]  # type: ignore[attr-defined]
    if kind == CHANNEL:
        return [("#" + c, "") for c in names.channels]
    if kind == ROLE:
        return [("@" + r, "") for r in names.roles]
    if kind == USER:
        return [(m, "") for m in names.members]
    if kind == MENTIONABLE:
        return [("@" + r, "") for r in names.roles] + [(m, "") for m in names.members]
    if kind == BOOLEAN:
        return [("true", ""), ("false", "")]
    return []


def _local_arguments(text: str, names: Names) -> list[Suggestion]:
    command, _, arg = text.partition(" ")
    choices = (names.local_arguments or {}).get(command.lstrip("/"), ())
    arg = arg.lstrip()
    return [Suggestion(c, len(arg)) for c in choices if c.startswith(arg)]
