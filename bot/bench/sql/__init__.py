"""The bench's own SQL (bulk loading and the raw-sqlite3 baseline), kept as .sql files beside this module.

The application's SQL lives in bot/database/; the bench deliberately goes around it in two places: to build a
large database fast (executemany on one connection) and to time plain sqlite3 as the baseline for the voting
service. Each file holds one statement.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_DIR = Path(__file__).resolve().parent


@cache
def statement(name: str) -> str:
    """The statement in `<name>.sql` (comment lines dropped)."""
    text = (_DIR / f"{name}.sql").read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("--")).strip()
