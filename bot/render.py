"""Jinja2 rendering of card text: one template per card, strings through the catalogs, member text made inert."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from parley.domain.safe_text import user_text
from parley.i18n import Translations
from parley.i18n.bidi import isolate, ltr
from parley.knowledge.sources import cite, guide_sources
from parley.resources import package_dir

TEMPLATES_DIR = package_dir("parley.templates")


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

    def render(self, name: str, t: Translations, /, **context: Any) -> str:
        """Render a template in the language of `t`."""
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
