"""FakeDiscord on its own: Discord's rules for interactions, messages, permissions and multipart bodies."""

from __future__ import annotations

import io
import json
from typing import Any

import aiohttp
import pytest

from parley.replay import DiscordSpec, FakeDiscord, ScenarioError
from parley.replay.transport import WireRequest, _decode_body


def wire(method: str, path: str, body: Any = None, **query: str) -> WireRequest:
    return WireRequest(method, path, dict(query), body, (), "application/json" if body is not None else None, {})


@pytest.fixture
def fake() -> FakeDiscord:
    f = FakeDiscord(
        {
            "channels": [
                "help",
                {
                    "name": "staff",
                    "overwrites": {"@everyone": {"deny": ["view_channel"]}, "@Moderators": {"allow": ["view_channel"]}},
                },
                {"name": "quiet", "overwrites": {"bot": {"deny": ["send_messages"]}}},
            ],
            "roles": ["Moderators", {"name": "Helpers", "permissions": ["manage_messages"]}],
        },
        ["alice", {"name": "mia", "roles": ["Moderators"]}, {"name": "boss", "admin": True}],
        spec=DiscordSpec.load(),
    )
    f.add_app("bot", "Parley")
    return f


def command_interaction(fake: FakeDiscord, member: str = "alice", channel: str = "#help") -> Any:
    app = fake.app()
    data = {"id": "1", "name": "x", "type": 1}
    rec, payload = fake.new_interaction(
        app, type_=2, user_id=fake.member(member).user.id, channel=fake.channel(channel), data=data, name="x"
    )
    return app, rec, payload


def test_second_initial_response_gets_40060(fake: FakeDiscord) -> None:
    app, rec, _ = command_interaction(fake)
    path = f"/interactions/{rec.id}/{rec.token}/callback"
    body = {"type": 4, "data": {"content": "hi"}}
    assert fake.handle(app, wire("POST", path, body, with_response="1"))[0] == 200
    status, answer = fake.handle(app, wire("POST", path, body, with_response="1"))
    assert (status, answer) == (400, {"message": "Interaction has already been acknowledged.", "code": 40060})
    status, answer = fake.handle(app, wire("POST", f"/interactions/{rec.id}/wrong/callback", body))
    assert (status, answer["code"]) == (404, 10062)


def test_with_response_callback_shape(fake: FakeDiscord) -> None:
    app, rec, payload = command_interaction(fake)
    assert payload["member"]["permissions"] == str(
        fake.permissions(fake.member("alice").user.id, fake.channel("#help"))
    )
    assert payload["guild_locale"] == "en-US" and payload["locale"] == "en-US"
    status, answer = fake.handle(
        app,
        wire(
            "POST",
            f"/interactions/{rec.id}/{rec.token}/callback",
            {"type": 4, "data": {"content": "hi", "flags": 64}},
            with_response="1",
        ),
    )
    assert status == 200
    assert answer["interaction"] == {
        "id": str(rec.id),
        "type": 2,
        "response_message_id": answer["resource"]["message"]["id"],
        "response_message_loading": False,
        "response_message_ephemeral": True,
    }
    assert answer["resource"]["type"] == 4
    assert answer["resource"]["message"]["flags"] == 64
    assert answer["resource"]["message"]["interaction_metadata"]["user"]["username"] == "alice"


def test_webhook_rules_for_followups_and_original(fake: FakeDiscord) -> None:
    app, rec, _ = command_interaction(fake)
    followup = f"/webhooks/{app.id}/{rec.token}"
    assert fake.handle(app, wire("POST", followup, {"content": "early"}, wait="1"))[1]["code"] == 10015
    assert fake.handle(app, wire("GET", followup + "/messages/@original"))[0] == 404
    fake.handle(app, wire("POST", f"/interactions/{rec.id}/{rec.token}/callback", {"type": 5}, with_response="1"))
    loading = fake.messages[rec.original_message_id]
    assert loading.flags & (1 << 7)
    status, edited = fake.handle(app, wire("PATCH", followup + "/messages/@original", {"content": "done"}))
    assert status == 200 and edited["content"] == "done" and not loading.flags & (1 << 7)
    status, extra = fake.handle(app, wire("POST", followup, {"content": "more"}, wait="1"))
    assert status == 200 and extra["id"] != edited["id"]
    assert fake.handle(app, wire("DELETE", followup + f"/messages/{extra['id']}"))[0] == 204
    assert fake.handle(app, wire("GET", followup + f"/messages/{extra['id']}"))[1]["code"] == 10008


def test_components_v2_rules_the_schema_cannot_express(fake: FakeDiscord) -> None:
    app = fake.app()
    channel = fake.channel("#help").id
    body = {"content": "not allowed", "flags": 1 << 15, "components": [{"type": 10, "content": "hi"}]}
    status, answer = fake.handle(app, wire("POST", f"/channels/{channel}/messages", body))
    assert (status, answer["code"]) == (400, 50035)
    (violation,) = fake.violations
    assert (violation.source, violation.pointer) == ("discord", "/content")
    v1 = {"components": [{"type": 10, "content": "needs the flag"}]}
    assert fake.handle(app, wire("POST", f"/channels/{channel}/messages", v1))[0] == 400
    dup = {
        "components": [
            {
                "type": 1,
                "components": [
                    {"type": 2, "style": 1, "label": "a", "custom_id": "same"},
                    {"type": 2, "style": 1, "label": "b", "custom_id": "same"},
                ],
            }
        ]
    }
    assert fake.handle(app, wire("POST", f"/channels/{channel}/messages", dup))[0] == 400
    assert fake.handle(app, wire("POST", f"/channels/{channel}/messages", {}))[1]["code"] == 50006


