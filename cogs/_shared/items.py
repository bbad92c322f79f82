"""Persistent components declared once: the custom id's shape gives the template, the id and the parsing.

A persistent component (a DynamicItem) used to state its id twice, as a regex for discord.py and as an f-string
for the constructor, and to repeat `from_custom_id` and `examples()`. Here a class declares its id once:

    class MineButton(
        PersistentItem,
        discord.ui.DynamicItem[discord.ui.Button],
        custom_id="parley:story:mine:{action}:{story_id}",
        action=one_of(MINE_ACTIONS),
        story_id=SNOWFLAKE,
    ):
        def __init__(self, action: str, story_id: int, t: Translations | None = None) -> None:
            super().__init__(discord.ui.Button(custom_id=self.bind(action=action, story_id=story_id), ...))

and gets the template (`parley:story:mine:(?P<action>withdraw|...):(?P<story_id>[1-9][0-9]{0,17})`), parsing
(`from_custom_id` calls the constructor with the parsed fields), attributes (`self.action`, `self.story_id`) and
examples for the architecture test. A `[...]` part of the shape is optional: present when its field is not None.
Custom ids follow `parley:<capability>:<action>:<entity>`: lowercase, at most 100 characters, no free text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import discord

from parley.cogs._shared.errors import handle_error

if TYPE_CHECKING:
    from parley.i18n import Translations

_FIELD = re.compile(r"\{([a-z_]+)\}|\[|\]")


@dataclass(frozen=True)
class Field:
    """One variable part of a custom id: the regex it matches, how it reads back, how it is written, examples."""

    pattern: str
    parse: Callable[[str], Any] = str
    format: Callable[[Any], str] = str
    examples: tuple[Any, ...] = ()


def one_of(values: Iterable[str]) -> Field:
    """A word from a fixed list (an action, a tone, a capability)."""
    words = tuple(values)
    return Field("|".join(re.escape(word) for word in words), examples=words)


#: A database id: a positive integer of at most 18 digits, so it always fits SQLite's signed 64 bits.
SNOWFLAKE = Field(r"[1-9][0-9]{0,17}", int, examples=(1, int("9" * 18)))
#: A random handle (a draft id, in-memory state): 16 lowercase hex digits.
HANDLE = Field(r"[0-9a-f]{16}", examples=("0123456789abcdef", "fedcba9876543210"))
#: An archetype or knowledge id: a lowercase slug of at most 32 characters.
SLUG = Field(r"[a-z][a-z_]{0,31}", examples=("creep", "a" * 32))

#: How a button looks: (emoji, label as written in the source, style); the label is translated when drawn.
ButtonLook = tuple[str, str, discord.ButtonStyle]


def looked_button(
    look: ButtonLook, custom_id: str, t: Translations | None, *, disabled: bool = False
) -> discord.ui.Button[Any]:
    """A button drawn from its look, labelled in the reader's language (as written when there is no reader: the
    DynamicItem parsing a press doesn't need the label)."""
    emoji, label, style = look
    return discord.ui.Button(
        custom_id=custom_id, label=t.gettext(label) if t else label, emoji=emoji, style=style, disabled=disabled
    )


def compile_shape(shape: str, fields: dict[str, Field]) -> str:
    """The regex of a shape: literals escaped, `{name}` a named group of its field, `[...]` optional."""
    out: list[str] = []
    pos = 0
    seen: list[str] = []
    for match in _FIELD.finditer(shape):
        out.append(re.escape(shape[pos : match.start()]))
        part = match.group(0)
        if part == "[":
            out.append("(?:")
        elif part == "]":
            out.append(")?")
        else:
            name = match.group(1)
            if name not in fields:
                raise TypeError(f"custom id {shape!r} names {{{name}}} but declares no such field")
            out.append(f"(?P<{name}>{fields[name].pattern})")
            seen.append(name)
        pos = match.end()
    out.append(re.escape(shape[pos:]))
    extra = set(fields) - set(seen)
    if extra:
        raise TypeError(f"custom id {shape!r} declares fields it never uses: {sorted(extra)}")
    return "".join(out)


def format_shape(shape: str, fields: dict[str, Field], values: dict[str, Any]) -> str:
    """The custom id for these values; an optional `[...]` part is left out when its fields are None."""
    out: list[str] = []
    optional: list[str] | None = None
    skip = False
    for literal, part in _shape_parts(shape):
        target = optional if optional is not None else out
        target.append(literal)
        if part == "[":
            optional, skip = [], False
        elif part == "]":
            if optional is not None and not skip:
                out.extend(optional)
            optional = None
        elif part:
            value = values[part]
            if value is None and optional is not None:
                skip = True
            else:
                target.append(fields[part].format(value))
    return "".join(out)


