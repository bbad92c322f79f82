"""bot/config.py: defaults, the example file, validation messages, secrets and environment overrides."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pytest

from parley.config import (
    Config,
    ConfigError,
    ReplayConfig,
    Secret,
    config_keys,
    default_spec_path,
    load_config,
    parse_section,
)

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "config.example.toml"
TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.this-is-not-a-real-token-xyz"
HMAC_KEY = "k3y-for-tests-0123456789abcdefghijklmnop"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(tmp_path: Path, text: str, env: dict[str, str] | None = None) -> str:
    with pytest.raises(ConfigError) as info:
        load_config(write(tmp_path, text), env=env or {})
    return str(info.value)


def test_no_file_gives_documented_defaults():
    config = load_config(env={})
    assert config == Config()
    assert config.database.path == "parley.db"
    assert config.database.busy_timeout_ms == 5000
    assert config.database.url is None
    assert config.bot.sharded is False and config.bot.shard_count is None and config.bot.dev_guild_id is None
    assert config.bot.log_level == "INFO"
    assert config.i18n.default_language == "en"
    assert (config.limits.stories_per_day, config.limits.tips_per_day) == (3, 5)
    assert (config.limits.story_max_chars, config.limits.tip_max_chars) == (4000, 1000)
    assert config.stories.publish_every_hours == 6
    assert config.privacy.guild_grace_days == 30
    assert config.token is None and config.secret is None and config.source is None


def test_values_from_file_are_typed_and_frozen(tmp_path):
    path = write(
        tmp_path,
        '[bot]\nsharded = true\nshard_count = 4\ndev_guild_id = 123456789012345678\nlog_level = "DEBUG"\n'
        '[database]\npath = "data/p.db"\nbusy_timeout_ms = 250\n[i18n]\ndefault_language = "ar"\n',
    )
    config = load_config(path, env={})
    assert config.bot == type(config.bot)(
        sharded=True, shard_count=4, dev_guild_id=123456789012345678, log_level="DEBUG"
    )
    assert config.database.path == "data/p.db" and config.database.busy_timeout_ms == 250
    assert config.i18n.default_language == "ar"
    assert config.source == path
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.database.path = "other.db"  # type: ignore[misc]


def test_path_argument_wins_over_parley_config_env(tmp_path):
    from_env = tmp_path / "env.toml"
    from_env.write_text("[limits]\ntips_per_day = 9\n")
    explicit = tmp_path / "explicit.toml"
    explicit.write_text("[limits]\ntips_per_day = 2\n")
    assert load_config(env={"PARLEY_CONFIG": str(from_env)}).limits.tips_per_day == 9
    assert load_config(explicit, env={"PARLEY_CONFIG": str(from_env)}).limits.tips_per_day == 2


def test_missing_config_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match=r"config file not found: '.*nope\.toml'"):
        load_config(tmp_path / "nope.toml", env={})
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(env={"PARLEY_CONFIG": str(tmp_path / "nope.toml")})


def test_example_file_loads_to_the_defaults():
    loaded = load_config(EXAMPLE, env={})
    assert dataclasses.replace(loaded, source=None) == Config()


def test_example_file_documents_every_key_with_a_comment():
    """Each key appears in its section, set or commented out (optional keys), right below a comment line."""
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    documented: dict[str, int] = {}
    section = ""
    for number, line in enumerate(lines):
        if header := re.fullmatch(r"\[(\w+)\]", line.strip()):
            section = header[1]
        elif key := re.match(r"^#?\s?(\w+) = ", line):
            documented[f"{section}.{key[1]}"] = number
    missing = [k for k in config_keys() if k not in documented]
    assert not missing, f"config.example.toml does not document {missing}"
    unknown = [k for k in documented if k not in config_keys()]
    assert not unknown, f"config.example.toml documents keys the schema lacks: {unknown}"
    for key, number in documented.items():
        above = lines[number - 1].strip()
        assert above.startswith("#") and not re.match(r"^#\s?\w+ = ", above), f"{key} has no comment above it"


def test_commented_out_example_values_are_valid():
    """Uncommenting an optional key in the example must give a loadable config (with what it requires)."""
    text = EXAMPLE.read_text(encoding="utf-8")
    text = re.sub(r"^# (\w+ = .*)$", r"\1", text, flags=re.MULTILINE)
    text = text.replace("sharded = false", "sharded = true")
    config = parse_section(Config, tomllib.loads(text))
    assert config.bot.shard_count == 2
    assert config.database.url == "postgresql://parley@localhost/parley"
    assert config.replay.spec_path is not None


def test_unknown_key_names_it_and_suggests(tmp_path):
    assert error_of(tmp_path, '[database]\npth = "x.db"\n') == "unknown key 'database.pth' (did you mean 'path'?)"


def test_unknown_section_and_misplaced_key(tmp_path):
    assert error_of(tmp_path, "[databse]\n") == "unknown section 'databse' (did you mean 'database'?)"
    assert error_of(tmp_path, "[bot]\nstories_per_day = 2\n") == (
        "unknown key 'bot.stories_per_day' (did you mean 'limits.stories_per_day'?)"
    )
    assert error_of(tmp_path, "[limits]\nzzz = 1\n") == "unknown key 'limits.zzz'"
    assert error_of(tmp_path, 'path = "x.db"\n') == "unknown key 'path' (did you mean 'database.path'?)"


def test_wrong_type_names_key_and_expected_type(tmp_path):
    assert error_of(tmp_path, '[database]\nbusy_timeout_ms = "5s"\n') == (
        'database.busy_timeout_ms: expected an integer, got "5s"'
    )
    assert error_of(tmp_path, "[bot]\nsharded = 1\n") == "bot.sharded: expected a boolean (true or false), got 1"
    # TOML booleans are not integers here, although Python's bool subclasses int.
    assert error_of(tmp_path, "[limits]\ntips_per_day = true\n") == "limits.tips_per_day: expected an integer, got true"
    assert error_of(tmp_path, '[i18n]\ndefault_language = "de"\n') == (
        'i18n.default_language: expected one of "en", "ar", "fi", "ru", got "de"'
    )
    assert error_of(tmp_path, "database = 3\n") == "database: expected a table ([database]), got 3"


def test_out_of_range_values_are_refused(tmp_path):
    assert error_of(tmp_path, "[limits]\nstory_max_chars = 5000\n") == (
        "limits.story_max_chars: must be between 1 and 4000, got 5000"
    )
    assert error_of(tmp_path, "[database]\nbusy_timeout_ms = -1\n") == (
        "database.busy_timeout_ms: must be between 0 and 600000, got -1"
    )
    assert error_of(tmp_path, '[database]\npath = " "\n').startswith("database.path: must not be empty")
    assert "bot.sharded is false" in error_of(tmp_path, "[bot]\nshard_count = 2\n")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # Each of these used to load, then make every Approve fail or crash the periodic work and retention.
        ("[stories]\npublish_every_hours = 1000000000\n", "stories.publish_every_hours: must be between 1 and 168"),
        ("[stories]\npending_expiry_days = 10000000000\n", "stories.pending_expiry_days: must be between 1 and 365"),
        ("[privacy]\nflow_ttl_hours = 1000000000000\n", "privacy.flow_ttl_hours: must be between 1 and 8760"),
        ("[privacy]\npurge_rejected_days = 99999\n", "privacy.purge_rejected_days: must be between 0 and 3650"),
        ("[limits]\nstories_per_day = 1000\n", "limits.stories_per_day: must be between 0 and 100"),
    ],
)
def test_absurd_numbers_get_one_clear_error(tmp_path, text, message):
    assert error_of(tmp_path, text).startswith(message + ", got ")


def _numeric_fields() -> list[tuple[str, dataclasses.Field]]:
    import typing

    found = []
    sections = typing.get_type_hints(Config)
    for section in dataclasses.fields(Config):
        cls = sections[section.name]
        if not dataclasses.is_dataclass(cls):
            continue
        hints = typing.get_type_hints(cls)
        for f in dataclasses.fields(cls):
            base = {a for a in typing.get_args(hints[f.name]) if a is not type(None)} or {hints[f.name]}
            if base & {int, float}:
                found.append((f"{section.name}.{f.name}", f))
    return found


def test_every_numeric_key_has_a_range_documented_in_the_example():
    """A range in the schema (min and max) and the same range in the comment right above the key."""
    numeric = _numeric_fields()
    assert len(numeric) >= 12
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    section = ""
    comments: dict[str, str] = {}
    block: list[str] = []
    for line in lines:
        if header := re.fullmatch(r"\[(\w+)\]", line.strip()):
            section = header[1]
        if line.startswith("#") and not re.match(r"^#\s?\w+ = ", line):
            block.append(line)
            continue
        if key := re.match(r"^#?\s?(\w+) = ", line):
            comments[f"{section}.{key[1]}"] = " ".join(block)
        block = []
    for dotted, f in numeric:
        low, high = f.metadata.get("min"), f.metadata.get("max")
        assert low is not None and high is not None, f"{dotted} has no range"
        assert f"{low} to {high}" in comments[dotted], f"config.example.toml does not give {dotted}'s range"


def test_bad_toml_gives_one_error_with_the_line(tmp_path):
    message = error_of(tmp_path, '[bot]\nsharded = true\nlog_level = "INFO\n')
    assert message.startswith("invalid TOML in '") and "config.toml" in message
    assert "line 3" in message
    assert "\n" not in message


def test_secret_in_file_is_refused_without_echoing_it(tmp_path):
    message = error_of(tmp_path, f'[bot]\ntoken = "{TOKEN}"\n')
    assert "'bot.token'" in message and "DISCORD_TOKEN environment variable" in message
    assert TOKEN not in message
    message = error_of(tmp_path, f'secret = "{HMAC_KEY}"\n')
    assert "PARLEY_SECRET environment variable" in message and HMAC_KEY not in message


def test_secrets_come_from_env_and_never_show(tmp_path):
    config = load_config(env={"DISCORD_TOKEN": TOKEN, "PARLEY_SECRET": HMAC_KEY})
    assert config.token is not None and config.secret is not None
    assert config.token.get() == TOKEN and config.secret.get() == HMAC_KEY
    for shown in (repr(config), str(config), repr(config.token), str(config.secret), f"{config.token}", f"{config}"):
        assert TOKEN not in shown and HMAC_KEY not in shown
    assert str(config.token) == repr(config.secret) == "***"
    assert Secret(TOKEN) == config.token and Secret("other") != config.token
    with pytest.raises(TypeError):
        __import__("pickle").dumps(config.token)


def test_blank_env_values_mean_unset():
    config = load_config(env={"DISCORD_TOKEN": "  ", "PARLEY_SECRET": "", "PARLEY_DB_PATH": ""})
    assert config.token is None and config.secret is None and config.database.path == "parley.db"


def test_short_hmac_secret_is_refused_without_echoing_it():
    with pytest.raises(ConfigError) as info:
        load_config(env={"PARLEY_SECRET": "hunter2-short"})
    assert "PARLEY_SECRET is too short" in str(info.value)
    assert "hunter2" not in str(info.value)


def test_db_path_env_overrides_file(tmp_path):
    path = write(tmp_path, '[database]\npath = "from-file.db"\n')
    assert load_config(path, env={}).database.path == "from-file.db"
    assert load_config(path, env={"PARLEY_DB_PATH": str(tmp_path / "env.db")}).database.path == str(tmp_path / "env.db")


def test_database_url_is_stored_but_must_not_hold_a_password(tmp_path):
    config = load_config(write(tmp_path, '[database]\nurl = "postgresql://parley@db.internal/parley"\n'), env={})
    assert config.database.url == "postgresql://parley@db.internal/parley"
    message = error_of(tmp_path, '[database]\nurl = "postgresql://parley:pa55word@db/parley"\n')
    assert "PGPASSWORD" in message and "pa55word" not in message
    assert "postgresql://" in error_of(tmp_path, '[database]\nurl = "mysql://x@y/z"\n')


def test_long_values_are_shortened_in_errors(tmp_path):
    message = error_of(tmp_path, f'[bot]\nlog_level = "{"x" * 200}"\n')
    assert "x" * 41 not in message and message.endswith('..."')


def test_replay_spec_path_defaults_to_the_copy_shipped_in_the_package():
    assert ReplayConfig().resolved_spec_path() == default_spec_path()
    shipped = default_spec_path()
    assert shipped.parent.name == "discord_spec" and (shipped.parent / "LICENSE").read_text().startswith("MIT")
    shared = REPO.parent / "shared" / "discord-api-spec" / "openapi.json"
    if shared.exists():  # the shipped copy is the project's spec, byte for byte
        assert shipped.read_bytes() == shared.read_bytes()
    assert ReplayConfig(spec_path="/x/openapi.json").resolved_spec_path() == Path("/x/openapi.json")


@dataclass(frozen=True, kw_only=True)
class Inner:
    weight: float = 1.0


@dataclass(frozen=True, kw_only=True)
class Feature:
    tags: tuple[str, ...] = ()
    mode: Literal["a", "b"] | None = None
    inner: Inner = field(default_factory=Inner)


def test_a_new_section_needs_only_a_dataclass():
    """The loader is schema-driven: floats, tuples, optional literals and nested tables work without new code."""
    parsed = parse_section(Feature, {"tags": ["x", "y"], "mode": "b", "inner": {"weight": 2}}, prefix="feature.")
    assert parsed == Feature(tags=("x", "y"), mode="b", inner=Inner(weight=2.0))
    assert isinstance(parsed.inner.weight, float)
    with pytest.raises(ConfigError, match=r"^feature\.tags\[1\]: expected a string, got 3$"):
        parse_section(Feature, {"tags": ["x", 3]}, prefix="feature.")
    with pytest.raises(ConfigError, match=r"^feature\.inner\.weight: expected a number, got \"heavy\"$"):
        parse_section(Feature, {"inner": {"weight": "heavy"}}, prefix="feature.")
