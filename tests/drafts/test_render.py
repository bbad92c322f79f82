"""Every draft kind, in every language and tone, renders clean text with full and with minimal input."""

from __future__ import annotations

import re
import shutil

import pytest

from parley.domain.drafts import DRAFT_KINDS, DRAFT_LANGS, DRAFT_SPECS, MESSAGE_LIMIT, DraftRenderer
from parley.domain.drafts.check import check_drafts
from parley.domain.drafts.renderer import TEMPLATES_DIR
from tests.drafts.helpers import all_cases, hygiene_problems, required_only

CASES = [(kind, lang, tone) for kind, tone in all_cases() for lang in DRAFT_LANGS]
SIGN_OFF = {"en": "Best regards,", "ar": "مع خالص التحية،", "fi": "Ystävällisin terveisin", "ru": "С уважением,"}


@pytest.fixture(scope="module")
def renderer():
    return DraftRenderer()


@pytest.mark.parametrize(("kind", "lang", "tone"), CASES)
def test_sample_values_render_clean(renderer, kind, lang, tone):
    draft = renderer.render(kind, lang, tone, renderer.sample_values(kind, lang))
    assert hygiene_problems(draft.text) == []
    assert len(draft.text) <= MESSAGE_LIMIT and draft.fits_message
    assert draft.text.endswith(SIGN_OFF[lang])
    assert draft.source == DRAFT_SPECS[kind].source
    assert (draft.kind, draft.lang, draft.tone) == (kind, lang, tone)


@pytest.mark.parametrize(("kind", "lang", "tone"), CASES)
def test_required_fields_alone_render_clean(renderer, kind, lang, tone):
    full = renderer.render(kind, lang, tone, renderer.sample_values(kind, lang)).text
    minimal = renderer.render(kind, lang, tone, required_only(renderer, kind, lang)).text
    assert hygiene_problems(minimal) == []
    assert minimal.endswith(SIGN_OFF[lang])
    optional = [f for f in DRAFT_SPECS[kind].fields if not f.required and f.default is None]
    if optional:
        assert minimal != full, "optional values should change the text when given"


@pytest.mark.parametrize(("kind", "lang", "tone"), CASES)
def test_optional_values_appear_in_the_draft(renderer, kind, lang, tone):
    sample = renderer.sample_values(kind, lang)
    text = renderer.render(kind, lang, tone, sample).text
    for field in DRAFT_SPECS[kind].fields:
        if field.kind in {"text", "paragraph"}:
            for line in sample[field.id].split("\n"):
                if field.id == "client_name" and lang == "ar":
                    line = line.removeprefix("ال")  # the vocative «مرحبًا أستاذ سامر» drops the article
                assert line.rstrip(".") in text, f"{field.id}: {line!r} missing"


def test_greeting_carries_the_client_name(renderer):
    for lang in DRAFT_LANGS:
        for kind, tone in all_cases():
            values = renderer.sample_values(kind, lang)
            first_line = renderer.render(kind, lang, tone, values).text.split("\n")[0]
            name = values["client_name"]
            assert name in first_line or (tone == "friendly" and name.removeprefix("ال") in first_line)


def test_tones_change_the_text(renderer):
    for lang in DRAFT_LANGS:
        for kind in DRAFT_KINDS:
            tones = DRAFT_SPECS[kind].tones
            texts = {renderer.render(kind, lang, t, renderer.sample_values(kind, lang)).text for t in tones}
            assert len(texts) == len(tones), f"{kind}/{lang}: two tones render the same text"


def test_default_tone_is_used_when_none_is_given(renderer):
    draft = renderer.render("payment_reminder", "en", None, renderer.sample_values("payment_reminder", "en"))
    assert draft.tone == "friendly"
    assert (
        draft.text
        == renderer.render("payment_reminder", "en", "friendly", renderer.sample_values("payment_reminder", "en")).text
    )
    assert renderer.render("change_order", "fi", None, renderer.sample_values("change_order", "fi")).tone is None


