"""The ReplaySession API driving a real discord.py bot (tests/replay/testbot.py) through the fake Discord."""

from __future__ import annotations

import asyncio
from typing import Any

import discord
import pytest

from parley.replay import ReplaySession, ReplayStartupError, ReplayStepError
from tests.replay.conftest import GUILD, MEMBERS
from tests.replay.testbot import ShardedTestBot, create_host_bot, make_factory

V2 = 1 << 15
EPHEMERAL = 1 << 6


async def test_slash_command_answers_with_an_ephemeral_components_v2_card(session: ReplaySession) -> None:
    step = await session.command("alice", "situation", describe="he never pays")

    card = step.message
    assert (card.channel, card.ephemeral, card.to, card.event) == ("#help", True, "alice", "created")
    assert "## Your situation\nhe never pays" in card.text
    assert [b.text for b in card.buttons] == ["👍 Helpful", "👎 Not helpful", "Share my story"]
    assert card.select("what is happening").options[2].label == "Endless revisions"
    assert card.allowed_mentions == {"parse": []}
    (request,) = step.requests
    assert request.method == "POST" and request.path.endswith("/callback")
    assert request.body["type"] == 4
    assert request.body["data"]["flags"] == V2 | EPHEMERAL
    assert step.violations == [] and step.error is None


async def test_interaction_payload_carries_locales_permissions_and_member(session: ReplaySession) -> None:
    seen: list[discord.Interaction] = []

    async def listener(interaction: discord.Interaction) -> None:
        seen.append(interaction)

    session.bot.add_listener(listener, "on_interaction")
    await session.command("alice", "advice browse", kind="Never pays", count=2)

    interaction = seen[0]
    assert interaction.locale is discord.Locale.finnish
    assert interaction.guild_locale is discord.Locale.finnish
    assert interaction.user.name == "alice" and isinstance(interaction.user, discord.Member)
    assert interaction.permissions.send_messages and not interaction.permissions.manage_guild
    assert interaction.app_permissions.embed_links
    assert interaction.channel is not None and interaction.channel.name == "help"
    assert interaction.application_id == session.bot.application_id == session.fake.app().id
    assert interaction.namespace.count == 2


async def test_click_and_select_update_the_message_they_sit_on(session: ReplaySession) -> None:
    await session.command("alice", "situation", describe="scope creep")

    picked = await session.select("alice", ["payment", "endless revisions"], placeholder="What is happening?")
    assert picked.message.text == "You picked: payment, revisions"

    deferred = await session.click("alice", "not helpful")  # defer() then edit_original_response()
    assert [r.body.get("type") for r in deferred.requests if r.path.endswith("/callback")] == [6]
    assert deferred.message.event == "edited"
    assert deferred.message.text == "Sorry, noted as not helpful."
    assert deferred.message.buttons == []


async def test_click_can_pick_a_select_option_by_its_label(session: ReplaySession) -> None:
    await session.command("alice", "situation", describe="x")
    step = await session.click("alice", "Scope keeps growing")
    assert step.message.text == "You picked: scope"


async def test_modal_with_labels_radio_and_checkbox_round_trips(session: ReplaySession, factory: Any) -> None:
    await session.command("alice", "situation", describe="x")
    opened = await session.click("alice", "Share my story")

    modal = opened.modal
    assert modal.title == "Share your story"
    assert [f.label for f in modal.fields] == [
        "Your story",
        "Kind of client",
        "How did it end?",
        "Publish after review",
    ]
    assert [f.kind for f in modal.fields] == ["text_input", "string_select", "radio_group", "checkbox"]
    assert opened.visible[0].to == "alice"

    saved = await session.submit(
        "alice",
        {
            "Your story": "He paid 40 days late.",
            "Kind of client": "Scope creep",
            "How did it end?": "Walked away",
            "Publish after review": True,
        },
    )
    assert saved.message.text == "Saved 21 characters as scope, ended walked, public=True."
    assert factory.store.stories == ["He paid 40 days late."]
    submitted = saved.requests[0]
    assert submitted.body["type"] == 4


async def test_modal_file_upload_checkboxes_and_user_select(session: ReplaySession) -> None:
    opened = await session.command("alice", "evidence")
    assert [f.kind for f in opened.modal.fields] == ["file_upload", "checkbox_group", "user_select"]
    step = await session.submit(
        "alice",
        {
            "Screenshot": {"filename": "proof.txt", "content": "unpaid"},
            "Topics": ["Payment", "tone"],
            "Who saw it": "mia",
        },
    )
    assert step.message.text == "proof.txt: unpaid | topics=pay,tone | witness=mia"


