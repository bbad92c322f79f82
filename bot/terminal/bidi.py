"""Right-to-left text for terminals: the Unicode Bidirectional Algorithm (UAX #9), reordering one line for display.

Most terminals draw cells strictly left to right, so an Arabic line must be handed to them already in visual
order. python-bidi's Rust engine skips mirroring (L4: "(" in Arabic text shows as ")") and its pure-Python engine
rejects the isolates (FSI ... PDI) Parley wraps Latin runs in, so this module implements the algorithm itself:
paragraph level (P2-P3), explicit embeddings and isolates (X1-X10), weak types (W1-W7), bracket pairs (N0),
neutrals (N1-N2), implicit levels (I1-I2), and per line trailing whitespace (L1), reordering (L2) and mirroring
(L4). Combining marks keep their logical position (L3 is optional) and shaping is left to the terminal.
Checked against the Unicode conformance file BidiCharacterTest.txt (tests/terminal).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from parley.terminal._bidi_tables import MIRRORED, OPENING_TO_CLOSING

MAX_DEPTH = 125
_STRONG = frozenset({"L", "R", "AL"})
_ISOLATE_INITIATORS = frozenset({"LRI", "RLI", "FSI"})
_EMBEDDINGS = frozenset({"LRE", "RLE", "LRO", "RLO"})
_REMOVED = frozenset({"LRE", "RLE", "LRO", "RLO", "PDF", "BN"})
_NEUTRAL_OR_ISOLATE = frozenset({"B", "S", "WS", "ON", "LRI", "RLI", "FSI", "PDI"})
_CLOSING_TO_OPENING = {close: open_ for open_, close in OPENING_TO_CLOSING.items()}
# Characters that only steer the algorithm: never drawn.
_CONTROLS = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Canonical equivalents among brackets (BD16 compares canonically): U+2329/U+232A are U+3008/U+3009.
_BRACKET_ALIAS = {0x2329: 0x3008, 0x232A: 0x3009}


def bidi_class(char: str) -> str:
    """The Bidi_Class of a character (unassigned code points default to L)."""
    return unicodedata.bidirectional(char) or "L"


def has_rtl(text: str) -> bool:
    """Whether the text holds any right-to-left letter (Hebrew, Arabic, ...) or Arabic-Indic digit."""
    return any(bidi_class(c) in ("R", "AL", "AN") for c in text)


def paragraph_level(text: str, default: int = 0) -> int:
    """P2-P3: 1 when the first strong letter (outside isolates) is right-to-left, 0 when left-to-right."""
    return _first_strong_level([bidi_class(c) for c in text], 0, len(text), default)


def _first_strong_level(types: Sequence[str], start: int, end: int, default: int) -> int:
    depth = 0
    for i in range(start, end):
        t = types[i]
        if t in _ISOLATE_INITIATORS:
            depth += 1
        elif t == "PDI":
            if depth:
                depth -= 1
            elif start > 0:  # the PDI closing the isolate we were asked about
                break
        elif depth == 0 and t in _STRONG:
            return 0 if t == "L" else 1
    return default


@dataclass(frozen=True)
class BidiResult:
    """Resolved embedding levels (None for characters X9 removes) and the paragraph level."""

    levels: tuple[int | None, ...]
    paragraph_level: int


def resolve_levels(text: str, base: int | None = None) -> BidiResult:
    """Run UAX #9 up to I2 on one paragraph; `base` forces the paragraph level (None: from the text)."""
    original = [bidi_class(c) for c in text]
    para = paragraph_level(text) if base is None else base
    types = list(original)
    levels = _explicit_levels(text, types, para)
    kept = [i for i, t in enumerate(original) if t not in _REMOVED]
    explicit = tuple(levels)  # sos/eos compare embedding levels, not the implicit ones resolved meanwhile
    for sequence in _isolating_run_sequences(kept, original, explicit, para):
        _resolve_sequence(sequence, text, original, types, levels, explicit, para)
    out: list[int | None] = [None] * len(text)
    for i in kept:
        out[i] = levels[i]
    return BidiResult(tuple(out), para)


