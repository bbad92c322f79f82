"""The confirm step of /privacy forget as a real discord.py view: one decision per card, a refusal can be retried."""

from __future__ import annotations

from typing import Any

import discord
import pytest

from parley.cogs.privacy.views import ForgetConfirm
from parley.domain.errors import AlreadyDone
from parley.domain.privacy import ForgetChoice, StoryBeingPosted
from parley.i18n import I18n


def buttons(view: discord.ui.LayoutView) -> dict[str, Any]:
    return {item.label: item for item in view.walk_children() if isinstance(item, discord.ui.Button)}


async def test_labels_follow_whether_there_is_something_public():
    t = I18n.load().get("en")

    async def nothing(interaction: Any, choice: Any) -> None:
        return None

    assert list(buttons(ForgetConfirm(1, t, "x", offer_unlink=False, on_choice=nothing))) == ["Erase", "Cancel"]
    both = ForgetConfirm(1, t, "x", offer_unlink=True, on_choice=nothing)
    assert list(buttons(both)) == ["Erase everything", "Erase, but leave my posts up unlinked", "Cancel"]
    assert all(len(b.custom_id) <= 100 for b in buttons(both).values())


async def test_a_double_click_erases_once_and_a_refusal_can_be_retried():
    t = I18n.load().get("en")
    calls: list[ForgetChoice | None] = []
    refuse = [True]

    async def on_choice(interaction: Any, choice: ForgetChoice | None) -> None:
        if refuse[0]:
            refuse[0] = False
            raise StoryBeingPosted()
        calls.append(choice)

    view = ForgetConfirm(1, t, "x", offer_unlink=True, on_choice=on_choice)
    unlink = buttons(view)["Erase, but leave my posts up unlinked"]
    with pytest.raises(StoryBeingPosted):
        await unlink.callback(object())
    await unlink.callback(object())
    with pytest.raises(AlreadyDone):
        await buttons(view)["Erase everything"].callback(object())
    assert calls == [ForgetChoice.UNLINK]
