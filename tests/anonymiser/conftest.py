"""Shared fixtures for the anonymiser tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parley.domain.anonymiser import Anonymiser
from parley.domain.anonymiser.textutil import ARABIC_WORD_RE, Token, tokenize

HERE = Path(__file__).resolve().parent
DEV_SET = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "anon_dev.jsonl"


@pytest.fixture(scope="session")
def anon() -> Anonymiser:
    return Anonymiser.load()


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def arabic_tokens(text: str) -> list[Token]:
    """The Arabic finder's tokens of `text` (what its rules' predicates take)."""
    return tokenize(text, ARABIC_WORD_RE)


def arabic_index(text: str, word: str) -> int:
    """The index of `word` among the Arabic tokens of `text`."""
    return next(k for k, t in enumerate(arabic_tokens(text)) if t.text == word)


def removed_ar(anon: Anonymiser, text: str) -> dict[str, str]:
    """What the anonymiser removes from an Arabic text, each removed string with its type."""
    return {text[s.start : s.end]: s.type for s in anon.find(text, "ar")}


def arabic_rule_span(anon: Anonymiser, rule: str, text: str, word: str) -> str | None:
    """The words a start rule of the Arabic finder takes at `word` (None when it does not fire)."""
    toks = arabic_tokens(text)
    hit = getattr(anon._arabic, rule)(text, toks, arabic_index(text, word), [False] * len(toks))
    if hit is None:
        return None
    first, last, prefix = hit
    return text[toks[first].start + prefix : toks[last].end]
