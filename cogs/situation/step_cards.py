"""The walkthrough's question cards, drawn once per language and state and then sent as they were serialised.

A question card depends on the member's language, the walkthrough's state (answers, skipped steps, history, whether
there are own words) and an optional notice; never on the member's words themselves (`FlowState` holds ids only).
Drawing one builds ~8 discord.py items and their custom ids (~0.2 ms, a tenth of a `/situation`), so each bot keeps
the serialised components of the last few hundred it drew and sends a copy with the flow's own id and version in
the custom ids. A card whose ids are not all walkthrough ids is never kept (there would be nothing safe to patch).
"""

from __future__ import annotations

import json
from collections import OrderedDict
from typing import Any

import discord

from parley.cogs.situation.cards import Painter
from parley.cogs.situation.views import FlowButton, FlowSelect
from parley.domain import walkthrough as wt

CAPACITY = 512  # cards kept per bot: 4 languages x the question states members actually reach
_TEMPLATES = (FlowButton.__discord_ui_compiled_template__, FlowSelect.__discord_ui_compiled_template__)


class SerialisedCard(discord.ui.LayoutView):
    """A Components V2 card given as the JSON discord.py would send for it. It has no items: its buttons and
    selects are DynamicItems, answered by their custom ids, so there is nothing for discord.py to listen to."""

    def __init__(self, components: list[dict[str, Any]]) -> None:
        super().__init__(timeout=None)
        self._components = components

    def to_components(self) -> list[dict[str, Any]]:
        return self._components

    def has_components_v2(self) -> bool:
        return True


class StepCards:
    """One bot's memo of question cards (`services.component(StepCards)`)."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self._cards: OrderedDict[tuple[str, str, str | None], list[dict[str, Any]]] = OrderedDict()

    def card(
        self, painter: Painter, flow_id: str, version: int, state: wt.FlowState, *, notice: str | None = None
    ) -> discord.ui.LayoutView:
        """The question card for this state, drawn by `painter` the first time and copied afterwards."""
        key = (painter.t.lang, json.dumps(state.to_json(), sort_keys=True), notice)
        kept = self._cards.get(key)
        if kept is not None:
            self._cards.move_to_end(key)
            return SerialisedCard(_with_ids(kept, flow_id, str(version)))
        view = painter.step_card(flow_id, version, state, notice=notice)
        components = view.to_components()
        if _ids_are_ours(components, flow_id, str(version)):
            self._cards[key] = _with_ids(components, flow_id, str(version))  # a copy nobody else holds
            if len(self._cards) > self.capacity:
                self._cards.popitem(last=False)
        return view


def _custom_ids(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["custom_id"]] if isinstance(node.get("custom_id"), str) else []
        return found + [cid for value in node.values() for cid in _custom_ids(value)]
    if isinstance(node, list):
        return [cid for value in node for cid in _custom_ids(value)]
    return []


def _ids_are_ours(components: list[dict[str, Any]], flow_id: str, version: str) -> bool:
    """Every custom id is a walkthrough button's or select's, for this flow and version."""
    for custom_id in _custom_ids(components):
        parts = custom_id.split(":", 5)
        if not any(t.fullmatch(custom_id) for t in _TEMPLATES) or parts[3:5] != [flow_id, version]:
            return False
    return True


def _with_ids(node: Any, flow_id: str, version: str) -> Any:
    """A deep copy of serialised components with this flow's id and version in every custom id
    (`parley:situation:<action>:<flow id>:<version>[:<value>]`)."""
    if isinstance(node, dict):
        out = {key: _with_ids(value, flow_id, version) for key, value in node.items()}
        custom_id = out.get("custom_id")
        if isinstance(custom_id, str):
            parts = custom_id.split(":", 5)
            parts[3:5] = [flow_id, version]
            out["custom_id"] = ":".join(parts)
        return out
    if isinstance(node, list):
        return [_with_ids(value, flow_id, version) for value in node]
    return node
