"""The review step end to end through the offline Discord, in four languages, for a story and a tip.

The author sees what the anonymiser was not sure about and removes one word with a pick; the moderator sees what
is still flagged, redacts it from the Redact form's list and approves; what members finally read holds neither.
A tip's name and phone number never reach the queue channel, and a rejected tip's text leaves it.
"""

from __future__ import annotations

import pytest

from tests.stories.conftest import FORMS, assert_no_pings, payload_text, run_due, set_up, share, speak_arabic

# member, story (with a name the anonymiser removes and two words it only flags), the name, the two flagged words
STORIES = {
    "en": (
        "bob",
        "The client Jonathan Whitaker wanted three logo versions for free. We met in SLC, and his office said "
        "Portugal was next.",
        "Whitaker",
        ("SLC", "Portugal"),
    ),
    "fi": (
        "alice",
        "Asiakas Matti Virtanen halusi kolme logoversiota ilmaiseksi. Tapasimme NWT:n toimistolla ja Portugali oli "
        "hänen seuraava kohteensa.",
        "Virtanen",
        ("NWT", "Portugali"),
    ),
    "ru": (
        "ivan",
        "Заказчик Пётр Сидоров попросил три варианта логотипа бесплатно. ЖБК так и не ответил, а Португалия была "
        "следующей.",
        "Сидоров",
        ("ЖБК", "Португалия"),
    ),
    "ar": (
        "layla",
        "طلب مني العميل أحمد ثلاث نسخ من الشعار مجانًا. قال إنه من عنبتا وإن مكتبه عند QTX.",
        "أحمد",
        ("عنبتا", "QTX"),
    ),
}
# member, tip (a name and a phone number it removes, two words it flags), the name, the phone's digits, the flags
TIPS = {
    "en": (
        "bob",
        "When Pekka Mäkinen from Acme Oy did not pay I called his CFO at +358 40 765 4321, then flew to SLC; "
        "Portugal was next. Always ask for a deposit.",
        "Mäkinen",
        "765 4321",
        ("SLC", "Portugal"),
    ),
    "fi": (
        "alice",
        "Kun Pekka Mäkinen Acme Oy:stä ei maksanut, soitin talousjohtajalle numeroon 040 765 4321 ja kävin NWT:n ja "
        "KRX:n toimistoilla. Pyydä aina ennakkomaksu.",
        "Mäkinen",
        "765 4321",
        ("NWT", "KRX"),
    ),
    "ru": (
        "ivan",
        "Когда Пётр Сидоров из ООО «Ромашка» не заплатил, я позвонил его бухгалтеру по номеру +7 915 204-33-81 и "
        "съездил к ЖБК и к КРЗ. Всегда берите предоплату.",
        "Сидоров",
        "204-33-81",
        ("ЖБК", "КРЗ"),
    ),
    "ar": (
        "layla",
        "عندما لم يدفع العميل سامر حداد اتصلت بمديره على 0599412336 وذهبت إلى عنبتا وإلى QTX. اطلب دفعة مقدمة دائمًا.",
        "سامر",
        "0599412336",
        ("عنبتا", "QTX"),
    ),
}
TIP_FORMS = {
    "en": ("Type of client", "Your tip", "Language of the tip"),
    "fi": ("Asiakastyyppi", "Vinkkisi", "Vinkin kieli"),
    "ru": ("Тип заказчика", "Ваш совет", "Язык совета"),
    "ar": ("نوع العميل", "نصيحتك", "لغة النصيحة"),
}
FLAGGED = {
    "en": "Could still identify someone",
    "fi": "Voisi yhä tunnistaa jonkun",
    "ru": "Ещё может указать на человека",
    "ar": "قد يدلّ على شخص ما",
}


def _options(message) -> list[str]:
    return [o.label for o in message.selects[0].options]


@pytest.mark.parametrize("lang", ["en", "fi", "ru", "ar"])
async def test_story_review_author_picks_one_moderator_redacts_the_other(parley, lang):
    s = parley
    member, text, name, (picked, left) = STORIES[lang]
    await set_up(s)
    if lang == "ar":
        await speak_arabic(s, member)
    preview = (await share(s, member, text, lang=lang)).message
    assert preview.ephemeral and name not in preview.text
    assert FLAGGED[lang] in preview.text and picked in preview.text and left in preview.text
    assert {picked, left} <= set(_options(preview))

    step = await s.select(member, [picked], custom_id=preview.selects[0].custom_id)
    again = step.message
    assert again.message_id == preview.message_id and picked not in again.text and left in again.text
    assert picked not in _options(again)
    await s.click(member, FORMS[lang].confirm)

    [card] = s.messages_in("#mod-queue")
    assert "Still flagged" in card.text and left in card.text
    assert picked not in card.text and name not in card.text
    step = await s.click("mia", "Redact", in_="#mod-queue")
    assert step.modal.title == "Redact" and step.modal.fields[0].label == "Still flagged"
    step = await s.submit("mia", {"Still flagged": [left]})
    card = step.message
    assert left not in card.text and "Still flagged" not in card.text
    await s.click("mia", "Approve", in_="#mod-queue")

    await run_due(s, hours=6)
    [post] = s.messages_in("#stories")
    for word in (name, picked, left):
        assert word not in post.text
    assert_no_pings(s)


