"""The drafts capability's parts without Discord: forms within limits, error texts, value carrying, ids, cards."""

from __future__ import annotations

import types
from decimal import Decimal

import discord
import pytest
from hypothesis import given
from hypothesis import strategies as st

from parley.cogs.drafts.cog import Drafts
from parley.cogs.drafts.labels import FIELD_LABELS, fitting_tone, input_error
from parley.cogs.drafts.modals import DraftModal, FormId, submitted_values
from parley.cogs.drafts.values import carry_values, neutral_amount
from parley.cogs.drafts.views import (
    DYNAMIC_ITEMS,
    EditButton,
    LanguagePick,
    StartButton,
    ToneButton,
    draft_button,
    fenced,
)
from parley.database.repositories.drafts import StoredDraft
from parley.domain.drafts import DRAFT_KINDS, DRAFT_LANGS, DRAFT_SPECS, ERROR_CODES, DraftInputError, DraftRenderer
from parley.domain.drafts import errors as codes
from parley.domain.drafts.parsing import parse_amount
from parley.domain.drafts.samples import sample_values
from parley.i18n import LANGUAGES, I18n
from parley.knowledge.sources import cite
from parley.render import Renderer

I18N = I18n.load()
KEY = "k" * 32


def stored(kind: str, lang: str, tone: str | None = None, values: dict | None = None) -> StoredDraft:
    return StoredDraft("0123456789abcdef", 1, KEY, kind, lang, tone, values or {})


@pytest.mark.parametrize("ui_lang", LANGUAGES)
@pytest.mark.parametrize("kind", DRAFT_KINDS)
def test_every_form_fits_discords_modal_limits(kind, ui_lang):
    t = I18N.get(ui_lang)
    for draft_lang in DRAFT_LANGS:
        modal = DraftModal(None, t, stored(kind, draft_lang), replace_card=False)  # type: ignore[arg-type]
        payload = modal.to_dict()
        assert 1 <= len(payload["title"]) <= 45
        labels = payload["components"]
        assert 1 <= len(labels) <= 5
        spec = DRAFT_SPECS[kind]
        for label, field in zip(labels, spec.fields, strict=True):
            assert label["type"] == 18 and 1 <= len(label["label"]) <= 45, label["label"]
            assert 1 <= len(label.get("description") or "x") <= 100, label.get("description")
            assert "{" not in label["label"] + (label.get("description") or "")
            text_input = label["component"]
            assert text_input["custom_id"] == field.id
            assert text_input["required"] is field.required
            assert text_input["max_length"] == field.max_len
            assert len(text_input.get("placeholder") or "") <= 100


@pytest.mark.parametrize("ui_lang", ["ar", "fi", "ru"])
def test_labels_are_translated(ui_lang):
    t = I18N.get(ui_lang)
    english = I18N.get("en")
    for msgid in FIELD_LABELS.values():
        assert t.gettext(msgid) != english.gettext(msgid), (ui_lang, msgid)


def test_prefilled_values_come_back_as_typed():
    values = {"client_name": "  Daniel ", "amount": "1,200", "currency": "eur"}
    modal = DraftModal(None, I18N.get("en"), stored("payment_reminder", "en", values=values), replace_card=True)  # type: ignore[arg-type]
    prefilled = {c["component"]["custom_id"]: c["component"].get("value") for c in modal.to_dict()["components"]}
    assert prefilled == {**dict.fromkeys(["invoice_number", "due_date"]), **values}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("code", ERROR_CODES)
def test_every_input_error_reads_as_a_sentence_naming_the_field(code, lang):
    t = I18N.get(lang)
    for kind, field_id in (("payment_reminder", "amount"), ("revision_limit", "revisions_included")):
        limit = 999 if code in (codes.TOO_LONG, codes.OUT_OF_RANGE) else None
        text = input_error(t, DraftInputError(field_id, code, limit), kind, "en")
        label = t.gettext(FIELD_LABELS[field_id])
        assert label in text and "{" not in text and "None" not in text
        if lang != "en":
            assert text != input_error(I18N.get("en"), DraftInputError(field_id, code, limit), kind, "en")


