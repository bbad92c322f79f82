"""Render every draft kind × language × tone and report anything a member should never see in a draft."""

from __future__ import annotations

import re

from parley.domain.drafts.layout import BULLET, HARD_BREAK
from parley.domain.drafts.renderer import DraftRenderer
from parley.domain.drafts.specs import DRAFT_LANGS, DRAFT_SPECS, MESSAGE_LIMIT

_SENTENCE_END = tuple(".!?:,،")
_SIGN_OFFS_WITHOUT_COMMA = {"Ystävällisin terveisin"}  # Finnish convention: no comma after the sign-off
_LEFTOVERS = ("{{", "}}", "{%", "%}", "{#", "None", HARD_BREAK, "  ", "\n\n\n", "\t")
_PATTERNS = (
    (re.compile(r"(?<!\.)\.\.(?!\.)"), "double full stop"),
    (re.compile(r"[,;:،؛]\s*[.,;:،؛!?]"), "punctuation after a comma or colon"),
    (re.compile(r"[ \u00a0][.,;:!?،؛]"), "space before punctuation"),
    (re.compile(r"“”|«»|””|\(\s*\)|\[\s*\]"), "empty quotes or brackets"),
    (re.compile(r"^-\s*$", re.MULTILINE), "empty bullet"),
)


def hygiene_problems(text: str) -> list[str]:
    """Every way a rendered draft can look broken (placeholders, "None", doubled spaces, empty sentences...)."""
    problems = [f"contains {token!r}" for token in _LEFTOVERS if token in text]
    if text != text.strip():
        problems.append("leading or trailing whitespace")
    problems.extend(what for pattern, what in _PATTERNS if pattern.search(text))
    for line in text.split("\n"):
        if line != line.strip():
            problems.append(f"untrimmed line {line!r}")
        ends_cleanly = line.endswith(_SENTENCE_END) or line in _SIGN_OFFS_WITHOUT_COMMA
        if line and not line.startswith(BULLET) and not ends_cleanly:
            problems.append(f"line without closing punctuation {line!r}")
    return problems


def check_drafts(renderer: DraftRenderer | None = None) -> tuple[list[str], int]:
    """Render all drafts with sample values and with required values only; return problems and render count."""
    renderer = renderer or DraftRenderer()
    problems: list[str] = []
    renders = 0
    for kind, spec in DRAFT_SPECS.items():
        for lang in DRAFT_LANGS:
            sample = renderer.sample_values(kind, lang)
            minimal = {field.id: sample[field.id] for field in spec.required_fields}
            for tone in spec.tones or (None,):
                for label, values in (("sample", sample), ("required only", minimal)):
                    where = f"drafts/{lang}/{kind} [{tone or '-'}, {label}]"
                    try:
                        text = renderer.render(kind, lang, tone, values).text
                    except Exception as error:  # any template bug is a finding for `check`, not a crash
                        problems.append(f"{where}: {type(error).__name__}: {error}")
                        continue
                    renders += 1
                    problems.extend(f"{where}: {problem}" for problem in hygiene_problems(text))
                    if len(text) > MESSAGE_LIMIT:
                        problems.append(f"{where}: {len(text)} characters, over {MESSAGE_LIMIT}")
    return problems, renders
