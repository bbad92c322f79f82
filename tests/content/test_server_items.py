"""The server's own advice files: what a valid file gives, every problem of a bad one (with line and field), and
that an export reads back to the same items. Pure: no Discord, no database."""

from __future__ import annotations

import pytest

from parley.knowledge import ARCHETYPE_IDS, MAX_ITEM_CHARS
from parley.knowledge.server_items import (
    MAX_FILE_BYTES,
    MAX_SERVER_ITEMS,
    ContentError,
    Problem,
    isolate_latin,
    item_slug,
    parse,
    to_toml,
)

VALID_TOML = """\
# Our community's advice
[[advice]]
id = "ask_deposit"
archetypes = ["non_payer", "no_contract"]
source = "Our members' payment survey, 2025"
text.en = "Ask for 30 % up front before you start."
text.ar = "اطلبوا دفعة مقدّمة بنسبة 30 % قبل البدء."

[[advice]]
id = "calm_down"
archetypes = ["*"]
source = "https://example.org/wiki/calm"
text.fi = "Hengitä ja vastaa vasta huomenna."
"""

VALID_MD = """\
# Our community's advice

## ask_deposit
archetypes: non_payer, no_contract
source: Our members' payment survey, 2025

### en
Ask for 30 % up front
before you start.

### ru
Просите 30 % предоплаты до начала работы.
"""


def problems_of(data: str, filename: str = "ours.toml") -> tuple[Problem, ...]:
    with pytest.raises(ContentError) as caught:
        parse(data.encode("utf-8"), filename)
    return caught.value.problems


def test_a_valid_toml_file_gives_its_items():
    deposit, calm = parse(VALID_TOML.encode(), "ours.toml")
    assert deposit.item_id == "server.ask_deposit" and item_slug(deposit.item_id) == "ask_deposit"
    assert deposit.archetypes == ("non_payer", "no_contract")
    assert deposit.source == "Our members' payment survey, 2025"
    assert deposit.text["en"] == "Ask for 30 % up front before you start."
    # Arabic gets its Latin letters and digits isolated, as the guides' Arabic has them
    assert deposit.text["ar"] == "اطلبوا دفعة مقدّمة بنسبة \u206830 %\u2069 قبل البدء."
    assert calm.archetypes == ARCHETYPE_IDS and list(calm.text) == ["fi"]
    # a reader of another language sees English when there is some, else nothing
    assert deposit.readable_in("ru") == deposit.text["en"] and calm.readable_in("en") is None


def test_a_valid_markdown_file_gives_the_same_shape():
    (item,) = parse(VALID_MD.encode(), "advice.md")
    assert item.slug == "ask_deposit" and item.archetypes == ("non_payer", "no_contract")
    assert item.text["en"] == "Ask for 30 % up front\nbefore you start."
    assert item.text["ru"].startswith("Просите")


def test_an_export_reads_back_to_the_same_items():
    items = parse(VALID_TOML.encode(), "ours.toml") + parse(VALID_MD.encode(), "x.md")[:0]
    again = parse(to_toml(items).encode(), "parley-advice.toml")
    assert again == items
    assert isolate_latin(isolate_latin("عدد 3 مرات")) == isolate_latin("عدد 3 مرات")  # idempotent


def test_every_problem_is_named_with_its_line_item_and_field():
    bad = """\
[[advice]]
id = "Ask Deposit"
archetypes = ["non_payer", "payment_dodger"]
text.en = ""

[[advice]]
id = "twice"
archetypes = ["creep"]
source = "Us"
text.de = "Hallo"
text.ru = "No Cyrillic here"
text.fi = "{long}"
colour = "red"

[[advice]]
id = "twice"
archetypes = ["creep"]
source = "Us"
""".replace("{long}", "x" * (MAX_ITEM_CHARS + 1))
    by_field = {(p.item, p.field): p for p in problems_of(bad)}
    assert by_field[("Ask Deposit", "id")].line == 2 and by_field[("Ask Deposit", "id")].params == {"limit": 40}
    assert by_field[("Ask Deposit", "archetypes")].line == 3
    assert by_field[("Ask Deposit", "archetypes")].params == {"value": "payment_dodger"}
    assert by_field[("Ask Deposit", "source")].message.startswith("The item has no source")
    assert by_field[("Ask Deposit", "text.en")].message == "The text is empty."
    assert by_field[("twice", "text.de")].params == {"lang": "de"}
    assert by_field[("twice", "text.ru")].message == "The Russian text has no Cyrillic letters."
    assert by_field[("twice", "text.fi")].params == {"length": MAX_ITEM_CHARS + 1, "limit": MAX_ITEM_CHARS}
    assert by_field[("twice", "colour")].line == 13 and by_field[("twice", "text.fi")].line == 12
    duplicate = [p for p in problems_of(bad) if p.params.get("id") == "twice"]
    assert [p.line for p in duplicate] == [16]  # the second "twice", on its id line
    assert by_field[("twice", "text")].message.startswith("The item has no text")


def test_a_toml_syntax_error_names_its_line():
    (problem,) = problems_of('[[advice]]\nid = "a"\nsource = "unterminated\n')
    assert problem.message == "This isn't valid TOML." and problem.line == 3


def test_markdown_problems_name_their_lines():
    text = "stray words\n## ok_item\narchetypes: creep\nsourse: typo\n### en\nText.\n"
    (problem,) = problems_of(text, "a.md")
    assert problem.line == 1 and problem.message.startswith("Text outside an item")
    found = problems_of("## ok_item\narchetypes: creep\nsourse: typo\n### en\nText.\n", "a.md")
    assert {(p.line, p.field) for p in found} == {(3, "sourse"), (1, "source")}


def test_limits_are_enforced_kindly():
    (too_big,) = problems_of("#" * (MAX_FILE_BYTES + 1))
    assert too_big.params == {"size": MAX_FILE_BYTES // 1024 + 1, "limit": MAX_FILE_BYTES // 1024}
    many = "".join(
        f'[[advice]]\nid = "i{n}"\narchetypes = ["creep"]\nsource = "Us"\ntext.en = "Tip {n}"\n'
        for n in range(MAX_SERVER_ITEMS + 1)
    )
    (count,) = problems_of(many)
    assert count.params == {"count": MAX_SERVER_ITEMS + 1, "limit": MAX_SERVER_ITEMS}
    (kind,) = problems_of("x", "advice.json")
    assert kind.message == "Please upload a .toml or .md file."
    with pytest.raises(ContentError):
        parse(b"\xff\xfe\x00", "a.toml")
