"""Parley as a host bot's author gets it: a wheel, installed outside the repository, loaded beside the host's code.

The host fixture (`host_bot/`) has its own `bot.py`, `bot/` and `cogs/`, as most discord.py bots do; Parley must
load as `parley.cogs` without touching them, answer through the offline Discord, and leave the host's commands
and translator alone. Everything runs offline: the wheel is built without build isolation and installed with
`--no-index --no-deps` into a virtual environment that sees this environment's dependencies.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HOST = Path(__file__).resolve().parent / "host_bot"


def run(
    args: list[str | Path], cwd: Path, env: dict[str, str] | None = None, timeout: int = 300, stdin: str | None = None
) -> str:
    done = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, f"{args} failed ({done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path, dict[str, str]]:
    """(the venv's python, the host's folder, an environment): Parley's wheel installed in a fresh venv."""
    root = tmp_path_factory.mktemp("wheel")
    wheels = root / "dist"
    run([sys.executable, "-m", "pip", "wheel", REPO, "--no-deps", "--no-build-isolation", "-q", "-w", wheels], root)
    shutil.rmtree(REPO / "build", ignore_errors=True)
    (wheel,) = wheels.glob("parley-*.whl")
    env_dir = root / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    run([sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-index", "--no-deps", wheel], root)
    host = root / "host"
    shutil.copytree(HOST, host, ignore=shutil.ignore_patterns("__pycache__"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PARLEY_", "PYTHON"))}
    env.update(PARLEY_SECRET="host-bot-test-secret-0123456789-abcdefghij", PARLEY_DB_PATH=str(root / "parley.db"))
    return python, host, env


def test_the_wheel_carries_every_data_file(installed):
    python, host, env = installed
    code = (
        "import json, parley; from importlib.resources import files; p = files('parley');"
        "print(json.dumps({'file': parley.__file__, 'has': [str(x) for x in ["
        "p / 'templates/cards', p / 'migrations/0001_core.sql', p / 'i18n/locales/ar/LC_MESSAGES/parley.po',"
        "p / 'knowledge/archetypes/non_payer.toml', p / 'domain/triage/data/lexicon.toml',"
        "p / 'domain/anonymiser/data/first_names_fi.txt', p / 'replay/discord_spec/openapi.json',"
        "p / 'replay/discord_spec/LICENSE'] if not x.exists()]}))"
    )
    report = json.loads(run([python, "-c", code], host, env))
    assert report["has"] == []
    assert Path(report["file"]).is_relative_to(python.parents[1]), "Parley was imported from outside the venv"


def test_check_and_try_run_from_the_wheel(installed):
    python, host, env = installed
    assert "ok" in run([python, "-m", "parley", "check"], host, env).lower()
    from_try = run([python, "-m", "parley", "try", "--lang", "fi"], host, env, timeout=120, stdin="/parley\n/quit\n")
    assert "/tilanne" in from_try and "Bye." in from_try


def test_a_host_bot_loads_parley_beside_its_own_bot_and_cogs(installed):
    python, host, env = installed
    report = json.loads(run([python, "inspect_host.py"], host, env).strip().splitlines()[-1])
    assert Path(report["parley"]).is_relative_to(python.parents[1])
    assert Path(report["bot"]) == host / "bot" / "__init__.py", "the host's `bot` package must stay the host's"
    assert Path(report["cogs"]) == host / "cogs" / "__init__.py"
    assert "cogs.ping" in report["extensions"] and "parley.cogs" in report["extensions"]
    assert {"ping", "situation", "parley", "story"} <= set(report["commands"])
    assert report["translator"] == ["ParleyTranslator", "HostTranslator"]
    assert report["fi_ping"] == "pingaa", "the host's translator still names the host's commands"
    assert report["fi_situation"] and report["fi_situation"] != "situation"


def test_situation_answers_through_the_offline_discord_in_the_host(installed):
    python, host, env = installed
    out = run(
        [python, "-m", "parley", "replay", "--json", "--factory", "bot.core:create_bot", "scenario.json"], host, env
    )
    transcript = json.loads(out)
    assert transcript["spec_violations"] == []
    steps = transcript["steps"]
    assert all(step["error"] is None for step in steps)
    assert "pong from the host" in steps[0]["visible"][0]["content"]
    situation = json.dumps(steps[1]["visible"], ensure_ascii=False)
    assert "The client doesn't pay, or pays late" in situation, "Parley recognised the unpaid invoice"
    assert "/situation" in json.dumps(steps[2]["visible"])


def test_the_readme_shows_what_the_host_fixture_does():
    readme = (REPO / "README.md").read_text()
    section = readme.split("### Adding Parley to an existing discord.py bot", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    fixture = (HOST / "bot" / "core.py").read_text()
    parley_part = fixture.split("# -- Parley", 1)[1].split("# -- end --", 1)[0]
    body = "\n".join(line.strip() for line in parley_part.splitlines()[1:] if line.strip())
    shown = "\n".join(line.strip() for block in blocks for line in block.splitlines() if line.strip())
    assert body and body in shown, "the README's host snippet must be what the host fixture runs, word for word"
