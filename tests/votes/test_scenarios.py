"""End to end through the offline Discord: /advice browse, top and suggest, votes, the moderation queue.

The real bot (parley.app.create_bot) runs against the fake Discord with a temp database; every request it makes is
validated against Discord's OpenAPI spec, and the tests assert what members see.
"""

from __future__ import annotations

import importlib
from typing import Any

import discord

from parley.database.repositories.tips import TipsRepository
from parley.i18n.bidi import FSI, PDI

NO_PINGS = {"parse": []}
MEMBERS = [
    {"name": "alice", "locale": "fi"},
    {"name": "eero", "locale": "fi"},
    {"name": "bob", "locale": "en-US"},
    {"name": "mia", "locale": "en-US", "roles": ["Moderators"]},
    {"name": "owner", "admin": True},
]


def texts(step: Any) -> list[str]:
    return [v.text for v in step.visible]


def buttons(message: Any) -> list[str]:
    return [b.text for b in message.buttons]


def assert_clean(s: Any) -> None:
    assert s.violations == []
    for step in s.steps:
        for visible in step.visible:
            if visible.modal is None:
                assert visible.allowed_mentions in (None, NO_PINGS), (step.action, visible.allowed_mentions)
                assert visible.pings == ()


async def setup_queue(s: Any, **extra: Any) -> None:
    await s.command("owner", "setup", queue_channel="#mod-queue", moderator_role="@Moderators", **extra)


async def test_browse_and_vote_on_own_card_in_english(open_session):
    async with open_session(MEMBERS) as s:
        step = await s.command("bob", "advice browse", type="non_payer")
        card = step.message
        assert card.ephemeral and card.allowed_mentions == NO_PINGS
        assert card.text.startswith("## Non-payer / late payer")
        assert "best first by this server's votes" in card.text and "Page 1 of" in card.text
        assert "📘 From the guides: “" in card.text
        first_row = buttons(card)[:4]
        assert first_row == ["👍 Helpful · 0", "👎 Not helpful · 0", "✅ It worked · 0", "❌ Didn't work · 0"]
        assert all(b.style == "secondary" for b in card.buttons[:4])

        # A press edits the member's own ephemeral card in place: their vote lit up, the new count.
        step = await s.click("bob", "Helpful")
        [edited] = step.visible
        assert edited.event == "edited" and edited.ephemeral and edited.message_id == card.message_id
        assert buttons(edited)[:2] == ["👍 Helpful · 1", "👎 Not helpful · 0"]
        assert edited.buttons[0].style == "success"
        assert buttons(edited)[4:8] == buttons(card)[4:8]  # other items untouched

        step = await s.click("bob", "Not helpful")  # change
        assert buttons(step.message)[:2] == ["👍 Helpful · 0", "👎 Not helpful · 1"]
        assert step.message.buttons[1].style == "danger" and step.message.buttons[0].style == "secondary"
        step = await s.click("bob", "Not helpful")  # same button again: undo
        assert buttons(step.message)[:2] == ["👍 Helpful · 0", "👎 Not helpful · 0"]
        step = await s.click("bob", "It worked")  # the outcome axis is independent
        assert buttons(step.message)[:4] == [
            "👍 Helpful · 0",
            "👎 Not helpful · 0",
            "✅ It worked · 1",
            "❌ Didn't work · 0",
        ]

        # Pages: persistent buttons, the list rebuilt from the id.
        step = await s.click("bob", "Next")
        assert "Page 2 of" in step.message.text and step.message.message_id == card.message_id
        assert "**6.**" in step.message.text
        step = await s.click("bob", "Previous")
        assert "Page 1 of" in step.message.text

        step = await s.command("bob", "advice top")
        assert step.message.text.startswith("## Community favourites")
        assert "The best-rated piece of advice in this server." in step.message.text  # not "The 1 best-rated"
        assert buttons(step.message)[2] == "✅ It worked · 1"
        assert_clean(s)


async def test_top_with_nothing_rated_points_to_browse(open_session):
    async with open_session(MEMBERS) as s:
        step = await s.command("bob", "advice top", type="creep")
        assert "Nothing has been rated here yet." in step.message.text
        assert "/advice browse" in step.message.text
        step = await s.command("alice", "advice top")
        assert "Täällä ei ole vielä arvioitu mitään." in step.message.text
        assert "/neuvot selaa" in step.message.text
        assert_clean(s)


async def test_suggest_before_setup_asks_for_an_admin(open_session):
    async with open_session(MEMBERS) as s:
        step = await s.command("bob", "advice suggest")
        assert step.message.ephemeral
        assert step.message.text == "⚠️ This needs a little setup first: a server admin can run /setup."
        step = await s.command("alice", "advice suggest")
        assert "/asetukset" in step.message.text
        assert_clean(s)


