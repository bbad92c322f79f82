"""Helpers shared by the PostgreSQL tests."""

from __future__ import annotations

from pathlib import Path


def write_migration(directory: Path, name: str, body: str, *, revises: str | None = None) -> Path:
    """Write a migration file with a valid header (revises defaults to the number before it)."""
    version = int(name[:4])
    revises = revises or ("none" if version == 1 else f"{version - 1:04d}")
    path = directory / name
    path.write_text(f"-- revises: {revises}\n-- date: 2026-11-25\n-- why: test\n\n{body}\n", encoding="utf-8")
    return path
