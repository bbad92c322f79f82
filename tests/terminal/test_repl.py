"""`try` in-process with piped input: the real bot on the sandbox server, what each person sees, in fi and ar."""

from __future__ import annotations

import argparse
import io
import re
import sys
from typing import Any

import pytest

from parley.terminal import bidi
from parley.terminal.app import language_from_env, run_try
from parley.terminal.render import ONLY_YOU


async def session(monkeypatch: pytest.MonkeyPatch, lines: list[str], **options: Any) -> str:
    """Run `python -m parley try` on scripted input; return everything it printed."""
    args = argparse.Namespace(
        lang=options.get("lang", "en"),
        persona=options.get("persona", "member"),
        db=options.get("db"),
        config=None,
        no_bidi=options.get("no_bidi", False),
        ids=options.get("ids", False),
        width=options.get("width", 90),
    )
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(line + "\n" for line in lines)))
    monkeypatch.setattr(sys, "stdout", out)
    assert await run_try(args) == 0
    return out.getvalue()


def after(output: str, command: str) -> str:
    """What was printed after the prompt line that ran `command`."""
    marker = f"› {command}\n"
    assert marker in output, f"{command!r} was not run"
    return output.split(marker, 1)[1]


def number_of(screen: str, pattern: str) -> str:
    """The number shown beside the first choice matching `pattern` (with --ids, custom ids are matchable)."""
    match = re.search(r"\[(\d+)\][^\[\n]*" + pattern, screen)
    assert match, f"no choice matching {pattern!r} in:\n{screen}"
    return match.group(1)


async def test_finnish_member_sees_the_parley_card_with_finnish_command_names(monkeypatch):
    output = await session(monkeypatch, ["/tilanne vaihe_vaiheelta: true", "help"], lang="fi")
    assert "You are you, a member; replies come in suomi." in output
    assert f"#help · Parley · {ONLY_YOU}" in output
    assert "/tilanne" in output and "/luonnos" in output and "Komennot" in output
    question = after(output, "/tilanne vaihe_vaiheelta: true")
    assert "▾ " in question and "[1] " in question and "[2] " in question  # the walkthrough's first question
    assert "• /kieli" in after(output, "help")


async def test_arabic_member_gets_arabic_replies_reordered_for_the_terminal(monkeypatch):
    output = await session(monkeypatch, ["/language"], lang="ar")
    card = after(output, "/language")
    arabic_lines = [line for line in card.splitlines() if bidi.has_rtl(line)]
    assert len(arabic_lines) >= 3, card
    # drawn in visual order: the logical spelling never reaches the screen, the reversed one does
    assert "العربية" not in card and "ةيبرعلا" in card
    assert any("Parley" in line for line in arabic_lines)  # Latin inside Arabic keeps its own order
    # the right-to-left paragraphs are right-aligned in their box
    paragraphs = [line for line in arabic_lines if line.startswith("│") and "[" not in line and "▾" not in line]
    assert paragraphs and all(line.endswith(" │") and not line.endswith("  │") for line in paragraphs)
    assert "[2] ةيبرعلا ✓" in card  # chosen at the start: Discord has no Arabic client, so /language it is
    assert "\u2068" not in output and "\u2069" not in output


async def test_arabic_text_stays_logical_with_no_bidi(monkeypatch):
    output = await session(monkeypatch, ["/language"], lang="ar", no_bidi=True)
    assert "[2] ✓ العربية" in after(output, "/language")  # the mark leads, in logical order


async def test_setup_card_for_the_admin_numbers_its_channel_and_role_menus(monkeypatch):
    output = await session(monkeypatch, ["/setup", "1", "show"], lang="en", persona="admin")
    card = after(output, "/setup")
    assert "▾ Stories channel  pick one" in card
    assert "[2] ✓ #stories" in card and "[3] #mod-queue" in card  # set up at the start
    assert re.search(r"\[\d+\] ✓ @Moderators", card)
    changed = after(output, "1")
    assert "Stories channel set to #help" in changed or "[1] ✓ #help" in changed


async def test_members_cannot_use_setup_nor_see_the_queue(monkeypatch):
    output = await session(monkeypatch, ["/setup", "channel mod-queue", "channel stories", "1", "/language", "7"])
    refused = after(output, "/setup").replace("\n", " ")
    assert "✗ /setup is not available to a member (Discord would not offer it): try switch admin" in refused
    assert "A member cannot see #mod-queue; try switch moderator." in output
    assert "#stories is empty." in output
    assert "✗ nothing on screen has numbers yet" in after(output, "1")
    assert "✗ there is no [7] on screen: numbers refer to what is shown now (1 to 5)" in after(output, "7")


async def test_a_tip_goes_to_the_queue_and_the_moderator_approves_it(monkeypatch):
    lines = [
        "/advice suggest",
        "1",  # type of client
        "Ask for a deposit before you start: it filters out clients who never meant to pay.",
        "",  # language: keep the default
    ]
    preview = await session(monkeypatch, lines, lang="fi", ids=True)
    assert "Vinkkisi anonymisoituna" in after(preview, "/advice suggest")
    lines += [
        number_of(after(preview, "/advice suggest"), "Vahvista ja lähetä"),
        "switch moderator",
        "channel mod-queue",
    ]
    output = await session(monkeypatch, lines, lang="fi", ids=True)
    assert "Kiitos!" in after(output, "/advice suggest")
    switched = after(output, "switch moderator")
    assert "You are now mia, a moderator." in switched and "#mod-queue (1)" in switched
    queue = after(output, "channel mod-queue")
    assert "#mod-queue · Parley" in queue and "deposit" in queue
    number = number_of(queue, r"‹parley:queue:approve:")
    # approve in a second run would need the same database; do it in this one instead
    output = await session(monkeypatch, [*lines, number], lang="fi", ids=True)
    decided = after(output, number)
    assert "#mod-queue · Parley · updated" in decided and "mia" in decided


