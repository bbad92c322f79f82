"""The one-screen intake form of /situation, and the persistent "Start here" button that opens it.

The form is one modal: two checkbox groups (what is happening), a radio group (where you are with the client), a
checkbox group (what you have in place) and an optional paragraph in the member's own words, each in a Label.
Every submission is read from the interaction's raw data by the cog's listener (`read_submission`), the same way
before and after a restart, so a form opened before a restart is never lost; the domain maps the answers onto the
walkthrough (parley.domain.intake).
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import discord

from parley.cogs._shared.cog import cog_of
from parley.cogs._shared.items import PersistentItem
from parley.cogs._shared.views import ParleyModal
from parley.cogs.situation import labels
from parley.cogs.situation.modals import MAX_WORDS
from parley.domain.errors import N_
from parley.domain.intake import SITUATION_GROUPS, IntakeAnswers
from parley.i18n import Translations

if TYPE_CHECKING:
    from parley.cogs.situation.cog import Situation

FORM_PREFIX = "parley:situation:form:"
FORM_TIMEOUT = 900  # Discord keeps a modal open as long as the member likes; after this the listener still answers

# Component custom ids inside the form (fixed: the form's own id carries the random handle).
WORK, TREATMENT, STAGE, HAVE, WORDS = "work", "treatment", "stage", "have", "words"

# Label texts (45 characters at most in every language) and their help lines.
GROUP_LABELS: Mapping[str, tuple[str, str]] = {
    WORK: (N_("What is happening with the work?"), N_("Tick what fits, up to three in all.")),
    TREATMENT: (N_("How does the client treat you?"), N_("Leave it empty if none of these fit.")),
}
STAGE_LABEL = (N_("Where are you with this client?"), N_("The right next step depends a lot on this."))
HAVE_LABEL = (N_("What do you have in place?"), N_("Tick everything that applies."))
WORDS_LABEL = (N_("In your own words (optional)"), N_("Only you see this. It's deleted once this walkthrough expires."))


def _labelled(t: Translations, words: tuple[str, str], component: Any) -> discord.ui.Label[Any]:
    """A form field in its label: the question (at most 45 characters, Discord's limit) and its help (100)."""
    text, help_text = words
    return discord.ui.Label(
        text=_clip(t.gettext(text), 45), description=_clip(t.gettext(help_text), 100), component=component
    )


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class IntakeForm(ParleyModal):
    """The whole walkthrough on one screen. Submissions are answered by the cog's listener (one path)."""

    def __init__(self, t: Translations) -> None:
        super().__init__(
            title=_clip(t.gettext("What is happening?"), 45),
            custom_id=FORM_PREFIX + secrets.token_hex(8),
            timeout=FORM_TIMEOUT,
        )
        for group, situations in SITUATION_GROUPS.items():
            options = [
                discord.CheckboxGroupOption(label=_clip(t.gettext(labels.SITUATIONS[s][1]), 100), value=s)
                for s in situations
            ]
            self.add_item(
                _labelled(
                    t,
                    GROUP_LABELS[group],
                    discord.ui.CheckboxGroup(
                        custom_id=group, options=options, required=False, min_values=0, max_values=len(options)
                    ),
                )
            )
        self.add_item(
            _labelled(
                t,
                STAGE_LABEL,
                discord.ui.RadioGroup(
                    custom_id=STAGE,
                    required=False,
                    options=[
                        discord.RadioGroupOption(label=_clip(t.gettext(label), 100), value=stage)
                        for stage, (_, label) in labels.STAGES.items()
                    ],
                ),
            )
        )
        have = [
            discord.CheckboxGroupOption(label=_clip(t.gettext(label), 100), value=value)
            for value, (_, label) in labels.SAFEGUARDS.items()
        ]
        self.add_item(
            _labelled(
                t,
                HAVE_LABEL,
                discord.ui.CheckboxGroup(
                    custom_id=HAVE, options=have, required=False, min_values=0, max_values=len(have)
                ),
            )
        )
        self.add_item(
            _labelled(
                t,
                WORDS_LABEL,
                discord.ui.TextInput(
                    custom_id=WORDS,
                    style=discord.TextStyle.paragraph,
                    placeholder=_clip(t.gettext("For example: what they said or did, and what worries you"), 100),
                    required=False,
                    max_length=MAX_WORDS,
                ),
            )
        )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Nothing here: the cog's listener answers every submission from its raw data, before or after a restart."""


def is_intake_form(custom_id: object) -> bool:
    """Whether a modal submission is the one-screen form (its random handle carries nothing else)."""
    return isinstance(custom_id, str) and custom_id.startswith(FORM_PREFIX) and len(custom_id) == len(FORM_PREFIX) + 16


def read_submission(data: Mapping[str, Any]) -> IntakeAnswers:
    """The form's answers from a MODAL_SUBMIT's data, as Discord sends them (each answer inside its Label)."""
    values: dict[str, Any] = {}

    def walk(components: Any) -> None:
        for comp in components or ():
            if not isinstance(comp, Mapping):
                continue
            inner = comp.get("component")
            if isinstance(inner, Mapping):
                walk([inner])
            walk(comp.get("components"))
            custom_id = comp.get("custom_id")
            if isinstance(custom_id, str):
                values[custom_id] = comp.get("values", comp.get("value"))

    walk(data.get("components"))

    def many(key: str) -> list[str]:
        found = values.get(key)
        return [str(v) for v in found] if isinstance(found, list) else []

    stage = values.get(STAGE)
    words = values.get(WORDS)
    return IntakeAnswers.read(
        situations=[*many(WORK), *many(TREATMENT)],
        stage=stage if isinstance(stage, str) else None,
        safeguards=many(HAVE),
        words=words[:MAX_WORDS] if isinstance(words, str) else None,
    )


def _situation(interaction: discord.Interaction) -> Situation:
    from parley.cogs.situation.cog import Situation

    return cog_of(interaction, Situation)


class StartHereButton(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Button],
    custom_id="parley:situation:start",
):
    """The "Start here" button an admin posts in a help channel: opens the intake for whoever presses it."""

    def __init__(self, *, label: str | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                custom_id=self.bind(), label=label or "Start here", emoji="🧭", style=discord.ButtonStyle.primary
            )
        )

    async def handle(self, interaction: discord.Interaction) -> None:
        await _situation(interaction).walkthrough.open_intake(interaction)


