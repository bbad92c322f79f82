"""Parley configuration: one TOML file loaded once into frozen, typed dataclasses.

The schema *is* the dataclasses below. The loader walks their fields and type annotations, so a feature adds
a setting by adding a field (with a default) to a section, or a section by adding a dataclass field to
`Config`; then it documents the key in config.example.toml (a test checks every key is documented there).

Supported annotations: str, int, float, bool, Literal[...], tuple[X, ...], X | None and nested dataclasses.
TOML has no null, so an optional key is "unset" by leaving it out of the file.

Secrets never come from the file: DISCORD_TOKEN and PARLEY_SECRET are read from the environment only and
wrapped in `Secret`, whose repr and str are "***" (call .get() where the value is used).
"""

from __future__ import annotations

import dataclasses
import difflib
import hmac
import json
import os
import tomllib
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar
from urllib.parse import urlsplit

__all__ = [
    "BotConfig",
    "Config",
    "ConfigError",
    "DatabaseConfig",
    "I18nConfig",
    "LimitsConfig",
    "PrivacyConfig",
    "ReplayConfig",
    "Secret",
    "StoriesConfig",
    "config_from_dict",
    "config_keys",
    "default_spec_path",
    "load_config",
    "parse_section",
]

T = TypeVar("T")

CONFIG_ENV = "PARLEY_CONFIG"
TOKEN_ENV = "DISCORD_TOKEN"  # noqa: S105 - the names of env vars, not their values
SECRET_ENV = "PARLEY_SECRET"  # noqa: S105
# An HMAC key shorter than this makes author hashes guessable (user ids are enumerable).
MIN_SECRET_CHARS = 32
# Discord's modal text input caps a value at 4000 characters.
DISCORD_TEXT_INPUT_MAX = 4000
# Every numeric key has a range. Without an upper bound an absurd value (publish_every_hours = 10**9) passes the
# loader and then overflows date arithmetic in the periodic work, which stops purging without a word.
MAX_DAYS = 3650  # ten years: beyond that a day count is a typo, not a policy
MAX_SHARDS = 16_384
MAX_SNOWFLAKE = 2**63 - 1

# Keys that mean "a secret was put in the file", wherever they appear; mapped to the env var to use instead.
_SECRET_KEYS = {
    "token": TOKEN_ENV,
    "discord_token": TOKEN_ENV,
    "bot_token": TOKEN_ENV,
    "secret": SECRET_ENV,
    "parley_secret": SECRET_ENV,
    "hmac_key": SECRET_ENV,
}


class ConfigError(Exception):
    """A configuration problem; its message is meant to be printed as is (no traceback)."""


