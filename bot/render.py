"""Jinja2 rendering of card text: one template per card, strings through the catalogs, member text made inert."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import jinja2

from parley.domain.safe_text import user_text
from parley.i18n import Translations
from parley.i18n.bidi import isolate, ltr
from parley.knowledge.sources import cite, guide_sources
from parley.resources import package_dir

TEMPLATES_DIR = package_dir("parley.templates")
RENDERED_MAX = 2048  # card texts kept (a few hundred bytes each); the whole memo is dropped when it fills

_ATOMS = (str, int, float, bool, type(None))


class _Unkeyable(Exception):
    """A context value that can't safely key the memo (an object that might change): render afresh."""


def _key(value: Any) -> Any:
    """A hashable snapshot of a context value, its type included (1, 1.0 and True render differently)."""
    kind = type(value)
    if kind in _ATOMS:
        return kind, value
    if kind is list or kind is tuple:
        return kind, tuple(_key(v) for v in value)
    params = getattr(kind, "__dataclass_params__", None)
    if params is not None and params.frozen:  # a value object ("question 2 of 4"): keyed by its fields
        return kind, tuple(_key(getattr(value, f.name)) for f in dataclasses.fields(value))
    raise _Unkeyable


class Renderer:
    """Renders `templates/` with the reply language's gettext callables passed per render."""

    def __init__(self, templates_dir: Path = TEMPLATES_DIR) -> None:
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates_dir),
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # noqa: S701 - Discord markdown, not HTML; member text goes through the `user` filter
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            extensions=["jinja2.ext.i18n"],
        )
        self.env.filters["user"] = user_text
        self.env.filters["isolate"] = isolate
        self.env.filters["ltr"] = ltr
        self.env.filters["cite"] = cite  # "G0 §non-payer" -> the guide's title and section in the reader's language
        self.env.globals["guide_titles"] = lambda lang: guide_sources().listing(lang)
        # A template's text is a pure function of its name, the language and the context: the same card for the
        # same inputs (a walkthrough question with the same answers) comes back often, and jinja2 takes 0.1-0.5 ms
        # to render one. Only `render_memo` uses this, for cards whose context holds no member-typed text (nothing
        # a member wrote, or asked Parley to forget, is kept in memory here).
        self._rendered: dict[Any, str] = {}

    def render(self, name: str, t: Translations, /, **context: Any) -> str:
        """Render a template in the language of `t`."""
        return self._render(name, t, context)

    def render_memo(self, name: str, t: Translations, /, **context: Any) -> str:
        """`render`, remembering the text for the same template, language and context. Only for contexts without
        member-typed text; a context holding anything but plain values (an object that could change) is rendered
        every time."""
        try:
            key: Any = (name, t, tuple((k, _key(v)) for k, v in context.items()))
        except _Unkeyable:
            return self._render(name, t, context)
        text = self._rendered.get(key)
        if text is None:
            text = self._render(name, t, context)
            if len(self._rendered) >= RENDERED_MAX:
                self._rendered.clear()
            self._rendered[key] = text
        return text

    def _render(self, name: str, t: Translations, context: dict[str, Any]) -> str:
        template = self.env.get_template(name)
        return template.render(
            gettext=t.gettext,
            ngettext=t.ngettext,
            lang=t.lang,
            rtl=t.rtl,
            number=t.number,
            command=t.command,
            join=t.join,
            **context,
        ).strip()

    def names(self, prefix: str = "") -> list[str]:
        """List template names under a folder (used by `check` to render everything)."""
        return sorted(n for n in self.env.list_templates(extensions=["j2"]) if n.startswith(prefix))
