"""/draft end to end through the offline Discord: real discord.py, every request checked against Discord's spec."""

from __future__ import annotations

import re
from pathlib import Path

import discord

from parley.app import create_bot
from parley.cogs._shared.runtime import services_for
from parley.cogs.drafts.views import EditButton, draft_button
from parley.database.repositories.drafts import DraftsRepository
from parley.replay import ReplaySession, StepResult, VisibleMessage, run_scenario_async

V2 = 1 << 15
EMPTY = {"parse": []}
PAYMENT_EN = {"Client's name": "Daniel", "Amount": "1,200", "Currency": "EUR", "Due date": "Dec 1, 2026"}


def checked(step: StepResult) -> VisibleMessage:
    """The step's message, after the checks every drafts reply must pass."""
    assert step.ok and step.violations == [], step.describe()
    for seen in step.visible:
        if seen.modal is not None:
            continue
        assert seen.ephemeral, seen.text
        assert seen.allowed_mentions == EMPTY, seen.allowed_mentions
        assert seen.pings == ()
        assert len(seen.text) <= 4000
    return step.message


def draft_text(message: VisibleMessage) -> str:
    """The text inside the card's code block."""
    blocks = re.findall(r"```\n(.*?)\n```", message.text, re.DOTALL)
    assert len(blocks) == 1, message.text
    return blocks[0]


def draft_id(message: VisibleMessage) -> str:
    edit = next(b for b in message.buttons if b.custom_id and b.custom_id.startswith("parley:draft:edit:"))
    return edit.custom_id.rsplit(":", 1)[1]


async def stored(session: ReplaySession, message: VisibleMessage):
    return await DraftsRepository(services_for(session.bot).db).get(draft_id(message))


async def test_english_draft_is_an_ephemeral_code_block_with_its_source_and_buttons(session):
    opened = await session.command("emma", "draft", kind="payment_reminder")
    modal = opened.modal
    assert modal.title == "Payment reminder"
    assert [f.label for f in modal.fields] == ["Client's name", "Invoice number", "Amount", "Currency", "Due date"]
    assert [f.required for f in modal.fields] == [True, False, True, True, True]
    assert modal.field("Amount").description == "The amount still owed, for example 1,200.50."
    assert all(f.kind == "text_input" and f.max_length for f in modal.fields)

    card = checked(await session.submit("emma", {**PAYMENT_EN, "Invoice number": "INV-7"}))
    assert card.flags & V2 and card.event == "created"
    text = draft_text(card)
    assert text.startswith("Hi Daniel,")
    assert "invoice INV-7 for €1,200.00 was due on December 1, 2026" in text
    assert "Draft language:** English · **Tone:** Friendly" in card.text
    # The source is shown to the member, beside the draft, never inside it.
    assert "Based on “5 types of bad freelance clients”, The non-payer" in card.text and "G0" not in text
    assert [b.text for b in card.buttons] == [
        "🙂 Friendly",
        "✋ Firm",
        "⚠️ Final notice",
        "⚖️ Platform dispute",
        "✏️ Edit details",
        "🔀 Compare tones",
        "📌 Follow this up for me",
    ]
    assert card.button("Friendly").disabled and not card.button("Firm").disabled
    assert [o.value for o in card.select("another language").options] == ["en", "ar", "fi", "ru"]


async def test_arabic_interface_member_drafts_to_an_english_client(session):
    await session.command("layla", "language")
    await session.select("layla", ["ar"], placeholder="language")

    opened = await session.command("layla", "draft", kind="payment_reminder", language="en")
    modal = opened.modal
    assert modal.title == "تذكير بالدفع"
    assert [f.label for f in modal.fields] == ["اسم العميل", "رقم الفاتورة", "المبلغ", "العملة", "تاريخ الاستحقاق"]
    # Examples follow the draft's language (English), wrapped so they read right inside Arabic.
    assert "\u2068Dec 1, 2026\u2069" in modal.field("تاريخ الاستحقاق").description

    card = checked(
        await session.submit(
            "layla", {"اسم العميل": "Daniel", "المبلغ": "1,200", "العملة": "USD", "تاريخ الاستحقاق": "Dec 1, 2026"}
        )
    )
    assert "**لغة المسودة:** الإنجليزية" in card.text
    assert "يُرجى نسخ النص أدناه" in card.text
    assert draft_text(card).startswith("Hi Daniel,")
    assert "$1,200.00" in draft_text(card)
    assert card.button("تعديل التفاصيل")


