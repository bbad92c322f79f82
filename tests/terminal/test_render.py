"""The renderer: offline Discord messages in, screen text and numbered choices out (pure, no bot)."""

from __future__ import annotations

from typing import Any

from parley.replay import VisibleMessage
from parley.replay.components import ModalField, ModalInfo, OptionInfo
from parley.terminal.render import (
    ONLY_YOU,
    Directory,
    RenderOptions,
    field_prompt,
    render_messages,
    render_modal,
)
from parley.terminal.text import cell_width

OPTS = RenderOptions(width=60)


def message(components: list[dict[str, Any]] | None = None, *, content: str = "", **kw: Any) -> VisibleMessage:
    raw = {"content": content, "components": components or [], "embeds": kw.pop("embeds", [])}
    base: dict[str, Any] = {
        "event": "created",
        "channel": "#help",
        "ephemeral": False,
        "to": None,
        "content": content,
        "text": content,
        "embeds": (),
        "components": (),
        "allowed_mentions": {"parse": []},
        "message_id": 10,
        "author": "Parley",
        "raw": raw,
    }
    base.update(kw)
    return VisibleMessage(**base)


def text(content: str) -> dict[str, Any]:
    return {"type": 10, "content": content}


def button(label: str, custom_id: str | None, **kw: Any) -> dict[str, Any]:
    return {"type": 2, "style": kw.pop("style", 2), "label": label, "custom_id": custom_id, **kw}


def row(*items: dict[str, Any]) -> dict[str, Any]:
    return {"type": 1, "components": list(items)}


def container(*items: dict[str, Any], accent: int | None = None) -> dict[str, Any]:
    return {"type": 17, "accent_color": accent, "components": list(items)}


def test_container_is_a_box_with_markdown_and_a_divider():
    msg = message([container(text("## Title\nSome **bold** words\n-# small print"), {"type": 14}, text("after"))])
    lines = render_messages([msg], OPTS).lines
    assert lines[0] == "#help · Parley"
    assert lines[1].startswith("╭") and lines[1].endswith("╮") and cell_width(lines[1]) == 60
    assert lines[2] == "│ Title" + " " * 52 + "│"
    assert "│ Some bold words" in lines[3] and "**" not in "\n".join(lines)
    assert "│ small print" in lines[4]
    assert lines[5].startswith("├") and lines[5].endswith("┤")
    assert lines[-1].startswith("╰")
    assert {cell_width(line) for line in lines[1:]} == {60}


def test_ephemeral_messages_are_marked_and_channel_posts_named():
    mine = message([text("hi")], ephemeral=True, to="you")
    post = message([text("a story")], channel="#stories", message_id=11)
    screen = render_messages([mine, post], OPTS).text
    assert f"#help · Parley · {ONLY_YOU}" in screen
    assert "#stories · Parley\n" in screen and f"#stories · Parley · {ONLY_YOU}" not in screen


def test_buttons_and_select_options_share_one_numbering_in_row_major_order():
    select = {
        "type": 3,
        "custom_id": "menu",
        "placeholder": "What is happening?",
        "min_values": 1,
        "max_values": 3,
        "options": [
            {"label": "Not paying", "value": "not_paying"},
            {"label": "Scope creep", "value": "scope", "description": "more than agreed", "default": True},
        ],
    }
    msg = message(
        [container(row(select), row(button("Back", "back", disabled=True), button("Next", "next")))], message_id=42
    )
    screen = render_messages([msg], OPTS)
    assert "▾ What is happening?  pick up to 3: e.g. 1,2" in screen.text
    assert "[1] Not paying" in screen.text and "[2] ✓ Scope creep — more than agreed" in screen.text
    assert "[-] Back" in screen.text and "[3] Next" in screen.text
    assert [(c.number, c.kind, c.value or c.custom_id) for c in screen.choices] == [
        (1, "option", "not_paying"),
        (2, "option", "scope"),
        (3, "button", "next"),
    ]
    assert screen.choices[0].max_values == 3 and screen.choices[2].message_id == 42


def test_numbering_continues_across_messages_and_from_a_given_start():
    a = message([row(button("A", "a"))])
    b = message([row(button("B", "b"))], message_id=11)
    screen = render_messages([a, b], OPTS, first=5)
    assert [c.number for c in screen.choices] == [5, 6] and "[6] B" in screen.text


def test_link_buttons_have_no_number_and_show_the_address():
    msg = message([row({"type": 2, "style": 5, "label": "Guide", "url": "https://example.org/g"})])
    screen = render_messages([msg], OPTS)
    assert screen.choices == () and "Guide ↗ https://example.org/g" in screen.text