async def test_tip_in_finnish_goes_through_the_queue_into_browse_and_gets_votes(open_session):
    async with open_session(MEMBERS) as s:
        await setup_queue(s)
        step = await s.command("alice", "advice suggest")
        modal = step.modal
        assert modal.title == "Ehdota vinkkiä"
        assert [f.label for f in modal.fields] == ["Asiakastyyppi", "Vinkkisi", "Vinkin kieli"]
        assert modal.field("Vinkkisi").max_length == 1000
        assert [o.value for o in modal.field("Vinkin kieli").options if o.default] == ["fi"]
        archetypes = modal.field("Asiakastyyppi").options
        assert len(archetypes) == 14 and archetypes[0].label == "Asiakas, joka ei maksa tai venyttää maksua"

        step = await s.submit(
            "alice",
            {
                "Asiakastyyppi": "non_payer",
                "Vinkkisi": "Pyydä ennakkomaksu ennen kuin aloitat. @everyone",
                "Vinkin kieli": "fi",
            },
        )
        preview = step.message
        assert preview.ephemeral and "Vinkkisi anonymisoituna" in preview.text and "@\u200beveryone" in preview.text
        assert buttons(preview) == ["✅ Vahvista ja lähetä", "✏️ Muokkaa", "🗑️ Peru"]
        assert s.messages_in("#mod-queue") == [] or "vinkki" not in s.messages_in("#mod-queue")[-1].text
        step = await s.click("alice", "Vahvista ja lähetä")
        thanks = next(v for v in step.visible if v.ephemeral)
        assert thanks.to == "alice" and "Kiitos! Vinkkisi on nyt moderaattoreilla." in thanks.text
        assert "Voit ehdottaa tänään vielä 4 vinkkiä." in thanks.text
        queued = next(v for v in step.visible if v.channel == "#mod-queue")
        assert not queued.ephemeral and queued.allowed_mentions == NO_PINGS
        assert "A member suggested a tip" in queued.text and "suomi" in queued.text
        assert "@\u200beveryone" in queued.text and "alice" not in queued.text  # inert, and no author
        assert buttons(queued) == ["✅ Approve", "✏️ Edit & approve", "🖍️ Redact"]
        assert queued.selects[0].placeholder == "Reject: pick a reason"

        # Not yet visible to members.
        step = await s.command("eero", "advice browse", type="non_payer")
        assert "Jäsenen vinkki" not in step.message.text

        # A member who is not a moderator cannot decide.
        step = await s.click("bob", "Approve", in_="#mod-queue")
        assert step.message.ephemeral and step.message.text == "⚠️ Only moderators can do that."
        assert buttons(s.messages_in("#mod-queue")[-1]) == ["✅ Approve", "✏️ Edit & approve", "🖍️ Redact"]

        step = await s.click("mia", "Approve", in_="#mod-queue")
        [decided] = step.visible
        assert decided.event == "edited" and decided.message_id == queued.message_id
        assert "✅ **Approved by mia on" in decided.text and decided.buttons == [] and decided.selects == []

        # Approved: shown beside the guides' items to Finnish readers, votable; not to English readers.
        step = await s.command("eero", "advice browse", type="non_payer")
        assert "💬 Jäsenen vinkki" in step.message.text and "Pyydä ennakkomaksu" in step.message.text
        assert "**1.** Pyydä ennakkomaksu" in step.message.text  # no votes anywhere: the newest item leads
        assert buttons(step.message)[:2] == ["👍 Hyödyllinen · 0", "👎 Ei hyödyllinen · 0"]
        step = await s.click("eero", "Hyödyllinen")
        assert buttons(step.message)[0] == "👍 Hyödyllinen · 1"
        step = await s.command("bob", "advice browse", type="non_payer")
        assert "Member tip" not in step.message.text

        # Its author cannot vote on it.
        await s.command("alice", "advice browse", type="non_payer")
        step = await s.click("alice", "Hyödyllinen")
        assert step.message.ephemeral and step.message.event == "created"
        assert step.message.text.startswith("⚠️ Tämä on oma ehdotuksesi, joten ääntäsi ei lasketa")
        step = await s.command("alice", "advice top", type="non_payer")
        assert "Pyydä ennakkomaksu" in step.message.text and "👍 Hyödyllinen · 1" in buttons(step.message)
        assert_clean(s)


