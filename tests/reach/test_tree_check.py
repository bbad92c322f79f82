"""`python -m parley check` knows a context menu is named like a label, not like a slash command."""

from __future__ import annotations


def test_the_tree_check_names_context_menus_by_their_own_rules() -> None:
    from parley.checks.command_tree import _check_payload

    menu = {"name": "Draft a reply with Parley", "type": 3, "name_localizations": {"fi": "Luonnostele vastaus"}}
    assert _check_payload(menu, "menu", menu=True) == []
    assert _check_payload({**menu, "name": "x" * 33}, "menu", menu=True)
    assert _check_payload({"name": "Draft a reply", "type": 1, "description": "d"}, "/draft")  # slash: lowercase