def test_channel_role_and_user_selects_offer_the_servers_names():
    directory = Directory(
        channels=((1, "help", 0), (2, "stories", 0), (3, "voice", 2)), roles=((7, "Moderators"),), members=()
    )
    selects = [
        row({"type": 8, "custom_id": "ch", "placeholder": "Stories channel", "default_values": [{"id": "2"}]}),
        row({"type": 6 + 0, "custom_id": "role", "placeholder": "Moderator role", "min_values": 0}),
    ]
    selects[1]["components"][0]["type"] = 6  # role select
    screen = render_messages([message(selects)], RenderOptions(width=60, directory=directory))
    assert "[1] #help" in screen.text and "[2] ✓ #stories" in screen.text and "#voice" not in screen.text
    assert "[3] @Moderators" in screen.text and "pick one (optional)" in screen.text
    assert [c.value for c in screen.choices] == ["#help", "#stories", "@Moderators"]


def test_section_accessory_button_sits_under_its_text():
    section = {"type": 9, "components": [text("1. Ask for a deposit")], "accessory": button("👍 Helpful", "vote:1")}
    screen = render_messages([message([container(section)])], OPTS)
    lines = screen.text.splitlines()
    assert "1. Ask for a deposit" in lines[2] and lines[3].rstrip(" │").endswith("[1] 👍 Helpful")


def test_embeds_are_boxed_with_title_fields_and_footer():
    embed = {"title": "Queue", "description": "One story", "fields": [{"name": "Status", "value": "pending"}]}
    embed["footer"] = {"text": "Parley"}
    screen = render_messages([message(embeds=[embed])], OPTS).text
    for part in ("│ Queue", "│ One story", "│ Status", "│ pending", "│ Parley"):
        assert part in screen


def test_arabic_text_is_reordered_and_right_aligned_inside_the_box():
    msg = message([container(text("مرحبا بك في \u2068Parley\u2069 (تجربة)"))])
    lines = render_messages([msg], OPTS).lines
    assert lines[2] == "│ " + " " * (56 - cell_width("(ةبرجت) Parley يف كب ابحرم")) + "(ةبرجت) Parley يف كب ابحرم │"
    assert "\u2068" not in lines[2]


def test_arabic_button_labels_are_reordered_one_by_one():
    screen = render_messages([message([row(button("موافقة", "ok"), button("رفض", "no"))])], OPTS)
    assert "[1] ةقفاوم   [2] ضفر" in screen.text


def test_without_reordering_arabic_stays_in_logical_order():
    msg = message([text("مرحبا")])
    assert "مرحبا" in render_messages([msg], RenderOptions(width=60, reorder=False)).text


def test_long_words_wrap_and_lines_never_exceed_the_width():
    long = "word " * 40 + "x" * 90
    lines = render_messages([message([container(text(long))])], RenderOptions(width=40)).lines
    assert all(cell_width(line) <= 40 for line in lines)
    assert sum(line.count("word") for line in lines) == 40


def test_colour_adds_ansi_only_when_asked():
    msg = message([text("**b**")])
    assert "\x1b[" not in render_messages([msg], OPTS).text
    assert "\x1b[1mb\x1b[0m" in render_messages([msg], RenderOptions(width=60, color=True)).text


def test_ids_are_shown_for_bot_authors():
    msg = message([row(button("Approve", "parley:queue:approve:7"))])
    assert "[1] Approve ‹parley:queue:approve:7›" in render_messages([msg], RenderOptions(show_ids=True)).text


def test_modal_and_its_fields_read_as_prompts():
    modal = ModalInfo(
        title="Share a story",
        custom_id="m",
        fields=(
            ModalField(
                "Your story",
                "text_input",
                "story",
                True,
                description="No names",
                style="paragraph",
                max_length=2000,
                value="draft text",
            ),
            ModalField("Type", "string_select", "type", False, options=(OptionInfo("Non-payer", "non_payer"),)),
        ),
        texts=("Stories are anonymised.",),
    )
    head = render_modal(modal, OPTS).text
    assert "╭─ Share a story ─" in head and "Stories are anonymised." in head
    first = field_prompt(modal.fields[0], OPTS).text.splitlines()
    assert first[0] == "Your story" and first[1] == "No names"
    hint = " ".join(first[2:])
    assert hint.startswith("required · Enter to finish, Alt+Enter for a new line · at most 2000 characters")
    assert "prefilled" in hint
    second = field_prompt(modal.fields[1], OPTS).text.splitlines()
    assert second[1] == "optional · pick one" and second[2] == "  [1] Non-payer"


def test_an_arabic_placeholder_in_the_hint_line_is_reordered_too():
    fld = ModalField("نصيحتك", "text_input", "tip", True, placeholder="ماذا فعلت؟")
    lines = field_prompt(fld, OPTS).text.splitlines()
    assert lines[0].endswith("كتحيصن")  # the label: a right-to-left paragraph, right-aligned
    # The placeholder is an example already: shown as it is, no "e.g." in front ("e.g. For example: ..." read badly).
    assert lines[1].startswith("required · Enter to finish · ") and lines[1].endswith("؟تلعف اذام")
    assert "e.g." not in lines[1]
