"""Cards built from memos (rendered text, a vote card relabelled in place) equal cards built from scratch.

Parley keeps the text of cards whose context holds no member-typed words (`Renderer.render_memo`), and a vote
relabels the member's card in place instead of building it again. What a member sees must not depend on either:
after a vote and after a language change, a card served from the memo equals one a fresh process builds.
"""

from __future__ import annotations

from typing import Any

from parley.cogs._shared.runtime import services_for
from parley.domain.walkthrough import Progress
from parley.i18n import I18n
from parley.render import RENDERED_MAX, Renderer

WORDS = "the client hasn't paid my invoice for two months and stopped answering my messages"


def seen(card: Any) -> tuple[str, list[tuple[str, str, bool]]]:
    """What the member sees of a card: its text and every control (label, style, disabled), ids left out (a new
    walkthrough has a new flow id in its buttons)."""
    controls = [(c.text, getattr(c, "style", c.type), bool(c.disabled)) for c in card.components]
    return card.text, controls


async def test_memoised_card_equals_fresh_one_after_a_vote_and_a_language_change(parley):
    first = (await parley.command("bob", "situation", describe=WORDS)).message
    memo = services_for(parley.bot).renderer._rendered
    assert any(key[0] == "cards/situation_step.md.j2" for key in memo)  # the question card's text is memoised
    # A vote elsewhere changes counts, not this card: the memoised text is still the right one.
    await parley.command("bob", "advice browse", type="non_payer")
    voted = (await parley.click("bob", "Helpful")).message
    again = (await parley.command("bob", "situation", describe=WORDS)).message
    assert seen(again) == seen(first)

    # The card relabelled in place by the vote equals the card built afresh from the database.
    rebuilt = (await parley.command("bob", "advice browse", type="non_payer")).message
    assert seen(rebuilt) == seen(voted)
    assert [b.text for b in voted.buttons][:2] == ["👍 Helpful · 1", "👎 Not helpful · 0"]

    # Another language: a card in Finnish from the memo's process equals what a fresh process renders.
    await parley.command("bob", "language")
    await parley.select("bob", ["fi"], placeholder="Choose a language")
    finnish = (await parley.command("bob", "situation", describe=WORDS)).message
    assert finnish.text != first.text
    await parley.restart()
    fresh = (await parley.command("bob", "situation", describe=WORDS)).message
    assert seen(fresh) == seen(finnish)
    finnish_vote = (await parley.command("bob", "advice browse", type="non_payer")).message
    assert [b.text for b in finnish_vote.buttons][:2] == ["👍 Hyödyllinen · 1", "👎 Ei hyödyllinen · 0"]


def test_render_memo_gives_what_render_gives_per_language_and_context():
    renderer, i18n = Renderer(), I18n.load()
    context = {
        "progress": Progress(2, 4),
        "question": "What is happening?",
        "hint": "Pick up to three",
        "understood": "",
        "recap": "",
        "notice": None,
    }
    for lang in ("en", "fi", "ru", "ar"):
        t = i18n.get(lang)
        plain = renderer.render("cards/situation_step.md.j2", t, **context)
        assert renderer.render_memo("cards/situation_step.md.j2", t, **context) == plain  # first: rendered
        assert renderer.render_memo("cards/situation_step.md.j2", t, **context) == plain  # then: the memo
    # Values equal in Python but shown differently (1 == True) are their own entries; so is another position.
    en = i18n.get("en")
    one = renderer.render_memo("cards/situation_step.md.j2", en, **{**context, "hint": 1})
    true = renderer.render_memo("cards/situation_step.md.j2", en, **{**context, "hint": True})
    assert one != true and true == renderer.render("cards/situation_step.md.j2", en, **{**context, "hint": True})
    later = renderer.render_memo("cards/situation_step.md.j2", en, **{**context, "progress": Progress(3, 4)})
    assert "Question 3 of 4" in later and "Question 2 of 4" in renderer.render_memo(
        "cards/situation_step.md.j2", en, **context
    )


def test_render_memo_keeps_nothing_for_objects_and_stays_bounded():
    renderer, t = Renderer(), I18n.load().get("en")

    class Changing:
        def __init__(self) -> None:
            self.text = "before"

        def __str__(self) -> str:
            return self.text

    thing = Changing()
    context = {"progress": Progress(1, 4), "hint": "", "understood": "", "recap": "", "notice": None}
    first = renderer.render_memo("cards/situation_step.md.j2", t, question=thing, **context)
    thing.text = "after"
    second = renderer.render_memo("cards/situation_step.md.j2", t, question=thing, **context)
    assert "before" in first and "after" in second  # an object is rendered every time, never from the memo
    for n in range(RENDERED_MAX + 5):
        renderer.render_memo("cards/situation_step.md.j2", t, question=f"q{n}", **context)
    assert len(renderer._rendered) <= RENDERED_MAX


def _question_states() -> list[Any]:
    """Question cards members reach: the first, after each answer, after Back, with own words, words that skip."""
    from parley.domain import walkthrough as wt
    from parley.domain.triage import classify

    start = wt.start()
    picked = start.answer("situations", ["not_paying", "changes_mind"])
    staged = picked.answer("stage", "after")
    guarded = staged.answer("safeguards", ["none"])
    words = "the client hasn't paid my invoice for two months"
    inferred = wt.start(wt.infer(words, classify(text=words)))
    return [start, picked, staged, guarded, guarded.back(), staged.back(), inferred, inferred.back()]


def test_question_cards_from_the_memo_equal_cards_drawn_afresh():
    """Every language, state, notice, flow id and version: the memo's copy is the JSON a fresh card serialises to,
    with the flow's own id and version in its custom ids."""
    from parley.cogs.situation.cards import Painter
    from parley.cogs.situation.step_cards import SerialisedCard, StepCards
    from parley.knowledge import default_knowledge

    i18n, renderer, kb = I18n.load(), Renderer(), default_knowledge()
    cards = StepCards()
    served = 0
    for lang in ("en", "ar", "fi", "ru"):
        painter = Painter(i18n.get(lang), renderer, kb)
        for state in _question_states():
            assert state.step != "result"
            for notice in (None, "-# ℹ️ a notice"):
                for n, (flow_id, version) in enumerate([("0123456789abcdef", 0), ("fedcba9876543210", 7)] * 2):
                    fresh = painter.step_card(flow_id, version, state, notice=notice).to_components()
                    card = cards.card(painter, flow_id, version, state, notice=notice)
                    assert card.to_components() == fresh, (lang, state, notice, flow_id, version)
                    served += isinstance(card, SerialisedCard)
                    assert isinstance(card, SerialisedCard) == (n > 0)  # drawn the first time, then copied
    assert served == 4 * len(_question_states()) * 2 * 3
    # Copies are the member's own: changing one changes neither the memo nor the next copy.
    painter = Painter(i18n.get("en"), renderer, kb)
    state = _question_states()[0]
    first = cards.card(painter, "0123456789abcdef", 1, state).to_components()
    first[0]["components"].clear()
    assert cards.card(painter, "0123456789abcdef", 1, state).to_components() == (
        painter.step_card("0123456789abcdef", 1, state).to_components()
    )


def test_question_card_memo_stays_bounded():
    from parley.cogs.situation.cards import Painter
    from parley.cogs.situation.step_cards import StepCards
    from parley.knowledge import default_knowledge

    cards = StepCards(capacity=3)
    painter = Painter(I18n.load().get("en"), Renderer(), default_knowledge())
    for state in _question_states():
        cards.card(painter, "0123456789abcdef", 0, state)
    assert len(cards._cards) == 3
