"""Validate the slash-command tree against Discord's limits, in every locale we translate to."""

from __future__ import annotations

import re
from typing import Any

import discord
from discord import app_commands

# Discord's rule for names: lowercase letters, digits, '-' and '_' in any script, 1 to 32 characters.
NAME = re.compile(r"^[-_\w\u0e31-\u0e3a\u0e47-\u0e4e\u0900-\u0963]{1,32}$")
VALID_LOCALES = {locale.value for locale in discord.Locale}
MAX_GLOBAL_COMMANDS = 100
MAX_MENUS = 5  # per kind (user, message), for the whole application: a plugin shares them with its host


async def check_tree(tree: app_commands.CommandTree) -> tuple[list[str], int]:
    """Return problems in the tree's translated payloads, and how many commands were checked."""
    translator = tree.translator
    problems: list[str] = []
    commands = tree.get_commands()
    if len(commands) > MAX_GLOBAL_COMMANDS:
        problems.append(f"{len(commands)} top-level commands; Discord allows {MAX_GLOBAL_COMMANDS}")
    for kind in (discord.AppCommandType.user, discord.AppCommandType.message):
        menus = [c for c in commands if getattr(c, "type", None) is kind]
        if len(menus) > MAX_MENUS:
            problems.append(
                f"{len(menus)} {kind.name} context menus; Discord allows {MAX_MENUS} (shared with the host)"
            )
    names: set[str] = set()
    for command in commands:
        if command.name in names:
            problems.append(f"duplicate command name /{command.name}")
        names.add(command.name)
        payload = await command.get_translated_payload(tree, translator) if translator else command.to_dict(tree)
        menu = isinstance(command, app_commands.ContextMenu)
        problems.extend(_check_payload(payload, command.name if menu else f"/{command.name}", menu=menu))
    return problems, len(commands)


def _check_payload(payload: dict[str, Any], where: str, *, menu: bool = False) -> list[str]:
    problems: list[str] = []
    # A context menu is named like a label: any case, spaces allowed, 1 to 32 characters.
    check_name = _check_menu_name if menu else _check_name
    problems.extend(check_name(payload.get("name", ""), where, "name"))
    for locale, name in (payload.get("name_localizations") or {}).items():
        if locale not in VALID_LOCALES:
            problems.append(f"{where}: unknown locale {locale!r}")
        problems.extend(check_name(name, where, f"name[{locale}]"))
    if "description" in payload:
        problems.extend(_check_text(payload["description"], where, "description"))
        for locale, text in (payload.get("description_localizations") or {}).items():
            problems.extend(_check_text(text, where, f"description[{locale}]"))
    options = payload.get("options") or []
    if len(options) > 25:
        problems.append(f"{where}: {len(options)} options; Discord allows 25")
    for option in options:
        sub = f"{where} {option.get('name')}"
        problems.extend(_check_payload(option, sub))
        choices = option.get("choices") or []
        if len(choices) > 25:
            problems.append(f"{sub}: {len(choices)} choices; Discord allows 25")
        for choice in choices:
            problems.extend(_check_text(choice["name"], sub, "choice"))
            for locale, text in (choice.get("name_localizations") or {}).items():
                problems.extend(_check_text(text, sub, f"choice[{locale}]"))
    return problems


def _check_name(name: str, where: str, what: str) -> list[str]:
    if not NAME.match(name) or name != name.lower():
        return [f"{where}: {what} {name!r} is not a valid Discord command name (lowercase, 1-32, no spaces)"]
    return []


def _check_menu_name(name: str, where: str, what: str) -> list[str]:
    if not 1 <= len(name) <= 32 or name != name.strip():
        return [f"{where}: {what} {name!r} is not a valid context menu name (1-32 characters)"]
    return []


def _check_text(text: str, where: str, what: str) -> list[str]:
    if not 1 <= len(text) <= 100:
        return [f"{where}: {what} is {len(text)} characters; Discord allows 1-100"]
    return []