async def test_modal_fields_are_validated_and_can_be_closed(monkeypatch):
    output = await session(monkeypatch, ["/advice suggest", "99", "x"], lang="en")
    assert "✗ there is no [99]; pick 1 to 14." in output
    assert "✗ answer with the numbers shown" in output
    assert "Closed the form; nothing was sent." in output  # input ended inside the form


async def test_wait_and_restart_keep_the_session_going(monkeypatch):
    output = await session(monkeypatch, ["wait 6h", "restart", "/parley"], lang="ru")
    assert "6 hours later." in output
    assert "Parley restarted on the same database" in output
    assert "Команды" in after(output, "/parley") or "/parley" in after(output, "/parley")


async def test_unknown_words_and_commands_are_explained(monkeypatch):
    output = await session(monkeypatch, ["hello", "/poem"])
    assert "✗ 'hello' is not something I know." in output
    assert "✗ there is no /poem command. Commands: " in output


async def test_a_kept_database_remembers_the_next_session(monkeypatch, tmp_path):
    db = str(tmp_path / "kept.db")
    first = await session(monkeypatch, ["/language", "3"], lang="en", db=db)
    assert "[3] ✓ suomi" in after(first, "3")
    second = await session(monkeypatch, ["/language"], lang="en", db=db)
    assert "[3] ✓ suomi" in after(second, "/language") and "Komennot" in second


async def test_copy_prints_the_draft_unboxed(monkeypatch):
    lines = ["/draft payment_reminder", "Anna", "", "450", "EUR", "2026-12-01", "copy"]
    output = await session(monkeypatch, lines, lang="en")
    copied = after(output, "copy")
    assert "\nHi Anna,\n" in copied and "│" not in copied.split("you ›")[0]


def test_run_never_imports_the_terminal_libraries():
    import subprocess

    code = (
        "import sys; from parley.cli import build_parser; build_parser(); "
        "print(sorted(m for m in sys.modules if m.startswith(('prompt_toolkit', 'parley.terminal', 'pexpect'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_language_comes_from_the_environment():
    assert language_from_env({"LANG": "fi_FI.UTF-8"}) == "fi"
    assert language_from_env({"LC_ALL": "ru_RU.UTF-8", "LANG": "fi_FI.UTF-8"}) == "ru"
    assert language_from_env({"LANG": "de_DE.UTF-8"}) == "en"
    assert language_from_env({}) == "en"


class _ScriptedIO:
    """Field answers from a script; records what each prompt offered for editing."""

    interactive = False

    def __init__(self, answers: list[str]) -> None:
        self.answers = answers
        self.offered: list[str] = []
        self.printed: list[str] = []

    async def read(self, prompt: str) -> str | None:
        return None

    async def read_field(self, prompt: str, default: str = "", *, multiline: bool = False) -> str | None:
        self.offered.append(default)
        return self.answers.pop(0) if self.answers else None

    def write(self, text: str) -> None:
        self.printed.append(text)


async def test_an_over_long_paste_comes_back_for_editing_with_the_limit():
    from parley.replay.components import ModalField, ModalInfo
    from parley.terminal.render import RenderOptions
    from parley.terminal.repl import Repl, Style

    pasted = "word " * 300
    story = ModalField(label="Your story", kind="text_input", custom_id="story", required=True, max_length=1000)
    scripted = _ScriptedIO([pasted, "a shorter story"])
    repl = Repl(None, scripted, style=Style())  # type: ignore[arg-type]
    repl.options = RenderOptions  # type: ignore[method-assign]
    answers = await repl.fill(ModalInfo(title="Share", custom_id="m", fields=(story,)))
    assert answers == {"Your story": "a shorter story"}
    assert scripted.offered == ["", pasted]  # the paste is offered back, not thrown away
    printed = " ".join(scripted.printed).replace("\n", " ")
    assert "Your story takes at most 1000 characters (you wrote 1500); please shorten it by 500." in printed
    assert "Your text is back in the box" in printed


async def test_numbers_stay_put_when_a_click_edits_the_message(monkeypatch):
    output = await session(monkeypatch, ["/situation step_by_step: true", "1", "show", "2"], lang="en")
    first, second, again = after(output, "/situation step_by_step: true"), after(output, "1"), after(output, "show")
    restart = number_of(first, "Start over")
    assert number_of(second.split("you ›")[0], "Start over") == restart == number_of(again, "Start over")
    assert number_of(second, "In my own words") == number_of(first, "In my own words")
    # question 1's options are gone from the screen: their numbers don't silently mean something else now
    assert "✗ there is no [2] on screen" in after(output, "2")
    assert "[1] " not in second.split("you ›")[0]


async def test_the_exported_file_can_be_read_and_saved(monkeypatch, tmp_path):
    import json

    target = tmp_path / "mine.json"
    output = await session(monkeypatch, ["/privacy export", "file", f"file {target}"], lang="en")
    assert "Type file to read the attached file here" in after(output, "/privacy export")
    shown = after(output, "file")
    assert '"format": "parley-member-export"' in shown and "end of parley-my-data-" in shown
    assert "Saved parley-my-data-" in after(output, f"file {target}")
    assert json.loads(target.read_text("utf-8"))["format"] == "parley-member-export"
