"""Stories end to end through the offline Discord: share, preview, edit, confirm, moderate, publish, read.

The real bot runs against the fake Discord; every request is validated against Discord's OpenAPI spec (the `parley`
fixture fails the test on any violation), and the tests assert what members and moderators see, and what the
payloads never contain: the author.
"""

from __future__ import annotations

import re

import pytest

from parley.database.repositories.stories import StoriesRepository
from tests.stories.conftest import (
    FORMS,
    NO_PINGS,
    assert_no_pings,
    author_traces,
    payload_text,
    run_due,
    services,
    set_up,
    share,
    share_and_confirm,
    speak_arabic,
)

# (member, language, the story with an identifying name, the name, an added name for the edit, expected words)
CASES = {
    "en": (
        "bob",
        "My client Jonathan Whitaker wanted three logo versions for free and then ghosted the invoice.",
        "Jonathan Whitaker",
        " Later his partner Margaret Holloway called me at midnight.",
        {
            "removed": "Removed",
            "again": "Your edits were checked again.",
            "card": "Story #",
            "approved": "Approved by mia on",
            "slot": "next publishing slot",
            "metoo": "This happened to me too",
            "advice": "Advice for this type of client",
        },
    ),
    "fi": (
        "alice",
        "Asiakas Matti Virtanen halusi kolme logoversiota ilmaiseksi ja katosi sitten laskun kanssa.",
        "Matti Virtanen",
        " Myöhemmin hänen kumppaninsa Liisa Korhonen soitti minulle keskiyöllä.",
        {
            "removed": "Poistettu",
            "again": "Muokkauksesi tarkistettiin uudelleen.",
            "card": "Story #",
            "approved": "Approved by mia on",
            "slot": "next publishing slot",
            "metoo": "This happened to me too",
            "advice": "Advice for this type of client",
        },
    ),
    "ru": (
        "ivan",
        "Заказчик Пётр Сидоров попросил три варианта логотипа бесплатно, а потом пропал вместе со счётом.",
        "Сидоров",
        " Позже его партнёрша Ольга Смирнова позвонила мне в полночь.",
        {
            "removed": "Удалено",
            "again": "Ваши правки проверены повторно.",
            "card": "Story #",
            "approved": "Approved by mia on",
            "slot": "next publishing slot",
            "metoo": "This happened to me too",
            "advice": "Advice for this type of client",
        },
    ),
    "ar": (
        "layla",
        "طلب مني العميل أحمد ثلاث نسخ من الشعار مجانًا ثم اختفى ولم يدفع الفاتورة.",
        "أحمد",
        " وبعدها اتصلت بي شريكته فاطمة في منتصف الليل.",
        {
            "removed": "حُذف",
            "again": "فُحصت تعديلاتك مرة أخرى.",
            "card": "Story #",
            "approved": "Approved by mia on",
            "slot": "next publishing slot",
            "metoo": "This happened to me too",
            "advice": "Advice for this type of client",
        },
    ),
}