async def test_modal_rules_of_the_discord_client(session: ReplaySession) -> None:
    await session.command("alice", "situation", describe="x")
    await session.click("alice", "Share my story")

    missing = await session.submit("alice", {"Kind of client": "Never pays"}, expect_error=True)
    assert "required field 'Your story'" in (missing.error or "")
    too_long = await session.submit(
        "alice", {"Your story": "x" * 501, "Kind of client": "payment", "How did it end?": "paid"}, expect_error=True
    )
    assert "allows 500 characters" in (too_long.error or "")
    no_modal = await session.submit("mia", {"Your story": "x"}, expect_error=True)
    assert no_modal.error == "no modal is open for mia"


async def test_persistent_dynamic_item_keeps_working_after_restart(session: ReplaySession, factory: Any) -> None:
    await session.command("alice", "vote", item="deposit", in_="#mod-queue")
    first = session.bot
    restarted = await session.restart()

    assert session.bot is not first and first.is_closed()
    assert factory.store.started == 2
    assert [r.path for r in restarted.requests] == ["/users/@me", "/oauth2/applications/@me"]
    vote = await session.click("mia", "helpful", in_="#mod-queue")
    assert vote.message.text == "Vote recorded (up) for deposit."
    assert vote.message.to == "mia"
    assert factory.store.votes["deposit:up"] == 1
    assert len(session.fake.messages_in("#mod-queue")) == 1  # the fake Discord kept its state


async def test_subcommand_groups_resolve_channel_and_role_options(session: ReplaySession) -> None:
    seen: list[dict[str, Any]] = []

    async def listener(interaction: discord.Interaction) -> None:
        seen.append(dict(interaction.data or {}))

    session.bot.add_listener(listener, "on_interaction")
    step = await session.command("alice", "advice admin set", stories="#stories", moderators="@Moderators")
    assert step.message.text == "stories=#stories moderators=@Moderators"
    (group,) = seen[0]["options"]
    assert (group["name"], group["type"]) == ("admin", 2)
    (sub,) = group["options"]
    assert (sub["name"], sub["type"]) == ("set", 1)
    assert [(o["name"], o["type"]) for o in sub["options"]] == [("stories", 7), ("moderators", 8)]
    resolved = seen[0]["resolved"]
    assert resolved["channels"][sub["options"][0]["value"]]["name"] == "stories"
    assert resolved["roles"][sub["options"][1]["value"]]["name"] == "Moderators"


async def test_default_member_permissions_hide_admin_commands(session: ReplaySession) -> None:
    denied = await session.command("mia", "config show", expect_error=True)
    assert denied.error == "/config is not available to mia (needs manage_guild)"
    assert denied.requests == []
    step = await session.command("owner", "config show")
    assert step.message.text == "Settings: default"


async def test_rest_message_to_a_channel_and_missing_permissions(session: ReplaySession) -> None:
    step = await session.command("owner", "announce", {"channel": "#stories", "text": "Welcome"})
    posted = next(v for v in step.visible if v.channel == "#stories")
    assert posted.embeds == ({"title": "Announcement", "description": "Welcome"},)
    assert posted.ephemeral is False and posted.author == "Parley"
    assert step.requests[0].path.startswith("/channels/")

    await session.set_permissions("#stories", "bot", deny=["embed_links"])
    no_embeds = await session.command("owner", "announce", {"channel": "#stories", "text": "x"}, expect_error=True)
    assert "Forbidden: 403 Forbidden (error code: 50013)" in (no_embeds.error or "")
    assert "embed_links" in (no_embeds.error or "")

    await session.set_permissions("#stories", "bot", deny=["view_channel"])
    hidden = await session.command("owner", "announce", {"channel": "#stories", "text": "x"}, expect_error=True)
    assert "(error code: 50001): Missing Access" in (hidden.error or "")
    assert len(session.fake.messages_in("#stories")) == 1


async def test_first_followup_after_thinking_replaces_the_loading_message(session: ReplaySession) -> None:
    step = await session.command("alice", "slow")
    kinds = [(r.method, r.path.split("/")[1]) for r in step.requests]
    assert kinds == [("POST", "interactions"), ("POST", "webhooks"), ("POST", "webhooks")]
    first, second = step.visible
    original = session.fake.interactions[step.interaction_id].original_message_id
    assert first.message_id == int(step.requests[1].response["id"]) == original
    assert (first.text, second.text) == ("Done thinking.", "And one more thing.")
    assert first.ephemeral and second.ephemeral and not first.flags & (1 << 7)


async def test_a_card_replacing_the_loading_message_keeps_components_v2(session: ReplaySession) -> None:
    step = await session.command("alice", "slowcard")
    card = step.visible[0]
    assert card.ephemeral and card.flags & (1 << 15) and not card.flags & (1 << 7)
    # the card's components still work: Discord would render them because the flag travelled with the edit
    clicked = await session.click("alice", "Helpful")
    assert "Thanks" in clicked.message.text


