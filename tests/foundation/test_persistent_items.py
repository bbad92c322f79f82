"""Persistent components declared once (cogs/_shared/items.py), and ids already posted in servers keep working."""

from __future__ import annotations

import asyncio
import re

import discord
import pytest

from parley.cogs._shared.items import SNOWFLAKE, Field, PersistentItem, compile_shape, format_shape, one_of
from tests.test_architecture import _dynamic_item_classes

# Custom ids as released versions of Parley built them: messages carrying them sit in servers and must keep
# answering after an upgrade, so every one must still be understood by exactly one component, and read back whole.
POSTED_IDS = [
    "parley:case:draft:1",
    "parley:case:draft:12:r7",
    "parley:case:open:non_payer",
    "parley:case:open:non_payer:0123456789abcdef",
    "parley:case:outcome:worked:999999999999999999",
    "parley:case:prefs:hours",
    "parley:case:replied:3:r999999999999999999",
    "parley:case:resolved:3",
    "parley:case:resume:3",
    "parley:case:snooze:3",
    "parley:draft:compare:0123456789abcdef",
    "parley:advice:page:browse:never_satisfied:0",
    "parley:advice:page:browse:non_payer:999",
    "parley:advice:page:top:all:1",
    "parley:digest:open",
    "parley:draft:edit:0123456789abcdef",
    "parley:draft:lang:0123456789abcdef",
    "parley:draft:start:call_summary",
    "parley:draft:start:change_order",
    "parley:draft:start:contract_request",
    "parley:draft:start:deflection",
    "parley:draft:start:deposit_condition",
    "parley:draft:start:end_engagement",
    "parley:draft:start:payment_reminder",
    "parley:draft:start:revision_limit",
    "parley:draft:start:revision_note",
    "parley:draft:start:working_hours",
    "parley:draft:tone:0123456789abcdef:final",
    "parley:draft:tone:0123456789abcdef:firm",
    "parley:draft:tone:0123456789abcdef:friendly",
    "parley:draft:tone:0123456789abcdef:platform_dispute",
    "parley:language:set",
    "parley:mod:unblock:1",
    "parley:mod:unblock:999999999999999999",
    "parley:queue:approve:1",
    "parley:queue:approve:999999999999999999",
    "parley:queue:reject:111111111111111111",
    "parley:queue:reject:7",
    "parley:redflags:check:0123456789abcdef:0",
    "parley:report:open:story:1",
    "parley:report:open:tip:999999999999999999",
    "parley:redflags:none:0123456789abcdef:7",
    "parley:redflags:restart:0123456789abcdef:7",
    "parley:redflags:text:0123456789abcdef:7",
    "parley:rights:show",
    "parley:setup:channel:queue",
    "parley:setup:channel:stories",
    "parley:setup:language",
    "parley:setup:modrole",
    "parley:setup:toggle:stories",
    "parley:setup:toggle:tips",
    "parley:setup:toggle:walkthrough",
    "parley:situation:back:0123456789abcdef:3",
    "parley:situation:fix:0123456789abcdef:0",
    "parley:situation:have:0123456789abcdef:0",
    "parley:situation:keep:0123456789abcdef:3",
    "parley:situation:keep:0123456789abcdef:999999:unsure",
    "parley:situation:pick:0123456789abcdef:0",
    "parley:situation:replypick",
    "parley:situation:restart:0123456789abcdef:3",
    "parley:situation:result:0123456789abcdef:3",
    "parley:situation:share:0123456789abcdef:3",
    "parley:situation:stage:0123456789abcdef:12:after",
    "parley:situation:stage:0123456789abcdef:3",
    "parley:situation:start",
    "parley:situation:steps",
    "parley:situation:text:0123456789abcdef:3",
    "parley:story:advice:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "parley:story:advice:creep",
    "parley:story:browse:0123456789abcdef:0",
    "parley:story:browse:fedcba9876543210:9999",
    "parley:story:metoo:1",
    "parley:story:metoo:999999999999999999",
    "parley:story:mine:delete:1",
    "parley:story:mine:erase:1",
    "parley:story:mine:erase:999999999999999999",
    "parley:story:mine:keep:1",
    "parley:story:mine:resolve:1",
    "parley:story:mine:resubmit:1",
    "parley:story:mine:withdraw:1",
    "parley:story:preview:cancel:0123456789abcdef",
    "parley:story:preview:confirm:0123456789abcdef",
    "parley:story:preview:edit:0123456789abcdef",
    "parley:story:flags:0123456789abcdef",
    "parley:story:update:confirm:0123456789abcdef",
    "parley:story:update:cancel:fedcba9876543210",
    "parley:story:dms:yes:ask",
    "parley:story:dms:no:mine",
    "parley:vote:advice:general.keep_records:failed",
    "parley:vote:advice:non_payer.start_friendly:up",
    "parley:vote:advice:server.ask_deposit:up",
    "parley:vote:advice:zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz.yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy:worked",
    "parley:vote:story:3:down",
    "parley:vote:tip:12:worked",
    "parley:vote:tip:999999999999999999:down",
]