@pytest.mark.parametrize("lang", ["en", "fi", "ru", "ar"])
async def test_tip_review_name_and_phone_never_reach_the_queue(parley, lang):
    s = parley
    member, text, name, digits, (picked, left) = TIPS[lang]
    archetype, tip, language = TIP_FORMS[lang]
    await set_up(s)
    if lang == "ar":
        await speak_arabic(s, member)
    await s.command(member, "advice suggest")
    preview = (await s.submit(member, {archetype: "non_payer", tip: text, language: lang})).message
    assert preview.ephemeral and name not in preview.text and digits not in preview.text
    assert FLAGGED[lang] in preview.text and {picked, left} <= set(_options(preview))
    assert s.messages_in("#mod-queue") == []  # nothing is stored or queued before the author confirms

    step = await s.select(member, [picked], custom_id=preview.selects[0].custom_id)
    assert picked not in step.message.text and left in step.message.text
    await s.click(member, FORMS[lang].confirm)

    [card] = s.messages_in("#mod-queue")
    assert "Still flagged" in card.text and left in card.text and picked not in card.text
    step = await s.click("mia", "Redact", in_="#mod-queue")
    step = await s.submit("mia", {"Still flagged": [left]})
    assert left not in step.message.text
    step = await s.click("mia", "Approve", in_="#mod-queue")
    assert "Approved by mia" in step.message.text

    published = (await s.command(member, "advice browse", type="non_payer")).message.text
    queue_payloads = "\n".join(str(r.body) for r in s.fake.requests if str(s.fake.channel("#mod-queue").id) in r.path)
    for word in (name, digits, picked, left):
        assert word not in published
    for word in (name, digits, picked):  # the flagged word the moderator redacted was shown to them, on purpose
        assert word not in queue_payloads
    assert left not in s.messages_in("#mod-queue")[-1].text
    assert name not in payload_text(s) and digits not in payload_text(s)
    assert_no_pings(s)


PLAIN_TIPS = {
    "en": ("bob", "Keep every agreement in writing."),
    "fi": ("alice", "Pidä jokainen sopimus kirjallisena."),
    "ru": ("ivan", "Фиксируйте каждую договорённость письменно."),
    "ar": ("layla", "احتفظ بكل اتفاق مكتوبًا."),
}


@pytest.mark.parametrize("lang", ["en", "fi", "ru", "ar"])
async def test_a_rejected_tips_text_leaves_the_queue_channel(parley, lang):
    s = parley
    member, text = PLAIN_TIPS[lang]
    archetype, tip, language = TIP_FORMS[lang]
    await set_up(s)
    if lang == "ar":
        await speak_arabic(s, member)
    await s.command(member, "advice suggest")
    await s.submit(member, {archetype: "creep", tip: text, language: lang})
    await s.click(member, FORMS[lang].confirm)
    [card] = s.messages_in("#mod-queue")
    assert text in card.text
    step = await s.select("mia", ["Could identify someone"], custom_id=card.selects[-1].custom_id, in_="#mod-queue")
    assert "Rejected by mia" in step.message.text
    assert text not in step.message.text
    assert "The text was taken off this channel after the decision." in step.message.text
    assert all(text not in m.text for m in s.messages_in("#mod-queue"))


async def test_edit_and_approve_a_tip_anonymises_the_moderators_words_as_new_entities(parley):
    s = parley
    await set_up(s)
    await s.command("bob", "advice suggest")
    await s.submit(
        "bob",
        {
            "Type of client": "non_payer",
            "Your tip": "Ask Harriet Quill for a deposit first.",
            "Language of the tip": "en",
        },
    )
    await s.click("bob", "Confirm and send")
    step = await s.click("mia", "Edit & approve", in_="#mod-queue")
    assert step.modal.fields[0].value == "Ask [client] for a deposit first."
    step = await s.submit("mia", {"Tip": "Ask [client] for a deposit first; her colleague Liisa Korhonen agreed."})
    assert "Approved by mia" in step.message.text
    assert "[client]" in step.message.text.replace("\\", "") and "[person 2]" in step.message.text.replace("\\", "")
    assert "Korhonen" not in step.message.text


# member, title with a name, the name, the placeholder it becomes, the story
TITLES = {
    "en": ("bob", "Jonathan Whitaker ghosted my invoice", "Whitaker", "[client]", STORIES["en"][1]),
    "fi": ("alice", "Matti Virtanen jätti laskun maksamatta", "Virtanen", "[asiakas]", STORIES["fi"][1]),
    "ru": ("ivan", "Пётр Сидоров не оплатил счёт", "Сидоров", "[заказчик]", STORIES["ru"][1]),
    "ar": ("layla", "العميل أحمد لم يدفع الفاتورة", "أحمد", "[العميل]", STORIES["ar"][1]),
}


@pytest.mark.parametrize("lang", ["en", "fi", "ru", "ar"])
async def test_a_title_with_a_name_is_published_anonymised_and_plain(parley, lang):
    s = parley
    member, title, name, label, text = TITLES[lang]
    await set_up(s)
    if lang == "ar":
        await speak_arabic(s, member)
    await share(s, member, text, lang=lang, title=title)
    await s.click(member, FORMS[lang].confirm)
    await s.click("mia", "Approve", in_="#mod-queue")
    await run_due(s, hours=24)
    [post] = s.messages_in("#stories")
    heading = post.text.splitlines()[0]
    assert name not in post.text
    assert heading.startswith("## ") and "*" not in heading  # the title is stored plain: no bold from the preview
    assert label.strip("[]") in heading.replace("\\", "")
