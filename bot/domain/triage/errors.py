"""Errors the triage engine raises for input it cannot classify."""

from __future__ import annotations

from typing import Any

from parley.domain.errors import N_, InvalidInput


class TriageInputError(InvalidInput, ValueError):
    """Nothing to classify, or an answer outside the known choices; `code` is a stable key the UI localises."""

    message = N_("Please describe what is happening, or answer the questions, so Parley can help.")

    def __init__(self, code: str, message: str | None = None, /, **params: Any) -> None:
        self.code = code
        super().__init__(message, **params)

    def __str__(self) -> str:
        return f"{self.code}: {self.msgid}"