async def test_finnish_member_drafts_in_russian(session):
    opened = await session.command("aino", "draft", kind="payment_reminder", language="ru")
    assert opened.modal.title == "Maksumuistutus"
    assert opened.modal.fields[0].label == "Asiakkaan nimi"
    assert opened.modal.field("Eräpäivä").placeholder == "01.12.2026"  # typed the way a Russian draft reads dates

    card = checked(
        await session.submit(
            "aino", {"Asiakkaan nimi": "Ирина", "Summa": "1 200,50", "Valuutta": "eur", "Eräpäivä": "01.12.2026"}
        )
    )
    assert "**Luonnoksen kieli:** venäjä · **Sävy:** Ystävällinen" in card.text
    text = draft_text(card)
    assert "Ирина" in text and "1 декабря 2026" in text
    assert "1\xa0200,50\xa0€" in text
    assert card.button("Muokkaa tietoja")


async def test_each_language_drafts_in_the_members_own_language_by_default(session):
    await session.command("layla", "language")
    await session.select("layla", ["ar"], placeholder="language")
    cases = {
        "emma": ({"Client's name": "Daniel", "Project": "Northwind"}, "Hi Daniel,"),
        "layla": ({"اسم العميل": "سامر", "المشروع": "متجر الورد"}, "سامر"),
        "aino": ({"Asiakkaan nimi": "Mikko", "Projekti": "Verkkokauppa"}, "Mikko"),
        "oleg": ({"Имя заказчика": "Ирина", "Проект": "Магазин"}, "Ирина"),
    }
    scripts = {"emma": "[A-Za-z]", "layla": "[\u0600-\u06ff]", "aino": "[äöÄÖ]", "oleg": "[а-яА-Я]"}
    for member, (fields, expected) in cases.items():
        await session.command(member, "draft", kind="contract_request")
        card = checked(await session.submit(member, fields))
        text = draft_text(card)
        assert expected in text, (member, text)
        assert re.search(scripts[member], text), (member, text)
        row = await stored(session, card)
        assert row.language == {"emma": "en", "layla": "ar", "aino": "fi", "oleg": "ru"}[member]


async def test_switching_tone_and_language_edits_the_card_in_place(session):
    await session.command("emma", "draft", kind="payment_reminder")
    first = checked(await session.submit("emma", PAYMENT_EN))

    firm = checked(await session.click("emma", "Firm"))
    assert firm.event == "edited" and firm.message_id == first.message_id
    assert "**Tone:** Firm" in firm.text and firm.button("Firm").disabled
    assert draft_text(firm) != draft_text(first)
    assert "still unpaid" in draft_text(firm)

    finnish = checked(await session.select("emma", ["fi"], placeholder="another language"))
    assert finnish.message_id == first.message_id
    assert "**Draft language:** Finnish · **Tone:** Firm" in finnish.text  # the member still reads English
    text = draft_text(finnish)
    # "1,200" typed for an English draft is twelve hundred, not 1,20 € once the draft is Finnish.
    assert "1\xa0200,00\xa0€" in text and "1. joulukuuta 2026" in text

    back = checked(await session.select("emma", ["en"], placeholder="another language"))
    assert "€1,200.00" in draft_text(back)


async def test_kinds_without_tones_offer_language_and_edit_only(session):
    await session.command("emma", "draft", kind="call_summary", tone="final")
    card = checked(await session.submit("emma", {"Client's name": "Daniel", "What you agreed": "Launch on 15 May"}))
    assert [b.text for b in card.buttons] == ["✏️ Edit details", "📌 Follow this up for me"]
    assert "Tone" not in card.text
    assert "- Launch on 15 May" in draft_text(card)


async def test_a_tone_the_kind_lacks_falls_back_to_its_firmest_gentler_tone(session):
    await session.command("emma", "draft", kind="contract_request", tone="platform_dispute")
    card = checked(await session.submit("emma", {"Client's name": "Daniel"}))
    assert "**Tone:** Firm" in card.text