def _owner(custom_id: str) -> list[type]:
    return [cls for cls in _dynamic_item_classes() if cls.__discord_ui_compiled_template__.fullmatch(custom_id)]


@pytest.mark.parametrize("custom_id", POSTED_IDS)
def test_posted_ids_are_understood_by_one_component_and_read_back_whole(custom_id):
    owners = _owner(custom_id)
    assert len(owners) == 1, (custom_id, owners)
    cls = owners[0]
    match = cls.__discord_ui_compiled_template__.fullmatch(custom_id)
    shown = discord.ui.Button(label="shown", custom_id=custom_id)
    rebuilt = asyncio.run(cls.from_custom_id(None, shown, match))
    assert rebuilt.custom_id == custom_id


def test_every_component_class_has_a_posted_id_on_record():
    covered = {cls for custom_id in POSTED_IDS for cls in _owner(custom_id)}
    assert covered == set(_dynamic_item_classes())


class _Demo(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Button],
    custom_id="parley:demo:{action}:{entry}[:{extra}]",
    action=one_of(("open", "close")),
    entry=SNOWFLAKE,
    extra=Field(r"[a-z]{1,4}", examples=(None, "abc")),
):
    def __init__(self, action: str, entry: int, extra: str | None = None) -> None:
        super().__init__(discord.ui.Button(label="demo", custom_id=self.bind(action=action, entry=entry, extra=extra)))


def test_one_declaration_gives_template_id_attributes_parsing_and_examples():
    template = _Demo.__discord_ui_compiled_template__
    button = _Demo("close", 42, "abc")
    assert button.custom_id == "parley:demo:close:42:abc"
    assert (button.action, button.entry, button.extra) == ("close", 42, "abc")
    assert _Demo("open", 7).custom_id == "parley:demo:open:7"
    assert template.fullmatch("parley:demo:open:7") and template.fullmatch("parley:demo:open:7:abc")
    for bad in ("parley:demo:open:07", "parley:demo:opened:7", "parley:demo:open:7:", "parley:demo:open:7:abcde"):
        assert not template.fullmatch(bad), bad
    match = template.fullmatch("parley:demo:close:99:abc")
    rebuilt = asyncio.run(_Demo.from_custom_id(None, discord.ui.Button(), match))
    assert (rebuilt.action, rebuilt.entry, rebuilt.extra) == ("close", 99, "abc")
    assert [b.custom_id for b in _Demo.examples()] == ["parley:demo:open:1", "parley:demo:close:999999999999999999:abc"]


def test_literal_parts_are_literal():
    assert compile_shape("a.b:{n}", {"n": SNOWFLAKE}) == r"a\.b:(?P<n>[1-9][0-9]{0,17})"
    assert not re.fullmatch(compile_shape("a.b:{n}", {"n": SNOWFLAKE}), "axb:1")
    assert format_shape("x:{n}[:{m}]", {"n": SNOWFLAKE, "m": SNOWFLAKE}, {"n": 1, "m": None}) == "x:1"


def test_a_declaration_that_does_not_add_up_is_refused_when_the_class_is_made():
    with pytest.raises(TypeError, match="no such field"):

        class _Missing(PersistentItem, discord.ui.DynamicItem[discord.ui.Button], custom_id="parley:x:{n}"):
            pass

    with pytest.raises(TypeError, match="never uses"):

        class _Unused(PersistentItem, discord.ui.DynamicItem[discord.ui.Button], custom_id="parley:x", n=SNOWFLAKE):
            pass

    with pytest.raises(TypeError, match="hide"):

        class _Hiding(
            PersistentItem, discord.ui.DynamicItem[discord.ui.Button], custom_id="parley:{item}", item=SNOWFLAKE
        ):
            pass
