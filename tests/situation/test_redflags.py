"""/redflags risk levels: checked flags' weights, flags raised by the member's words, drafts that fit."""

from __future__ import annotations

import pytest

from parley.domain import redflags as rf
from parley.domain.errors import InvalidInput
from parley.knowledge import default_knowledge

FLAGS = default_knowledge().red_flags
WEIGHT = {flag.id: flag.weight for flag in FLAGS}


def test_levels_follow_the_total_weight():
    assert [rf.level_for(n) for n in range(7)] == ["low", "low", "medium", "medium", "medium", "high", "high"]


def test_no_flags_is_low_with_no_reasons():
    risk = rf.assess(FLAGS, [])
    assert risk == rf.RiskAssessment("low", 0, (), ())


def test_one_light_flag_stays_low():
    light = next(flag.id for flag in FLAGS if flag.weight == 1)
    risk = rf.assess(FLAGS, [light])
    assert risk.level == "low" and [h.id for h in risk.hits] == [light]


def test_refusing_a_contract_plus_no_deposit_is_high_and_offers_both_drafts():
    risk = rf.assess(FLAGS, ["no_upfront", "no_contract"])
    assert risk.total == WEIGHT["no_upfront"] + WEIGHT["no_contract"]
    assert risk.level == rf.level_for(risk.total) == "high"
    assert risk.hits[0].id == "no_contract"  # heaviest first
    assert set(risk.drafts) >= {"deposit_terms", "contract_request"}
    assert "deposit_condition" not in risk.drafts  # a prospect has no unpaid work yet
    assert all(h.checked and not h.words for h in risk.hits)


def test_words_raise_flags_with_the_words_that_state_them():
    risk = rf.assess(FLAGS, [], "He won't sign a contract and calls me at 3 am on Sundays. Lovely guy otherwise.")
    by_id = {h.id: h for h in risk.hits}
    assert set(by_id) == {"no_contract", "any_hour"}
    assert by_id["no_contract"].words == ("won't sign a contract",) and not by_id["no_contract"].checked
    assert by_id["any_hour"].words == ("calls me at 3 am",)
    assert risk.total == WEIGHT["no_contract"] + WEIGHT["any_hour"]


def test_a_checked_flag_also_in_the_words_counts_once():
    risk = rf.assess(FLAGS, ["no_contract"], "we'd work without a contract")
    assert [(h.id, h.checked, h.words) for h in risk.hits] == [("no_contract", True, ("without a contract",))]
    assert risk.total == WEIGHT["no_contract"]


# Signs stated outright, in the four languages: every sign raises its flag, quoting only the words that state it.
STATED = [
    (
        "en",
        "Nice enough on the call, but he refuses to sign any contract (\"contracts are for people who don't trust each "
        'other"), wants a free test project first, says his previous developers were all idiots, and needs the whole '
        "app in two days. Oh, and he asked to move to WhatsApp to avoid the fees. His account has no reviews.",
        {
            "no_contract": ("refuses to sign any contract", "contracts are for people who don't trust each other"),
            "lowest_price": ("free test project",),
            "talks_down": ("previous developers were all idiots",),
            "rush": ("whole app in two days",),
            "off_platform": ("move to WhatsApp", "avoid the fees"),
            "no_history": ("no reviews",),
        },
    ),
    (
        "ru",
        "Заказчик вежливый, но предоплату давать не хочет, договор подписывать не будет, сроки нереальные, а прошлые "
        "дизайнеры у него все были криворукие. Ещё предлагает работать напрямую, мимо биржи.",
        {
            "no_upfront": ("предоплату давать не хочет",),
            "no_contract": ("договор подписывать не будет",),
            "rush": ("сроки нереальные",),
            "talks_down": ("прошлые дизайнеры у него все были криворукие",),
            "off_platform": ("напрямую", "мимо биржи"),
        },
    ),
    (
        "ar",
        "العميل شكله محترم، بس رافض يوقّع أي عقد، وما عنده أي تقييمات، ويبي تجربة مجانية قبل ما يقرر، "
        "وقال نكمل على الواتساب عشان العمولة",
        {
            "no_contract": ("رافض يوقّع أي عقد",),
            "no_history": ("ما عنده أي تقييمات",),
            "lowest_price": ("تجربة مجانية",),
            "off_platform": ("نكمل على الواتساب", "عشان العمولة"),
        },
    ),
    (
        "fi",
        "Asiakas ei suostu maksamaan mitään etukäteen eikä halua sopimusta. Lisäksi se haluaa ilmaisen testityön, "
        "ja aikataulu on ihan mahdoton. Profiilissa ei ole yhtään arvostelua.",
        {
            "no_upfront": ("ei suostu maksamaan mitään etukäteen",),
            "no_contract": ("eikä halua sopimusta",),
            "lowest_price": ("ilmaisen testityön",),
            "rush": ("aikataulu on ihan mahdoton",),
            "no_history": ("ei ole yhtään arvostelua",),
        },
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), STATED, ids=[case[0] for case in STATED])
def test_every_stated_sign_raises_its_flag_quoting_only_its_words(lang, text, expected):
    risk = rf.assess(FLAGS, [], text)
    assert {h.id: h.words for h in risk.hits} == expected
    for hit in risk.hits:
        assert all(word in text for word in hit.words)


