"""No dev-set sentence (or any run of 6 consecutive words from one) may appear anywhere under bot/."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / ".." / "shared" / "data"
DEV_FILES = ("triage_dev.jsonl", "anon_dev.jsonl")
SCANNED = {".py", ".toml", ".json", ".jsonl", ".txt", ".po", ".j2"}
RUN = 6
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)


def words(text: str) -> list[str]:
    """Lowercase, punctuation stripped, whitespace tokens."""
    return _PUNCT.sub(" ", text.lower()).split()


def runs(tokens: list[str], n: int = RUN) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def dev_runs() -> set[tuple[str, ...]]:
    out: set[tuple[str, ...]] = set()
    for name in DEV_FILES:
        path = DATA / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out |= runs(words(json.loads(line)["text"]))
    return out


def test_word_runs_helper():
    assert runs(words("One, two; three four-five six seven!")) == {
        ("one", "two", "three", "four", "five", "six"),
        ("two", "three", "four", "five", "six", "seven"),
    }


def test_no_dev_sentence_or_six_word_run_under_bot():
    forbidden = dev_runs()
    if not forbidden:
        pytest.skip("dev sets not found next to the repository")
    leaks = []
    for path in sorted((REPO / "bot").rglob("*")):
        if path.suffix not in SCANNED or not path.is_file():
            continue
        found = runs(words(path.read_text(encoding="utf-8", errors="ignore"))) & forbidden
        leaks += [f"{path.relative_to(REPO)}: {' '.join(r)}" for r in sorted(found)[:3]]
    assert not leaks, "dev-set text copied into bot/:\n" + "\n".join(leaks)


def test_no_dev_run_in_own_heldout_set():
    forbidden = dev_runs()
    if not forbidden:
        pytest.skip("dev sets not found next to the repository")
    path = Path(__file__).with_name("heldout_own.jsonl")
    for line in path.read_text(encoding="utf-8").splitlines():
        assert not runs(words(json.loads(line)["text"])) & forbidden
