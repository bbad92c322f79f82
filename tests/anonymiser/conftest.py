"""Shared fixtures for the anonymiser tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parley.domain.anonymiser import Anonymiser

HERE = Path(__file__).resolve().parent
DEV_SET = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "anon_dev.jsonl"


@pytest.fixture(scope="session")
def anon() -> Anonymiser:
    return Anonymiser.load()


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
