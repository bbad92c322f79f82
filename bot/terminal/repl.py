"""The `try` session: read a line, turn it into a slash command, a click, a select or a terminal command, show
what the person would see in Discord."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parley.replay import StepResult, VisibleMessage
from parley.replay.components import ModalField, ModalInfo
from parley.terminal import render
from parley.terminal.commandline import (
    ATTACHMENT,
    Catalog,
    CommandLineError,
    ParsedCommand,
    is_pick,
    parse_command,
    pick_numbers,
)
from parley.terminal.completion import Names, Suggestion, complete
from parley.terminal.io import TerminalIO
from parley.terminal.render import Choice, RenderOptions, Screen
from parley.terminal.sandbox import HELP, LANGUAGE_NAMES, PERSONAS, Sandbox

log = logging.getLogger(__name__)

LOCAL_COMMANDS = (
    ("help", "how this works"),
    ("switch", "be someone else: member, moderator or admin"),
    ("channel", "show a channel's messages: channel stories"),
    ("show", "show again what you saw last"),
    ("copy", "print the last draft as plain text, ready to copy"),
    ("file", "read a file the bot attached: file, file 2; save it: file ~/export.json"),
    ("wait", "let time pass: wait 6h, wait 30m"),
    ("restart", "restart the bot on the same database"),
    ("quit", "leave (or Ctrl-D)"),
)
_FENCED = re.compile(r"```[^\n]*\n(.*?)\n?```", re.DOTALL)
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hours?|d|days?)?\s*$", re.IGNORECASE)
_UNITS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "hours": 3600, "d": 86400}
CHANNEL_HISTORY = 10
SLASHED_LOCAL = ("switch", "channel", "wait", "restart")


@dataclass(frozen=True)
class Style:
    """How screens are drawn."""

    width: int = 80
    color: bool = False
    reorder: bool = True
    show_ids: bool = False


class Repl:
    """One person at the keyboard, wearing one of three hats, in the sandbox server."""

    def __init__(
        self, sandbox: Sandbox, io: TerminalIO, *, style: Style, persona: str = "member", log_path: Path | None = None
    ) -> None:
        self.sandbox = sandbox
        self.io = io
        self.style = style
        self.persona = PERSONAS[persona]
        self.choices: tuple[Choice, ...] = ()
        self.last_shown: list[VisibleMessage] = []
        self.log_path = log_path
        self.seen: dict[str, int] = {}
        # A choice keeps its number until the next command (see show), so clicks don't renumber what is on screen.
        self.numbering: dict[tuple[Any, ...], int] = {}

    # -- what the person sees ---------------------------------------------------------------------------------------
    @property
    def member(self) -> str:
        """The member name the person acts as."""
        return self.persona.name

    def options(self) -> RenderOptions:
        """Render options for the current state of the server."""
        fake = self.sandbox.session.fake
        return RenderOptions(
            width=self.style.width,
            color=self.style.color,
            reorder=self.style.reorder,
            mentions=fake.render_mentions,
            directory=self.sandbox.directory(),
            now=self.sandbox.bot_clock.now(),
            show_ids=self.style.show_ids,
        )

    def say(self, text: str, *, dim: bool = False) -> None:
        """The terminal's own words (not the bot's)."""
        screen = render.plain_lines(text, self.options(), frozenset({"dim"}) if dim else frozenset())
        self.io.write(screen.text)

    def error(self, text: str) -> None:
        """A problem with what the person typed."""
        self.io.write(render.plain_lines("✗ " + text, self.options(), frozenset({"red"})).text)

    def prompt(self) -> str:
        """`you › ` (plus the hat when it is not the member's)."""
        hat = "" if self.persona.role == "member" else f" ({self.persona.role})"
        text = f"{self.member}{hat} › "
        return f"\x1b[1m{text}\x1b[0m" if self.style.color else text

    def fresh_numbers(self) -> None:
        """Start numbering from [1] again (a new command, channel or person: a new screen)."""
        self.choices, self.last_shown = (), []
        self.numbering = {}

    def number_for(self, what: tuple[Any, ...]) -> int:
        """A choice's number: the one it had before in this screen, else the next unused one."""
        if what not in self.numbering:
            self.numbering[what] = len(self.numbering) + 1
        return self.numbering[what]

    def show(self, messages: Sequence[VisibleMessage]) -> Screen:
        """Draw messages and add their numbers to the ones a pick refers to.

        A button or option drawn again (its message edited by a click, or redrawn by `show`) keeps its number, and
        the other messages' numbers stay pickable, so a number never changes meaning under the person's fingers.
        """
        screen = render.render_messages(messages, self.options(), number_for=self.number_for)
        if messages:
            self.io.write(screen.text)
            redrawn = {m.message_id for m in messages}
            taken = {c.number for c in screen.choices}
            kept = [c for c in self.choices if c.message_id not in redrawn and c.number not in taken]
            self.choices = tuple(sorted((*kept, *screen.choices), key=lambda c: c.number))
            self.last_shown = [*(m for m in self.last_shown if m.message_id not in redrawn), *messages]
            newest = max((m.message_id or 0) for m in messages)
            self.seen[self.member] = max(self.seen.get(self.member, 0), newest)
            if any(m.raw.get("attachments") for m in messages if m.event != "deleted"):
                self.say("-# Type `file` to read the attached file here, or `file ~/name.json` to save it.")
        return screen

    # -- main loop ----------------------------------------------------------------------------------------------------
    async def run(self) -> int:
        """Read and act until the end of input; returns the exit code."""
        self.mark_all_seen()
        while True:
            line = await self.io.read(self.prompt())
            if line is None:
                self.say("Bye.", dim=True)
                return 0
            line = line.strip()
            if not line:
                continue
            if line.casefold() in ("quit", "exit", "/quit", "/exit"):
                self.say("Bye.", dim=True)
                return 0
            try:
                await self.handle(line)
            except KeyboardInterrupt:
                self.say("(interrupted)", dim=True)

    def mark_all_seen(self) -> None:
        """Start with nothing unread for anyone."""
        newest = max(self.sandbox.session.fake.messages, default=0)
        for persona in PERSONAS.values():
            self.seen.setdefault(persona.name, newest)

    async def handle(self, line: str) -> None:
        """Act on one line."""
        if is_pick(line):
            await self.pick(pick_numbers(line))
            return
        word, _, arg = line.partition(" ")
        name, arg = word.casefold().lstrip("/"), arg.strip()
        if name == "show" and not word.startswith("/"):
            await (self.channel(arg) if arg else self.show_again())
            return
        local = {
            "help": self.help,
            "?": self.help,
            "switch": self.switch,
            "channel": self.channel,
            "wait": self.wait,
            "restart": self.restart,
            "copy": self.copy,
            "file": self.file,
        }
        # The terminal's words win over a bot command of the same name (see LOCAL_COMMANDS).
        if name in local and (not word.startswith("/") or name in SLASHED_LOCAL or not self.sandbox.has_command(name)):
            await local[name](arg)
            return
        if not word.startswith("/"):
            self.error(f"{word!r} is not something I know. Slash commands start with /; type help for help.")
            return
        await self.command(line)

    def catalog(self) -> Catalog:
        """The commands the current person may use."""
        return self.sandbox.catalog(self.member)

    def suggest(self, before_cursor: str) -> list[Suggestion]:
        """Tab completion for the current person."""
        sandbox = self.sandbox
        names = Names(
            channels=tuple(sandbox.channel_names()),
            roles=tuple(name for _, name in sandbox.directory().roles),
            members=tuple(name for _, name in sandbox.directory().members),
            local_commands=LOCAL_COMMANDS,
            local_arguments={
                "switch": tuple(PERSONAS),
                "channel": tuple(sandbox.channel_names()),
                "show": tuple("#" + c for c in sandbox.channel_names()),
                "wait": ("1h", "6h", "1d"),
            },
        )
        return complete(before_cursor, self.catalog(), names)

    # -- slash commands -----------------------------------------------------------------------------------------------
    async def command(self, line: str) -> None:
        """Run a slash command as the current person, in #help."""
        try:
            parsed = parse_command(line, self.catalog())
        except CommandLineError as exc:
            self.error(self._not_for_you(line) or str(exc))
            return
        options = self._files(parsed)
        if options is None:
            return
        self.fresh_numbers()
        step = await self.sandbox.session.command(self.member, parsed.path, options, in_="#" + HELP)
        await self.after(step)

    def _not_for_you(self, line: str) -> str:
        """When a command exists but this person's client would not offer it, say who could use it."""
        words = line.lstrip("/").split()
        mine, _, mine_under = self.catalog().match(words) if words else (None, 0, [])
        if not words or mine is not None or mine_under:
            return ""
        command, _, under = self.sandbox.full_catalog().match(words)
        if command is not None or under:
            return f"/{words[0]} is not available to {self.persona.what} (Discord would not offer it): try switch admin"
        return ""

    def _files(self, parsed: ParsedCommand) -> dict[str, Any] | None:
        options = dict(parsed.options)
        for option in parsed.command.options:
            if option.type == ATTACHMENT and option.name in options:
                path = Path(str(options[option.name])).expanduser()
                try:
                    options[option.name] = {"filename": path.name, "content": path.read_bytes()}
                except OSError as exc:
                    self.error(f"cannot read {path}: {exc.strerror}")
                    return None
        return options

    # -- clicks and selects -------------------------------------------------------------------------------------------
    async def pick(self, numbers: list[int]) -> None:
        """Press a numbered button, or choose numbered options of one menu."""
        by_number = {c.number: c for c in self.choices}
        if not by_number:
            self.error("nothing on screen has numbers yet; run a command first (try /parley).")
            return
        missing = [n for n in numbers if n not in by_number]
        if missing:
            self.error(
                f"there is no [{missing[0]}] on screen: numbers refer to what is shown now "
                f"({_ranges(sorted(by_number))}); type show to see it again."
            )
            return
        picked = [by_number[n] for n in numbers]
        session = self.sandbox.session
        if all(c.kind == "button" for c in picked):
            if len(picked) > 1:
                self.error("press one button at a time.")
                return
            button = picked[0]
            step = await session.click(self.member, custom_id=button.custom_id, in_=button.channel)
            await self.after(step)
            return
        if any(c.kind == "button" for c in picked):
            self.error("that mixes buttons and menu options; press a button alone, or pick options of one menu.")
            return
        menus = {(c.message_id, c.custom_id) for c in picked}
        if len(menus) > 1:
            self.error("those options belong to different menus; pick from one menu at a time.")
            return
        first = picked[0]
        if not first.min_values <= len(picked) <= first.max_values:
            need = f"{first.min_values} to {first.max_values}" if first.max_values > 1 else "one"
            self.error(f"{first.menu or 'this menu'} takes {need} option(s); you picked {len(picked)}.")
            return
        values = [c.value for c in picked]
        step = await session.select(self.member, values, custom_id=first.custom_id, in_=first.channel)
        await self.after(step)

    # -- showing a step -----------------------------------------------------------------------------------------------
    async def after(self, step: StepResult) -> None:
        """Show what a step made visible to this person; fill any modal it opened."""
        self._report(step)
        messages = self._visible(step)
        if messages:
            self.show(messages)
        modal = next((v.modal for v in step.visible if v.modal is not None and v.to == self.member), None)
        if modal is not None:
            answers = await self.fill(modal)
            if answers is None:
                self.say("Closed the form; nothing was sent.", dim=True)
                return
            await self.after(await self.sandbox.session.submit(self.member, answers))

    def _report(self, step: StepResult) -> None:
        if step.error:
            first = step.error.strip().splitlines()[0]
            summary = first if len(first) < 300 else first[:300] + "…"
            if step.interaction_id is None:
                self.error(summary)
            else:
                where = f" (details in {self.log_path})" if self.log_path else ""
                self.error(f"Parley failed here: {summary}{where}")
                for details in step.error_details:
                    log.error("step %s failed:\n%s", step.index, details)
        for violation in step.violations:
            self.say(f"⚠ Discord would reject this request: {violation.method} {violation.path}: {violation.message}")

    def _visible(self, step: StepResult) -> list[VisibleMessage]:
        fake = self.sandbox.session.fake
        uid = fake.member(self.member).user.id
        out = []
        for v in step.visible:
            if v.modal is not None:
                continue
            if v.ephemeral:
                if v.to == self.member:
                    out.append(v)
                continue
            stored = fake.messages.get(v.message_id or 0)
            if stored is not None and v.event != "deleted" and fake.visible_to(stored, uid):
                out.append(v)
        return out

    async def show_again(self) -> None:
        """Redraw the newest messages this person can see (what `show` with no channel does)."""
        current = []
        for old in self.last_shown:
            fresh = self._current(old)
            if fresh is not None:
                current.append(fresh)
        if not current:
            newest = self.sandbox.session.messages_for(self.member)[:1]
            current = newest
        if not current:
            self.say("Nothing to show yet. Try /parley.", dim=True)
            return
        self.show(current)

    def _current(self, old: VisibleMessage) -> VisibleMessage | None:
        fake = self.sandbox.session.fake
        stored = fake.messages.get(old.message_id or 0)
        if stored is None or stored.deleted or not fake.visible_to(stored, fake.member(self.member).user.id):
            return None
        return fake.view(stored, "current")

    # -- modals -------------------------------------------------------------------------------------------------------
    async def fill(self, modal: ModalInfo) -> dict[str, Any] | None:
        """Ask a modal's fields one by one; None when the person cancels."""
        options = self.options()
        self.io.write(render.render_modal(modal, options).text)
        answers: dict[str, Any] = {}
        for fld in modal.fields:
            self.io.write(render.field_prompt(fld, options).text)
            offered = fld.value or ""
            while True:
                raw = await self.io.read_field(
                    "  › ", offered, multiline=fld.kind == "text_input" and fld.style == "paragraph"
                )
                if raw is None:
                    return None
                try:
                    value = field_value(fld, raw)
                except ValueError as exc:
                    self.error(str(exc))
                    if fld.kind == "text_input" and raw.strip():
                        # What was typed or pasted comes back for editing: a long paste is work, never thrown away.
                        offered = raw.strip("\n")
                        self.say("Your text is back in the box: edit it and press Enter.", dim=True)
                    continue
                if value is not _SKIP:
                    answers[fld.label] = value
                break
        return answers

    # -- terminal commands --------------------------------------------------------------------------------------------
    async def help(self, _: str = "") -> None:
        """Explain how to use the session."""
        catalog = self.catalog()
        lines = ["## How this works", "Type slash commands as in Discord; Tab completes commands and options."]
        lines.append('`/situation describe: he pays "next week" every week`: options are written `name: value`.')
        lines.append("Numbers in **[brackets]** are buttons and menu options: type `2` to press or pick one,")
        lines.append("`2,3` to pick several options of one menu. Forms ask field by field; Ctrl-C closes them.")
        lines.append("")
        lines.append(f"### Commands you ({self.persona.what}) can use")
        for command in catalog.commands:
            lines.append(f"- `/{command.shown}` {command.description}")
        lines.append("")
        lines.append("### Terminal commands")
        for name, what in LOCAL_COMMANDS:
            lines.append(f"- `{name}` {what}")
        lines.append("")
        lines.append("-# Commands run in #help. Ctrl-D leaves.")
        self.say("\n".join(lines))

    async def switch(self, arg: str) -> None:
        """Become the member, the moderator or the admin."""
        role = arg.strip().casefold()
        if role in ("mod", "moderator"):
            role = "moderator"
        if role in ("owner", "admin"):
            role = "admin"
        if role not in PERSONAS:
            self.error("switch to member, moderator or admin.")
            return
        self.persona = PERSONAS[role]
        self.fresh_numbers()
        self.say(f"You are now **{self.member}**, {self.persona.what}.")
        unread = self.unread()
        if unread:
            listed = ", ".join(f"#{name} ({count})" for name, count in unread)
            first = unread[0][0]
            self.say(f"New messages: {listed}. Type `channel {first}` to read them.", dim=True)

    def unread(self) -> list[tuple[str, int]]:
        """Channels with messages this person has not seen yet."""
        fake = self.sandbox.session.fake
        seen = self.seen.get(self.member, 0)
        out = []
        for name in self.sandbox.channel_names():
            if not self.sandbox.can_view(self.member, "#" + name):
                continue
            count = sum(1 for m in fake.messages_in("#" + name) if m.id > seen)
            if count:
                out.append((name, count))
        return out

    async def channel(self, arg: str) -> None:
        """Show the latest messages of a channel (with their buttons numbered)."""
        name = arg.strip().lstrip("#")
        names = self.sandbox.channel_names()
        if name not in names:
            self.error(f"there is no #{name or '?'} here; channels: {', '.join('#' + n for n in names)}.")
            return
        if not self.sandbox.can_view(self.member, "#" + name):
            self.error(f"{self.persona.what.capitalize()} cannot see #{name}; try switch moderator.")
            return
        messages = self.sandbox.session.messages_for(self.member, "#" + name)[:CHANNEL_HISTORY][::-1]
        self.fresh_numbers()
        if not messages:
            self.say(f"#{name} is empty.", dim=True)
            return
        self.say(f"── #{name} ── (latest {len(messages)})", dim=True)
        self.show(messages)

    async def wait(self, arg: str) -> None:
        """Let time pass on the fake clocks (publishing slots, expiry)."""
        match = _DURATION.match(arg or "")
        if not match:
            self.error("wait how long? e.g. wait 6h, wait 30m, wait 1d")
            return
        unit = (match.group(2) or "h").casefold()
        seconds = float(match.group(1)) * _UNITS.get(unit.rstrip("s") if unit not in _UNITS else unit, 3600)
        step = await self.sandbox.session.advance(seconds)
        self._report(step)
        self.say(f"{_span(seconds)} later.", dim=True)
        messages = self._visible(step)
        if messages:
            self.show(messages)

    async def copy(self, _: str = "") -> None:
        """Print the code blocks (drafts) of what was shown last, unboxed and in logical order, for copying."""
        blocks = []
        for old in self.last_shown:
            fresh = self._current(old) or old
            blocks.extend(_FENCED.findall(fresh.content))
        if not blocks:
            self.error("nothing to copy in what was shown last (drafts appear after /draft).")
            return
        self.say("-# Plain text follows, as written: it pastes correctly even where this terminal reorders it.")
        for block in blocks:
            self.io.write(block.strip("\n"))
            self.io.write("")

    def attachments(self) -> list[tuple[str, bytes]]:
        """The files attached to what is shown now (name, bytes), in screen order."""
        cdn = self.sandbox.session.fake.cdn
        out = []
        for old in self.last_shown:
            fresh = self._current(old) or old
            for attachment in fresh.raw.get("attachments") or []:
                data = cdn.get(str(attachment.get("url", "")))
                if data is not None:
                    out.append((str(attachment.get("filename", "file")), data))
        return out

    async def file(self, arg: str) -> None:
        """Show a file the bot attached (a Discord client would download it), or save it where the person says."""
        files = self.attachments()
        if not files:
            self.error("no file is attached to what is shown now (/privacy export sends one).")
            return
        which, _, path = arg.strip().partition(" ")
        if not which.isdigit():
            which, path = "1" if len(files) == 1 else "", arg.strip()
        if not which:
            listed = ", ".join(f"{i}: {name}" for i, (name, _) in enumerate(files, start=1))
            self.error(f"{len(files)} files are attached ({listed}); say which: file 1")
            return
        if not 1 <= int(which) <= len(files):
            choose = "type file" if len(files) == 1 else f"pick 1 to {len(files)}"
            self.error(f"there is no file {which}; {choose}.")
            return
        name, data = files[int(which) - 1]
        if path.strip():
            # Only where the person asks: the file may hold their own words, and nothing is written by default.
            try:
                target = _save(name, data, path.strip())
            except OSError as exc:
                self.error(f"cannot write {exc.filename or path.strip()}: {exc.strerror}")
                return
            self.say(f"Saved {name} ({len(data)} bytes) to {target}.", dim=True)
            return
        self.io.write(_readable(name, data))

    async def restart(self, _: str = "") -> None:
        """Restart the bot process; buttons on old messages keep working."""
        step = await self.sandbox.restart()
        self._report(step)
        self.say("Parley restarted on the same database; buttons on old messages still work.", dim=True)


_SKIP = object()


def field_value(fld: ModalField, raw: str) -> Any:
    """A modal answer as the offline Discord takes it; ValueError says what is wrong. _SKIP keeps the default."""
    text = raw.strip() if fld.kind != "text_input" else raw.strip("\n")
    if fld.kind == "text_input":
        if fld.required and not text.strip():
            raise ValueError(f"{fld.label} is required.")
        if text and fld.min_length and len(text) < fld.min_length:
            raise ValueError(f"{fld.label} needs at least {fld.min_length} characters (you wrote {len(text)}).")
        if fld.max_length and len(text) > fld.max_length:
            raise ValueError(
                f"{fld.label} takes at most {fld.max_length} characters (you wrote {len(text)}); "
                f"please shorten it by {len(text) - fld.max_length}."
            )
        return text
    if fld.kind == "checkbox":
        if text.casefold() in ("y", "yes", "1", "true", "x", "on"):
            return True
        if text.casefold() in ("", "n", "no", "0", "false", "off"):
            return False
        raise ValueError("answer y or n.")
    if fld.kind == "file_upload":
        if not text:
            if fld.required:
                raise ValueError(f"{fld.label} needs a file.")
            return _SKIP
        path = Path(text).expanduser()
        try:
            return [{"filename": path.name, "content": path.read_bytes()}]
        except OSError as exc:
            raise ValueError(f"cannot read {path}: {exc.strerror}") from None
    if fld.kind in ("string_select", "radio_group", "checkbox_group"):
        if not text:
            defaults = [o.value for o in fld.options if o.default]
            if defaults:  # Enter keeps what is ticked
                return defaults[0] if fld.kind == "radio_group" else defaults
            if fld.required:
                raise ValueError(f"{fld.label}: pick at least one (a number).")
            return _SKIP
        if not is_pick(text):
            raise ValueError("answer with the numbers shown, e.g. 1 or 1,3.")
        numbers = pick_numbers(text)
        bad = [n for n in numbers if not 1 <= n <= len(fld.options)]
        if bad:
            raise ValueError(f"there is no [{bad[0]}]; pick 1 to {len(fld.options)}.")
        high = 1 if fld.kind == "radio_group" else fld.max_values
        low = fld.min_values if fld.required else 0
        if not low <= len(numbers) <= high:
            raise ValueError(f"pick {low} to {high}." if high > 1 else "pick one.")
        values = [fld.options[n - 1].value for n in numbers]
        return values[0] if fld.kind == "radio_group" else values
    names = [p.strip() for p in text.split(",") if p.strip()]
    if not names:
        if fld.required:
            raise ValueError(f"{fld.label} is required.")
        return _SKIP
    return names


def _save(name: str, data: bytes, path: str) -> Path:
    """Write an attached file to `path` (into it, under its own name, when `path` is a folder)."""
    target = Path(path).expanduser()
    if target.is_dir():
        target = target / name
    target.write_bytes(data)
    return target


def _readable(name: str, data: bytes) -> str:
    """A file's text for the screen: JSON indented, other text as it is, binary described."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return f"{name} is not text ({len(data)} bytes); save it with: file ~/{name}"
    if name.endswith(".json"):
        with contextlib.suppress(ValueError):
            text = json.dumps(json.loads(text), indent=2, ensure_ascii=False)
    return f"── {name} ──\n{text.rstrip()}\n── end of {name} ──"


def _ranges(numbers: list[int]) -> str:
    """`1 to 4, 9 to 12`: the numbers on screen, in runs."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]} to {r[-1]}" for r in runs)