def _next_level(level: int, rtl: bool) -> int:
    return level + 1 + (level % 2) if rtl else level + 1 + (level % 2 == 0)


def _matching_pdi(types: Sequence[str]) -> dict[int, int]:
    """BD9: isolate initiator index -> its matching PDI index."""
    matches: dict[int, int] = {}
    stack: list[int] = []
    for i, t in enumerate(types):
        if t in _ISOLATE_INITIATORS:
            stack.append(i)
        elif t == "PDI" and stack:
            matches[stack.pop()] = i
        elif t == "B":
            stack.clear()
    return matches


def _explicit_levels(text: str, types: list[str], para: int) -> list[int]:
    """X1-X8: embedding levels; overrides rewrite `types` in place."""
    n = len(types)
    levels = [para] * n
    pdi_of = _matching_pdi(types)
    # stack entries: (level, override type or "", isolate?)
    stack: list[tuple[int, str, bool]] = [(para, "", False)]
    overflow_isolates = overflow_embeddings = valid_isolates = 0
    for i in range(n):
        t = types[i]
        level, override, _ = stack[-1]
        if t in _EMBEDDINGS:
            new = _next_level(level, t in ("RLE", "RLO"))
            levels[i] = level
            if new <= MAX_DEPTH and overflow_isolates == 0 and overflow_embeddings == 0:
                stack.append((new, {"LRO": "L", "RLO": "R"}.get(t, ""), False))
            elif overflow_isolates == 0:
                overflow_embeddings += 1
        elif t in _ISOLATE_INITIATORS:
            levels[i] = level
            if override:
                types[i] = override
            rtl = t == "RLI"
            if t == "FSI":
                end = pdi_of.get(i, n)
                rtl = _first_strong_level(types, i + 1, end, 0) == 1
            new = _next_level(level, rtl)
            if new <= MAX_DEPTH and overflow_isolates == 0 and overflow_embeddings == 0:
                valid_isolates += 1
                stack.append((new, "", True))
            else:
                overflow_isolates += 1
        elif t == "PDI":
            if overflow_isolates:
                overflow_isolates -= 1
            elif valid_isolates:
                overflow_embeddings = 0
                while not stack[-1][2]:
                    stack.pop()
                stack.pop()
                valid_isolates -= 1
            level, override, _ = stack[-1]
            levels[i] = level
            if override:
                types[i] = override
        elif t == "PDF":
            levels[i] = level
            if overflow_isolates:
                pass
            elif overflow_embeddings:
                overflow_embeddings -= 1
            elif not stack[-1][2] and len(stack) >= 2:
                stack.pop()
        elif t == "B":
            levels[i] = para
        elif t == "BN":
            levels[i] = level
        else:
            levels[i] = level
            if override:
                types[i] = override
    return levels


def _isolating_run_sequences(
    kept: list[int], original: Sequence[str], levels: Sequence[int], para: int
) -> list[list[int]]:
    """X10/BD13: level runs over the characters X9 keeps, chained across matching isolate initiator/PDI pairs."""
    runs: list[list[int]] = []
    for i in kept:
        if runs and levels[runs[-1][-1]] == levels[i]:
            runs[-1].append(i)
        else:
            runs.append([i])
    kept_types = [original[i] for i in kept]
    pdi_of_kept = _matching_pdi(kept_types)
    pdi_of = {kept[a]: kept[b] for a, b in pdi_of_kept.items()}
    matched_pdis = set(pdi_of.values())
    run_starting_at = {run[0]: run for run in runs}
    sequences = []
    for run in runs:
        if original[run[0]] == "PDI" and run[0] in matched_pdis:
            continue  # continues the sequence of its initiator
        sequence = list(run)
        while original[sequence[-1]] in _ISOLATE_INITIATORS and sequence[-1] in pdi_of:
            following = run_starting_at.get(pdi_of[sequence[-1]])
            if following is None:
                break
            sequence.extend(following)
        sequences.append(sequence)
    return sequences


