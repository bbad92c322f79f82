"""The data statement (/privacy about) and the privacy replies in every language; command names in fi and ru."""

from __future__ import annotations

import re

import pytest

from parley.checks.command_tree import NAME
from parley.cogs.privacy.samples import TEMPLATE_SAMPLES
from parley.i18n import I18n
from parley.i18n.bidi import FSI, PDI
from parley.render import Renderer
from tests.privacy.conftest import attached_json

STATEMENT_STARTS = {
    "bob": "## 🔒 Your data in Parley",
    "alice": "## 🔒 Tietosi Parleyssa",
    "ivan": "## 🔒 Ваши данные в Parley",
}


async def test_the_statement_in_english_finnish_and_russian(session):
    for member, start in STATEMENT_STARTS.items():
        card = (await session.command(member, "privacy about")).message
        assert card.ephemeral and card.allowed_mentions == {"parse": []}
        assert card.text.startswith(start), card.text[:80]
        assert "24" in card.text and "30" in card.text
    fi = session.last_message("alice").text
    assert "/tietosuoja kopio" in fi and "/tietosuoja unohda" in fi
    ru = session.last_message("ivan").text
    assert "/приватность экспорт" in ru and "/приватность забыть" in ru


async def test_the_statement_and_export_in_arabic_isolate_numbers_and_commands(session):
    await session.command("layla", "language")
    await session.select("layla", ["ar"], placeholder="Choose a language")
    card = (await session.command("layla", "privacy about")).message
    assert card.text.startswith("## 🔒 بياناتك في")
    assert f"{FSI}24{PDI}" in card.text and f"/privacy export{PDI}{PDI}" in card.text
    step = await session.command("layla", "privacy export")
    assert step.message.text.startswith("📦 إليك نسخة من كل ما يحفظه")
    assert attached_json(step)["language"] == "ar"


async def test_the_statement_follows_the_configured_periods(session):
    cog = session.bot.get_cog("Privacy")
    text = cog.statement(cog.services.t("en"))
    rules = cog.rules
    assert f"deleted {rules.flow_ttl_hours} hours after you last used them" in text
    assert f"deleted {rules.purge_rejected_days} days after the decision" in text
    assert f"is deleted {rules.guild_grace_days} days later" in text


def test_command_names_are_valid_and_translated_in_finnish_and_russian():
    i18n = I18n.load()
    expected = {
        "fi": ["tietosuoja", "tietoa", "kopio", "unohda"],
        "ru": ["приватность", "справка", "экспорт", "забыть"],
    }
    for lang, names in expected.items():
        got = [i18n.get(lang).gettext(word) for word in ("privacy", "about", "export", "forget")]
        assert got == names
        assert all(NAME.match(name) and name == name.lower() for name in got)


@pytest.mark.parametrize("lang", ["en", "ar", "fi", "ru"])
def test_the_export_summary_fits_a_message_in_every_language(lang):
    renderer, t = Renderer(), I18n.load().get(lang)
    for context in TEMPLATE_SAMPLES["cards/privacy_export.md.j2"]:
        text = renderer.render("cards/privacy_export.md.j2", t, **context)
        assert 0 < len(text) <= 2000  # sent as message content, not a text display
        assert not re.search(r"\{[a-z_]+\}", text)


async def test_the_statement_says_how_timing_erasure_and_the_daily_count_are_handled(session):
    text = (await session.command("bob", "privacy about")).message.text
    # The test server posts queue cards at once (tests/conftest.py): no batch sentence then.
    assert "in batches" not in text
    assert "erased from the database files too, search index and write-ahead log included" in text
    assert "Today's count of stories you shared (a keyed code and a number, nothing you wrote) stays" in text
    services = session.bot.parley_services
    sample = dict(TEMPLATE_SAMPLES["cards/privacy_about.md.j2"][0], batch_max_hours=3)
    with_batches = services.renderer.render("cards/privacy_about.md.j2", services.t("en"), **sample)
    assert "Stories reach the moderators in batches, up to 3 hours after they are sent" in with_batches