class Secret:
    """A secret string that never shows itself in repr, str, f-strings or logs; call get() to use it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        if not isinstance(value, str):
            raise TypeError("Secret wraps a str")
        self._value = value

    def get(self) -> str:
        """Return the secret value; only at the point of use (login, HMAC), never to log or display."""
        return self._value

    def __repr__(self) -> str:
        return "***"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return "***"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        return hmac.compare_digest(self._value.encode(), other._value.encode())

    def __hash__(self) -> int:
        return hash(("Secret", self._value))

    def __reduce__(self) -> Any:
        # Pickling would write the value somewhere (a cache, a queue); nobody needs that.
        raise TypeError("Secret cannot be pickled")


def _key(
    default: Any,
    *,
    min: int | None = None,
    max: int | None = None,
    nonempty: bool = False,
    env: str | None = None,
    check: Callable[[Any, str], None] | None = None,
) -> Any:
    """A config key with its default and the constraints the loader enforces."""
    meta = {"min": min, "max": max, "nonempty": nonempty, "env": env, "check": check}
    # `is not`, not `in`: min=0 must survive (0 == False).
    return field(default=default, metadata={k: v for k, v in meta.items() if v is not None and v is not False})


def _check_postgres_url(value: str, dotted: str) -> None:
    parts = urlsplit(value)
    if parts.scheme not in ("postgresql", "postgres"):
        raise ConfigError(f"{dotted}: expected a postgresql:// URL")
    if parts.password:
        # The URL would be a secret in the file; libpq and asyncpg read PGPASSWORD.
        raise ConfigError(f"{dotted} contains a password; remove it and set the PGPASSWORD environment variable")


@dataclass(frozen=True, slots=True, kw_only=True)
class BotConfig:
    """[bot]: how the bot connects to Discord."""

    sharded: bool = _key(False)
    shard_count: int | None = _key(None, min=1, max=MAX_SHARDS)
    dev_guild_id: int | None = _key(None, min=1, max=MAX_SNOWFLAKE)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = _key("INFO")

    def __post_init__(self) -> None:
        if self.shard_count is not None and not self.sharded:
            raise ConfigError("bot.shard_count is set but bot.sharded is false; set bot.sharded = true to shard")


@dataclass(frozen=True, slots=True, kw_only=True)
class DatabaseConfig:
    """[database]: where the data lives."""

    path: str = _key("parley.db", nonempty=True, env="PARLEY_DB_PATH")
    busy_timeout_ms: int = _key(5000, min=0, max=10 * 60 * 1000)
    url: str | None = _key(None, check=_check_postgres_url)


@dataclass(frozen=True, slots=True, kw_only=True)
class I18nConfig:
    """[i18n]: languages."""

    default_language: Literal["en", "ar", "fi", "ru"] = _key("en")


@dataclass(frozen=True, slots=True, kw_only=True)
class LimitsConfig:
    """[limits]: per-member limits; guilds may override some of them in /setup."""

    stories_per_day: int = _key(3, min=0, max=100)
    tips_per_day: int = _key(5, min=0, max=100)
    min_membership_days: int = _key(0, min=0, max=MAX_DAYS)
    story_max_chars: int = _key(4000, min=1, max=DISCORD_TEXT_INPUT_MAX)
    tip_max_chars: int = _key(1000, min=1, max=DISCORD_TEXT_INPUT_MAX)


@dataclass(frozen=True, slots=True, kw_only=True)
class StoriesConfig:
    """[stories]: publishing rhythm and moderation reminders."""

    publish_every_hours: int = _key(6, min=1, max=7 * 24)
    reminder_after_hours: int = _key(48, min=1, max=30 * 24)
    pending_expiry_days: int = _key(7, min=1, max=365)
    # Queue cards are posted in batches at a random time in [min, max] hours after the first one waits (or as soon
    # as queue_batch_size wait), so a card's timing can't be matched to who was online; max 0 posts at once.
    queue_batch_min_hours: int = _key(1, min=0, max=24)
    queue_batch_max_hours: int = _key(3, min=0, max=24)
    queue_batch_size: int = _key(5, min=1, max=50)

    def __post_init__(self) -> None:
        if self.queue_batch_min_hours > self.queue_batch_max_hours:
            raise ConfigError(
                f"stories.queue_batch_min_hours ({self.queue_batch_min_hours}) is more than "
                f"stories.queue_batch_max_hours ({self.queue_batch_max_hours})"
            )


@dataclass(frozen=True, slots=True, kw_only=True)
class PrivacyConfig:
    """[privacy]: retention."""

    flow_ttl_hours: int = _key(24, min=1, max=365 * 24)
    purge_rejected_days: int = _key(30, min=0, max=MAX_DAYS)
    guild_grace_days: int = _key(30, min=0, max=365)


def default_spec_path() -> Path:
    """Discord's OpenAPI spec as shipped with the offline Discord (package data)."""
    from parley.replay.spec import default_spec_path as shipped

    return shipped()


@dataclass(frozen=True, slots=True, kw_only=True)
class ReplayConfig:
    """[replay]: the offline Discord harness."""

    spec_path: str | None = _key(None, nonempty=True)

    def resolved_spec_path(self) -> Path:
        """The OpenAPI spec to validate requests against."""
        return Path(self.spec_path) if self.spec_path else default_spec_path()


@dataclass(frozen=True, slots=True, kw_only=True)
class Config:
    """The whole configuration: one dataclass field per TOML section, plus secrets from the environment."""

    bot: BotConfig = field(default_factory=BotConfig)
    database: DatabaseConfig = field(default_factory=DatabaseConfig)
    i18n: I18nConfig = field(default_factory=I18nConfig)
    limits: LimitsConfig = field(default_factory=LimitsConfig)
    stories: StoriesConfig = field(default_factory=StoriesConfig)
    privacy: PrivacyConfig = field(default_factory=PrivacyConfig)
    replay: ReplayConfig = field(default_factory=ReplayConfig)
    # Not TOML keys: filled by the loader from the environment / the file it read.
    token: Secret | None = field(default=None, metadata={"secret_env": TOKEN_ENV})
    secret: Secret | None = field(default=None, metadata={"secret_env": SECRET_ENV})
    source: Path | None = field(default=None, metadata={"internal": True})