def _resolve_sequence(
    seq: list[int],
    text: str,
    original: Sequence[str],
    types: list[str],
    levels: list[int],
    explicit: Sequence[int],
    para: int,
) -> None:
    level = explicit[seq[0]]
    n = len(text)
    before = seq[0] - 1
    while before >= 0 and original[before] in _REMOVED:
        before -= 1
    after = seq[-1] + 1
    while after < n and original[after] in _REMOVED:
        after += 1
    prev_level = explicit[before] if before >= 0 else para
    next_level = para if original[seq[-1]] in _ISOLATE_INITIATORS or after >= n else explicit[after]
    sos = "R" if max(level, prev_level) % 2 else "L"
    eos = "R" if max(level, next_level) % 2 else "L"
    t = [types[i] for i in seq]
    _weak_types(t, sos)
    _bracket_pairs(seq, text, original, t, level, sos)
    _neutrals(t, level, sos, eos)
    for k, i in enumerate(seq):
        kind = t[k]
        if level % 2 == 0:
            levels[i] = level + (1 if kind == "R" else 2 if kind in ("AN", "EN") else 0)
        else:
            levels[i] = level + (1 if kind in ("L", "EN", "AN") else 0)
        types[i] = kind


def _weak_types(t: list[str], sos: str) -> None:
    """W1-W7 over one isolating run sequence (in place)."""
    prev = sos
    for k, kind in enumerate(t):  # W1
        if kind == "NSM":
            t[k] = "ON" if prev in _ISOLATE_INITIATORS or prev == "PDI" else prev
        prev = t[k]
    last_strong = sos
    for k, kind in enumerate(t):  # W2, W3
        if kind in _STRONG:
            last_strong = kind
            if kind == "AL":
                t[k] = "R"
        elif kind == "EN" and last_strong == "AL":
            t[k] = "AN"
    for k in range(1, len(t) - 1):  # W4
        if t[k] == "ES" and t[k - 1] == "EN" and t[k + 1] == "EN":
            t[k] = "EN"
        elif t[k] == "CS" and t[k - 1] == t[k + 1] and t[k - 1] in ("EN", "AN"):
            t[k] = t[k - 1]
    k = 0
    while k < len(t):  # W5
        if t[k] == "ET":
            end = k
            while end < len(t) and t[end] == "ET":
                end += 1
            if (k > 0 and t[k - 1] == "EN") or (end < len(t) and t[end] == "EN"):
                for j in range(k, end):
                    t[j] = "EN"
            k = end
        else:
            k += 1
    for k, kind in enumerate(t):  # W6
        if kind in ("ES", "ET", "CS"):
            t[k] = "ON"
    last_strong = sos
    for k, kind in enumerate(t):  # W7
        if kind in ("L", "R"):
            last_strong = kind
        elif kind == "EN" and last_strong == "L":
            t[k] = "L"


def _strong_direction(kind: str) -> str | None:
    if kind == "L":
        return "L"
    if kind in ("R", "AN", "EN"):
        return "R"
    return None


def _bracket_pairs(seq: list[int], text: str, original: Sequence[str], t: list[str], level: int, sos: str) -> None:
    """N0: paired brackets take the direction of what they enclose, or of their context."""
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[int, int]] = []  # (closing code point, position in seq)
    for k, i in enumerate(seq):
        if t[k] != "ON":
            continue
        code = _BRACKET_ALIAS.get(ord(text[i]), ord(text[i]))
        if code in OPENING_TO_CLOSING:
            if len(stack) == 63:
                return  # BD16: too deep, stop looking for pairs
            stack.append((_BRACKET_ALIAS.get(OPENING_TO_CLOSING[code], OPENING_TO_CLOSING[code]), k))
        elif code in _CLOSING_TO_OPENING:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == code:
                    pairs.append((stack[depth][1], k))
                    del stack[depth:]
                    break
    embedding = "R" if level % 2 else "L"
    for open_k, close_k in sorted(pairs):
        inside = {_strong_direction(t[k]) for k in range(open_k + 1, close_k)} - {None}
        if not inside:
            continue
        if embedding in inside:
            chosen = embedding
        else:
            context = sos
            for k in range(open_k - 1, -1, -1):
                direction = _strong_direction(t[k])
                if direction:
                    context = direction
                    break
            chosen = context if context != embedding else embedding
        for k in (open_k, close_k):
            t[k] = chosen
            # marks that followed a bracket take its new direction
            j = k + 1
            while j < len(t) and original[seq[j]] == "NSM":
                t[j] = chosen
                j += 1