@pytest.mark.parametrize("lang", ["en", "fi", "ru", "ar"])
async def test_share_edit_confirm_approve_and_publish_in_a_later_slot(parley, lang):
    s = parley
    member, text, name, addition, words = CASES[lang]
    form = FORMS[lang]
    await set_up(s)
    if lang == "ar":
        await speak_arabic(s, member)

    # The private preview: the anonymised text, what was removed marked in bold, nothing stored yet.
    preview = (await share(s, member, text, lang=lang)).message
    assert preview.ephemeral and preview.to == member and preview.allowed_mentions == NO_PINGS
    assert name not in preview.text and words["removed"] in preview.text
    assert re.search(r"\*\*\\\[[^\]]+\\\]\*\*", preview.text)  # a placeholder, in bold
    assert [b.text for b in preview.buttons] == [f"✅ {form.confirm}", f"✏️ {form.edit}", f"🗑️ {form.cancel}"]
    assert await services(s).db.fetchval("SELECT COUNT(*) FROM stories") == 0

    # Edit: the form comes back with the ANONYMISED text; what the member adds is anonymised again.
    modal = (await s.click(member, form.edit)).modal
    prefilled = modal.field(form.story).value
    assert name not in prefilled and "[" in prefilled
    edited = (await s.submit(member, {form.archetype: "non_payer", form.story: prefilled + addition})).message
    assert edited.event == "edited" and edited.message_id == preview.message_id
    assert words["again"] in edited.text
    assert addition.split()[-1] in edited.text  # the member's addition is there...
    for added_name in re.findall(r"[A-ZА-ЯЁ][a-zа-яё]+ [A-ZА-ЯЁ][a-zа-яё]+", addition):
        assert added_name not in edited.text  # ...without the name they added

    # Confirm: stored (anonymised only), queued for the moderators without any author.
    done = (await s.click(member, form.confirm)).message
    assert done.event == "edited" and done.buttons == []
    [card] = s.messages_in("#mod-queue")
    assert card.text.startswith("### 📖 Story #1") and name not in card.text
    assert [b.text for b in card.buttons] == [
        "✅ Approve",
        "✏️ Edit & approve",
        "⭐ Feature",
        "🖍️ Redact",
        "✖️ Reject",
        "↩️ Request edit",
        "⛔ Block author",
    ]
    stored = await services(s).db.fetchval("SELECT text FROM stories")
    assert name not in stored and prefilled.split()[0] in stored

    decided = (await s.click("mia", "Approve", in_="#mod-queue")).message
    assert decided.message_id == card.message_id and words["approved"] in decided.text
    assert words["slot"] in decided.text and decided.buttons == []

    # Not in the slot it was approved in: only in a later one.
    assert (await run_due(s)).published == 0
    assert s.messages_in("#stories") == []
    assert (await run_due(s, hours=6)).published == 1
    [post] = s.messages_in("#stories")
    assert name not in post.text and "2026-01-01" in post.text
    assert not re.search(r"\d{1,2}:\d{2}", post.text)  # a day, never a time
    assert [b.text for b in post.buttons] == [
        "👍 Helpful · 0",
        "👎 Not helpful · 0",
        f"🤝 {words['metoo']} · 0",
        f"📘 {words['advice']}",
        "🚩 Report",
    ]
    assert (await run_due(s, hours=6)).published == 0  # exactly once

    # Nobody learns who wrote it: no payload anywhere carries the author's id, name or keyed hash.
    sent = payload_text(s)
    for trace in author_traces(s, member):
        assert trace not in sent, trace
    assert_no_pings(s)


async def test_readers_vote_say_me_too_and_open_the_advice(parley):
    s = parley
    await set_up(s)
    await share_and_confirm(s, "bob", "The client asked for unlimited revisions for a flat fee and never signed.")
    await s.click("mia", "Approve", in_="#mod-queue")
    await run_due(s, hours=6)
    step = await s.click("alice", "Helpful", in_="#stories")
    assert step.visible[0].event == "edited" and "👍 Helpful · 1" in [b.text for b in step.visible[0].buttons]
    step = await s.click("layla", "happened to me too", in_="#stories")
    [post, receipt] = step.visible
    assert "🤝 This happened to me too · 1" in [b.text for b in post.buttons]
    assert receipt.ephemeral and receipt.to == "layla" and "Counted" in receipt.text
    assert "👍 Helpful · 1" in [b.text for b in post.buttons]  # the other counts survive the refresh
    step = await s.click("layla", "happened to me too", in_="#stories")
    assert "🤝 This happened to me too · 0" in [b.text for b in step.visible[0].buttons]
    # The author can't vote for their own story (and learns only that, privately).
    step = await s.click("bob", "happened to me too", in_="#stories")
    assert step.message.ephemeral and step.message.to == "bob" and "yours" in step.message.text
    step = await s.click("alice", "Advice for this type of client", in_="#stories")
    assert step.message.ephemeral and step.message.to == "alice"
    assert "Asiakas, joka ei maksa" in step.message.text  # the advice list, in alice's language
    assert_no_pings(s)


