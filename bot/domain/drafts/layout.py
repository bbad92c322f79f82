"""Turn a rendered template into the draft's final layout: paragraphs of whole sentences, bullets kept apart.

Templates put one sentence per line so that optional sentences can be wrapped in `{% if %}` whole; this step joins
a paragraph's lines with single spaces. A blank line ends a paragraph, a line starting with "- " is a list item and
stays on its own line, and a line ending with `HARD_BREAK` (the `br` variable in templates) keeps its line end
(greeting lines, "Price: ..." lines). Paragraphs left empty by absent optional fields disappear.
"""

from __future__ import annotations

HARD_BREAK = "\u2028"  # LINE SEPARATOR: never in member text (sanitising turns it into a newline)
BULLET = "- "


def compose(rendered: str) -> str:
    """Join sentence lines into paragraphs, keep bullets and hard breaks, drop empty paragraphs."""
    paragraphs: list[list[str]] = []
    current: list[str] = []
    joinable = False
    for raw_line in rendered.split("\n"):
        hard = HARD_BREAK in raw_line  # checked before strip(): Python counts U+2028 as whitespace
        line = raw_line.replace(HARD_BREAK, "").strip()
        if not line:
            if hard:
                continue
            if current:
                paragraphs.append(current)
            current, joinable = [], False
            continue
        is_bullet = line.startswith(BULLET)
        if joinable and not is_bullet:
            current[-1] = f"{current[-1]} {line}"
        else:
            current.append(line)
        joinable = not is_bullet and not hard
    if current:
        paragraphs.append(current)
    return "\n\n".join("\n".join(lines) for lines in paragraphs)
