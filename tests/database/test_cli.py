"""`python -m parley migrate` and `python -m parley backup`, driven through their argparse registration."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

import pytest

from parley.cli import backup, migrate
from parley.config import ConfigError


def run_verb(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    migrate.register(sub)
    backup.register(sub)
    args = parser.parse_args(argv)
    return args.func(args)


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("PARLEY_CONFIG", "DISCORD_TOKEN", "PARLEY_SECRET"):
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "cli.db"
    monkeypatch.setenv("PARLEY_DB_PATH", str(path))
    return path


def test_migrate_applies_then_reports_nothing(db_path, capsys):
    assert run_verb("migrate") == 0
    out = capsys.readouterr().out
    assert "applied 0001_core.sql: core tables" in out and "the schema is at version" in out
    assert run_verb("migrate") == 0
    assert "nothing to apply" in capsys.readouterr().out


def test_migrate_list_shows_state_without_creating_the_database(db_path, capsys):
    assert run_verb("migrate", "--list") == 0
    out = capsys.readouterr().out
    assert "does not exist yet" in out and "pending  0001_core.sql" in out
    assert not db_path.exists()
    run_verb("migrate")
    capsys.readouterr()
    assert run_verb("migrate", "--list") == 0
    out = capsys.readouterr().out
    assert "applied  0001_core.sql" in out and "0 pending" in out


def test_migrate_reports_refusals_without_traceback(db_path, tmp_path, capsys):
    directory = tmp_path / "bad"
    directory.mkdir()
    (directory / "0001_a.sql").write_text("-- revises: none\n-- date: 2026-11-24\n-- why: x\nSELECT 1;\n")
    (directory / "0003_c.sql").write_text("-- revises: 0002\n-- date: 2026-11-24\n-- why: x\nSELECT 1;\n")
    assert run_verb("migrate", "--migrations-dir", str(directory)) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: gap in migration numbering") and "Traceback" not in err


def test_migrate_with_bad_config_raises_config_error_for_the_cli_to_print(db_path, tmp_path):
    config = tmp_path / "bad.toml"
    config.write_text('[database]\nbusy_timeout_ms = "5s"\n')
    with pytest.raises(ConfigError, match=r'^database\.busy_timeout_ms: expected an integer, got "5s"$'):
        run_verb("migrate", "--config", str(config))


def test_backup_writes_a_checked_copy_and_refuses_to_overwrite(db_path, tmp_path, capsys):
    run_verb("migrate")
    capsys.readouterr()
    target = tmp_path / "backup.db"
    assert run_verb("backup", str(target)) == 0
    out = capsys.readouterr().out
    assert "integrity_check: ok" in out and str(target) in out
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT name FROM schema_migrations").fetchone()[0] == "0001_core.sql"
    before = target.read_bytes()
    assert run_verb("backup", str(target)) == 1
    assert "already exists; use --force" in capsys.readouterr().err
    assert target.read_bytes() == before
    assert run_verb("backup", str(target), "--force") == 0


def test_backup_of_a_missing_database_does_not_create_one(db_path, tmp_path, capsys):
    assert run_verb("backup", str(tmp_path / "b.db")) == 1
    assert "no such file" in capsys.readouterr().err
    assert not db_path.exists() and not (tmp_path / "b.db").exists()