def test_payment_ladder_escalates(renderer):
    values = renderer.sample_values("payment_reminder", "en")
    texts = {
        tone: renderer.render("payment_reminder", "en", tone, values).text
        for tone in DRAFT_SPECS["payment_reminder"].tones
    }
    assert "friendly reminder" in texts["friendly"]
    assert "seven days" in texts["firm"]
    assert "final reminder" in texts["final"]
    assert "dispute" in texts["platform_dispute"]


def test_caller_mistakes_are_plain_value_errors(renderer):
    values = renderer.sample_values("payment_reminder", "en")
    for call in (
        lambda: renderer.render("nope", "en", None, {}),
        lambda: renderer.render("payment_reminder", "de", None, values),
        lambda: renderer.render("payment_reminder", "en", "rude", values),
        lambda: renderer.render("change_order", "en", "firm", renderer.sample_values("change_order", "en")),
        lambda: renderer.render("payment_reminder", "en", None, {**values, "typo": "x"}),
        lambda: renderer.sample_values("nope", "en"),
    ):
        with pytest.raises(ValueError) as caught:
            call()
        assert type(caught.value) is ValueError


def test_every_kind_has_a_template_per_language_and_nothing_else():
    found = {(p.parent.name, p.name.removesuffix(".txt.j2")) for p in (TEMPLATES_DIR / "drafts").glob("*/*.txt.j2")}
    assert found == {(lang, kind) for lang in DRAFT_LANGS for kind in DRAFT_KINDS}


def test_arabic_isolates_latin_values_only(renderer):
    values = {**renderer.sample_values("payment_reminder", "ar"), "client_name": "Daniel"}
    text = renderer.render("payment_reminder", "ar", "firm", values).text
    assert "\u2068Daniel\u2069" in text
    assert "\u2068INV-2026-041\u2069" in text
    arabic = renderer.render("payment_reminder", "ar", "firm", renderer.sample_values("payment_reminder", "ar")).text
    assert "\u2068سامر" not in arabic and "سامر" in arabic
    hours = renderer.render("working_hours", "ar", "friendly", {"client_name": "سامر", "working_hours": "9:00–17:00"})
    assert "\u20689:00–17:00\u2069" in hours.text


def test_other_languages_get_no_isolates(renderer):
    for lang in ("en", "fi", "ru"):
        text = renderer.render("payment_reminder", lang, None, renderer.sample_values("payment_reminder", lang)).text
        assert not re.search("[\u2066-\u2069]", text)


def test_long_input_still_renders_and_reports_it_does_not_fit(renderer):
    values = {
        "client_name": "N" * 80,
        "agreed": "\n".join(["Agreed point " + "a" * 97] * 9),
        "next_steps": "\n".join(["Step " + "b" * 94] * 5),
    }
    draft = renderer.render("call_summary", "en", None, values)
    assert hygiene_problems(draft.text) == []
    assert len(draft.text) > MESSAGE_LIMIT and not draft.fits_message


def test_check_drafts_reports_clean_and_catches_a_broken_template(tmp_path):
    problems, renders = check_drafts()
    assert problems == []
    assert renders == 2 * len(DRAFT_LANGS) * len(all_cases())
    broken = tmp_path / "drafts"
    shutil.copytree(TEMPLATES_DIR / "drafts", broken)
    (broken / "fi" / "deflection.txt.j2").write_text("Hei {{ client_name }},\n\n{{ nothing_here }}\n", encoding="utf-8")
    (broken / "en" / "working_hours.txt.j2").write_text("Hi {{ client_name }}  ,\n", encoding="utf-8")
    problems, _ = check_drafts(DraftRenderer(tmp_path))
    assert any("drafts/fi/deflection" in p and "UndefinedError" in p for p in problems)
    assert any("drafts/en/working_hours" in p and "space before punctuation" in p for p in problems)


def test_renderer_compiles_lazily_and_caches(tmp_path):
    lazy = DraftRenderer(tmp_path)
    assert lazy._env is None
    with pytest.raises(Exception, match="payment_reminder"):
        lazy.render("payment_reminder", "en", None, lazy.sample_values("payment_reminder", "en"))
    shared = DraftRenderer()
    shared.render("deflection", "en", None, {"client_name": "A"})
    env = shared.env
    shared.render("deflection", "en", None, {"client_name": "B"})
    assert shared.env is env