async def test_reject_with_reason_and_note_shows_in_story_mine(parley):
    s = parley
    await set_up(s)
    await share_and_confirm(s, "alice", "Asiakas soitti joka ilta kymmenen jälkeen ja vaati vastausta heti.", lang="fi")
    step = await s.click("mia", "Reject", in_="#mod-queue")
    assert step.modal.title == "Reject"
    step = await s.submit("mia", {"Reason": "identifying", "Note to the author (optional)": "Jätä kaupunki pois."})
    card = step.message
    assert "✖️ **Rejected by mia on" in card.text and "Reason: Could identify someone" in card.text
    assert "Asiakas soitti" not in card.text  # the text leaves the queue channel with the rejection
    mine = (await s.command("alice", "story mine")).message
    assert mine.ephemeral and "Ei julkaistu" in mine.text
    assert "Syy: Voi paljastaa jonkun henkilöllisyyden" in mine.text and "Jätä kaupunki pois." in mine.text
    assert [b.text for b in mine.buttons] == ["✏️ Muokkaa ja lähetä uudelleen", "🗑️ Poista"]  # not a dead end
    # /mod audit records it, without any author
    audit = (await s.command("mia", "mod audit")).message
    assert "**Reject** · Story #1 · Could identify someone" in audit.text and "you" in audit.text
    for trace in author_traces(s, "alice"):
        assert trace not in audit.text
    assert_no_pings(s)


async def test_request_edit_then_the_author_resubmits(parley):
    s = parley
    await set_up(s)
    await share_and_confirm(s, "ivan", "Заказчик требовал правки по ночам и грозил плохим отзывом.", lang="ru")
    await s.click("mia", "Request edit", in_="#mod-queue")
    step = await s.submit("mia", {"What should the author change?": "Добавьте, чем всё закончилось."})
    assert "↩️ **Sent back to its author for edits by mia" in step.message.text
    mine = (await s.command("ivan", "story mine")).message
    assert "Возвращена вам на доработку" in mine.text and "Добавьте, чем всё закончилось." in mine.text
    modal = (await s.click("ivan", "Исправить и отправить снова")).modal
    assert modal.field("Ваша история").value.startswith("Заказчик требовал")
    step = await s.submit(
        "ivan",
        {"Тип заказчика": "after_hours", "Ваша история": modal.field("Ваша история").value + " В итоге я ушёл."},
    )
    assert step.message.ephemeral and "Подтвердить и отправить" in [b.text[2:].strip() for b in step.message.buttons]
    await s.click("ivan", "Подтвердить и отправить")
    cards = s.messages_in("#mod-queue")
    assert len(cards) == 2 and "В итоге я ушёл." in cards[-1].text and cards[-1].buttons
    story = (await StoriesRepository(services(s).db).mine(s.fake.guild.id, author_traces_key(s, "ivan")))[0]
    assert story.status.value == "pending" and story.archetype == "after_hours" and story.note is None
    assert_no_pings(s)


def author_traces_key(s, member):
    return services(s).identity.member_key(s.fake.guild.id, s.fake.member(member).user.id)


async def test_double_approve_makes_exactly_one_decision(parley):
    s = parley
    await set_up(s)
    await share_and_confirm(s, "bob", "The client paid half and disputed the rest through the platform.")

    # Two moderators press Approve on the same card at the same moment (both clicks reach the bot first).
    async def both(tracker):
        first = None
        for member in ("mia", "owner"):
            msg, raw, info, _ = s._find(member, "#mod-queue", want="button", label="Approve")
            record = s._component_interaction(member, msg, raw, info, None)
            first = first or record
        return first

    step = await s._step("mia and owner press Approve together", both)
    edited = [v for v in step.visible if not v.ephemeral]
    told = [v for v in step.visible if v.ephemeral]
    assert len(edited) == 1 and "Approved by" in edited[0].text
    assert len(told) == 1 and "already decided on this one (approved)" in told[0].text
    winner = "mia" if "Approved by mia" in edited[0].text else "owner"
    assert told[0].to != winner and winner in told[0].text  # the slower one hears who was faster
    rows = await services(s).db.fetchall("SELECT action FROM mod_audit")
    assert [r["action"] for r in rows] == ["approve"]

    # The same race through a form: mia opens Edit & approve, owner approves, mia's submit is refused.
    await share_and_confirm(s, "bob", "Another client promised exposure instead of payment.")
    step = await s.click("mia", "Edit & approve", in_="#mod-queue")
    text = step.modal.field("Story").value
    await s.click("owner", "Approve", in_="#mod-queue")
    step = await s.submit("mia", {"Story": text + " Edited."})
    assert step.message.ephemeral and step.message.text.startswith("⚠️ owner already decided on this one (approved)")
    assert await services(s).db.fetchval("SELECT COUNT(*) FROM mod_audit") == 2
    assert "Edited." not in await services(s).db.fetchval("SELECT text FROM stories WHERE id = 2")
    assert_no_pings(s)


