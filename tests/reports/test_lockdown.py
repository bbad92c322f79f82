"""`/mod lockdown` end to end: on -> sharing and tips refused kindly with nothing lost -> off -> publishing resumes."""

from __future__ import annotations

import pytest

from tests.stories.conftest import (
    FORMS,
    assert_no_pings,
    run_due,
    services,
    set_up,
    share_and_confirm,
    speak_arabic,
)

# What a member reads when sharing is paused, and how /mod lockdown answers, per language.
PAUSED = {
    "en": "The moderators have paused sharing in this server for now",
    "fi": "Moderaattorit ovat keskeyttäneet jakamisen tällä palvelimella toistaiseksi",
    "ru": "Модераторы временно приостановили публикации на этом сервере",
    "ar": "أوقف المشرفون المشاركة في هذا الخادم مؤقتًا",
}
KEPT = {
    "en": "Your preview stays here for 30 minutes",
    "fi": "Esikatselusi pysyy tässä 30 minuuttia",
    "ru": "Предпросмотр останется здесь 30 минут",
    "ar": "ستبقى المعاينة هنا \u206830\u2069 دقيقة",  # the number isolated in right-to-left text
}
MEMBER = {"en": "bob", "fi": "alice", "ru": "ivan", "ar": "layla"}
STORY = {
    "en": "The client asked for unlimited revisions for a flat fee and never signed anything.",
    "fi": "Asiakas vaati loputtomasti korjauskierroksia kiinteällä hinnalla eikä allekirjoittanut mitään.",
    "ru": "Заказчик требовал бесконечных правок за фиксированную цену и ничего не подписал.",
    "ar": "طلب العميل تعديلات لا تنتهي بسعر ثابت ولم يوقّع على أي شيء.",
}


async def lockdown(s, state: str):
    return await s.command("mia", "mod lockdown", state=state)


@pytest.mark.parametrize("lang", ["en", "fi", "ru", "ar"])
async def test_lockdown_refuses_sharing_kindly_keeps_the_preview_and_lifting_resumes(parley, lang):
    s = parley
    member, form = MEMBER[lang], FORMS[lang]
    await set_up(s)
    if lang == "ar":
        await speak_arabic(s, member)
    # A story approved before the lockdown waits for its slot.
    await share_and_confirm(s, "bob" if lang != "en" else "layla", STORY["en"])
    await s.click("mia", "Approve", in_="#mod-queue")
    on = (await lockdown(s, "on")).message
    assert on.ephemeral and on.to == "mia" and "Lockdown is on" in on.text
    # Publishing pauses: the approved story waits past its slot.
    assert (await run_due(s, hours=7)).published == 0
    assert s.messages_in("#stories") == []
    # A /story share is refused before the form opens.
    step = await s.command(member, "story share")
    assert all(v.modal is None for v in step.visible) and PAUSED[lang] in step.message.text
    # Lifting resumes publishing at once: the story that waited goes out.
    off = (await lockdown(s, "off")).message
    assert "Lockdown lifted" in off.text
    assert len(s.messages_in("#stories")) == 1
    # A member whose form was open when the lockdown began gets the preview...
    await s.command(member, "story share")
    await lockdown(s, "on")
    preview = (await s.submit(member, {form.archetype: "non_payer", form.story: STORY[lang]})).message
    assert preview.ephemeral
    # ...but Confirm is refused kindly, and the preview (with the member's text) stays.
    refused = (await s.click(member, form.confirm)).message
    assert refused.ephemeral and refused.to == member
    assert PAUSED[lang] in refused.text and KEPT[lang] in refused.text
    assert await services(s).db.fetchval("SELECT COUNT(*) FROM stories WHERE status = 'pending'") == 0

    await lockdown(s, "off")
    # The kept preview can be confirmed now.
    step = await s.click(member, form.confirm)
    assert step.error is None, step.describe()
    assert await services(s).db.fetchval("SELECT COUNT(*) FROM stories WHERE status = 'pending'") == 1
    assert_no_pings(s)


async def test_lockdown_is_audited_for_moderators_only_and_switching_twice_changes_nothing(parley):
    s = parley
    await set_up(s)
    step = await s.command("bob", "mod lockdown", state="on")
    assert step.message.text == "⚠️ Only moderators can do that."
    await lockdown(s, "on")
    again = (await lockdown(s, "on")).message
    assert "already on" in again.text
    await lockdown(s, "off")
    nothing = (await lockdown(s, "off")).message
    assert "no lockdown to lift" in nothing.text
    audit = (await s.command("mia", "mod audit")).message.text
    assert "**Lockdown on** · the whole server" in audit and "**Lockdown lifted** · the whole server" in audit
    assert audit.count("Lockdown") == 2  # the no-op switches are not audited


async def test_tips_during_lockdown_come_back_as_text(parley):
    s = parley
    await set_up(s)
    await s.command("bob", "advice suggest")
    await lockdown(s, "on")
    await s.submit(
        "bob",
        {
            "Type of client": "non_payer",
            "Your tip": "Ask for a deposit before you start any work.",
            "Language of the tip": "en",
        },
    )
    step = await s.click("bob", "Confirm and send")
    text = step.message.text
    assert "paused sharing" in text and "Ask for a deposit before you start any work." in text
    assert await services(s).db.fetchval("SELECT COUNT(*) FROM tips") == 0
    step = await s.command("bob", "advice suggest")
    assert all(v.modal is None for v in step.visible) and "paused sharing" in step.message.text