class StepByStepButton(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Button],
    custom_id="parley:situation:steps",
):
    """Beside "Start here": the step-by-step walkthrough, for a client that can't show the one-screen form."""

    def __init__(self, *, label: str | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                custom_id=self.bind(), label=label or "Step by step", emoji="🪜", style=discord.ButtonStyle.secondary
            )
        )

    async def handle(self, interaction: discord.Interaction) -> None:
        await _situation(interaction).walkthrough.start(interaction, None, step_by_step=True)


def start_here_message(t: Translations) -> discord.ui.LayoutView:
    """The public message a help channel keeps: what Parley does, and the two ways in."""
    text = (
        "### 🧭 "
        + t.gettext("Trouble with a client?")
        + "\n"
        + t.gettext(
            "Press **Start here** and answer a few questions on one screen: Parley recognises what kind of "
            "situation it is and suggests what to do next, with a message you can send. Only you see your answers."
        )
        + "\n-# "
        + t.gettext("If the form doesn't open in your Discord app, choose **Step by step**.")
    )
    view = discord.ui.LayoutView(timeout=None)
    view.add_item(
        discord.ui.Container(
            discord.ui.TextDisplay(text),
            discord.ui.ActionRow(
                StartHereButton(label=t.gettext("Start here")), StepByStepButton(label=t.gettext("Step by step"))
            ),
        )
    )
    return view