def test_permissions_follow_roles_and_overwrites(fake: FakeDiscord) -> None:
    staff = fake.channel("#staff")
    alice, mia, boss = (fake.member(n).user.id for n in ("alice", "mia", "boss"))
    assert fake.permissions(alice, staff) == 0
    assert fake.permissions(mia, staff) & (1 << 10)
    assert fake.permissions(boss, staff) == fake.permissions(fake.guild.owner_id, staff)
    app = fake.app()
    assert fake.handle(app, wire("POST", f"/channels/{staff.id}/messages", {"content": "x"}))[1]["code"] == 50001
    quiet = fake.channel("#quiet")
    status, answer = fake.handle(app, wire("POST", f"/channels/{quiet.id}/messages", {"content": "x"}))
    assert (status, answer["code"]) == (403, 50013) and "send_messages" in answer["message"]
    assert fake.handle(app, wire("POST", "/channels/999/messages", {"content": "x"}))[1]["code"] == 10003


def test_ephemeral_messages_are_seen_by_their_recipient_only(fake: FakeDiscord) -> None:
    app, rec, _ = command_interaction(fake)
    fake.handle(
        app,
        wire(
            "POST",
            f"/interactions/{rec.id}/{rec.token}/callback",
            {"type": 4, "data": {"content": "secret", "flags": 64}},
            with_response="1",
        ),
    )
    assert [m.content for m in fake.messages_for("alice")] == ["secret"]
    assert fake.messages_for("mia") == []
    assert fake.messages_in("#help") == []
    assert [m.content for m in fake.messages_in("#help", visible_to="alice")] == ["secret"]
    msg_id = rec.original_message_id
    assert fake.handle(app, wire("GET", f"/channels/{fake.channel('#help').id}/messages/{msg_id}"))[0] == 404


def test_gateway_events_go_to_connected_clients_except_for_ephemeral(fake: FakeDiscord) -> None:
    events: list[str] = []
    app = fake.app()
    fake.connect(app, lambda name, payload: events.append(name))
    fake.handle(app, wire("POST", f"/channels/{fake.channel('#help').id}/messages", {"content": "hi"}))
    _, rec, _ = command_interaction(fake)
    fake.handle(
        app,
        wire(
            "POST", f"/interactions/{rec.id}/{rec.token}/callback", {"type": 4, "data": {"content": "eph", "flags": 64}}
        ),
    )
    fake.set_overwrite("#help", "@everyone", deny=["add_reactions"])
    assert events == ["MESSAGE_CREATE", "CHANNEL_UPDATE"]


def test_lenient_fake_accepts_invalid_bodies_but_records_them() -> None:
    fake = FakeDiscord({"channels": ["help"]}, ["alice"], spec=DiscordSpec.load(), reject_invalid=False)
    app = fake.add_app()
    body = {"content": "x" * 4001}
    status, _ = fake.handle(app, wire("POST", f"/channels/{fake.channel('#help').id}/messages", body))
    assert status == 200
    assert fake.violations[0].pointer == "/content"
    assert fake.requests[0].body == body


def test_unknown_scenario_names_raise() -> None:
    with pytest.raises(ScenarioError, match="unknown role"):
        FakeDiscord({"channels": ["help"]}, [{"name": "a", "roles": ["Ghosts"]}])
    with pytest.raises(ScenarioError, match="unknown permission 'fly'"):
        FakeDiscord({"channels": ["help"], "roles": [{"name": "R", "permissions": ["fly"]}]}, [])
    fake = FakeDiscord({"channels": ["help"]}, ["alice"])
    with pytest.raises(ScenarioError, match="unknown channel '#nope'"):
        fake.channel("#nope")


def test_multipart_bodies_are_decoded() -> None:
    form = aiohttp.FormData(quote_fields=False)
    form.add_field("payload_json", json.dumps({"content": "file", "attachments": [{"id": 0, "filename": "a.txt"}]}))
    form.add_field("files[0]", io.BytesIO(b"hello"), filename="a.txt", content_type="application/octet-stream")
    body, files, content_type = _decode_body(form, None)
    assert content_type == "multipart/form-data"
    assert body["content"] == "file"
    assert [(f.field, f.filename, f.data) for f in files] == [("files[0]", "a.txt", b"hello")]


def test_ids_are_deterministic() -> None:
    first = FakeDiscord({"channels": ["help"]}, ["alice"])
    second = FakeDiscord({"channels": ["help"]}, ["alice"])
    assert first.guild.id == second.guild.id
    assert first.member("alice").user.id == second.member("alice").user.id
    assert first.add_app().id == second.add_app().id
