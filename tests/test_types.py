"""pyright in basic mode over the `parley` package, against a baseline that may only go down.

The repository's folders install under other names (bot/ is `parley`, cogs/ is `parley.cogs`, see setup.py), which
an editable install maps with an import hook pyright can't follow; so the check runs on a copy of the Python files
laid out as Python imports them. It runs offline: the pinned pyright wheel bundles pyright itself, and
`pyright[nodejs]` brings node as a wheel (a node on PATH is used first).

The baseline (tests/pyright_baseline.json) counts errors per file and rule. More than the baseline fails: a new
error. Fewer also fails, so the baseline is ratcheted down when errors are fixed:
`python tests/test_types.py --update` rewrites it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "tests" / "pyright_baseline.json"
# bot/replay is the offline Discord, about to become its own bounded part under another name: checked on its own.
EXCLUDE = ["parley/replay"]


def _layout(where: Path) -> Path:
    """`parley/` as Python imports it: bot/'s modules, with cogs/ as parley/cogs (pyright skips symlinked folders)."""
    package = where / "parley"
    for source, target in ((ROOT / "bot", package), (ROOT / "cogs", package / "cogs")):
        for path in source.rglob("*.py"):
            if "__pycache__" not in path.parts:
                copy = target / path.relative_to(source)
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, copy)
    config = {
        "include": ["parley"],
        "exclude": [*EXCLUDE, "**/__pycache__"],
        "typeCheckingMode": "basic",
        "pythonVersion": "3.11",
    }
    (where / "pyrightconfig.json").write_text(json.dumps(config), encoding="utf-8")
    return package


def run_pyright(where: Path) -> tuple[Counter[str], list[str]]:
    """Errors per `file::rule`, and each error as a line to read."""
    _layout(where)
    env = {**os.environ, "PYRIGHT_PYTHON_IGNORE_WARNINGS": "1"}  # never ask PyPI for a newer version
    out = subprocess.run(
        [sys.executable, "-m", "pyright", "--outputjson", "--pythonpath", sys.executable],
        cwd=where,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    report = json.loads(out.stdout)
    counts: Counter[str] = Counter()
    lines = []
    for diag in report["generalDiagnostics"]:
        if diag["severity"] != "error":
            continue
        file = Path(diag["file"]).relative_to(where).as_posix()
        key = f"{file}::{diag.get('rule', 'error')}"
        counts[key] += 1
        lines.append(f"{file}:{diag['range']['start']['line'] + 1}: {diag['message'].splitlines()[0]} [{key}]")
    return counts, lines


def test_pyright_basic_finds_nothing_beyond_the_baseline(tmp_path):
    pytest.importorskip("pyright")
    counts, lines = run_pyright(tmp_path)
    baseline: dict[str, int] = json.loads(BASELINE.read_text(encoding="utf-8"))
    new = {key: n for key, n in counts.items() if n > baseline.get(key, 0)}
    assert not new, "new type errors (fix them):\n" + "\n".join(
        line for line in lines if any(line.endswith(f"[{key}]") for key in new)
    )
    fixed = {key: (n, counts.get(key, 0)) for key, n in baseline.items() if counts.get(key, 0) < n}
    assert not fixed, f"fewer errors than the baseline, well done: run `python tests/test_types.py --update` {fixed}"


if __name__ == "__main__":
    import tempfile

    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python tests/test_types.py --update")
    with tempfile.TemporaryDirectory() as where:
        found, _ = run_pyright(Path(where))
    BASELINE.write_text(json.dumps(dict(sorted(found.items())), indent=1) + "\n", encoding="utf-8")
    print(f"{sum(found.values())} errors in {len({key.split('::')[0] for key in found})} files")
