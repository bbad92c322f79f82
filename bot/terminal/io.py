"""Reading lines and writing screens: prompt_toolkit on a terminal, plain lines when input is piped."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from typing import Any, Protocol, TextIO

from parley.terminal.completion import Suggestion


class TerminalIO(Protocol):
    """What the REPL needs from the terminal."""

    interactive: bool

    async def read(self, prompt: str) -> str | None:
        """A command line; "" after Ctrl-C; None at the end of input (Ctrl-D)."""
        ...

    async def read_field(self, prompt: str, default: str = "", *, multiline: bool = False) -> str | None:
        """A modal field's answer (`default` prefilled); None when the person cancels."""
        ...

    def write(self, text: str) -> None:
        """Print text (lines)."""
        ...


class LineIO:
    """Plain line input (pipes, scripts, tests): echoes what it reads so the output reads as a session.

    A paragraph field's answer is one line; `\\n` in it stands for a line break.
    """

    interactive = False

    def __init__(self, stdin: TextIO | None = None, stdout: TextIO | None = None, *, echo: bool = True) -> None:
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.echo = echo

    async def read(self, prompt: str) -> str | None:
        """Next line of input (None at its end)."""
        self.stdout.write(prompt)
        self.stdout.flush()
        line = await asyncio.get_running_loop().run_in_executor(None, self.stdin.readline)
        if not line:
            self.stdout.write("\n")
            return None
        line = line.rstrip("\r\n")
        if self.echo:
            self.stdout.write(line + "\n")
        return line

    async def read_field(self, prompt: str, default: str = "", *, multiline: bool = False) -> str | None:
        """Next line as a field answer (empty keeps `default`)."""
        line = await self.read(prompt)
        if line is None:
            return None
        if not line:
            return default
        return line.replace("\\n", "\n") if multiline else line

    def write(self, text: str) -> None:
        """Print text."""
        self.stdout.write(text + "\n")
        self.stdout.flush()


class PromptIO:
    """prompt_toolkit line editing: Tab completion from the bot's commands, history, Ctrl-C/Ctrl-D."""

    interactive = True

    def __init__(self, suggest: Callable[[str], list[Suggestion]]) -> None:
        from prompt_toolkit import PromptSession
        from prompt_toolkit.completion import Completer, Completion
        from prompt_toolkit.history import InMemoryHistory
        from prompt_toolkit.key_binding import KeyBindings

        class _Completer(Completer):
            def get_completions(self, document: Any, complete_event: Any) -> Any:
                for s in suggest(document.text_before_cursor):
                    yield Completion(s.text, start_position=-s.replace, display_meta=s.meta or None)

        self.session: Any = PromptSession(
            history=InMemoryHistory(), completer=_Completer(), complete_while_typing=False
        )
        self.fields: Any = PromptSession()  # modal answers stay out of the command history
        bindings = KeyBindings()

        @bindings.add("enter")
        def _accept(event: Any) -> None:
            event.current_buffer.validate_and_handle()

        @bindings.add("escape", "enter")
        def _newline(event: Any) -> None:
            event.current_buffer.insert_text("\n")

        self.multiline_keys = bindings

    async def read(self, prompt: str) -> str | None:
        """A command line with completion."""
        from prompt_toolkit.formatted_text import ANSI

        try:
            return await self.session.prompt_async(ANSI(prompt))
        except KeyboardInterrupt:
            return ""
        except EOFError:
            return None

    async def read_field(self, prompt: str, default: str = "", *, multiline: bool = False) -> str | None:
        """A field answer, prefilled and editable; Enter finishes, Alt+Enter breaks the line."""
        from prompt_toolkit.formatted_text import ANSI

        try:
            return await self.fields.prompt_async(
                ANSI(prompt),
                default=default,
                multiline=multiline,
                key_bindings=self.multiline_keys if multiline else None,
            )
        except (KeyboardInterrupt, EOFError):
            return None

    def write(self, text: str) -> None:
        """Print text."""
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
