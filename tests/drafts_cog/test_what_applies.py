"""Issue 18 §16: a draft offers only what applies to it, or says why, in the member's language."""

from __future__ import annotations

from tests.drafts_cog.test_scenarios import checked, draft_text

CHANGE_ORDER_EN = {
    "Client's name": "Daniel",
    "The additional work": "A second landing page",
    "Price of the extra work": "400",
    "Currency": "EUR",
}


async def test_a_tone_the_kind_lacks_is_not_silently_dropped(session):
    await session.command("emma", "draft", kind="change_order", tone="final")
    card = checked(await session.submit("emma", CHANGE_ORDER_EN))
    assert draft_text(card).startswith("Hello Daniel,")
    assert "“Final notice” doesn't apply to this kind of message: it is written in one tone only." in card.text
    assert "Final notice" not in [b.text for b in card.buttons]


async def test_a_tone_above_what_the_kind_has_says_which_one_it_used(session):
    await session.command("oleg", "draft", kind="contract_request", tone="platform_dispute")
    card = checked(await session.submit("oleg", {"Имя заказчика": "Daniel"}))
    assert "Тон «Спор через платформу» не подходит для такого сообщения, поэтому оно написано в тоне «Твёрдый»." in (
        card.text
    )


async def test_a_tone_the_kind_has_gets_no_note(session):
    await session.command("emma", "draft", kind="payment_reminder", tone="final")
    card = checked(
        await session.submit(
            "emma", {"Client's name": "Daniel", "Amount": "1,200", "Currency": "EUR", "Due date": "Dec 1, 2026"}
        )
    )
    assert "doesn't apply" not in card.text and "**Tone:** Final notice" in card.text


async def test_finnish_optional_currency_says_when_it_is_needed(session):
    opened = await session.command("aino", "draft", kind="revision_limit")
    currency = opened.modal.field("Valuutta")
    assert not currency.required
    assert currency.description == "Tarvitaan vain, jos annat hinnan: EUR, USD, GBP, RUB, SAR…"

    typed = {"Asiakkaan nimi": "Ville", "Hintaan sisältyvät korjauskierrokset": "2", "Lisäkierroksen hinta": "150"}
    card = checked(await session.submit("aino", typed))
    assert "Kenttä **Valuutta** tarvitaan, kun annat hinnan. Täytä se tai jätä hinta tyhjäksi." in card.text
    assert "Tämä luonnos tarvitsee" not in card.text