# The value typed after the noun ("отзывов ноль", "tili on uusi") and a second refusal joined by "eikä".
VALUE_AFTER = [
    (
        "Пишет вежливо, но отзывов у него ноль, аккаунт новый, а предоплату давать не хочет.",
        {
            "no_history": ("отзывов у него ноль", "аккаунт новый"),
            "no_upfront": ("предоплату давать не хочет",),
        },
    ),
    (
        "Ei suostu maksamaan ennakkoa eikä allekirjoittamaan sopimusta. Tili on uusi ja arvosteluja nolla.",
        {
            "no_upfront": ("Ei suostu maksamaan ennakkoa",),
            "no_contract": ("eikä allekirjoittamaan sopimusta",),
            "no_history": ("Tili on uusi", "arvosteluja nolla"),
        },
    ),
]


@pytest.mark.parametrize(("text", "expected"), VALUE_AFTER, ids=["ru", "fi"])
def test_signs_typed_value_last_raise_their_flags(text, expected):
    risk = rf.assess(FLAGS, [], text)
    assert {h.id: h.words for h in risk.hits} == expected


@pytest.mark.parametrize(
    "text",
    [
        "The invoice took 9 days to be paid, but he paid in full.",  # a late payment is no refusal of a deposit
        "He signed the contract and paid the deposit the same day.",
        "Заказчик подписал договор и сразу внёс предоплату.",
        "وقّع العقد ودفع المقدم من أول يوم، وعنده تقييمات ممتازة",
        "Asiakas allekirjoitti sopimuksen ja maksoi ennakon heti.",
    ],
)
def test_a_good_prospect_described_raises_nothing(text):
    assert rf.assess(FLAGS, [], text).hits == ()


def test_unknown_flags_are_refused():
    with pytest.raises(InvalidInput):
        rf.assess(FLAGS, ["no_such_flag"])


def test_checklist_state_moves_and_round_trips():
    valid = [flag.id for flag in FLAGS]
    state = rf.ChecklistState()
    assert state.step == rf.CHECKLIST
    ticked = state.tick(["no_contract", "any_hour", "no_contract"], valid)
    assert ticked.step == rf.RESULT and ticked.checked == ("no_contract", "any_hour")
    assert rf.ChecklistState.from_json(ticked.to_json(), valid) == ticked
    assert state.none_apply().answered and state.none_apply().checked == ()
    assert state.with_words().has_text and state.with_words().step == rf.RESULT
    with pytest.raises(InvalidInput):
        state.tick(["bogus"], valid)
    assert rf.ChecklistState.from_json({"checked": ["bogus", "any_hour"]}, valid).checked == ("any_hour",)
