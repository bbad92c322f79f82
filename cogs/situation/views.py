"""Persistent components of /situation and /redflags; they carry the flow id and version, the state lives in the DB.

Custom ids: `parley:situation:<action>:<flow id>:<version>[:<value>]` and
`parley:redflags:<action>:<flow id>:<version>`.
The version is the flow's step counter when the card was drawn: a click on an older version (a double click, an
old message) is recognised and answered with the current card, never a second step.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import discord

from parley.cogs._shared.views import ParleyDynamicItemBase

if TYPE_CHECKING:
    from parley.cogs.situation.cog import Situation

FLOW = r"(?P<flow>[0-9a-f]{16}):(?P<version>[0-9]{1,6})"
SITUATION_BUTTONS = "stage|keep|back|restart|text|result|share"
SITUATION_SELECTS = "pick|have|fix"
REDFLAG_BUTTONS = "none|text|restart"
REDFLAG_SELECTS = "check"
EXAMPLE_FLOW = "0123456789abcdef"


def flow_custom_id(capability: str, action: str, flow_id: str, version: int, value: str | None = None) -> str:
    """Build a component id; values are ids from fixed lists (never member text)."""
    custom_id = f"parley:{capability}:{action}:{flow_id}:{version}"
    return f"{custom_id}:{value}" if value else custom_id


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


def _cog(interaction: discord.Interaction) -> Situation:
    cog = interaction.client.get_cog("Situation")  # type: ignore[attr-defined]
    if cog is None:
        raise RuntimeError("the situation capability is not loaded")
    return cog


class FlowButton(
    ParleyDynamicItemBase,
    discord.ui.DynamicItem[discord.ui.Button],
    template=rf"parley:situation:(?P<action>{SITUATION_BUTTONS}):{FLOW}(?::(?P<value>[a-z_]{{1,24}}))?",
):
    """A button of the walkthrough: an answer (stage, keep), Back, Start over, own words, result, share."""

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
                custom_id=flow_custom_id("situation", action, flow_id, version, value),
                label=label or action,
                emoji=emoji,
                style=style,
                disabled=disabled,
            )
        )
        self.action, self.flow_id, self.version, self.value = action, flow_id, version, value

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> Any:
        # Keep what the message shows, in case the card is redrawn from it (a vote press edits it in place).
        return cls(match["action"], match["flow"], int(match["version"]), match["value"], **_button_look(item))

    @classmethod
    def examples(cls) -> list[Any]:
        """One of each action, with and without a value."""
        return [cls(a, EXAMPLE_FLOW, 3) for a in SITUATION_BUTTONS.split("|")] + [
            cls("stage", EXAMPLE_FLOW, 12, "after"),
            cls("keep", EXAMPLE_FLOW, 999999, "unsure"),
        ]

    async def handle(self, interaction: discord.Interaction) -> None:
        await _cog(interaction).on_situation_button(interaction, self.action, self.flow_id, self.version, self.value)


class FlowSelect(
    ParleyDynamicItemBase,
    discord.ui.DynamicItem[discord.ui.Select],
    template=rf"parley:situation:(?P<action>{SITUATION_SELECTS}):{FLOW}",
):
    """A select of the walkthrough: what is happening, what you have, or "not what's happening?"."""

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
                custom_id=flow_custom_id("situation", action, flow_id, version),
                placeholder=placeholder,
                options=list(options) or [discord.SelectOption(label=action, value=action)],
                min_values=min_values,
                max_values=max_values,
            )
        )
        self.action, self.flow_id, self.version = action, flow_id, version

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> Any:
        return cls(match["action"], match["flow"], int(match["version"]), **_select_look(item))

    @classmethod
    def examples(cls) -> list[Any]:
        """One per action."""
        return [cls(a, EXAMPLE_FLOW, 0) for a in SITUATION_SELECTS.split("|")]

    async def handle(self, interaction: discord.Interaction) -> None:
        await _cog(interaction).on_situation_select(
            interaction, self.action, self.flow_id, self.version, list(self.item.values)
        )


class ChecklistButton(
    ParleyDynamicItemBase,
    discord.ui.DynamicItem[discord.ui.Button],
    template=rf"parley:redflags:(?P<action>{REDFLAG_BUTTONS}):{FLOW}",
):
    """A button of the red-flag check: none of these, own words, start over."""

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
                custom_id=flow_custom_id("redflags", action, flow_id, version),
                label=label or action,
                emoji=emoji,
                style=style,
            )
        )
        self.action, self.flow_id, self.version = action, flow_id, version

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> Any:
        return cls(match["action"], match["flow"], int(match["version"]), **_button_look(item, disabled=False))

    @classmethod
    def examples(cls) -> list[Any]:
        """One per action."""
        return [cls(a, EXAMPLE_FLOW, 7) for a in REDFLAG_BUTTONS.split("|")]

    async def handle(self, interaction: discord.Interaction) -> None:
        await _cog(interaction).on_checklist_button(interaction, self.action, self.flow_id, self.version)


class ChecklistSelect(
    ParleyDynamicItemBase,
    discord.ui.DynamicItem[discord.ui.Select],
    template=rf"parley:redflags:(?P<action>{REDFLAG_SELECTS}):{FLOW}",
):
    """The red-flag checklist."""

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
                custom_id=flow_custom_id("redflags", action, flow_id, version),
                placeholder=placeholder,
                options=options,
                min_values=min_values,
                max_values=len(options),
            )
        )
        self.action, self.flow_id, self.version = action, flow_id, version

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> Any:
        look = _select_look(item)
        del look["max_values"]  # always every option
        return cls(match["action"], match["flow"], int(match["version"]), **look)

    @classmethod
    def examples(cls) -> list[Any]:
        """The checklist."""
        return [cls("check", EXAMPLE_FLOW, 0)]

    async def handle(self, interaction: discord.Interaction) -> None:
        await _cog(interaction).on_checklist_select(interaction, self.flow_id, self.version, list(self.item.values))


DYNAMIC_ITEMS = (FlowButton, FlowSelect, ChecklistButton, ChecklistSelect)