async def test_a_moderator_cannot_decide_on_their_own_story(parley):
    s = parley
    await set_up(s)
    await share_and_confirm(s, "mia", "The client rewrote the brief three times after sign-off.")
    for label in ("Approve", "Block author", "Edit & approve"):
        step = await s.click("mia", label, in_="#mod-queue")
        refusal = step.message
        assert refusal.ephemeral and refusal.to == "mia"
        assert refusal.text == "⚠️ You can't act on this one: another moderator will."
    [card] = s.messages_in("#mod-queue")
    assert card.buttons and "Approved" not in card.text  # nothing happened, nothing revealed on the card
    assert await services(s).db.fetchval("SELECT COUNT(*) FROM mod_audit") == 0
    step = await s.click("owner", "Approve", in_="#mod-queue")
    assert "Approved by owner" in step.message.text
    assert_no_pings(s)


async def test_block_author_stops_sharing_without_revealing_who(parley):
    s = parley
    await set_up(s)
    await share_and_confirm(s, "bob", "A client kept sending abusive voice notes at night.")
    step = await s.click("mia", "Block author", in_="#mod-queue")
    assert step.modal.title == "Block author"  # never one click: a form says what it does and asks why
    assert await services(s).db.fetchval("SELECT COUNT(*) FROM story_author_blocks") == 0
    step = await s.submit("mia", {"Reason": "harmful"})
    card = step.message
    assert "⛔ **Author blocked by mia on" in card.text and "A client kept" not in card.text
    refused = (await s.command("bob", "story share")).message
    assert refused.ephemeral and refused.text == "⚠️ Sharing stories isn't available to you in this server."
    # Others still can.
    assert (await s.command("layla", "story share")).modal.title == "Share a story"
    sent = payload_text(s)
    for trace in author_traces(s, "bob"):
        assert trace not in sent, trace
    blocks = await services(s).db.fetchall("SELECT * FROM story_author_blocks")
    assert len(blocks) == 1 and str(s.fake.member("bob").user.id) not in str(tuple(blocks[0]))
    assert (blocks[0]["story_id"], blocks[0]["reason"]) == (1, "harmful")
    assert_no_pings(s)


async def test_restart_between_share_and_approve_keeps_every_button_working(parley):
    s = parley
    await set_up(s)
    await share_and_confirm(s, "alice", "Asiakas maksoi vasta kolmannen muistutuksen jälkeen.", lang="fi")
    await s.restart()
    step = await s.click("mia", "Approve", in_="#mod-queue")
    assert "Approved by mia" in step.message.text
    await s.restart()
    await run_due(s, hours=6)
    [post] = s.messages_in("#stories")
    await s.restart()
    step = await s.click("bob", "Helpful", in_="#stories")
    assert "👍 Helpful · 1" in [b.text for b in step.visible[0].buttons]
    step = await s.click("bob", "happened to me too", in_="#stories")
    assert "🤝 This happened to me too · 1" in [b.text for b in step.visible[0].buttons]
    mine = (await s.command("alice", "story mine")).message
    assert "Julkaistu" in mine.text and post.message_id
    assert_no_pings(s)


async def test_a_preview_does_not_survive_a_restart_and_nothing_was_stored(parley):
    s = parley
    await set_up(s)
    await share(s, "bob", "The client wanted a full rebrand for the price of a business card.")
    await s.restart()
    step = await s.click("bob", "Confirm and send")
    assert step.message.ephemeral
    assert step.message.text == "⚠️ This preview has expired and nothing was saved. Run /story share to start again."
    assert await services(s).db.fetchval("SELECT COUNT(*) FROM stories") == 0
    assert s.messages_in("#mod-queue") == []


async def test_cancel_keeps_nothing(parley):
    s = parley
    await set_up(s)
    await share(s, "bob", "The client invented a new deliverable every Friday afternoon.")
    step = await s.click("bob", "Cancel")
    assert step.message.text == "🗑️ Cancelled. Nothing was saved: the story is gone." and step.message.buttons == []
    assert await services(s).db.fetchval("SELECT COUNT(*) FROM stories") == 0
    assert len(s.bot.get_cog("Stories").previews) == 0


