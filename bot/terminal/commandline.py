"""Typed slash commands, read the way Discord's client reads them, against the bot's own command tree.

`/situation describe: he pays "next week" every week` -> ("situation", {"describe": 'he pays "next week" every
week'}). A value runs until the next `option:` the command knows, so quotes, colons and other words inside a value
stay in it; a value wholly wrapped in quotes loses them (the way to type a value containing `other_option:`).
Text right after the command, before any `option:`, goes to its first option not given (`/draft payment_reminder`).
Names are accepted in English and in the member's Discord language (`/tilanne` = `/situation` for Finnish).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

SUB_COMMAND, SUB_COMMAND_GROUP = 1, 2
STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, MENTIONABLE, NUMBER, ATTACHMENT = 3, 4, 5, 6, 7, 8, 9, 10, 11
TYPE_NAMES = {
    STRING: "text",
    INTEGER: "whole number",
    BOOLEAN: "true/false",
    USER: "member",
    CHANNEL: "#channel",
    ROLE: "@role",
    MENTIONABLE: "member or @role",
    NUMBER: "number",
    ATTACHMENT: "file",
}
_QUOTES = {'"': '"', "'": "'", "“": "”", "„": "“", "«": "»", "”": "”"}


class CommandLineError(ValueError):
    """A typed command the bot's tree does not accept; the message says what would."""


def _localized(payload: Mapping[str, Any], locale: str | None) -> str | None:
    names = payload.get("name_localizations") or {}
    return names.get(locale) if locale else None


@dataclass(frozen=True)
class ChoiceSpec:
    """A fixed choice of an option: its canonical name, value and the name in the member's language."""

    name: str
    value: Any
    local: str | None = None


@dataclass(frozen=True)
class OptionSpec:
    """One option of a command."""

    name: str
    type: int
    required: bool
    description: str = ""
    local: str | None = None
    choices: tuple[ChoiceSpec, ...] = ()
    autocomplete: bool = False

    @property
    def shown(self) -> str:
        """The name as the member's client shows it."""
        return self.local or self.name

    def names(self) -> tuple[str, ...]:
        """Every name this option answers to."""
        return tuple(dict.fromkeys(n for n in (self.local, self.name) if n))


@dataclass(frozen=True)
class CommandSpec:
    """A runnable command: its path (subcommands spelled out), options, and the raw top-level payload."""

    path: tuple[str, ...]
    local_path: tuple[str, ...]
    description: str
    options: tuple[OptionSpec, ...]
    payload: Mapping[str, Any]

    @property
    def name(self) -> str:
        """The canonical path with spaces ("story share")."""
        return " ".join(self.path)

    @property
    def shown(self) -> str:
        """The path as the member's client shows it."""
        return " ".join(self.local_path)

    def option(self, name: str) -> OptionSpec | None:
        """The option with this canonical or localised name (case-insensitive)."""
        folded = name.casefold()
        return next((o for o in self.options if folded in (n.casefold() for n in o.names())), None)


@dataclass(frozen=True)
class ParsedCommand:
    """A command ready for the offline Discord: canonical path and option values by canonical name."""

    command: CommandSpec
    options: dict[str, Any]

    @property
    def path(self) -> str:
        """Canonical path with spaces."""
        return self.command.name


class Catalog:
    """Every chat-input command of the bot, as one member's client lists them."""

    def __init__(self, commands: Sequence[CommandSpec], locale: str | None = None) -> None:
        self.commands = tuple(sorted(commands, key=lambda c: c.path))
        self.locale = locale

    @classmethod
    def from_payloads(cls, payloads: Iterable[Mapping[str, Any]], locale: str | None = None) -> Catalog:
        """Build from application command payloads (with `name_localizations` when the tree has a translator)."""
        commands: list[CommandSpec] = []
        for payload in payloads:
            if payload.get("type", 1) != 1:
                continue
            commands.extend(_leaves(payload, payload, (), (), locale))
        return cls(commands, locale)

    def roots(self) -> list[tuple[str, str | None]]:
        """(canonical, localised) names of the top-level commands."""
        seen: dict[str, str | None] = {}
        for c in self.commands:
            seen.setdefault(c.path[0], c.local_path[0] if c.local_path[0] != c.path[0] else None)
        return list(seen.items())

    def match(self, words: Sequence[str]) -> tuple[CommandSpec | None, int, list[CommandSpec]]:
        """The command the first words name, how many words its path used, and the commands under that prefix."""
        folded = [w.casefold() for w in words]
        candidates = list(self.commands)
        depth = 0
        while depth < len(folded):
            word = folded[depth]
            narrowed = [
                c
                for c in candidates
                if len(c.path) > depth and word in (c.path[depth].casefold(), c.local_path[depth].casefold())
            ]
            if not narrowed:
                break
            candidates = narrowed
            depth += 1
            exact = [c for c in candidates if len(c.path) == depth]
            if exact:
                return exact[0], depth, candidates
        return None, depth, candidates if depth else []


