"""/story mine never builds a card Discord refuses: eight published stories with their links pass 40 components."""

from __future__ import annotations

import discord
import pytest

from parley.cogs.stories import views


def published_item(n: int) -> tuple[str, list[discord.ui.Item]]:
    link = discord.ui.Button(label="See the post", url=f"https://discord.com/channels/1/2/{n}")
    return (f"story {n}", [discord.ui.Button(label="Delete", custom_id=f"delete:{n}"), link])


def test_eight_published_stories_would_pass_discords_limit():
    items = [published_item(n) for n in range(8)]
    with pytest.raises(ValueError):
        views.ListCard("header", items)  # what /story mine built before: discord.py refuses 42 components


def test_the_card_keeps_only_the_items_that_fit_and_they_all_show():
    items = [published_item(n) for n in range(8)]
    fit = views.items_that_fit(items)
    assert fit == 7
    card = views.ListCard("header", items[:fit])
    texts = [c.content for c in card.walk_children() if isinstance(c, discord.ui.TextDisplay)]
    assert texts == ["header", *(f"story {n}" for n in range(7))]


def test_small_lists_are_untouched():
    items = [("pending", [discord.ui.Button(label="Withdraw", custom_id="w")]), ("publishing", [])]
    assert views.items_that_fit(items) == 2