def _span(seconds: float) -> str:
    delta = dt.timedelta(seconds=seconds)
    if delta.days and not delta.seconds:
        return f"{delta.days} day{'s' if delta.days != 1 else ''}"
    hours, rest = divmod(int(seconds), 3600)
    minutes = rest // 60
    if hours and not minutes:
        return f"{hours} hour{'s' if hours != 1 else ''}"
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def banner(sandbox: Sandbox, persona: str, notes: Sequence[str], *, spec_checked: bool) -> str:
    """What the session says first."""
    who = PERSONAS[persona]
    language = LANGUAGE_NAMES[sandbox.lang]
    lines = [
        "## Parley, offline",
        "A throwaway Discord server on this computer: nothing is sent anywhere, no token needed.",
        "Server **Freelancers' Lounge**: #help, #stories, #mod-queue (moderators only), role @Moderators.",
        "Parley is already set up there (the owner ran /setup).",
        f"You are **{who.name}**, {who.what}; replies come in {language}. Others: "
        + ", ".join(f"{p.name} ({p.role})" for p in PERSONAS.values() if p.role != persona)
        + ".",
        "Type `/` and Tab for commands, `help` for help, Ctrl-D to leave.",
    ]
    if not spec_checked:
        lines.append("-# Discord's API spec was not found, so requests are not checked against it.")
    lines.extend(f"-# note: {note}" for note in notes)
    return "\n".join(lines)


__all__ = ["Repl", "Style", "banner", "field_value"]