def _leaves(
    root: Mapping[str, Any],
    node: Mapping[str, Any],
    path: tuple[str, ...],
    local: tuple[str, ...],
    locale: str | None,
) -> list[CommandSpec]:
    name = str(node["name"])
    path = (*path, name)
    local = (*local, _localized(node, locale) or name)
    options = node.get("options") or []
    subs = [o for o in options if o.get("type") in (SUB_COMMAND, SUB_COMMAND_GROUP)]
    if subs:
        out: list[CommandSpec] = []
        for sub in subs:
            out.extend(_leaves(root, sub, path, local, locale))
        return out
    specs = tuple(
        OptionSpec(
            name=str(o["name"]),
            type=int(o.get("type", STRING)),
            required=bool(o.get("required", False)),
            description=str((o.get("description_localizations") or {}).get(locale or "", o.get("description", ""))),
            local=_localized(o, locale),
            choices=tuple(
                ChoiceSpec(str(c["name"]), c["value"], _localized(c, locale)) for c in o.get("choices") or []
            ),
            autocomplete=bool(o.get("autocomplete", False)),
        )
        for o in options
    )
    description = str((node.get("description_localizations") or {}).get(locale or "", node.get("description", "")))
    return [CommandSpec(path, local, description, specs, root)]


def split_command(line: str) -> tuple[list[str], str]:
    """The first words of a command line (up to the first `name:`) and the text after the command name."""
    body = line.strip()
    if body.startswith("/"):
        body = body[1:]
    return body.split(), body


def parse_command(line: str, catalog: Catalog) -> ParsedCommand:
    """Read `/name [sub] [option: value ...]` against the catalog; raise CommandLineError with what would work."""
    words, body = split_command(line)
    if not words:
        raise CommandLineError("type a command after the /, e.g. /parley")
    command, used, under = catalog.match(words)
    if command is None:
        if under:
            subs = sorted({" ".join(c.local_path[: used + 1]) for c in under})
            raise CommandLineError(f"/{' '.join(words[:used])} needs one of: " + ", ".join("/" + s for s in subs))
        known = ", ".join("/" + (local or name) for name, local in catalog.roots())
        raise CommandLineError(f"there is no /{words[0]} command. Commands: {known}")
    rest = _after_words(body, used)
    options = _options(command, rest)
    return ParsedCommand(command, options)


def _after_words(body: str, count: int) -> str:
    """The text of `body` after its first `count` words."""
    pos = 0
    for _ in range(count):
        match = re.compile(r"\s*\S+").match(body, pos)
        if match is None:
            return ""
        pos = match.end()
    return body[pos:].strip()


def _options(command: CommandSpec, rest: str) -> dict[str, Any]:
    names = sorted({n for o in command.options for n in o.names()}, key=len, reverse=True)
    values: dict[str, str] = {}
    leading = rest
    if names and rest:
        marker = re.compile(r"(?:(?<=\s)|^)(" + "|".join(re.escape(n) for n in names) + r")\s*:", re.IGNORECASE)
        found = list(marker.finditer(rest))
        leading = rest[: found[0].start()] if found else rest
        for k, match in enumerate(found):
            end = found[k + 1].start() if k + 1 < len(found) else len(rest)
            option = command.option(match.group(1))
            assert option is not None
            if option.name in values:
                raise CommandLineError(f"option {option.shown}: is given twice")
            values[option.name] = _unquote(rest[match.end() : end].strip())
    leading = leading.strip()
    if leading:
        free = [o for o in command.options if o.name not in values]
        free.sort(key=lambda o: not o.required)
        if not free:
            if not command.options:
                raise CommandLineError(f"/{command.shown} takes no options (you typed {leading!r})")
            raise CommandLineError(f"not sure which option {leading!r} is for; write it as name: value")
        values = {free[0].name: _unquote(leading), **values}
    missing = [o.shown for o in command.options if o.required and not values.get(o.name)]
    if missing:
        raise CommandLineError(f"/{command.shown} needs {', '.join(m + ':' for m in missing)}")
    return {name: _value(command.option(name), value) for name, value in values.items()}  # type: ignore[arg-type]


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] in _QUOTES and value[-1] == _QUOTES[value[0]]:
        inner = value[1:-1]
        if value[0] not in inner:
            return inner
    return value


def _value(option: OptionSpec, value: str) -> Any:
    if not value:
        raise CommandLineError(f"option {option.shown}: has no value")
    if option.choices:
        folded = value.casefold()
        for choice in option.choices:
            if folded in (str(choice.value).casefold(), choice.name.casefold(), (choice.local or "").casefold()):
                return choice.value
        shown = ", ".join(str(c.value) for c in option.choices)
        raise CommandLineError(f"option {option.shown}: must be one of {shown}")
    if option.type in (INTEGER, NUMBER):
        try:
            return int(value) if option.type == INTEGER else float(value)
        except ValueError:
            raise CommandLineError(f"option {option.shown}: wants a {TYPE_NAMES[option.type]}, not {value!r}") from None
    if option.type == BOOLEAN:
        lowered = value.casefold()
        if lowered in ("true", "yes", "1", "on", "y"):
            return True
        if lowered in ("false", "no", "0", "off", "n"):
            return False
        raise CommandLineError(f"option {option.shown}: wants true or false")
    if option.type == CHANNEL:
        return "#" + value.lstrip("#")
    if option.type == ROLE:
        return "@" + value.lstrip("@")
    if option.type == USER:
        return value.lstrip("@")
    if option.type == ATTACHMENT:
        return value  # a path; the REPL reads the file
    return value


# -- picking numbered choices ------------------------------------------------------------------------------------------

_PICK = re.compile(r"^\s*\d+(\s*[, ]\s*\d+)*\s*$")


def is_pick(line: str) -> bool:
    """Whether the line is a pick: `2`, `2,3` or `2 3`."""
    return bool(_PICK.match(line))


def pick_numbers(line: str) -> list[int]:
    """The numbers of a pick, in order, without repeats."""
    return list(dict.fromkeys(int(n) for n in re.findall(r"\d+", line)))
