"""Interactions outside the guild, as Discord sends them: the bot's DM, members' own DMs, user installs.

Discord tells a bot where an interaction comes from with `context` (0 a server, 1 the bot's DM, 2 a private
channel: a DM or group DM the bot is not in) and who authorized it with `authorizing_integration_owners`
(key "0": the server's install, the guild id, or "0" in the bot's DM; key "1": the member's own install, their
user id). Outside a server there is no `member`, only `user`, and the app's permissions are fixed ones.

Commands declare where they may be used with `contexts` and `integration_types`; Discord's client only offers a
command where both allow it, which `check_outside_access` enforces before an interaction is built.
"""

from __future__ import annotations

from typing import Any

from parley.replay.errors import ScenarioError
from parley.replay.model import Channel

GUILD_INSTALL, USER_INSTALL = "0", "1"
BOT_DM, PRIVATE_CHANNEL = 1, 2
INSTALLS = {"guild": 0, "user": 1}

# What an app may do where it is not a member (Discord's documented app_permissions outside servers).
_ATTACH_FILES, _EMBED_LINKS, _MENTION_EVERYONE, _USE_EXTERNAL_EMOJIS = 1 << 15, 1 << 14, 1 << 17, 1 << 18


def outside_permissions(channel: Channel) -> int:
    """The app's permissions in a DM (its own, or a private channel it reaches through a user install)."""
    bits = _ATTACH_FILES | _EMBED_LINKS | _MENTION_EVERYONE
    return bits if channel.is_private else bits | _USE_EXTERNAL_EMOJIS


def outside_owners(channel: Channel, user_id: int, install: str | None) -> tuple[dict[str, str], int]:
    """`authorizing_integration_owners` and `context` of an interaction in a DM or private channel."""
    if channel.is_private:
        if install == "guild":
            raise ScenarioError("a server install cannot reach a private channel: only a user install can")
        return {USER_INSTALL: str(user_id)}, PRIVATE_CHANNEL
    if install == "guild":
        return {GUILD_INSTALL: "0"}, BOT_DM
    return {USER_INSTALL: str(user_id)}, BOT_DM


def check_outside_access(command: dict[str, Any], channel: Channel, install: str | None) -> None:
    """Raise when Discord's client would not offer this command in this DM or private channel.

    A registration without `contexts` or `integration_types` (synced before they existed) is offered everywhere
    its install reaches, as Discord does for such global commands.
    """
    name = command.get("name")
    if command.get("guild_id"):
        raise ScenarioError(f"/{name} is registered to the guild only: it is not offered in DMs")
    context = PRIVATE_CHANNEL if channel.is_private else BOT_DM
    contexts = command.get("contexts")
    if contexts is not None and context not in contexts:
        where = "private channels" if context == PRIVATE_CHANNEL else "the bot's DMs"
        raise ScenarioError(f"/{name} is not available in {where} (contexts={contexts})")
    kind = INSTALLS.get(install or "user")
    if kind is None:
        raise ScenarioError(f"install must be 'guild' or 'user', got {install!r}")
    types = command.get("integration_types")
    if types is not None and kind not in types:
        raise ScenarioError(f"/{name} is not installed for {install or 'user'} installs (integration_types={types})")


def message_command_data(command: dict[str, Any], target: dict[str, Any]) -> dict[str, Any]:
    """The `data` of a message context-menu interaction: the command, its target and the message, resolved."""
    data: dict[str, Any] = {
        "id": command["id"],
        "name": command["name"],
        "type": 3,
        "target_id": target["id"],
        "resolved": {"messages": {target["id"]: target}},
    }
    if command.get("guild_id"):
        data["guild_id"] = command["guild_id"]
    return data