def _neutrals(t: list[str], level: int, sos: str, eos: str) -> None:
    """N1-N2: runs of neutrals between two strong sides of one direction take it; the rest the embedding's."""
    embedding = "R" if level % 2 else "L"
    k = 0
    while k < len(t):
        if t[k] not in _NEUTRAL_OR_ISOLATE:
            k += 1
            continue
        end = k
        while end < len(t) and t[end] in _NEUTRAL_OR_ISOLATE:
            end += 1
        left = _strong_direction(t[k - 1]) if k > 0 else sos
        right = _strong_direction(t[end]) if end < len(t) else eos
        chosen = left if left == right and left is not None else embedding
        for j in range(k, end):
            t[j] = chosen
        k = end


def line_levels(text: str, result: BidiResult) -> list[int | None]:
    """L1: separators, and whitespace/isolate controls before them or at the line's end, go to the paragraph level."""
    levels = list(result.levels)
    trailing = True
    for i in range(len(text) - 1, -1, -1):
        kind = bidi_class(text[i])
        if kind in ("S", "B"):
            levels[i] = result.paragraph_level
            trailing = True
        elif kind in ("WS", "FSI", "LRI", "RLI", "PDI") and trailing:
            levels[i] = result.paragraph_level
        elif kind in _REMOVED:
            continue
        else:
            trailing = False
    return levels


def visual_order(levels: Sequence[int | None]) -> list[int]:
    """L2: logical indices in visual (left-to-right) order; characters X9 removed are left out."""
    indices = [i for i, level in enumerate(levels) if level is not None]
    if not indices:
        return []
    present = [levels[i] for i in indices]
    highest = max(present)  # type: ignore[type-var]
    lowest_odd = min((lv for lv in present if lv % 2), default=highest + 1)  # type: ignore[operator]
    order = list(indices)
    lv = [levels[i] for i in order]
    for level in range(highest, lowest_odd - 1, -1):  # type: ignore[operator]
        k = 0
        while k < len(order):
            if lv[k] >= level:  # type: ignore[operator]
                end = k
                while end < len(order) and lv[end] >= level:  # type: ignore[operator]
                    end += 1
                order[k:end] = order[k:end][::-1]
                lv[k:end] = lv[k:end][::-1]
                k = end
            else:
                k += 1
    return order


def display(text: str, base: int | None = None) -> str:
    """One line (no line breaks) in visual order for a left-to-right terminal, mirrored and without bidi controls."""
    if not has_rtl(text):
        return "".join(c for c in text if c not in _CONTROLS)
    result = resolve_levels(text, base)
    levels = line_levels(text, result)
    out = []
    for i in _marks_after_bases(text, levels, visual_order(levels)):
        char = text[i]
        if char in _CONTROLS:
            continue
        level = levels[i]
        if level is not None and level % 2 and ord(char) in MIRRORED:
            char = chr(MIRRORED[ord(char)])
        out.append(char)
    return "".join(out)


def _is_mark(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Me") or char == "\u200d"


def _marks_after_bases(text: str, levels: Sequence[int | None], order: list[int]) -> list[int]:
    """L3: in right-to-left runs, reversal put combining marks (harakat, VS16) before their base; terminals attach
    a mark to the cell before it, so move each base back in front of its marks."""
    out = list(order)
    k = 0
    while k < len(out):
        level = levels[out[k]]
        if _is_mark(text[out[k]]) and level is not None and level % 2:
            end = k
            while end < len(out) and _is_mark(text[out[end]]):
                end += 1
            if end < len(out):
                out[k : end + 1] = [out[end], *out[k:end][::-1]]
                k = end + 1
                continue
        k += 1
    return out


def strip_controls(text: str) -> str:
    """The text without bidi control characters (they take no cell, but some terminals draw them)."""
    return "".join(c for c in text if c not in _CONTROLS)
