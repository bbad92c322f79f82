"""Typing slash commands like in Discord's client: paths, `option: value`, quotes, choices, localised names."""

from __future__ import annotations

import pytest

from parley.terminal.commandline import Catalog, CommandLineError, is_pick, parse_command, pick_numbers
from parley.terminal.completion import Names, complete

PAYLOADS = [
    {
        "name": "situation",
        "name_localizations": {"fi": "tilanne"},
        "description": "Talk it through",
        "options": [{"name": "describe", "name_localizations": {"fi": "kuvaus"}, "type": 3, "required": False}],
    },
    {
        "name": "draft",
        "description": "Write a message",
        "options": [
            {
                "name": "kind",
                "type": 3,
                "required": True,
                "choices": [
                    {
                        "name": "Payment reminder",
                        "value": "payment_reminder",
                        "name_localizations": {"fi": "Maksumuistutus"},
                    },
                    {"name": "Change order", "value": "change_order"},
                ],
            },
            {"name": "tone", "type": 3, "required": False},
        ],
    },
    {
        "name": "story",
        "description": "Stories",
        "options": [
            {"name": "share", "type": 1, "description": "Share one"},
            {"name": "browse", "type": 1, "description": "Read", "options": [{"name": "search", "type": 3}]},
        ],
    },
    {
        "name": "setup",
        "description": "Admins",
        "options": [
            {"name": "stories_channel", "type": 7},
            {"name": "moderator_role", "type": 8},
            {"name": "stories_per_day", "type": 4},
        ],
    },
    {"name": "parley", "description": "About"},
]
EN = Catalog.from_payloads(PAYLOADS)
FI = Catalog.from_payloads(PAYLOADS, "fi")


def test_a_value_runs_to_the_end_keeping_quotes_and_colons():
    parsed = parse_command('/situation describe: he pays "next week" every week: again', EN)
    assert parsed.path == "situation"
    assert parsed.options == {"describe": 'he pays "next week" every week: again'}


def test_a_wholly_quoted_value_loses_its_quotes():
    assert parse_command('/situation describe: "tone: rude"', EN).options == {"describe": "tone: rude"}


def test_text_right_after_the_command_goes_to_its_first_free_option():
    assert parse_command("/draft payment_reminder", EN).options == {"kind": "payment_reminder"}
    assert parse_command("/draft payment_reminder tone: firm", EN).options == {
        "kind": "payment_reminder",
        "tone": "firm",
    }
    assert parse_command("/situation he never pays", EN).options == {"describe": "he never pays"}


def test_choices_accept_value_name_or_localised_name():
    assert parse_command("/draft kind: Payment reminder", EN).options["kind"] == "payment_reminder"
    assert parse_command("/draft maksumuistutus", FI).options["kind"] == "payment_reminder"
    with pytest.raises(CommandLineError, match="must be one of payment_reminder, change_order"):
        parse_command("/draft kind: poem", EN)


def test_subcommands_and_their_options():
    assert parse_command("/story share", EN).path == "story share"
    parsed = parse_command("/story browse search: late invoice", EN)
    assert parsed.path == "story browse" and parsed.options == {"search": "late invoice"}
    with pytest.raises(CommandLineError, match="needs one of: /story browse, /story share"):
        parse_command("/story", EN)


def test_localised_names_work_and_english_ones_too():
    assert parse_command("/tilanne kuvaus: asiakas ei maksa", FI).options == {"describe": "asiakas ei maksa"}
    assert parse_command("/situation describe: x", FI).path == "situation"


def test_typed_values_channels_roles_and_numbers():
    parsed = parse_command("/setup stories_channel: stories moderator_role: Moderators stories_per_day: 3", EN)
    assert parsed.options == {"stories_channel": "#stories", "moderator_role": "@Moderators", "stories_per_day": 3}
    with pytest.raises(CommandLineError, match="whole number"):
        parse_command("/setup stories_per_day: many", EN)


def test_mistakes_are_explained():
    with pytest.raises(CommandLineError, match=r"there is no /poem command\. Commands: .*/parley"):
        parse_command("/poem", EN)
    with pytest.raises(CommandLineError, match="needs kind:"):
        parse_command("/draft tone: firm", EN)
    with pytest.raises(CommandLineError, match="takes no options"):
        parse_command("/parley please", EN)
    with pytest.raises(CommandLineError, match="given twice"):
        parse_command("/draft kind: change_order kind: change_order", EN)


def test_picks():
    assert is_pick("2") and is_pick("2,3") and is_pick(" 2, 3 ") and is_pick("2 3")
    assert not is_pick("/parley") and not is_pick("2a") and not is_pick("")
    assert pick_numbers("3, 1,3") == [3, 1]


NAMES = Names(
    channels=("help", "stories"),
    roles=("Moderators",),
    members=("you", "mia"),
    local_commands=(("help", "how"), ("switch", "who")),
    local_arguments={"switch": ("member", "moderator")},
)


def _texts(line: str, catalog: Catalog = EN) -> list[str]:
    return [s.text for s in complete(line, catalog, NAMES)]


def test_completion_of_commands_subcommands_options_and_values():
    assert "/situation" in _texts("/si") and "/switch" in _texts("/sw")
    assert _texts("/tila", FI) == ["/tilanne"]
    assert set(_texts("/story ")) == {"share", "browse"}
    assert _texts("/draft ") == ["kind: ", "tone: "]
    assert _texts("/draft kind: pay") == ["payment_reminder"]
    assert _texts("/draft kind: change_order ") == ["tone: "]
    assert _texts("/setup stories_channel: st") == ["#stories"]
    assert _texts("/setup moderator_role: ") == ["@Moderators"]
    assert _texts("sw") == ["switch"] and _texts("switch mo") == ["moderator"]


def test_completion_replaces_only_the_word_being_typed():
    suggestion = complete("/draft kind: pay", EN, NAMES)[0]
    assert suggestion.replace == 3
