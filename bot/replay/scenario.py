"""JSON scenarios (written from members' point of view) and the transcript of running one."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

from parley.replay.errors import ScenarioError
from parley.replay.guildspec import GuildSpec, MemberSpec, parse_members
from parley.replay.results import StepResult
from parley.replay.runtime import BotFactory

ACTIONS = (
    "command",
    "menu",
    "click",
    "select",
    "submit",
    "restart",
    "advance",
    "say",
    "permissions",
    "role_permissions",
)
_COMMON = {"as", "in", "expect_error", "bot", "options", "note", "install"}


@dataclass(frozen=True)
class Scenario:
    """A parsed scenario: guild, members and steps."""

    guild: GuildSpec
    members: tuple[MemberSpec, ...]
    steps: tuple[dict[str, Any], ...]
    name: str | None = None
    settings: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, source: str | PathLike[str] | Mapping[str, Any] | Scenario) -> Scenario:
        """Parse a scenario from a dict, a JSON file path, or a JSON string."""
        if isinstance(source, Scenario):
            return source
        if isinstance(source, Mapping):
            data: dict[str, Any] = dict(source)
            name = data.get("name")
        else:
            text = str(source)
            if text.lstrip().startswith("{"):
                data, name = json.loads(text), None
            else:
                path = Path(source)
                try:
                    data = json.loads(path.read_text(encoding="utf-8"))
                except (OSError, json.JSONDecodeError) as exc:
                    raise ScenarioError(f"cannot read scenario {path}: {exc}") from exc
                name = data.get("name", path.stem)
        unknown = set(data) - {"guild", "members", "steps", "name", "settings", "description"}
        if unknown:
            raise ScenarioError(f"scenario: unknown keys {sorted(unknown)}")
        steps = tuple(_check_step(i, s) for i, s in enumerate(data.get("steps", []), start=1))
        return cls(
            guild=GuildSpec.from_dict(data.get("guild")),
            members=parse_members(data.get("members", [])),
            steps=steps,
            name=name,
            settings=dict(data.get("settings", {})),
        )


def _check_step(index: int, step: Any) -> dict[str, Any]:
    if not isinstance(step, Mapping):
        raise ScenarioError(f"step {index}: expected an object, got {step!r}")
    actions = [k for k in ACTIONS if k in step]
    if len(actions) != 1:
        raise ScenarioError(f"step {index}: needs exactly one of {list(ACTIONS)}, got {sorted(step)}")
    unknown = set(step) - set(ACTIONS) - _COMMON
    if unknown:
        raise ScenarioError(f"step {index}: unknown keys {sorted(unknown)}")
    if actions[0] in ("command", "menu", "click", "select", "submit", "say") and "as" not in step:
        raise ScenarioError(f'step {index}: {actions[0]} needs "as": member name')
    return dict(step)


async def run_step(session: Any, step: Mapping[str, Any]) -> StepResult:
    """Perform one scenario step on a ReplaySession."""
    who = step.get("as")
    expect = bool(step.get("expect_error", False))
    if "command" in step:
        return await session.command(
            who,
            str(step["command"]),
            step.get("options") or {},
            in_=step.get("in"),
            bot_=step.get("bot"),
            install=step.get("install"),
            expect_error=expect,
        )
    if "menu" in step:
        # A message context menu on the newest message the member sees (in "in", when given).
        messages = session.messages_for(who, step.get("in"))
        if not messages:
            raise ScenarioError(f"{who} sees no message to use {step['menu']!r} on")
        return await session.message_command(
            who, str(step["menu"]), messages[0], install=step.get("install"), expect_error=expect
        )
    if "click" in step:
        spec = _action_spec(step, "click", "label")
        return await session.click(
            who,
            spec.get("label"),
            custom_id=spec.get("custom_id"),
            index=spec.get("index"),
            in_=spec.get("in", step.get("in")),
            expect_error=expect,
        )
    if "select" in step:
        spec = _action_spec(step, "select", "placeholder")
        if "values" not in spec and "value" not in spec:
            raise ScenarioError('select needs "values"')
        values = spec.get("values", spec.get("value"))
        return await session.select(
            who,
            values if isinstance(values, list) else [values],
            placeholder=spec.get("placeholder"),
            custom_id=spec.get("custom_id"),
            index=spec.get("index"),
            in_=spec.get("in", step.get("in")),
            expect_error=expect,
        )
    if "submit" in step:
        spec = step["submit"]
        if not isinstance(spec, Mapping):
            raise ScenarioError('submit needs {"fields": {label: value}}')
        fields = spec.get("fields", spec)
        return await session.submit(who, dict(fields), expect_error=expect)
    if "restart" in step:
        return await session.restart(step.get("bot"), expect_error=expect)
    if "advance" in step:
        return await session.advance(float(step["advance"]))
    if "say" in step:
        return await session.say(who, str(step["say"]), in_=step.get("in"))
    if "permissions" in step:
        spec = step["permissions"]
        return await session.set_permissions(
            spec["channel"], spec.get("target", "bot"), allow=spec.get("allow"), deny=spec.get("deny")
        )
    spec = step["role_permissions"]
    return await session.set_role_permissions(spec.get("role", "bot"), spec.get("permissions"))


def _action_spec(step: Mapping[str, Any], key: str, default_field: str) -> dict[str, Any]:
    value = step[key]
    if isinstance(value, str):
        return {default_field: value}
    if isinstance(value, int) and not isinstance(value, bool):
        return {"index": value}
    if not isinstance(value, Mapping):
        raise ScenarioError(f"{key}: expected an object, got {value!r}")
    return dict(value)


async def run_scenario_async(
    source: str | PathLike[str] | Mapping[str, Any] | Scenario,
    bot_factory: BotFactory,
    *,
    spec_path: str | PathLike[str] | None = None,
    extra_bots: Mapping[str, BotFactory] | None = None,
    clock_hook: Callable[[float], Any] | None = None,
    step_timeout: float | None = None,
) -> dict[str, Any]:
    """Run a scenario and return its transcript (the `--json` output of `python -m parley replay`)."""
    from parley.replay.session import ReplaySession  # session imports this module's siblings; avoid a cycle

    scenario = Scenario.load(source)
    timeout = step_timeout or float(scenario.settings.get("step_timeout", 10.0))
    session = ReplaySession(
        bot_factory,
        guild=scenario.guild,
        members=scenario.members,
        spec_path=spec_path,
        strict=False,
        step_timeout=timeout,
        bot_name=str(scenario.settings.get("bot_name", "Parley")),
        extra_bots=extra_bots,
        clock_hook=clock_hook,
    )
    results: list[StepResult] = []
    startup = await session.start()
    try:
        if startup.error is None:
            for step in scenario.steps:
                try:
                    result = await run_step(session, step)
                except ScenarioError as exc:
                    result = StepResult(index=len(session.steps) + 1, action=json.dumps(step), error=str(exc))
                    session.steps.append(result)
                results.append(result)
    finally:
        await session.close()
    violations = [v.to_dict() for v in session.violations]
    ok = startup.error is None and not startup.violations and all(r.ok for r in results) and not violations
    return {
        "scenario": scenario.name,
        "ok": ok,
        "startup": {
            "requests": [r.to_dict() for r in startup.requests],
            "error": startup.error,
        },
        "steps": [r.to_dict() for r in results],
        "spec_violations": violations,
    }


def run_scenario(
    source: str | PathLike[str] | Mapping[str, Any] | Scenario, bot_factory: BotFactory, **kwargs: Any
) -> dict[str, Any]:
    """Synchronous run_scenario_async (use the async one inside a running event loop)."""
    return asyncio.run(run_scenario_async(source, bot_factory, **kwargs))
