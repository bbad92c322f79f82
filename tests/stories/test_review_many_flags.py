"""The review with more flagged words than a Discord select holds (25), end to end in four languages.

The likeliest come first (a word written twice before one written once), repeats are one option that says how
often the word occurs, and the preview, the moderators' card and the Redact form all say how many more there are:
nothing is cut silently. The author picks the repeated word; the moderator redacts a listed one and pastes one the
list could not hold; what members read holds none of them.
"""

from __future__ import annotations

import itertools

import pytest

from parley.i18n import I18n
from tests.stories.conftest import FORMS, assert_no_pings, run_due, set_up, share, speak_arabic
from tests.stories.test_review_scenarios import TIP_FORMS

# 30 made-up office codes: no list knows them, so each is flagged (none is removed).
CODES = ["QX" + a + b for a, b in itertools.product("BCDFGHJKLMNP", "RTV")][:30]
TEXTS = {
    "en": ("bob", "Always get a deposit. The offices that never paid: {}. QXBR ignored me again."),
    "fi": ("alice", "Pyydä aina ennakko. Näissä toimistoissa ei maksettu: {}. QXBR ei vastannut taas."),
    "ru": ("ivan", "Всегда берите предоплату. Офисы, которые не заплатили: {}. QXBR снова молчит."),
    "ar": ("layla", "اطلب دفعة مقدمة دائما. المكاتب التي لم تدفع: {}. ثم QXBR تجاهلني مرة أخرى."),
}
REPEATED, LISTED, UNLISTED = "QXBR", "QXCT", CODES[-1]


def _more(lang: str, n: int) -> str:
    return I18n.load().get(lang).ngettext("and {count} more", "and {count} more", n)


def _labels(message) -> list[str]:
    return [o.label for o in message.selects[0].options]


def _check_preview(preview, lang: str, more: int) -> None:
    assert len(_labels(preview)) == 25
    assert _labels(preview)[0] == REPEATED  # written twice: first
    assert "×" in preview.selects[0].options[0].description
    assert UNLISTED not in _labels(preview)  # the 30th is beyond the select ...
    assert _more(lang, more) in preview.text  # ... and the preview says so


async def _moderate(s, lang: str) -> None:
    [card] = s.messages_in("#mod-queue")
    assert "Still flagged" in card.text and REPEATED not in card.text
    assert _more("en", 4) in card.text  # 29 flags left, 25 listed
    step = await s.click("mia", "Redact", in_="#mod-queue")
    field = step.modal.fields[0]
    assert field.label == "Still flagged" and len(field.options) == 25 and "4 others" in (field.description or "")
    step = await s.submit("mia", {"Still flagged": [LISTED], "What to remove": UNLISTED})
    assert LISTED not in step.message.text and UNLISTED not in step.message.text
    await s.click("mia", "Approve", in_="#mod-queue")


@pytest.mark.parametrize("lang", ["en", "fi", "ru", "ar"])
async def test_a_story_with_more_flags_than_a_select_holds(parley, lang):
    s = parley
    member, text = TEXTS[lang]
    await set_up(s)
    if lang == "ar":
        await speak_arabic(s, member)
    preview = (await share(s, member, text.format(", ".join(CODES)), lang=lang)).message
    _check_preview(preview, lang, len(CODES) - 25)

    again = (await s.select(member, [REPEATED], custom_id=preview.selects[0].custom_id)).message
    assert REPEATED not in again.text and REPEATED not in _labels(again) and UNLISTED in again.text
    await s.click(member, FORMS[lang].confirm)
    await _moderate(s, lang)

    await run_due(s, hours=6)
    [post] = s.messages_in("#stories")
    for word in (REPEATED, LISTED, UNLISTED):
        assert word not in post.text
    assert CODES[5] in post.text  # a flag no one picked stays: the author and the moderator judged it harmless
    assert_no_pings(s)


@pytest.mark.parametrize("lang", ["en", "fi", "ru", "ar"])
async def test_a_tip_with_more_flags_than_a_select_holds(parley, lang):
    s = parley
    member, text = TEXTS[lang]
    archetype, tip, language = TIP_FORMS[lang]
    await set_up(s)
    if lang == "ar":
        await speak_arabic(s, member)
    await s.command(member, "advice suggest")
    preview = (
        await s.submit(member, {archetype: "non_payer", tip: text.format(", ".join(CODES)), language: lang})
    ).message
    _check_preview(preview, lang, len(CODES) - 25)

    again = (await s.select(member, [REPEATED], custom_id=preview.selects[0].custom_id)).message
    assert REPEATED not in again.text and UNLISTED in again.text
    await s.click(member, FORMS[lang].confirm)
    await _moderate(s, lang)

    published = (await s.command(member, "advice browse", type="non_payer")).message.text
    for word in (REPEATED, LISTED, UNLISTED):
        assert word not in published
    assert CODES[5] in published
    assert_no_pings(s)
