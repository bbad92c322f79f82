"""The JSON scenarios a bot admin can run with `python -m parley replay`, run as tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from parley.replay import run_scenario_async

SCENARIOS = Path(__file__).parent / "scenarios"
ROOT = Path(__file__).resolve().parents[2]
FACTORY = "tests.replay.testbot:create_test_bot"


async def test_parley_in_finnish_and_stored_arabic(parley_factory):
    transcript = await run_scenario_async(SCENARIOS / "parley_fi_and_arabic.json", parley_factory)
    assert transcript["ok"] and transcript["spec_violations"] == []
    finnish, arabic = transcript["steps"][0]["visible"][0], transcript["steps"][3]["visible"][0]
    assert "Komennot" in finnish["content"] and "الأوامر" in arabic["content"]
    for step in transcript["steps"]:
        for seen in step["visible"]:
            if "modal" not in seen:
                assert seen["allowed_mentions"] == {"parse": []}


async def test_a_walkthrough_continues_after_a_restart(parley_factory):
    transcript = await run_scenario_async(SCENARIOS / "walkthrough_restart_fi.json", parley_factory)
    assert transcript["ok"], [s["error"] for s in transcript["steps"]]
    result = transcript["steps"][-1]["visible"][0]["content"]
    assert "Asiakas, joka ei maksa" in result and "Lähde: ”5 huonon freelance-asiakkaan tyyppiä”" in result


def test_the_cli_reports_a_spec_violation(tmp_path):
    # A bot that sends a 120-character custom_id: Discord would refuse it, so the transcript must say so.
    scenario = {"members": ["alice"], "steps": [{"as": "alice", "command": "badbutton", "expect_error": True}]}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(scenario), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "parley", "replay", "--json", "--factory", FACTORY, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    transcript = json.loads(done.stdout)
    assert done.returncode == 1
    assert any("custom_id" in v["pointer"] for v in transcript["spec_violations"])
