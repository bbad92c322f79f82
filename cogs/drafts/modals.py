"""The details form of a draft: one labelled input per field the kind needs (at most five), in the member's language.

The form's custom id carries everything needed to accept it (`parley:draft:form:<id>:<kind>:<lang>:<tone>:<mode>`),
so a form that was open while the bot restarted is still accepted: the cog reads such an orphaned submission
straight from the interaction instead of losing what the member typed.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import discord

from parley.cogs._shared.views import ParleyModal
from parley.cogs.drafts.labels import field_help, field_label, kind_name
from parley.database.repositories.drafts import StoredDraft
from parley.domain.drafts import DRAFT_SPECS, DraftField
from parley.domain.drafts.samples import sample_values
from parley.i18n import Translations

if TYPE_CHECKING:
    from parley.cogs.drafts.cog import Drafts

TITLE_LIMIT, LABEL_LIMIT, HELP_LIMIT, PLACEHOLDER_LIMIT = 45, 45, 100, 100
# A member may take their time over a long form; past this, the unsent form is simply forgotten.
FORM_TIMEOUT = 3600
FORGET_AFTER = 60


_FORM_ID = re.compile(
    r"parley:draft:form:(?P<id>[0-9a-f]{16}):(?P<kind>[a-z_]{1,32}):(?P<lang>[a-z]{2}):(?P<tone>[a-z_]{1,32}|-)"
    r":(?P<mode>new|edit)(?P<off_platform>:np)?"
)


@dataclass(frozen=True)
class FormId:
    """What a form's custom id says: which draft, its kind, language and tone, and whether it edits a card."""

    draft_id: str
    kind: str
    lang: str
    tone: str | None
    replace_card: bool
    platform: bool = True

    @property
    def custom_id(self) -> str:
        """The id as sent to Discord (at most 100 characters)."""
        mode = "edit" if self.replace_card else "new"
        scope = "" if self.platform else ":np"
        return f"parley:draft:form:{self.draft_id}:{self.kind}:{self.lang}:{self.tone or '-'}:{mode}{scope}"

    @classmethod
    def parse(cls, custom_id: str) -> FormId | None:
        """Read a form id back, or None when it isn't one of ours."""
        match = _FORM_ID.fullmatch(custom_id)
        if match is None or match["kind"] not in DRAFT_SPECS:
            return None
        tone = None if match["tone"] == "-" else match["tone"]
        return cls(match["id"], match["kind"], match["lang"], tone, match["mode"] == "edit", not match["off_platform"])


def submitted_values(data: Mapping[str, Any]) -> dict[str, str]:
    """The text inputs of a MODAL_SUBMIT payload by custom id (Label-wrapped or in legacy action rows)."""
    values: dict[str, str] = {}
    for component in data.get("components") or []:
        is_label = component.get("type") == discord.ComponentType.label.value
        inner = [component.get("component")] if is_label else component.get("components") or []
        for item in inner:
            if item and item.get("type") == discord.ComponentType.text_input.value and item.get("value"):
                values[str(item.get("custom_id"))] = str(item["value"])
    return values


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def placeholder(kind: str, field: DraftField, lang: str) -> str | None:
    """A sample value written the way a member drafting in `lang` would type it (first line only)."""
    sample = sample_values(kind, lang).get(field.id, "")
    first = sample.split("\n", 1)[0].strip()
    return _clip(first, PLACEHOLDER_LIMIT) if first else None


class DraftModal(ParleyModal):
    """Asks for a draft's details; on submit the cog stores them first, then renders (or explains what to fix)."""

    def __init__(
        self, cog: Drafts, t: Translations, draft: StoredDraft, *, replace_card: bool, asked_tone: str | None = None
    ) -> None:
        # The id carries the tone the member asked for, so even a form accepted after a restart can say why the
        # draft is in another one.
        tone = asked_tone or draft.tone
        super().__init__(
            title=_clip(kind_name(t, draft.kind), TITLE_LIMIT),
            custom_id=FormId(draft.draft_id, draft.kind, draft.language, tone, replace_card, draft.platform).custom_id,
            timeout=FORM_TIMEOUT,
        )
        self.cog = cog
        self.draft = draft
        self.replace_card = replace_card
        self.asked_tone = asked_tone
        self.inputs: dict[str, discord.ui.TextInput] = {}
        for field in DRAFT_SPECS[draft.kind].fields:
            paragraph = field.kind == "paragraph"
            prefill = draft.values.get(field.id) or None
            text_input: discord.ui.TextInput = discord.ui.TextInput(
                custom_id=field.id,
                style=discord.TextStyle.paragraph if paragraph else discord.TextStyle.short,
                required=field.required,
                max_length=field.max_len,
                default=prefill[: field.max_len] if prefill else None,
                placeholder=placeholder(draft.kind, field, draft.language),
            )
            help_text = field_help(t, draft.kind, field.id, draft.language)
            self.add_item(
                discord.ui.Label(
                    text=_clip(field_label(t, draft.kind, field.id), LABEL_LIMIT),
                    description=_clip(help_text, HELP_LIMIT) if help_text else None,
                    component=text_input,
                )
            )
            self.inputs[field.id] = text_input

    def typed(self) -> dict[str, str]:
        """What the member typed, by field id (empty fields left out)."""
        return {field_id: text_input.value for field_id, text_input in self.inputs.items() if text_input.value}

    async def on_submit(self, interaction: discord.Interaction) -> None:
        try:
            # Links kept beside the typed values (a case's "@case") survive the form.
            kept = {k: v for k, v in self.draft.values.items() if k.startswith("@")}
            await self.cog.submit(
                interaction,
                replace(self.draft, values={**kept, **self.typed()}),
                replace_card=self.replace_card,
                asked_tone=self.asked_tone,
            )
        finally:
            # Forget the form a little later: the cog's orphan listener checks the set while this one runs.
            asyncio.get_running_loop().call_later(FORGET_AFTER, self.cog.open_forms.discard, self.custom_id)

    async def on_timeout(self) -> None:
        self.cog.open_forms.discard(self.custom_id)
