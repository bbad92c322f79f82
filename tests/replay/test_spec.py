"""Validation of request bodies against Discord's OpenAPI spec."""

from __future__ import annotations

import json
from pathlib import Path

import discord
import pytest
from discord import ui

from parley.replay import DiscordSpec, ReplaySession, default_spec_path
from tests.replay.conftest import GUILD, MEMBERS
from tests.replay.testbot import StoryModal, make_factory


@pytest.fixture(scope="module")
def spec() -> DiscordSpec:
    return DiscordSpec.load()


def test_spec_loads_once() -> None:
    path = default_spec_path()
    assert path.name == "openapi.json" and path.exists()
    first = DiscordSpec.load(path)
    again = DiscordSpec.load(path)
    assert again is first  # parsed once per process; the load time is reported, not asserted
    assert first.load_seconds >= 0


def test_custom_id_over_100_characters_is_reported_with_a_pointer(spec: DiscordSpec) -> None:
    body = {
        "content": "x",
        "components": [{"type": 1, "components": [{"type": 2, "style": 1, "label": "ok", "custom_id": "a" * 120}]}],
    }
    (violation,) = spec.validate_request("POST", "/channels/123/messages", body)
    assert violation.pointer == "/components/0/components/0/custom_id"
    assert violation.message.startswith("create_message: ") and "is too long" in violation.message
    body["components"][0]["components"][0]["custom_id"] = "a" * 100
    assert spec.validate_request("POST", "/channels/123/messages", body) == []


def test_unknown_paths_and_methods_are_violations(spec: DiscordSpec) -> None:
    (unknown,) = spec.validate_request("GET", "/channels/1/secret-stuff", None)
    assert unknown.message == "path not in the Discord API spec"
    (wrong_method,) = spec.validate_request("PUT", "/users/@me", None)
    assert wrong_method.message == "the spec has no PUT operation for this path"
    (bad_param,) = spec.validate_request("GET", "/channels/abc", None)
    assert "path parameter channel_id" in bad_param.message


def test_literal_segments_win_over_parameters(spec: DiscordSpec) -> None:
    original = spec.match("PATCH", "/webhooks/1/tok/messages/@original")
    assert original is not None and original.template.endswith("/messages/@original")
    numbered = spec.match("PATCH", "/webhooks/1/tok/messages/55")
    assert numbered is not None and numbered.template.endswith("/messages/{message_id}")


def test_union_errors_point_into_the_branch_the_type_selects(spec: DiscordSpec) -> None:
    body = {"type": 4, "data": {"flags": 1 << 15, "components": [{"type": 17, "components": [{"type": 10}]}]}}
    (violation,) = spec.validate_request("POST", "/interactions/1/tok/callback", body)
    assert violation.pointer == "/data/components/0/components/0"
    assert "'content' is a required property" in violation.message
    (wrong_type,) = spec.validate_request("POST", "/interactions/1/tok/callback", {"type": 3})
    assert wrong_type.pointer == "/type"


def test_integer_snowflakes_are_accepted_in_requests(spec: DiscordSpec) -> None:
    assert spec.validate_request("POST", "/users/@me/channels", {"recipient_id": 1477953611383177216}) == []
    body = {"content": "x", "attachments": [{"id": 0, "filename": "a.txt"}]}
    assert spec.validate_request("POST", "/channels/1/messages", body, content_type="multipart/form-data") == []
    assert spec.validate_request("POST", "/users/@me/channels", {"recipient_id": -5}) != []


def test_what_discord_py_serialises_for_parley_style_ui_is_valid(spec: DiscordSpec) -> None:
    view = ui.LayoutView()
    view.add_item(
        ui.Container(
            ui.TextDisplay("hello"),
            ui.Section(ui.TextDisplay("tip"), accessory=ui.Button(label="Helpful", emoji="👍", custom_id="a")),
            ui.ActionRow(ui.Select(custom_id="s", options=[discord.SelectOption(label="A", value="a")])),
            ui.Separator(),
        )
    )
    message = {"components": view.to_components(), "flags": 1 << 15, "allowed_mentions": {"parse": []}}
    assert spec.validate_request("POST", "/interactions/1/t/callback", {"type": 4, "data": message}) == []
    modal = {"type": 9, "data": StoryModal(custom_id="m").to_dict()}
    assert spec.validate_request("POST", "/interactions/1/t/callback", modal) == []


async def test_fake_discord_answers_are_well_formed(spec: DiscordSpec) -> None:
    async with ReplaySession(make_factory(), guild=GUILD, members=MEMBERS) as s:
        await s.command("alice", "situation", describe="x")
        await s.click("alice", "helpful")
        await s.command("alice", "slow")
        await s.command("owner", "announce", {"channel": "#stories", "text": "hi"})
        await s.command("alice", "dm")
        await s.bot.tree.sync()
        channel = s.bot.get_channel(s.fake.channel("#stories").id)
        message = await channel.send("x")
        await message.edit(content="y")
        await channel.fetch_message(message.id)
        await s.bot.fetch_channel(channel.id)
        _ = [m async for m in channel.history(limit=5)]
        await s.bot.guilds[0].fetch_member(s.fake.member("alice").user.id)
        problems = [
            (r.method, r.path, v.pointer, v.message)
            for r in s.fake.requests
            for v in spec.validate_response(r.method, r.path, r.status, r.response)
        ]
        assert problems == []
        assert len(s.fake.requests) >= 14


def test_spec_path_can_be_overridden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tiny = {
        "openapi": "3.1.0",
        "info": {"version": "test"},
        "paths": {"/users/@me": {"get": {"responses": {}}}},
        "components": {"schemas": {}},
    }
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(tiny))
    monkeypatch.setenv("PARLEY_DISCORD_SPEC", str(path))
    assert default_spec_path() == path
    small = DiscordSpec.load()
    assert small.version == "test"
    assert small.validate_request("GET", "/users/@me", None) == []
    assert small.validate_request("GET", "/channels/1", None)[0].message == "path not in the Discord API spec"