async def test_empty_required_field_gets_a_kind_error_and_edit_details_brings_everything_back(session):
    typed = {
        "Asiakkaan nimi": "   ",
        "Laskun numero": "INV-9",
        "Summa": "1 200,50",
        "Valuutta": "eur",
        "Eräpäivä": "1.12.2026",
    }
    await session.command("aino", "draft", kind="payment_reminder")
    error = checked(await session.submit("aino", typed))
    assert error.text.startswith("### ⚠️ Maksumuistutus")
    assert "Tämä luonnos tarvitsee kentän **Asiakkaan nimi**" in error.text
    assert "Mitään kirjoittamaasi ei menetetty" in error.text
    assert [b.text for b in error.buttons] == ["✏️ Muokkaa tietoja"]

    reopened = await session.click("aino", "Muokkaa tietoja")
    assert {f.label: f.value for f in reopened.modal.fields} == typed

    fixed = checked(await session.submit("aino", {"Asiakkaan nimi": "Mikko"}))
    assert fixed.event == "edited" and fixed.message_id == error.message_id
    text = draft_text(fixed)
    assert text.startswith("Hei Mikko") and "INV-9" in text and "1\xa0200,50\xa0€" in text


async def test_garbled_amount_and_date_name_the_field_in_the_members_language(session):
    await session.command("layla", "language")
    await session.select("layla", ["ar"], placeholder="language")
    await session.command("layla", "draft", kind="payment_reminder", language="en")
    bad_amount = {"اسم العميل": "Daniel", "المبلغ": "twelve hundred", "العملة": "EUR", "تاريخ الاستحقاق": "Dec 1, 2026"}
    error = checked(await session.submit("layla", bad_amount))
    assert "ما كُتب في **\u2068المبلغ\u2069** لا يبدو مبلغًا" in error.text
    assert "\u20681,200.50\u2069" in error.text  # the example is written the way the English draft needs it

    await session.click("layla", "تعديل التفاصيل")
    error = checked(await session.submit("layla", {"المبلغ": "1200", "تاريخ الاستحقاق": "03/04/2026"}))
    assert "**\u2068تاريخ الاستحقاق\u2069**" in error.text and "يحتمل يومين مختلفين" in error.text

    await session.command("emma", "draft", kind="payment_reminder")
    error = checked(await session.submit("emma", {**PAYMENT_EN, "Due date": "someday"}))
    assert "**Due date** doesn't look like a date. Write it like Dec 1, 2026." in error.text


async def test_buttons_keep_working_after_a_restart(session):
    await session.command("oleg", "draft", kind="payment_reminder")
    before = checked(
        await session.submit(
            "oleg", {"Имя заказчика": "Ирина", "Сумма": "5 000", "Валюта": "RUB", "Срок оплаты": "01.12.2026"}
        )
    )
    await session.restart()

    after = checked(await session.click("oleg", "Твёрдый"))
    assert after.message_id == before.message_id
    assert "**Тон:** Твёрдый" in after.text
    assert "5\xa0000,00\xa0₽" in draft_text(after)
    reopened = await session.click("oleg", "Изменить данные")
    assert reopened.modal.field("Имя заказчика").value == "Ирина"


async def test_someone_elses_draft_button_is_refused(session):
    await session.command("emma", "draft", kind="payment_reminder")
    card = checked(await session.submit("emma", PAYMENT_EN))
    # Ephemeral cards can't be seen by others; a card shown in public (a host bot, a screenshot bot) could be.
    public = discord.ui.LayoutView(timeout=None)
    public.add_item(discord.ui.ActionRow(EditButton(draft_id(card), None)))
    channel = discord.utils.get(session.bot.get_all_channels(), name="help")
    await channel.send(view=public, allowed_mentions=discord.AllowedMentions.none())

    refused = checked(await session.click("bob", "Edit details", in_="#help"))
    assert refused.to == "bob"
    assert "This isn't yours" in refused.text
    assert all(v.modal is None for v in (await session.click("bob", "Edit details", in_="#help")).visible)
    assert (await stored(session, card)).values["client_name"] == "Daniel"


