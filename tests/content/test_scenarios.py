"""End to end through the offline Discord, in all four languages: an admin imports the server's own advice from a
file the bot fetches from Discord's CDN, members see it beside the guides' items with its source and vote on it; a
bad file is refused with every problem and nothing stored; the export re-imports to the same items; a non-payer
result offers the know-your-rights cards. Every request is validated against Discord's OpenAPI spec."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from typing import Any

import pytest

from parley.cogs._shared.runtime import services_for
from parley.database.repositories.content import ContentRepository
from parley.knowledge.rights import default_rights
from parley.replay import ReplaySession

LANGS = ("en", "ar", "fi", "ru")
LOCALES = {"en": "en-US", "ar": "en-US", "fi": "fi", "ru": "ru"}
NO_PINGS = {"parse": []}
FSI_RUN = re.compile("[\u2066\u2068][^\u2069]*\u2069")

ADVICE = """\
[[advice]]
id = "ask_deposit"
archetypes = ["non_payer"]
source = "Our members' payment survey, 2025 @everyone"
text.en = "Ask for a third up front before any work starts."
text.ar = "اطلبوا ثلث المبلغ دفعةً مقدّمة قبل بدء أي عمل."
text.fi = "Pyydä kolmannes ennakkomaksuna ennen kuin työ alkaa."
text.ru = "Просите треть суммы предоплатой до начала работы."

[[advice]]
id = "write_it_down"
archetypes = ["no_contract", "scope_creep"]
source = "https://example.org/wiki/contracts"
text.en = "Write the scope down in one e-mail and ask the client to reply OK."
"""

BAD = """\
[[advice]]
id = "ask_deposit"
archetypes = ["non_payer"]
source = "Our members' payment survey, 2025"
text.en = "Ask for a third up front."

