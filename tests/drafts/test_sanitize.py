"""Member text in a draft is inert: it can't ping, hide a link, break the code block or run as a template."""

from __future__ import annotations

import re

import pytest

from parley.domain.drafts import DraftRenderer, sanitize_field
from parley.domain.drafts.layout import compose
from tests.drafts.helpers import PING, hygiene_problems

ZW = re.compile("[\u200b-\u200f]")


@pytest.fixture(scope="module")
def renderer():
    return DraftRenderer()


@pytest.mark.parametrize(
    "value",
    [
        "@everyone",
        "@here",
        "@EVERYONE look",
        "<@123456789012345678>",
        "<@!123456789012345678>",
        "<@&987654321098765432>",
        "<#111111111111111111>",
        "@every\u200bone",
        "<@\u200d123456789012345678>",
    ],
)
def test_mentions_are_inert(value):
    assert PING.search(sanitize_field(value)) is None


def test_mentions_in_every_field_of_a_draft_are_inert(renderer):
    values = {
        "client_name": "@everyone",
        "project": "<@&987654321098765432> launch",
        "last_day": "2026-12-15",
        "handover": "ping <@123456789012345678>\n@here files",
    }
    text = renderer.render("end_engagement", "en", "friendly", values).text
    assert PING.search(text) is None
    assert "everyone" in text and "launch" in text  # the words stay, only the ping goes


def test_markdown_links_are_unmasked(renderer):
    text = renderer.render(
        "deflection", "en", "friendly", {"client_name": "A", "next_topic": "[our brief](https://evil.example/x)"}
    ).text
    assert "](" not in text
    assert "https://evil.example/x" in text and "our brief" in text
    assert "](" not in sanitize_field("[x](javascript:alert(1))")


def test_jinja_syntax_in_input_is_printed_literally(renderer):
    values = {"client_name": "{{ 7*7 }}", "project": "{% for x in range(3) %}loop{% endfor %}"}
    text = renderer.render("contract_request", "en", "firm", values).text
    assert "{{ 7*7 }}" in text and "49" not in text
    assert "{% for x in range(3) %}loop{% endfor %}" in text and "looploop" not in text
    assert sanitize_field("{{ config }}") == "{{ config }}"


def test_backticks_cannot_close_the_code_block(renderer):
    text = renderer.render("deflection", "en", "firm", {"client_name": "```evil```"}).text
    assert "```" not in text
    assert "`" in text


def test_controls_and_bidi_overrides_are_removed():
    assert sanitize_field("Ali\u202ece") == "Alice"
    assert sanitize_field("a\x00b\x07c") == "abc"
    assert sanitize_field("  spaced\u00a0\u00a0 out\t\there  ") == "spaced out here"
    assert sanitize_field("line one\r\n\n\n  line two ") == "line one\nline two"


def test_sanitize_leaves_ordinary_text_alone():
    for text in ("Анна-Мария О'Нил", "سامر العلي", "Mikko Möttönen", "price: 1 200,00 €", "a@b.example"):
        assert sanitize_field(text) == text
    assert not ZW.search(sanitize_field("mail me at name@example.com"))


def test_trailing_full_stop_of_a_one_line_field_does_not_double(renderer):
    values = {"client_name": "A", "working_hours": "Mon–Fri, 9–17.", "channel": "e-mail;"}
    text = renderer.render("working_hours", "en", "friendly", values).text
    assert "9–17." in text and "9–17.." not in text
    assert hygiene_problems(text) == []


def test_member_bullets_are_not_doubled(renderer):
    values = {
        "client_name": "A",
        "new_scope": "- one\n* two\n• three\n1. four\n2) five",
        "extra_price": "10",
        "currency": "EUR",
    }
    text = renderer.render("change_order", "en", None, values).text
    for word in ("one", "two", "three", "four", "five"):
        assert f"\n- {word}\n" in text
    assert hygiene_problems(text) == []


def test_layout_joins_sentences_and_keeps_bullets_and_breaks():
    rendered = "Hi A,\n\nFirst.\nSecond.\n\n\n\nList:\n- a\n- b\nAfter.\n\nLine\u2028\nNext.\n\n\n"
    assert compose(rendered) == "Hi A,\n\nFirst. Second.\n\nList:\n- a\n- b\nAfter.\n\nLine\nNext."


def test_hygiene_check_catches_what_it_claims_to():
    for broken in (
        "Hi {{ name }},",
        "Due None.",
        "Two  spaces.",
        "A\n\n\nB.",
        "Ends ..",
        "Ends ,.",
        "Gap .",
        "Quote “”.",
        "- ",
        "No stop",
    ):
        assert hygiene_problems(broken), broken
    assert hygiene_problems("Fine. Really fine...\n\nBest regards,") == []
