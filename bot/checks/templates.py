"""Render every card template in every language with the samples its cog provides, within Discord's limits."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from parley.i18n import LANGUAGES, I18n
from parley.render import Renderer

TEXT_DISPLAY_LIMIT = 4000  # Components V2: all text in one message together


def check_templates(
    renderer: Renderer, i18n: I18n, samples: Mapping[str, Iterable[Mapping[str, Any]]], prefix: str = "cards/"
) -> tuple[list[str], int]:
    """Return problems and the number of renders: unsampled templates, render errors, over-long output."""
    problems: list[str] = []
    renders = 0
    for name in renderer.names(prefix):
        cases = list(samples.get(name, ()))
        if not cases:
            problems.append(f"{name}: no sample context to render it with (add it to a cog's template_samples)")
            continue
        for lang in LANGUAGES:
            for context in cases:
                try:
                    text = renderer.render(name, i18n.get(lang), **context)
                except Exception as error:  # any template bug is a finding, not a crash of the check
                    problems.append(f"{name} [{lang}]: {type(error).__name__}: {error}")
                    continue
                renders += 1
                if not text.strip():
                    problems.append(f"{name} [{lang}]: renders empty")
                if len(text) > TEXT_DISPLAY_LIMIT:
                    problems.append(f"{name} [{lang}]: {len(text)} characters; Discord allows {TEXT_DISPLAY_LIMIT}")
    return problems, renders