async def test_before_setup_and_when_turned_off_members_are_told_kindly(parley):
    s = parley
    step = await s.command("alice", "story share")
    assert step.message.ephemeral
    assert step.message.text.startswith("⚠️ ") and "/asetukset" in step.message.text
    step = await s.command("bob", "story share")
    assert "/setup" in step.message.text
    await set_up(s)
    await s.click("owner", "Stories")  # the capability toggle on the settings card
    step = await s.command("bob", "story share")
    assert step.message.text == "⚠️ Story sharing is turned off in this server."


async def test_the_daily_limit_is_per_author(parley):
    s = parley
    await set_up(s, stories_per_day=1)
    step = await share_and_confirm(s, "bob", "A client paid with a cheque that bounced twice.")
    assert "That was your last story for today." in step.message.text
    step = await s.command("bob", "story share")
    assert step.message.text.startswith("⚠️ You've shared today's stories already")
    assert (await s.command("layla", "story share")).modal  # someone else still can
    await s.advance(24 * 3600)
    assert (await s.command("bob", "story share")).modal  # and tomorrow bob can again


async def test_member_text_can_never_ping(parley):
    s = parley
    await set_up(s)
    role_id = s.fake.role("Moderators").id
    user_id = s.fake.member("layla").user.id
    hostile = (
        f"@everyone the client said @here and <@{user_id}> and <@&{role_id}> and @every\u200bone "
        f"and <@\u200b{user_id}> and <@\u2066&{role_id}> and [click](https://evil.example) and discord.gg/abc"
    )
    preview = (await share(s, "bob", hostile, title="@everyone look")).message
    assert "@everyone" not in preview.text and f"<@{user_id}>" not in preview.text
    await s.click("bob", "Confirm and send")
    await s.click("mia", "Approve", in_="#mod-queue")
    await run_due(s, hours=6)
    for message in (*s.messages_in("#mod-queue"), *s.messages_in("#stories")):
        assert message.pings == () and message.allowed_mentions == NO_PINGS
        assert "@everyone" not in message.text and "@here" not in message.text
        assert f"<@{user_id}>" not in message.text and f"<@&{role_id}>" not in message.text
    assert_no_pings(s)


async def test_browse_searches_published_stories_with_pages(parley):
    s = parley
    await set_up(s, stories_per_day=10)
    texts = [f"Invoice story number {n}: the client paid {n} weeks late." for n in range(7)]
    texts.append("A different tale about a creepy client calling at night.")
    for text in texts:
        await share_and_confirm(s, "bob", text, archetype="creep" if "creepy" in text else "non_payer")
    for _ in texts:
        await s.click("mia", "Approve", in_="#mod-queue")
    await run_due(s, hours=6)
    assert len(s.messages_in("#stories")) == 8
    step = await s.command("layla", "story browse", search="invoice late")
    page = step.message
    assert page.ephemeral and "7 stories found" in page.text and "Page 1 of 2" in page.text
    assert page.text.count("[Read it](https://discord.com/channels/") == 5
    step = await s.click("layla", "Next")
    assert "Page 2 of 2" in step.message.text and step.message.message_id == page.message_id
    step = await s.command("layla", "story browse", type="creep")
    assert "1 story found" in step.message.text and "creepy client" in step.message.text
    step = await s.command("layla", "story browse", search='"invoice" (late*')
    assert "7 stories found" in step.message.text  # quotes and operators are just punctuation here
    step = await s.command("layla", "story browse", search="nowhere-to-be-found")
    assert "No published story matches yet." in step.message.text
    # pages of a search live in memory only: after a restart they ask to search again
    await s.restart()
    [second_page] = [m for m in s.messages_for("layla") if m.message_id == page.message_id]
    step = await s.click("layla", custom_id=second_page.button("Previous").custom_id)
    assert step.message.text == "⚠️ This has expired. Please run the command again."