async def test_files_are_captured_from_multipart_bodies(session: ReplaySession) -> None:
    step = await session.command("alice", "export")
    (request,) = step.requests
    assert request.content_type == "multipart/form-data"
    assert request.body["data"]["content"] == "Your data:"
    (upload,) = request.files
    assert (upload.filename, upload.size, upload.text) == ("export.json", 12, '{"votes": 3}')
    assert step.message.attachments == ("export.json",)
    url = step.message.raw["attachments"][0]["url"]
    assert session.fake.cdn[url] == b'{"votes": 3}'


async def test_a_120_character_custom_id_is_a_spec_violation(lenient: ReplaySession) -> None:
    step = await lenient.command("alice", "badbutton")
    (violation,) = step.violations
    assert violation.pointer == "/data/components/0/components/0/custom_id"
    assert "is too long" in violation.message and violation.source == "spec"
    assert lenient.violations == [violation]
    # Discord answers such a body with 400, so the handler fails too.
    assert "Invalid Form Body" in (step.error or "")
    assert not step.ok


async def test_strict_session_raises_with_a_readable_summary(session: ReplaySession) -> None:
    with pytest.raises(ReplayStepError) as caught:
        await session.command("alice", "badbutton")
    assert "spec violation: POST /interactions/" in str(caught.value)
    assert caught.value.step.violations


async def test_handler_exceptions_and_silence_become_step_errors(lenient: ReplaySession) -> None:
    boom = await lenient.command("alice", "boom")
    assert boom.error is not None
    assert "Ignoring exception in command 'boom': ValueError: kaboom" in boom.error
    assert "raise ValueError" in boom.error_details[0]
    silent = await lenient.command("alice", "silent")
    assert silent.error == "the bot did not respond to the interaction (Discord shows 'This interaction failed')"
    expected = await lenient.command("alice", "silent", expect_error=True)
    assert expected.ok


async def test_second_initial_response_is_rejected_by_discord(lenient: ReplaySession) -> None:
    step = await lenient.command("alice", "twice")
    assert [r.status for r in step.requests] == [200, 400]
    assert step.requests[1].response == {"message": "Interaction has already been acknowledged.", "code": 40060}
    assert "(error code: 40060)" in (step.error or "")


async def test_channel_and_role_selects_send_resolved_objects(session: ReplaySession) -> None:
    await session.command("alice", "pick")
    channel = await session.select("alice", "#stories", placeholder="Stories channel")
    assert channel.message.text == "Stories go to #stories"
    role = await session.select("alice", ["@Moderators"], placeholder="moderator role")
    assert role.message.text == "Moderators: Moderators"


async def test_autocomplete_returns_the_offered_choices(session: ReplaySession) -> None:
    choices = await session.autocomplete("alice", "colour", "name", {"name": "gr"})
    assert choices == [{"name": "green", "value": "green"}]


async def test_step_waits_for_tasks_the_handler_spawned(session: ReplaySession) -> None:
    step = await session.command("alice", "later")
    assert [v.event for v in step.visible] == ["created"]
    assert step.message.text == "Finished later."
    assert len(step.requests) == 2


async def test_not_found_comes_back_through_discord_py(session: ReplaySession) -> None:
    step = await session.command("alice", "fetchgone")
    assert step.requests[0].status == 404
    assert step.requests[0].response == {"message": "Unknown Message", "code": 10008}
    assert step.message.text == "not found, as expected"


async def test_direct_messages_and_member_messages(session: ReplaySession) -> None:
    step = await session.command("alice", "dm")
    dm = next(v for v in step.visible if v.channel == "dm:alice")
    assert dm.to == "alice" and dm.text == "A private note."
    assert [m.text for m in session.messages_for("mia")] == []
    assert session.messages_for("alice")[0].text == "Check your DMs."

    await session.say("mia", f"hello <@&{session.fake.role('@Moderators').id}>", in_="#help")
    # Intents.default() has no message_content: Discord blanks other people's messages for the bot.
    assert session.bot.seen_messages[-1] == ""


async def test_pings_follow_allowed_mentions(session: ReplaySession) -> None:
    alice = session.fake.member("alice").user.id
    channel = session.bot.get_channel(session.fake.channel("#stories").id)
    await channel.send(f"<@{alice}> and @everyone", allowed_mentions=discord.AllowedMentions(users=True))
    shown = session.last_message("alice", "#stories")
    assert shown.pings == ("alice",)
    assert shown.text == "@alice and @everyone"

    step = await session.command("alice", "ping", who="mia")
    assert step.message.pings == () and step.message.allowed_mentions == {"parse": []}


