"""JSON scenarios, transcripts and `python -m parley replay`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pytest

from parley.cli import replay as replay_cli
from parley.replay import Scenario, ScenarioError, run_scenario_async
from tests.replay.testbot import make_factory

SCENARIO = Path(__file__).parent / "scenarios" / "testbot_flow.json"
FACTORY = "tests.replay.testbot:create_test_bot"


async def test_transcript_has_the_documented_shape() -> None:
    factory = make_factory()
    transcript = await run_scenario_async(SCENARIO, factory)

    assert transcript["ok"] is True and transcript["spec_violations"] == []
    steps = transcript["steps"]
    assert [s["step"] for s in steps] == list(range(1, 10))
    for step in steps:
        assert set(step) >= {"step", "requests", "visible", "error"}
        for request in step["requests"]:
            assert set(request) >= {"method", "path", "body"}
        for seen in step["visible"]:
            assert set(seen) >= {"channel", "ephemeral", "to", "content", "embeds", "components", "allowed_mentions"}
    card = steps[1]["visible"][0]
    assert card["to"] == "alice" and card["ephemeral"] is True
    assert card["content"].startswith("## Your situation\nhe never pays")
    assert card["components"][0] == {
        "type": "button",
        "label": "👍 Helpful",
        "style": "success",
        "disabled": False,
        "custom_id": "card:helpful",
    }
    assert card["components"][3]["placeholder"] == "What is happening?"
    assert card["components"][3]["options"] == ["Payment is late", "Scope keeps growing", "Endless revisions"]
    assert card["allowed_mentions"] == {"parse": []}
    modal = steps[3]["visible"][0]["modal"]
    assert modal["title"] == "Share your story"
    assert [f["label"] for f in modal["fields"]][:2] == ["Your story", "Kind of client"]
    assert steps[6]["action"] == "restart" and steps[6]["error"] is None
    assert steps[7]["visible"][0]["content"] == "Vote recorded (up) for deposit."
    assert steps[8]["expect_error"] is True and "did not respond" in steps[8]["error"]
    assert factory.store.votes["deposit:up"] == 1
    json.dumps(transcript)  # serialisable as is


async def test_transcripts_are_reproducible() -> None:
    first = await run_scenario_async(SCENARIO, make_factory())
    second = await run_scenario_async(SCENARIO, make_factory())
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)


async def test_a_violation_or_an_error_fails_the_run() -> None:
    scenario = {
        "guild": {"channels": ["help"]},
        "members": ["alice"],
        "steps": [{"as": "alice", "command": "badbutton"}, {"as": "alice", "command": "vote"}],
    }
    transcript = await run_scenario_async(scenario, make_factory())
    assert transcript["ok"] is False
    (violation,) = transcript["spec_violations"]
    assert violation["pointer"] == "/data/components/0/components/0/custom_id" and violation["step"] == 1
    assert transcript["steps"][0]["error"] and transcript["steps"][1]["error"] is None

    unexpected = await run_scenario_async(
        {"members": ["alice"], "steps": [{"as": "alice", "command": "vote", "expect_error": True}]}, make_factory()
    )
    assert unexpected["ok"] is False


async def test_permission_and_advance_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    advanced: list[float] = []
    scenario = {
        "guild": {"channels": ["help", "stories"]},
        "members": [{"name": "owner", "admin": True}],
        "steps": [
            {"permissions": {"channel": "#stories", "target": "bot", "deny": ["send_messages"]}},
            {
                "as": "owner",
                "command": "announce",
                "options": {"channel": "#stories", "text": "x"},
                "expect_error": True,
            },
            {"advance": 3600},
        ],
    }
    transcript = await run_scenario_async(scenario, make_factory(), clock_hook=advanced.append)
    assert transcript["ok"] is True
    assert "50013" in transcript["steps"][1]["error"]
    assert advanced == [3600.0]


def test_bad_scenarios_are_rejected_early() -> None:
    with pytest.raises(ScenarioError, match="exactly one of"):
        Scenario.load({"steps": [{"as": "alice", "command": "x", "click": "y"}]})
    with pytest.raises(ScenarioError, match='needs "as"'):
        Scenario.load({"steps": [{"command": "x"}]})
    with pytest.raises(ScenarioError, match="unknown keys"):
        Scenario.load({"guild": {"chanels": []}})


def _cli(*argv: str) -> tuple[int, str]:
    parser = argparse.ArgumentParser()
    replay_cli.register(parser.add_subparsers())
    args = parser.parse_args(["replay", *argv])
    return args.func(args), ""


def test_cli_prints_json_and_exit_codes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _ = _cli("--json", "--factory", FACTORY, str(SCENARIO))
    out = capsys.readouterr().out
    assert code == 0
    transcript: dict[str, Any] = json.loads(out)
    assert transcript["ok"] and len(transcript["steps"]) == 9

    failing = tmp_path / "bad.json"
    failing.write_text(json.dumps({"members": ["alice"], "steps": [{"as": "alice", "command": "badbutton"}]}))
    assert _cli("--factory", FACTORY, str(failing))[0] == 1
    text = capsys.readouterr().out
    assert "SPEC VIOLATION: POST /interactions/" in text and text.rstrip().endswith("spec violation(s))")

    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    assert _cli("--factory", FACTORY, str(broken))[0] == 2
    assert "cannot read scenario" in capsys.readouterr().err