async def test_the_walkthrough_button_opens_the_form_for_anyone(session):
    public = discord.ui.LayoutView(timeout=None)
    public.add_item(discord.ui.ActionRow(draft_button("working_hours", "Draft a message")))
    channel = discord.utils.get(session.bot.get_all_channels(), name="help")
    await channel.send(view=public, allowed_mentions=discord.AllowedMentions.none())

    opened = await session.click("aino", "Draft a message", in_="#help")
    assert opened.modal.title == "Työajat ja vastausaika"
    card = checked(await session.submit("aino", {"Asiakkaan nimi": "Mikko", "Työaikasi": "ma–pe klo 9–17"}))
    assert card.event == "created"  # a new private card: the public message is left as it was
    assert "ma–pe klo 9–17" in draft_text(card)


async def test_a_draft_expires_kindly_and_its_text_is_deleted(session, clock):
    await session.command("emma", "draft", kind="payment_reminder")
    card = checked(await session.submit("emma", PAYMENT_EN))
    clock.advance(hours=24, minutes=1)

    expired = checked(await session.click("emma", "Firm"))
    assert expired.event == "created" and expired.content.startswith("⌛ This draft has expired")
    assert "24 hours" in expired.text and "/draft" in expired.text
    assert await stored(session, card) is None


async def test_member_text_cannot_ping_link_or_break_the_code_block(session):
    await session.command("emma", "draft", kind="deflection")
    card = checked(
        await session.submit(
            "emma",
            {
                "Client's name": "@everyone <@123456789012345678>",
                "Project": "[free money](https://evil.example)",
                "Work topic to return to": "the ``` fence and `code`",
            },
        )
    )
    text = draft_text(card)
    assert card.text.count("```") == 2  # the member's backticks can't close the block early
    assert "@everyone" not in text and "<@123" not in text
    assert "free money (https://evil.example)" in text
    assert card.pings == ()


async def test_a_draft_too_long_for_a_message_comes_as_a_text_file(session):
    point = "Point {:02d}: we agreed on a detail of the new shop that matters a lot to both of us, as discussed"
    agreed = "\n".join(point.format(i) for i in range(11))
    steps = "\n".join(
        f"Step {i}: somebody does one of the next things for the shop, then reports back" for i in range(7)
    )
    await session.command("emma", "draft", kind="call_summary")
    step = await session.submit(
        "emma", {"Client's name": "D" * 80, "What you agreed": agreed[:1000], "Next steps": steps[:500]}
    )
    card = checked(step)
    assert card.attachments == ("draft-call-summary-en.txt",)
    assert "```" not in card.text and "attached as a text file" in card.text
    (upload,) = [f for r in step.requests for f in r.files]
    assert upload.text.startswith("Hello " + "D" * 80) and "Point 09" in upload.text

    await session.click("emma", "Edit details")
    short = checked(await session.submit("emma", {"Next steps": "x"}))
    assert short.message_id == card.message_id
    assert short.attachments == () and "```" in short.text


async def test_a_form_open_during_a_restart_is_still_accepted(session):
    await session.command("aino", "draft", kind="payment_reminder", language="en")
    await session.restart()
    card = checked(
        await session.submit(
            "aino", {"Asiakkaan nimi": "Daniel", "Summa": "1,200", "Valuutta": "EUR", "Eräpäivä": "Dec 1, 2026"}
        )
    )
    assert card.event == "created" and "€1,200.00" in draft_text(card)
    assert "**Luonnoksen kieli:** englanti · **Sävy:** Ystävällinen" in card.text

    await session.click("aino", "Muokkaa tietoja")
    await session.restart()
    edited = checked(await session.submit("aino", {"Summa": "900"}))
    assert edited.event == "edited" and edited.message_id == card.message_id
    assert "€900.00" in draft_text(edited)
    assert (await stored(session, edited)).values["amount"] == "900"


async def test_the_json_scenario_runs_clean_through_the_replay_runner(config):
    async def factory():
        return await create_bot(config)

    transcript = await run_scenario_async(Path(__file__).with_name("scenarios") / "draft_languages.json", factory)
    assert transcript["ok"] and transcript["spec_violations"] == []
    assert all(step["error"] is None for step in transcript["steps"])
    last = transcript["steps"][-1]["visible"][0]
    assert "Luonnoksen kieli:** suomi · **Sävy:** Jämäkkä" in last["content"]
    assert last["allowed_mentions"] == {"parse": []}