# ---------------------------------------------------------------------------------------------------- loading


def load_config(path: str | os.PathLike[str] | None = None, env: Mapping[str, str] = os.environ) -> Config:
    """Load the config from `path`, else $PARLEY_CONFIG, else defaults; secrets and overrides from `env`."""
    if path is None:
        path = env.get(CONFIG_ENV) or None
    if path is None:
        return config_from_dict({}, env=env)
    file = Path(path)
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"config file not found: '{file}'") from None
    except IsADirectoryError:
        raise ConfigError(f"config path is a directory, not a file: '{file}'") from None
    except OSError as exc:
        raise ConfigError(f"cannot read config file '{file}': {exc.strerror or exc}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"config file '{file}' is not UTF-8 text (bad byte at offset {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        # tomllib's message already ends with "(at line L, column C)".
        raise ConfigError(f"invalid TOML in '{file}': {exc}") from None
    return config_from_dict(data, env=env, source=file)


def config_from_dict(
    data: Mapping[str, Any], env: Mapping[str, str] = os.environ, source: Path | None = None
) -> Config:
    """Build a Config from already-parsed TOML data (a dict shaped like the file)."""
    _refuse_secrets_in_file(data, "")
    config = _build(Config, data, "", env)
    return dataclasses.replace(
        config, token=_secret_from_env(env, TOKEN_ENV), secret=_secret_from_env(env, SECRET_ENV), source=source
    )


def parse_section(
    cls: type[T], data: Mapping[str, Any], *, prefix: str = "", env: Mapping[str, str] | None = None
) -> T:
    """Validate one table against a section dataclass (what the loader does for each section)."""
    return _build(cls, data, prefix, env or {})


def config_keys(cls: type = Config, prefix: str = "") -> list[str]:
    """Every TOML key of the schema as a dotted name, e.g. 'database.path', in declaration order."""
    keys: list[str] = []
    hints = typing.get_type_hints(cls)
    for f in _file_fields(cls):
        tp = hints[f.name]
        if _is_section(tp):
            keys.extend(config_keys(tp, f"{prefix}{f.name}."))
        else:
            keys.append(prefix + f.name)
    return keys


def _secret_from_env(env: Mapping[str, str], name: str) -> Secret | None:
    value = env.get(name, "").strip()
    if not value:
        return None
    if name == SECRET_ENV and len(value) < MIN_SECRET_CHARS:
        raise ConfigError(
            f"{SECRET_ENV} is too short: use at least {MIN_SECRET_CHARS} random characters, e.g. the output of "
            'python -c "import secrets; print(secrets.token_urlsafe(32))"'
        )
    return Secret(value)


def _refuse_secrets_in_file(data: Mapping[str, Any], prefix: str) -> None:
    for key, value in data.items():
        env_name = _SECRET_KEYS.get(key.lower())
        if env_name:
            raise ConfigError(
                f"'{prefix}{key}' looks like a secret; secrets are never read from the config file: "
                f"remove it and set the {env_name} environment variable"
            )
        if isinstance(value, dict):
            _refuse_secrets_in_file(value, f"{prefix}{key}.")


def _file_fields(cls: type) -> list[dataclasses.Field[Any]]:
    return [
        f for f in dataclasses.fields(cls) if f.init and "secret_env" not in f.metadata and "internal" not in f.metadata
    ]


def _is_section(tp: Any) -> bool:
    return isinstance(tp, type) and dataclasses.is_dataclass(tp)


def _build(cls: type, data: Mapping[str, Any], prefix: str, env: Mapping[str, str]) -> Any:
    fields = _file_fields(cls)
    names = [f.name for f in fields]
    for key in data:
        if key not in names:
            _unknown_key(key, prefix, names, is_table=isinstance(data[key], dict))
    hints = typing.get_type_hints(cls)
    kwargs: dict[str, Any] = {}
    for f in fields:
        dotted = prefix + f.name
        tp = hints[f.name]
        if _is_section(tp):
            table = data.get(f.name, {})
            if not isinstance(table, dict):
                raise ConfigError(f"{dotted}: expected a table ([{dotted}]), got {_show(table)}")
            kwargs[f.name] = _build(tp, table, f"{dotted}.", env)
            continue
        env_name = f.metadata.get("env")
        if env_name and env.get(env_name, "").strip():
            value = _from_env(env[env_name].strip(), tp, env_name)
        elif f.name in data:
            value = _convert(data[f.name], tp, dotted)
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise ConfigError(f"missing required key '{dotted}'")
        else:
            continue
        _check_constraints(value, f.metadata, dotted)
        kwargs[f.name] = value
    return cls(**kwargs)


def _unknown_key(key: str, prefix: str, names: list[str], *, is_table: bool) -> typing.NoReturn:
    kind = "section" if is_table and not prefix else "key"
    dotted = prefix + key
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
    if close:
        hint = f" (did you mean '{close[0]}'?)"
    else:
        # The right key in the wrong section is a common slip: point at where it lives.
        elsewhere = [k for k in config_keys() if k.rsplit(".", 1)[-1] == key]
        hint = f" (did you mean '{elsewhere[0]}'?)" if elsewhere else ""
    raise ConfigError(f"unknown {kind} '{dotted}'{hint}")


def _convert(value: Any, tp: Any, dotted: str) -> Any:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        # Only `X | None` is supported; TOML cannot say null, so a present value is always an X.
        inner = [a for a in args if a is not type(None)]
        if len(inner) != 1:
            raise TypeError(f"unsupported config annotation {tp!r} for {dotted}")
        return _convert(value, inner[0], dotted)
    if origin is Literal:
        if value in args and type(value) in {type(a) for a in args}:
            return value
        raise ConfigError(f"{dotted}: expected {_describe(tp)}, got {_show(value)}")
    if origin is tuple:
        if len(args) != 2 or args[1] is not Ellipsis:
            raise TypeError(f"only tuple[X, ...] is supported, not {tp!r} ({dotted})")
        if not isinstance(value, list):
            raise ConfigError(f"{dotted}: expected {_describe(tp)}, got {_show(value)}")
        return tuple(_convert(item, args[0], f"{dotted}[{i}]") for i, item in enumerate(value))
    if tp is bool:
        ok = isinstance(value, bool)
    elif tp is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif tp is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        value = float(value) if ok else value
    elif tp is str:
        ok = isinstance(value, str)
    else:
        raise TypeError(f"unsupported config annotation {tp!r} for {dotted}")
    if not ok:
        raise ConfigError(f"{dotted}: expected {_describe(tp)}, got {_show(value)}")
    return value


def _from_env(text: str, tp: Any, env_name: str) -> Any:
    """Parse an environment override: text for string keys, a TOML value (42, true) for the others."""
    base = tp
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        base = next(a for a in typing.get_args(tp) if a is not type(None))
    if base is str or (typing.get_origin(base) is Literal and all(isinstance(a, str) for a in typing.get_args(base))):
        return _convert(text, tp, env_name)
    try:
        value = tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        raise ConfigError(f"{env_name}: expected {_describe(tp)}, got {_show(text)}") from None
    return _convert(value, tp, env_name)


def _check_constraints(value: Any, meta: Mapping[str, Any], dotted: str) -> None:
    if value is None:
        return
    low, high = meta.get("min"), meta.get("max")
    if (low is not None and value < low) or (high is not None and value > high):
        if low is not None and high is not None:
            raise ConfigError(f"{dotted}: must be between {low} and {high}, got {_show(value)}")
        if low is not None:
            raise ConfigError(f"{dotted}: must be at least {low}, got {_show(value)}")
        raise ConfigError(f"{dotted}: must be at most {high}, got {_show(value)}")
    if meta.get("nonempty") and isinstance(value, str) and not value.strip():
        raise ConfigError(f"{dotted}: must not be empty (leave the key out to use the default)")
    if "check" in meta:
        meta["check"](value, dotted)


def _describe(tp: Any) -> str:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        return _describe(next(a for a in args if a is not type(None)))
    if origin is Literal:
        return "one of " + ", ".join(_show(a) for a in args)
    if origin is tuple:
        return f"an array of {_describe(args[0]).removeprefix('a ').removeprefix('an ')}s"
    return {
        bool: "a boolean (true or false)",
        int: "an integer",
        float: "a number",
        str: "a string",
    }.get(tp, repr(tp))


def _show(value: Any) -> str:
    """Render a TOML value for an error message, TOML-style, and short (values may be long or sensitive)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value if len(value) <= 40 else value[:37] + "...", ensure_ascii=False)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    return f"a {type(value).__name__}"