[[advice]]
id = "no source"
archetypes = ["bad_payer"]
text.en = "Be firm."
"""

# What each language calls things, to check the member reads their own language.
WORDS = {
    "en": {"imported": "Imported 2 items", "own": "This server's own advice · source:", "problems": "3 problems"},
    "ar": {"imported": "استُوردت مادتان", "own": "نصيحة خاصة بهذا الخادم · المصدر:", "problems": "\u20683\u2069 مشكلات"},
    "fi": {"imported": "Tuotiin 2 kohdetta", "own": "Palvelimen oma neuvo · lähde:", "problems": "3 korjattavaa"},
    "ru": {
        "imported": "Импортировано 2 совета",
        "own": "Собственный совет сервера · источник:",
        "problems": "3 ошибки",
    },
}
TEXT = {
    "en": "Ask for a third up front",
    "ar": "اطلبوا ثلث المبلغ",
    "fi": "Pyydä kolmannes",
    "ru": "Просите треть суммы",
}


@pytest.fixture
async def open_session(parley_factory) -> AsyncIterator[Any]:
    sessions: list[ReplaySession] = []

    async def opener(lang: str) -> ReplaySession:
        members = [
            {"name": "owner", "locale": LOCALES[lang], "admin": True, "owner": True},
            {"name": "bob", "locale": LOCALES[lang]},
        ]
        s = ReplaySession(parley_factory, guild={"locale": "en-US", "channels": ["help"]}, members=members)
        await s.__aenter__()
        sessions.append(s)
        if lang == "ar":  # Arabic is reachable only through a stored choice
            for name in ("owner", "bob"):
                await s.command(name, "language")
                await s.select(name, ["ar"], index=0)
        return s

    yield opener
    for s in sessions:
        assert s.violations == [], s.violations
        await s.__aexit__(None, None, None)


def check(message: Any, lang: str) -> str:
    """Private, cannot ping, and in Arabic every Latin letter or digit sits inside an isolate."""
    assert message.ephemeral and message.allowed_mentions == NO_PINGS and message.pings == ()
    if lang == "ar":
        bare = re.sub(r"[#*\-_>`|]", "", FSI_RUN.sub("", message.text))
        assert not re.search(r"[A-Za-z0-9]", bare), bare
    return message.text


def upload(text: str, name: str = "our-advice.toml") -> dict[str, Any]:
    return {"filename": name, "content": text, "content_type": "application/toml"}


@pytest.mark.parametrize("lang", LANGS)
async def test_imported_items_appear_in_advice_with_their_source_and_take_votes(open_session, lang):
    s = await open_session(lang)
    step = await s.command("owner", "content import", file=upload(ADVICE))
    text = check(step.message, lang)
    assert WORDS[lang]["imported"] in text and "ask_deposit" in text and "write_it_down" in text
    # the bot fetched the attachment from Discord's CDN: the file never came in the interaction itself
    assert step.error is None

    step = await s.command("bob", "advice browse", type="non_payer")
    card = step.message
    text = check(card, lang)
    # newest wins a tie: the server's item comes first ("**1.**", or the rank isolated in Arabic)
    first = re.split(r"\*\*[^*\n]{1,12}\.\*\*", text)[1]
    assert TEXT[lang] in first and WORDS[lang]["own"] in first
    assert "Our members' payment survey, 2025" in first and "@everyone" not in first.replace("@\u200beveryone", "")
    assert "write_it_down" not in text  # not for this client type

    vote = next(b for b in card.buttons if b.custom_id == "parley:vote:advice:server.ask_deposit:up")
    await s.click("bob", custom_id=vote.custom_id)
    assert "1" in s.last_message("bob").button(vote.text.split("·")[0].strip()).text

    # removing it takes its votes along; members no longer see it
    await s.command("owner", "content remove", {"id": "ask_deposit"})
    votes = await services_for(s.bot).db.fetchval("SELECT COUNT(*) FROM votes WHERE item_id = 'server.ask_deposit'")
    assert votes == 0
    step = await s.command("bob", "advice browse", type="non_payer")
    assert TEXT[lang] not in step.message.text


@pytest.mark.parametrize("lang", LANGS)
async def test_a_bad_file_gets_every_problem_and_nothing_is_imported(open_session, lang):
    s = await open_session(lang)
    step = await s.command("owner", "content import", file=upload(BAD))
    text = check(step.message, lang)
    assert WORDS[lang]["problems"] in text
    # line, item and field of each problem, as the file has them
    line = {"en": "line", "ar": "السطر", "fi": "rivi", "ru": "строка"}[lang]
    for where in ("8", "`no source`", "`id`"):
        assert re.search(f"{line} [^\n]*{where}", text), where
    assert "`archetypes`" in text and "bad\\_payer" in text and "`source`" in text
    assert await ContentRepository(services_for(s.bot).db).items(s.fake.guild.id) == []  # the valid first item neither

    step = await s.command("owner", "content import", file=upload("x = 1", "advice.json"))
    assert "⚠️" in check(step.message, lang)
    step = await s.command("bob", "advice browse", type="non_payer")
    assert "🏠" not in step.message.text


@pytest.mark.parametrize("lang", LANGS)
async def test_the_export_re_imports_to_the_same_items_and_names_no_member(open_session, lang):
    s = await open_session(lang)
    await s.command("owner", "content import", file=upload(ADVICE))
    repo = ContentRepository(services_for(s.bot).db)
    before = await repo.items(s.fake.guild.id)

    step = await s.command("owner", "content export")
    check(step.message, lang)
    files = {f.filename: f.data for request in step.requests for f in request.files}
    assert set(files) == {"parley-advice.toml", "parley-tips.json", "parley-stories.json", "parley-settings.json"}
    everything = b"".join(files.values()).decode("utf-8")
    assert str(s.fake.member("bob").user.id) not in everything and "author" not in everything

    for item in before:
        await s.command("owner", "content remove", {"id": item.slug})
    assert await repo.items(s.fake.guild.id) == []
    await s.command("owner", "content import", file=upload(files["parley-advice.toml"].decode(), "parley-advice.toml"))
    after = await repo.items(s.fake.guild.id)
    assert [(i.slug, i.archetypes, dict(i.text), i.source) for i in after] == [
        (i.slug, i.archetypes, dict(i.text), i.source) for i in before
    ]


@pytest.mark.parametrize("lang", LANGS)
async def test_a_non_payer_result_offers_know_your_rights_cards(open_session, lang):
    s = await open_session(lang)
    await s.command("bob", "situation", step_by_step=True)
    await s.select("bob", ["not_paying"], index=0)
    await s.click("bob", "📬")
    await s.select("bob", ["none"], index=0)
    await s.click("bob", "🤔")
    result = s.last_message("bob")
    picker = next(c for c in result.selects if c.custom_id == "parley:rights:show")
    assert [o.value for o in picker.options] == ["nyc", "nys", "illinois", "california", "finland"]

    step = await s.select("bob", ["nys"], custom_id="parley:rights:show")
    card = default_rights().card("nys")
    text = check(step.message, lang)
    assert card.t("name", lang) in text and card.t("disclaimer", lang) in text
    assert card.source_url in text
    assert card.points(lang)[0] in text
    assert {"en": "Checked on", "ar": "تاريخ المراجعة", "fi": "Tarkistettu", "ru": "Проверено"}[lang] in text
    assert "2024" in text  # in force since 28 August 2024, in the member's date format
    assert result.text == s.messages_for("bob")[1].text  # the result card stays as it was

    # the place is remembered: the next result offers it first, pinned; the member's export holds it
    await s.command("bob", "situation", step_by_step=True)
    await s.select("bob", ["not_paying"], index=0)
    await s.click("bob", "📬")
    await s.select("bob", ["none"], index=0)
    await s.click("bob", "🤔")
    picker = next(c for c in s.last_message("bob").selects if c.custom_id == "parley:rights:show")
    assert picker.options[0].value == "nys" and str(picker.options[0].emoji) == "📌"
    step = await s.command("bob", "privacy export")
    (export,) = [f for request in step.requests for f in request.files]
    assert json.loads(export.data)["know_your_rights_place"] == "nys"