async def test_two_bots_share_the_guild(factory: Any) -> None:
    async with ReplaySession(factory, guild=GUILD, members=MEMBERS, extra_bots={"host": create_host_bot}) as s:
        welcome = await s.command("alice", "welcome")
        assert welcome.message.author == "host" and welcome.message.text == "Welcome from the host bot!"
        assert {r.app for r in welcome.requests} == {"host"}
        vote = await s.command("alice", "vote")
        assert {r.app for r in vote.requests} == {"bot"}
        await asyncio.sleep(0)
        assert "Parley: Was **deposit** useful?" in s.client("host").seen
        assert s.client("host").application_id != s.bot.application_id


async def test_auto_sharded_bot_runs_too() -> None:
    async with ReplaySession(make_factory(cls=ShardedTestBot), guild=GUILD, members=MEMBERS) as s:
        assert isinstance(s.bot, discord.AutoShardedClient)
        assert s.bot.is_ready() and s.bot.shard_count == 1
        await s.command("alice", "vote", item="rates")
        step = await s.click("owner", "not helpful")
        assert step.message.text == "Vote recorded (down) for rates."


async def test_unknown_names_are_reported_not_guessed(lenient: ReplaySession) -> None:
    assert "unknown member 'bob'" in ((await lenient.command("bob", "vote")).error or "")
    assert "no bot has a /nope command" in ((await lenient.command("alice", "nope")).error or "")
    assert "has no option 'colour'" in ((await lenient.command("alice", "vote", colour=1)).error or "")
    miss = await lenient.click("alice", "Nonexistent")
    assert "alice sees no button matching label='Nonexistent'" in (miss.error or "")


async def test_disabled_and_link_buttons_cannot_be_used(session: ReplaySession) -> None:
    await session.command("alice", "situation", describe="x")
    message = session.fake.messages_for("alice")[0]
    message.components[0]["components"][1]["accessory"]["disabled"] = True
    step = await session.click("alice", "Helpful", expect_error=True)
    assert step.error == "button '👍 Helpful' is disabled"


async def test_a_step_that_never_finishes_times_out(factory: Any) -> None:
    async with ReplaySession(factory, guild=GUILD, members=MEMBERS, strict=False, step_timeout=0.2) as s:
        step = await s.command("alice", "wait")
        assert step.error == "step did not finish within 0.2s; still running: CommandTree-invoker"
        assert step.message.text == "Say something…"
        after = await s.command("alice", "advice browse", kind="payment")
        assert after.error is None


async def test_buttons_on_public_messages_can_edit_them_through_rest(session: ReplaySession) -> None:
    await session.command("alice", "vote", item="tone")
    message = session.messages_in("#help")[0]
    assert message.text == "Was **tone** useful?" and not message.ephemeral
    bot_message = await session.bot.get_channel(session.fake.channel("#help").id).fetch_message(message.message_id)
    await bot_message.edit(content="Closed.", view=None)
    assert session.messages_in("#help")[0].text == "Closed."
    assert session.messages_in("#help")[0].components == ()


async def test_advance_moves_the_fake_clock_and_the_bots_clock(session: ReplaySession, factory: Any) -> None:
    before = session.fake.clock.now()
    await session.advance(90)
    assert (session.fake.clock.now() - before).total_seconds() >= 90
    assert factory.store.advanced == 90


async def test_two_sessions_on_one_loop_stay_apart(factory: Any) -> None:
    async with (
        ReplaySession(factory, guild=GUILD, members=MEMBERS) as one,
        ReplaySession(make_factory(), guild=GUILD, members=MEMBERS, strict=False) as two,
    ):
        failed = await two.command("alice", "boom")
        fine = await one.command("alice", "vote")
        assert failed.error is not None and failed.error.count("kaboom") == 1
        assert fine.error is None and len(fine.requests) == 1
        assert one.fake.requests[-1] is fine.requests[0] and fine.requests[0] not in two.fake.requests


async def test_no_real_http_session_is_ever_created(monkeypatch: pytest.MonkeyPatch, factory: Any) -> None:
    import aiohttp

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the replay harness must not open a network session")

    monkeypatch.setattr(aiohttp.ClientSession, "__init__", refuse)
    monkeypatch.setattr(aiohttp.TCPConnector, "__init__", refuse)
    async with ReplaySession(factory, guild=GUILD, members=MEMBERS) as s:
        await s.command("alice", "export")
        await s.restart()
        await s.command("alice", "evidence")


async def test_startup_failures_are_reported(factory: Any) -> None:
    async def broken() -> discord.Client:
        bot = await factory()

        async def setup_hook() -> None:
            raise RuntimeError("no database")

        bot.setup_hook = setup_hook
        return bot

    with pytest.raises(ReplayStartupError, match="RuntimeError: no database"):
        async with ReplaySession(broken, guild=GUILD, members=MEMBERS):
            pass


async def test_idle_steps_cost_little(session: ReplaySession) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    for _ in range(20):
        await session.command("alice", "advice browse", kind="payment")
    per_step = (loop.time() - started) / 20
    assert per_step < 0.05, per_step