async def test_rejecting_with_a_reason_and_with_a_note(open_session):
    async with open_session(MEMBERS) as s:
        await setup_queue(s)
        for text in ("First tip text, clear enough.", "Second tip text, rather vague."):
            await s.command("bob", "advice suggest")
            await s.submit("bob", {"Type of client": "creep", "Your tip": text, "Language of the tip": "en"})
            await s.click("bob", "Confirm and send")
        first, second = s.messages_in("#mod-queue")[-2:]
        step = await s.select("mia", ["Already covered"], custom_id=first.selects[0].custom_id, in_="#mod-queue")
        assert "✖️ **Rejected by mia on" in step.message.text and "Reason: Already covered" in step.message.text

        step = await s.select("mia", ["other"], custom_id=second.selects[0].custom_id, in_="#mod-queue")
        assert step.modal.title == "Reject with a note"
        step = await s.submit("mia", {"Note for the audit log": "Needs a concrete *example*"})
        assert step.message.message_id == second.message_id
        assert "Reason: Other (write a note)" in step.message.text
        assert "Note: Needs a concrete \\*example\\*" in step.message.text

        audit = await s.parley.services.db.fetchall("SELECT action, reason, note FROM mod_audit ORDER BY id")
        assert [tuple(r) for r in audit] == [
            ("reject", "duplicate", None),
            ("reject", "other", "Needs a concrete *example*"),
        ]
        step = await s.command("bob", "advice browse", type="creep")
        assert "Member tip" not in step.message.text
        assert_clean(s)


async def test_an_invalid_tip_keeps_the_members_text(open_session):
    async with open_session(MEMBERS) as s:
        await setup_queue(s)
        await s.command("alice", "advice suggest")
        step = await s.submit("alice", {"Asiakastyyppi": "creep", "Vinkkisi": " \n\u200b ", "Vinkin kieli": "fi"})
        retry = step.message
        assert retry.ephemeral and "⚠️ Vinkki on tyhjä." in retry.text
        assert buttons(retry) == ["✏️ Muokkaa vinkkiäni"]
        step = await s.click("alice", "Muokkaa vinkkiäni")
        modal = step.modal
        assert [o.value for o in modal.field("Asiakastyyppi").options if o.default] == ["creep"]
        assert modal.field("Vinkkisi").value == " \n\u200b "  # the text as typed, to fix
        step = await s.submit(
            "alice",
            {"Asiakastyyppi": "creep", "Vinkkisi": "Pidä kaikki sopimukset kirjallisina.", "Vinkin kieli": "fi"},
        )
        step = await s.click("alice", "Vahvista ja lähetä")
        assert "Kiitos!" in step.message.text
        assert_clean(s)


async def test_daily_limit_refuses_kindly_before_the_form_opens(open_session):
    async with open_session(MEMBERS) as s:
        await setup_queue(s, tips_per_day=1)
        await s.command("bob", "advice suggest")
        step = await s.submit(
            "bob", {"Type of client": "creep", "Your tip": "Keep it in writing.", "Language of the tip": "en"}
        )
        step = await s.click("bob", "Confirm and send")
        assert "That was your last tip for today." in step.message.text
        step = await s.command("bob", "advice suggest")
        assert step.message.text.startswith("⚠️ You've shared today's tips already, thank you!")
        assert_clean(s)


async def test_new_members_wait_before_voting(open_session):
    async with open_session(MEMBERS) as s:
        await setup_queue(s, min_membership_days=2)
        await s.command("alice", "advice browse", type="creep")
        step = await s.click("alice", "Hyödyllinen")
        assert step.message.text == "⚠️ Voit äänestää, kun olet ollut tällä palvelimella 2 päivää."
        step = await s.command("bob", "advice suggest")
        assert step.message.text == "⚠️ You can suggest tips once you've been in this server for 2 days."
        await s.advance(2 * 86400 + 60)
        step = await s.click("alice", "Hyödyllinen")
        assert buttons(step.message)[0] == "👍 Hyödyllinen · 1"
        assert_clean(s)


async def test_vote_buttons_survive_a_restart_and_vanished_items_answer_kindly(open_session):
    async with open_session(MEMBERS) as s:
        await setup_queue(s)
        await s.command("bob", "advice suggest")
        await s.submit(
            "bob", {"Type of client": "creep", "Your tip": "Only talk on the platform.", "Language of the tip": "en"}
        )
        await s.click("bob", "Confirm and send")
        await s.click("mia", "Approve", in_="#mod-queue")
        step = await s.command("mia", "advice browse", type="creep")
        assert "Member tip" in step.message.text
        await s.restart()
        step = await s.click("mia", "Helpful")  # the tip leads the list: no votes, newest
        assert buttons(step.message)[0] == "👍 Helpful · 1"

        # The tip is deleted meanwhile: its buttons answer "no longer available", nothing breaks.
        [tip] = await TipsRepository(s.parley.services.db).published(s.fake.guild.id)
        assert await TipsRepository(s.parley.services.db).delete(s.fake.guild.id, tip.id)
        step = await s.click("mia", "Not helpful")
        assert step.message.ephemeral and step.message.text == "⚠️ This item is no longer available."
        step = await s.click("mia", "Next")
        assert "Page 2 of" in step.message.text
        assert_clean(s)