@pytest.mark.parametrize(
    ("lang", "limit", "expected"),
    [
        ("ru", 21, "максимум 21 символ."),
        ("ru", 22, "максимум 22 символа."),
        ("ru", 30, "максимум 30 символов."),
        ("ar", 2, "الحد الأقصى حرفان."),
        ("ar", 3, "الحد الأقصى \u20683\u2069 أحرف."),
        ("ar", 80, "الحد الأقصى \u206880\u2069 حرفًا."),
        ("ar", 120, "الحد الأقصى \u2068120\u2069 حرفًا."),
        ("ar", 100, "الحد الأقصى \u2068100\u2069 حرف."),
        ("fi", 1, "enintään 1 merkki."),
        ("fi", 80, "enintään 80 merkkiä."),
    ],
)
def test_length_errors_use_the_languages_plural_forms(lang, limit, expected):
    text = input_error(I18N.get(lang), DraftInputError("client_name", codes.TOO_LONG, limit), "payment_reminder", lang)
    assert text.endswith(expected), text


def test_out_of_range_names_the_fields_own_bounds():
    text = input_error(
        I18N.get("en"), DraftInputError("deposit_percent", codes.OUT_OF_RANGE, 100), "deposit_condition", "en"
    )
    assert text == "**Deposit (%)** should be between 1 and 100."
    text = input_error(I18N.get("en"), DraftInputError("amount", codes.OUT_OF_RANGE), "payment_reminder", "en")
    assert text == "**Amount** should be more than zero."


def test_code_block_cannot_be_closed_by_member_backticks():
    block = fenced("before ``` after\nand `one` and ``two``\n```")
    assert block.startswith("```\n") and block.endswith("\n```")
    assert block.count("```") == 2
    assert "`one`" in block  # single backticks are left alone: they can't close a triple fence


@pytest.mark.parametrize(
    ("kind", "values", "src", "dst", "expected"),
    [
        (
            "payment_reminder",
            {"amount": "1,200", "due_date": "Dec 1, 2026"},
            "en",
            "fi",
            {"amount": "1200", "due_date": "2026-12-01"},
        ),
        ("payment_reminder", {"amount": "1 200,50"}, "fi", "en", {"amount": "1200.5"}),
        ("payment_reminder", {"amount": "1 200,50"}, "ru", "ar", {"amount": "1200.5"}),
        ("payment_reminder", {"amount": "0,125"}, "fi", "ru", {"amount": "0,125"}),
        (
            "payment_reminder",
            {"amount": "lots", "client_name": "Mikko"},
            "fi",
            "en",
            {"amount": "lots", "client_name": "Mikko"},
        ),
        (
            "change_order",
            {"extra_price": "١٢٠٠", "new_scope": "a\nb"},
            "ar",
            "ru",
            {"extra_price": "1200", "new_scope": "a\nb"},
        ),
        ("payment_reminder", {"amount": "1,200"}, "en", "en", {"amount": "1,200"}),
    ],
)
def test_carrying_values_keeps_their_meaning(kind, values, src, dst, expected):
    assert carry_values(kind, values, src, dst) == expected


@given(
    st.decimals(min_value=Decimal("0.001"), max_value=Decimal("999999999"), places=3, allow_nan=False),
    st.sampled_from(DRAFT_LANGS),
)
def test_neutral_amounts_parse_back_to_the_same_value(value, lang):
    assert parse_amount(neutral_amount(value, lang), lang) == value


@pytest.mark.parametrize(
    ("kind", "wanted", "expected"),
    [
        ("payment_reminder", None, "friendly"),
        ("payment_reminder", "final", "final"),
        ("contract_request", "final", "firm"),
        ("contract_request", "platform_dispute", "firm"),
        ("contract_request", "friendly", "friendly"),
        ("deposit_condition", None, "firm"),
        ("call_summary", "firm", None),
        ("payment_reminder", "shouty", "friendly"),
    ],
)
def test_fitting_tone(kind, wanted, expected):
    assert fitting_tone(kind, wanted) == expected


