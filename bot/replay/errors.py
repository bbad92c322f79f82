"""Exceptions raised by the replay harness."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from parley.replay.results import StepResult


class ReplayError(Exception):
    """Base class of replay harness errors."""


class ScenarioError(ReplayError):
    """The scenario (or a step) asks for something that does not exist or cannot be done."""


class ReplayStartupError(ReplayError):
    """The bot could not be started against the fake Discord."""


class ReplayStepError(ReplayError):
    """A step failed (strict sessions): handler error, missing response, or a request Discord would reject."""

    def __init__(self, message: str, step: StepResult) -> None:
        super().__init__(message)
        self.step = step