async def test_withdraw_and_delete_from_story_mine(parley):
    s = parley
    await set_up(s)
    await share_and_confirm(s, "bob", "A client cancelled the project a day before delivery.")
    await share_and_confirm(s, "bob", "A client asked for the source files before paying anything.")
    first_card, _second_card = s.messages_in("#mod-queue")
    await s.click("mia", "Approve", in_="#mod-queue")  # the newest card: the second story
    await run_due(s, hours=6)
    assert len(s.messages_in("#stories")) == 1
    mine = (await s.command("bob", "story mine")).message
    assert [b.text for b in mine.buttons] == [
        "✅ Mark resolved",
        "✏️ Request a correction",
        "🗑️ Delete",
        "🔗 See the post",
        "↩️ Withdraw",
    ]

    step = await s.click("bob", "Withdraw")
    assert "Remove story #1?" in step.message.text
    step = await s.click("bob", "Yes, remove it for good")
    assert "✅ Story #1 was removed." in step.message.text
    card = next(m for m in s.messages_in("#mod-queue") if m.message_id == first_card.message_id)
    assert "withdrawn or deleted by its author" in card.text and "cancelled the project" not in card.text
    assert card.buttons == []

    step = await s.click("bob", "Delete")
    assert "Delete story #2 for good?" in step.message.text
    await s.click("bob", "Yes, remove it for good")
    assert s.messages_in("#stories") == []  # the bot deleted its post
    assert await services(s).db.fetchval("SELECT COUNT(*) FROM stories") == 0
    # someone else's story id is never actionable, and looks exactly like a missing one
    mine = (await s.command("bob", "story mine")).message
    assert "You haven't shared a story here yet." in mine.text
    assert_no_pings(s)


async def test_reminder_once_then_expiry_seen_in_story_mine(parley):
    s = parley
    await set_up(s)
    await share_and_confirm(s, "layla", "The client asked for a discount after approving the final design.")
    assert (await run_due(s, hours=47)).reminded == 0
    assert (await run_due(s, hours=2)).reminded == 1
    reminder = s.messages_in("#mod-queue")[-1]
    assert reminder.text.startswith("### ⏰ 1 item has waited longer than 48 hours")
    assert "open its card" in reminder.text and reminder.allowed_mentions == NO_PINGS
    assert (await run_due(s, hours=24)).reminded == 0  # once per item
    assert (await run_due(s, hours=24 * 5)).expired == 1
    card = s.messages_in("#mod-queue")[0]
    assert "⌛ **Expired on" in card.text and card.buttons == []
    mine = (await s.command("layla", "story mine")).message
    assert "Expired: no moderator decided in time" in mine.text
    assert_no_pings(s)


async def test_mod_queue_lists_pending_cards_and_is_for_moderators(parley):
    s = parley
    await set_up(s)
    await share_and_confirm(s, "bob", "The client wanted the work redone because their cousin disliked the colour.")
    listing = (await s.command("mia", "mod queue")).message
    [card] = s.messages_in("#mod-queue")
    channel_id = s.fake.channel("#mod-queue").id
    assert listing.ephemeral and "1 item is waiting" in listing.text
    assert f"/{channel_id}/{card.message_id})" in listing.text
    refused = (await s.command("bob", "mod queue")).message
    assert refused.text == "⚠️ Only moderators can do that."
    refused = (await s.command("bob", "mod audit")).message
    assert refused.text == "⚠️ Only moderators can do that."


async def test_redact_marks_more_text_removed_and_keeps_it_in_the_queue(parley):
    s = parley
    await set_up(s)
    await share_and_confirm(s, "bob", "The client from the blue office tower near the harbour never paid.")
    step = await s.click("mia", "Redact", in_="#mod-queue")
    assert step.modal.title == "Redact"
    step = await s.submit("mia", {"What to remove": "blue office tower\nnear the HARBOUR"})
    card = step.message
    assert "blue office tower" not in card.text and "harbour" not in card.text
    assert "**\\[removed\\]**" in card.text and "2 passages removed by mia." in card.text
    assert next(b.text for b in card.buttons) == "✅ Approve"  # still waiting for a decision
    step = await s.click("mia", "Approve", in_="#mod-queue")
    await run_due(s, hours=6)
    [post] = s.messages_in("#stories")
    assert "harbour" not in post.text and "**\\[removed\\]**" in post.text
    assert_no_pings(s)


async def test_story_commands_exist_in_finnish_and_russian(parley):
    tree = parley.bot.tree
    story = await tree.get_command("story").get_translated_payload(tree, tree.translator)
    assert story["name_localizations"] == {"fi": "tarina", "ru": "история"}
    names = {o["name"]: o.get("name_localizations") for o in story["options"]}
    assert names["share"] == {"fi": "jaa", "ru": "поделиться"}
    assert names["mine"] == {"fi": "omat", "ru": "мои"}
    mod = await tree.get_command("mod").get_translated_payload(tree, tree.translator)
    assert mod["name_localizations"] == {"fi": "moderointi", "ru": "модерация"}