def test_component_ids_fully_match_their_templates_and_stay_short():
    builders = [
        ToneButton("0123456789abcdef", "platform_dispute"),
        LanguagePick("0123456789abcdef"),
        EditButton("0123456789abcdef"),
        *(StartButton(kind) for kind in DRAFT_KINDS),
        *(example for cls in DYNAMIC_ITEMS for example in cls.examples()),
    ]
    for item in builders:
        assert type(item).__discord_ui_compiled_template__.fullmatch(item.custom_id), item.custom_id
        assert len(item.custom_id) <= 100 and item.custom_id.startswith("parley:draft:")
    assert not EditButton.__discord_ui_compiled_template__.fullmatch("parley:draft:edit:0123456789ABCDEF")
    assert not StartButton.__discord_ui_compiled_template__.fullmatch("parley:draft:start:anything")


def test_draft_button_is_a_start_button_for_one_kind():
    button = draft_button("payment_reminder", "Draft a message")
    assert button.custom_id == "parley:draft:start:payment_reminder"
    assert button.item.label == "Draft a message" and button.item.style is discord.ButtonStyle.primary
    with pytest.raises(ValueError, match="unknown draft kind"):
        draft_button("poem", "x")


def _texts(view: discord.ui.LayoutView) -> list[str]:
    return [item.content for item in view.walk_children() if isinstance(item, discord.ui.TextDisplay)]


@pytest.mark.parametrize("kind", DRAFT_KINDS)
def test_every_card_fits_one_message_in_every_language(kind):
    cog = Drafts(None, types.SimpleNamespace(renderer=Renderer()))  # type: ignore[arg-type]
    renderer = DraftRenderer()
    spec = DRAFT_SPECS[kind]
    for draft_lang in DRAFT_LANGS:
        values = sample_values(kind, draft_lang)
        for tone in spec.tones or (None,):
            draft = renderer.render(kind, draft_lang, tone, values)
            for ui_lang in LANGUAGES:
                view, file = cog.draft_card(I18N.get(ui_lang), stored(kind, draft_lang, tone, values), draft)
                texts = _texts(view)
                assert sum(len(text) for text in texts) <= 4000
                assert file is None and fenced(draft.text) in texts
                assert cite(draft.source, ui_lang) in texts[-1]
                buttons = [c for c in view.walk_children() if isinstance(c, ToneButton | EditButton)]
                assert len(buttons) == len(spec.tones) + 1


def test_long_drafts_become_attachments():
    cog = Drafts(None, types.SimpleNamespace(renderer=Renderer()))  # type: ignore[arg-type]
    draft = DraftRenderer().render(
        "call_summary", "en", None, {"client_name": "D", "agreed": "x" * 990 + "\n" + "y" * 9}
    )
    long_draft = type(draft)(draft.kind, draft.lang, draft.tone, draft.text + "\n" + "z" * 1900, draft.source)
    view, file = cog.draft_card(I18N.get("fi"), stored("call_summary", "en"), long_draft)
    assert file is not None and file.filename == "draft-call-summary-en.txt"
    assert not any("```" in text for text in _texts(view))
    assert "tekstitiedostona" in _texts(view)[0]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_card_templates_render_their_samples(lang):
    renderer = Renderer()
    for name, cases in Drafts.template_samples.items():
        for context in cases:
            text = renderer.render(name, I18N.get(lang), **context)
            assert text and "{" not in text and len(text) <= 4000


def test_form_ids_carry_what_an_orphaned_submission_needs():
    form = FormId("0123456789abcdef", "payment_reminder", "ru", "platform_dispute", True)
    assert len(form.custom_id) <= 100
    assert FormId.parse(form.custom_id) == form
    plain = FormId("0123456789abcdef", "call_summary", "en", None, False)
    assert FormId.parse(plain.custom_id) == plain
    assert FormId.parse("parley:draft:form:0123456789abcdef:poem:en:-:new") is None
    assert FormId.parse("someone:else:modal") is None


def test_submitted_values_read_labels_and_legacy_rows():
    data = {
        "custom_id": "x",
        "components": [
            {"type": 18, "id": 1, "component": {"type": 4, "custom_id": "client_name", "value": "Daniel"}},
            {"type": 18, "id": 2, "component": {"type": 4, "custom_id": "project", "value": ""}},
            {"type": 1, "components": [{"type": 4, "custom_id": "amount", "value": "1,200"}]},
            {"type": 10, "content": "a text display"},
        ],
    }
    assert submitted_values(data) == {"client_name": "Daniel", "amount": "1,200"}