async def test_votes_on_a_shared_message_update_public_counts_and_answer_privately(open_session):
    async with open_session(MEMBERS) as s:
        services = s.parley.services
        # A published story or any other capability's shared card carrying vote buttons.
        channel = s.bot.get_channel(s.fake.channel("#stories").id)
        # The module as the running bot loaded it (closing a bot unloads its extensions, modules included).
        vote_row = importlib.import_module("parley.cogs._shared.voting").vote_row
        t = services.t("en")
        item_id = services.knowledge.items_for("creep")[0].id
        view = discord.ui.LayoutView(timeout=None)
        view.add_item(discord.ui.Container(discord.ui.TextDisplay("A shared card"), vote_row(t, "advice", item_id)))
        await channel.send(view=view, allowed_mentions=discord.AllowedMentions.none())

        step = await s.click("alice", "Helpful", in_="#stories")
        public = next(v for v in step.visible if not v.ephemeral)
        private = next(v for v in step.visible if v.ephemeral)
        assert public.event == "edited" and buttons(public)[0] == "👍 Helpful · 1"
        assert all(b.style == "secondary" for b in public.buttons)  # nobody's own vote on a shared card
        assert private.to == "alice" and private.text.startswith("Äänesi on kirjattu: 👍 Hyödyllinen.")
        assert "👍 1 · 👎 0 · ✅ 0 · ❌ 0" in private.text
        step = await s.click("bob", "Helpful", in_="#stories")
        assert buttons(next(v for v in step.visible if not v.ephemeral))[0] == "👍 Helpful · 2"
        step = await s.click("alice", "Helpful", in_="#stories")
        private = next(v for v in step.visible if v.ephemeral)
        assert private.text.startswith("Äänesi poistettiin.")
        assert buttons(next(v for v in step.visible if not v.ephemeral))[0] == "👍 Helpful · 1"
        assert_clean(s)


async def test_arabic_reader_gets_arabic_cards_with_isolated_values(open_session):
    async with open_session(MEMBERS) as s:
        await s.command("bob", "language")
        await s.select("bob", ["ar"], placeholder="Choose a language")
        step = await s.command("bob", "advice browse", type="after_hours")
        text = step.message.text
        assert "الأفضل أولًا حسب أصوات هذا الخادم" in text
        assert f"الصفحة {FSI}1{PDI} من" in text
        assert "من الأدلة:" in text
        step = await s.click("bob", "مفيد")
        assert buttons(step.message)[0] == f"👍 مفيد · {FSI}1{PDI}"
        assert f"**{FSI}1{PDI}.**" in step.message.text
        step = await s.command("bob", "advice top")
        assert "النصيحة الأعلى تقييمًا في هذا الخادم." in step.message.text
        assert_clean(s)


async def test_a_vote_click_and_a_situation_take_few_database_round_trips(open_session):
    """Settings and languages are read once per interaction and a vote is one hand-off to the database thread:
    counted, not timed (how fast is the bench's business). The counter is the process's: background work (the
    retention run at start-up, the minute loops) can land in one window, so each interaction is counted three times
    and the fewest is its own."""
    from parley.bench.harness import count_round_trips, round_trips

    count_round_trips()
    vote_trips: list[int] = []
    situation_trips: list[int] = []
    async with open_session(MEMBERS) as s:
        await s.command("bob", "advice browse", type="non_payer")
        await s.command("bob", "situation", describe="The client has not paid my invoice for two months")
        for n, shown in enumerate(("👍 Helpful · 1", "👍 Helpful · 0", "👍 Helpful · 1")):  # on, off, on again
            before = round_trips()
            step = await s.click("bob", "Helpful")
            vote_trips.append(round_trips() - before)
            assert shown in buttons(step.message), (n, buttons(step.message))
            before = round_trips()
            await s.command("bob", "situation", describe="The client keeps asking for free extra work")
            situation_trips.append(round_trips() - before)
    assert 1 <= min(vote_trips) <= 5, vote_trips
    assert 1 <= min(situation_trips) <= 5, situation_trips
