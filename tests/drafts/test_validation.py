"""Bad member input raises DraftInputError naming the field, the problem and the limit."""

from __future__ import annotations

import pytest

from parley.domain.drafts import DRAFT_SPECS, ERROR_CODES, DraftInputError, DraftRenderer
from parley.domain.errors import InvalidInput, ParleyError


@pytest.fixture(scope="module")
def renderer():
    return DraftRenderer()


def _error(renderer, kind, values, lang="en", tone=None) -> DraftInputError:
    with pytest.raises(DraftInputError) as caught:
        renderer.render(kind, lang, tone, values)
    assert caught.value.code in ERROR_CODES
    return caught.value


def test_missing_required_field(renderer):
    values = renderer.sample_values("payment_reminder", "en")
    for field in DRAFT_SPECS["payment_reminder"].required_fields:
        for empty in ({k: v for k, v in values.items() if k != field.id}, {**values, field.id: "   \n "}):
            error = _error(renderer, "payment_reminder", empty)
            assert (error.field, error.code, error.limit) == (field.id, "required", None)


def test_only_bullets_count_as_empty(renderer):
    error = _error(renderer, "call_summary", {"client_name": "A", "agreed": "-\n*\n•"})
    assert (error.field, error.code) == ("agreed", "required")


@pytest.mark.parametrize(
    ("kind", "field_id", "limit"),
    [("payment_reminder", "client_name", 80), ("deflection", "project", 120), ("call_summary", "agreed", 1000)],
)
def test_over_long_field_reports_field_and_limit(renderer, kind, field_id, limit):
    values = {**renderer.sample_values(kind, "en"), field_id: "x" * (limit + 1)}
    error = _error(renderer, kind, values)
    assert (error.field, error.code, error.limit) == (field_id, "too_long", limit)
    assert str(limit) in str(error)
    values[field_id] = "x" * limit
    renderer.render(kind, "en", None, values)  # exactly at the limit is fine


def test_length_counts_what_the_member_sees_not_invisible_padding(renderer):
    values = {"client_name": "  " + "x" * 80 + "\u200b" * 20 + "   "}
    assert "x" * 80 in renderer.render("deflection", "en", None, values).text


@pytest.mark.parametrize(
    ("kind", "values", "field", "code"),
    [
        ("payment_reminder", {"amount": "twelve hundred"}, "amount", "invalid_amount"),
        ("payment_reminder", {"amount": "0"}, "amount", "out_of_range"),
        ("payment_reminder", {"currency": "XYZ"}, "currency", "invalid_currency"),
        ("payment_reminder", {"currency": "E$"}, "currency", "invalid_currency"),
        ("payment_reminder", {"currency": "euro"}, "currency", "too_long"),
        ("payment_reminder", {"due_date": "soon"}, "due_date", "invalid_date"),
        ("payment_reminder", {"due_date": "03/04/2026"}, "due_date", "ambiguous_date"),
        ("revision_limit", {"revisions_included": "two"}, "revisions_included", "invalid_number"),
        ("revision_limit", {"revisions_included": "0"}, "revisions_included", "out_of_range"),
        ("revision_limit", {"currency": ""}, "currency", "required"),
        ("deposit_condition", {"deposit_percent": "150"}, "deposit_percent", "out_of_range"),
    ],
)
def test_unusable_values(renderer, kind, values, field, code):
    error = _error(renderer, kind, {**renderer.sample_values(kind, "en"), **values})
    assert (error.field, error.code) == (field, code)


def test_out_of_range_reports_the_maximum(renderer):
    error = _error(renderer, "working_hours", {"client_name": "A", "working_hours": "9-17", "response_hours": "500"})
    assert (error.field, error.code, error.limit) == ("response_hours", "out_of_range", 168)


def test_price_without_currency_is_only_needed_when_a_price_is_given(renderer):
    renderer.render("revision_limit", "en", None, {"client_name": "A", "revisions_included": "2", "currency": "EUR"})
    error = _error(renderer, "revision_limit", {"client_name": "A", "revisions_included": "2", "extra_price": "50"})
    assert (error.field, error.code) == ("currency", "required")


def test_error_is_a_value_error_and_a_parley_input_error():
    error = DraftInputError("project", "too_long", 120)
    assert isinstance(error, ValueError) and isinstance(error, InvalidInput) and isinstance(error, ParleyError)
    assert error.params == {"field": "project", "code": "too_long", "limit": 120}
    assert error.with_field("client_name").field == "client_name"


def test_specs_respect_the_modal_and_cite_a_guide():
    import re

    assert len(DRAFT_SPECS) == 11
    for spec in DRAFT_SPECS.values():
        assert 1 <= len(spec.fields) <= 5, spec.id
        assert len({f.id for f in spec.fields}) == len(spec.fields)
        assert spec.fields[0].id == "client_name" and spec.fields[0].required
        assert re.match(r"^G[0-4] §", spec.source), spec.source
        assert (spec.default_tone in spec.tones) if spec.tones else spec.default_tone is None
        assert all(f.max_len > 0 for f in spec.fields)
        assert spec.archetypes
    assert DRAFT_SPECS["payment_reminder"].tones == ("friendly", "firm", "final", "platform_dispute")


def test_every_archetype_has_a_draft():
    from parley.domain.drafts import kinds_for_archetype

    archetypes = [
        *("non_payer", "string_along", "know_it_all", "never_satisfied", "creep", "abusive", "after_hours"),
        *("no_contract", "indecisive", "scope_creep", "micromanager", "sceptic", "blindsided", "bad_fit"),
    ]
    for archetype in archetypes:
        assert kinds_for_archetype(archetype), archetype
    assert kinds_for_archetype("non_payer")[0] == "payment_reminder"
    assert kinds_for_archetype("no_contract")[0] == "contract_request"
    assert kinds_for_archetype("unknown") == ()
    assert {a for spec in DRAFT_SPECS.values() for a in spec.archetypes} <= set(archetypes)


def test_knowledge_base_names_the_same_draft_kinds():
    from parley import knowledge
    from parley.domain.drafts import DRAFT_KINDS

    assert knowledge.DRAFT_KINDS == DRAFT_KINDS