@functools.cache
def _shape_parts(shape: str) -> tuple[tuple[str, str], ...]:
    """A shape cut once into (literal before, then "[", "]", a field's name, or "" at the end): every card builds
    its buttons' ids from it, and reading the shape with a regex for each was a tenth of drawing a card."""
    parts: list[tuple[str, str]] = []
    pos = 0
    for match in _FIELD.finditer(shape):
        parts.append((shape[pos : match.start()], match.group(1) or match.group(0)))
        pos = match.end()
    parts.append((shape[pos:], ""))
    return tuple(parts)


# To the type checker a persistent component is an Item usable in any view: discord.py types DynamicItem as an
# Item of the classic View, which its stubs then refuse in a LayoutView's ActionRow (it works at run time).
if TYPE_CHECKING:
    _ItemBase = discord.ui.Item[Any]
else:
    _ItemBase = object


class PersistentItem(_ItemBase):
    """Mixin for persistent components: the id declared once, and errors routed to the chain.

    Use as `class X(PersistentItem, discord.ui.DynamicItem[discord.ui.Button], custom_id="...", field=Field(...))`.
    Errors are routed here because a DynamicItem lives in a plain View whose on_error would only log.
    """

    custom_id: str
    __parley_shape__: ClassVar[str]
    __parley_fields__: ClassVar[dict[str, Field]]

    def __init_subclass__(cls, *, custom_id: str | None = None, template: str | None = None, **fields: Any) -> None:
        if custom_id is None:
            # A shared base (no id of its own), or a component that spells its regex itself.
            if fields:
                raise TypeError(f"{cls.__name__}: fields without a custom_id shape")
            if template is None:
                super().__init_subclass__()
            else:
                super().__init_subclass__(template=template)  # type: ignore[call-arg]
            return
        for name, field in fields.items():
            if not isinstance(field, Field):
                raise TypeError(f"{cls.__name__}: field {name!r} must be a Field")
            if name == "item" or hasattr(discord.ui.DynamicItem, name):
                raise TypeError(f"{cls.__name__}: field {name!r} would hide the DynamicItem attribute of that name")
        cls.__parley_shape__ = custom_id
        cls.__parley_fields__ = dict(fields)
        super().__init_subclass__(template=compile_shape(custom_id, cls.__parley_fields__))  # type: ignore[call-arg]

    def bind(self, **values: Any) -> str:
        """Keep the fields as attributes (`self.story_id`) and return the custom id they make."""
        fields = type(self).__parley_fields__
        if set(values) != set(fields):
            raise TypeError(f"{type(self).__name__} needs exactly the fields {sorted(fields)}")
        for name, value in values.items():
            setattr(self, name, value)
        return format_shape(type(self).__parley_shape__, fields, values)

    @classmethod
    def keep(cls, item: discord.ui.Item[Any]) -> dict[str, Any]:
        """Constructor arguments to carry over from the component as the message shows it (none by default).

        Components whose card is redrawn from the message (vote counts) keep their label, emoji and style here.
        """
        return {}

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> Any:
        """Rebuild the component from its id: the constructor gets the parsed fields and what `keep` returns."""
        fields = getattr(cls, "__parley_fields__", {})
        values = {}
        for name, field in fields.items():
            raw = match[name]
            values[name] = None if raw is None else field.parse(raw)
        return cls(**values, **cls.keep(item))

    @classmethod
    def examples(cls) -> list[Any]:
        """Instances whose custom ids must fully match the class template (checked by the architecture test).

        Derived from the fields' examples (the n-th instance takes each field's n-th example, cycling), so every
        word of a `one_of` field appears; classes whose fields depend on each other override it.
        """
        fields = getattr(cls, "__parley_fields__", {})
        if not fields:
            return [cls()]
        for name, field in fields.items():
            if not field.examples:
                raise TypeError(f"{cls.__name__}: field {name!r} has no examples; override examples()")
        count = max(len(field.examples) for field in fields.values())
        return [
            cls(**{name: field.examples[n % len(field.examples)] for name, field in fields.items()})
            for n in range(count)
        ]

    async def callback(self, interaction: discord.Interaction) -> None:  # type: ignore[override]
        try:
            await self.handle(interaction)
        except Exception as error:
            await handle_error(interaction, error, where=self.custom_id)

    async def handle(self, interaction: discord.Interaction) -> None:
        """React to a press; every subclass defines it."""
        raise TypeError(f"{type(self).__name__} must define handle()")