async def test_an_arabic_server_gets_arabic_cards_with_isolated_numbers(parley):
    s = parley
    await set_up(s, language="ar")
    preview = (await share(s, "layla", "اتصل بي العميل أحمد كل ليلة بعد منتصف الليل.", lang="ar")).message
    assert "قصتك بعد إخفاء الهوية" in preview.text and "أحمد" not in preview.text
    await s.click("layla", FORMS["ar"].confirm)
    [card] = s.messages_in("#mod-queue")
    assert "القصة رقم \u20681\u2069" in card.text  # the id isolated inside the Arabic line
    assert "اعتماد" in [b.text.split(" ", 1)[1] for b in card.buttons]
    decided = (await s.click("mia", "اعتماد", in_="#mod-queue")).message
    assert "تم الاعتماد: \u2068mia\u2069" in decided.text
    await run_due(s, hours=6)
    [post] = s.messages_in("#stories")
    assert "\u20682026-01-01\u2069" in post.text and "حدث معي أيضًا" in [b.text for b in post.buttons][2]
    audit = (await s.command("mia", "mod audit")).message
    assert "سجل الإشراف" in audit.text and "\u2068أنت\u2069" in audit.text
    assert_no_pings(s)


async def test_a_moderators_nickname_cannot_ping_either(parley_factory):
    from parley.replay import ReplaySession
    from tests.conftest import STANDARD_GUILD, STANDARD_MEMBERS

    members = [*STANDARD_MEMBERS, {"name": "nick", "nick": "@everyone Nick", "roles": ["Moderators"]}]
    async with ReplaySession(parley_factory, guild=STANDARD_GUILD, members=members) as s:
        await set_up(s)
        await share_and_confirm(s, "bob", "The client changed the deadline twice in one afternoon.")
        await s.click("nick", "Redact", in_="#mod-queue")
        step = await s.submit("nick", {"What to remove": "twice"})
        assert "@\u200beveryone Nick" in step.message.text  # shown, inert
        step = await s.click("nick", "Approve", in_="#mod-queue")
        assert "@\u200beveryone Nick" in step.message.text and "@everyone" not in step.message.text
        audit = (await s.command("mia", "mod audit")).message
        assert "@everyone" not in audit.text
        assert_no_pings(s)


async def test_the_periodic_work_runs_as_a_loop_that_stops_with_the_cog(parley):
    cog = parley.bot.get_cog("Moderation")
    assert cog.due_work.is_running() and cog.due_work.minutes == 1
    await parley.restart()
    assert not cog.due_work.is_running()
    assert parley.bot.get_cog("Moderation").due_work.is_running()


async def test_feature_approves_and_marks_the_post(parley):
    s = parley
    await set_up(s)
    await share_and_confirm(
        s, "bob", "The client sent forty pages of feedback on a two-page flyer.", title="Forty pages"
    )
    step = await s.click("mia", "Feature", in_="#mod-queue")
    assert "⭐ **Approved and featured by mia on" in step.message.text
    await run_due(s, hours=6)
    [post] = s.messages_in("#stories")
    assert post.text.startswith("## Forty pages\n-# 🏷️ Non-payer / late payer · ⭐ Featured · 2026-01-01")


async def test_new_members_wait_before_sharing(parley):
    s = parley
    await set_up(s, min_membership_days=2)
    step = await s.command("alice", "story share")
    assert step.message.text.startswith("⚠️ Uudet jäsenet voivat jakaa tarinoita")
    # The standard fixture's fake Discord says members joined on 2026-03-02, while Parley's clock starts on
    # 2026-01-01: move past the join date plus the two days.
    await s.advance(63 * 24 * 3600)
    assert (await s.command("alice", "story share")).modal.title == "Jaa tarina"


async def test_a_clock_jump_event_runs_the_due_work(parley):
    s = parley
    await set_up(s)
    await share_and_confirm(s, "bob", "The client asked for a refund after using the designs for a year.")
    await s.click("mia", "Approve", in_="#mod-queue")
    s.fake.clock.advance(6 * 3600)
    services(s).clock.advance(hours=6)
    await s.bot.get_cog("Moderation").on_parley_clock_advanced()  # what `replay_advance` can dispatch
    assert len(s.messages_in("#stories")) == 1
