"""Fuzzing through the offline Discord with hypothesis: components, modals and options no honest client sends.

- Custom ids: every DynamicItem's own example ids, mutated (entity ids swapped for huge, zero or missing ones,
  cut short, extended, segments replaced, or random text), planted on a message the bot "posted earlier" (Discord
  only sends ids that are on the message) and pressed.
- Modal values: empty, 4000 characters, zero-width runs, RTL override, @everyone / user / role / channel mentions,
  markdown and masked links, invite links, NULs, and random text, in every form Parley opens.
- Options: slash commands with choices that don't exist, integers outside their ranges, over-long strings (what a
  modified client could send; discord.py does not re-check ranges).

Every example: no handler error (the harness turns logged errors into step errors), every Parley-owned
interaction answered, no request Discord would refuse (spec and length limits), nothing that pings, and no
member text shown as a live mention or @everyone.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import discord
import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from parley.bench.harness import Burst, BurstSession
from tests.reliability.conftest import crowd, set_up_server

MARK_ID = "123456789012345678"  # the id inside every mention we inject
SPECIALS = (
    "",
    "x" * 4000,
    "\u200b" * 64,
    "\u202eyap ot gnisufer\u202c",
    "@everyone",
    "@here",
    f"<@{MARK_ID}>",
    f"<@!{MARK_ID}>",
    f"<@&{MARK_ID}>",
    f"<#{MARK_ID}>",
    "[free money](https://evil.example/claim)",
    "discord.gg/freenitro",
    "https://discord.com/invite/freenitro",
    "**bold** __under__ ||spoiler|| `code` ```block``` > quote # heading",
    "nul\x00byte",
    "مرحبا \u202e123\u202c بالعالم",
)
RAW_PING = re.compile(rf"@everyone|@here|<@!?\d+>|<@&{MARK_ID}>")
# No "explain" phase: it only annotates failures, and it imports libcst (slow, and noisy with warnings).
FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
)

texts = st.one_of(
    st.sampled_from(SPECIALS),
    st.text(max_size=300),
    st.lists(st.sampled_from(SPECIALS[2:]), min_size=2, max_size=5).map(" ".join),
)


@pytest.fixture
async def fuzzed(open_parley) -> AsyncIterator[BurstSession]:
    async with open_parley(crowd(12), step_timeout=20) as s:
        await set_up_server(s)
        await s.command("owner", "setup", tips_per_day=50, stories_per_day=50)
        for i in range(12):
            await s.command(f"m{i:03d}", "parley")  # every member has a message from the bot
        yield s


def _check(s: BurstSession, burst: Burst, *, must_answer: bool, seen: int) -> None:
    assert burst.step_error is None, burst.step_error
    if must_answer:
        assert burst.problems == [], burst.problems
    assert s.violations == [], s.violations[:3]
    for msg in list(s.fake.messages.values())[seen:]:
        if msg.app_id is None:
            continue
        assert s.fake.pings(msg) == [], msg.id
        assert msg.allowed_mentions is not None and msg.allowed_mentions.get("parse") == [], msg.allowed_mentions
        text = s.fake.view(msg, "current").text
        assert not RAW_PING.search(text), text[:300]


# ------------------------------------------------------------------------------------------------ custom ids


def _dynamic_examples(bot: Any) -> list[tuple[str, int, re.Pattern[str]]]:
    found = {}
    for cog in bot.cogs.values():
        for cls in getattr(cog, "dynamic_items", ()):
            for item in cls.examples():
                kind = 3 if isinstance(item.item, discord.ui.Select) else 2
                found[item.custom_id] = (item.custom_id, kind, cls.__discord_ui_compiled_template__)
    return list(found.values())


@st.composite
def mutated_ids(draw: st.DrawFn, examples: list[tuple[str, int, re.Pattern[str]]]) -> tuple[str, int]:
    custom_id, kind, _ = draw(st.sampled_from(examples))
    how = draw(st.sampled_from(["entity", "cut", "extend", "segment", "random", "same"]))
    if how == "entity":
        number = draw(st.sampled_from(["0", "1", "9" * 18, "9" * 30, "-1", "00", ""]) | st.integers(1, 10**18).map(str))
        custom_id = re.sub(r"\d+", number, custom_id, count=draw(st.integers(0, 3)))
    elif how == "cut":
        custom_id = custom_id[: draw(st.integers(0, len(custom_id)))]
    elif how == "extend":
        custom_id += draw(st.text(max_size=30))
    elif how == "segment":
        parts = custom_id.split(":")
        parts[draw(st.integers(0, len(parts) - 1))] = draw(st.text(max_size=20))
        custom_id = ":".join(parts)
    elif how == "random":
        custom_id = draw(st.text(min_size=1, max_size=100))
    custom_id = custom_id[:100] or "x"
    return custom_id, kind


def _component(custom_id: str, kind: int, values: list[str]) -> list[dict[str, Any]]:
    if kind == 3:
        options = [{"label": v[:100] or "v", "value": v[:100] or "v"} for v in values] or [{"label": "a", "value": "a"}]
        inner = {"type": 3, "custom_id": custom_id, "options": options, "max_values": len(options)}
    else:
        inner = {"type": 2, "style": 2, "label": "Press", "custom_id": custom_id}
    return [{"type": 1, "components": [inner]}]


@FUZZ
@given(data=st.data())
async def test_malformed_and_stale_custom_ids(fuzzed, data):
    examples = _dynamic_examples(fuzzed.bot)
    assert len(examples) >= 5, "the DynamicItem discovery found too little"
    custom_id, kind = data.draw(mutated_ids(examples))
    # A select sends at least one of its own options (the planted ones: what an older card might have offered).
    values = (
        data.draw(st.lists(st.text(min_size=1, max_size=40), min_size=1, max_size=3, unique=True)) if kind == 3 else []
    )
    member = f"m{data.draw(st.integers(0, 11)):03d}"
    message = fuzzed.plant_message(member, _component(custom_id, kind, values))
    seen = len(fuzzed.fake.messages)  # the planted card is ours, not the bot's answer
    burst = await fuzzed.burst(
        [fuzzed.raw_component_action(member, custom_id, component_type=kind, values=values or None, message=message)]
    )
    ours = any(template.fullmatch(custom_id) for _, _, template in examples)
    _check(fuzzed, burst, must_answer=ours, seen=seen)


# ---------------------------------------------------------------------------------------------------- modals

OPENERS = ("advice suggest", "story share", "draft", "situation words")


async def _open(s: BurstSession, member: str, opener: str) -> Burst:
    if opener == "draft":
        return await s.burst([s.command_action(member, "draft", kind="payment_reminder")])
    if opener == "situation words":
        await s.burst([s.command_action(member, "situation", step_by_step=True)])
        return await s.burst([s.click_action(member, "words")])  # "In my own words" / "Edit my words"
    return await s.burst([s.command_action(member, opener)])


@FUZZ
@given(opener=st.sampled_from(OPENERS), text=texts, who=st.integers(0, 11))
async def test_modal_values(fuzzed, opener, text, who):
    member = f"m{who:03d}"
    seen = len(fuzzed.fake.messages)
    opened = await _open(fuzzed, member, opener)
    _check(fuzzed, opened, must_answer=True, seen=seen)
    if fuzzed.fake.modals.get(fuzzed.fake.member(member).user.id) is None:
        event("refused before the form")
        return  # refused kindly before the form (a limit, a setting): checked above
    event(f"submitted {opener}")
    burst = await fuzzed.burst([fuzzed.fill_modal_action(member, text)])
    _check(fuzzed, burst, must_answer=True, seen=seen)


# --------------------------------------------------------------------------------------------------- options

# (command path, valid options, option to tamper with, strategy for its value)
TAMPERS = (
    ("advice browse", {"type": "non_payer"}, "type", st.text(max_size=120)),
    ("advice top", {"type": "non_payer"}, "type", st.text(max_size=120)),
    ("story browse", {"type": "non_payer", "search": "x"}, "type", st.text(max_size=120)),
    ("story browse", {"search": "x"}, "search", texts),
    ("situation", {"describe": "x"}, "describe", st.text(min_size=1, max_size=6000)),
    ("draft", {"kind": "payment_reminder"}, "kind", st.text(max_size=120)),
    ("draft", {"kind": "payment_reminder", "tone": "firm"}, "tone", st.text(max_size=50)),
    ("draft", {"kind": "payment_reminder", "language": "en"}, "language", st.text(max_size=20)),
    ("mod audit", {"count": 5}, "count", st.integers(-(10**12), 10**12)),
    ("setup", {"language": "en"}, "language", st.text(max_size=20)),
)
# Integer options whose declared range (app_commands.Range) only Discord's client enforces: /setup checks them
# itself (and the error chain treats a database CHECK refusal as a bad option), so the member gets a kind answer.
OUT_OF_RANGE = (
    ("stories_per_day", -1),
    ("tips_per_day", -5),
    ("min_membership_days", -(10**12)),
    ("publish_every_hours", 0),
)


@FUZZ
@given(data=st.data())
async def test_options_out_of_range(fuzzed, data):
    await _tampered(fuzzed, data, TAMPERS)


@pytest.mark.parametrize(("name", "value"), OUT_OF_RANGE)
async def test_setup_numbers_out_of_range(fuzzed, name, value):
    seen = len(fuzzed.fake.messages)
    burst = await fuzzed.burst([fuzzed.tampered_command_action("owner", "setup", {name: 3}, {name: value})])
    _check(fuzzed, burst, must_answer=True, seen=seen)


async def _tampered(fuzzed: BurstSession, data: st.DataObject, cases: tuple[Any, ...]) -> None:
    path, valid, name, values = data.draw(st.sampled_from(cases))
    value = data.draw(values)
    member = "owner" if path.split()[0] in ("setup", "mod") else f"m{data.draw(st.integers(0, 11)):03d}"
    seen = len(fuzzed.fake.messages)
    burst = await fuzzed.burst([fuzzed.tampered_command_action(member, path, valid, {name: value})])
    _check(fuzzed, burst, must_answer=True, seen=seen)
