"""Parley where the member is, end to end through the offline Discord: the one-screen form, DMs and private
channels through a user install, the message menu and the "Start here" button. Every request passes the spec
(the `parley` fixture asserts no violations at the end of each test)."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import discord
import pytest

from parley.cogs._shared.reach import DRAFT_REPLY_MENU, EVERYWHERE
from parley.knowledge import default_knowledge, pick
from parley.replay import ReplaySession, VisibleMessage
from parley.replay.components import ModalInfo

KB = default_knowledge()
EPHEMERAL, COMPONENTS_V2 = 1 << 6, 1 << 15
# Who speaks each language in the standard server (Arabic only through /language: Discord has no Arabic locale).
MEMBER = {"en": "bob", "fi": "alice", "ru": "ivan", "ar": "layla"}
# Per language, what the member ticks on the form and the archetype the result must name.
FORMS: dict[str, dict[str, Any]] = {
    "en": {"work": ["not_paying"], "treatment": [], "stage": "after", "have": ["none"], "words": "", "is": "non_payer"},
    "fi": {
        "work": [],
        "treatment": ["all_hours"],
        "stage": "during",
        "have": ["platform"],
        "words": "Asiakas soittaa keskellä yötä ja viestittelee viikonloppuisin.",
        "is": "after_hours",
    },
    "ru": {
        "work": [],
        "treatment": ["checks_everything"],
        "stage": "during",
        "have": ["contract"],
        "words": "",
        "is": "micromanager",
    },
    "ar": {
        "work": [],
        "treatment": ["personal_remarks"],
        "stage": "during",
        "have": ["platform"],
        "words": "",
        "is": "creep",
    },
}
CLIENT_MESSAGE = (
    "I'm still not paying the last invoice until you send the source files. You'll get the money when I feel like it."
)


def name_of(archetype: str, lang: str) -> str:
    return pick(KB.archetypes[archetype].name, lang)


async def speak(s: ReplaySession, lang: str, *, in_: str | None = None) -> str:
    """The member for a language; Arabic is chosen with /language (in the DM too, where it is the person's own)."""
    member = MEMBER[lang]
    if lang == "ar":
        await s.command(member, "language", in_=in_)
        await s.select(member, ["ar"], index=0)
    return member


def form_fields(modal: ModalInfo) -> list[Any]:
    return list(modal.fields)


async def fill_form(s: ReplaySession, member: str, modal: ModalInfo, answers: dict[str, Any]) -> VisibleMessage:
    """Submit the one-screen form by its (localized) labels, in the order the form shows them."""
    work, treatment, stage, have, words = form_fields(modal)
    fields: dict[str, Any] = {work.label: answers["work"], treatment.label: answers["treatment"]}
    if answers["stage"]:
        fields[stage.label] = answers["stage"]
    fields[have.label] = answers["have"]
    if answers["words"]:
        fields[words.label] = answers["words"]
    step = await s.submit(member, fields)
    return step.message


def check_private_card(card: VisibleMessage) -> None:
    assert card.ephemeral and card.flags & EPHEMERAL and card.flags & COMPONENTS_V2
    assert card.pings == ()


# -- registration -------------------------------------------------------------------------------------------------


async def test_registration_declares_where_each_command_works_and_passes_the_spec(parley: ReplaySession) -> None:
    # The registration payloads as a sync sends them (translated), each checked against the spec's PUT schema.
    tree = parley.bot.tree
    sent = {
        command.name: await command.get_translated_payload(tree, tree.translator)
        for command in tree.get_commands(type=None)
    }
    spec = parley.spec
    assert spec is not None
    path = f"/applications/{parley.bot.application_id}/commands"
    for name in [*sorted(EVERYWHERE), "story", "mod", "advice"]:
        assert spec.validate_request("PUT", path, [sent[name]]) == [], name
    for name, payload in sent.items():
        if name in EVERYWHERE:
            assert sorted(payload["integration_types"]) == [0, 1], name
            assert sorted(payload["contexts"]) == [0, 1, 2], name
        else:
            assert payload["integration_types"] == [0], name
            assert payload["contexts"] == [0], name
    menu = sent[DRAFT_REPLY_MENU]
    assert menu["type"] == 3  # a message command
    # Discord has Finnish and Russian clients (no Arabic): the menu is named in both.
    assert menu["name_localizations"]["fi"] not in ("", DRAFT_REPLY_MENU)
    assert menu["name_localizations"]["ru"] not in ("", DRAFT_REPLY_MENU)
    menus = [p for p in sent.values() if p.get("type", 1) != 1]
    assert len(menus) == 1  # a plugin shares Discord's small allowance of context menus with its host


# -- the one-screen form ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", list(FORMS))
async def test_the_one_screen_form_leads_to_the_result_card(parley: ReplaySession, lang: str) -> None:
    member = await speak(parley, lang)
    step = await parley.command(member, "situation")
    modal = step.modal
    kinds = [f.kind for f in form_fields(modal)]
    assert kinds == ["checkbox_group", "checkbox_group", "radio_group", "checkbox_group", "text_input"]
    assert all(f.label and len(f.label) <= 45 for f in form_fields(modal))
    assert (modal.title == "What is happening?") == (lang == "en")
    card = await fill_form(parley, member, modal, FORMS[lang])
    check_private_card(card)
    assert name_of(FORMS[lang]["is"], lang) in card.text, card.text
    votes = [b for b in card.buttons if (b.custom_id or "").startswith("parley:vote:advice:")]
    assert len(votes) >= 6
    # The step-by-step card is the way back: the question the form doesn't ask comes first.
    step = await parley.click(member, "◀️")
    assert "4" in step.message.text.split("\n")[0] or "4" in step.message.text
    assert any("💚" in (b.text or "") for b in step.message.buttons)  # "keep this client?" answers


async def test_too_many_situations_go_on_step_by_step_keeping_the_rest(parley: ReplaySession) -> None:
    modal = (await parley.command("bob", "situation")).modal
    answers = {
        "work": ["not_paying", "more_than_agreed"],
        "treatment": ["rude", "all_hours"],
        "stage": "during",
        "have": ["deposit"],
        "words": "",
    }
    card = await fill_form(parley, "bob", modal, answers)
    check_private_card(card)
    assert "Pick at most 3 situations" in card.text
    assert "What is happening?" in card.text
    assert "During the work" in card.text and "A deposit was paid" in card.text  # the other answers are kept


async def test_a_form_sent_after_a_restart_is_still_answered(parley: ReplaySession) -> None:
    modal = (await parley.command("bob", "situation")).modal
    await parley.restart()
    card = await fill_form(parley, "bob", modal, FORMS["en"])
    assert name_of("non_payer", "en") in card.text


async def test_where_discord_refuses_the_form_the_step_by_step_card_answers(
    parley: ReplaySession, monkeypatch: pytest.MonkeyPatch
) -> None:
    from parley.cogs.situation.intake import IntakeForm

    real = discord.InteractionResponse.send_modal

    async def refused(self: discord.InteractionResponse, modal: discord.ui.Modal, /) -> Any:
        if isinstance(modal, IntakeForm):  # as an API that doesn't know radio and checkbox groups answers
            response = type("Response", (), {"status": 400, "reason": "Bad Request"})()
            raise discord.HTTPException(response, {"code": 50035, "message": "Invalid Form Body"})  # type: ignore[arg-type]
        return await real(self, modal)

    monkeypatch.setattr(discord.InteractionResponse, "send_modal", refused)
    step = await parley.command("alice", "situation")
    card = step.message
    check_private_card(card)
    assert not any(v.modal for v in step.visible)
    assert "1" in card.text and card.selects  # the first question, as a select
    await parley.select("alice", ["rude"], index=0)


async def test_step_by_step_on_request(parley: ReplaySession) -> None:
    card = (await parley.command("ivan", "situation", step_by_step=True)).message
    check_private_card(card)
    assert card.selects


# -- DMs, private channels, user installs -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", list(FORMS))
async def test_situation_and_draft_in_a_dm_through_a_user_install(parley: ReplaySession, lang: str) -> None:
    member = await speak(parley, lang, in_="dm")
    step = await parley.command(member, "situation", in_="dm", install="user")
    card = await fill_form(parley, member, step.modal, FORMS[lang])
    check_private_card(card)
    assert card.channel.startswith("dm:")
    assert name_of(FORMS[lang]["is"], lang) in card.text
    # Votes and stories belong to a server: not offered in a DM.
    assert not any((b.custom_id or "").startswith("parley:vote:") for b in card.buttons)
    assert not any((b.custom_id or "").endswith(":share") or ":share:" in (b.custom_id or "") for b in card.buttons)
    # The result's draft button opens the draft form here too.
    draft = next(b for b in card.buttons if (b.custom_id or "").startswith("parley:draft:"))
    step = await parley.click(member, custom_id=draft.custom_id)
    assert step.modal.fields
    step = await parley.command(member, "draft", in_="dm", kind="payment_reminder")
    modal = step.modal
    typed = {"client_name": "Acme", "amount": "1200", "currency": "EUR", "due_date": "2026-12-01"}
    step = await parley.submit(member, {f.label: typed[f.custom_id] for f in modal.fields if f.custom_id in typed})
    draft_card = step.message
    check_private_card(draft_card)
    assert "1" in draft_card.text and "Acme" in draft_card.text
    # The draft is the person's own: someone else pressing its buttons is refused.
    tone = next(b for b in draft_card.buttons if (b.custom_id or "").startswith("parley:draft:"))
    assert tone.custom_id
    assert parley.violations == []


async def test_a_private_channel_reaches_only_what_works_everywhere(parley: ReplaySession) -> None:
    step = await parley.command("bob", "redflags", in_="private:bob,layla", install="user")
    check_private_card(step.message)
    assert step.message.channel == "private:bob,layla"
    # Only bob sees his answer, even in a channel layla is in.
    assert parley.messages_for("layla", "private:bob,layla") == []
    # A server install cannot reach a DM between members at all.
    step = await parley.command("bob", "redflags", in_="private:bob,layla", install="guild", expect_error=True)
    assert "user install" in (step.error or "")


async def test_a_community_command_outside_a_server_is_answered_kindly(parley: ReplaySession) -> None:
    # Discord offers /story only in servers: the offline Discord refuses it in a DM, as the client would.
    step = await parley.command("alice", "story share", in_="dm", expect_error=True)
    assert "not available in the bot's DMs" in (step.error or "")
    # A host that synced before contexts existed has /story registered everywhere: the member gets a kind answer.
    app = parley.fake.app("bot")
    for table in (app.local, app.synced):
        for key, command in table.items():
            if key[1] == "story":
                command.pop("contexts", None)
                command.pop("integration_types", None)
    step = await parley.command("bob", "story share", in_="dm")
    answer = step.message
    assert answer.ephemeral and not any(v.modal for v in step.visible)
    assert "works in a server that has Parley" in answer.text and "/situation" in answer.text
    step = await parley.command("alice", "story share", in_="dm")  # in Finnish for alice
    assert "/situation" not in step.message.text and "Parley" in step.message.text


# -- the message menu ---------------------------------------------------------------------------------------------


async def test_the_menu_reads_a_clients_message_and_offers_the_draft(parley: ReplaySession, parley_config) -> None:
    posted = await parley.say("layla", CLIENT_MESSAGE, in_="private:bob,layla")  # layla is bob's client
    message = posted.visible[0] if posted.visible else parley.messages_for("bob", "private:bob,layla")[0]
    step = await parley.message_command("bob", DRAFT_REPLY_MENU, message, install="user")
    card = step.message
    check_private_card(card)
    assert name_of("non_payer", "en") in card.text
    assert "Why: the message says" in card.text
    drafts = [b for b in card.buttons if (b.custom_id or "").startswith("parley:draft:")]
    assert drafts, card.buttons
    step = await parley.click("bob", custom_id=drafts[0].custom_id)
    assert step.modal.fields
    # The message text is nowhere on disk.
    with sqlite3.connect(parley_config.database.path) as db:
        dump = "\n".join(db.iterdump())
    assert "source files" not in dump and "feel like it" not in dump


@pytest.mark.parametrize("lang", ["fi", "ru", "ar"])
async def test_the_menu_asks_when_the_message_alone_is_not_enough(parley: ReplaySession, lang: str) -> None:
    member = await speak(parley, lang)
    posted = await parley.say("mia", "ok 👍", in_="#help")
    step = await parley.message_command(member, DRAFT_REPLY_MENU, posted.visible[0])
    card = step.message
    check_private_card(card)
    assert not any((b.custom_id or "").startswith("parley:draft:") for b in card.buttons)
    step = await parley.select(member, ["non_payer"], index=0)
    card = step.message
    assert name_of("non_payer", lang) in card.text
    assert any((b.custom_id or "").startswith("parley:draft:") for b in card.buttons)


# -- Start here ---------------------------------------------------------------------------------------------------


async def test_start_here_button_opens_the_form_after_a_restart(parley: ReplaySession) -> None:
    step = await parley.command("owner", "setup", start_here_channel="#help")
    assert "posted in" in step.message.text
    public = parley.messages_in("#help")[-1]
    assert not public.ephemeral and public.pings == ()
    assert [b.text for b in public.buttons] == ["🧭 Start here", "🪜 Step by step"]
    await parley.restart()
    step = await parley.click("alice", "Start here", in_="#help")
    assert step.visible[0].to == "alice"
    card = await fill_form(parley, "alice", step.modal, FORMS["fi"])
    check_private_card(card)
    assert card.to == "alice" and name_of("after_hours", "fi") in card.text
    assert parley.messages_in("#help")[-1].message_id == public.message_id  # the public message stays as it was
    step = await parley.click("ivan", "Step by step", in_="#help")
    check_private_card(step.message)
    assert step.message.to == "ivan" and step.message.selects


async def test_privacy_forget_in_a_server_also_erases_what_was_left_in_dms(
    parley: ReplaySession, parley_config: Any
) -> None:
    words = "My client keeps calling me at midnight about tiny changes."
    step = await parley.command("bob", "situation", in_="dm")
    await fill_form(parley, "bob", step.modal, {**FORMS["en"], "words": words})
    await parley.command("bob", "language", in_="dm")
    await parley.select("bob", ["fi"], index=0)
    await parley.command("bob", "situation", step_by_step=True)  # something in the server too

    def stored() -> str:
        with sqlite3.connect(parley_config.database.path) as db:
            return "\n".join(db.iterdump())

    assert words in stored()
    await parley.command("bob", "privacy forget")
    await parley.click("bob", "Erase")
    dump = stored()
    assert words not in dump
    with sqlite3.connect(parley_config.database.path) as db:
        assert db.execute("SELECT count(*) FROM flows").fetchone() == (0,)
        assert db.execute("SELECT count(*) FROM person_settings").fetchone() == (0,)


async def test_a_scenario_file_drives_dms_installs_and_the_menu(parley_factory: Any) -> None:
    from pathlib import Path

    from parley.replay import run_scenario_async

    transcript = await run_scenario_async(
        Path(__file__).parent / "scenarios" / "reply_in_a_private_dm.json", parley_factory
    )
    steps = transcript["steps"]
    assert transcript["spec_violations"] == []
    assert [s["error"] is None for s in steps] == [True, True, True, False]
    menu = steps[1]["visible"][0]
    assert menu["ephemeral"] and menu["to"] == "ivan" and menu["channel"] == "private:client,ivan"
    assert name_of("non_payer", "ru") in menu["content"]
    assert "not available in the bot's DMs" in steps[3]["error"]


async def test_privacy_in_a_dm_exports_and_forgets_what_was_left_outside_servers(
    parley: ReplaySession, parley_config: Any
) -> None:
    from tests.privacy.conftest import attached_json

    words = "My client keeps calling me at midnight about tiny changes."
    step = await parley.command("bob", "situation", in_="dm")
    await fill_form(parley, "bob", step.modal, {**FORMS["en"], "words": words})
    await parley.command("bob", "situation", step_by_step=True)  # and a walkthrough in the server

    exported = await parley.command("bob", "privacy export", in_="dm")
    card = exported.message
    assert card.ephemeral and card.to == "bob" and card.channel == "dm:bob" and card.pings == ()
    assert card.text.startswith("📦 Here is a copy of everything Parley keeps about you outside servers")
    assert "1 walkthrough" in card.text and "vote" not in card.text  # only what can exist outside servers
    data = attached_json(exported)
    assert data["server_id"] is None and "outside_servers" not in data
    [flow] = data["walkthroughs"]
    assert flow["your_words"] == words
    # In the server, the copy holds the server's data and, apart, what the same person left outside servers.
    in_server = await parley.command("bob", "privacy export")
    assert "The file also holds what you left outside servers" in in_server.message.text
    server_data = attached_json(in_server)
    assert [f["your_words"] for f in server_data["outside_servers"]["walkthroughs"]] == [words]
    assert words not in json.dumps(server_data["walkthroughs"])

    confirm = await parley.command("bob", "privacy forget", in_="dm")
    assert "Erase what you left outside servers?" in confirm.message.text and "1 walkthrough" in confirm.message.text
    done = await parley.click("bob", "Erase")
    assert "Parley has forgotten what you left outside servers" in done.message.text
    assert "Kept, and why" not in done.message.text
    with sqlite3.connect(parley_config.database.path) as db:
        assert words not in "\n".join(db.iterdump())
        assert db.execute("SELECT count(*) FROM flows").fetchone() == (1,)  # the server's walkthrough stays
    again = await parley.command("bob", "privacy forget", in_="dm")
    assert "Parley keeps nothing about you outside servers." in again.message.text


@pytest.mark.parametrize(
    ("lang", "copy", "asked", "done"),
    [
        ("fi", "palvelinten ulkopuolella", "Poistetaanko se, mitä jätit", "Parley on unohtanut sen, mitä jätit"),
        ("ru", "вне серверов", "Удалить то, что вы оставили вне серверов?", "Parley забыл то, что вы оставили"),
        ("ar", "خارج الخوادم", "محو ما تركته خارج الخوادم؟", "ما تركته خارج الخوادم"),
    ],
)
async def test_privacy_in_a_dm_speaks_the_members_language(
    parley: ReplaySession, lang: str, copy: str, asked: str, done: str
) -> None:
    member = await speak(parley, lang, in_="dm")
    step = await parley.command(member, "situation", in_="dm")
    await fill_form(parley, member, step.modal, FORMS[lang])
    card = (await parley.command(member, "privacy export", in_="dm")).message
    assert card.ephemeral and copy in card.text and "Parley" in card.text
    assert "server" not in card.text.lower()  # nothing English, and no word of "this server" in a DM
    confirm = (await parley.command(member, "privacy forget", in_="dm")).message
    assert asked in confirm.text
    erase = next(b.text for b in confirm.buttons if "🗑" in b.text or b.style == 4)
    finished = (await parley.click(member, erase)).message
    assert done in finished.text
