"""Text of the story cards: the marked story body, the "Removed: ..." line, and the templates' contexts.

Every piece of member-written text goes through `user_text` here or in the templates (`|user`): mentions inert,
invisible and bidi characters gone, markdown escaped. Placeholders are shown in bold, so readers see what the
anonymiser or a moderator removed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from parley.domain.errors import N_
from parley.domain.safe_text import user_text
from parley.domain.stories import Segment, Story, clip_segments, segments
from parley.i18n import LANGUAGE_NAMES, Translations
from parley.knowledge import pick

if TYPE_CHECKING:
    from parley.services import Services

# Components V2: every text of one message together stays within 4000 characters.
MESSAGE_TEXT_LIMIT = 4000


def marked(parts: Sequence[Segment]) -> str:
    """Member text made inert, placeholders in bold."""
    return "".join(f"**{user_text(p.text)}**" if p.removed else user_text(p.text) for p in parts)


def marked_body(parts: Sequence[Segment], budget: int) -> tuple[str, bool]:
    """The marked text within `budget` characters (after escaping); True when it had to be shortened."""
    text = marked(parts)
    if len(text) <= budget:
        return text, False
    raw_budget = budget
    while raw_budget > 20:
        raw_budget = int(raw_budget * 0.85)
        clipped, _ = clip_segments(parts, raw_budget)
        text = marked(clipped)
        if len(text) <= budget:
            return text, True
    return "…", True


def story_body(text: str, budget: int, placeholders: Sequence[str] | frozenset[str] | None = None) -> tuple[str, bool]:
    """A story's text, marked and within budget (placeholders: exactly those, else anything shaped like one)."""
    return marked_body(segments(text, placeholders), budget)


def title_text(title: str | None, placeholders: Sequence[str] | frozenset[str] | None = None) -> str | None:
    """A story's title as plain, inert text (None when it has none).

    Every card sets the title in bold or as a heading, so placeholders inside it are not marked: bold inside bold
    leaves stray asterisks ("****[client]** ghosted my invoice**").
    """
    return user_text(title) if title else None


def archetype_name(services: Services, archetype: str, t: Translations) -> str:
    """An archetype's name in the reader's language (its id if the knowledge base lacks it)."""
    arch = services.knowledge.archetypes.get(archetype)
    return pick(arch.name, t.lang) if arch else archetype


def language_name(code: str) -> str:
    """A language in its own name."""
    return LANGUAGE_NAMES.get(code, code)


# A story's language named in the READER's language (a moderator reads "Written in Russian", not "русский").
LANGUAGE_WORDS = {"en": N_("English"), "ar": N_("Arabic"), "fi": N_("Finnish"), "ru": N_("Russian")}


def language_in(t: Translations, code: str) -> str:
    """A language named in the reader's language."""
    return t.gettext(LANGUAGE_WORDS[code]) if code in LANGUAGE_WORDS else code


def excerpt(story: Story, chars: int) -> str:
    """The start of a story, marked, for lists."""
    text, _ = marked_body(segments(" ".join(story.text.split())), chars)
    return text
