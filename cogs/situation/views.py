"""Persistent components of /situation and /redflags; they carry the flow id and version, the state lives in the DB.

Custom ids: `parley:situation:<action>:<flow id>:<version>[:<value>]` and
`parley:redflags:<action>:<flow id>:<version>`.
The version is the flow's step counter when the card was drawn: a click on an older version (a double click, an
old message) is recognised and answered with the current card, never a second step.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import discord

from parley.cogs._shared.cog import cog_of
from parley.cogs._shared.items import HANDLE, Field, PersistentItem, one_of

if TYPE_CHECKING:
    from parley.cogs.situation.cog import Situation

SITUATION_BUTTONS = ("stage", "keep", "back", "restart", "text", "result", "share")
SITUATION_SELECTS = ("pick", "have", "fix")
REDFLAG_BUTTONS = ("none", "text", "restart")
REDFLAG_SELECTS = ("check",)
FLOW_ID = HANDLE
VERSION = Field(r"[0-9]{1,6}", int, examples=(3, 12, 999999, 0))
VALUE = Field(r"[a-z_]{1,24}", examples=(None, "after", "unsure"))  # ids from fixed lists, never member text


def _button_look(item: discord.ui.Item[Any], *, disabled: bool = True) -> dict[str, Any]:
    look: dict[str, Any] = {
        "label": getattr(item, "label", None),
        "emoji": getattr(item, "emoji", None),
        "style": getattr(item, "style", None) or discord.ButtonStyle.secondary,
    }
    if disabled:
        look["disabled"] = bool(getattr(item, "disabled", False))
    return look


def _select_look(item: discord.ui.Item[Any]) -> dict[str, Any]:
    return {
        "options": list(getattr(item, "options", None) or ()),
        "placeholder": getattr(item, "placeholder", None),
        "min_values": getattr(item, "min_values", 1),
        "max_values": getattr(item, "max_values", 1),
    }


def _situation(interaction: discord.Interaction) -> Situation:
    from parley.cogs.situation.cog import Situation

    return cog_of(interaction, Situation)


class FlowButton(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Button],
    custom_id="parley:situation:{action}:{flow_id}:{version}[:{value}]",
    action=one_of(SITUATION_BUTTONS),
    flow_id=FLOW_ID,
    version=VERSION,
    value=VALUE,
):
    """A button of the walkthrough: an answer (stage, keep), Back, Start over, own words, result, share."""

    action: str
    flow_id: str
    version: int
    value: str | None

    def __init__(
        self,
        action: str,
        flow_id: str,
        version: int,
        value: str | None = None,
        *,
        label: str | None = None,
        emoji: str | None = None,
        style: discord.ButtonStyle = discord.ButtonStyle.secondary,
        disabled: bool = False,
    ) -> None:
        super().__init__(
            discord.ui.Button(
                custom_id=self.bind(action=action, flow_id=flow_id, version=version, value=value),
                label=label or action,
                emoji=emoji,
                style=style,
                disabled=disabled,
            )
        )

    @classmethod
    def keep(cls, item: discord.ui.Item[Any]) -> dict[str, Any]:
        # Keep what the message shows, in case the card is redrawn from it (a vote press edits it in place).
        return _button_look(item)

    async def handle(self, interaction: discord.Interaction) -> None:
        await _situation(interaction).walkthrough.on_button(
            interaction, self.action, self.flow_id, self.version, self.value
        )


class FlowSelect(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Select],
    custom_id="parley:situation:{action}:{flow_id}:{version}",
    action=one_of(SITUATION_SELECTS),
    flow_id=FLOW_ID,
    version=VERSION,
):
    """A select of the walkthrough: what is happening, what you have, or "not what's happening?"."""

    action: str
    flow_id: str
    version: int

    def __init__(
        self,
        action: str,
        flow_id: str,
        version: int,
        *,
        options: Sequence[discord.SelectOption] = (),
        placeholder: str | None = None,
        min_values: int = 1,
        max_values: int = 1,
    ) -> None:
        super().__init__(
            discord.ui.Select(
                custom_id=self.bind(action=action, flow_id=flow_id, version=version),
                placeholder=placeholder,
                options=list(options) or [discord.SelectOption(label=action, value=action)],
                min_values=min_values,
                max_values=max_values,
            )
        )

    @classmethod
    def keep(cls, item: discord.ui.Item[Any]) -> dict[str, Any]:
        return _select_look(item)

    async def handle(self, interaction: discord.Interaction) -> None:
        await _situation(interaction).walkthrough.on_select(
            interaction, self.action, self.flow_id, self.version, list(self.item.values)
        )


class ChecklistButton(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Button],
    custom_id="parley:redflags:{action}:{flow_id}:{version}",
    action=one_of(REDFLAG_BUTTONS),
    flow_id=FLOW_ID,
    version=VERSION,
):
    """A button of the red-flag check: none of these, own words, start over."""

    action: str
    flow_id: str
    version: int

    def __init__(
        self,
        action: str,
        flow_id: str,
        version: int,
        *,
        label: str | None = None,
        emoji: str | None = None,
        style: discord.ButtonStyle = discord.ButtonStyle.secondary,
    ) -> None:
        super().__init__(
            discord.ui.Button(
                custom_id=self.bind(action=action, flow_id=flow_id, version=version),
                label=label or action,
                emoji=emoji,
                style=style,
            )
        )

    @classmethod
    def keep(cls, item: discord.ui.Item[Any]) -> dict[str, Any]:
        return _button_look(item, disabled=False)

    async def handle(self, interaction: discord.Interaction) -> None:
        await _situation(interaction).checklist.on_button(interaction, self.action, self.flow_id, self.version)


class ChecklistSelect(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Select],
    custom_id="parley:redflags:{action}:{flow_id}:{version}",
    action=one_of(REDFLAG_SELECTS),
    flow_id=FLOW_ID,
    version=VERSION,
):
    """The red-flag checklist."""

    action: str
    flow_id: str
    version: int

    def __init__(
        self,
        action: str,
        flow_id: str,
        version: int,
        *,
        options: Sequence[discord.SelectOption] = (),
        placeholder: str | None = None,
        min_values: int = 1,
    ) -> None:
        options = list(options) or [discord.SelectOption(label=action, value=action)]
        super().__init__(
            discord.ui.Select(
                custom_id=self.bind(action=action, flow_id=flow_id, version=version),
                placeholder=placeholder,
                options=options,
                min_values=min_values,
                max_values=len(options),
            )
        )

    @classmethod
    def keep(cls, item: discord.ui.Item[Any]) -> dict[str, Any]:
        look = _select_look(item)
        del look["max_values"]  # always every option
        return look

    async def handle(self, interaction: discord.Interaction) -> None:
        await _situation(interaction).checklist.on_select(
            interaction, self.flow_id, self.version, list(self.item.values)
        )


DYNAMIC_ITEMS = (FlowButton, FlowSelect, ChecklistButton, ChecklistSelect)
