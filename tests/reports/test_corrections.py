"""An author corrects or takes down their own published story from /story mine."""

from __future__ import annotations

import pytest

from tests.stories.conftest import FORMS, assert_no_pings, run_due, services, set_up, share_and_confirm, speak_arabic

STORIES = {
    "en": ("bob", "The client refused to pay the last invoice and blocked me everywhere after delivery."),
    "fi": ("alice", "Asiakas kieltäytyi maksamasta viimeistä laskua ja esti minut kaikkialla toimituksen jälkeen."),
    "ru": ("ivan", "Заказчик отказался оплатить последний счёт и заблокировал меня везде после сдачи работы."),
    "ar": ("layla", "رفض العميل دفع الفاتورة الأخيرة وحظرني في كل مكان بعد التسليم."),
}
ADDITION = {
    "en": " In the end he paid after a reminder from Rebecca Thornton.",
    "fi": " Lopulta hän maksoi, kun Liisa Korhonen muistutti.",
    "ru": " В итоге он заплатил после напоминания от Ольги Смирновой.",
    "ar": " في النهاية دفع بعد تذكير من فاطمة.",
}
WORDS = {
    "en": ("Request a correction", "Correct your story", "Thank you: your correction is with the moderators", "Delete"),
    "fi": ("Pyydä korjausta", "Korjaa tarinaasi", "Kiitos: korjauksesi on nyt moderaattoreilla", "Poista"),
    "ru": ("Запросить исправление", "Исправление истории", "Спасибо: исправление передано модераторам", "Удалить"),
    "ar": ("طلب تصحيح", "تصحيح القصة", "شكرًا لكم: التصحيح الآن لدى المشرفين", "حذف"),
}
NAMES = {"en": "Rebecca Thornton", "fi": "Liisa Korhonen", "ru": "Смирновой", "ar": "فاطمة"}


async def publish(s, member: str, text: str, lang: str) -> None:
    await share_and_confirm(s, member, text, lang=lang)
    await s.click("mia", "Approve", in_="#mod-queue")
    await run_due(s, hours=7)


@pytest.mark.parametrize("lang", ["en", "fi", "ru", "ar"])
async def test_author_corrects_a_published_story_and_the_post_changes_once_approved(parley, lang):
    s = parley
    member, text = STORIES[lang]
    correct, heading, thanks, _ = WORDS[lang]
    form = FORMS[lang]
    await set_up(s)
    if lang == "ar":
        await speak_arabic(s, member)
    await publish(s, member, text, lang)
    [post] = s.messages_in("#stories")
    mine = (await s.command(member, "story mine")).message
    assert f"✏️ {correct}" in [b.text for b in mine.buttons]
    modal = (await s.click(member, correct)).modal
    assert modal.title == heading and modal.field(form.story).value == text
    preview = (await s.submit(member, {form.archetype: "non_payer", form.story: text + ADDITION[lang]})).message
    assert NAMES[lang] not in preview.text  # the correction goes through the anonymiser like any story
    done = (await s.click(member, form.confirm)).message
    assert thanks in done.text
    card = s.messages_in("#mod-queue")[-1]
    assert "✏️ Correction for story #1" in card.text and NAMES[lang] not in card.text
    assert text in card.text
    # Until a moderator approves, the post keeps its text.
    assert s.messages_in("#stories")[0].text == post.text
    step = await s.click("mia", "Approve", in_="#mod-queue")
    assert "Approved by mia" in step.message.text
    [corrected] = s.messages_in("#stories")
    assert corrected.message_id == post.message_id and corrected.text != post.text
    assert ADDITION[lang].split()[0] in corrected.text and NAMES[lang] not in corrected.text
    stored = await services(s).db.fetchval("SELECT correction_text FROM stories")
    assert stored is None  # nothing waits any more
    assert_no_pings(s)


async def test_author_takes_a_published_story_down_at_once_and_nothing_of_it_is_kept(parley):
    s = parley
    member, text = STORIES["fi"]
    await set_up(s)
    await publish(s, member, text, "fi")
    await s.command(member, "story mine")
    await s.click(member, "Pyydä korjausta")
    await s.submit(member, {FORMS["fi"].archetype: "non_payer", FORMS["fi"].story: text + " Lisäys."})
    await s.click(member, FORMS["fi"].confirm)
    await s.command(member, "story mine")
    await s.click(member, "Poista")
    await s.click(member, "Kyllä, poista lopullisesti")
    assert s.messages_in("#stories") == []  # no moderator needed: the post is deleted at once
    assert await services(s).db.fetchval("SELECT COUNT(*) FROM stories") == 0
    # The waiting correction leaves the queue with it.
    status = await services(s).db.fetchval("SELECT status FROM mod_queue WHERE kind = 'correction'")
    assert status == "withdrawn"
    card = s.messages_in("#mod-queue")[-1]
    assert "Withdrawn by its author" in card.text and card.buttons == []
    assert_no_pings(s)
